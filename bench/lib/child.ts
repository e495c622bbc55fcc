import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** One child process run: how long it took, its peak memory and what it printed. */
export interface ChildRun {
  wallMs: number;
  /** Peak resident set size in bytes. */
  maxRss: number;
  /** CPU time (user + system, all threads) in milliseconds: less sensitive to a busy machine than wall time. */
  cpuMs: number;
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when the child did not exit in time and was killed with everything it started. */
  timedOut: boolean;
}

/** How peak memory is read: GNU time's rusage of the child, or the child's own rusage. */
export type RssMethod = "time -v" | "process.resourceUsage";

const WRAPPER = fileURLToPath(new URL("../child/maxrss.mjs", import.meta.url));
let method: RssMethod | undefined;

// Children run in process groups of their own (see runNode); Ctrl+C must stop them too.
const running = new Set<number>();
process.once("SIGINT", () => {
  for (const pid of running) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  process.exit(130);
});

/** GNU `/usr/bin/time -v` when it works here, else a wrapper that reads Node's own rusage. */
export function rssMethod(): RssMethod {
  method ??= spawnSync("/usr/bin/time", ["-v", "true"], { encoding: "utf8" }).stderr?.includes(
    "Maximum resident set size",
  )
    ? "time -v"
    : "process.resourceUsage";
  return method;
}

/** Runs `node <script> args…` and measures wall time (spawn to exit) and peak memory. */
export async function runNode(
  script: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; nodeArgs?: string[]; timeoutMs?: number },
): Promise<ChildRun> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "factdeck-bench-rss-"));
  const report = path.join(scratch, "rusage");
  const how = rssMethod();
  const nodeArgs = options.nodeArgs ?? [];
  const [file, argv] =
    how === "time -v"
      ? ["/usr/bin/time", ["-v", "-o", report, process.execPath, ...nodeArgs, script, ...args]]
      : [process.execPath, [...nodeArgs, WRAPPER, report, script, ...args]];
  try {
    const started = performance.now();
    const { code, stdout, stderr, timedOut } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
      timedOut: boolean;
    }>((resolve, reject) => {
      const child = spawn(file, argv, {
        cwd: options.cwd,
        env: { ...process.env, FORCE_COLOR: "0", ...options.env },
        stdio: ["ignore", "pipe", "pipe"],
        // A group of its own, so a hung child is stopped with the browser it started.
        detached: true,
      });
      let killed = false;
      if (child.pid) running.add(child.pid);
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => {
        out += d;
      });
      child.stderr.on("data", (d) => {
        err += d;
      });
      const timer = setTimeout(() => {
        killed = true;
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
      }, options.timeoutMs ?? 300_000);
      child.on("error", reject);
      child.on("close", (exit) => {
        clearTimeout(timer);
        if (child.pid) running.delete(child.pid);
        resolve({ code: exit, stdout: out, stderr: err, timedOut: killed });
      });
    });
    const wallMs = performance.now() - started;
    return { wallMs, ...readUsage(report, how), code, stdout, stderr, timedOut };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function readUsage(report: string, how: RssMethod): { maxRss: number; cpuMs: number } {
  let text: string;
  try {
    text = readFileSync(report, "utf8");
  } catch {
    return { maxRss: Number.NaN, cpuMs: Number.NaN };
  }
  if (how === "time -v") {
    const field = (name: string) =>
      Number(new RegExp(`${name}:\\s*([\\d.]+)`).exec(text)?.[1] ?? Number.NaN);
    return {
      maxRss: field("Maximum resident set size \\(kbytes\\)") * 1024,
      cpuMs: (field("User time \\(seconds\\)") + field("System time \\(seconds\\)")) * 1000,
    };
  }
  const usage = JSON.parse(text) as NodeJS.ResourceUsage;
  return { maxRss: usage.maxRSS * 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
}

/** The first line of a failed child's output that says why, for a printed reason. */
export function failureReason(run: ChildRun): string {
  if (run.timedOut) {
    const last = run.stdout.trim().split("\n").at(-1) ?? "";
    return `did not exit in time and was stopped${last ? `; its last output: ${last.trim()}` : ""}`;
  }
  const lines = `${run.stderr}\n${run.stdout}`
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((l) => /error|not|cannot|fail/i.test(l)) ?? lines[0] ?? `exit code ${run.code}`;
}

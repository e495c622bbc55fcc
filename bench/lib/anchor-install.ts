// Installs the anchor tools (Slidev, Marp CLI) into a scratch folder outside the repository,
// at pinned versions, and reuses that folder while the versions match.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The versions measured against. Slidev 52.20 is the last release that supports Node 20
 * (53 needs Node 22.12); playwright-chromium is only the driver: no browser is downloaded,
 * both tools print with the Chromium that factdeck's own export finds.
 */
export const ANCHOR_VERSIONS = {
  "@slidev/cli": "52.20.1",
  "@slidev/theme-default": "0.25.0",
  "playwright-chromium": "1.65.0",
  "@marp-team/marp-cli": "4.5.1",
} as const;
export type AnchorPackage = keyof typeof ANCHOR_VERSIONS;

/**
 * Dependencies of the pinned tools are resolved as the registry stood on this day (npm's
 * `--before`; the day after the newest pin was published), so a later release of a
 * transitive package cannot change what is measured.
 */
export const RESOLVE_BEFORE = "2026-11-06";

/** The scratch folder: FD_BENCH_ANCHORS_DIR, else the user's cache folder. */
export function anchorsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FD_BENCH_ANCHORS_DIR) return path.resolve(env.FD_BENCH_ANCHORS_DIR);
  const cache = env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(cache, "factdeck-bench", "anchors");
}

/** The version of a package installed in `dir`, or undefined when it is not there. */
export function installedVersion(dir: string, name: string): string | undefined {
  try {
    const file = path.join(dir, "node_modules", name, "package.json");
    return (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** The file a package's command runs (its `bin` entry), to start it with this Node. */
export function binOf(dir: string, name: string, command: string): string {
  const root = path.join(dir, "node_modules", name);
  const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    bin?: string | Record<string, string>;
  };
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.[command];
  if (!bin) throw new Error(`${name} has no "${command}" command`);
  return path.join(root, bin);
}

/** What installing (or finding) the anchors came to. */
export interface AnchorInstall {
  dir: string;
  /** Installed versions by package; a package missing here was not installed. */
  versions: Partial<Record<AnchorPackage, string>>;
  /** Whole `npm install` time; undefined when the folder already held the pinned versions. */
  installMs?: number;
  /** Why the install failed, when it did. */
  error?: string;
}

const PIN_FILE = "factdeck-bench.json";

/**
 * The anchors at their pinned versions in the scratch folder: reused when an earlier run
 * installed exactly these, else installed afresh with `npm install`.
 */
export async function installAnchors(
  dir: string,
  log: (message: string) => void,
): Promise<AnchorInstall> {
  const pins = JSON.stringify({ versions: ANCHOR_VERSIONS, before: RESOLVE_BEFORE });
  const current = () =>
    Object.fromEntries(
      Object.keys(ANCHOR_VERSIONS).flatMap((name) => {
        const v = installedVersion(dir, name);
        return v ? [[name, v]] : [];
      }),
    ) as AnchorInstall["versions"];
  const matches = () =>
    (Object.entries(ANCHOR_VERSIONS) as [AnchorPackage, string][]).every(
      ([name, v]) => installedVersion(dir, name) === v,
    );
  const pinFile = path.join(dir, PIN_FILE);
  if (existsSync(pinFile) && readFileSync(pinFile, "utf8") === pins && matches())
    return { dir, versions: current() };

  mkdirSync(dir, { recursive: true });
  rmSync(pinFile, { force: true });
  writeFileSync(
    path.join(dir, "package.json"),
    `${JSON.stringify(
      {
        name: "factdeck-bench-anchors",
        private: true,
        description:
          "Slidev and Marp CLI, installed by factdeck's npm run bench to measure against",
        dependencies: ANCHOR_VERSIONS,
      },
      null,
      2,
    )}\n`,
  );
  log(`  installing ${describeVersions(ANCHOR_VERSIONS)} into ${dir} …`);
  const started = performance.now();
  const result = await runNpm(
    ["install", "--no-audit", "--no-fund", `--before=${RESOLVE_BEFORE}`],
    dir,
  );
  const installMs = performance.now() - started;
  if (result.code !== 0)
    return {
      dir,
      versions: current(),
      installMs,
      error: `npm install failed (${result.code === null ? "stopped" : `exit ${result.code}`}): ${npmReason(result.output)}`,
    };
  if (!matches()) {
    const wrong = (Object.entries(ANCHOR_VERSIONS) as [AnchorPackage, string][])
      .filter(([name, v]) => installedVersion(dir, name) !== v)
      .map(([name, v]) => `${name}@${v} (found ${installedVersion(dir, name) ?? "none"})`);
    return {
      dir,
      versions: current(),
      installMs,
      error: `npm install finished without installing ${wrong.join(", ")}`,
    };
  }
  writeFileSync(pinFile, pins);
  return { dir, versions: current(), installMs };
}

/** "name@version, …" for the log and the table. */
export function describeVersions(versions: Partial<Record<string, string>>): string {
  return Object.entries(versions)
    .map(([name, v]) => `${name}@${v}`)
    .join(", ");
}

/**
 * Why an install failed, from npm's `npm error` lines: the error code and the first message
 * (npm's field lines such as `syscall`, `errno` and the stack are left out).
 */
export function npmReason(output: string): string {
  const lines = output
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const errors = lines
    .filter((l) => /^npm (error|ERR!)/.test(l))
    .map((l) => l.replace(/^npm (error|ERR!)\s*/, ""));
  const code = errors.find((l) => /^code \S+$/.test(l));
  const message = errors.find(
    (l) =>
      !/^(code|syscall|errno|path|dest|at|[a-z]+:)\b/.test(l) &&
      !/complete log of this run|^[{}]$/.test(l),
  );
  const said = [code, message].filter(Boolean).join(": ");
  return said || lines.slice(-2).join("; ") || "no output";
}

const NPM_TIMEOUT_MS = 15 * 60_000;

function runNpm(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  // Under `npm run`, npm_execpath names the npm that started the bench: use the same one.
  const npmCli = process.env.npm_execpath;
  const [file, argv] =
    npmCli && /npm-cli\.js$/.test(npmCli) ? [process.execPath, [npmCli, ...args]] : ["npm", args];
  return new Promise((resolve) => {
    const child = spawn(file, argv, {
      cwd,
      env: {
        ...process.env,
        // The tools print with the system's Chromium; no browser download is wanted (or possible).
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
        PUPPETEER_SKIP_DOWNLOAD: "1",
        npm_config_update_notifier: "false",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), NPM_TIMEOUT_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: -1, output: `npm error could not start npm: ${error.message}` });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

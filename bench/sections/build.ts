import { rmSync } from "node:fs";
import { type ChildRun, failureReason, runNode } from "../lib/child.ts";
import type { BenchContext, SectionResult } from "../lib/context.ts";
import { headline, rowOf } from "../lib/report.ts";
import { summarize } from "../lib/stats.ts";
import type { Workspace } from "../lib/workspace.ts";

/** The CLI's own summary line: pages built and the time it measured itself. */
export function parseBuildSummary(stdout: string): { pages: number; ms: number } | undefined {
  const match = /Built (\d+) deck page\(s\) in (\d+) ms/.exec(stdout);
  return match ? { pages: Number(match[1]), ms: Number(match[2]) } : undefined;
}

/** Runs `factdeck build [args] --out <fresh folder>` warm-up + measured times in a new process each. */
export async function repeatBuilds(
  ctx: BenchContext,
  ws: Workspace,
  label: string,
  args: string[],
  counts: { warmup: number; runs: number },
): Promise<{ runs: ChildRun[]; outDir: string; error?: string }> {
  const runs: ChildRun[] = [];
  let outDir = "";
  for (let i = 0; i < counts.warmup + counts.runs; i++) {
    outDir = ws.outDir(`${label}-${i}`);
    rmSync(outDir, { recursive: true, force: true });
    const run = await runNode("bin/factdeck.js", ["build", ...args, "--out", outDir], {
      cwd: ws.dir,
    });
    if (run.code !== 0) return { runs, outDir, error: `the build failed: ${failureReason(run)}` };
    const warm = i < counts.warmup;
    ctx.log(
      `  ${label} ${warm ? "warm-up" : `run ${i - counts.warmup + 1}/${counts.runs}`}: ${Math.round(run.wallMs)} ms wall, ${Math.round(run.cpuMs)} ms CPU, ${Math.round(run.maxRss / 2 ** 20)} MiB`,
    );
    if (!warm) runs.push(run);
    // Earlier outputs are not needed; the last one stays for the payload section.
    if (i > 0) rmSync(ws.outDir(`${label}-${i - 1}`), { recursive: true, force: true });
  }
  return { runs, outDir };
}

/** Cold `factdeck build` of every flagship deck and audience, each in a fresh Node process. */
export async function benchColdBuild(
  ctx: BenchContext,
  ws: Workspace,
): Promise<SectionResult & { siteDir?: string }> {
  const { runs, outDir, error } = await repeatBuilds(ctx, ws, "cold", [], ctx.options);
  if (error) return { rows: [], skipped: error };
  const summary = parseBuildSummary(runs[0]!.stdout);
  const pages = summary?.pages ?? 0;
  const inProcess = runs.map((r) => parseBuildSummary(r.stdout)?.ms ?? Number.NaN);
  const section = "cold build";
  return {
    siteDir: outDir,
    rows: [
      rowOf(
        section,
        `all flagship decks (${pages} pages), wall`,
        "ms",
        summarize(runs.map((r) => r.wallMs)),
        { op: "<", limit: 1500 },
        "new Node process: tsx, imports, render, Vite",
      ),
      headline(
        section,
        "CPU time (user + system)",
        "ms",
        summarize(runs.map((r) => r.cpuMs)),
        undefined,
        "all threads; steadier than wall time on a busy machine",
      ),
      headline(section, "peak memory (RSS)", "rss", summarize(runs.map((r) => r.maxRss))),
      rowOf(
        section,
        "time the CLI reports (render + Vite)",
        "ms",
        summarize(inProcess),
        undefined,
        "without Node start-up and imports",
      ),
    ],
    detail: {
      pages,
      wallMs: runs.map((r) => r.wallMs),
      cpuMs: runs.map((r) => r.cpuMs),
      maxRss: runs.map((r) => r.maxRss),
      reportedMs: inProcess,
    },
  };
}

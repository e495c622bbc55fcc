import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { failureReason, runNode } from "../lib/child.ts";
import type { BenchContext, SectionResult } from "../lib/context.ts";
import { type CpuProfile, selfTimeByOwner, type TimeShare } from "../lib/cpuprofile.ts";
import { type Row, rowOf } from "../lib/report.ts";
import { median, summarize } from "../lib/stats.ts";
import type { Workspace } from "../lib/workspace.ts";

const PHASES = fileURLToPath(new URL("../child/phases.mjs", import.meta.url));
const BUNDLED_CLI = fileURLToPath(new URL("../child/bundled-cli.mjs", import.meta.url));

/**
 * Bundles src/cli with esbuild (installed with tsx) into `src/.bench-bundle` of the copy,
 * beside src/build so paths the code computes from its own URL still resolve.
 */
async function bundleCli(ws: Workspace): Promise<string | undefined> {
  try {
    const { build } = await import("esbuild");
    await build({
      entryPoints: [path.join(ws.dir, "src/cli/main.ts")],
      bundle: true,
      splitting: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      jsx: "automatic",
      jsxImportSource: "preact",
      outdir: path.join(ws.dir, "src/.bench-bundle"),
      logLevel: "silent",
    });
    return undefined;
  } catch (error) {
    return `esbuild could not bundle the CLI: ${(error as Error).message.split("\n")[0]}`;
  }
}

type Usage = { wallMs: number; cpuMs: number; maxRss: number };

/**
 * Cold builds through several entry scripts, taking turns within each round, so that
 * every variant meets the same load on a shared machine; a reason when one fails.
 */
async function interleavedBuilds(
  ctx: BenchContext,
  ws: Workspace,
  scripts: Record<string, string>,
): Promise<Record<string, Usage[]> | string> {
  const runs: Record<string, Usage[]> = Object.fromEntries(
    Object.keys(scripts).map((k) => [k, []]),
  );
  for (let i = 0; i < ctx.options.warmup + ctx.options.runs; i++) {
    for (const [name, script] of Object.entries(scripts)) {
      const out = ws.outDir("variant");
      rmSync(out, { recursive: true, force: true });
      const run = await runNode(script, ["build", "--out", out], { cwd: ws.dir });
      if (run.code !== 0) return `${name}: ${failureReason(run)}`;
      if (i >= ctx.options.warmup) runs[name]!.push(run);
    }
  }
  return runs;
}

interface PhaseRun {
  marks: Array<[string, number]>;
  end: number;
  wallMs: number;
}

async function phaseRuns(
  ctx: BenchContext,
  ws: Workspace,
  preload: boolean,
): Promise<PhaseRun[] | string> {
  const runs: PhaseRun[] = [];
  for (let i = 0; i < ctx.options.warmup + ctx.options.runs; i++) {
    const run = await runNode(PHASES, [ws.dir, ws.outDir("phases")], {
      cwd: ws.dir,
      env: { FD_BENCH_PRELOAD: preload ? "1" : "0" },
    });
    if (run.code !== 0) return `the phase timing failed: ${failureReason(run)}`;
    const parsed = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as Omit<PhaseRun, "wallMs">;
    if (i >= ctx.options.warmup) runs.push({ ...parsed, wallMs: run.wallMs });
  }
  return runs;
}

function medianMarks(runs: PhaseRun[]): Array<[string, number]> {
  return runs[0]!.marks.map(([name], i) => [name, median(runs.map((r) => r.marks[i]![1]))]);
}

/**
 * Where a cold build's time goes: the build's steps timed one by one in a fresh process,
 * the same with dependencies loaded before tsx's loader, the CLI so changed, and a CPU
 * profile of the real CLI summarised by package.
 */
export async function benchPhases(ctx: BenchContext, ws: Workspace): Promise<SectionResult> {
  const plain = await phaseRuns(ctx, ws, false);
  if (typeof plain === "string") return { rows: [], skipped: plain };
  const preloaded = await phaseRuns(ctx, ws, true);
  if (typeof preloaded === "string") return { rows: [], skipped: preloaded };
  const section = "cold build phases";
  const rows: Row[] = [];
  const plainMarks = medianMarks(plain);
  for (const [name, ms] of plainMarks) rows.push({ section, measure: name, unit: "ms", value: ms });
  const exit = median(plain.map((r) => r.wallMs - r.end));
  rows.push(
    { section, measure: "process exit (and spawn)", unit: "ms", value: exit },
    rowOf(section, "total, wall", "ms", summarize(plain.map((r) => r.wallMs))),
  );

  const preMarks = medianMarks(preloaded);
  const importsOf = (marks: Array<[string, number]>) =>
    marks
      .filter(([name]) => /^(import|tsx|dependencies)/.test(name))
      .reduce((sum, [, ms]) => sum + ms, 0);
  const variant = "proposal: faster start-up";
  rows.push(
    {
      section: variant,
      measure: "tsx + imports, every module through tsx",
      unit: "ms",
      value: importsOf(plainMarks),
    },
    {
      section: variant,
      measure: "tsx + imports, dependencies loaded first (as bin/factdeck.js does)",
      unit: "ms",
      value: importsOf(preMarks),
      note: "the same modules; tsx's loader hooks never see node_modules",
    },
  );

  // The CLI as it is (which loads dependencies before tsx) and precompiled, taking turns.
  const bundleError = await bundleCli(ws);
  if (bundleError) ctx.log(`  precompiled CLI not measured: ${bundleError}`);
  const entries: Record<string, string> = {
    "as now (bin/factdeck.js)": path.join(ws.dir, "bin/factdeck.js"),
  };
  if (!bundleError) entries["precompiled: esbuild bundle of src/cli"] = BUNDLED_CLI;
  const variants = await interleavedBuilds(ctx, ws, entries);
  if (typeof variants === "string")
    return { rows, skipped: `a start-up variant failed: ${variants}` };
  const compare = "proposal: faster start-up";
  for (const [name, list] of Object.entries(variants))
    rows.push(
      rowOf(
        compare,
        `cold build, wall: ${name}`,
        "ms",
        summarize(list.map((r) => r.wallMs)),
        { op: "<", limit: 1500 },
        `CPU ${Math.round(median(list.map((r) => r.cpuMs)))} ms, ${Math.round(median(list.map((r) => r.maxRss)) / 2 ** 20)} MiB; runs take turns`,
      ),
    );

  let profile: Record<string, TimeShare[]> | undefined;
  if (ctx.options.profile) {
    profile = await cpuProfile(ws);
    for (const [file, shares] of Object.entries(profile)) {
      // Node names profiles CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is main.
      const thread = file.split(".")[4];
      const total = sum(shares);
      const name =
        thread === "0"
          ? "CPU profile: main thread"
          : `CPU profile: thread ${thread}${shares.some((x) => x.name === "tsx") ? " (tsx's loader hooks)" : ""}`;
      for (const share of shares.slice(0, thread === "0" ? 8 : 4))
        rows.push({
          section: name,
          measure: share.name,
          unit: "ms",
          value: share.ms,
          note: `${((share.ms / total) * 100).toFixed(0)}% of ${Math.round(total)} ms sampled`,
        });
    }
  }
  return {
    rows,
    detail: {
      plain: plainMarks,
      preloaded: preMarks,
      plainRuns: plain,
      variants,
      profile,
    },
  };
}

function sum(list: readonly TimeShare[]): number {
  return list.reduce((a, b) => a + b.ms, 0);
}

/** One cold build under `--cpu-prof`; self time by package for each profiled thread. */
async function cpuProfile(ws: Workspace): Promise<Record<string, TimeShare[]>> {
  const dir = ws.outDir("cpu-profile");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await runNode("bin/factdeck.js", ["build", "--out", ws.outDir("profiled")], {
    cwd: ws.dir,
    nodeArgs: ["--cpu-prof", "--cpu-prof-dir", dir],
  });
  const out: Record<string, TimeShare[]> = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .sort()) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
    out[file] = selfTimeByOwner(profile);
  }
  return out;
}

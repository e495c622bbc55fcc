import { existsSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { type ChildRun, failureReason, runNode } from "../lib/child.ts";
import type { BenchContext, SectionResult } from "../lib/context.ts";
import { headline, rowOf } from "../lib/report.ts";
import { summarize } from "../lib/stats.ts";
import type { Workspace } from "../lib/workspace.ts";

/** What `factdeck pptx` says it wrote: slides, native charts, charts drawn with shapes. */
export function parsePptxSummary(output: string): {
  slides?: number;
  native?: number;
  drawn?: number;
} {
  const m = /(\d+) slides, (\d+) native chart\(s\)(?:; drawn with shapes: ([^\n]*))?/.exec(output);
  if (!m) return {};
  return {
    slides: Number(m[1]),
    native: Number(m[2]),
    drawn: m[3] ? m[3].split(",").length : 0,
  };
}

/**
 * `factdeck pptx` of one deck audience, the whole command in a new process each run, into a
 * site built once (the export renders from the project; the build only makes its folder).
 */
export async function benchPptx(
  ctx: BenchContext,
  ws: Workspace,
  target: { deck: string; audience: string },
): Promise<SectionResult> {
  const site = ws.outDir("pptx-site");
  const built = await runNode("bin/factdeck.js", ["build", "--out", site], { cwd: ws.dir });
  if (built.code !== 0) return { rows: [], skipped: `the build failed: ${failureReason(built)}` };
  const file = path.join(site, target.deck, target.audience, "slides.pptx");
  const runs: ChildRun[] = [];
  let summary: ReturnType<typeof parsePptxSummary> = {};
  for (let i = 0; i < ctx.options.warmup + ctx.options.runs; i++) {
    rmSync(file, { force: true });
    const run = await runNode(
      "bin/factdeck.js",
      ["pptx", target.deck, "--audience", target.audience, "--out", site],
      { cwd: ws.dir, timeoutMs: 90_000 },
    );
    if (run.code !== 0 || !existsSync(file))
      return { rows: [], skipped: `factdeck pptx failed: ${failureReason(run)}` };
    summary = parsePptxSummary(run.stdout);
    const warm = i < ctx.options.warmup;
    ctx.log(
      `  ${target.deck}/${target.audience} ${warm ? "warm-up" : `run ${i - ctx.options.warmup + 1}/${ctx.options.runs}`}: ${Math.round(run.wallMs)} ms`,
    );
    if (!warm) runs.push(run);
  }
  const label = `${target.deck}/${target.audience}`;
  const charts = (summary.native ?? 0) + (summary.drawn ?? 0);
  return {
    rows: [
      headline(
        "pptx",
        `PowerPoint of ${label}, whole command`,
        "ms",
        summarize(runs.map((r) => r.wallMs)),
        undefined,
        `${summary.slides ?? "?"} slides, ${charts} charts (${summary.native ?? "?"} native, ${summary.drawn ?? "?"} drawn with shapes), ${Math.round(statSync(file).size / 1000)} KB`,
      ),
      rowOf("pptx", `PowerPoint of ${label}: CPU time`, "ms", summarize(runs.map((r) => r.cpuMs))),
      rowOf(
        "pptx",
        `PowerPoint of ${label}: peak memory`,
        "rss",
        summarize(runs.map((r) => r.maxRss)),
      ),
    ],
    detail: { ...summary, bytes: statSync(file).size },
  };
}

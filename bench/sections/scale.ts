import type { BenchContext, SectionResult } from "../lib/context.ts";
import type { Row } from "../lib/report.ts";
import { rowOf } from "../lib/report.ts";
import { linearFit, summarize } from "../lib/stats.ts";
import type { Workspace } from "../lib/workspace.ts";
import { parseBuildSummary, repeatBuilds } from "./build.ts";

/** Builds of synthetic decks (written earlier as `bench-<size>`), and a line fitted through them. */
export async function benchScale(ctx: BenchContext, ws: Workspace): Promise<SectionResult> {
  const sizes = [...ctx.options.sizes].sort((a, b) => a - b);
  const rows: Row[] = [];
  const points: Array<{
    slides: number;
    wallMs: number;
    cpuMs: number;
    maxRss: number;
    reportedMs: number;
  }> = [];
  const section = "scaling";
  for (const [i, size] of sizes.entries()) {
    const { runs, error } = await repeatBuilds(
      ctx,
      ws,
      `bench-${size}`,
      [`bench-${size}`],
      // One warm-up for the first size fills tsx's cache; larger sizes need none.
      { warmup: i === 0 ? ctx.options.warmup : 0, runs: ctx.options.scaleRuns },
    );
    if (error) return { rows, skipped: `${size} slides: ${error}` };
    const wall = summarize(runs.map((r) => r.wallMs));
    const rss = summarize(runs.map((r) => r.maxRss));
    const reported = summarize(runs.map((r) => parseBuildSummary(r.stdout)?.ms ?? Number.NaN));
    const cpu = summarize(runs.map((r) => r.cpuMs));
    points.push({
      slides: size,
      wallMs: wall.median,
      cpuMs: cpu.median,
      maxRss: rss.median,
      reportedMs: reported.median,
    });
    const thousand = size === 1000;
    rows.push(
      rowOf(
        section,
        `${size} slides (${Math.floor(size / 5)} charts): build, wall`,
        "ms",
        wall,
        thousand ? { op: "<", limit: 15_000 } : undefined,
      ),
      rowOf(section, `${size} slides: CPU time`, "ms", cpu),
      rowOf(
        section,
        `${size} slides: peak memory (RSS)`,
        "rss",
        rss,
        thousand ? { op: "<", limit: 2 ** 30 } : undefined,
      ),
    );
  }
  let fit: ReturnType<typeof linearFit> | undefined;
  let rssFit: ReturnType<typeof linearFit> | undefined;
  let cpuFit: ReturnType<typeof linearFit> | undefined;
  if (points.length >= 2) {
    const xs = points.map((p) => p.slides);
    fit = linearFit(
      xs,
      points.map((p) => p.wallMs),
    );
    cpuFit = linearFit(
      xs,
      points.map((p) => p.cpuMs),
    );
    rssFit = linearFit(
      xs,
      points.map((p) => p.maxRss / 2 ** 20),
    );
    rows.push(
      {
        section,
        measure: "build time per slide (slope of the fit)",
        headline: true,
        unit: "ms/slide",
        value: fit.slope,
        note: `+ ${Math.round(fit.intercept)} ms fixed; at 1,000 slides ≈ ${Math.round(fit.intercept + fit.slope * 1000)} ms`,
      },
      {
        section,
        measure: "linear fit of build time, R²",
        headline: true,
        unit: "r2",
        value: fit.r2,
        note: "1 = a straight line",
      },
      {
        section,
        measure: "CPU time per slide (slope of the fit)",
        unit: "ms/slide",
        value: cpuFit.slope,
        note: `+ ${Math.round(cpuFit.intercept)} ms fixed, R² ${cpuFit.r2.toFixed(4)}; CPU time barely depends on other load`,
      },
      {
        section,
        measure: "memory per slide (slope of the fit)",
        unit: "MiB/slide",
        value: rssFit.slope,
        note: `+ ${Math.round(rssFit.intercept)} MiB fixed, R² ${rssFit.r2.toFixed(4)}`,
      },
    );
  }
  return { rows, detail: { points, fit, cpuFit, rssFit } };
}

import { fileURLToPath } from "node:url";
import { failureReason, runNode } from "../lib/child.ts";
import type { BenchContext, SectionResult } from "../lib/context.ts";
import type { Row } from "../lib/report.ts";
import { REPO, type Workspace } from "../lib/workspace.ts";

const SCRIPT = fileURLToPath(new URL("../child/micro.ts", import.meta.url));

/** What `child/micro.ts` prints. */
export interface MicroResult {
  datasetMs: number;
  datasetWarmMs: number;
  firstChartMs: number;
  chart: { median: number; samples: number; specs: number };
  chartByKind: Record<string, { median: number; samples: number }>;
  /** A line chart of 1,500 rows (3 series × 500 days), rows already fetched. */
  rowChart?: { median: number; samples: number; points: number };
  firstCompileMs: number;
  compilePerSlide: { median: number; samples: number };
  compilePerFile: Record<string, number>;
  project: {
    pages: number;
    coldMs: number;
    warm: number;
    afterSlideEdit: number;
    afterDataEdit: number;
    afterSlideEditKeptDataset: number;
    checks?: number;
    schemaImport?: number;
    plan: { deck: string; figure: string; slide: string };
  };
}

/** Chart render and MDX compile times with caches cleared, and the dev server's re-render. */
export async function benchMicro(ctx: BenchContext, ws: Workspace): Promise<SectionResult> {
  const run = await runNode(SCRIPT, [ws.dir, String(ctx.options.iterations)], {
    // tsx applies the repository's tsconfig (JSX for preact) to the files it includes.
    cwd: REPO,
    nodeArgs: ["--import", "tsx"],
  });
  if (run.code !== 0) return { rows: [], skipped: `micro benchmark failed: ${failureReason(run)}` };
  const r = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as MicroResult;
  const kinds = Object.entries(r.chartByKind)
    .map(([k, v]) => `${k} ${v.median.toFixed(1)}`)
    .join(", ");
  const rows: Row[] = [
    {
      section: "charts",
      measure: "render one chart, cache cleared",
      headline: true,
      unit: "ms",
      value: r.chart.median,
      note: `${r.chart.specs} charts × ${ctx.options.iterations}; by kind (ms): ${kinds}`,
    },
    ...(r.rowChart
      ? [
          {
            section: "charts",
            measure: `chart of ${r.rowChart.points.toLocaleString("en-US")} points from rows, cache cleared`,
            headline: true,
            unit: "ms",
            value: r.rowChart.median,
            note: `a line of 3 series × 500 days, ${r.rowChart.samples} renders; target under 20 ms`,
          } satisfies Row,
        ]
      : []),
    {
      section: "charts",
      measure: "first chart in a new process",
      unit: "ms",
      value: r.firstChartMs,
      note: "Plot's and linkedom's first use",
    },
    {
      section: "MDX",
      measure: "compile one slide, cache cleared",
      headline: true,
      unit: "ms",
      value: r.compilePerSlide.median,
      note: `${Object.keys(r.compilePerFile).length} files × ${ctx.options.iterations}, per slide`,
    },
    {
      section: "MDX",
      measure: "first compile in a new process",
      unit: "ms",
      value: r.firstCompileMs,
    },
    {
      section: "re-render (server)",
      measure: `whole project after a slide edit (${r.project.pages} pages)`,
      unit: "ms",
      value: r.project.afterSlideEdit,
      note: "what the dev server does per change; part of the dev update",
    },
    {
      section: "re-render (server)",
      measure: "whole project after a data edit",
      unit: "ms",
      value: r.project.afterDataEdit,
      note: `${r.project.plan.figure}; dataset reload ${r.datasetWarmMs.toFixed(0)} ms`,
    },
    {
      section: "re-render (server)",
      measure: "whole project, nothing changed",
      unit: "ms",
      value: r.project.warm,
    },
    {
      section: "re-render (server)",
      measure: "of which: finding the schema file unchanged",
      unit: "ms",
      value: r.project.schemaImport,
      note: "on every loadDataset: its inputs hashed, the compiled module reused",
    },
    {
      section: "re-render (server)",
      measure: "checks after each render (factdeck check's)",
      unit: "ms",
      value: r.project.checks,
      note: "the dev server runs them before it sends the update",
    },
    {
      section: "re-render (server)",
      measure: "proposal: slide edit, dataset kept in memory",
      unit: "ms",
      value: r.project.afterSlideEditKeptDataset,
      note: "renderDeck per audience with the loaded dataset",
    },
  ];
  return { rows, detail: r };
}

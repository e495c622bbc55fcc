// Times one chart render and one MDX compile with their caches cleared, and the re-render
// the dev server does after an edit. Runs in a process of its own so the first calls are
// really the first; prints one JSON object. Usage: micro.ts <project copy> <iterations>
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { clearChartCache, renderChart, renderRowChart } from "../../src/charts/index.ts";
import { listDecks, loadDataset, loadDeck } from "../../src/data/index.ts";
import { importTypeScriptModule } from "../../src/data/typescript-module.ts";
import { clearCompileCache, compileSlides } from "../../src/mdx/compile.ts";
import { renderDeck } from "../../src/mdx/render-deck.ts";
import { renderProject } from "../../src/project/index.ts";
import { editFigure, editSlide, planEdits } from "../lib/edits.ts";
import { median } from "../lib/stats.ts";
import {
  chartSpecs,
  chartsInSlides,
  type SyntheticDeck,
  syntheticSlide,
} from "../lib/synthetic.ts";

const [root, iterationsArg] = process.argv.slice(2);
if (!root) throw new Error("usage: micro.ts <project> <iterations>");
const iterations = Number(iterationsArg ?? 20);
const slidesDir = path.join(root, "slides");
const deckId = listDecks(slidesDir).filter((d) => !d.startsWith("bench-"))[0]!;
const { deck } = loadDeck(slidesDir, deckId);
if (!deck) throw new Error(`the deck ${deckId} does not load`);

async function time<T>(fn: () => T | Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [performance.now() - started, value];
}

const [datasetMs, loaded] = await time(() =>
  loadDataset(path.join(root, "data"), deck.config.dataset),
);
const dataset = loaded.dataset;
if (!dataset) throw new Error("the dataset does not load");

// The first chart of the process pays for Plot's and linkedom's first use.
let firstChartMs = Number.NaN;
for (const spec of chartsInSlides(slidesDir)) {
  const [ms, result] = await time(() => renderChart(spec, dataset));
  if (result.diagnostics.length === 0) {
    firstChartMs = ms;
    break;
  }
}

const specs = chartSpecs(dataset, slidesDir);
const byKind: Record<string, number[]> = {};
const allCharts: number[] = [];
for (const spec of specs) {
  for (let i = 0; i < iterations; i++) {
    clearChartCache();
    const [ms] = await time(() => renderChart(spec, dataset));
    byKind[spec.kind] = [...(byKind[spec.kind] ?? []), ms];
    allCharts.push(ms);
  }
}

// A chart of rows at the size the issue sets: 1,500 points (3 series of 500 days), the rows
// already fetched, as the deck render has them; the cache is cleared so each render draws.
const day = 86_400_000;
const rowColumns = [
  { name: "day", type: "DATE", kind: "date" as const, display: {} },
  { name: "court", type: "VARCHAR", kind: "text" as const, display: {} },
  { name: "cases", type: "BIGINT", kind: "number" as const, display: { unit: "count" as const } },
];
const pointRows = ["District A", "District B", "District C"].flatMap((court, s) =>
  Array.from({ length: 500 }, (_, i) => ({
    day: new Date(Date.UTC(2018, 0, 1) + i * day),
    court,
    cases: 40 + s * 30 + ((i * 37) % 23),
  })),
);
const rowChartMs: number[] = [];
for (let i = 0; i < iterations; i++) {
  clearChartCache();
  const [ms] = await time(() =>
    renderRowChart(
      {
        kind: "line",
        table: "bench",
        title: "1,500 points",
        x: "day",
        y: "cases",
        series: "court",
        frame: { width: 1000, height: 375, px: 1.12 },
        locale: "en-US",
      },
      { rows: pointRows, columns: rowColumns },
    ),
  );
  rowChartMs.push(ms);
}

// MDX: the deck's own slide files, plus a synthetic prose slide and a synthetic chart slide.
const synthetic: SyntheticDeck = {
  id: "bench-micro",
  slides: 5,
  dataset: deck.config.dataset,
  theme: deck.config.theme,
  keys: dataset.keys(),
  charts: specs,
};
const sources: Array<{ file: string; id: string; text: string }> = [
  ...[...deck.slideFiles].map(([id, file]) => ({ file, id, text: readFileSync(file, "utf8") })),
  {
    file: path.join(slidesDir, "bench-micro", "prose.mdx"),
    id: "prose",
    text: syntheticSlide(0, synthetic),
  },
  {
    file: path.join(slidesDir, "bench-micro", "chart.mdx"),
    id: "chart",
    text: syntheticSlide(4, synthetic),
  },
];
clearCompileCache();
const [firstCompileMs] = await time(() =>
  compileSlides(sources[0]!.file, sources[0]!.text, sources[0]!.id),
);
const perSlide: number[] = [];
const perFile: Record<string, number> = {};
for (const source of sources) {
  const samples: number[] = [];
  let slides = 1;
  for (let i = 0; i < iterations; i++) {
    clearCompileCache();
    const [ms, result] = await time(() => compileSlides(source.file, source.text, source.id));
    if (!result.compiled) throw new Error(`${source.file} does not compile`);
    slides = result.compiled.slideCount;
    samples.push(ms);
    perSlide.push(ms / slides);
  }
  perFile[path.relative(root, source.file)] = median(samples);
}

// What the dev server does on every change: render the whole project again.
clearCompileCache();
clearChartCache();
const [projectColdMs, first] = await time(() => renderProject({ root }));
if (first.diagnostics.some((d) => d.severity === "error"))
  throw new Error(`the project does not render: ${first.diagnostics[0]!.message}`);
const warm: number[] = [];
for (let i = 0; i < iterations; i++) warm.push((await time(() => renderProject({ root })))[0]);

const plan = await planEdits(root);
const slideText = readFileSync(plan.slideFile, "utf8");
const dataText = readFileSync(plan.dataFile, "utf8");
const afterSlide: number[] = [];
const afterData: number[] = [];
for (let i = 0; i < iterations; i++) {
  writeFileSync(plan.slideFile, editSlide(slideText, i).text);
  afterSlide.push((await time(() => renderProject({ root })))[0]);
}
writeFileSync(plan.slideFile, slideText);
for (let i = 0; i < iterations; i++) {
  writeFileSync(plan.dataFile, editFigure(dataText, plan, i));
  afterData.push((await time(() => renderProject({ root })))[0]);
}
writeFileSync(plan.dataFile, dataText);
// The dev server also runs the project's checks after every render (when it does).
const check = (await import("../../src/project/index.ts")) as {
  checkRenderedProject?: (r: unknown, o: { root: string }) => Promise<unknown>;
};
const checks: number[] = [];
if (check.checkRenderedProject) {
  const rendered = await renderProject({ root });
  for (let i = 0; i < iterations; i++)
    checks.push((await time(() => check.checkRenderedProject!(rendered, { root })))[0]);
}
const [datasetWarmMs] = await time(() => loadDataset(path.join(root, "data"), deck.config.dataset));

// Costs behind proposals: the schema file looked up again on every dataset load, and a
// re-render that keeps the dataset in memory and renders the deck's audiences directly.
const schemaFile = path.join(root, "data", `${deck.config.dataset}.schema.ts`);
const schemaImport: number[] = [];
if (existsSync(schemaFile))
  for (let i = 0; i < Math.min(iterations, 10); i++)
    schemaImport.push((await time(() => importTypeScriptModule(schemaFile)))[0]);
const keptDataset: number[] = [];
for (let i = 0; i < iterations; i++) {
  writeFileSync(plan.slideFile, editSlide(slideText, iterations + i).text);
  const [ms] = await time(async () => {
    const current = loadDeck(slidesDir, deckId).deck!;
    for (const [audience, a] of Object.entries(current.config.audiences))
      await renderDeck(current, audience, dataset, { theme: a.theme ?? current.config.theme });
  });
  keptDataset.push(ms);
}
writeFileSync(plan.slideFile, slideText);

process.stdout.write(
  `${JSON.stringify({
    datasetMs,
    datasetWarmMs,
    firstChartMs,
    chart: { median: median(allCharts), samples: allCharts.length, specs: specs.length },
    chartByKind: Object.fromEntries(
      Object.entries(byKind).map(([kind, list]) => [
        kind,
        { median: median(list), samples: list.length },
      ]),
    ),
    rowChart: { median: median(rowChartMs), samples: rowChartMs.length, points: pointRows.length },
    firstCompileMs,
    compilePerSlide: { median: median(perSlide), samples: perSlide.length },
    compilePerFile: perFile,
    project: {
      pages: first.decks.length,
      coldMs: projectColdMs,
      warm: median(warm),
      afterSlideEdit: median(afterSlide),
      afterDataEdit: median(afterData),
      afterSlideEditKeptDataset: median(keptDataset),
      checks: checks.length ? median(checks) : undefined,
      schemaImport: schemaImport.length ? median(schemaImport) : undefined,
      plan: { deck: plan.deck, figure: plan.figureKey, slide: path.basename(plan.slideFile) },
    },
  })}\n`,
);

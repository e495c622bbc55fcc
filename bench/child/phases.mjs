// A cold build split into its phases, in a fresh process: the same steps `factdeck build`
// takes, with a clock around each. Plain JavaScript, so the time tsx takes to start is
// measured too. Prints one JSON object. Usage: phases.mjs <project copy> <out dir>
// FD_BENCH_PRELOAD=1 loads the heavy dependencies before tsx registers its loader.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const started = performance.now();
const [root, outDir] = process.argv.slice(2);
const marks = [["node start-up (to this script)", started]];
let last = started;
const mark = (name) => {
  const now = performance.now();
  marks.push([name, now - last]);
  last = now;
};

/** Dependencies that are plain JavaScript and need no TypeScript loader. */
export const PRELOAD = [
  "zod",
  "yaml",
  "vite",
  "remark-mdx",
  "@observablehq/plot",
  "linkedom",
  "preact",
  "preact-render-to-string",
];
if (process.env.FD_BENCH_PRELOAD === "1") {
  await Promise.all(PRELOAD.map((m) => import(m)));
  mark("dependencies loaded before tsx");
}

const { register } = await import("tsx/esm/api");
register({ tsconfig: path.join(root, "tsconfig.json") });
mark("tsx start-up");

const src = (file) => import(pathToFileURL(path.join(root, "src", file)).href);
const data = await src("data/index.ts");
mark("import src/data (zod, yaml)");
const compile = await src("mdx/compile.ts");
mark("import src/mdx/compile (MDX)");
const charts = await src("charts/index.ts");
mark("import src/charts (Plot, linkedom)");
const project = await src("project/index.ts");
mark("import src/mdx, src/project (preact)");
const vite = await import("vite");
mark("import vite");
const { createViteConfig } = await src("build/vite-config.ts");
mark("import src/build (the rest)");

const slidesDir = path.join(root, "slides");
const decks = data
  .listDecks(slidesDir)
  .map((id) => data.loadDeck(slidesDir, id).deck)
  .filter(Boolean);
const datasets = new Map();
for (const deck of decks) {
  if (!datasets.has(deck.config.dataset)) {
    const { dataset } = await data.loadDataset(path.join(root, "data"), deck.config.dataset);
    datasets.set(deck.config.dataset, dataset);
  }
}
mark("load decks and dataset (parse, zod, schema via tsx)");

const references = [];
for (const deck of decks) {
  const ids = new Set(Object.values(deck.config.audiences).flatMap((a) => a.slides));
  for (const id of ids) {
    const file = deck.slideFiles.get(id);
    if (!file) continue;
    const result = await compile.compileSlides(file, readFileSync(file, "utf8"), id);
    for (const ref of result.compiled?.references ?? [])
      if (ref.name === "Chart")
        references.push({ ref, dataset: datasets.get(deck.config.dataset) });
  }
}
mark("compile MDX (every slide file once)");

for (const { ref, dataset } of references) {
  charts.renderChart(
    {
      kind: ref.attributes.kind,
      keys: ref.attributes.of.split(/\s+/),
      title: ref.attributes.title,
    },
    dataset,
  );
}
mark(`render charts (${references.length})`);

const rendered = await project.renderProject({ root });
mark("render pages (run MDX, HTML; dataset loaded again; caches warm)");

const staging = path.resolve(outDir);
rmSync(staging, { recursive: true, force: true });
await vite.build({
  ...createViteConfig({ root, prerendered: rendered, outDir: staging }),
  configFile: false,
});
mark("Vite build (bundle JS/CSS, copy fonts, write pages)");

process.stdout.write(
  `${JSON.stringify({ marks, end: performance.now(), pages: rendered.decks.length })}\n`,
);

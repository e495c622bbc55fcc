// `npm run bench`: builds, dev updates, PDF export, payload, scaling and per-item costs,
// measured on copies of the project; prints a table and writes bench/results/latest.json.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadDataset } from "../src/data/index.ts";
import { findBrowser, noBrowserDiagnostic } from "../src/export/chromium.ts";
import { rssMethod } from "./lib/child.ts";
import type { BenchContext, SectionResult } from "./lib/context.ts";
import { busyWarning, machineInfo } from "./lib/machine.ts";
import { BENCH_USAGE, parseBenchOptions, type Section } from "./lib/options.ts";
import type { PagePayload } from "./lib/payload.ts";
import { formatMarkdown, formatTable, meets, type Row } from "./lib/report.ts";
import { chartSpecs, writeSyntheticDeck } from "./lib/synthetic.ts";
import { createWorkspace, REPO, type Workspace } from "./lib/workspace.ts";
import { benchAnchors } from "./sections/anchors.ts";
import { benchColdBuild } from "./sections/build.ts";
import { benchDev } from "./sections/dev.ts";
import { benchMicro } from "./sections/micro.ts";
import { benchPayload, formatPayloadTable } from "./sections/payload.ts";
import { benchPdf } from "./sections/pdf.ts";
import { benchPhases } from "./sections/phases.ts";
import { benchPptx } from "./sections/pptx.ts";
import { benchScale } from "./sections/scale.ts";
import { benchTables } from "./sections/tables.ts";

const parsed = parseBenchOptions(process.argv.slice(2));
if (parsed.help) {
  process.stdout.write(BENCH_USAGE);
  process.exit(0);
}
if (!parsed.options) {
  process.stderr.write(`bench: ${parsed.error}\n\n${BENCH_USAGE}`);
  process.exit(2);
}
const options = parsed.options;
const browserPath = findBrowser();
const ctx: BenchContext = {
  options,
  browserPath,
  noBrowserReason: browserPath ? undefined : noBrowserDiagnostic().message,
  log: (message) => process.stderr.write(`${message}\n`),
};
const machine = machineInfo(browserPath);
const wants = (s: Section) => options.only.includes(s);
const workspaces: Workspace[] = [];
const workspace = (label: string) => {
  const ws = createWorkspace(label, options.keep);
  workspaces.push(ws);
  return ws;
};

ctx.log(
  `factdeck bench${options.quick ? " (quick)" : ""}: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`,
);
ctx.log(
  `runs ${options.runs} (+${options.warmup} warm-up), scaling ${options.sizes.join("/")} × ${options.scaleRuns}, edits ${options.edits}, peak memory by ${rssMethod()}`,
);

const busy = busyWarning(machine.cores);
if (busy) ctx.log(`warning: ${busy}`);

const results: Partial<Record<Section, SectionResult>> = {};
async function section(name: Section, title: string, run: () => Promise<SectionResult>) {
  if (!wants(name)) return;
  ctx.log(`\n${title}`);
  const started = performance.now();
  try {
    results[name] = await run();
  } catch (error) {
    results[name] = { rows: [], skipped: `failed: ${(error as Error).stack ?? error}` };
  }
  const skipped = results[name]!.skipped;
  if (skipped) ctx.log(`  skipped: ${skipped}`);
  ctx.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

try {
  const flagship = workspace("flagship");
  let siteDir: string | undefined;
  await section("build", "Cold build of the flagship decks", async () => {
    const result = await benchColdBuild(ctx, flagship);
    siteDir = result.siteDir;
    return result;
  });
  await section("payload", "Payload of each built deck", async () => {
    if (!siteDir) {
      const built = await benchColdBuild(ctx, flagship);
      siteDir = built.siteDir;
      if (!siteDir) return { rows: [], skipped: built.skipped };
    }
    return benchPayload(ctx, siteDir);
  });
  await section("dev", "Dev server: file write to updated page", () =>
    benchDev(ctx, workspace("dev")),
  );

  // Synthetic decks: charts the flagship data can draw, prose that binds its figures.
  const synthetic = async (ws: Workspace, sizes: number[]) => {
    const { listDecks, loadDeck } = await import("../src/data/index.ts");
    const slidesDir = path.join(ws.dir, "slides");
    const deck = listDecks(slidesDir)
      .map((id) => loadDeck(slidesDir, id).deck)
      .find(Boolean);
    if (!deck) throw new Error("no flagship deck to take a dataset and theme from");
    const { dataset } = await loadDataset(path.join(ws.dir, "data"), deck.config.dataset);
    if (!dataset) throw new Error(`the dataset ${deck.config.dataset} does not load`);
    const charts = chartSpecs(dataset, slidesDir);
    for (const size of sizes)
      writeSyntheticDeck(ws.dir, {
        id: `bench-${size}`,
        slides: size,
        dataset: deck.config.dataset,
        theme: deck.config.theme,
        keys: dataset.keys(),
        charts,
      });
    return deck;
  };

  await section("pdf", "PDF export (slides + handout)", async () => {
    const ws = workspace("pdf");
    const deck = await synthetic(ws, [25]);
    const [audience] = Object.entries(deck.config.audiences).sort(
      (a, b) => b[1].slides.length - a[1].slides.length,
    )[0]!;
    return benchPdf(ctx, ws, [
      {
        label: "25-slide synthetic deck",
        deck: "bench-25",
        audience: "bench",
        limit: 2000,
        parts: deck.config.size,
      },
      { label: `${deck.id}/${audience}`, deck: deck.id, audience },
    ]);
  });
  await section("pptx" as Section, "PowerPoint export", () =>
    benchPptx(ctx, workspace("pptx"), { deck: "ussc-nonproduction", audience: "judges" }),
  );
  await section("scale", "Scaling: synthetic decks", async () => {
    const ws = workspace("scale");
    await synthetic(ws, options.sizes);
    return benchScale(ctx, ws);
  });
  await section("micro", "Chart render, MDX compile, dev re-render", () =>
    benchMicro(ctx, workspace("micro")),
  );
  await section("phases", "Where a cold build's time goes", () => benchPhases(ctx, flagship));
  await section("tables", "Tables: a million-row CSV into computed figures", () =>
    benchTables(ctx, workspace("tables")),
  );
  await section("anchors", "Beside Slidev and Marp CLI", () =>
    benchAnchors(ctx, workspace("anchors")),
  );
} finally {
  for (const ws of workspaces) ws.dispose();
  if (options.keep) ctx.log(`\nproject copies kept: ${workspaces.map((w) => w.dir).join(" ")}`);
}

const rows: Row[] = Object.values(results).flatMap((r) => r.rows);
const skipped = Object.entries(results)
  .filter(([, r]) => r.skipped)
  .map(([name, r]) => ({ section: name, reason: r.skipped! }));
process.stdout.write(`\n${formatTable(rows)}\n`);
const payloadPages = (results.payload?.detail as { pages?: PagePayload[] } | undefined)?.pages;
if (payloadPages?.length)
  process.stdout.write(
    `\nPayload per deck page (KB = 1,000 bytes)\n${formatPayloadTable(payloadPages)}\n`,
  );
for (const s of skipped)
  process.stdout.write(`\nskipped ${s.section}: ${s.reason.split("\n")[0]}\n`);
// Proposal rows show a target for comparison; only what ships now counts.
const verdicts = rows.filter((r) => meets(r) !== undefined && !r.section.startsWith("proposal"));
const missed = verdicts.filter((r) => meets(r) === false);
process.stdout.write(
  `\n${verdicts.length - missed.length} of ${verdicts.length} targets met${missed.length ? `; missed: ${missed.map((r) => `${r.section} ${r.measure}`).join("; ")}` : ""}\n`,
);
const loadAfter = os.loadavg().map((l) => Math.round(l * 100) / 100);
process.stdout.write(
  `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}${machine.browser ? `, ${machine.browser}` : ""}; load average ${machine.loadAverage[0]} at the start, ${loadAfter[0]} at the end\n`,
);
if (busy) process.stdout.write(`warning: ${busy}\n`);

const out = path.resolve(REPO, options.out);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      machine,
      loadAverageAtEnd: loadAfter,
      options,
      rssMethod: rssMethod(),
      rows: rows.map((r) => ({ ...r, meets: meets(r) })),
      skipped,
      markdown: formatMarkdown(rows),
      sections: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v.detail])),
    },
    null,
    2,
  )}\n`,
);
process.stdout.write(`results: ${path.relative(process.cwd(), out)}\n`);

import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { failureReason, runNode } from "../lib/child.ts";
import type { BenchContext, SectionResult } from "../lib/context.ts";
import { headline, type Row, rowOf } from "../lib/report.ts";
import { summarize } from "../lib/stats.ts";
import { REPO, type Workspace } from "../lib/workspace.ts";

/** Rows in the generated table: the scale target. */
export const TABLE_ROWS = 1_000_000;

const CIRCUITS = ["first", "second", "third", "fourth", "fifth", "sixth"];
const YEARS = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022];

/**
 * Writes `data/cases.csv` (a million sentencing records, deterministic) and a dataset with
 * a derived table of 48 rows (8 years × 6 circuits) and 12 computed figures over them.
 */
export async function writeTableProject(dir: string, rows: number): Promise<void> {
  const data = path.join(dir, "data");
  mkdirSync(data, { recursive: true });
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const out = createWriteStream(path.join(data, "cases.csv"));
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r()));
  await write("case_id,fiscal_year,circuit,offense,sentence_months,fine_usd,departure\n");
  let chunk: string[] = [];
  for (let i = 0; i < rows; i++) {
    const year = YEARS[Math.floor(random() * YEARS.length)];
    const circuit = CIRCUITS[Math.floor(random() * CIRCUITS.length)];
    const offense = random() < 0.6 ? "possession" : random() < 0.7 ? "receipt" : "distribution";
    const months = Math.round(20 + random() * random() * 220);
    const fine = random() < 0.2 ? Math.round(random() * 50_000) : 0;
    const departure = random() < 0.3 ? "below" : random() < 0.05 ? "above" : "within";
    chunk.push(`${i + 1},${year},${circuit},${offense},${months},${fine},${departure}`);
    if (chunk.length === 10_000) {
      await write(`${chunk.join("\n")}\n`);
      chunk = [];
    }
  }
  if (chunk.length) await write(`${chunk.join("\n")}\n`);
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
  writeFileSync(
    path.join(data, "sources.yaml"),
    "sources:\n  bench-cases:\n    title: Generated sentencing records (benchmark)\n    publisher: factdeck bench\n    date: 2026\n",
  );
  const figure = (name: string, sql: string, unit: string, precision = 0) =>
    `    ${name}:\n      sql: ${sql}\n      unit: ${unit}\n      precision: ${precision}\n      label: Benchmark figure ${name}\n      status: primary\n`;
  writeFileSync(
    path.join(data, "bench.yaml"),
    `title: Benchmark of a million-row table
tables:
  cases: { file: cases.csv, source: bench-cases, locator: generated }
  by_year_circuit:
    sql: select fiscal_year, circuit, count(*) as cases, avg(sentence_months) as mean_months, median(sentence_months) as median_months from cases group by 1, 2 order by 1, 2
figures:
  cases:
${[
  figure("total", "select count(*) from cases", "count"),
  figure("possession", "select count(*) from cases where offense = 'possession'", "count"),
  figure(
    "possession_share",
    "select 100.0 * count(*) filter (where offense = 'possession') / count(*) from cases",
    "percent",
    1,
  ),
  figure("mean_months", "select avg(sentence_months) from cases", "months", 1),
  figure("median_months", "select median(sentence_months) from cases", "months", 1),
  figure(
    "mean_2019",
    "select avg(sentence_months) from cases where fiscal_year = 2019",
    "months",
    1,
  ),
  figure(
    "below_share",
    "select 100.0 * count(*) filter (where departure = 'below') / count(*) from cases",
    "percent",
    1,
  ),
  figure("fined", "select count(*) from cases where fine_usd > 0", "count"),
  figure("mean_fine", "select avg(fine_usd) from cases where fine_usd > 0", "number"),
  figure("groups", "select count(*) from by_year_circuit", "count"),
  figure(
    "widest_gap",
    "select max(mean_months) - min(mean_months) from by_year_circuit",
    "months",
    1,
  ),
  figure("busiest_group", "select max(cases) from by_year_circuit", "count"),
].join("")}`,
  );
  // The child: one cold load in a new process, as a build does it, then a second load of the same content.
  writeFileSync(
    path.join(dir, "load-tables.mjs"),
    `import { loadDataset } from ${JSON.stringify(pathToFileURL(path.join(REPO, "lib", "data", "index.js")).href)};
const started = performance.now();
const first = await loadDataset(${JSON.stringify(data)}, "bench");
const cold = performance.now() - started;
// A second load of the same content, only when asked: it is not part of the cold run's time.
let warm = Number.NaN;
if (process.argv.includes("--warm")) {
  const again = performance.now();
  await loadDataset(${JSON.stringify(data)}, "bench");
  warm = performance.now() - again;
}
const dataset = first.dataset;
console.log(JSON.stringify({
  cold, warm,
  errors: first.diagnostics.map((d) => d.code + " " + d.message),
  figures: dataset ? dataset.entries().filter(([, f]) => f.derivation).length : 0,
  derivedRows: dataset?.table("by_year_circuit")?.rows ?? 0,
}));
`,
  );
}

/** A million-row CSV read and aggregated into 12 computed figures and a 48-row derived table, in a new process each run. */
export async function benchTables(ctx: BenchContext, ws: Workspace): Promise<SectionResult> {
  const dir = path.join(ws.dir, "tables-bench");
  ctx.log(`  writing a ${TABLE_ROWS.toLocaleString("en-US")}-row CSV`);
  await writeTableProject(dir, TABLE_ROWS);
  // The child imports lib/; compile it first if src/ changed since.
  const { compile, isStale } = (await import(
    pathToFileURL(path.join(REPO, "bin", "compile.js")).href
  )) as {
    compile(): Promise<void>;
    isStale(): boolean;
  };
  if (isStale()) await compile();
  const runs: Array<{ wallMs: number; cpuMs: number; maxRss: number; cold: number }> = [];
  const warm: number[] = [];
  const total = ctx.options.warmup + ctx.options.runs;
  for (let i = 0; i <= total; i++) {
    // The last run, not counted in the cold times, also measures a second load.
    const warmRun = i === total;
    const run = await runNode(path.join(dir, "load-tables.mjs"), warmRun ? ["--warm"] : [], {
      cwd: dir,
    });
    if (run.code !== 0) return { rows: [], skipped: failureReason(run) };
    const result = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as {
      cold: number;
      warm: number;
      errors: string[];
      figures: number;
      derivedRows: number;
    };
    if (result.errors.length) return { rows: [], skipped: result.errors.join("; ") };
    if (result.figures !== 12 || result.derivedRows !== 48)
      return {
        rows: [],
        skipped: `expected 12 figures and 48 derived rows, got ${result.figures} and ${result.derivedRows}`,
      };
    if (warmRun) {
      warm.push(result.warm);
      continue;
    }
    if (i >= ctx.options.warmup)
      runs.push({ wallMs: run.wallMs, cpuMs: run.cpuMs, maxRss: run.maxRss, ...result });
    ctx.log(
      `  run ${i + 1}: ${Math.round(run.wallMs)} ms, CPU ${Math.round(run.cpuMs)} ms, ${Math.round(run.maxRss / 2 ** 20)} MiB`,
    );
  }
  const section = "tables";
  const rows: Row[] = [
    headline(
      section,
      "1,000,000-row CSV → 12 computed figures + 48-row derived table (new process), wall",
      "ms",
      summarize(runs.map((r) => r.wallMs)),
      { op: "<", limit: 3000 },
    ),
    headline(section, "… peak memory (RSS)", "rss", summarize(runs.map((r) => r.maxRss)), {
      op: "<",
      limit: 2 ** 30,
    }),
    rowOf(
      section,
      "… CPU time (all threads)",
      "ms",
      summarize(runs.map((r) => r.cpuMs)),
      undefined,
      "less sensitive than wall time to other load",
    ),
    rowOf(section, "… of which loading the dataset", "ms", summarize(runs.map((r) => r.cold))),
    rowOf(
      section,
      "second load, unchanged files (cache)",
      "ms",
      summarize(warm),
      undefined,
      "hashes the file again; no engine is started",
    ),
  ];
  return { rows, detail: { rows: TABLE_ROWS, runs } };
}

// Run alone: `npx tsx bench/sections/tables.ts [--runs N]`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { parseBenchOptions } = await import("../lib/options.ts");
  const { createWorkspace } = await import("../lib/workspace.ts");
  const { formatTable } = await import("../lib/report.ts");
  const options = parseBenchOptions(process.argv.slice(2)).options!;
  const ws = createWorkspace("tables");
  try {
    const result = await benchTables({ options, log: (m) => process.stderr.write(`${m}\n`) }, ws);
    if (result.skipped) process.stdout.write(`skipped: ${result.skipped}\n`);
    process.stdout.write(`${formatTable(result.rows)}\n`);
  } finally {
    ws.dispose();
  }
}

import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildSite } from "../../src/build/build.ts";
import { jsonReport } from "../../src/check/report.ts";
import { type Dataset, formatFigure, loadDataset } from "../../src/data/index.ts";
import { engineStats } from "../../src/data/tables/resolve.ts";
import { fixture, ROOT } from "../helpers.ts";

const scratch = path.join(os.tmpdir(), `factdeck-tables-${process.pid}`);
const project = path.join(scratch, "weather");
const data = path.join(project, "data");
const csv = path.join(data, "daily-weather.csv");

async function load(): Promise<Dataset> {
  const result = await loadDataset(data, "weather");
  expect(result.diagnostics).toEqual([]);
  return result.dataset!;
}

/** Every figure as the slides print it. */
function shown(dataset: Dataset): Record<string, string> {
  return Object.fromEntries(dataset.entries().map(([k, f]) => [k, formatFigure(f)]));
}

/** The CSV with one cell replaced: the column `column` of the first row `where` picks. */
function editCell(column: string, where: (cells: string[]) => boolean, value: string): number {
  const lines = readFileSync(csv, "utf8").split("\n");
  const header = lines[0]!.split(",");
  const index = lines.findIndex((l, i) => i > 0 && l && where(l.split(",")));
  const cells = lines[index]!.split(",");
  cells[header.indexOf(column)] = value;
  lines[index] = cells.join(",");
  writeFileSync(csv, lines.join("\n"));
  return index + 1;
}

beforeAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  cpSync(fixture("tables", "weather"), project, { recursive: true });
  cpSync(path.join(ROOT, "themes"), path.join(project, "themes"), { recursive: true });
  symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("a dataset with a CSV table, a derived table and computed figures", () => {
  it("computes each figure from its query, with its unit, precision and suffix", async () => {
    const dataset = await load();
    expect(shown(dataset)).toEqual({
      "weather.days": "1,500 days",
      "weather.rain_days": "467 days",
      "weather.rain_share": "31.1%",
      "weather.mean_tmax_2022": "62.0 °F",
      "weather.coldest": "11 °F",
      "weather.wettest_month": "251.2 mm",
      "weather.months": "50 months",
      "weather.high_range_2020": "32–91 °F",
      "weather.station_count": "1 station",
    });
    // The value is rounded as published; the exact result stays in the derivation.
    const mean = dataset.figure("weather.mean_tmax_2022")!;
    expect(mean.value).toBe(62);
    expect(mean.derivation!.exact).toBeCloseTo(62.0329, 3);
  });

  it("keeps each computed figure's derivation: the query, the tables and files it read, their hashes", async () => {
    const dataset = await load();
    const wettest = dataset.figure("weather.wettest_month")!;
    expect(wettest.source).toBe("station-daily");
    expect(wettest.derivation).toMatchObject({
      sql: "select max(precip_mm) from monthly",
      tables: [
        { name: "monthly", sql: expect.stringContaining("group by 1, 2") },
        { name: "daily", file: "daily-weather.csv", source: "station-daily" },
      ],
      files: [{ file: "daily-weather.csv", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }],
    });
    expect(dataset.figure("weather.station_count")!.derivation).toBeUndefined();
  });

  it("describes each table: file, rows, columns with the types DuckDB inferred", async () => {
    const dataset = await load();
    expect(dataset.tables.map((t) => [t.name, t.rows, t.rowSchema])).toEqual([
      ["daily", 1500, true],
      ["monthly", 50, false],
    ]);
    expect(dataset.table("daily")!.columns).toEqual([
      { name: "date", type: "DATE" },
      { name: "station", type: "VARCHAR" },
      { name: "tmax_f", type: "BIGINT" },
      { name: "tmin_f", type: "BIGINT" },
      { name: "precip_mm", type: "DOUBLE" },
      { name: "snow_mm", type: "BIGINT" },
    ]);
    const json = jsonReport({
      diagnostics: [],
      literals: [],
      checked: [],
      notChecked: [],
      tables: dataset.tables.map((t) => ({ ...t, dataset: "weather" })),
    });
    expect(json.tables[0]).toEqual({
      dataset: "weather",
      name: "daily",
      file: "data/daily-weather.csv",
      sql: null,
      sources: ["station-daily"],
      rows: 1500,
      columns: expect.arrayContaining([{ name: "precip_mm", type: "DOUBLE" }]),
      rowSchema: true,
    });
  });

  it("answers an unchanged dataset from the cache without starting the engine", async () => {
    await load();
    const opened = engineStats.opened;
    await load();
    expect(engineStats.opened).toBe(opened);
  });

  it("builds, and one edited cell changes every figure computed from it and nothing else", async () => {
    const page = path.join(project, "dist", "weather", "everyone", "index.html");
    expect(await buildSite({ root: project, quiet: true })).toBe(0);
    const before = readFileSync(page, "utf8");
    const figuresBefore = shown(await load());
    expect(before).toContain("62.0 °F");
    expect(before).toContain("31.1%");

    // A dry day in 2020 gets 12.5 mm of rain: one more wet day, a higher share of wet days.
    editCell("precip_mm", (c) => c[0]!.startsWith("2020-06") && c[4] === "0.0", "12.5");
    const figuresAfter = shown(await load());
    const changed = Object.keys(figuresAfter).filter((k) => figuresAfter[k] !== figuresBefore[k]);
    expect(changed).toEqual(["weather.rain_days", "weather.rain_share"]);
    expect(figuresAfter["weather.rain_days"]).toBe("468 days");
    expect(figuresAfter["weather.rain_share"]).toBe("31.2%");

    // The build names the table whose rows changed since the previous build.
    let printed = "";
    const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      printed += String(chunk);
      return true;
    });
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(await buildSite({ root: project })).toBe(0);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    expect(printed).toContain("Tables changed since the last build: data/daily-weather.csv");
    const after = readFileSync(page, "utf8");
    // Put the old texts back into the new page: what remains is exactly the old page.
    const restored = after
      .replaceAll(figuresAfter["weather.rain_days"]!, figuresBefore["weather.rain_days"]!)
      .replaceAll(figuresAfter["weather.rain_share"]!, figuresBefore["weather.rain_share"]!);
    expect(after).not.toBe(before);
    expect(restored).toBe(before);

    // Only what the slides show is shipped: no table file, no row of one, in any built file.
    const built = readdirSync(path.join(project, "dist"), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
    expect(built.filter((f) => /\.(csv|tsv|parquet)$/.test(f))).toEqual([]);
    for (const file of built)
      expect(readFileSync(file, "latin1"), file).not.toContain("2019-01-01,USW00094728");
  }, 120_000);

  it("checks clean through the CLI, whose schema file is loaded without a TypeScript loader", () => {
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, "bin", "factdeck.js"), "check", "--format", "json"],
      { cwd: project, encoding: "utf8", timeout: 120_000 },
    );
    const report = JSON.parse(run.stdout) as { ok: boolean; findings: Array<{ code: string }> };
    expect(
      report.findings.filter((f) => f.code.startsWith("FD_TABLE") || f.code.startsWith("FD_DATA")),
    ).toEqual([]);
    expect(report.ok).toBe(true);
    expect(run.status).toBe(0);
  }, 120_000);
});

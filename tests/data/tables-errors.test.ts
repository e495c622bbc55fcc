import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDataset } from "../../src/data/index.ts";
import { type Diagnostic, formatDiagnostics } from "../../src/errors/index.ts";
import { ROOT } from "../helpers.ts";

const scratch = path.join(os.tmpdir(), `factdeck-table-errors-${process.pid}`);
const outside = path.join(scratch, "outside.csv");
let n = 0;

const SOURCES = `sources:
  ussc-datafiles:
    title: Individual offender datafiles
    publisher: U.S. Sentencing Commission
    date: 2020
`;

// 20 cases over two fiscal years; the header is line 1, so case i is on line i + 2.
const CASES = [
  "fiscal_year,district,sentence_months",
  ...Array.from({ length: 20 }, (_, i) => `${2018 + (i % 2)},D${i % 5},${24 + i * 3}`),
].join("\n");

const TABLES = `tables:
  cases: { file: cases.csv, source: ussc-datafiles, locator: "Table 1" }
`;

/** A figure block with one query; `sql` is written as a YAML block scalar on the next line. */
function figure(sql: string, fields = "unit: months\n      precision: 1"): string {
  return `figures:
  sentences:
    mean:
      sql: |
        ${sql.split("\n").join("\n        ")}
      ${fields}
      label: Average sentence
      status: primary
`;
}

/** Writes a project with `data/t.yaml` (and the files given) and loads it; prints what it found. */
async function loadWith(
  yaml: string,
  files: Record<string, string> = {},
): Promise<{ diagnostics: Diagnostic[]; printed: string; dir: string }> {
  const dir = path.join(scratch, `p${++n}`);
  mkdirSync(path.join(dir, "data"), { recursive: true });
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  writeFileSync(path.join(dir, "data", "sources.yaml"), SOURCES);
  writeFileSync(path.join(dir, "data", "cases.csv"), CASES);
  for (const [file, text] of Object.entries({ ...files, "data/t.yaml": `title: Test\n${yaml}` })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const { diagnostics, dataset } = await loadDataset(path.join(dir, "data"), "t");
  if (diagnostics.length) expect(dataset).toBeUndefined();
  return { diagnostics, printed: formatDiagnostics(diagnostics, { root: dir }), dir };
}

beforeAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  writeFileSync(outside, "a\n1\n");
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("table files", () => {
  it("a missing file is an error at the table's file: line", async () => {
    const { diagnostics, printed } = await loadWith(
      `tables:\n  cases: { file: cases-by-year.csv, source: ussc-datafiles }\n${figure("select avg(sentence_months) from cases")}`,
    );
    expect(diagnostics.map((d) => d.code)).toEqual(["FD_TABLE_FILE"]);
    expect(printed).toContain("data/t.yaml:3:18");
    expect(printed).toContain("no file at data/cases-by-year.csv");
  });

  it.each([
    ["a parent path", "../outside.csv"],
    ["an absolute path", outside],
    ["a nested parent path", "sub/../../outside.csv"],
  ])("refuses %s: a table reads only data/", async (_, file) => {
    const { diagnostics } = await loadWith(
      `tables:\n  cases: { file: "${file}", source: ussc-datafiles }\n${figure("select count(*) from cases", "unit: count")}`,
    );
    expect(diagnostics.map((d) => d.code)).toEqual(["FD_TABLE_FILE"]);
    expect(diagnostics[0]!.message).toContain("outside data/");
  });

  it("refuses a link inside data/ that leads out of it", async () => {
    const dir = path.join(scratch, "linked");
    mkdirSync(path.join(dir, "data"), { recursive: true });
    symlinkSync(outside, path.join(dir, "data", "link.csv"));
    writeFileSync(path.join(dir, "data", "sources.yaml"), SOURCES);
    writeFileSync(
      path.join(dir, "data", "t.yaml"),
      `title: Test\ntables:\n  cases: { file: link.csv, source: ussc-datafiles }\nfigures: {}\n`,
    );
    const { diagnostics } = await loadDataset(path.join(dir, "data"), "t");
    expect(diagnostics.map((d) => d.code)).toEqual(["FD_TABLE_FILE"]);
    expect(diagnostics[0]!.detail).toContain("is a link to");
  });

  it("a bad cell is an error at its file, line and column, naming the column", async () => {
    const bad = CASES.split("\n");
    bad[13] = "2019,D3,n/a";
    const { diagnostics, printed } = await loadWith(
      TABLES + figure("select avg(sentence_months) from cases"),
      {
        "data/cases.csv": bad.join("\n"),
        "data/t.schema.ts": `import { z } from "zod";
export const tables = {
  cases: z.object({ fiscal_year: z.number().int(), district: z.string(), sentence_months: z.number() }),
};
`,
      },
    );
    expect(diagnostics.map((d) => d.code)).toEqual(["FD_TABLE_CELL"]);
    expect(printed).toContain('column "sentence_months": expected a number, got "n/a"');
    expect(printed).toContain("data/cases.csv:14:9");
    expect(printed).toContain("> 14 | 2019,D3,n/a");
  });

  it("without a row schema the same cell makes the column text, and averaging it fails at the query", async () => {
    const bad = CASES.split("\n");
    bad[13] = "2019,D3,n/a";
    const { diagnostics } = await loadWith(
      TABLES + figure("select avg(sentence_months) from cases"),
      { "data/cases.csv": bad.join("\n") },
    );
    expect(diagnostics.map((d) => d.code)).toEqual(["FD_TABLE_SQL"]);
    expect(diagnostics[0]!.detail).toMatch(/avg\(VARCHAR\)/);
    expect(diagnostics[0]!.at?.line).toBe(8);
  });
});

describe("queries", () => {
  it.each([
    [
      "an unknown table",
      "select avg(sentence_months) from cases_2019",
      "FD_TABLE_UNKNOWN",
      'did you mean "cases"?',
    ],
    [
      "an unknown column",
      "select avg(sentence_month) from cases",
      "FD_TABLE_COLUMN",
      "sentence_months",
    ],
    [
      "a syntax error",
      "select avg(sentence_months)\nform cases",
      "FD_TABLE_SQL_SYNTAX",
      "syntax error",
    ],
    [
      "several rows",
      "select sentence_months from cases",
      "FD_TABLE_RESULT",
      "returned more than one row",
    ],
    [
      "no row",
      "select sentence_months from cases where fiscal_year = 1990",
      "FD_TABLE_RESULT",
      "returned no row",
    ],
    [
      "text",
      "select district from cases limit 1",
      "FD_TABLE_RESULT",
      'returned VARCHAR "D0", not a number',
    ],
    [
      "two columns",
      "select 1 as a, 2 as b from cases limit 1",
      "FD_TABLE_RESULT",
      "returned 2 columns",
    ],
  ])("%s is an error at the figure's query", async (_, sql, code, text) => {
    const { diagnostics, printed } = await loadWith(TABLES + figure(sql));
    expect(diagnostics.map((d) => d.code)).toEqual([code]);
    expect(printed).toContain(text);
    expect(diagnostics[0]!.at?.file).toMatch(/t\.yaml$/);
    expect(diagnostics[0]!.at?.line).toBeGreaterThanOrEqual(7);
  });

  it("points inside a block-scalar query at the word DuckDB could not read", async () => {
    const { diagnostics } = await loadWith(
      TABLES + figure("select avg(sentence_months)\nform cases"),
    );
    expect(diagnostics[0]!.at).toMatchObject({ line: 9, column: 14 });
  });

  it("a computed value must fit its unit: a count is whole", async () => {
    const { diagnostics } = await loadWith(
      TABLES + figure("select avg(sentence_months) from cases", "unit: count"),
    );
    expect(diagnostics.map((d) => d.code)).toEqual(["FD_TABLE_VALUE"]);
    expect(diagnostics[0]!.message).toContain("a count is a whole number");
  });

  it("a derived table that reads itself is an error at its query", async () => {
    const { diagnostics } = await loadWith(
      `${TABLES}  a: { sql: select * from b }\n  b: { sql: select * from a }\nfigures: {}\n`,
    );
    expect(diagnostics.map((d) => d.code)).toContain("FD_TABLE_CYCLE");
  });

  it("relations check computed figures: a rate that no longer matches its count", async () => {
    const { diagnostics } = await loadWith(`${TABLES}figures:
  sentences:
    all:
      sql: select count(*) from cases
      unit: count
      label: Cases
      status: primary
    long:
      sql: select count(*) from cases where sentence_months >= 60
      unit: count
      label: Cases of five years or more
      status: primary
    long_share:
      value: 45.0
      unit: percent
      precision: 1
      label: Share of five years or more
      source: ussc-datafiles
      status: primary
relations:
  - { kind: rate, count: sentences.long, of: sentences.all, rate: sentences.long_share }
`);
    expect(diagnostics.map((d) => d.code)).toEqual(["FD_RELATION_RATE"]);
    expect(diagnostics[0]!.message).toContain("8 of 20 is 40%");
  });
});

describe("SQL is content: a query reads the declared tables and nothing else", () => {
  it.each([
    "select * from read_csv('/etc/passwd')",
    "select count(*) from read_csv('cases.csv')",
    "select * from read_text('/etc/passwd')",
    "select count(*) from glob('/etc/*')",
    `copy cases to '${path.join(scratch, "x.csv")}'`,
    `attach '${path.join(scratch, "x.db")}'`,
    "install httpfs",
    "load httpfs",
    `export database '${path.join(scratch, "x")}'`,
    "set enable_external_access = true",
    "pragma threads = 1",
    "reset lock_configuration",
    "select 1; drop table cases",
    "create table y as select 1",
  ])("refuses %s with an error at the figure's query", async (sql) => {
    const { diagnostics, printed } = await loadWith(TABLES + figure(sql));
    expect(diagnostics.map((d) => d.code)).toEqual(["FD_TABLE_SQL_REFUSED"]);
    expect(printed).toMatch(/data\/t\.yaml:(7|8):\d+/);
    expect(diagnostics[0]!.hint).toBeTruthy();
    expect(existsSync(path.join(scratch, "x.csv"))).toBe(false);
    expect(existsSync(path.join(scratch, "x.db"))).toBe(false);
    expect(existsSync(path.join(scratch, "x"))).toBe(false);
  });

  it("refuses the same in a derived table's query, at the table", async () => {
    const { diagnostics, printed } = await loadWith(
      `${TABLES}  leak: { sql: "select * from read_csv('/etc/passwd')" }\nfigures: {}\n`,
    );
    expect(diagnostics.map((d) => d.code)).toEqual(["FD_TABLE_SQL_REFUSED"]);
    expect(printed).toContain("data/t.yaml:4:");
  });
});

describe("start-up", () => {
  it("loads DuckDB only for a dataset with tables", () => {
    if (process.platform !== "linux") {
      console.log("skipped: reads /proc/self/maps, which only Linux has");
      return;
    }
    const script = `
      import { readFileSync } from "node:fs";
      import { loadDataset } from "./src/data/index.ts";
      const loaded = () => readFileSync("/proc/self/maps", "utf8").includes("duckdb");
      await loadDataset("tests/fixtures/projects/mini/data", "mini");
      const plain = loaded();
      await loadDataset("tests/fixtures/tables/weather/data", "weather");
      console.log(JSON.stringify({ plain, tables: loaded() }));`;
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout.trim().split("\n").at(-1)!)).toEqual({
      plain: false,
      tables: true,
    });
  }, 60_000);
});

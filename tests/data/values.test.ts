import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  checkRelations,
  countsForRate,
  type Figure,
  figureSchema,
  formatFigure,
  loadDataset,
  MAX_DATA_BYTES,
  type RelationContext,
  readDataFile,
  sourceSchema,
} from "../../src/data/index.ts";

const figure = (fields: Record<string, unknown>) =>
  figureSchema.safeParse({ label: "A figure", source: "s", status: "primary", ...fields });

const messages = (fields: Record<string, unknown>) => {
  const result = figure(fields);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe("figure values", () => {
  it("refuses a negative count, and a count that is not whole", () => {
    expect(messages({ value: -4265, unit: "count", noun: "images" })).toEqual([
      "a count cannot be negative",
    ]);
    expect(messages({ value: 47.5, unit: "count", precision: 1 })).toEqual([
      "a count is a whole number",
    ]);
    expect(messages({ value: { low: 1.5, high: 3 }, unit: "count", precision: 1 })).toEqual([
      "a count is a whole number",
    ]);
    expect(messages({ value: 4265, unit: "count" })).toEqual([]);
  });

  it("refuses negative months, years and levels", () => {
    for (const unit of ["months", "years", "levels"])
      expect(messages({ value: -3, unit })).toEqual([`a number of ${unit} cannot be negative`]);
  });

  it("keeps percentages between 0 and 100 unless the figure is a change", () => {
    expect(messages({ value: 140, unit: "percent" })).toEqual([
      "a percentage lies between 0 and 100",
    ]);
    expect(messages({ value: -12.5, unit: "percent", precision: 1 })).toHaveLength(1);
    expect(messages({ value: 140, unit: "percent", change: true })).toEqual([]);
    const drop = figure({ value: -12.5, unit: "percent", precision: 1, change: true });
    expect(drop.success && formatFigure(drop.data as Figure)).toBe("-12.5%");
    const fewer = figure({ value: -2, unit: "levels", change: true });
    expect(fewer.success && formatFigure(fewer.data as Figure)).toBe("-2 levels");
  });

  it("refuses NaN and infinity", () => {
    expect(figure({ value: Number.NaN, unit: "percent" }).success).toBe(false);
    expect(figure({ value: Number.POSITIVE_INFINITY, unit: "count" }).success).toBe(false);
  });

  it("names NaN in the finding, with the value's position", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "factdeck-nan-"));
    try {
      writeFileSync(
        path.join(dir, "mini.yaml"),
        "title: Mini\nfigures:\n  g:\n    rate:\n      value: .nan\n      unit: percent\n      label: A rate\n      source: s\n      status: primary\nsources:\n  s: { title: A source, publisher: Someone, date: 2021 }\n",
      );
      const { diagnostics } = await loadDataset(dir, "mini");
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({ code: "FD_DATA_SCHEMA", at: { line: 5, column: 14 } });
      expect(diagnostics[0]?.detail).toBe(
        "figures.g.rate.value: expected a finite number, got NaN",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("source URLs", () => {
  const source = (url: string) =>
    sourceSchema.safeParse({ title: "A source", publisher: "Someone", date: 2021, url });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "vbscript:msgbox(1)",
  ])("refuses %s", (url) => {
    const result = source(url);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      "only http:, https: and mailto: addresses can be linked",
    );
  });

  it.each([
    "https://www.ussc.gov/research",
    "http://example.org/a.pdf",
    "mailto:clerk@example.org",
  ])("accepts %s", (url) => {
    expect(source(url).success).toBe(true);
  });
});

describe("bounded work", () => {
  it("answers the GRIM test for a huge denominator at once", () => {
    const started = performance.now();
    const counts = countsForRate(4.3, 1.093e11, 1);
    expect(performance.now() - started).toBeLessThan(50);
    expect(counts).toHaveLength(10);
    expect(counts[0]).toBe(Math.ceil(0.0425 * 1.093e11));
    expect(countsForRate(50, 0, 1)).toEqual([]);
    expect(countsForRate(50, 7, 1)).toEqual([]);
  });

  const context = (values: Record<string, number>): RelationContext => ({
    figure: (key) => {
      const value = values[key];
      if (value === undefined) return undefined;
      const unit = key.endsWith("rate") ? "percent" : "count";
      return { value, unit, precision: unit === "percent" ? 1 : 0 } as Figure;
    },
    positionOf: (key) => ({ file: "mini.yaml", line: key.length, column: 14 }),
    relationPosition: (index) => ({ file: "mini.yaml", line: 40 + index, column: 5 }),
  });
  const rate = [{ kind: "rate" as const, count: "g.count", of: "g.cohort", rate: "g.rate" }];

  it.each([
    [1.093e11, "the denominator 109,300,000,000 is larger than 10,000,000,000"],
    [0, "the denominator is zero"],
    [1093.5, "the denominator 1093.5 is not a whole number"],
    [-1093, "the denominator -1093 is negative"],
  ])("reports a denominator of %s at the relation", (of, why) => {
    const out = checkRelations(rate, context({ "g.count": 47, "g.cohort": of, "g.rate": 4.3 }));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      code: "FD_RELATION_DENOMINATOR",
      at: { line: 40, column: 5 },
      related: [{ line: "g.cohort".length }],
    });
    expect(out[0]?.message).toBe(`The rate g.rate cannot be checked: ${why}.`);
  });

  it("reports an unusable whole that shares are of", () => {
    const shares = [{ kind: "shares" as const, parts: ["g.a_rate", "g.b_rate"], of: "g.cohort" }];
    const out = checkRelations(
      shares,
      context({ "g.a_rate": 40, "g.b_rate": 60, "g.cohort": 2.5e10 }),
    );
    expect(out.map((d) => d.code)).toEqual(["FD_RELATION_DENOMINATOR"]);
  });

  describe("file size", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "factdeck-large-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("refuses a data file over the limit without parsing it", () => {
      const file = path.join(dir, "mini.yaml");
      writeFileSync(file, `title: "${"x".repeat(MAX_DATA_BYTES)}"\n`);
      const started = performance.now();
      const parsed = readDataFile(file);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(parsed.data).toBeUndefined();
      expect(parsed.diagnostics.map((d) => d.code)).toEqual(["FD_DATA_TOO_LARGE"]);
      expect(parsed.diagnostics[0]?.detail).toBe("the limit is 20.0 MB");
    });

    it("refuses a folder where a data file should be", () => {
      const parsed = readDataFile(dir);
      expect(parsed.diagnostics.map((d) => d.code)).toEqual(["FD_DATA_NOT_A_FILE"]);
    });
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadDataset, parseDataText } from "../../src/data/index.ts";
import { formatDiagnostics } from "../../src/errors/index.ts";
import { fixture, printed } from "../helpers.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("CSV keys", () => {
  it("refuses a key written on two rows, naming both lines", async () => {
    const { dataset, diagnostics } = await loadDataset(
      fixture("data", "csv-duplicate-key"),
      "mini",
    );
    expect(dataset).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d).toMatchObject({ code: "FD_DATA_DUPLICATE_KEY", at: { line: 5, column: 1 } });
    expect(d?.related?.map((p) => p.line)).toEqual([2]);
    await expect(printed(diagnostics)).toMatchFileSnapshot("__snapshots__/csv-duplicate-key.txt");
  });

  it("refuses a key that extends another figure's key, naming both lines", async () => {
    const { diagnostics } = await loadDataset(fixture("data", "csv-prefix-key"), "mini");
    expect(diagnostics.map((d) => d.code)).toEqual(["FD_DATA_KEY_CONFLICT"]);
    expect(diagnostics[0]?.at).toMatchObject({ line: 3, column: 1, endColumn: 23 });
    expect(diagnostics[0]?.related?.map((p) => p.line)).toEqual([2]);
    await expect(printed(diagnostics)).toMatchFileSnapshot("__snapshots__/csv-prefix-key.txt");
  });

  it("refuses __proto__ as a key part and leaves Object.prototype alone", async () => {
    const { diagnostics } = await loadDataset(fixture("data", "csv-proto-key"), "mini");
    expect(diagnostics.map((d) => d.code)).toEqual(["FD_DATA_KEY_NAME"]);
    expect(diagnostics[0]?.at).toMatchObject({ line: 5, column: 1 });
    expect(Object.prototype.toString).toBe(Object.getPrototypeOf({}).toString);
    expect(String({})).toBe("[object Object]");
    await expect(printed(diagnostics)).toMatchFileSnapshot("__snapshots__/csv-proto-key.txt");
  });

  it.each([
    ["constructor", "group.constructor"],
    ["prototype", "prototype.name"],
    ["an empty part", "group..name"],
    ["a space", "group.two words"],
    ["a leading digit", "1group.name"],
  ])("refuses a key with %s", (_, key) => {
    const text = `key,value,unit,label,source,status\n${key},1,count,A label,s,primary\n`;
    const parsed = parseDataText("/tmp/mini.csv", text);
    expect(parsed.data).toBeUndefined();
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(["FD_DATA_KEY_NAME"]);
    expect(parsed.diagnostics[0]?.at).toMatchObject({ line: 2, column: 1 });
  });

  it("refuses a key of one part or three, and a reserved column name", () => {
    const one = parseDataText("/tmp/mini.csv", "key,value\ncohort,1\n");
    expect(one.diagnostics.map((d) => d.code)).toEqual(["FD_DATA_KEY_NAME"]);
    const column = parseDataText("/tmp/mini.csv", "key,value,__proto__\na.b,1,x\n");
    expect(column.diagnostics[0]).toMatchObject({
      code: "FD_DATA_KEY_NAME",
      at: { line: 1, column: 11 },
    });
    const twice = parseDataText("/tmp/mini.csv", "key,value,value\na.b,1,2\n");
    expect(twice.diagnostics[0]).toMatchObject({
      code: "FD_DATA_DUPLICATE_KEY",
      at: { line: 1, column: 11 },
      related: [{ line: 1, column: 5 }],
    });
  });

  it("reads a CSV that starts with a byte-order mark", async () => {
    const { dataset, diagnostics } = await loadDataset(fixture("data", "csv-bom"), "mini");
    expect(diagnostics).toEqual([]);
    expect(dataset?.figure("recidivism.cohort")?.value).toBe(1093);
    expect(dataset?.positionOf("recidivism.sex_offense_rate", "value")).toMatchObject({
      line: 4,
      column: 29,
    });
  });
});

describe("YAML keys", () => {
  it("refuses a key written twice in a mapping, naming both lines", async () => {
    const { diagnostics } = await loadDataset(fixture("data", "yaml-duplicate-key"), "mini");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: "FD_DATA_DUPLICATE_KEY",
      at: { line: 6, column: 7 },
      related: [{ line: 5, column: 7 }],
    });
    await expect(printed(diagnostics)).toMatchFileSnapshot("__snapshots__/yaml-duplicate-key.txt");
  });

  it.each(["__proto__", "constructor", "prototype"])("refuses %s as a key", (name) => {
    const parsed = parseDataText("/tmp/mini.yaml", `title: T\nfigures:\n  ${name}:\n    x: 1\n`);
    expect(parsed.data).toBeUndefined();
    expect(parsed.diagnostics[0]).toMatchObject({
      code: "FD_DATA_KEY_NAME",
      at: { line: 3, column: 3 },
    });
  });

  it("refuses an alias bomb quickly, as a data error at the first alias", () => {
    const levels = Array.from({ length: 12 }, (_, i) => {
      const item = i === 0 ? "lol" : `*a${i - 1}`;
      return `a${i}: &a${i} [${Array(10).fill(item).join(", ")}]`;
    });
    const started = performance.now();
    const parsed = parseDataText("/tmp/mini.yaml", `${levels.join("\n")}\n`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]).toMatchObject({
      code: "FD_DATA_ALIAS_LIMIT",
      at: { line: 2, column: 10 },
    });
  });

  it("accepts a few ordinary aliases", () => {
    const parsed = parseDataText("/tmp/mini.yaml", "a: &s test-source\nb: *s\nc: *s\n");
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.data).toEqual({ a: "test-source", b: "test-source", c: "test-source" });
  });

  it("reads YAML that starts with a byte-order mark, positions unchanged", () => {
    const parsed = parseDataText("/tmp/mini.yaml", "\uFEFFtitle: T\nfigures: {}\n");
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.data).toEqual({ title: "T", figures: {} });
    expect(parsed.locate(["figures"])).toMatchObject({ line: 2, column: 10 });
  });
});

describe("JSON", () => {
  const json = (text: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "factdeck-json-"));
    dirs.push(dir);
    writeFileSync(path.join(dir, "mini.json"), text);
    writeFileSync(
      path.join(dir, "sources.yaml"),
      "sources:\n  s:\n    title: A source\n    publisher: Someone\n    date: 2021\n",
    );
    return dir;
  };
  const GOOD = `{
  "title": "Mini dataset",
  "figures": {
    "mini": {
      "cohort": { "value": 1093, "unit": "count", "label": "Tracked", "source": "s", "status": "primary" }
    }
  }
}
`;

  it("refuses a trailing comma with its position, a code frame and the fix", async () => {
    const dir = json(GOOD.replace('"primary" }', '"primary", }'));
    const { diagnostics } = await loadDataset(dir, "mini");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "FD_DATA_SYNTAX", at: { line: 5, column: 107 } });
    expect(diagnostics[0]?.detail).toContain("trailing comma");
    const text = formatDiagnostics(diagnostics, { root: dir });
    expect(text).toContain("> 5 |");
    await expect(text).toMatchFileSnapshot("__snapshots__/json-trailing-comma.txt");
  });

  it.each([
    ["a line comment", "// figures\n", 1, 1],
    ["a block comment", "/* figures */ ", 1, 1],
  ])("refuses %s", (_, comment, line, column) => {
    const parsed = parseDataText("/tmp/mini.json", comment + GOOD);
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]).toMatchObject({ code: "FD_DATA_SYNTAX", at: { line, column } });
    expect(parsed.diagnostics[0]?.detail).toBe("JSON does not allow comments");
  });

  it("refuses NaN, which JSON does not have", () => {
    const parsed = parseDataText("/tmp/mini.json", GOOD.replace("1093", "NaN"));
    expect(parsed.diagnostics[0]).toMatchObject({
      code: "FD_DATA_SYNTAX",
      at: { line: 5, column: 28 },
    });
  });

  it("refuses a key written twice and a __proto__ key, with positions", () => {
    const twice = parseDataText(
      "/tmp/mini.json",
      GOOD.replace('"value": 1093,', '"value": 1093, "value": 1,'),
    );
    expect(twice.diagnostics[0]).toMatchObject({
      code: "FD_DATA_DUPLICATE_KEY",
      at: { line: 5, column: 34 },
      related: [{ line: 5, column: 19 }],
    });
    const proto = parseDataText("/tmp/mini.json", GOOD.replace('"mini": {', '"__proto__": {'));
    expect(proto.data).toBeUndefined();
    expect(proto.diagnostics[0]).toMatchObject({
      code: "FD_DATA_KEY_NAME",
      at: { line: 4, column: 5 },
    });
  });

  it("refuses absurd nesting as a syntax error instead of overflowing the stack", () => {
    const parsed = parseDataText("/tmp/mini.json", `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]).toMatchObject({
      code: "FD_DATA_SYNTAX",
      at: { line: 1, column: 65 },
    });
    const yaml = parseDataText("/tmp/mini.yaml", `a: ${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(yaml.diagnostics.map((d) => d.code)).toContain("FD_DATA_SYNTAX");
  });

  it("loads strict JSON with a byte-order mark and points schema errors into it", async () => {
    const good = await loadDataset(json(`\uFEFF${GOOD}`), "mini");
    expect(good.diagnostics).toEqual([]);
    expect(good.dataset?.figure("mini.cohort")?.value).toBe(1093);
    const bad = await loadDataset(json(GOOD.replace("1093", "-1093")), "mini");
    expect(bad.diagnostics[0]).toMatchObject({
      code: "FD_DATA_SCHEMA",
      at: { line: 5, column: 28, endColumn: 33 },
    });
  });
});

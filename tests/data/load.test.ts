import { describe, expect, it } from "vitest";
import { formatFigure, loadDataset } from "../../src/data/index.ts";
import { fixture, printed } from "../helpers.ts";

describe("loadDataset", () => {
  it("loads a valid dataset and formats its figures from unit and precision", async () => {
    const { dataset, diagnostics } = await loadDataset(fixture("data", "good"), "mini");
    expect(diagnostics).toEqual([]);
    expect(dataset).toBeDefined();
    const show = (key: string) => formatFigure(dataset!.figure(key)!);
    expect(show("recidivism.sex_offense_rate")).toBe("4.3%");
    expect(show("recidivism.cohort")).toBe("1,093 offenders");
    expect(show("ranges.receipt")).toBe("37–180 months");
    expect(show("ranges.possession")).toBe("probation–228 months");
    expect(show("factors.community")).toBe("more than 40%");
    expect(dataset!.source("test-source")?.short).toBe("Test 2021");
  });

  it.each([
    ["wrong-type", "FD_DATA_SCHEMA"],
    ["unknown-key", "FD_DATA_UNKNOWN_KEY"],
    ["bad-rate", "FD_RELATION_RATE"],
    ["bad-shares", "FD_RELATION_SHARES"],
    ["unknown-source", "FD_DATA_UNKNOWN_SOURCE"],
    ["syntax", "FD_DATA_SYNTAX"],
  ])("reports %s with its code, position and code frame", async (name, code) => {
    const { dataset, diagnostics } = await loadDataset(fixture("data", name), "mini");
    expect(dataset).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toContain(code);
    const text = printed(diagnostics);
    expect(text).toMatch(new RegExp(`tests/fixtures/data/${name}/mini\\.yaml:\\d+:\\d+`));
    expect(text).toContain(" | ");
    await expect(text).toMatchFileSnapshot(`__snapshots__/${name}.txt`);
  });

  it("points a wrong type at the value and says what to write instead", async () => {
    const { diagnostics } = await loadDataset(fixture("data", "wrong-type"), "mini");
    const d = diagnostics.find((x) => x.code === "FD_DATA_SCHEMA")!;
    expect(d.at).toMatchObject({ line: 19, column: 14 });
    expect(d.detail).toContain(
      'recidivism.sex_offense_rate.value: expected a number or a range, got a string "4.3%"',
    );
    expect(d.hint).toContain("without the percent sign");
  });

  it("names both the rate and the count when a count no longer matches its rate", async () => {
    const { diagnostics } = await loadDataset(fixture("data", "bad-rate"), "mini");
    const d = diagnostics.find((x) => x.code === "FD_RELATION_RATE")!;
    expect(d.at?.line).toBe(19);
    expect(d.related?.map((p) => p.line)).toEqual([12, 5]);
    expect(d.detail).toContain("47");
  });

  it("suggests the nearest key for a misspelled field", async () => {
    const { diagnostics } = await loadDataset(fixture("data", "unknown-key"), "mini");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.hint).toBe('did you mean "label"?');
    expect(diagnostics[0]?.at).toMatchObject({ line: 8, column: 7 });
  });

  it("reports a bad source entry once, not again at every figure that cites it", async () => {
    const { diagnostics } = await loadDataset(fixture("data", "bad-source-entry"), "mini");
    expect(diagnostics.map((d) => d.code)).toEqual(["FD_DATA_SCHEMA"]);
    expect(diagnostics[0]?.message).toBe("A source does not match the schema.");
    expect(diagnostics[0]?.detail).toContain("sources.test-source.date");
  });

  it("reports a missing dataset file with the places it looked", async () => {
    const { diagnostics } = await loadDataset(fixture("data", "good"), "nope");
    expect(diagnostics[0]?.code).toBe("FD_DATA_MISSING");
  });
});

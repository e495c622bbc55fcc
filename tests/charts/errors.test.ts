import { describe, expect, it } from "vitest";
import { renderChart } from "../../src/charts/index.ts";
import { formatDiagnostic, type SourcePosition } from "../../src/errors/index.ts";
import { FIGURES, stubDataset } from "./fixtures.ts";

const at: SourcePosition = { file: "slides/demo/03-offenders.mdx", line: 12, column: 1 };
const render = (kind: string, keys: string[]) =>
  renderChart({ kind, keys, title: "A takeaway", at }, stubDataset());

const cases: Array<[string, string, string[], string, RegExp]> = [
  ["an unknown kind", "bar", ["offenders.total"], "FD_CHART_KIND", /did you mean "bars"\?/],
  [
    "a misspelled figure key",
    "bars",
    ["offenders.posession"],
    "FD_CHART_KEY",
    /did you mean "offenders.possession"\?/,
  ],
  ["no figures at all", "bars", [], "FD_CHART_DATA", /list the figure keys/],
  [
    "bars given a range",
    "bars",
    ["offenders.total", "sentences.receipt"],
    "FD_CHART_DATA",
    /kind="ranges"/,
  ],
  [
    "bars in two units",
    "bars",
    ["offenders.total", "offenders.possession"],
    "FD_CHART_DATA",
    /one chart for each unit/,
  ],
  ["ranges given a single value", "ranges", ["offenders.total"], "FD_CHART_DATA", /ranges/],
  [
    "a stack of counts",
    "stack",
    ["offenders.total", "offenders.possession"],
    "FD_CHART_DATA",
    /percentage figures/,
  ],
  [
    "a stack that is not a whole",
    "stack",
    ["offenders.possession", "offenders.distribution"],
    "FD_CHART_DATA",
    /every part of the whole/,
  ],
  ["a stack of one share", "stack", ["offenders.possession"], "FD_CHART_DATA", /2 or more/],
  [
    "an odd number of figures to compare",
    "compare",
    ["trend.minimum_2005", "trend.minimum_2019", "trend.sentence_2005"],
    "FD_CHART_DATA",
    /two by two/,
  ],
];

describe("a chart that cannot be drawn", () => {
  it.each(cases)("reports %s", (_, kind, keys, code, hint) => {
    const { chart, diagnostics } = render(kind, keys);
    expect(chart).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code, severity: "error", at });
    expect(diagnostics[0]!.message).not.toBe("");
    expect(diagnostics[0]!.hint).toMatch(hint);
  });

  it("reports every unknown key, not just the first", () => {
    const { diagnostics } = render("bars", ["offenders.totl", "community.onlin", "nothing.close"]);
    expect(diagnostics.map((d) => d.hint)).toEqual([
      'did you mean "offenders.total"?',
      'did you mean "community.online"?',
      expect.stringMatching(/^known figure keys: /),
    ]);
  });

  it("says by how much a stack misses 100%", () => {
    const { diagnostics } = render("stack", ["offenders.possession", "offenders.distribution"]);
    expect(diagnostics[0]!.message).toContain("89.1%");
  });

  it("accepts shares whose sum is 100% within rounding", () => {
    const third = { ...FIGURES["offenders.receipt"]!, value: 33.3 };
    const thirds = { "a.one": third, "a.two": third, "a.three": third };
    const { chart, diagnostics } = renderChart(
      { kind: "stack", keys: Object.keys(thirds), title: "Thirds" },
      stubDataset(thirds),
    );
    expect(diagnostics).toEqual([]);
    expect(chart).toBeDefined();
  });

  it("prints each error with its place, message and hint", async () => {
    const printed = cases
      .map(([name, kind, keys]) => {
        const [diagnostic] = render(kind, keys).diagnostics;
        return `# ${name}\n${formatDiagnostic(diagnostic!, { root: ".", read: () => undefined })}`;
      })
      .join("\n\n");
    await expect(`${printed}\n`).toMatchFileSnapshot("__snapshots__/errors.txt");
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { type ChartRequest, clearChartCache, renderChart } from "../../src/charts/index.ts";
import type { Figure } from "../../src/data/schema.ts";
import { FIGURES, stubDataset } from "./fixtures.ts";

const pct = (value: number, extra: Partial<Figure> = {}): Figure => ({
  value,
  unit: "percent",
  precision: 1,
  label: `A share of ${value}`,
  source: "ussc-2021",
  status: "primary",
  ...extra,
});

const DATA: Record<string, Figure> = {
  ...FIGURES,
  "f.offenses": pct(64.5, { short: "Infants", base: "offenses" }),
  "f.community": pct(40, { short: "Community", base: "offenders", qualifier: "more than" }),
  "f.conduct": pct(48, { short: "Conduct", base: "offenders" }),
  "f.nearly": pct(50, { short: "Nearly half", precision: 0, qualifier: "nearly" }),
  "r.rearrest": pct(27.6, { short: "Rearrested" }),
  "r.sex": pct(4.3, { short: "Sex offense" }),
  "p.before": pct(20, { short: "Share in the first year" }),
  "p.after": pct(30, { short: "Share in the last year" }),
};

const at = { file: "slides/demo/factors.mdx", line: 5, column: 1 };
const render = (request: Omit<ChartRequest, "title"> & { title?: string }) =>
  renderChart({ title: "A takeaway", at, ...request }, stubDataset(DATA));

/** Bars as drawn: x and width of every rect, with the opacity of the group it is in. */
function rects(svg: string): Array<{ x: number; width: number; opacity: number }> {
  const out: Array<{ x: number; width: number; opacity: number }> = [];
  for (const g of svg.matchAll(/<g([^>]*)>((?:<rect[^>]*\/>)+)<\/g>/g)) {
    const opacity = Number(/fill-opacity="([\d.]+)"/.exec(g[1]!)?.[1] ?? 1);
    for (const r of g[2]!.matchAll(/<rect([^>]*)\/>/g)) {
      const x = Number(/ x="([\d.]+)"/.exec(r[1]!)?.[1]);
      const width = Number(/ width="([\d.]+)"/.exec(r[1]!)?.[1]);
      out.push({ x, width, opacity });
    }
  }
  return out;
}

beforeEach(() => clearChartCache());

describe("a qualified value in a bar chart", () => {
  it("is drawn open-ended: solid to the stated value, fading past it, and the description says so", () => {
    const { chart, diagnostics } = render({ kind: "bars", keys: ["f.conduct", "f.community"] });
    expect(diagnostics).toEqual([]);
    const drawn = rects(chart!.svg);
    const solid = drawn.filter((r) => r.opacity === 1);
    const fading = drawn.filter((r) => r.opacity < 1);
    expect(solid).toHaveLength(2);
    // 48% and 40% from the same origin: the 40% bar ends where its value says.
    const [conduct, community] = solid;
    expect(community!.width / conduct!.width).toBeCloseTo(40 / 48, 3);
    // The fading steps start at the end of the 40% bar and grow fainter outward.
    expect(fading.length).toBe(3);
    expect(fading[0]!.x).toBeCloseTo(community!.x + community!.width, 3);
    expect(fading.map((r) => r.opacity)).toEqual(
      [...fading.map((r) => r.opacity)].sort().reverse(),
    );
    expect(chart!.svg).toContain(">more than 40.0%<");
    expect(chart!.description).toContain("more than 40.0%");
    expect(chart!.description).toMatch(/“Community” is published as a lower bound/);
  });

  it("fades in before an upper bound (“nearly”) instead of reaching it", () => {
    const { chart } = render({ kind: "bars", keys: ["f.nearly", "r.rearrest"] });
    const drawn = rects(chart!.svg);
    const fading = drawn.filter((r) => r.opacity < 1);
    expect(fading).toHaveLength(3);
    // Faintest at the stated value, darkest where the solid bar ends.
    expect(fading.at(-1)!.opacity).toBeLessThan(fading[0]!.opacity);
    expect(chart!.description).toMatch(/upper bound \(“nearly”\)/);
  });

  it("draws an unqualified value as a plain bar", () => {
    const { chart } = render({ kind: "bars", keys: ["r.rearrest", "r.sex"] });
    expect(rects(chart!.svg).every((r) => r.opacity === 1)).toBe(true);
    expect(chart!.description).not.toMatch(/bound/);
  });
});

describe("figures of different bases on one axis", () => {
  it("are refused at the <Chart> line, naming each base", () => {
    const { chart, diagnostics } = render({ kind: "bars", keys: ["f.offenses", "f.community"] });
    expect(chart).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "FD_CHART_MIXED_BASES", at });
    expect(diagnostics[0]!.message).toContain("f.offenses is a share of offenses");
    expect(diagnostics[0]!.message).toContain("f.community of offenders");
    expect(diagnostics[0]!.hint).toContain('mixed="bases"');
  });

  it("are drawn when the slide says the mix is deliberate, each label naming its base", () => {
    const { chart, diagnostics } = render({
      kind: "bars",
      keys: ["f.offenses", "f.community", "f.conduct"],
      mixedBases: true,
    });
    expect(diagnostics).toEqual([]);
    expect(chart!.svg).toMatch(/Infants \(of[\s\S]*?offenses\)/);
    expect(chart!.description).toContain("shares of different wholes");
    expect(chart!.description).toContain("Infants of offenses");
  });

  it("are fine when every figure has the same base, or none is declared", () => {
    expect(render({ kind: "bars", keys: ["f.community", "f.conduct"] }).diagnostics).toEqual([]);
    expect(render({ kind: "bars", keys: ["r.rearrest", "f.conduct"] }).diagnostics).toEqual([]);
  });
});

describe("a stated axis domain", () => {
  it("ends a percent axis where the slide says and states it under the axis", () => {
    const { chart, diagnostics } = render({
      kind: "bars",
      keys: ["r.rearrest", "r.sex"],
      domain: [0, 30],
    });
    expect(diagnostics).toEqual([]);
    expect(chart!.svg).toContain(">30%<");
    expect(chart!.svg).not.toContain(">100%<");
    expect(chart!.svg).toContain("Scale: 0 to 30%, not to 100%");
    expect(chart!.description).toContain("The axis runs from 0 to 30%, not to 100%.");
    // The longer bar now takes most of the width instead of under a third of it.
    const [rearrest] = rects(chart!.svg);
    const full = rects(render({ kind: "bars", keys: ["r.rearrest", "r.sex"] }).chart!.svg)[0]!;
    expect(rearrest!.width).toBeGreaterThan(full.width * 2.5);
  });

  it("can end just above the data", () => {
    const { chart } = render({ kind: "bars", keys: ["r.rearrest", "r.sex"], domain: "auto" });
    expect(chart!.svg).toContain("Scale: 0 to");
    expect(chart!.svg).not.toContain(">100%<");
  });

  it("is refused when it does not start at 0 or cuts off a value", () => {
    const low = render({ kind: "bars", keys: ["r.rearrest", "r.sex"], domain: [5, 30] });
    expect(low.diagnostics[0]).toMatchObject({ code: "FD_CHART_DATA", at });
    expect(low.diagnostics[0]!.message).toContain("does not start at 0");
    const short = render({ kind: "bars", keys: ["r.rearrest", "r.sex"], domain: [0, 20] });
    expect(short.diagnostics[0]!.message).toContain('"r.rearrest" (27.6%) lies beyond');
  });
});

describe("a comparison chart", () => {
  it("names its two dots in a legend when the labels carry no years", () => {
    const { chart, diagnostics } = render({ kind: "compare", keys: ["p.before", "p.after"] });
    expect(diagnostics).toEqual([]);
    const svg = chart!.svg;
    expect(svg).toContain(">first<");
    expect(svg).toContain(">last<");
    // Each legend entry is drawn in its series' colour, matching the dots.
    expect(svg).toMatch(/fill="var\(--fd-chart-2\)"[^>]*>(?:<[^>]+>)*<circle/);
  });
});

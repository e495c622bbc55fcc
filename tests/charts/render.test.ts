import { beforeEach, describe, expect, it } from "vitest";
import { CHART_KINDS, clearChartCache, renderChart } from "../../src/charts/index.ts";
import { formatFigure } from "../../src/data/format.ts";
import { FIGURES, REQUESTS, stubDataset } from "./fixtures.ts";

const render = (request: { kind: string; keys: readonly string[]; title: string }) =>
  renderChart({ ...request, keys: [...request.keys] }, stubDataset());

// Text as it is drawn: the contents of every <text>/<tspan>, entities decoded.
function drawnText(svg: string): string[] {
  return [...svg.matchAll(/<(?:text|tspan)[^>]*>([^<]+)</g)].map((m) =>
    m[1]!.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&"),
  );
}

beforeEach(() => clearChartCache());

describe.each(CHART_KINDS)("a %s chart", (kind) => {
  const request = REQUESTS[kind];

  it("renders themeable, scalable, labelled SVG", () => {
    const { chart, diagnostics } = render(request);
    expect(diagnostics).toEqual([]);
    const svg = chart!.svg;
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('width="100%"');
    expect(svg).not.toMatch(/<svg[^>]* height=/);
    expect(svg).toMatch(/viewBox="0 0 1000 \d+"/);
    expect(svg).toContain('role="img"');
    expect(svg).toContain(`aria-label="${request.title}"`);
    expect(svg).toContain(`aria-description="${chart!.description}"`);
    expect(svg).toContain(`class="fd-chart-svg fd-chart-${kind}"`);
    expect(svg).toContain('font-family="inherit"');
    expect(svg).toContain("background: transparent");
    expect(svg).toContain("var(--fd-chart-1)");
    expect(svg).toContain("var(--fd-chart-text)");
    expect(svg).not.toMatch(/#[0-9a-f]{3,6}\b|rgb\(/i);
  });

  it("draws every number formatted, never a raw float", () => {
    const text = drawnText(render(request).chart!.svg);
    for (const line of text) expect(line).not.toMatch(/\d\.\d{3,}/);
  });

  it("describes every value as prose formats it, and tabulates it", () => {
    const { chart } = render(request);
    for (const key of request.keys) {
      const figure = FIGURES[key]!;
      expect(chart!.description).toContain(formatFigure(figure));
      const row = chart!.table.rows.find((r) => r[0] === figure.label);
      expect(row?.[1]).toBe(formatFigure(figure));
      expect(row?.[2]).toBe(figure.locator ?? "not given");
      expect(row?.[3]).toMatch(
        figure.status === "primary" ? /^Primary$/ : /^(Secondary source|Unverified)$/,
      );
    }
    expect(chart!.table.caption).toBe(request.title);
    expect(chart!.keys).toEqual(request.keys);
    expect(chart!.title).toBe(request.title);
  });

  it("matches its SVG snapshot", async () => {
    await expect(render(request).chart!.svg).toMatchFileSnapshot(`__snapshots__/${kind}.svg`);
  });
});

describe("what each kind draws", () => {
  it("bars: a 0–100% axis, short labels, values with their qualifiers", () => {
    const text = drawnText(render(REQUESTS.bars).chart!.svg);
    expect(text).toEqual(
      expect.arrayContaining(["Victim under 12", "95%", "77%", "more than 40%", "0%", "100%"]),
    );
  });

  it("bars: a count axis from 0 past the largest value, its unit on the last tick", () => {
    const { chart } = render({ kind: "bars", keys: ["offenders.total"], title: "Offenders" });
    expect(drawnText(chart!.svg)).toEqual(
      expect.arrayContaining(["1,340", "0", "1,500 offenders"]),
    );
  });

  it("stack: one segment per share, in palette order, each labelled with its value", () => {
    const { chart } = render(REQUESTS.stack);
    const fills = [...chart!.svg.matchAll(/<rect[^>]*fill="(var\(--fd-chart-\d\))"/g)].map(
      (m) => m[1],
    );
    expect(fills).toEqual(["var(--fd-chart-1)", "var(--fd-chart-2)", "var(--fd-chart-3)"]);
    expect(drawnText(chart!.svg)).toEqual(
      expect.arrayContaining(["Possession", "42.5%", "Receipt", "10.9%", "Distribution", "46.6%"]),
    );
  });

  it("ranges: both ends labelled, with the published words for the low end", () => {
    const text = drawnText(render(REQUESTS.ranges).chart!.svg);
    expect(text).toEqual(
      expect.arrayContaining(["probation", "228", "37", "180", "<1", "240", "250 months"]),
    );
  });

  it("compare: rows labelled without the year, the years naming the two ends", () => {
    const { chart } = render(REQUESTS.compare);
    const text = drawnText(chart!.svg);
    expect(text).toEqual(
      expect.arrayContaining(["Average guideline", "minimum", "98", "136", "91", "103"]),
    );
    expect(text).toEqual(expect.arrayContaining(["FY2005", "FY2019"]));
    expect(chart!.description).toContain(
      "Average guideline minimum: 98 months in FY2005, then 136 months in FY2019.",
    );
  });
});

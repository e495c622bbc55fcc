import { beforeEach, expect, it } from "vitest";
import { clearChartCache, renderChart } from "../../src/charts/index.ts";
import { FIGURES, REQUESTS, stubDataset } from "./fixtures.ts";

const request = { ...REQUESTS.bars, keys: [...REQUESTS.bars.keys] };

beforeEach(() => clearChartCache());

it("returns the same chart object for the same request and data", () => {
  const first = renderChart(request, stubDataset()).chart;
  const second = renderChart({ ...request, keys: [...request.keys] }, stubDataset()).chart;
  expect(second).toBe(first);
});

it("ignores where the chart tag is: moving a slide does not re-render its chart", () => {
  const first = renderChart(request, stubDataset()).chart;
  const moved = renderChart(
    { ...request, at: { file: "x.mdx", line: 9, column: 1 } },
    stubDataset(),
  );
  expect(moved.chart).toBe(first);
});

it("re-renders when a figure's value changes", () => {
  const first = renderChart(request, stubDataset()).chart!;
  const changed = {
    ...FIGURES,
    "enhancements.under_twelve": { ...FIGURES["enhancements.under_twelve"]!, value: 93 },
  };
  const second = renderChart(request, stubDataset(changed)).chart!;
  expect(second).not.toBe(first);
  expect(second.svg).toContain(">93%<");
  expect(second.svg).not.toContain(">95%<");
  expect(second.description).toContain("93%");
});

it("re-renders when the title or the order of keys changes", () => {
  const first = renderChart(request, stubDataset()).chart;
  expect(renderChart({ ...request, title: "Another takeaway" }, stubDataset()).chart).not.toBe(
    first,
  );
  const reordered = { ...request, keys: [...request.keys].reverse() };
  expect(renderChart(reordered, stubDataset()).chart).not.toBe(first);
});

it("forgets everything on clearChartCache, and renders the same SVG again", () => {
  const first = renderChart(request, stubDataset()).chart!;
  clearChartCache();
  const again = renderChart(request, stubDataset()).chart!;
  expect(again).not.toBe(first);
  expect(again.svg).toBe(first.svg);
});

export { clearChartCache } from "./cache.ts";
export { CHART_KINDS, type ChartDataset, isChartKind, renderChart } from "./render.ts";
export type {
  ChartKind,
  ChartRequest,
  ChartTable,
  RenderedChart,
} from "./types.ts";

export { clearChartCache } from "./cache.ts";
export {
  type ChartTheme,
  type CustomChart,
  type LoadedChart,
  listCustomCharts,
  loadCustomChart,
  renderCustomChart,
} from "./custom.ts";
export { CHART_KINDS, type ChartDataset, isChartKind, renderChart } from "./render.ts";
export {
  isRowChartKind,
  ROW_CHART_KINDS,
  renderRowChart,
  roleKinds,
  rowChartQuery,
  rowKindRoles,
} from "./row-chart.ts";
export { chartRowsQuery, type RowAttributes, tableRowsQuery } from "./row-requests.ts";
export type { ChartFrame, ChartRows, RowChartKind, RowChartRequest } from "./row-types.ts";
export type {
  ChartKind,
  ChartModel,
  ChartRequest,
  ChartTable,
  FigureChartModel,
  RenderedChart,
  RowChartModel,
} from "./types.ts";

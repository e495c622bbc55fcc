import type { PlotOptions } from "@observablehq/plot";
import type { Figure } from "../data/schema.ts";
import type { Row, RowColumn } from "../data/tables/rows.ts";
import type { SourcePosition } from "../errors/index.ts";

/** The chart kinds a `<Chart kind="…">` may ask for. */
export type ChartKind = "bars" | "stack" | "ranges" | "compare";

/** What a slide asks for: a kind, the figures in display order, and the takeaway title. */
export interface ChartRequest {
  /** Checked against `CHART_KINDS`; an unknown kind is a diagnostic, not a throw. */
  kind: string;
  /** Figure keys in display order (for `compare`: before, after, before, after …). */
  keys: string[];
  /** The takeaway, shown above the chart. */
  title: string;
  /** Where the `<Chart>` tag is, for diagnostics. */
  at?: SourcePosition;
  /** The value axis: from 0 to just above the data ("auto"), or a stated extent; default 0–100 for percentages. */
  domain?: "auto" | [number, number];
  /** The slide draws shares of different bases on one axis on purpose (`mixed="bases"`). */
  mixedBases?: boolean;
  /** The viewBox width, for a chart laid out in a column; default 1000. */
  width?: number;
}

/** How a kind is asked to lay out its figures, beyond the figures themselves. */
export interface PlotRequest {
  /** Width of the viewBox; default 1000, less for a chart in a column, so its text keeps its size. */
  width?: number;
  domain?: "auto" | [number, number];
  /** Bases differ and the slide says so: each label names its base. */
  showBases?: boolean;
}

/** A chart's data as a table, for handouts and screen readers. */
export interface ChartTable {
  caption: string;
  columns: string[];
  rows: string[][];
}

/** A rendered chart: inline SVG plus the same data as text and as a table. */
export interface RenderedChart {
  /** Inline `<svg>` markup, `width="100%"` with a viewBox, colours as CSS variables. */
  svg: string;
  title: string;
  /** Sentences describing every value, formatted as in prose. */
  description: string;
  table: ChartTable;
  /** The figure keys drawn, in display order; empty for a chart of rows. */
  keys: string[];
  /** The dataset table a chart of rows draws. */
  dataTable?: string;
  /** Why a chart of rows cannot be read at the deck's size; absent or empty when it can. */
  unreadable?: Array<{ message: string; hint: string }>;
}

/** A figure together with the key a slide bound it by. */
export interface KeyedFigure {
  key: string;
  figure: Figure;
}

/** Why a kind cannot draw the figures it was given, in a presenter's words. */
export interface DataProblem {
  message: string;
  hint: string;
  detail?: string;
}

/** One chart kind: checks its figures, then lays them out as Plot options. */
export interface ChartKindSpec {
  /** A problem when the figures do not suit this kind; undefined when they do. */
  check(figures: readonly KeyedFigure[]): DataProblem | undefined;
  /** Plot options (size, scales, marks) for figures that passed `check`. */
  plot(figures: readonly KeyedFigure[], request?: PlotRequest): PlotOptions;
}

/** What an export needs to draw a chart again natively: its request and data, never its SVG. */
interface ChartModelBase {
  /** Written on its figure as `data-chart-id`. */
  id: string;
  /** The slide id it is on. */
  slide: string;
  kind: string;
  title: string;
  description: string;
}

/** A chart of named figures (`<Chart kind of>`): its keys in display order. */
export interface FigureChartModel extends ChartModelBase {
  from: "figures";
  keys: string[];
}

/** A chart of a table's rows (`<Chart data>`): the columns in their roles and the rows it drew. */
export interface RowChartModel extends ChartModelBase {
  from: "rows";
  table: string;
  x?: string;
  y?: string;
  series?: string;
  facet?: string;
  label?: string;
  sort?: string;
  layout?: string;
  domain?: string;
  /** A project chart module (`use=`), which only the SVG can show. */
  use?: string;
  locale: string;
  columns: readonly RowColumn[];
  rows: readonly Row[];
}

/** One chart of a rendered deck, in the order the slides show them. */
export type ChartModel = FigureChartModel | RowChartModel;

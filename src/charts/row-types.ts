import type { PlotOptions } from "@observablehq/plot";
import type { ColumnKind, Row, RowColumn } from "../data/tables/rows.ts";
import type { SourcePosition } from "../errors/index.ts";
import type { ChartTable } from "./types.ts";

/** The kinds a `<Chart data="table">` may ask for. */
export type RowChartKind = "line" | "area" | "bars" | "dot" | "box" | "histogram" | "scatter";

/** The room a chart is laid out in: its viewBox, and how many screen pixels one unit is at the deck's size. */
export interface ChartFrame {
  width: number;
  height: number;
  /** Screen pixels per viewBox unit at the deck's size: readability is judged in pixels. */
  px: number;
}

/** What a slide asks for: a kind, a table's columns in roles, and the takeaway title. */
export interface RowChartRequest {
  kind: string;
  table: string;
  title: string;
  x?: string;
  y?: string;
  series?: string;
  facet?: string;
  /** Category order: "value" (largest first), "name" (A–Z), or the rows' order when absent. */
  sort?: string;
  /** A text column that names points (scatter, dot). */
  label?: string;
  /** "stacked" or "grouped" (the default) bars when there is a series. */
  layout?: string;
  /** "auto" fits the value axis to the data instead of starting it at 0 (lines and points only). */
  domain?: string;
  frame: ChartFrame;
  locale: string;
  at?: SourcePosition;
}

/** The rows a chart draws and what the engine says about their columns. */
export interface ChartRows {
  rows: readonly Row[];
  columns: readonly RowColumn[];
}

/** Everything a row kind reads while it lays out a chart. */
export interface RowContext extends ChartRows {
  request: RowChartRequest;
  /** A column the request names; validation has checked that it exists. */
  column(name: string): RowColumn;
}

/** What a kind hands back: Plot options, its description, its data table, and readability findings. */
export interface RowPlan {
  options: PlotOptions;
  description: string;
  table: ChartTable;
  /** Why the chart cannot be read at the deck's size, and what to do; empty when it can. */
  unreadable: Array<{ message: string; hint: string }>;
}

/** One row kind: which columns it needs in which roles, and its layout. */
export interface RowKindSpec {
  /** The column kinds each role accepts; a role that is absent is not used by the kind. */
  roles: Partial<Record<"x" | "y" | "series" | "facet" | "label", readonly ColumnKind[]>>;
  /** Roles that must be given. */
  required: ReadonlyArray<"x" | "y">;
  plot(ctx: RowContext): RowPlan;
}

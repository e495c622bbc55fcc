import type { RowColumn } from "../data/tables/rows.ts";
import { type Diagnostic, nearest } from "../errors/index.ts";
import { cacheChart, cachedChart, chartCacheKey } from "./cache.ts";
import { chartDocument } from "./dom.ts";
import { area } from "./kinds/area.ts";
import { BarsProblem, barsFromRows } from "./kinds/bars-rows.ts";
import { box } from "./kinds/box.ts";
import { dot } from "./kinds/dot.ts";
import { histogram } from "./kinds/histogram.ts";
import { line } from "./kinds/line.ts";
import { scatter } from "./kinds/scatter.ts";
import { roleColumns } from "./row-scales.ts";
import type {
  ChartRows,
  RowChartKind,
  RowChartRequest,
  RowContext,
  RowKindSpec,
  RowPlan,
} from "./row-types.ts";
import { drawSvg } from "./svg.ts";
import type { RenderedChart } from "./types.ts";

const ROW_KINDS: Record<RowChartKind, RowKindSpec> = {
  line,
  area,
  bars: barsFromRows,
  dot,
  box,
  histogram,
  scatter,
};

/** The kinds `<Chart data="table">` draws, in the order the docs list them. */
export const ROW_CHART_KINDS: readonly RowChartKind[] = Object.freeze(
  Object.keys(ROW_KINDS) as RowChartKind[],
);

/** True when a string names a kind drawn from rows. */
export function isRowChartKind(kind: string): kind is RowChartKind {
  return Object.hasOwn(ROW_KINDS, kind);
}

/** The roles (x, y, series, facet, label) a row kind accepts, and which it needs. */
export function rowKindRoles(kind: RowChartKind): {
  accepts: string[];
  required: readonly string[];
} {
  const spec = ROW_KINDS[kind];
  return { accepts: Object.keys(spec.roles), required: spec.required };
}

/** The column kinds each role of a row kind accepts ("number", "date", …). */
export function roleKinds(kind: RowChartKind, role: string): readonly string[] | undefined {
  return ROW_KINDS[kind].roles[role as keyof RowKindSpec["roles"]];
}

/** The columns a row chart reads and how it orders them: only those reach the page. */
export function rowChartQuery(
  request: Pick<RowChartRequest, "kind" | "x" | "y" | "series" | "facet" | "label">,
): {
  columns: string[];
  orderBy: Array<{ column: string }>;
} {
  const ordered = (request.kind === "line" || request.kind === "area") && request.x;
  return { columns: roleColumns(request), orderBy: ordered ? [{ column: request.x! }] : [] };
}

/** Renders a chart from a table's rows, or explains why it cannot; cached by request and rows. */
export function renderRowChart(
  request: RowChartRequest,
  data: ChartRows,
): { chart?: RenderedChart; diagnostics: Diagnostic[] } {
  const { kind, at } = request;
  if (!isRowChartKind(kind))
    return {
      diagnostics: [
        {
          code: "FD_CHART_KIND",
          severity: "error",
          message: `There is no chart kind "${kind}" for rows.`,
          at,
          hint: `${nearest(kind, ROW_CHART_KINDS) ? `did you mean "${nearest(kind, ROW_CHART_KINDS)}"? ` : ""}the kinds drawn from a table are ${ROW_CHART_KINDS.join(", ")}`,
        },
      ],
    };
  const spec = ROW_KINDS[kind];
  if (!data.rows.length)
    return {
      diagnostics: [
        {
          code: "FD_CHART_DATA",
          severity: "error",
          message: `The table "${request.table}" has no rows to draw.`,
          at,
          hint: "check the table's file or query; a chart needs at least one row",
        },
      ],
    };
  const byName = new Map<string, RowColumn>(data.columns.map((c) => [c.name, c]));
  const id = chartCacheKey(["rows", request, data.columns, data.rows]);
  const cached = cachedChart(id);
  if (cached) return { chart: cached, diagnostics: unreadableDiagnostics(cached, request) };
  const ctx: RowContext = {
    ...data,
    request,
    column(name) {
      const c = byName.get(name);
      if (!c) throw new Error(`the rows have no column ${name}`);
      return c;
    },
  };
  let plan: RowPlan;
  let svg: string;
  try {
    plan = spec.plot(ctx);
    svg = drawSvg(plan.options, chartDocument(), {
      kind,
      title: request.title,
      description: plan.description,
    });
  } catch (error) {
    if (error instanceof BarsProblem)
      return {
        diagnostics: [
          {
            code: "FD_CHART_DATA",
            severity: "error",
            message: error.message,
            at,
            hint: `aggregate the rows first, in a derived table of the dataset (select ${request.x}, sum(${request.y}) … group by ${request.x}), or draw each row with kind="dot"`,
          },
        ],
      };
    return {
      diagnostics: [
        {
          code: "FD_CHART_RENDER",
          severity: "error",
          message: `The ${kind} chart could not be drawn: ${error instanceof Error ? error.message : String(error)}`,
          at,
          hint: "this is a bug in factdeck, not in your slides; please report it with the chart's table",
        },
      ],
    };
  }
  const chart: RenderedChart = {
    svg,
    title: request.title,
    description: plan.description,
    table: plan.table,
    keys: [],
    dataTable: request.table,
    unreadable: plan.unreadable,
  };
  cacheChart(id, chart);
  return { chart, diagnostics: unreadableDiagnostics(chart, request) };
}

function unreadableDiagnostics(chart: RenderedChart, request: RowChartRequest): Diagnostic[] {
  return (chart.unreadable ?? []).map((u) => ({
    code: "FD_CHART_UNREADABLE",
    severity: "warning",
    message: `The ${request.kind} chart "${request.title}" cannot be read at the deck's size: ${u.message}`,
    at: request.at,
    hint: u.hint,
  }));
}

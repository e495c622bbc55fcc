import * as Plot from "@observablehq/plot";
import type { RowValue } from "../../data/tables/rows.ts";
import { orderCategories } from "../categories.ts";
import { textWidth } from "../measure.ts";
import { crowdedBands, type Unreadable } from "../readability.ts";
import {
  axisTitle,
  categories,
  cellFormatter,
  gridX,
  keyOf,
  labelRoom,
  legendMarks,
  plural,
  proseLabel,
  rowTable,
  seriesColors,
  TICK_STYLE,
  TITLE_ROOM,
  valueScale,
} from "../row-scales.ts";
import type { RowKindSpec } from "../row-types.ts";
import { FONT_SIZE, MUTED, paletteColor, SMALL_FONT_SIZE, TEXT } from "../theme.ts";

const ROW = 64;

/**
 * Horizontal bars from rows, one per category (`x`), long as its value (`y`), from zero;
 * with a series, bars are grouped within each category, or stacked with layout="stacked".
 * Each bar is one row: a table with several rows for one bar must be aggregated first.
 */
export const barsFromRows: RowKindSpec = {
  roles: {
    x: ["text", "number", "boolean", "date"],
    y: ["number"],
    series: ["text", "number", "boolean", "date"],
  },
  required: ["x", "y"],
  plot(ctx) {
    const { request, rows } = ctx;
    const { frame, locale } = request;
    const category = ctx.column(request.x!);
    const value = ctx.column(request.y!);
    const series = request.series ? ctx.column(request.series) : undefined;
    const stacked = request.layout === "stacked" && !!series;
    const formatCategory = cellFormatter(ctx, category);
    const formatValue = cellFormatter(ctx, value);
    const proseValue = cellFormatter(ctx, value, true);
    const seen = new Set<string>();
    for (const r of rows) {
      const id = `${keyOf(r[category.name] ?? null)}\u0000${series ? keyOf(r[series.name] ?? null) : ""}`;
      if (seen.has(id))
        throw new BarsProblem(
          `The table has several rows for the bar "${formatCategory(r[category.name] ?? null)}"${series ? ` in "${keyOf(r[series.name] ?? null)}"` : ""}: a bar draws one row.`,
        );
      seen.add(id);
    }
    const names = series ? categories(rows, series.name) : [];
    const totals = new Map<string, number>();
    for (const r of rows) {
      const k = keyOf(r[category.name] ?? null);
      const v = Number(r[value.name] ?? 0);
      totals.set(k, stacked ? (totals.get(k) ?? 0) + v : Math.max(totals.get(k) ?? -Infinity, v));
    }
    const order = orderCategories(
      categories(rows, category.name),
      request.sort,
      (k) => totals.get(k) ?? 0,
      locale,
    );
    const labelOf = new Map(
      order.map((k) => [
        k,
        formatCategory(
          rows.find((r) => keyOf(r[category.name] ?? null) === k)?.[category.name] ?? null,
        ),
      ]),
    );
    const scale = valueScale(
      stacked ? [...totals.values()] : rows.map((r) => Number(r[value.name] ?? 0)),
      value,
      locale,
    );
    const marginLeft = labelRoom([...labelOf.values()], FONT_SIZE);
    const marginTop = TITLE_ROOM + (series ? 40 : 0);
    const marginBottom = 44;
    const valueLabels = !stacked;
    const marginRight = valueLabels
      ? Math.ceil(
          16 +
            Math.max(
              ...rows.map((r) =>
                textWidth(formatValue(r[value.name] ?? null), SMALL_FONT_SIZE, true),
              ),
            ),
        )
      : Math.ceil(labelRoom([scale.format(scale.domain[1])]) / 2);
    const bars = order.length * (series && !stacked ? names.length : 1);
    const height = Math.min(frame.height, marginTop + marginBottom + bars * ROW);
    const plotHeight = height - marginTop - marginBottom;
    const unreadable: Unreadable[] = [];
    const crowded = crowdedBands(
      bars,
      plotHeight,
      frame.px,
      "bars",
      category.kind === "date"
        ? 'draw a series over time with kind="line", or aggregate the rows to fewer periods'
        : "aggregate the rows to fewer categories in a derived table, or split the bars over two slides",
    );
    if (crowded) unreadable.push(crowded);
    const rowsWithKey = rows.map(
      (r): Record<string, RowValue> & { __c: string; __s: string; __t: string } => ({
        ...r,
        __c: keyOf(r[category.name] ?? null),
        __s: series ? keyOf(r[series.name] ?? null) : "",
        __t: formatValue(r[value.name] ?? null),
      }),
    );
    const grouped = !!series && !stacked;
    const bar = stacked
      ? Plot.barX(rowsWithKey, Plot.stackX({ x: value.name, y: "__c", fill: "__s", order: names }))
      : Plot.barX(rowsWithKey, {
          x: value.name,
          y: grouped ? "__s" : "__c",
          ...(grouped ? { fy: "__c" } : {}),
          fill: grouped ? "__s" : paletteColor(0),
        });
    const text = valueLabels
      ? Plot.text(rowsWithKey, {
          x: value.name,
          y: grouped ? "__s" : "__c",
          ...(grouped ? { fy: "__c" } : {}),
          text: "__t",
          dx: 8,
          textAnchor: "start",
          fontSize: SMALL_FONT_SIZE,
          fontWeight: 700,
          fill: TEXT,
        })
      : null;
    const description = [
      `Bar chart of ${proseLabel(value)} by ${proseLabel(category)}${series ? `, ${stacked ? "stacked" : "grouped"} by ${proseLabel(series)} (${names.join(", ")})` : ""}, ${series ? plural(order.length, "group", "groups") : plural(order.length, "bar", "bars")}.`,
      ...order.map((k) => {
        const own = rowsWithKey.filter((r) => r.__c === k);
        return series
          ? `${labelOf.get(k)}: ${own.map((r) => `${r.__s} ${proseValue(r[value.name] ?? null)}`).join(", ")}.`
          : `${labelOf.get(k)}: ${proseValue(own[0]?.[value.name] ?? null)}.`;
      }),
    ].join(" ");
    const categoryAxis = Plot.axisY({
      ...TICK_STYLE,
      ...(grouped ? { anchor: "left" } : {}),
      tickFormat: (k: string) => labelOf.get(k) ?? k,
      fontSize: FONT_SIZE,
      color: TEXT,
    });
    return {
      options: {
        width: frame.width,
        height,
        marginTop,
        marginBottom,
        marginLeft,
        marginRight,
        x: { domain: scale.domain, axis: null },
        y: grouped
          ? { domain: names, axis: null, padding: 0.1 }
          : { domain: order, axis: null, padding: 0.25 },
        ...(grouped ? { fy: { domain: order, axis: null, padding: 0.2 } } : {}),
        ...(series ? { color: { ...seriesColors(names), legend: false } } : {}),
        marks: [
          gridX(scale.ticks),
          bar,
          Plot.ruleX([0], { stroke: MUTED }),
          text,
          ...(series ? legendMarks(names) : []),
          grouped
            ? Plot.axisFy({
                ...TICK_STYLE,
                anchor: "left",
                tickFormat: (k: string) => labelOf.get(k) ?? k,
                fontSize: FONT_SIZE,
                color: TEXT,
              })
            : categoryAxis,
          axisTitle(value),
          Plot.axisX({ ...TICK_STYLE, ticks: scale.ticks, tickFormat: scale.format }),
        ],
      },
      description,
      table: rowTable(ctx, [category.name, ...(series ? [series.name] : []), value.name]),
      unreadable,
    };
  },
};

/** Rows that cannot be drawn as bars as they are (several rows for one bar). */
export class BarsProblem extends Error {}

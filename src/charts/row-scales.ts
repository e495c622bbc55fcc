import * as Plot from "@observablehq/plot";
import {
  columnLabel,
  columnTitle,
  columnUnitWords,
  type DateGrain,
  dateGrain,
  formatCell,
  formatColumnNumber,
  formatDate,
} from "../data/tables/column-format.ts";
import type { Row, RowColumn, RowValue } from "../data/tables/rows.ts";
import { linearTicks } from "./labels.ts";
import { textWidth } from "./measure.ts";
import type { RowContext } from "./row-types.ts";
import { FONT_SIZE, MUTED, paletteColor, SMALL_FONT_SIZE, TEXT } from "./theme.ts";

/** Room above the plot for the value axis title, in viewBox units. */
export const TITLE_ROOM = FONT_SIZE + 18;

/** A numeric column's values, skipping empty cells. */
export function numbers(rows: readonly Row[], name: string): number[] {
  return rows.map((r) => r[name]).filter((v): v is number => typeof v === "number");
}

/** A column's distinct values in first-seen order, as the keys charts group by. */
export function categories(rows: readonly Row[], name: string): string[] {
  return [...new Set(rows.map((r) => keyOf(r[name] ?? null)))];
}

/** A cell as a grouping key: dates by their ISO day, empty cells as "". */
export function keyOf(value: RowValue): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value === null ? "" : String(value);
}

/** How a chart prints one column's values: numbers in its unit, dates at their grain, text as is. */
export function cellFormatter(
  ctx: RowContext,
  column: RowColumn,
  withUnit = false,
): (value: RowValue) => string {
  const grain: DateGrain | undefined =
    column.kind === "date"
      ? dateGrain(ctx.rows.map((r) => r[column.name]).filter((d): d is Date => d instanceof Date))
      : undefined;
  const words = withUnit ? columnUnitWords(column) : "";
  return (value) => {
    const text = formatCell(value, column, ctx.request.locale, grain);
    return words && typeof value === "number" ? `${text} ${words}` : text;
  };
}

/** A quantitative axis from 0 (or from the data when `fit`), with round ticks in the column's unit. */
export function valueScale(
  values: readonly number[],
  column: RowColumn,
  locale: string,
  fit = false,
): { domain: [number, number]; ticks: number[]; format: (n: number) => string } {
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  let domain: [number, number];
  let ticks: number[];
  let precision: number;
  if (fit && values.length) {
    const low = Math.min(...values);
    const high = Math.max(...values);
    const span = linearTicks(high - low || Math.abs(high) || 1);
    const step = span.ticks[1]! - span.ticks[0]!;
    const start = Math.floor(low / step) * step;
    const end = Math.ceil(high / step) * step || step;
    ticks = [];
    for (let t = start; t <= end + step / 2; t += step)
      ticks.push(Number(t.toFixed(span.precision)));
    domain = [start, end];
    precision = span.precision;
  } else if (min < 0) {
    const span = linearTicks(max - min);
    const step = span.ticks[1]! - span.ticks[0]!;
    const start = Math.floor(min / step) * step;
    ticks = [];
    for (let t = start; t <= max + step - 1e-9; t += step)
      ticks.push(Number(t.toFixed(span.precision)));
    domain = [start, ticks.at(-1)!];
    precision = span.precision;
  } else {
    const scale =
      column.display.unit === "percent" && max <= 100 && max > 50
        ? { domainMax: 100, ticks: [0, 25, 50, 75, 100], precision: 0 }
        : linearTicks(max);
    domain = [0, scale.domainMax];
    ticks = scale.ticks;
    precision = scale.precision;
  }
  const declared = column.display.precision;
  const p = declared === undefined ? precision : Math.min(declared, precision);
  return { domain, ticks, format: (n) => formatColumnNumber(n, column, locale, p) };
}

/** Ticks for a date axis: about one per `spacing` units, formatted at the data's grain or coarser. */
export function dateTicks(
  dates: readonly Date[],
  plotWidth: number,
  locale: string,
): { ticks: Date[]; format: (d: Date) => string } {
  const times = dates.map((d) => d.getTime());
  const first = new Date(Math.min(...times));
  const last = new Date(Math.max(...times));
  const years = last.getUTCFullYear() - first.getUTCFullYear();
  const room = Math.max(2, Math.floor(plotWidth / 130));
  const grain = dateGrain(dates);
  // Years when the data spans more than a couple of them or holds nothing finer.
  if (grain === "year" || years >= 2) {
    const step = Math.max(1, Math.ceil((years + 1) / room));
    const ticks: Date[] = [];
    for (let y = first.getUTCFullYear(); y <= last.getUTCFullYear(); y += step) {
      const t = new Date(Date.UTC(y, 0, 1));
      if (t >= first && t <= last) ticks.push(t);
    }
    if (!ticks.length) ticks.push(first);
    return { ticks, format: (d) => formatDate(d, "year", locale) };
  }
  const months =
    (last.getUTCFullYear() - first.getUTCFullYear()) * 12 +
    last.getUTCMonth() -
    first.getUTCMonth();
  const step = Math.max(1, Math.ceil((months + 1) / room));
  const ticks: Date[] = [];
  for (let m = 0; m <= months; m += step)
    ticks.push(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m, 1)));
  return { ticks: ticks.filter((t) => t >= first), format: (d) => formatDate(d, "month", locale) };
}

/** The title over a value axis ("Cases filed", "Sentence, months"), drawn at the top left. */
export function axisTitle(column: RowColumn): Plot.Markish {
  return Plot.text([columnTitle(column)], {
    frameAnchor: "top-left",
    dy: -TITLE_ROOM + 4,
    text: (d: string) => d,
    textAnchor: "start",
    lineAnchor: "top",
    fontSize: SMALL_FONT_SIZE,
    fontWeight: 700,
    fill: TEXT,
  });
}

/** Width of the widest of these labels at the tick size, plus a gap. */
export function labelRoom(labels: readonly string[], fontSize = SMALL_FONT_SIZE): number {
  return Math.ceil(Math.max(0, ...labels.map((l) => textWidth(l, fontSize))) + 14);
}

/** Series colours: the theme's palette in series order. */
export function seriesColors(names: readonly string[]): { domain: string[]; range: string[] } {
  return { domain: [...names], range: names.map((_, i) => paletteColor(i)) };
}

/** A legend as SVG: a dot and the name of each series, in a row above the plot. */
export function legendMarks(names: readonly string[]): Plot.Markish[] {
  let at = 0;
  const items = names.map((name, i) => {
    const item = { name, at, color: paletteColor(i) };
    at += 22 + textWidth(name, SMALL_FONT_SIZE) + 28;
    return item;
  });
  return items.flatMap((item) => [
    Plot.dot([item], {
      frameAnchor: "top-left",
      dx: item.at + 8,
      dy: -TITLE_ROOM - 20,
      r: 7,
      fill: item.color,
    }),
    Plot.text([item], {
      frameAnchor: "top-left",
      dx: item.at + 22,
      dy: -TITLE_ROOM - 20,
      text: "name",
      textAnchor: "start",
      fontSize: SMALL_FONT_SIZE,
      fill: TEXT,
    }),
  ]);
}

/** Width a legend of these names takes in one row. */
export function legendWidth(names: readonly string[]): number {
  return names.reduce((sum, n) => sum + 22 + textWidth(n, SMALL_FONT_SIZE) + 28, 0);
}

/** Muted grid lines across the plot at the value ticks. */
export function gridY(ticks: readonly number[]): Plot.Markish {
  return Plot.gridY(ticks, { stroke: MUTED, strokeOpacity: 0.3 });
}

/** Muted grid lines down the plot at the value ticks. */
export function gridX(ticks: readonly number[]): Plot.Markish {
  return Plot.gridX(ticks, { stroke: MUTED, strokeOpacity: 0.3 });
}

/** Shared tick style: muted, the small size, no tick lines. */
export const TICK_STYLE = {
  tickSize: 0,
  tickPadding: 10,
  fontSize: SMALL_FONT_SIZE,
  color: MUTED,
  label: null,
} as const;

/** The chart's data as a table: the drawn columns, each cell formatted. */
export function rowTable(ctx: RowContext, names: readonly string[]) {
  const columns = names.map((n) => ctx.column(n));
  const formats = columns.map((c) => cellFormatter(ctx, c));
  return {
    caption: ctx.request.title,
    columns: columns.map(columnTitle),
    rows: ctx.rows.map((r) => columns.map((c, i) => formats[i]!(r[c.name] ?? null))),
  };
}

/** "3 series", "1 row": a count with its noun. */
export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/** The columns a request names in roles, each once, for the rows query. */
export function roleColumns(request: {
  x?: string;
  y?: string;
  series?: string;
  facet?: string;
  label?: string;
}): string[] {
  return [
    ...new Set(
      [request.x, request.y, request.series, request.facet, request.label].filter(
        (c): c is string => !!c,
      ),
    ),
  ];
}

/** A column's label for prose ("sentence"). */
export function proseLabel(column: RowColumn): string {
  return columnLabel(column).toLowerCase();
}

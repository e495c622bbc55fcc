import * as Plot from "@observablehq/plot";
import { crowdedPoints, type Unreadable } from "../readability.ts";
import {
  axisTitle,
  categories,
  cellFormatter,
  dateTicks,
  gridY,
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
import { paletteColor, SMALL_FONT_SIZE, TEXT } from "../theme.ts";

/** Points named on the chart only up to this many: beyond it the names hide the points. */
const MAX_NAMED = 30;

/** A scatter plot: one dot per row, x against y, coloured by series; names beside a few points. */
export const scatter: RowKindSpec = {
  roles: {
    x: ["number", "date"],
    y: ["number"],
    series: ["text", "number", "boolean"],
    facet: ["text", "number", "boolean"],
    label: ["text", "number", "date"],
  },
  required: ["x", "y"],
  plot(ctx) {
    const { request, rows } = ctx;
    const { frame, locale } = request;
    const x = ctx.column(request.x!);
    const y = ctx.column(request.y!);
    const series = request.series ? ctx.column(request.series) : undefined;
    const names = series ? categories(rows, series.name) : [];
    const drawn = rows.filter((r) => r[x.name] !== null && typeof r[y.name] === "number");
    const ys = drawn.map((r) => r[y.name] as number);
    const yScale = valueScale(ys, y, locale, request.domain === "auto");
    const isDate = x.kind === "date";
    const xs = drawn.map((r) => (isDate ? (r[x.name] as Date).getTime() : (r[x.name] as number)));
    const xScale = isDate ? undefined : valueScale(xs, x, locale, true);
    const marginLeft = labelRoom(yScale.ticks.map(yScale.format));
    const marginTop = TITLE_ROOM + (series ? 40 : 0);
    const marginBottom = 70;
    const marginRight = 40;
    const plotWidth = frame.width - marginLeft - marginRight;
    const plotHeight = frame.height - marginTop - marginBottom;
    const xTicks = isDate
      ? dateTicks(
          drawn.map((r) => r[x.name] as Date),
          plotWidth,
          locale,
        )
      : undefined;
    const formatX = cellFormatter(ctx, x);
    const formatY = cellFormatter(ctx, y, true);
    const xDomain = xScale ? xScale.domain : [Math.min(...xs), Math.max(...xs)];
    const toX = (v: number) => ((v - xDomain[0]!) / (xDomain[1]! - xDomain[0]! || 1)) * plotWidth;
    const toY = (v: number) =>
      ((v - yScale.domain[0]) / (yScale.domain[1] - yScale.domain[0] || 1)) * plotHeight;
    const unreadable: Unreadable[] = [];
    const blot = crowdedPoints(
      drawn.map((r, i) => ({ x: toX(xs[i]!), y: toY(r[y.name] as number) })),
      frame.px,
      "aggregate the rows in a derived table, or draw fewer of them (a where-filtered derived table)",
    );
    if (blot) unreadable.push(blot);
    const named = request.label && drawn.length <= MAX_NAMED;
    const description = `Scatter plot of ${plural(drawn.length, "row", "rows")}: ${proseLabel(y)} (from ${formatY(Math.min(...ys))} to ${formatY(Math.max(...ys))}) against ${proseLabel(x)} (from ${formatX(drawn[xs.indexOf(Math.min(...xs))]?.[x.name] ?? null)} to ${formatX(drawn[xs.indexOf(Math.max(...xs))]?.[x.name] ?? null)})${series ? `, coloured by ${proseLabel(series)}: ${names.join(", ")}` : ""}.`;
    return {
      options: {
        width: frame.width,
        height: frame.height,
        marginTop,
        marginBottom,
        marginLeft,
        marginRight,
        x: isDate ? { type: "utc", axis: null } : { domain: xScale!.domain, axis: null },
        y: { domain: yScale.domain, axis: null },
        ...(series ? { color: { ...seriesColors(names), legend: false } } : {}),
        ...(request.facet ? { fx: { label: null, axis: "top" as const } } : {}),
        marks: [
          gridY(yScale.ticks),
          Plot.dot(drawn, {
            x: x.name,
            y: y.name,
            r: 6,
            fill: series
              ? (r: Record<string, unknown>) => keyOf((r[series.name] as never) ?? null)
              : paletteColor(0),
            fillOpacity: 0.75,
            ...(request.facet ? { fx: request.facet } : {}),
          }),
          named
            ? Plot.text(drawn, {
                x: x.name,
                y: y.name,
                text: (r: Record<string, unknown>) => String(r[request.label!] ?? ""),
                dx: 10,
                textAnchor: "start",
                fontSize: SMALL_FONT_SIZE,
                fill: TEXT,
                ...(request.facet ? { fx: request.facet } : {}),
              })
            : null,
          ...(series ? legendMarks(names) : []),
          axisTitle(y),
          Plot.axisY({ ...TICK_STYLE, ticks: yScale.ticks, tickFormat: yScale.format }),
          Plot.axisX({
            ...TICK_STYLE,
            ...(xTicks
              ? { ticks: xTicks.ticks, tickFormat: xTicks.format }
              : { ticks: xScale!.ticks, tickFormat: xScale!.format }),
          }),
          Plot.text([`${columnTitleOf(ctx, x.name)} →`], {
            frameAnchor: "bottom-right",
            dy: 56,
            text: (d: string) => d,
            textAnchor: "end",
            fontSize: SMALL_FONT_SIZE,
            fontWeight: 700,
            fill: TEXT,
          }),
        ],
      },
      description,
      table: rowTable(ctx, [
        ...(request.label ? [request.label] : []),
        x.name,
        y.name,
        ...(series ? [series.name] : []),
      ]),
      unreadable,
    };
  },
};

function columnTitleOf(ctx: Parameters<RowKindSpec["plot"]>[0], name: string): string {
  return rowTable({ ...ctx, rows: [] }, [name]).columns[0]!;
}

import * as Plot from "@observablehq/plot";
import { columnTitle } from "../../data/tables/column-format.ts";
import { linearTicks } from "../labels.ts";
import { crowdedBands } from "../readability.ts";
import {
  categories,
  gridY,
  keyOf,
  labelRoom,
  legendMarks,
  plural,
  proseLabel,
  seriesColors,
  TICK_STYLE,
  TITLE_ROOM,
  valueScale,
} from "../row-scales.ts";
import type { RowKindSpec } from "../row-types.ts";
import { MUTED, paletteColor, SMALL_FONT_SIZE, TEXT } from "../theme.ts";

/** Round bin edges covering [min, max], about `count` bins wide. */
export function binEdges(min: number, max: number, count = 12): number[] {
  if (min === max) return [min - 0.5, max + 0.5];
  const { ticks, precision } = linearTicks(max - min, count);
  const step = ticks[1]! - ticks[0]!;
  const start = Math.floor(min / step) * step;
  const edges: number[] = [];
  for (let e = start; e <= max; e += step) edges.push(Number(e.toFixed(precision)));
  edges.push(Number((edges.at(-1)! + step).toFixed(precision)));
  return edges;
}

/** A histogram: how many rows fall in each range of a column, bars from zero; series stack. */
export const histogram: RowKindSpec = {
  roles: {
    x: ["number"],
    series: ["text", "number", "boolean"],
    facet: ["text", "number", "boolean"],
  },
  required: ["x"],
  plot(ctx) {
    const { request, rows } = ctx;
    const { frame, locale } = request;
    const value = ctx.column(request.x!);
    const series = request.series ? ctx.column(request.series) : undefined;
    const names = series ? categories(rows, series.name) : [""];
    const values = rows.map((r) => r[value.name]).filter((v): v is number => typeof v === "number");
    const edges = binEdges(Math.min(...values), Math.max(...values));
    const bins: Array<{ x1: number; x2: number; series: string; count: number; fx?: string }> = [];
    const facets: Array<string | undefined> = request.facet
      ? categories(rows, request.facet)
      : [undefined];
    for (const f of facets)
      for (const name of names)
        for (let i = 0; i < edges.length - 1; i++)
          bins.push({
            x1: edges[i]!,
            x2: edges[i + 1]!,
            series: name,
            count: 0,
            ...(f !== undefined ? { fx: f } : {}),
          });
    const binIndex = (v: number) =>
      Math.min(
        edges.length - 2,
        Math.max(
          0,
          Math.floor(((v - edges[0]!) / (edges.at(-1)! - edges[0]!)) * (edges.length - 1)),
        ),
      );
    const perFacet = names.length * (edges.length - 1);
    for (const r of rows) {
      const v = r[value.name];
      if (typeof v !== "number") continue;
      const s = series ? names.indexOf(keyOf(r[series.name] ?? null)) : 0;
      const f = request.facet ? facets.indexOf(keyOf(r[request.facet] ?? null)) : 0;
      bins[f * perFacet + s * (edges.length - 1) + binIndex(v)]!.count++;
    }
    const totals = new Map<string, number>();
    for (const b of bins)
      totals.set(`${b.fx}|${b.x1}`, (totals.get(`${b.fx}|${b.x1}`) ?? 0) + b.count);
    const countColumn = {
      name: "rows",
      type: "BIGINT",
      kind: "number" as const,
      display: { unit: "count" as const, label: "Rows" },
    };
    const scale = valueScale([...totals.values()], countColumn, locale);
    const xScale = { domain: [edges[0]!, edges.at(-1)!] as [number, number] };
    const fmtEdge = (n: number) => valueScale([n], value, locale).format(n);
    const marginLeft = labelRoom(scale.ticks.map(scale.format));
    const marginTop = TITLE_ROOM + (series ? 40 : 0);
    const marginBottom = 44;
    const plotWidth = frame.width - marginLeft - 24;
    const unreadable = [];
    const thin = crowdedBands(
      edges.length - 1,
      plotWidth,
      frame.px,
      "bins",
      "use fewer, wider bins: round the column in a derived table",
    );
    if (thin) unreadable.push(thin);
    const totalOf = (x1: number) =>
      bins.filter((b) => b.x1 === x1).reduce((s, b) => s + b.count, 0);
    const peak = edges
      .slice(0, -1)
      .reduce((best, e) => (totalOf(e) > totalOf(best) ? e : best), edges[0]!);
    const peakBin = bins.find((b) => b.x1 === peak)!;
    const description = `Histogram of ${plural(values.length, "value", "values")} of ${proseLabel(value)} in ${plural(edges.length - 1, "range", "ranges")} from ${fmtEdge(edges[0]!)} to ${fmtEdge(edges.at(-1)!)}${series ? `, stacked by ${proseLabel(series)}` : ""}. The most common range is ${fmtEdge(peakBin.x1)} to ${fmtEdge(peakBin.x2)}, with ${plural(totalOf(peak), "row", "rows")}.`;
    const xTicks = binEdges(edges[0]!, edges.at(-1)!, Math.max(2, Math.floor(plotWidth / 110)));
    return {
      options: {
        width: frame.width,
        height: frame.height,
        marginTop,
        marginBottom,
        marginLeft,
        marginRight: 24,
        x: { domain: xScale.domain, axis: null },
        y: { domain: scale.domain, axis: null },
        ...(series ? { color: { ...seriesColors(names), legend: false } } : {}),
        ...(request.facet ? { fx: { label: null, axis: "top" as const } } : {}),
        marks: [
          gridY(scale.ticks),
          Plot.rectY(bins, {
            x1: "x1",
            x2: "x2",
            y: "count",
            fill: series ? "series" : paletteColor(0),
            inset: 1,
            ...(request.facet ? { fx: "fx" } : {}),
          }),
          Plot.ruleY([0], { stroke: MUTED }),
          ...(series ? legendMarks(names) : []),
          Plot.text([`Rows, by ${columnTitle(value).toLowerCase()}`], {
            frameAnchor: "top-left",
            dy: -TITLE_ROOM + 4,
            text: (d: string) => d,
            textAnchor: "start",
            lineAnchor: "top",
            fontSize: SMALL_FONT_SIZE,
            fontWeight: 700,
            fill: TEXT,
          }),
          Plot.axisY({ ...TICK_STYLE, ticks: scale.ticks, tickFormat: scale.format }),
          Plot.axisX({
            ...TICK_STYLE,
            ticks: xTicks.filter((t) => t >= edges[0]! && t <= edges.at(-1)!),
            tickFormat: fmtEdge,
          }),
        ],
      },
      description,
      table: {
        caption: request.title,
        columns: [columnTitle(value), ...(series ? [columnTitle(series)] : []), "Rows"],
        rows: bins
          .filter((b) => b.count > 0 || !series)
          .map((b) => [
            `${fmtEdge(b.x1)} to under ${fmtEdge(b.x2)}`,
            ...(series ? [b.series] : []),
            b.count.toLocaleString(locale),
          ]),
      },
      unreadable,
    };
  },
};

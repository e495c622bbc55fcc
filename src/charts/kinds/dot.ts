import * as Plot from "@observablehq/plot";
import { medianGroups, quantile } from "../categories.ts";
import { crowdedBands, crowdedPoints, type Unreadable } from "../readability.ts";
import {
  axisTitle,
  cellFormatter,
  gridX,
  keyOf,
  labelRoom,
  plural,
  proseLabel,
  rowTable,
  TICK_STYLE,
  TITLE_ROOM,
  valueScale,
} from "../row-scales.ts";
import type { RowKindSpec } from "../row-types.ts";
import { FONT_SIZE, paletteColor, TEXT } from "../theme.ts";

// Points spread across this share of their category's band, so equal values stay visible.
const SPREAD = 0.6;
const GOLDEN = 0.618_033_988_75;

/**
 * A strip plot: every row a dot along the value axis, one band per category, spread evenly
 * across the band (never at random, so a rebuild draws the same picture), with each
 * category's median as a bold tick.
 */
export const dot: RowKindSpec = {
  roles: { x: ["number"], y: ["text", "number", "boolean", "date"], label: ["text"] },
  required: ["x", "y"],
  plot(ctx) {
    const { request, rows } = ctx;
    const { frame, locale } = request;
    const value = ctx.column(request.x!);
    const category = ctx.column(request.y!);
    const formatValue = cellFormatter(ctx, value, true);
    const { groups, names, labelOf } = medianGroups(
      rows,
      { category: category.name, value: value.name },
      request.sort,
      locale,
      cellFormatter(ctx, category),
    );
    const all = [...groups.values()].flat();
    const scale = valueScale(all, value, locale, request.domain === "auto");
    const marginLeft = labelRoom([...labelOf.values()], FONT_SIZE);
    const marginTop = TITLE_ROOM;
    const marginBottom = 44;
    const marginRight = Math.ceil(labelRoom([scale.format(scale.domain[1])]) / 2);
    const plotWidth = frame.width - marginLeft - marginRight;
    const height = Math.min(frame.height, marginTop + marginBottom + names.length * 130);
    const plotHeight = height - marginTop - marginBottom;
    const index = new Map(names.map((n, i) => [n, i]));
    const counter = new Map<string, number>();
    const points = rows
      .filter((r) => typeof r[value.name] === "number")
      .map((r) => {
        const key = keyOf(r[category.name] ?? null);
        const k = counter.get(key) ?? 0;
        counter.set(key, k + 1);
        return {
          ...r,
          __y: index.get(key)! + (((k * GOLDEN) % 1) - 0.5) * SPREAD,
        };
      });
    const medians = names.map((n) => ({ y: index.get(n)!, x: quantile(groups.get(n)!, 0.5) }));
    const toX = (v: number) =>
      ((v - scale.domain[0]) / (scale.domain[1] - scale.domain[0])) * plotWidth;
    const toY = (v: number) => ((v + 0.5) / names.length) * plotHeight;
    const unreadable: Unreadable[] = [];
    const bands = crowdedBands(
      names.length,
      plotHeight,
      frame.px,
      "categories",
      "show fewer categories (group the small ones in a derived table), or split the slide",
    );
    if (bands) unreadable.push(bands);
    const blot = crowdedPoints(
      points.map((p) => ({
        x: toX((p as Record<string, unknown>)[value.name] as number),
        y: toY(p.__y),
      })),
      frame.px,
      'aggregate the rows, or draw the distribution with kind="box" or kind="histogram"',
    );
    if (blot) unreadable.push(blot);
    const description = [
      `Dot plot of ${plural(all.length, "value", "values")} of ${proseLabel(value)} in ${plural(names.length, "category", "categories")} of ${proseLabel(category)}; the bold tick marks each median.`,
      ...names.map((n) => {
        const v = groups.get(n)!;
        return `${labelOf.get(n)}: ${plural(v.length, "row", "rows")}, median ${formatValue(quantile(v, 0.5))}, from ${formatValue(v[0] ?? null)} to ${formatValue(v.at(-1) ?? null)}.`;
      }),
    ].join(" ");
    return {
      options: {
        width: frame.width,
        height,
        marginTop,
        marginBottom,
        marginLeft,
        marginRight,
        x: { domain: scale.domain, axis: null },
        y: { domain: [-0.5, names.length - 0.5], reverse: true, axis: null },
        marks: [
          gridX(scale.ticks),
          Plot.dot(points, {
            x: value.name,
            y: "__y",
            r: 5.5,
            fill: paletteColor(0),
            fillOpacity: 0.5,
          }),
          Plot.ruleX(medians, {
            x: "x",
            y1: (d: { y: number }) => d.y - 0.4,
            y2: (d: { y: number }) => d.y + 0.4,
            stroke: TEXT,
            strokeWidth: 4,
          }),
          Plot.axisY({
            ...TICK_STYLE,
            ticks: names.map((_, i) => i),
            tickFormat: (i: number) => labelOf.get(names[i]!) ?? "",
            fontSize: FONT_SIZE,
            color: TEXT,
          }),
          axisTitle(value),
          Plot.axisX({ ...TICK_STYLE, ticks: scale.ticks, tickFormat: scale.format }),
        ],
      },
      description,
      table: rowTable(ctx, [category.name, value.name, ...(request.label ? [request.label] : [])]),
      unreadable,
    };
  },
};

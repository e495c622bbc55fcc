import * as Plot from "@observablehq/plot";
import { columnLabel } from "../../data/tables/column-format.ts";
import { medianGroups, quantile } from "../categories.ts";
import { crowdedBands, type Unreadable } from "../readability.ts";
import {
  axisTitle,
  cellFormatter,
  gridX,
  keyOf,
  labelRoom,
  plural,
  proseLabel,
  TICK_STYLE,
  TITLE_ROOM,
  valueScale,
} from "../row-scales.ts";
import type { RowKindSpec } from "../row-types.ts";
import { FONT_SIZE, paletteColor, TEXT } from "../theme.ts";

/**
 * A box plot per category: the box spans the middle half of the values, the bold line is
 * the median, the whiskers reach the furthest values within 1.5 box lengths, dots beyond.
 */
export const box: RowKindSpec = {
  roles: { x: ["number"], y: ["text", "number", "boolean", "date"] },
  required: ["x", "y"],
  plot(ctx) {
    const { request, rows } = ctx;
    const { frame, locale } = request;
    const value = ctx.column(request.x!);
    const category = ctx.column(request.y!);
    const formatValue = cellFormatter(ctx, value);
    const proseValue = cellFormatter(ctx, value, true);
    const { groups, names, labelOf } = medianGroups(
      rows,
      { category: category.name, value: value.name },
      request.sort,
      locale,
      cellFormatter(ctx, category),
    );
    const scale = valueScale([...groups.values()].flat(), value, locale, request.domain === "auto");
    const marginLeft = labelRoom([...labelOf.values()], FONT_SIZE);
    const marginTop = TITLE_ROOM;
    const marginBottom = 44;
    const marginRight = Math.ceil(labelRoom([scale.format(scale.domain[1])]) / 2);
    const height = Math.min(frame.height, marginTop + marginBottom + names.length * 110);
    const plotHeight = height - marginTop - marginBottom;
    const points = rows
      .filter((r) => typeof r[value.name] === "number")
      .map((r) => ({ v: r[value.name] as number, c: keyOf(r[category.name] ?? null) }));
    const unreadable: Unreadable[] = [];
    const bands = crowdedBands(
      names.length,
      plotHeight,
      frame.px,
      "boxes",
      "show fewer categories (group the small ones in a derived table), or split the slide",
    );
    if (bands) unreadable.push(bands);
    const stats = names.map((n) => {
      const v = groups.get(n)!;
      return {
        name: labelOf.get(n)!,
        count: v.length,
        q1: quantile(v, 0.25),
        median: quantile(v, 0.5),
        q3: quantile(v, 0.75),
        min: v[0] ?? Number.NaN,
        max: v.at(-1) ?? Number.NaN,
      };
    });
    const description = [
      `Box plot of ${proseLabel(value)} in ${plural(names.length, "category", "categories")} of ${proseLabel(category)}: each box spans the middle half of the values, the line inside it is the median.`,
      ...stats.map(
        (s) =>
          `${s.name}: ${plural(s.count, "row", "rows")}, median ${proseValue(s.median)}, middle half ${formatValue(s.q1)} to ${proseValue(s.q3)}, all from ${formatValue(s.min)} to ${proseValue(s.max)}.`,
      ),
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
        y: { domain: names, axis: null, padding: 0.35 },
        marks: [
          gridX(scale.ticks),
          Plot.boxX(points, {
            x: "v",
            y: "c",
            fill: paletteColor(0),
            fillOpacity: 0.35,
            stroke: TEXT,
            strokeWidth: 2,
            r: 4,
          }),
          Plot.axisY({
            ...TICK_STYLE,
            tickFormat: (n: string) => labelOf.get(n) ?? n,
            fontSize: FONT_SIZE,
            color: TEXT,
          }),
          axisTitle(value),
          Plot.axisX({ ...TICK_STYLE, ticks: scale.ticks, tickFormat: scale.format }),
        ],
      },
      description,
      table: {
        caption: request.title,
        columns: [
          columnLabel(category),
          "Rows",
          "Lowest",
          "Lower quartile",
          "Median",
          "Upper quartile",
          "Highest",
        ],
        rows: stats.map((s) => [
          s.name,
          s.count.toLocaleString(locale),
          formatValue(s.min),
          formatValue(s.q1),
          formatValue(s.median),
          formatValue(s.q3),
          formatValue(s.max),
        ]),
      },
      unreadable,
    };
  },
};

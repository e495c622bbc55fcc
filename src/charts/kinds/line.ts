import * as Plot from "@observablehq/plot";
import type { Row } from "../../data/tables/rows.ts";
import { spreadLabels, textWidth } from "../measure.ts";
import { crowdedSteps, type Unreadable } from "../readability.ts";
import {
  axisTitle,
  categories,
  cellFormatter,
  dateTicks,
  gridY,
  keyOf,
  labelRoom,
  legendMarks,
  legendWidth,
  plural,
  proseLabel,
  rowTable,
  seriesColors,
  TICK_STYLE,
  TITLE_ROOM,
  valueScale,
} from "../row-scales.ts";
import type { RowContext, RowKindSpec, RowPlan } from "../row-types.ts";
import { MUTED, PALETTE_SIZE, paletteColor, SMALL_FONT_SIZE, TEXT } from "../theme.ts";

const LEGEND_ROOM = 40;
const LABEL_GAP = 14;

/** A line or area over x: the shared layout of both kinds (`area` fills from zero and stacks). */
export function planSeries(ctx: RowContext, area: boolean): RowPlan {
  const { request, rows } = ctx;
  const { frame, locale } = request;
  const x = ctx.column(request.x!);
  const y = ctx.column(request.y!);
  const series = request.series ? ctx.column(request.series) : undefined;
  const names = series ? categories(rows, series.name) : [""];
  const seriesOf = (r: Row) => (series ? keyOf(r[series.name] ?? null) : "");
  const sorted = [...rows].sort((a, b) => Number(a[x.name]) - Number(b[x.name]));
  const formatX = cellFormatter(ctx, x);
  const formatY = cellFormatter(ctx, y, true);

  // An area stacks its series: the axis must reach the highest stacked total.
  const totals = new Map<string, number>();
  for (const r of sorted) {
    const k = keyOf(r[x.name] ?? null);
    totals.set(k, (totals.get(k) ?? 0) + Number(r[y.name] ?? 0));
  }
  const values = area
    ? [...totals.values()]
    : sorted.map((r) => r[y.name]).filter((v): v is number => typeof v === "number");
  const scale = valueScale(values, y, locale, !area && request.domain === "auto");
  const tickLabels = scale.ticks.map(scale.format);
  const marginLeft = labelRoom(tickLabels);

  // Direct labels at the line ends, where they fit; a legend above the plot where they do not.
  const last = names.map((name) => {
    const own = sorted.filter((r) => seriesOf(r) === name);
    return { name, row: own.at(-1)!, value: Number(own.at(-1)?.[y.name] ?? 0) };
  });
  const labelWidth = Math.max(0, ...names.map((n) => textWidth(n, SMALL_FONT_SIZE, true)));
  const wantsLabels = !!series && !request.facet && names.length <= PALETTE_SIZE;
  const marginRightLabels = Math.ceil(labelWidth + LABEL_GAP + 12);
  const direct = wantsLabels && marginRightLabels <= frame.width * 0.3;
  const legend = !!series && !direct;
  const marginTop = TITLE_ROOM + (legend ? LEGEND_ROOM : 0);
  const marginBottom = 44;
  const isDate = x.kind === "date";
  const xs = sorted.map((r) => r[x.name]);
  const marginRight = direct ? marginRightLabels : 24;
  const plotWidth = frame.width - marginLeft - marginRight;
  const plotHeight = frame.height - marginTop - marginBottom;
  const dates = isDate ? (xs.filter((d) => d instanceof Date) as Date[]) : [];
  const xTicks = isDate ? dateTicks(dates, plotWidth, locale) : undefined;

  let endLabels: Plot.Markish[] = [];
  let placed = direct;
  if (direct) {
    // Stacked areas label the middle of each band at the right edge; lines their last value.
    let below = 0;
    const targets = last.map((l) => {
      const mid = area ? below + l.value / 2 : l.value;
      below += l.value;
      return mid;
    });
    const toPx = (v: number) =>
      marginTop + plotHeight * (1 - (v - scale.domain[0]) / (scale.domain[1] - scale.domain[0]));
    const order = targets
      .map((t, i) => ({ i, center: toPx(t) }))
      .sort((a, b) => a.center - b.center);
    const lineHeight = SMALL_FONT_SIZE * 1.25;
    const centers = spreadLabels(
      order.map((o) => ({ center: o.center, width: lineHeight })),
      marginTop,
      marginTop + plotHeight,
      2,
    );
    const fits = centers.every((c, k) => Math.abs(c - order[k]!.center) < plotHeight * 0.25);
    if (!fits) placed = false;
    else {
      const items = order.map((o, k) => ({
        name: last[o.i]!.name,
        x: last[o.i]!.row[x.name],
        // Back from pixels to data units, so Plot places the label where the spread put it.
        y:
          scale.domain[0] +
          (1 - (centers[k]! - marginTop) / plotHeight) * (scale.domain[1] - scale.domain[0]),
        color: paletteColor(names.indexOf(last[o.i]!.name)),
      }));
      endLabels = [
        Plot.text(items, {
          x: "x",
          y: "y",
          text: "name",
          dx: LABEL_GAP,
          textAnchor: "start",
          fontSize: SMALL_FONT_SIZE,
          fontWeight: 700,
          fill: TEXT,
        }),
      ];
    }
  }

  const color = series ? seriesColors(names) : undefined;
  const channel = series ? series.name : undefined;
  const fx = request.facet;
  const marks: Plot.Markish[] = [
    gridY(scale.ticks),
    area
      ? Plot.areaY(sorted, {
          x: x.name,
          y: y.name,
          fill: channel ?? paletteColor(0),
          fillOpacity: series ? 0.85 : 0.6,
          fx,
          order: channel ? names : undefined,
        } as Plot.AreaYOptions)
      : null,
    area
      ? null
      : Plot.lineY(sorted, {
          x: x.name,
          y: y.name,
          z: channel,
          stroke: channel ?? paletteColor(0),
          strokeWidth: 3.5,
          fx,
        }),
    area
      ? null
      : Plot.dot(
          last.map((l) => ({ ...l.row })),
          {
            x: x.name,
            y: y.name,
            fill: channel ?? paletteColor(0),
            r: 5,
            fx,
          },
        ),
    Plot.ruleY([scale.domain[0]], { stroke: MUTED }),
    ...endLabels,
    ...(legend || (series && !placed) ? legendMarks(names) : []),
    axisTitle(y),
    Plot.axisY({ ...TICK_STYLE, ticks: scale.ticks, tickFormat: scale.format, anchor: "left" }),
    Plot.axisX({
      ...TICK_STYLE,
      ...(xTicks
        ? { ticks: xTicks.ticks, tickFormat: xTicks.format }
        : {
            ticks: Math.max(2, Math.floor(plotWidth / 130)),
            tickFormat: (v: number) => formatX(v),
          }),
    }),
  ];
  const distinct = new Set(xs.map((v) => keyOf(v ?? null))).size;
  const unreadable: Unreadable[] = [];
  const steps = crowdedSteps(distinct, plotWidth, frame.px);
  if (steps) unreadable.push(steps);
  if (names.length > PALETTE_SIZE)
    unreadable.push({
      message: `${names.length} series, and the theme has ${PALETTE_SIZE} colours: some lines would share one.`,
      hint: "show fewer series (the ones the title is about), or split the series over two slides",
    });
  if (series && !placed && legendWidth(names) > frame.width)
    unreadable.push({
      message: `The names of the ${names.length} series do not fit beside the lines or in one row above them.`,
      hint: "shorten the series names in the table, or show fewer series",
    });

  const description = [
    `${area ? "Area" : "Line"} chart of ${proseLabel(y)} by ${proseLabel(x)}, from ${formatX(sorted[0]?.[x.name] ?? null)} to ${formatX(sorted.at(-1)?.[x.name] ?? null)}${series ? `, ${plural(names.length, "series", "series")}` : ""}.`,
    ...names.map((name) => {
      const own = sorted.filter((r) => seriesOf(r) === name);
      const vals = own.map((r) => Number(r[y.name]));
      const hi = own[vals.indexOf(Math.max(...vals))];
      const lo = own[vals.indexOf(Math.min(...vals))];
      const head = name ? `${name}: ` : "";
      return `${head}from ${formatY(own[0]?.[y.name] ?? null)} to ${formatY(own.at(-1)?.[y.name] ?? null)}; highest ${formatY(hi?.[y.name] ?? null)} (${formatX(hi?.[x.name] ?? null)}), lowest ${formatY(lo?.[y.name] ?? null)} (${formatX(lo?.[x.name] ?? null)}).`;
    }),
    area && series ? "The series are stacked: each band's height is its value." : "",
  ]
    .filter(Boolean)
    .join(" ");
  return {
    options: {
      width: frame.width,
      height: frame.height,
      marginTop,
      marginBottom,
      marginLeft,
      marginRight,
      x: isDate ? { type: "utc", axis: null } : { axis: null, nice: false },
      y: { domain: scale.domain, axis: null },
      ...(color ? { color: { ...color, legend: false } } : {}),
      ...(fx ? { fx: { label: null, axis: "top" as const } } : {}),
      marks,
    },
    description,
    table: rowTable(ctx, [x.name, ...(series ? [series.name] : []), y.name]),
    unreadable,
  };
}

/** A time series: dates (or numbers) on x, lines for each series, labelled at their ends. */
export const line: RowKindSpec = {
  roles: {
    x: ["date", "number"],
    y: ["number"],
    series: ["text", "number", "boolean", "date"],
    facet: ["text", "number", "boolean", "date"],
  },
  required: ["x", "y"],
  plot: (ctx) => planSeries(ctx, false),
};

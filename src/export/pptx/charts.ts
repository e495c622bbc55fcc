import { pairFigures } from "../../charts/kinds/compare.ts";
import {
  chartLabel,
  linearTicks,
  PERCENT_TICKS,
  rangeEnds,
  valueText,
} from "../../charts/labels.ts";
import { textWidth, wrapText } from "../../charts/measure.ts";
import type { KeyedFigure } from "../../charts/types.ts";
import { formatUnit, numericValue } from "../../data/format.ts";
import type { Figure } from "../../data/schema.ts";
import { type Box, chartTextStyle, drawText, place } from "./draw.ts";
import type { ChartData, ChartName, ChartOptions, Presentation, Slide } from "./pptxgen.ts";
import type { PptxTheme } from "./theme.ts";

/** Where a chart goes on the slide, in CSS pixels. */
export type { Box } from "./draw.ts";

/** What a chart writer gets: the figures in display order, the theme, the room, and its slide. */
export interface ChartContext {
  pptx: Presentation;
  slide: Slide;
  theme: PptxTheme;
  figures: KeyedFigure[];
  box: Box;
  /** The chart's text description, for alt text. */
  description: string;
  title: string;
}

/** A chart PowerPoint draws itself: its type, its data (embedded in a workbook) and its options. */
export interface NativeChart {
  type: ChartName;
  data: ChartData[];
  options: ChartOptions;
}

/**
 * Kinds PowerPoint draws natively, one small function each: figures → chart type, data, options.
 * Row-based kinds (line, area, scatter) join here as `(ctx) => NativeChart` over their rows.
 */
export const NATIVE_CHARTS: Record<string, (ctx: ChartContext) => NativeChart> = {
  bars: barsChart,
  stack: stackChart,
};

/** Kinds PowerPoint has no chart for: drawn with native shapes (lines, ellipses, text boxes). */
export const DRAWN_CHARTS: Record<string, (ctx: ChartContext) => void> = {
  ranges: drawRanges,
  compare: drawCompare,
};

/** How a chart was written: as a native chart, as shapes, or not at all (an unknown kind). */
export type ChartOutcome = "native" | "drawn" | "unsupported";

/** Adds a chart to its slide: natively when PowerPoint has the kind, else as shapes. */
export function addChart(kind: string, ctx: ChartContext): ChartOutcome {
  const native = NATIVE_CHARTS[kind];
  if (native) {
    const chart = native(ctx);
    ctx.slide.addChart(chart.type, chart.data, {
      ...place(ctx.box),
      altText: ctx.description,
      objectName: ctx.title,
      ...chart.options,
    });
    return "native";
  }
  const drawn = DRAWN_CHARTS[kind];
  if (drawn) {
    drawn(ctx);
    return "drawn";
  }
  return "unsupported";
}

/** An Excel number format that prints a figure's numbers as the slides do (27.6%, 1,340, +2). */
export function numberFormat(figures: readonly Figure[]): string {
  const sample = figures[0]!;
  const precision = Math.max(...figures.map((f) => f.precision));
  const digits = precision ? `0.${"0".repeat(precision)}` : "0";
  if (sample.unit === "percent") return `${digits}"%"`;
  if (sample.unit === "levels") return `+${digits};-${digits}`;
  return `#,##${digits}`;
}

/** A category label: the chart label, and the qualifier when the number alone would overstate it. */
function category(figure: Figure, shared: boolean): string {
  const label = chartLabel(figure);
  return figure.qualifier && !shared ? `${label} (${figure.qualifier})` : label;
}

function sharedQualifier(figures: readonly Figure[]): string | undefined {
  const q = figures[0]!.qualifier;
  return q && figures.every((f) => f.qualifier === q) ? q : undefined;
}

/** Horizontal bars, one per figure, first at the top, values at the bar ends, axis below. */
function barsChart({ figures, theme }: ChartContext): NativeChart {
  const list = figures.map((f) => f.figure);
  const t = chartTextStyle(theme);
  const qualifier = sharedQualifier(list);
  const format = numberFormat(list);
  const labelFormat = qualifier ? `"${qualifier} "${format}` : format;
  const unitWords = list[0]!.unit === "percent" ? "" : formatUnit({ ...list[0]!, value: 2 });
  const ticks =
    list[0]!.unit === "percent" ? PERCENT_TICKS : linearTicks(Math.max(...list.map(numericValue)));
  return {
    type: "bar",
    // PowerPoint draws the first category at the bottom; listed last to first, the first
    // figure is on top as on the slide. (Reversing the axis instead moves the value axis to
    // the top in LibreOffice.)
    data: [
      {
        name: "Value",
        labels: list.map((f) => category(f, !!qualifier)).reverse(),
        values: list.map(numericValue).reverse(),
      },
    ],
    options: {
      barDir: "bar",
      barGrouping: "clustered",
      barGapWidthPct: 45,
      chartColors: [theme.palette[0]!],
      catAxisLabelColor: t.color,
      catAxisLabelFontFace: t.face,
      catAxisLabelFontSize: t.size,
      catAxisLineShow: false,
      catAxisMajorTickMark: "none",
      valAxisMinVal: 0,
      valAxisMaxVal: ticks.domainMax,
      valAxisMajorUnit: ticks.ticks[1] ?? ticks.domainMax,
      valAxisLabelFormatCode: format,
      valAxisLabelColor: t.muted,
      valAxisLabelFontFace: t.face,
      valAxisLabelFontSize: t.size * 0.85,
      valAxisLineShow: false,
      valAxisMajorTickMark: "none",
      valGridLine: { color: theme.colors.rule, size: 0.75, style: "solid" },
      ...(unitWords
        ? {
            showValAxisTitle: true,
            valAxisTitle: unitWords,
            valAxisTitleColor: t.muted,
            valAxisTitleFontFace: t.face,
            valAxisTitleFontSize: t.size * 0.85,
          }
        : {}),
      showValue: true,
      dataLabelPosition: "outEnd",
      dataLabelFormatCode: labelFormat,
      dataLabelFontBold: true,
      dataLabelFontFace: t.face,
      dataLabelFontSize: t.size,
      dataLabelColor: t.color,
      showLegend: false,
    },
  };
}

/** Shares of one whole: one 100% bar, a series per share, legend below, values inside. */
function stackChart({ figures, theme }: ChartContext): NativeChart {
  const list = figures.map((f) => f.figure);
  const t = chartTextStyle(theme);
  const colors = list.map((_, i) => theme.palette[i % theme.palette.length]!);
  return {
    type: "bar",
    data: list.map((f) => ({
      name: category(f, false),
      labels: ["Share of the whole"],
      values: [numericValue(f)],
    })),
    options: {
      barDir: "bar",
      barGrouping: "stacked",
      barOverlapPct: 100,
      barGapWidthPct: 30,
      chartColors: colors,
      catAxisHidden: true,
      valAxisHidden: true,
      valAxisMinVal: 0,
      valAxisMaxVal: 100,
      valGridLine: { style: "none" },
      showValue: true,
      dataLabelPosition: "ctr",
      dataLabelFormatCode: numberFormat(list),
      dataLabelFontBold: true,
      dataLabelFontFace: t.face,
      dataLabelFontSize: t.size,
      dataLabelColor: readableOn(colors, [theme.colors.bg, theme.colors.chartText]),
      showLegend: true,
      legendPos: "b",
      legendFontFace: t.face,
      legendFontSize: t.size,
      legendColor: t.color,
    },
  };
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Of the candidate text colours, the one whose worst contrast over every fill is best. */
export function readableOn(fills: readonly string[], candidates: readonly string[]): string {
  const worst = (c: string) => Math.min(...fills.map((f) => contrast(c, f)));
  return [...candidates].sort((a, b) => worst(b) - worst(a))[0]!;
}

// --- Drawn kinds ------------------------------------------------------------------------

/** A row layout shared by the drawn kinds: labels on the left, a value axis below the rows. */
function rowFrame(
  ctx: ChartContext,
  rows: number,
  labels: string[],
  top = 0,
  ends: { left: string[]; right: string[] } = { left: [], right: [] },
) {
  const { box, theme } = ctx;
  const size = theme.sizes.small;
  const labelWidth = Math.min(box.w * 0.3, Math.max(...labels.map((l) => textWidth(l, size))) + 8);
  const axisHeight = size * 1.6;
  // Values sit outside the marks at both ends: leave them room inside the plot.
  const endRoom = (words: string[]) =>
    words.length ? Math.max(...words.map((w) => textWidth(w, size, true))) + size * 0.9 : 0;
  const inset = { left: endRoom(ends.left), right: endRoom(ends.right) };
  const plot = {
    x: box.x + labelWidth + size * 0.8 + inset.left,
    y: box.y + top,
    w: box.w - labelWidth - size * 0.8 - inset.left - inset.right,
    h: box.h - top - axisHeight,
  };
  const rowHeight = Math.min(plot.h / rows, size * 3.4);
  return { plot, rowHeight, labelWidth, size, axisY: plot.y + rowHeight * rows };
}

/** Grid lines and tick labels under drawn rows, formatted like the figures. */
function drawAxis(
  ctx: ChartContext,
  frame: ReturnType<typeof rowFrame>,
  figure: Figure,
  max: number,
) {
  const ticks = figure.unit === "percent" ? PERCENT_TICKS : linearTicks(max);
  const { plot, axisY, size } = frame;
  const x = (v: number) => plot.x + (v / ticks.domainMax) * plot.w;
  for (const tick of ticks.ticks) {
    ctx.slide.addShape("line", {
      ...place({ x: x(tick), y: plot.y, w: 0, h: axisY - plot.y }),
      line: { color: ctx.theme.colors.rule, width: 0.75 },
    });
    const label = `${tick.toLocaleString("en-US", { minimumFractionDigits: ticks.precision })}${figure.unit === "percent" ? "%" : ""}`;
    drawText(
      ctx,
      label,
      { x: x(tick) - 60, y: axisY + 2, w: 120, h: size * 1.2 },
      {
        color: ctx.theme.colors.chartMuted,
        align: "center",
        size: size * 0.85,
      },
    );
  }
  const unit = figure.unit === "percent" ? "" : formatUnit({ ...figure, value: 2 });
  if (unit)
    drawText(
      ctx,
      unit,
      { x: plot.x + plot.w - 200, y: axisY + size * 1.2, w: 200, h: size * 1.2 },
      {
        color: ctx.theme.colors.chartMuted,
        align: "right",
        size: size * 0.85,
      },
    );
  return x;
}

function rowLabel(
  ctx: ChartContext,
  frame: ReturnType<typeof rowFrame>,
  label: string,
  cy: number,
) {
  const lines = wrapText(label, frame.labelWidth, frame.size);
  const h = lines.length * frame.size * 1.2;
  drawText(
    ctx,
    lines.join(" "),
    { x: ctx.box.x, y: cy - h / 2, w: frame.labelWidth, h },
    { align: "right" },
  );
}

function dot(ctx: ChartContext, cx: number, cy: number, r: number, color: string) {
  ctx.slide.addShape("ellipse", {
    ...place({ x: cx - r, y: cy - r, w: 2 * r, h: 2 * r }),
    fill: { color },
    line: { color, width: 0 },
  });
}

function valueLabel(
  ctx: ChartContext,
  words: string,
  x: number,
  cy: number,
  side: "left" | "right",
) {
  const w = textWidth(words, ctx.theme.sizes.small, true) + 12;
  const h = ctx.theme.sizes.small * 1.3;
  const gap = ctx.theme.sizes.small * 0.7;
  drawText(
    ctx,
    words,
    { x: side === "left" ? x - gap - w : x + gap, y: cy - h / 2, w, h },
    {
      bold: true,
      align: side === "left" ? "right" : "left",
    },
  );
}

/** Ranges as thick rounded bars from low to high with a dot and the value at each end. */
function drawRanges(ctx: ChartContext): void {
  const labels = ctx.figures.map((f) => chartLabel(f.figure));
  const ends = ctx.figures.map((f) => rangeEnds(f.figure));
  const frame = rowFrame(ctx, ctx.figures.length, labels, 0, {
    left: ends.map((e) => e.low),
    right: ends.map((e) => e.high),
  });
  const max = Math.max(...ctx.figures.map((f) => numericValue(f.figure)));
  const x = drawAxis(ctx, frame, ctx.figures[0]!.figure, max);
  const color = ctx.theme.palette[0]!;
  const thick = frame.size * 0.5;
  ctx.figures.forEach(({ figure }, i) => {
    const cy = frame.plot.y + frame.rowHeight * (i + 0.5);
    const { low, high } = figure.value as { low: number; high: number };
    const end = ends[i]!;
    rowLabel(ctx, frame, labels[i]!, cy);
    ctx.slide.addShape("roundRect", {
      ...place({ x: x(low), y: cy - thick / 2, w: Math.max(x(high) - x(low), 1), h: thick }),
      fill: { color },
      line: { color, width: 0 },
      rectRadius: 0.5,
    });
    dot(ctx, x(low), cy, thick * 0.85, color);
    dot(ctx, x(high), cy, thick * 0.85, color);
    valueLabel(ctx, end.low, x(low), cy, "left");
    valueLabel(ctx, end.high, x(high), cy, "right");
  });
}

/** Pairs as dumbbells: a line from before to after, a dot at each end, years tagged above. */
function drawCompare(ctx: ChartContext): void {
  const pairs = pairFigures(ctx.figures);
  const hasTags = pairs[0]?.beforeTag && pairs[0]?.afterTag;
  const values = ctx.figures.map((f) => valueText(f.figure));
  const frame = rowFrame(
    ctx,
    pairs.length,
    pairs.map((p) => p.label),
    hasTags ? ctx.theme.sizes.small * 1.6 : 0,
    { left: values, right: values },
  );
  const max = Math.max(...ctx.figures.map((f) => numericValue(f.figure)));
  const x = drawAxis(ctx, frame, ctx.figures[0]!.figure, max);
  const before = ctx.theme.palette[1]!;
  const after = ctx.theme.palette[0]!;
  const r = frame.size * 0.5;
  pairs.forEach((pair, i) => {
    const cy = frame.plot.y + frame.rowHeight * (i + 0.5);
    const b = numericValue(pair.before.figure);
    const a = numericValue(pair.after.figure);
    rowLabel(ctx, frame, pair.label, cy);
    ctx.slide.addShape("line", {
      ...place({ x: x(Math.min(a, b)), y: cy, w: Math.abs(x(a) - x(b)), h: 0 }),
      line: { color: ctx.theme.colors.chartMuted, width: 4 },
    });
    dot(ctx, x(b), cy, r, before);
    dot(ctx, x(a), cy, r, after);
    const rising = a >= b;
    valueLabel(ctx, valueText(pair.before.figure), x(b), cy, rising ? "left" : "right");
    valueLabel(ctx, valueText(pair.after.figure), x(a), cy, rising ? "right" : "left");
    if (i === 0 && pair.beforeTag && pair.afterTag) {
      const size = ctx.theme.sizes.small * 0.85;
      const tagY = cy - r - size * 1.9;
      for (const [tag, value, color] of [
        [pair.beforeTag, b, before],
        [pair.afterTag, a, after],
      ] as const)
        drawText(
          ctx,
          tag,
          { x: x(value) - 60, y: tagY, w: 120, h: size * 1.3 },
          { bold: true, color, align: "center", size },
        );
    }
  });
}

import { medianGroups, orderCategories, quantile } from "../../charts/categories.ts";
import type { RowChartModel } from "../../charts/index.ts";
import { binEdges } from "../../charts/kinds/histogram.ts";
import { textWidth } from "../../charts/measure.ts";
import { categories, keyOf, valueScale } from "../../charts/row-scales.ts";
import {
  columnTitle,
  type DateGrain,
  dateGrain,
  formatCell,
  formatColumnNumber,
} from "../../data/tables/column-format.ts";
import type { Row, RowColumn, RowValue } from "../../data/tables/rows.ts";
import { type Box, chartTextStyle, drawText, place } from "./draw.ts";
import type { ChartData, ChartName, ChartOptions, Slide } from "./pptxgen.ts";
import { type PptxTheme, points } from "./theme.ts";

/** What a row chart writer gets: the chart's model (rows and roles), the theme, its room. */
export interface RowChartContext {
  slide: Slide;
  theme: PptxTheme;
  model: RowChartModel;
  box: Box;
}

/** A native chart of rows: its type, its data (embedded in a workbook) and its options. */
export interface NativeRowChart {
  type: ChartName;
  data: ChartData[];
  options: ChartOptions;
}

/** Row kinds PowerPoint draws itself. */
export const NATIVE_ROW_CHARTS: Record<string, (ctx: RowChartContext) => NativeRowChart> = {
  line: (ctx) => seriesChart(ctx, false),
  area: (ctx) => seriesChart(ctx, true),
  bars: barsChart,
  scatter: scatterChart,
  histogram: histogramChart,
};

/** Row kinds PowerPoint has no chart for: drawn with its shapes in the theme's colours. */
export const DRAWN_ROW_CHARTS: Record<string, (ctx: RowChartContext) => void> = {
  dot: drawDots,
  box: drawBoxes,
};

/** Why a chart of rows cannot be redrawn from its model, or undefined when it can. */
export function rowChartProblem(model: RowChartModel): string | undefined {
  if (model.use) return `a chart drawn by the project's module "${model.use}"`;
  if (!NATIVE_ROW_CHARTS[model.kind] && !DRAWN_ROW_CHARTS[model.kind])
    return `a chart of kind "${model.kind}"`;
  if (model.facet) return `small multiples (facet="${model.facet}")`;
  if (!model.rows.length) return "a chart whose rows could not be read";
  return undefined;
}

// --- Shared --------------------------------------------------------------------------------

const column = (m: RowChartModel, name: string | undefined): RowColumn => {
  const found = m.columns.find((c) => c.name === name);
  if (!found) throw new Error(`the chart's rows have no column ${name}`);
  return found;
};

const seriesColumn = (m: RowChartModel) => (m.series ? column(m, m.series) : undefined);

/** How a column's cells print on the slide (dates at the grain of the column's dates). */
function formatter(m: RowChartModel, c: RowColumn): (v: RowValue) => string {
  const grain: DateGrain | undefined =
    c.kind === "date"
      ? dateGrain(m.rows.map((r) => r[c.name]).filter((d): d is Date => d instanceof Date))
      : undefined;
  return (v) => formatCell(v, c, m.locale, grain);
}

/** An Excel number format that prints a column's numbers as the slide does (31.7%, $1,250, 1,340). */
export function columnFormatCode(
  c: RowColumn,
  values: readonly number[],
  locale: string,
  most = Infinity,
): string {
  const d = c.display;
  const p = Math.min(
    most,
    d.precision ?? (d.unit === "count" || values.every((v) => Number.isInteger(v)) ? 0 : 1),
  );
  const digits = p ? `0.${"0".repeat(p)}` : "0";
  if (d.unit === "percent") return `${digits}"%"`;
  if (d.unit === "currency" && d.currency) {
    const symbol =
      new Intl.NumberFormat(locale, { style: "currency", currency: d.currency })
        .formatToParts(0)
        .find((part) => part.type === "currency")?.value ?? d.currency;
    return `"${symbol}"#,##${digits}`;
  }
  const suffix = d.suffix ? `" ${d.suffix}"` : "";
  return `#,##${digits}${suffix}`;
}

const decimalsOf = (n: number) => (String(n).split(".")[1] ?? "").length;

/** Axis and legend options every native row chart shares. */
function axisOptions(
  theme: PptxTheme,
  value: RowColumn,
  values: readonly number[],
  m: RowChartModel,
  fit: boolean,
): ChartOptions {
  const t = chartTextStyle(theme);
  const scale = valueScale(values, value, m.locale, fit);
  const step = (scale.ticks[1] ?? scale.domain[1]) - (scale.ticks[0] ?? scale.domain[0]);
  // The ticks print with the decimals a round step needs, never more than the column's.
  const tickDecimals = Math.max(0, ...scale.ticks.map((t) => decimalsOf(t)));
  return {
    catAxisLabelColor: t.color,
    catAxisLabelFontFace: t.face,
    catAxisLabelFontSize: t.size * 0.85,
    catAxisLineShow: false,
    catAxisMajorTickMark: "none",
    valAxisMinVal: scale.domain[0],
    valAxisMaxVal: scale.domain[1],
    valAxisMajorUnit: step || undefined,
    valAxisLabelFormatCode: columnFormatCode(value, values, m.locale, tickDecimals),
    valAxisLabelColor: t.muted,
    valAxisLabelFontFace: t.face,
    valAxisLabelFontSize: t.size * 0.85,
    valAxisLineShow: false,
    valAxisMajorTickMark: "none",
    valGridLine: { color: theme.colors.rule, size: 0.75, style: "solid" },
    showValAxisTitle: true,
    valAxisTitle: columnTitle(value),
    valAxisTitleColor: t.muted,
    valAxisTitleFontFace: t.face,
    valAxisTitleFontSize: t.size * 0.85,
    legendFontFace: t.face,
    legendFontSize: t.size * 0.85,
    legendColor: t.color,
  };
}

const palette = (theme: PptxTheme, n: number) =>
  Array.from({ length: Math.max(1, n) }, (_, i) => theme.palette[i % theme.palette.length]!);

// --- Native kinds ---------------------------------------------------------------------------

/**
 * A line (or stacked area) per series over x: the x values as categories, formatted as the
 * slide prints them ("Jan 2016", "2019"); a value missing in a series is a gap.
 */
function seriesChart(ctx: RowChartContext, area: boolean): NativeRowChart {
  const { model: m, theme } = ctx;
  const x = column(m, m.x);
  const y = column(m, m.y);
  const series = seriesColumn(m);
  const sorted = [...m.rows].sort((a, b) => Number(a[x.name]) - Number(b[x.name]));
  const keys = categories(sorted, x.name);
  const formatX = formatter(m, x);
  const labels = keys.map((k) =>
    x.kind === "date"
      ? String(excelDate(new Date(`${k}T00:00:00Z`)))
      : formatX(sorted.find((r) => keyOf(r[x.name] ?? null) === k)![x.name] ?? null),
  );
  const names = series ? categories(sorted, series.name) : [columnTitle(y)];
  const cell = new Map<string, number>();
  for (const r of sorted) {
    const v = r[y.name];
    if (typeof v === "number")
      cell.set(
        `${series ? keyOf(r[series.name] ?? null) : names[0]}\u0000${keyOf(r[x.name] ?? null)}`,
        v,
      );
  }
  const data = names.map((name) => ({
    name,
    labels,
    values: keys.map((k) => cell.get(`${name}\u0000${k}`) ?? null) as number[],
  }));
  const totals = keys.map((k) => names.reduce((s, n) => s + (cell.get(`${n}\u0000${k}`) ?? 0), 0));
  const values = area ? totals : [...cell.values()];
  // About as many labels as the slide's axis has ticks.
  const room = Math.max(2, Math.floor(ctx.box.w / 130));
  const skip = Math.max(1, Math.ceil(keys.length / room));
  const dates = sorted.map((r) => r[x.name]).filter((d): d is Date => d instanceof Date);
  return {
    type: area ? "area" : "line",
    data,
    options: {
      ...axisOptions(theme, y, values, m, !area && m.domain === "auto"),
      chartColors: palette(theme, names.length),
      ...(area
        ? { barGrouping: "stacked" as const }
        : { lineSize: 2, lineDataSymbol: "none" as const }),
      ...(x.kind === "date" && dates.length
        ? dateAxis(dates, room)
        : { catAxisLabelFrequency: String(skip) }),
      catAxisLabelRotate: 0,
      showLegend: !!series,
      legendPos: "t",
    },
  };
}

/**
 * A date axis ticked as the slide's is: in years when the dates span two or more (or are
 * years), else in months, about one label per 130 px. The categories are then the dates
 * themselves (as workbook dates), printed with the axis's format.
 */
function dateAxis(dates: readonly Date[], room: number): ChartOptions {
  const first = Math.min(...dates.map((d) => d.getTime()));
  const last = Math.max(...dates.map((d) => d.getTime()));
  const years = new Date(last).getUTCFullYear() - new Date(first).getUTCFullYear();
  const grain = dateGrain(dates);
  const base = grain === "year" ? "years" : grain === "month" ? "months" : "days";
  if (grain === "year" || years >= 2)
    return {
      catLabelFormatCode: "yyyy",
      catAxisBaseTimeUnit: base,
      catAxisMajorTimeUnit: "years",
      catAxisMajorUnit: Math.max(1, Math.ceil((years + 1) / room)),
    };
  const months = Math.round((last - first) / (30.44 * 86_400_000));
  return {
    catLabelFormatCode: "mmm yyyy",
    catAxisBaseTimeUnit: base,
    catAxisMajorTimeUnit: "months",
    catAxisMajorUnit: Math.max(1, Math.ceil((months + 1) / room)),
  };
}

/** Bars from rows: one bar per row, grouped or stacked by series, first category on top. */
function barsChart(ctx: RowChartContext): NativeRowChart {
  const { model: m, theme } = ctx;
  const category = column(m, m.x);
  const value = column(m, m.y);
  const series = seriesColumn(m);
  const stacked = m.layout === "stacked" && !!series;
  const format = formatter(m, category);
  const cell = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const r of m.rows) {
    const k = keyOf(r[category.name] ?? null);
    const v = Number(r[value.name] ?? 0);
    cell.set(`${series ? keyOf(r[series.name] ?? null) : ""}\u0000${k}`, v);
    totals.set(k, stacked ? (totals.get(k) ?? 0) + v : Math.max(totals.get(k) ?? -Infinity, v));
  }
  const order = orderCategories(
    categories(m.rows, category.name),
    m.sort,
    (k) => totals.get(k) ?? 0,
    m.locale,
  );
  const labelOf = (k: string) =>
    format(m.rows.find((r) => keyOf(r[category.name] ?? null) === k)?.[category.name] ?? null);
  const names = series ? categories(m.rows, series.name) : [""];
  // PowerPoint draws the first category at the bottom: listed last to first, the first is on top.
  const reversed = [...order].reverse();
  const data = names.map((name) => ({
    name: name || columnTitle(value),
    labels: reversed.map(labelOf),
    values: reversed.map((k) => cell.get(`${name}\u0000${k}`) ?? null) as number[],
  }));
  const t = chartTextStyle(theme);
  const values = stacked ? [...totals.values()] : [...cell.values()];
  return {
    type: "bar",
    // Grouped series are listed last to first too, so the first series is the top bar of a group.
    data: stacked ? data : [...data].reverse(),
    options: {
      ...axisOptions(theme, value, values, m, false),
      barDir: "bar",
      barGrouping: stacked ? "stacked" : "clustered",
      ...(stacked ? { barOverlapPct: 100 } : {}),
      barGapWidthPct: 45,
      chartColors: stacked ? palette(theme, names.length) : palette(theme, names.length).reverse(),
      showValue: !stacked,
      dataLabelPosition: "outEnd",
      dataLabelFormatCode: columnFormatCode(value, values, m.locale),
      dataLabelFontFace: t.face,
      dataLabelFontSize: t.size * 0.85,
      dataLabelColor: t.color,
      showLegend: !!series,
      legendPos: "t",
    },
  };
}

/** The most points a scatter names, as the slide's chart does. */
const MAX_NAMED = 30;

/** Days from Excel's epoch: how a workbook stores a date. */
const excelDate = (d: Date) => d.getTime() / 86_400_000 + 25_569;

/** A native XY scatter: one series per `series` value, each point at its row's x and y. */
function scatterChart(ctx: RowChartContext): NativeRowChart {
  const { model: m, theme } = ctx;
  const x = column(m, m.x);
  const y = column(m, m.y);
  const series = seriesColumn(m);
  const shown = m.rows.filter(
    (r) =>
      typeof r[y.name] === "number" && (typeof r[x.name] === "number" || r[x.name] instanceof Date),
  );
  const xOf = (r: Row) => {
    const v = r[x.name];
    return v instanceof Date ? excelDate(v) : (v as number);
  };
  const names = series ? categories(shown, series.name) : [columnTitle(y)];
  const seriesOf = (r: Row) => (series ? keyOf(r[series.name] ?? null) : names[0]!);
  // As on the slide, `label=` names the points when there are few enough to read.
  const labelColumn = m.label ? column(m, m.label) : undefined;
  const named = labelColumn && shown.length <= MAX_NAMED ? formatter(m, labelColumn) : undefined;
  // pptxgenjs shares one x column among the series: a point belongs to its own series only.
  const data: ChartData[] = [
    { name: columnTitle(x), values: shown.map(xOf) },
    ...names.map((name) => ({
      name,
      values: shown.map((r) => (seriesOf(r) === name ? (r[y.name] as number) : null)) as number[],
      ...(named
        ? {
            labels: shown.map((r) =>
              seriesOf(r) === name && r[labelColumn!.name] != null
                ? named(r[labelColumn!.name] ?? null)
                : "",
            ),
          }
        : {}),
    })),
  ];
  const ys = shown.map((r) => r[y.name] as number);
  const xs = shown.map(xOf);
  // A date axis runs from the first date to the last, a year (366 days: a step never lands
  // on the 31st of December) or a month a step.
  const years = (Math.max(...xs) - Math.min(...xs)) / 365.25;
  const dateRange =
    x.kind === "date"
      ? {
          catAxisMinVal: Math.min(...xs),
          catAxisMaxVal: Math.max(...xs),
          catAxisMajorUnit:
            years >= 2 ? 366 * Math.ceil(years / 6) : 31 * Math.ceil((years * 12) / 6),
        }
      : {};
  return {
    type: "scatter",
    data,
    options: {
      ...axisOptions(theme, y, ys, m, m.domain === "auto"),
      chartColors: palette(theme, names.length),
      lineSize: 0,
      lineDataSymbol: "circle",
      lineDataSymbolSize: 5,
      catGridLine: { style: "none" },
      ...dateRange,
      ...(named
        ? {
            showLabel: true,
            dataLabelFormatScatter: "custom" as const,
            dataLabelPosition: "r" as const,
            dataLabelFontFace: theme.fonts.body,
            dataLabelFontSize: points(theme.sizes.small) * 0.7,
            dataLabelColor: theme.colors.chartText,
          }
        : {}),
      showLegend: !!series,
      legendPos: "t",
      // The x axis: pptxgenjs gives a scatter's x axis the value axis's format; finish.ts sets it
      // to this one (a date axis prints its dates).
      showCatAxisTitle: true,
      catAxisTitle: columnTitle(x),
      catAxisTitleColor: theme.colors.chartMuted,
      catAxisTitleFontFace: theme.fonts.body,
      catAxisTitleFontSize: points(theme.sizes.small) * 0.85,
    },
  };
}

/** The Excel format of a scatter's x axis, which finish.ts writes on it. */
export function scatterXFormat(m: RowChartModel): string | undefined {
  const x = m.columns.find((c) => c.name === m.x);
  if (!x) return undefined;
  if (x.kind === "date") {
    const dates = m.rows.map((r) => r[x.name]).filter((d): d is Date => d instanceof Date);
    const grain = dateGrain(dates);
    const span = (Math.max(...dates.map(Number)) - Math.min(...dates.map(Number))) / 31_557_600_000;
    if (grain === "year" || span >= 2) return "yyyy";
    return grain === "month" ? "mmm yyyy" : "mmm d, yyyy";
  }
  const values = m.rows.map((r) => r[x.name]).filter((v): v is number => typeof v === "number");
  return columnFormatCode(x, values, m.locale);
}

/** A histogram as a native column chart of its bins ("40–50"), stacked by series. */
function histogramChart(ctx: RowChartContext): NativeRowChart {
  const { model: m, theme } = ctx;
  const x = column(m, m.x);
  const series = seriesColumn(m);
  const values = m.rows.map((r) => r[x.name]).filter((v): v is number => typeof v === "number");
  const edges = binEdges(Math.min(...values), Math.max(...values));
  const bins = edges.length - 1;
  const index = (v: number) =>
    Math.min(
      bins - 1,
      Math.max(0, Math.floor(((v - edges[0]!) / (edges.at(-1)! - edges[0]!)) * bins)),
    );
  const names = series ? categories(m.rows, series.name) : ["Rows"];
  const counts = names.map(() => new Array<number>(bins).fill(0));
  for (const r of m.rows) {
    const v = r[x.name];
    if (typeof v !== "number") continue;
    const s = series ? names.indexOf(keyOf(r[series.name] ?? null)) : 0;
    counts[s]![index(v)]!++;
  }
  const edgeText = (e: number) => formatColumnNumber(e, x, m.locale);
  const labels = Array.from(
    { length: bins },
    (_, i) => `${edgeText(edges[i]!)}–${edgeText(edges[i + 1]!)}`,
  );
  const totals = labels.map((_, i) => counts.reduce((s, c) => s + c[i]!, 0));
  const countColumn: RowColumn = {
    name: "rows",
    type: "BIGINT",
    kind: "number",
    display: { label: "Rows", unit: "count" },
  };
  const t = chartTextStyle(theme);
  return {
    type: "bar",
    data: names.map((name, s) => ({ name, labels, values: counts[s]! })),
    options: {
      ...axisOptions(theme, countColumn, totals, m, false),
      valAxisTitle: "Rows",
      showCatAxisTitle: true,
      catAxisTitle: columnTitle(x),
      catAxisTitleColor: t.muted,
      catAxisTitleFontFace: t.face,
      catAxisTitleFontSize: t.size * 0.85,
      barDir: "col",
      barGrouping: series ? "stacked" : "clustered",
      ...(series ? { barOverlapPct: 100 } : {}),
      barGapWidthPct: 4,
      chartColors: palette(theme, names.length),
      showLegend: !!series,
      legendPos: "t",
    },
  };
}

// --- Drawn kinds ---------------------------------------------------------------------------

function line(
  ctx: RowChartContext,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  color: string,
  width: number,
) {
  ctx.slide.addShape("line", {
    ...place({
      x: Math.min(x1, x2),
      y: Math.min(y1, y2),
      w: Math.abs(x2 - x1),
      h: Math.abs(y2 - y1),
    }),
    line: { color, width },
  });
}

function ellipse(
  ctx: RowChartContext,
  cx: number,
  cy: number,
  r: number,
  color: string,
  filled = true,
) {
  ctx.slide.addShape("ellipse", {
    ...place({ x: cx - r, y: cy - r, w: 2 * r, h: 2 * r }),
    fill: filled ? { color, transparency: 25 } : { type: "none" },
    line: { color, width: 0.75 },
  });
}

/**
 * Bands for categories down the left, a value axis along the foot with its ticks and title,
 * as the slide draws a dot or box chart; returns where each band and value is.
 */
function categoryFrame(ctx: RowChartContext, names: string[], labels: string[], values: number[]) {
  const { box, theme, model: m } = ctx;
  const value = column(m, m.x);
  const size = theme.sizes.small;
  const scale = valueScale(values, value, m.locale, m.domain === "auto");
  const labelWidth = Math.min(box.w * 0.3, Math.max(...labels.map((l) => textWidth(l, size))) + 12);
  const titleH = size * 1.4;
  const axisH = size * 1.6;
  const right = textWidth(scale.format(scale.domain[1]), size * 0.85) / 2 + 4;
  const plot = {
    x: box.x + labelWidth + size * 0.6,
    y: box.y + titleH,
    w: box.w - labelWidth - size * 0.6 - right,
    h: Math.min(box.h - titleH - axisH, names.length * size * 4.6),
  };
  const band = plot.h / names.length;
  const xOf = (v: number) =>
    plot.x + ((v - scale.domain[0]) / (scale.domain[1] - scale.domain[0] || 1)) * plot.w;
  drawText(
    ctx,
    columnTitle(value),
    { x: plot.x, y: box.y, w: plot.w, h: titleH },
    { color: theme.colors.chartMuted, size: size * 0.85 },
  );
  for (const tick of scale.ticks) {
    line(ctx, xOf(tick), plot.y, xOf(tick), plot.y + plot.h, theme.colors.rule, 0.75);
    drawText(
      ctx,
      scale.format(tick),
      { x: xOf(tick) - 50, y: plot.y + plot.h + 2, w: 100, h: size * 1.2 },
      { color: theme.colors.chartMuted, align: "center", size: size * 0.85 },
    );
  }
  labels.forEach((words, i) => {
    drawText(
      ctx,
      words,
      { x: box.x, y: plot.y + band * i, w: labelWidth, h: band },
      { align: "right" },
    );
  });
  return { plot, band, xOf };
}

function categoryGroups(m: RowChartModel) {
  const value = column(m, m.x);
  const category = column(m, m.y);
  const { groups, names, labelOf } = medianGroups(
    m.rows,
    { category: category.name, value: value.name },
    m.sort,
    m.locale,
    formatter(m, category),
  );
  return { groups, names, labels: names.map((n) => labelOf.get(n)!) };
}

/** A strip of dots per category, spread across its band, with each median as a bold tick. */
function drawDots(ctx: RowChartContext): void {
  const { theme } = ctx;
  const { groups, names, labels } = categoryGroups(ctx.model);
  const { plot, band, xOf } = categoryFrame(ctx, names, labels, [...groups.values()].flat());
  const r = Math.max(2.5, Math.min(5, band * 0.05));
  names.forEach((name, i) => {
    const values = groups.get(name)!;
    const color = theme.palette[0]!;
    const top = plot.y + band * i;
    // A fixed, even spread (the golden ratio's steps), so the same rows draw the same strip.
    values.forEach((v, j) => {
      const offset = ((j * 0.618_033_988_75) % 1) - 0.5;
      ellipse(ctx, xOf(v), top + band / 2 + offset * band * 0.6, r, color);
    });
    const median = quantile(values, 0.5);
    line(
      ctx,
      xOf(median),
      top + band * 0.12,
      xOf(median),
      top + band * 0.88,
      theme.colors.chartText,
      3,
    );
  });
}

/** A box per category: the middle half as a box, the median as a line, whiskers, outliers. */
function drawBoxes(ctx: RowChartContext): void {
  const { theme } = ctx;
  const { groups, names, labels } = categoryGroups(ctx.model);
  const { plot, band, xOf } = categoryFrame(ctx, names, labels, [...groups.values()].flat());
  const color = theme.palette[0]!;
  names.forEach((name, i) => {
    const v = groups.get(name)!;
    if (!v.length) return;
    const q1 = quantile(v, 0.25);
    const median = quantile(v, 0.5);
    const q3 = quantile(v, 0.75);
    const reach = 1.5 * (q3 - q1);
    const inside = v.filter((n) => n >= q1 - reach && n <= q3 + reach);
    const low = inside[0] ?? q1;
    const high = inside.at(-1) ?? q3;
    const cy = plot.y + band * (i + 0.5);
    const h = Math.min(band * 0.5, 48);
    line(ctx, xOf(low), cy, xOf(q1), cy, theme.colors.chartText, 1.5);
    line(ctx, xOf(q3), cy, xOf(high), cy, theme.colors.chartText, 1.5);
    line(ctx, xOf(low), cy - h / 4, xOf(low), cy + h / 4, theme.colors.chartText, 1.5);
    line(ctx, xOf(high), cy - h / 4, xOf(high), cy + h / 4, theme.colors.chartText, 1.5);
    ctx.slide.addShape("rect", {
      ...place({ x: xOf(q1), y: cy - h / 2, w: Math.max(1, xOf(q3) - xOf(q1)), h }),
      fill: { color },
      line: { color: theme.colors.chartText, width: 1 },
    });
    line(ctx, xOf(median), cy - h / 2, xOf(median), cy + h / 2, theme.colors.bg, 3);
    for (const n of v)
      if (n < low || n > high) ellipse(ctx, xOf(n), cy, 3, theme.colors.chartText, false);
  });
}

/** How a chart of rows was written: natively, as shapes, or not at all (and why). */
export type RowChartOutcome =
  | { as: "native"; xFormat?: string }
  | { as: "drawn" }
  | { as: "unsupported"; why: string };

/** Adds a chart of rows to its slide, natively when PowerPoint has the kind, else as shapes. */
export function addRowChart(
  ctx: RowChartContext,
  alt: { title: string; description: string },
): RowChartOutcome {
  const why = rowChartProblem(ctx.model);
  if (why) return { as: "unsupported", why };
  const native = NATIVE_ROW_CHARTS[ctx.model.kind];
  if (native) {
    const chart = native(ctx);
    ctx.slide.addChart(chart.type, chart.data, {
      ...place(ctx.box),
      altText: alt.description,
      objectName: alt.title,
      ...chart.options,
    });
    return {
      as: "native",
      xFormat: ctx.model.kind === "scatter" ? scatterXFormat(ctx.model) : undefined,
    };
  }
  DRAWN_ROW_CHARTS[ctx.model.kind]!(ctx);
  return { as: "drawn" };
}

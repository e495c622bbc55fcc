import type { Figure, RangeValue } from "./schema.ts";

const LOCALE = "en-US";
const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(
  precision: number,
  style: "decimal" | "percent" = "decimal",
): Intl.NumberFormat {
  const id = `${style}:${precision}`;
  let format = formatters.get(id);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, {
      style,
      minimumFractionDigits: precision,
      maximumFractionDigits: precision,
    });
    formatters.set(id, format);
  }
  return format;
}

/** The number alone as published (27.6%, 1,340, 37–180): what a callout shows large. */
export function formatNumber(figure: Figure): string {
  const { value, unit, precision } = figure;
  if (typeof value !== "number") return formatRange(value, precision);
  if (unit === "percent") return numberFormat(precision, "percent").format(value / 100);
  // Levels are added to an offense level ("+2"); a reduction already carries its minus sign.
  if (unit === "levels") return `${value < 0 ? "" : "+"}${numberFormat(precision).format(value)}`;
  return numberFormat(precision).format(value);
}

function formatRange(range: RangeValue, precision: number): string {
  const low = range.lowText ?? numberFormat(precision).format(range.low);
  // An en dash between the ends, as style guides ask for ranges.
  return `${low}\u2013${numberFormat(precision).format(range.high)}`;
}

const UNIT_WORDS: Record<Figure["unit"], [string, string] | undefined> = {
  percent: undefined,
  count: undefined,
  months: ["month", "months"],
  years: ["year", "years"],
  levels: ["level", "levels"],
};

/** The unit words after the number ("months", "images"); empty for percentages and bare counts. */
export function formatUnit(figure: Figure): string {
  if (figure.noun) return figure.noun;
  const words = UNIT_WORDS[figure.unit];
  if (!words) return "";
  const n = typeof figure.value === "number" ? figure.value : figure.value.high;
  return n === 1 ? words[0] : words[1];
}

/** The figure as it reads in prose: qualifier, number and unit ("more than 40%", "37–180 months"). */
export function formatFigure(figure: Figure): string {
  const parts = [figure.qualifier, formatNumber(figure), formatUnit(figure)].filter(Boolean);
  return parts.join(" ");
}

/** A figure as a plain number for charts: the value, or a range's ends. */
export function numericValue(figure: Figure): number {
  return typeof figure.value === "number" ? figure.value : figure.value.high;
}

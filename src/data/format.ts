import type { Figure, RangeValue } from "./schema.ts";

const LOCALE = "en-US";
const formatters = new Map<string, Intl.NumberFormat>();

/** The true minus sign (U+2212): a hyphen is too short to read as one at a glance. */
export const MINUS = "\u2212";

function numberFormat(
  precision: number,
  style: "decimal" | "percent" | "currency" = "decimal",
  currency?: string,
): Intl.NumberFormat {
  const id = `${style}:${precision}:${currency ?? ""}`;
  let format = formatters.get(id);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, {
      style,
      ...(style === "currency" ? { currency } : {}),
      minimumFractionDigits: precision,
      maximumFractionDigits: precision,
    });
    formatters.set(id, format);
  }
  return format;
}

/** One number in the figure's own style: currency with its symbol, a plain number with a true minus. */
function formatOne(figure: Figure, n: number): string {
  if (figure.unit === "currency" && figure.currency)
    return trueMinus(numberFormat(figure.precision, "currency", figure.currency).format(n));
  const text = numberFormat(figure.precision).format(n);
  return figure.unit === "number" ? trueMinus(text) : text;
}

function trueMinus(text: string): string {
  // A formatted number holds at most one hyphen, its sign ("-$1,234", "-4.5").
  return text.replace("-", MINUS);
}

/** The number alone as published (27.6%, 1,340, 37–180, $1,250, −4.5): what a callout shows large. */
export function formatNumber(figure: Figure): string {
  const { value, unit, precision } = figure;
  if (typeof value !== "number") return formatRange(figure, value);
  if (unit === "percent") return numberFormat(precision, "percent").format(value / 100);
  // Levels are added to an offense level ("+2"); a reduction already carries its minus sign.
  if (unit === "levels") return `${value < 0 ? "" : "+"}${numberFormat(precision).format(value)}`;
  return formatOne(figure, value);
}

function formatRange(figure: Figure, range: RangeValue): string {
  const low = range.lowText ?? formatOne(figure, range.low);
  // An en dash between the ends, as style guides ask for ranges.
  return `${low}\u2013${formatOne(figure, range.high)}`;
}

const UNIT_WORDS: Record<Figure["unit"], [string, string] | undefined> = {
  percent: undefined,
  count: undefined,
  months: ["month", "months"],
  years: ["year", "years"],
  levels: ["level", "levels"],
  number: undefined,
  currency: undefined,
};

/**
 * The words after the number: the figure's `suffix` ("mm", "°F", "per 100,000") when it has
 * one, else its noun ("images"), else the unit's words ("months"); empty for percentages,
 * currency and bare counts and numbers.
 */
export function formatUnit(figure: Figure): string {
  if (figure.suffix) return figure.suffix;
  if (figure.noun) return figure.noun;
  const words = UNIT_WORDS[figure.unit];
  if (!words) return "";
  const n = typeof figure.value === "number" ? figure.value : figure.value.high;
  return n === 1 ? words[0] : words[1];
}

/** The figure as it reads in prose: qualifier, number and unit ("more than 40%", "37–180 months", "12.4 mm"). */
export function formatFigure(figure: Figure): string {
  const parts = [figure.qualifier, formatNumber(figure), formatUnit(figure)].filter(Boolean);
  return parts.join(" ");
}

/** A figure as a plain number for charts: the value, or a range's ends. */
export function numericValue(figure: Figure): number {
  return typeof figure.value === "number" ? figure.value : figure.value.high;
}

import { formatNumber, formatUnit } from "../data/format.ts";
import type { Figure } from "../data/schema.ts";

/** The label a chart prints for a figure: its short label, else its label. */
export function chartLabel(figure: Figure): string {
  return figure.short ?? figure.label;
}

/** A value as a chart prints it: qualifier and number ("more than 40%"), no unit words. */
export function valueText(figure: Figure): string {
  return [figure.qualifier, formatNumber(figure)].filter(Boolean).join(" ");
}

/** A number in a figure's unit and format, without its qualifier (axis ticks, range ends). */
export function formatAs(figure: Figure, value: number, precision = figure.precision): string {
  return formatNumber({ ...figure, value, precision, qualifier: undefined });
}

/** The unit words an axis carries once ("months", "images"); empty for percentages. */
export function axisUnit(figure: Figure): string {
  // Any plural number gives the plural words, for single values and ranges alike.
  return formatUnit({ ...figure, value: 2 });
}

/** The two ends of a range figure as printed: `lowText` replaces the low number ("probation"). */
export function rangeEnds(figure: Figure): { low: string; high: string } {
  if (typeof figure.value === "number") throw new TypeError("rangeEnds needs a range figure");
  const { low, high, lowText } = figure.value;
  return { low: lowText ?? formatAs(figure, low), high: formatAs(figure, high) };
}

const YEAR_TAG = /\s*\(((?:FY|CY)?\s?\d{4}(?:\s?[–-]\s?\d{2,4})?)\)\s*$/i;

/** A label split from a trailing year in parentheses: "Average sentence (FY2005)" → text, "FY2005". */
export function splitYearTag(label: string): { text: string; tag?: string } {
  const match = YEAR_TAG.exec(label);
  if (!match || match.index === 0) return { text: label };
  return { text: label.slice(0, match.index), tag: match[1] };
}

/** Round axis ticks from 0 to at least `max`, about `count` of them, and the decimals they need. */
export function linearTicks(
  max: number,
  count = 5,
): { domainMax: number; ticks: number[]; precision: number } {
  if (!(max > 0)) return { domainMax: 1, ticks: [0, 1], precision: 0 };
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  // The round step nearest to max / count, so the axis ends close above the data.
  const step = [1, 2, 2.5, 5, 10]
    .map((m) => m * power)
    .reduce((best, s) => (Math.abs(s - rough) < Math.abs(best - rough) ? s : best));
  const steps = Math.ceil(max / step - 1e-9);
  let precision = 0;
  while (Math.abs(step * 10 ** precision - Math.round(step * 10 ** precision)) > 1e-9) precision++;
  const ticks = Array.from({ length: steps + 1 }, (_, i) => Number((i * step).toFixed(precision)));
  return { domainMax: steps * step, ticks, precision };
}

/** Ticks of a percent axis, always 0–100. */
export const PERCENT_TICKS = { domainMax: 100, ticks: [0, 25, 50, 75, 100], precision: 0 };

import { MINUS } from "../format.ts";
import type { RowColumn, RowValue } from "./rows.ts";

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${locale}:${JSON.stringify(options)}`;
  let format = numberFormats.get(id);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(id, format);
  }
  return format;
}

/** How finely a date column's values vary: a chart or table prints no more than that. */
export type DateGrain = "year" | "month" | "day";

/** The coarsest grain that tells the dates apart: all on 1 January → years, all on a 1st → months. */
export function dateGrain(dates: readonly Date[]): DateGrain {
  if (dates.every((d) => d.getUTCMonth() === 0 && d.getUTCDate() === 1)) return "year";
  if (dates.every((d) => d.getUTCDate() === 1)) return "month";
  return "day";
}

/** A date as the deck's locale writes it, at a grain ("2019", "Jan 2019", "Jan 5, 2019"). */
export function formatDate(date: Date, grain: DateGrain, locale: string): string {
  const id = `${locale}:${grain}`;
  let format = dateFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: "UTC",
      year: "numeric",
      ...(grain !== "year" ? { month: "short" } : {}),
      ...(grain === "day" ? { day: "numeric" } : {}),
    });
    dateFormats.set(id, format);
  }
  return format.format(date);
}

/** The decimals a column prints: as declared, else none for counts, else at most one. */
function decimals(column: RowColumn, value: number): { min: number; max: number } {
  const declared = column.display.precision;
  if (declared !== undefined) return { min: declared, max: declared };
  if (column.display.unit === "count" || Number.isInteger(value)) return { min: 0, max: 0 };
  return { min: 0, max: 1 };
}

/**
 * A number in its column's unit and the deck's locale, without unit words (they go in the
 * header or on the axis once): "36.7%", "$1,250", "1,340", "−4.5".
 */
export function formatColumnNumber(
  value: number,
  column: RowColumn,
  locale: string,
  precision?: number,
): string {
  const { min, max } =
    precision === undefined ? decimals(column, value) : { min: precision, max: precision };
  const unit = column.display.unit;
  const digits = { minimumFractionDigits: min, maximumFractionDigits: max };
  let text: string;
  if (unit === "percent")
    text = numberFormat(locale, { style: "percent", ...digits }).format(value / 100);
  else if (unit === "currency" && column.display.currency)
    text = numberFormat(locale, {
      style: "currency",
      currency: column.display.currency,
      ...digits,
    }).format(value);
  else
    text = numberFormat(locale, {
      ...digits,
      // A year ("fiscal_year", "year") is a label, never "2,016".
      useGrouping: !isYearColumn(column, value),
    }).format(value);
  return text.replace("-", MINUS);
}

/** A whole number in a column named for years, with no unit: a calendar or fiscal year. */
export function isYearColumn(column: Pick<RowColumn, "name" | "display">, value: number): boolean {
  return (
    !column.display.unit &&
    !column.display.suffix &&
    Number.isInteger(value) &&
    value >= 1000 &&
    value <= 2999 &&
    /(?:^|_)(?:fiscal_)?(?:year|yr|fy)s?$/i.test(column.name)
  );
}

/** A cell as a slide table or chart table prints it; an empty cell is "–". */
export function formatCell(
  value: RowValue,
  column: RowColumn,
  locale: string,
  grain?: DateGrain,
): string {
  if (value === null) return "–";
  if (value instanceof Date) return formatDate(value, grain ?? "day", locale);
  if (typeof value === "number") return formatColumnNumber(value, column, locale);
  if (typeof value === "boolean") return value ? "yes" : "no";
  return value;
}

const UNIT_WORDS: Partial<Record<string, string>> = {
  months: "months",
  years: "years",
  levels: "levels",
};

/** The words a column's numbers are in ("months", "mm"); empty when the numbers say it (%, $). */
export function columnUnitWords(column: RowColumn): string {
  return column.display.suffix ?? UNIT_WORDS[column.display.unit ?? ""] ?? "";
}

/** A column's name for people: its declared label, else its name with spaces ("sentence months"). */
export function columnLabel(column: Pick<RowColumn, "name" | "display">): string {
  if (column.display.label) return column.display.label;
  const words = column.name.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A header or axis title: the label with its unit words ("Sentence, months"). */
export function columnTitle(column: RowColumn): string {
  const words = columnUnitWords(column);
  return words ? `${columnLabel(column)}, ${words}` : columnLabel(column);
}

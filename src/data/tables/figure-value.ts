import type { RangeValue } from "../schema.ts";
import type { QueryResult } from "./engine.ts";

/** A query's result read as a figure's value, or what is wrong with it. */
export type ReadValue =
  | { ok: true; exact: number | { low: number; high: number } }
  | { ok: false; message: string; detail?: string; hint: string };

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

/** Reads a result as one number, or as a range from columns `low` and `high`. */
export function readValue(result: QueryResult): ReadValue {
  if (result.rows.length === 0)
    return {
      ok: false,
      message: "returned no row",
      hint: "a figure's query returns exactly one row; check the where clause (an aggregate such as count or avg always returns one)",
    };
  if (result.rows.length > 1)
    return {
      ok: false,
      message: "returned more than one row",
      detail: `the first two: ${result.rows.map((r) => r.map(show).join(", ")).join("; ")}`,
      hint: "a figure is one number: aggregate the rows (avg, sum, count) or narrow the where clause to one row",
    };
  const names = result.columns.map((c) => c.name.toLowerCase());
  const row = result.rows[0]!;
  if (names.length === 2 && names.includes("low") && names.includes("high")) {
    const low = numberOf(row[names.indexOf("low")], result.columns[names.indexOf("low")]!.type);
    const high = numberOf(row[names.indexOf("high")], result.columns[names.indexOf("high")]!.type);
    if (!low.ok) return low;
    if (!high.ok) return high;
    return { ok: true, exact: { low: low.exact as number, high: high.exact as number } };
  }
  if (names.length !== 1)
    return {
      ok: false,
      message: `returned ${names.length} columns (${result.columns.map((c) => c.name).join(", ")})`,
      hint: "select one column for a number, or two named low and high for a range",
    };
  return numberOf(row[0], result.columns[0]!.type);
}

function numberOf(value: unknown, type: string): ReadValue {
  if (value === null || value === undefined)
    return {
      ok: false,
      message: "returned an empty value (NULL)",
      hint: "no row matched, or the column is empty there; check the where clause",
    };
  if (!NUMERIC.test(type))
    return {
      ok: false,
      message: `returned ${type} ${show(value)}, not a number`,
      hint: "select a number: cast a text column (cast(x as double)) or aggregate it",
    };
  const n = typeof value === "bigint" ? Number(value) : Number(value);
  if (typeof value === "bigint" && !Number.isSafeInteger(n))
    return {
      ok: false,
      message: `returned ${value}, too large to hold exactly`,
      hint: "check the query: no published figure has that many digits",
    };
  if (!Number.isFinite(n))
    return {
      ok: false,
      message: `returned ${String(n)}`,
      hint: "a division by zero or an empty average gives this; check the query",
    };
  return { ok: true, exact: n };
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** Rounds half away from zero to `precision` places, as publications round. */
export function roundAsPublished(value: number, precision: number): number {
  const scale = 10 ** precision;
  const rounded = Math.round(Math.abs(value) * scale + 1e-9) / scale;
  return value < 0 ? -rounded : rounded;
}

/** A computed value rounded to the figure's precision. */
export function publishedValue(
  exact: number | { low: number; high: number },
  precision: number,
): number | RangeValue {
  if (typeof exact === "number") return roundAsPublished(exact, precision);
  return {
    low: roundAsPublished(exact.low, precision),
    high: roundAsPublished(exact.high, precision),
  };
}

import type { Row, RowValue } from "../data/tables/rows.ts";
import { categories, keyOf } from "./row-scales.ts";

/** The median of sorted numbers (the mean of the middle two for an even count). */
export function quantile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  // The R-7 definition, as d3 and Plot's box mark use, so the text agrees with the drawing.
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (h - lo);
}

/** Values of a numeric column grouped by a category column, each group sorted ascending. */
export function groupValues(
  rows: readonly Row[],
  by: string,
  value: string,
): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const name of categories(rows, by)) groups.set(name, []);
  for (const r of rows) {
    const v = r[value];
    if (typeof v === "number") groups.get(keyOf(r[by] ?? null))!.push(v);
  }
  for (const values of groups.values()) values.sort((a, b) => a - b);
  return groups;
}

/**
 * Categories in the order a `sort` asks for: "value" puts the largest (by `measure`) first,
 * "name" sorts A–Z in the deck's locale; otherwise the rows' own order.
 */
export function orderCategories(
  names: readonly string[],
  sort: string | undefined,
  measure: (name: string) => number,
  locale: string,
): string[] {
  if (sort === "value") return [...names].sort((a, b) => measure(b) - measure(a));
  if (sort === "name") return [...names].sort((a, b) => a.localeCompare(b, locale));
  return [...names];
}

/**
 * A numeric column grouped by a category column, the categories in the order `sort` asks
 * for (by median), each with its label as `format` prints the category's value: what a dot
 * or box plot draws, on a slide and in PowerPoint alike.
 */
export function medianGroups(
  rows: readonly Row[],
  columns: { category: string; value: string },
  sort: string | undefined,
  locale: string,
  format: (value: RowValue) => string,
): { groups: Map<string, number[]>; names: string[]; labelOf: Map<string, string> } {
  const groups = groupValues(rows, columns.category, columns.value);
  const names = orderCategories(
    [...groups.keys()],
    sort,
    (n) => quantile(groups.get(n)!, 0.5),
    locale,
  );
  const labelOf = new Map(
    names.map((n) => {
      const row = rows.find((r) => keyOf(r[columns.category] ?? null) === n);
      return [n, format(row?.[columns.category] ?? null)];
    }),
  );
  return { groups, names, labelOf };
}

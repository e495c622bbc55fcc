import type { RowsQuery } from "../data/tables/rows.ts";
import { rowChartQuery } from "./row-chart.ts";

/** A `<Chart data=…>` or `<Table data=…>` as written: its literal attributes. */
export type RowAttributes = Record<string, string | null | undefined>;

/** The rows query a `<Chart data>` needs: only the columns it draws, in the order it draws them. */
export function chartRowsQuery(a: RowAttributes): RowsQuery {
  if (a.use) return { table: a.data!, columns: [] };
  const { columns, orderBy } = rowChartQuery({
    kind: a.kind ?? "",
    x: a.x ?? undefined,
    y: a.y ?? undefined,
    series: a.series ?? undefined,
    facet: a.facet ?? undefined,
    label: a.label ?? undefined,
  });
  return { table: a.data!, columns, orderBy };
}

/**
 * The rows query a `<Table>` needs: its columns (all of the table's when it names none),
 * sorted as `sort="year -cases"` says, at most `limit` rows, or one more than a slide holds
 * so that a table too long for its slide is seen rather than cut.
 */
export function tableRowsQuery(
  a: RowAttributes,
  allColumns: readonly string[],
  maxRows: number,
): RowsQuery {
  const columns = (a.columns ?? "").split(/\s+/).filter(Boolean);
  const orderBy = (a.sort ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .map((k) => ({ column: k.replace(/^-/, ""), descending: k.startsWith("-") }));
  const limit = a.limit ? Number(a.limit) : maxRows + 1;
  return { table: a.data!, columns: columns.length ? columns : [...allColumns], orderBy, limit };
}

import type { SourcePosition } from "../../errors/index.ts";
import type { Unit } from "../schema.ts";

/** How a column is shown by charts and tables, as a table declares it under `columns:`. */
export interface ColumnDisplay {
  label?: string;
  unit?: Unit;
  precision?: number;
  currency?: string;
  suffix?: string;
}

/** A column of a table as the engine typed it (DuckDB's type name: BIGINT, DOUBLE, VARCHAR, DATE…). */
export interface ColumnInfo {
  name: string;
  type: string;
}

/**
 * What a dataset knows about one of its tables once loaded: where it came from, how many
 * rows it has and its columns. Rows themselves stay in the engine: a table is never shipped.
 */
export interface TableInfo {
  name: string;
  /** The file it was read from, relative to data/ (file tables only). */
  file?: string;
  /** SHA-256 of the file's content (file tables only). */
  sha256?: string;
  /** The query that derives it (derived tables only). */
  sql?: string;
  /** Its source id; for a derived table, the sources of the tables it reads. */
  sources: string[];
  locator?: string;
  rows: number;
  columns: ColumnInfo[];
  /** How the table declares some columns are shown (label, unit, precision, suffix), by name. */
  display?: Record<string, ColumnDisplay>;
  /** True when a row schema from the dataset's schema file checked every row. */
  rowSchema: boolean;
  /** Where the table is declared in the data file. */
  at?: SourcePosition;
}

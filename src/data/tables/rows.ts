import path from "node:path";
import { ContentCache, keyOf } from "./cache.ts";
import { type Engine, openEngine } from "./engine.ts";
import { formatOf, resolveTableFile, sqlIdentifier } from "./paths.ts";
import type { ColumnDisplay, TableInfo } from "./types.ts";

/** A cell as a chart or a slide table reads it: dates as dates, numbers as numbers. */
export type RowValue = number | string | boolean | Date | null;

/** One row: column name → value. */
export type Row = Record<string, RowValue>;

/** How a column's values are read, from DuckDB's type. */
export type ColumnKind = "number" | "date" | "text" | "boolean";

/** A column of a rows query: its name, DuckDB type, kind, and how the table says to show it. */
export interface RowColumn {
  name: string;
  type: string;
  kind: ColumnKind;
  display: ColumnDisplay;
}

/** Which rows of which table a chart or slide table shows. */
export interface RowsQuery {
  table: string;
  columns: readonly string[];
  /** Rows whose column equals the value (all conditions hold). */
  where?: ReadonlyArray<{ column: string; equals: string | number }>;
  /** Sort keys in order; rows keep the table's order when none is given. */
  orderBy?: ReadonlyArray<{ column: string; descending?: boolean }>;
  limit?: number;
}

/** The rows a query returned, and whether more matched than `MAX_ROWS` allows. */
export interface RowsResult {
  columns: RowColumn[];
  rows: Row[];
  /** True when the table held more matching rows than were read. */
  truncated: boolean;
}

/** What `queryRows` reads from a dataset: its file (for data/) and its tables. */
export interface RowsDataset {
  file: string;
  tables: readonly TableInfo[];
}

/** The most rows one chart or slide table reads: more than that belongs in a derived table. */
export const MAX_ROWS = 5000;

/** The kind of a DuckDB column type: numbers, dates (DATE and TIMESTAMP), booleans, else text. */
export function columnKind(type: string): ColumnKind {
  if (
    /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL)/.test(
      type,
    )
  )
    return "number";
  if (/^(DATE|TIMESTAMP)/.test(type)) return "date";
  if (type === "BOOLEAN") return "boolean";
  return "text";
}

const resultCache = new ContentCache<RowsResult>(500);

/** Forgets every cached rows result (tests). */
export function clearRowsCache(): void {
  resultCache.clear();
}

/** How many engines `queryRows` opened in this process: lets tests see the cache at work. */
export const rowsStats = { opened: 0 };

interface Pending {
  query: RowsQuery;
  key: string;
  resolve: (result: RowsResult) => void;
  reject: (error: unknown) => void;
}

// Queries asked for in the same turn share one engine: a deck's charts register each file once.
const batches = new Map<RowsDataset, Pending[]>();

/**
 * The rows of a dataset table for a chart or slide table, read at build time by DuckDB with
 * the same lock-down as the dataset's own queries, and cached by content (the files' SHA-256,
 * the derived tables' queries and this query). Columns and table must exist: validation has
 * checked them; an unknown one is a thrown Error.
 */
export function queryRows(dataset: RowsDataset, query: RowsQuery): Promise<RowsResult> {
  const key = keyOf("rows", datasetKey(dataset), JSON.stringify(query));
  const hit = resultCache.get(key);
  if (hit) return Promise.resolve(hit);
  return new Promise((resolve, reject) => {
    let batch = batches.get(dataset);
    if (!batch) {
      batch = [];
      batches.set(dataset, batch);
      setImmediate(() => {
        batches.delete(dataset);
        runBatch(dataset, batch!).catch((error) => {
          for (const p of batch!) p.reject(error);
        });
      });
    }
    batch.push({ query, key, resolve, reject });
  });
}

function datasetKey(dataset: RowsDataset): string {
  return keyOf(
    ...dataset.tables.map((t) =>
      [t.name, t.sha256 ?? "", t.sql ?? "", ...t.columns.map((c) => `${c.name}:${c.type}`)].join(
        "\u0001",
      ),
    ),
  );
}

async function runBatch(dataset: RowsDataset, batch: Pending[]): Promise<void> {
  const engine = await openEngine();
  rowsStats.opened++;
  try {
    const byName = new Map(dataset.tables.map((t) => [t.name, t]));
    const reads = new Map<string, string[]>();
    for (const t of dataset.tables)
      if (t.sql !== undefined)
        reads.set(
          t.name,
          (await engine.tablesRead(t.sql)).filter((n) => byName.has(n)),
        );
    const needed: string[] = [];
    const visit = (name: string) => {
      if (needed.includes(name)) return;
      for (const r of reads.get(name) ?? []) visit(r);
      needed.push(name);
    };
    for (const p of batch) visit(p.query.table);
    const dataDir = path.dirname(dataset.file);
    for (const name of needed) {
      const t = byName.get(name);
      if (!t) throw new Error(`unknown table ${name}`);
      if (t.file === undefined) continue;
      // Pinning every column to the type the dataset load saw keeps dates dates and codes text.
      const types = Object.fromEntries(t.columns.map((c) => [c.name, c.type]));
      // Resolved again, with the same refusals as the load: the file may have moved since.
      const file = resolveTableFile(dataDir, t.file);
      if (!file.ok) throw new Error(`table ${name}: ${file.detail}`);
      await engine.register(name, file.absolute, formatOf(file.absolute), types);
    }
    await engine.lock();
    for (const name of needed) {
      const t = byName.get(name)!;
      if (t.sql !== undefined) await engine.derive(name, t.sql);
    }
    for (const p of batch) {
      try {
        const result = await select(engine, byName.get(p.query.table)!, p.query);
        resultCache.set(p.key, result);
        p.resolve(result);
      } catch (error) {
        p.reject(error);
      }
    }
  } finally {
    engine.close();
  }
}

async function select(engine: Engine, table: TableInfo, query: RowsQuery): Promise<RowsResult> {
  const known = new Set(table.columns.map((c) => c.name));
  const names = [
    ...query.columns,
    ...(query.where ?? []).map((w) => w.column),
    ...(query.orderBy ?? []).map((o) => o.column),
  ];
  for (const name of names)
    if (!known.has(name)) throw new Error(`table ${table.name} has no column ${name}`);
  const params: Array<string | number> = [];
  const where = (query.where ?? []).map((w) => {
    params.push(w.equals);
    return `${sqlIdentifier(w.column)} = $${params.length}`;
  });
  const order = (query.orderBy ?? []).map(
    (o) => `${sqlIdentifier(o.column)} ${o.descending ? "desc" : "asc"} nulls last`,
  );
  const cap = Math.min(query.limit ?? MAX_ROWS, MAX_ROWS);
  const sql = [
    `select ${query.columns.map(sqlIdentifier).join(", ")} from ${sqlIdentifier(table.name)}`,
    where.length ? `where ${where.join(" and ")}` : "",
    order.length ? `order by ${order.join(", ")}` : "",
    // One row past the cap tells a table that was cut from one that fits.
    `limit ${cap + 1}`,
  ]
    .filter(Boolean)
    .join(" ");
  const read = await engine.select(sql, params, cap + 1);
  const columns: RowColumn[] = read.columns.map((c) => ({
    name: c.name,
    type: c.type,
    kind: columnKind(c.type),
    display: table.display?.[c.name] ?? {},
  }));
  const rows = read.rows.slice(0, cap).map((r) => {
    const row: Row = {};
    for (const c of columns) row[c.name] = plain(r[c.name], c.kind);
    return row;
  });
  return { columns, rows, truncated: read.rows.length > cap && query.limit === undefined };
}

function plain(value: unknown, kind: ColumnKind): RowValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value;
  if (kind === "number" && typeof value !== "number") return Number(value);
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    return value;
  return String(value);
}

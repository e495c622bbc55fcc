import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { sqlIdentifier, sqlString, type TableFormat } from "./paths.ts";
import { refusal, SqlRefused } from "./sql-guard.ts";
import type { ColumnInfo } from "./types.ts";

/** How long one query may run before it is stopped (30 s): a query is content, not a job. */
export const QUERY_TIMEOUT_MS = 30_000;

/** What a query returned: its columns and at most its first two rows (one is all a figure may have). */
export interface QueryResult {
  columns: ColumnInfo[];
  rows: unknown[][];
}

/**
 * One DuckDB database for one dataset load. File tables are registered first, then `lock()`
 * turns off file access, extension loading and configuration changes for good; every query
 * written in the data file runs after that, so SQL can read only the declared tables.
 */
export interface Engine {
  /** Reads a file into a table; only before `lock()`. `types` pins column types (VARCHAR for text). */
  register(
    name: string,
    absolute: string,
    format: TableFormat,
    types?: Record<string, string>,
  ): Promise<void>;
  /** Locks the database down: no files, no extensions, no configuration changes. */
  lock(): Promise<void>;
  /** Creates a derived table from a guarded query; only after `lock()`. */
  derive(name: string, sql: string): Promise<void>;
  /** Runs one guarded query and reads at most two rows; only after `lock()`. */
  query(sql: string): Promise<QueryResult>;
  /** Runs one guarded query with bound parameters and reads up to `max` rows as records; only after `lock()`. */
  select(
    sql: string,
    params: ReadonlyArray<string | number>,
    max: number,
  ): Promise<{ columns: ColumnInfo[]; rows: Array<Record<string, unknown>> }>;
  /** Every row of a table, as plain values (for row schemas of Parquet files). */
  rows(name: string): Promise<Array<Record<string, unknown>>>;
  /** A table's row count and column types. */
  describe(name: string): Promise<{ rows: number; columns: ColumnInfo[] }>;
  /** The table names a query reads (parsed, never run); empty when it does not parse. */
  tablesRead(sql: string): Promise<string[]>;
  close(): void;
}

type DuckDB = typeof import("@duckdb/node-api");

let duckdb: Promise<DuckDB> | undefined;

// Imported on first use only: a project without tables never pays DuckDB's start-up.
function loadDuckDB(): Promise<DuckDB> {
  duckdb ??= import("@duckdb/node-api");
  return duckdb;
}

/** Starts loading DuckDB's native module now, so that it overlaps other work (hashing files). */
export function preloadEngine(): void {
  // A failure surfaces again, with its message, when the engine is opened.
  loadDuckDB().catch(() => undefined);
}

/** Opens an in-memory database with extension auto-install and auto-load turned off from the start. */
export async function openEngine(): Promise<Engine> {
  const { DuckDBInstance: Instance, StatementType } = await loadDuckDB();
  const instance: DuckDBInstance = await Instance.create(":memory:", {
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
  });
  const connection: DuckDBConnection = await instance.connect();
  let locked = false;

  const guarded = async (sql: string) => {
    const up = refusal(sql);
    if (up) throw up;
    const extracted = await connection.extractStatements(sql);
    if (extracted.count !== 1)
      throw new SqlRefused(
        `the text holds ${extracted.count} statements`,
        "write one query; remove the semicolon and what follows it",
      );
    const prepared = await withTimeout(() => extracted.prepare(0));
    if (prepared.statementType !== StatementType.SELECT)
      throw new SqlRefused(
        "only a query (select or with … select) may run",
        "a query reads the dataset's tables; it cannot change settings, write, attach or load anything",
      );
    return prepared;
  };

  const withTimeout = async <T>(run: () => Promise<T>): Promise<T> => {
    const timer = setTimeout(() => connection.interrupt(), QUERY_TIMEOUT_MS);
    try {
      return await run();
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async register(name, absolute, format, types) {
      if (locked) throw new Error("register() after lock()");
      const reader =
        format === "parquet" ? "read_parquet" : format === "json" ? "read_json" : "read_csv";
      const options =
        types && Object.keys(types).length && format === "csv"
          ? `, types = {${Object.entries(types)
              .map(([column, type]) => `${sqlString(column)}: ${sqlString(type)}`)
              .join(", ")}}`
          : "";
      await connection.run(
        `create table ${sqlIdentifier(name)} as select * from ${reader}(${sqlString(absolute)}${options})`,
      );
    },
    async lock() {
      // The order matters: the configuration lock comes last, so nothing can undo the others.
      await connection.run("SET enable_external_access = false");
      await connection.run("SET autoinstall_known_extensions = false");
      await connection.run("SET autoload_known_extensions = false");
      await connection.run("SET allow_community_extensions = false");
      await connection.run("SET lock_configuration = true");
      locked = true;
    },
    async derive(name, sql) {
      if (!locked) throw new Error("derive() before lock()");
      await guarded(sql);
      await withTimeout(() => connection.run(`create table ${sqlIdentifier(name)} as (${sql}\n)`));
    },
    async query(sql) {
      if (!locked) throw new Error("query() before lock()");
      const prepared = await guarded(sql);
      const reader = await withTimeout(() => prepared.runAndReadUntil(2));
      const types = reader.columnTypes();
      return {
        columns: reader.columnNames().map((n, i) => ({ name: n, type: types[i]!.toString() })),
        rows: reader.getRowsJS().slice(0, 2),
      };
    },
    async select(sql, params, max) {
      if (!locked) throw new Error("select() before lock()");
      const prepared = await guarded(sql);
      if (params.length) prepared.bind([...params]);
      const reader = await withTimeout(() => prepared.runAndReadUntil(max));
      const types = reader.columnTypes();
      return {
        columns: reader.columnNames().map((n, i) => ({ name: n, type: types[i]!.toString() })),
        rows: (reader.getRowObjectsJS() as Array<Record<string, unknown>>).slice(0, max),
      };
    },
    async rows(name) {
      const reader = await connection.runAndReadAll(`select * from ${sqlIdentifier(name)}`);
      return reader.getRowObjectsJS() as Array<Record<string, unknown>>;
    },
    async describe(name) {
      const id = sqlIdentifier(name);
      const described = await connection.runAndReadAll(`describe ${id}`);
      const counted = await connection.runAndReadAll(`select count(*) from ${id}`);
      return {
        rows: Number(counted.getRowsJS()[0]![0]),
        columns: described.getRowObjectsJS().map((r) => ({
          name: String(r.column_name),
          type: String(r.column_type),
        })),
      };
    },
    async tablesRead(sql) {
      // The query is a bound parameter: parsed into JSON, never run.
      const reader = await connection.runAndReadAll("select json_serialize_sql($1::varchar)", [
        sql,
      ]);
      const tree = JSON.parse(String(reader.getRowsJS()[0]![0])) as { error?: boolean };
      if (tree.error) return [];
      const names: string[] = [];
      collectTables(tree, names);
      return [...new Set(names)];
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

function collectTables(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectTables(item, out);
    return;
  }
  if (!node || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  if (record.type === "BASE_TABLE" && typeof record.table_name === "string" && !record.schema_name)
    out.push(record.table_name);
  for (const value of Object.values(record)) collectTables(value, out);
}

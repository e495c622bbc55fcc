import type { z } from "zod";
import type { Diagnostic, SourcePosition } from "../../errors/index.ts";
import type { Locate } from "../positions.ts";
import type { Derivation, FigureEntry, RangeValue, Table } from "../schema.ts";
import { ContentCache, hashFile, keyOf } from "./cache.ts";
import { type Engine, openEngine, preloadEngine, type QueryResult } from "./engine.ts";
import { queryProblem } from "./engine-errors.ts";
import { publishedValue, readValue } from "./figure-value.ts";
import { formatOf, resolveTableFile, type TableFormat } from "./paths.ts";
import { checkRows, type RowCheck } from "./row-schema.ts";
import { positionInQuery } from "./sql-position.ts";
import type { ColumnInfo, TableInfo } from "./types.ts";

/** Row schemas from a dataset's schema file (its `tables` export), by table name. */
export interface RowSchemas {
  file: string;
  /** The schema file's content hash: a changed schema checks the rows again. */
  hash: string;
  schemas: Record<string, z.ZodType>;
}

/** What computing a dataset's tables needs: its declarations, its figures and where they are written. */
export interface TablesInput {
  dataDir: string;
  tables: Record<string, Table>;
  /** Every figure by dot key; only those with `sql` are computed. */
  figures: ReadonlyArray<[string, FigureEntry]>;
  locate: Locate;
  /** The data file's text, to point at a place inside a query. */
  text?: string;
  rowSchemas?: RowSchemas;
}

/** A computed figure's value (rounded to its precision), derivation and default source. */
export interface ComputedFigure {
  value: number | RangeValue;
  derivation: Derivation;
  /** The first table's source, for a figure that names none. */
  source?: string;
  /** The first file table's locator, for a figure that gives none. */
  locator?: string;
}

/** Computed figures, what each table holds, every finding, and the files read (for watching). */
export interface TablesOutput {
  computed: Map<string, ComputedFigure>;
  tables: TableInfo[];
  diagnostics: Diagnostic[];
  files: string[];
}

interface FileTable {
  absolute: string;
  relative: string;
  sha256: string;
  format: TableFormat;
  textColumns: string[];
}

// Module-level caches keyed by content (file hashes, queries, schema hashes): an unchanged
// table or figure costs nothing on the next load in this process.
const readsCache = new ContentCache<string[]>();
const rowsCache = new ContentCache<RowCheck>();
const summaryCache = new ContentCache<{ rows: number; columns: ColumnInfo[] }>();
const resultCache = new ContentCache<QueryResult>();

/** How many times an engine was opened in this process: lets tests see the cache at work. */
export const engineStats = { opened: 0 };

/** Forgets every cached result (for tests that measure a cold load). */
export function clearTableCaches(): void {
  for (const cache of [readsCache, rowsCache, summaryCache, resultCache]) cache.clear();
}

/**
 * Reads a dataset's tables and computes its `sql` figures: file tables are registered,
 * the engine locked, derived tables created in dependency order, then each query run.
 * Anything whose inputs' content is unchanged since an earlier load comes from the cache,
 * and the engine is not started at all when everything does.
 */
export async function resolveTables(input: TablesInput): Promise<TablesOutput> {
  const { tables, locate } = input;
  const names = Object.keys(tables);
  const declared = new Set(names);
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  const failed = new Set<string>();
  const fileTables = new Map<string, FileTable>();
  const where = (path: PropertyKey[], key = false): SourcePosition => locate(path, { key });

  for (const [name, table] of Object.entries(tables)) {
    if (table.file === undefined) continue;
    const resolved = resolveTableFile(input.dataDir, table.file);
    if (!resolved.ok) {
      failed.add(name);
      diagnostics.push({
        code: "FD_TABLE_FILE",
        severity: "error",
        message:
          resolved.reason === "outside"
            ? `The table "${name}" names a file outside data/.`
            : resolved.reason === "missing"
              ? `The file of table "${name}" does not exist.`
              : `The file of table "${name}" is not a regular file.`,
        at: where(["tables", name, "file"]),
        detail: resolved.detail,
        hint:
          resolved.reason === "outside"
            ? "put the file in data/ (or a folder inside it) and name it relative to data/, without .. or a leading /"
            : "check the file name relative to data/; names are case-sensitive",
      });
      continue;
    }
    files.push(resolved.absolute);
    fileTables.set(name, {
      absolute: resolved.absolute,
      relative: resolved.relative,
      sha256: "",
      format: formatOf(resolved.absolute),
      textColumns: [],
    });
  }
  // In a new process nothing is cached: DuckDB's start-up overlaps the hashing.
  if (resultCache.size === 0) preloadEngine();
  // Every file is hashed at once: the reads overlap.
  await Promise.all(
    [...fileTables.values()].map(async (t) => {
      t.sha256 = await hashFile(t.absolute);
    }),
  );

  let engine: Engine | undefined;
  const getEngine = async () => {
    if (!engine) {
      engine = await openEngine();
      engineStats.opened++;
    }
    return engine;
  };
  try {
    // Row schemas of CSV and JSON tables are checked without the engine.
    const deferredRows: string[] = [];
    for (const [name, schema] of Object.entries(input.rowSchemas?.schemas ?? {})) {
      const table = fileTables.get(name);
      if (!table) {
        if (failed.has(name)) continue;
        diagnostics.push({
          code: "FD_TABLE_ROW_SCHEMA",
          severity: "error",
          message: `The schema file gives a row schema for "${name}", which is not a table read from a file.`,
          at: { file: input.rowSchemas!.file, line: 1, column: 1 },
          hint: declared.has(name)
            ? "row schemas check the rows of file tables; a derived table's rows follow from its query"
            : `declare the table under tables: in the data file, or remove it from the schema file's tables export (declared: ${names.join(", ") || "none"})`,
        });
        continue;
      }
      if (table.format === "parquet") {
        deferredRows.push(name);
        continue;
      }
      const check = await rowCheck(name, table, schema, input);
      table.textColumns = check.textColumns;
      diagnostics.push(...check.diagnostics);
      if (check.diagnostics.length) failed.add(name);
    }

    const tableKey = new Map<string, string>();
    for (const [name, table] of fileTables)
      tableKey.set(
        name,
        keyOf("file", table.format, table.sha256, ...table.textColumns, schemaKey(input, name)),
      );

    const readsOf = async (sql: string): Promise<string[]> => {
      const key = keyOf("reads", sql);
      let reads = readsCache.get(key);
      if (!reads) {
        reads = await (await getEngine()).tablesRead(sql);
        readsCache.set(key, reads);
      }
      return reads.filter((n) => declared.has(n));
    };

    const derivedReads = new Map<string, string[]>();
    for (const [name, table] of Object.entries(tables))
      if (table.sql !== undefined) derivedReads.set(name, await readsOf(table.sql));
    const order = orderDerived(derivedReads, (name, cycle) => {
      failed.add(name);
      diagnostics.push({
        code: "FD_TABLE_CYCLE",
        severity: "error",
        message: `The derived table "${name}" depends on itself: ${cycle.join(" → ")}.`,
        at: where(["tables", name, "sql"]),
        hint: "a derived table may read file tables and derived tables declared from them, never itself",
      });
    });
    for (const name of order) {
      const reads = derivedReads.get(name)!;
      if (reads.some((r) => failed.has(r))) failed.add(name);
      tableKey.set(
        name,
        keyOf("derived", tables[name]!.sql!, ...reads.map((r) => `${r}=${tableKey.get(r)}`)),
      );
    }
    const closure = (start: readonly string[]): string[] => {
      const out: string[] = [];
      const visit = (n: string) => {
        if (out.includes(n)) return;
        out.push(n);
        for (const r of derivedReads.get(n) ?? []) visit(r);
      };
      for (const n of start) visit(n);
      return out;
    };

    // What the cache cannot answer: those tables are materialised and those queries run.
    const need = new Set<string>();
    const summaries = new Map<string, { rows: number; columns: ColumnInfo[] }>();
    for (const name of names) {
      if (failed.has(name) || !tableKey.has(name)) continue;
      const cached = summaryCache.get(tableKey.get(name)!);
      if (cached) summaries.set(name, cached);
      else for (const n of closure([name])) need.add(n);
    }
    for (const name of deferredRows)
      if (!failed.has(name) && !rowsCache.get(rowsKey(name, fileTables.get(name)!, input)))
        need.add(name);

    const sqlFigures = input.figures.filter(([, f]) => f.sql !== undefined);
    const figureReads = new Map<string, string[]>();
    const results = new Map<string, QueryResult>();
    const toRun: string[] = [];
    for (const [key, figure] of sqlFigures) {
      const reads = await readsOf(figure.sql!);
      figureReads.set(key, reads);
      if (closure(reads).some((r) => failed.has(r))) continue;
      const cached = resultCache.get(figureKey(figure.sql!, reads, tableKey));
      if (cached) results.set(key, cached);
      else {
        toRun.push(key);
        for (const n of closure(reads)) need.add(n);
      }
    }

    if (need.size || toRun.length) {
      const db = await getEngine();
      for (const [name, table] of fileTables) {
        if (!need.has(name) || failed.has(name)) continue;
        const types = Object.fromEntries(table.textColumns.map((c) => [c, "VARCHAR"]));
        try {
          await db.register(name, table.absolute, table.format, types);
        } catch (error) {
          failed.add(name);
          diagnostics.push({
            code: "FD_TABLE_READ",
            severity: "error",
            message: `The file of table "${name}" cannot be read as ${table.format.toUpperCase()}.`,
            at: where(["tables", name, "file"]),
            detail: queryProblem(error, { what: "", tables: names }).detail,
            hint:
              table.format === "json"
                ? "write the rows as a JSON list of objects with the same keys"
                : table.format === "csv"
                  ? "the first line names the columns; every row needs as many cells"
                  : "check that the file is a Parquet file and not truncated",
          });
        }
      }
      await db.lock();
      for (const name of deferredRows) {
        const table = fileTables.get(name)!;
        if (failed.has(name)) continue;
        const key = rowsKey(name, table, input);
        let check = rowsCache.get(key);
        if (!check) {
          check = await checkRows(
            rowSource(name, table, input),
            input.rowSchemas!.schemas[name]!,
            () => db.rows(name),
          );
          rowsCache.set(key, check);
        }
        diagnostics.push(...check.diagnostics);
        if (check.diagnostics.length) failed.add(name);
      }
      for (const name of order) {
        if (!need.has(name) || failed.has(name)) continue;
        if (derivedReads.get(name)!.some((r) => failed.has(r))) {
          failed.add(name);
          continue;
        }
        try {
          await db.derive(name, tables[name]!.sql!);
        } catch (error) {
          failed.add(name);
          diagnostics.push(
            queryProblem(
              error,
              queryPlace(`the table "${name}"`, ["tables", name, "sql"], input, names),
            ),
          );
        }
      }
      for (const name of names) {
        if (!need.has(name) || failed.has(name) || summaries.has(name)) continue;
        const summary = await db.describe(name);
        summaryCache.set(tableKey.get(name)!, summary);
        summaries.set(name, summary);
      }
      for (const key of toRun) {
        const figure = input.figures.find(([k]) => k === key)![1];
        const reads = figureReads.get(key)!;
        if (closure(reads).some((r) => failed.has(r))) continue;
        try {
          const result = await db.query(figure.sql!);
          resultCache.set(figureKey(figure.sql!, reads, tableKey), result);
          results.set(key, result);
        } catch (error) {
          const [group, member] = key.split(".");
          diagnostics.push(
            queryProblem(
              error,
              queryPlace(`the figure ${key}`, ["figures", group!, member!, "sql"], input, names),
            ),
          );
        }
      }
    }

    const info = (name: string): TableInfo | undefined => {
      const summary = summaries.get(name);
      if (!summary) return undefined;
      const table = tables[name]!;
      const file = fileTables.get(name);
      return {
        name,
        ...(file ? { file: file.relative, sha256: file.sha256 } : { sql: table.sql }),
        sources: sourcesOf(name, tables, closure),
        ...(table.locator ? { locator: table.locator } : {}),
        ...(table.columns ? { display: table.columns } : {}),
        rows: summary.rows,
        columns: summary.columns,
        rowSchema: input.rowSchemas?.schemas[name] !== undefined,
        at: where(["tables", name], true),
      };
    };

    const computed = new Map<string, ComputedFigure>();
    for (const [key, figure] of sqlFigures) {
      const result = results.get(key);
      if (!result) continue;
      const [group, member] = key.split(".");
      const read = readValue(result);
      if (!read.ok) {
        diagnostics.push({
          code: "FD_TABLE_RESULT",
          severity: "error",
          message: `The query of the figure ${key} ${read.message}.`,
          at: where(["figures", group!, member!, "sql"]),
          detail: read.detail,
          hint: read.hint,
        });
        continue;
      }
      const used = closure(figureReads.get(key)!);
      computed.set(key, {
        value: publishedValue(read.exact, figure.precision),
        source: used.map((n) => sourcesOf(n, tables, closure)[0]).find(Boolean),
        locator: used.map((n) => tables[n]!.locator).find(Boolean),
        derivation: {
          sql: figure.sql!,
          exact: read.exact,
          tables: used.map((n) => ({
            name: n,
            ...(tables[n]!.source ? { source: tables[n]!.source } : {}),
            ...(tables[n]!.locator ? { locator: tables[n]!.locator } : {}),
            ...(fileTables.get(n) ? { file: fileTables.get(n)!.relative } : {}),
            ...(tables[n]!.sql ? { sql: tables[n]!.sql } : {}),
          })),
          files: used.flatMap((n) => {
            const f = fileTables.get(n);
            return f ? [{ file: f.relative, sha256: f.sha256 }] : [];
          }),
        },
      });
    }
    return {
      computed,
      tables: names.map(info).filter((t): t is TableInfo => t !== undefined),
      diagnostics,
      files,
    };
  } finally {
    engine?.close();
  }
}

function sourcesOf(
  name: string,
  tables: Record<string, Table>,
  closure: (start: readonly string[]) => string[],
): string[] {
  const out: string[] = [];
  for (const n of closure([name])) {
    const source = tables[n]?.source;
    if (source && !out.includes(source)) out.push(source);
  }
  return out;
}

function figureKey(sql: string, reads: readonly string[], tableKey: Map<string, string>): string {
  return keyOf("figure", sql, ...reads.map((r) => `${r}=${tableKey.get(r)}`));
}

function schemaKey(input: TablesInput, name: string): string {
  return input.rowSchemas?.schemas[name] ? input.rowSchemas.hash : "";
}

function rowsKey(name: string, table: FileTable, input: TablesInput): string {
  return keyOf("rows", name, table.sha256, table.format, input.rowSchemas?.hash ?? "");
}

function rowSource(name: string, table: FileTable, input: TablesInput) {
  return {
    name,
    absolute: table.absolute,
    shown: `data/${table.relative}`,
    format: table.format,
    at: input.locate(["tables", name, "file"]),
  };
}

async function rowCheck(
  name: string,
  table: FileTable,
  schema: z.ZodType,
  input: TablesInput,
): Promise<RowCheck> {
  const key = rowsKey(name, table, input);
  const cached = rowsCache.get(key);
  if (cached) return cached;
  const check = await checkRows(rowSource(name, table, input), schema);
  rowsCache.set(key, check);
  return check;
}

function queryPlace(what: string, path: PropertyKey[], input: TablesInput, tables: string[]) {
  const at = input.locate(path);
  return {
    what,
    at,
    tables,
    within: (line: number, column: number) =>
      input.text === undefined ? undefined : positionInQuery(input.text, at, line, column),
  };
}

/** Derived tables in an order where each comes after the tables it reads; cycles are reported. */
function orderDerived(
  reads: Map<string, string[]>,
  onCycle: (name: string, cycle: string[]) => void,
): string[] {
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, path: string[]): boolean => {
    if (state.get(name) === "done") return true;
    if (state.get(name) === "visiting") {
      onCycle(name, [...path.slice(path.indexOf(name)), name]);
      return false;
    }
    state.set(name, "visiting");
    let ok = true;
    for (const r of reads.get(name) ?? []) if (reads.has(r)) ok = visit(r, [...path, name]) && ok;
    state.set(name, "done");
    if (ok) order.push(name);
    return ok;
  };
  for (const name of reads.keys()) visit(name, []);
  return order;
}

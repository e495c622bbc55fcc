import { type Diagnostic, type SourcePosition, suggestion } from "../../errors/index.ts";
import { QUERY_TIMEOUT_MS } from "./engine.ts";
import { SqlRefused } from "./sql-guard.ts";

/** Where the failing query is written and what it is, for the error's position and wording. */
export interface QueryPlace {
  /** "the figure sentences.mean_2019" or "the table by_year". */
  what: string;
  at?: SourcePosition;
  /** Maps a line and column inside the query to the data file, when the query's text is there. */
  within?: (line: number, column: number) => SourcePosition | undefined;
  /** Every declared table, for "did you mean". */
  tables: readonly string[];
}

/** DuckDB's message without its code-frame lines ("LINE 1: …" and the caret below it). */
export function engineMessage(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(
    /^Failed to extract statements: /,
    "",
  );
  return text
    .split("\n")
    .filter((line) => line.trim() && !/^LINE \d+:/.test(line) && !/^\s*\^\s*$/.test(line))
    .join(" ");
}

/** The line and column DuckDB points at inside the query, when its message has one. */
export function enginePosition(error: unknown): { line: number; column: number } | undefined {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split("\n");
  const index = lines.findIndex((l) => /^LINE \d+:/.test(l));
  if (index < 0) return undefined;
  const head = /^(LINE (\d+): )/.exec(lines[index]!)!;
  const caret = lines[index + 1]?.indexOf("^") ?? -1;
  if (caret < 0) return { line: Number(head[2]), column: 1 };
  return { line: Number(head[2]), column: caret - head[1]!.length + 1 };
}

/** Turns an engine failure into a diagnostic at the query, with a hint for its kind. */
export function queryProblem(error: unknown, place: QueryPlace): Diagnostic {
  if (error instanceof SqlRefused)
    return {
      code: "FD_TABLE_SQL_REFUSED",
      severity: "error",
      message: `The query of ${place.what} is refused: ${error.message}.`,
      at: place.at,
      hint: error.hint,
    };
  const message = engineMessage(error);
  const inQuery = enginePosition(error);
  const at = (inQuery && place.within?.(inQuery.line, inQuery.column)) ?? place.at;
  const base = { severity: "error" as const, at, detail: message };
  const table = /Table with name (\S+) does not exist/i.exec(message)?.[1];
  if (table)
    return {
      ...base,
      code: "FD_TABLE_UNKNOWN",
      message: `The query of ${place.what} reads a table that is not declared: "${table}".`,
      hint: `${suggestion(table, place.tables, "tables")}; a query can read only the tables declared under tables:`,
    };
  const column = /Referenced column "?([^"\s]+)"? not found/i.exec(message)?.[1];
  if (column) {
    const candidates = /Candidate bindings: (.*)$/i.exec(message)?.[1];
    return {
      ...base,
      code: "FD_TABLE_COLUMN",
      message: `The query of ${place.what} names a column that does not exist: "${column}".`,
      hint: candidates
        ? suggestion(
            column,
            [...candidates.matchAll(/"([^"]+)"/g)].map((m) => m[1]!.split(".").at(-1)!),
            "columns",
          )
        : "check the column name against the table's header (factdeck check --format json lists every column)",
    };
  }
  if (/^Parser Error/i.test(message))
    return {
      ...base,
      code: "FD_TABLE_SQL_SYNTAX",
      message: `The query of ${place.what} cannot be read as SQL.`,
      hint: "check the words near the position shown; a query is select … from <table> …",
    };
  if (/Permission Error|disabled|locked/i.test(message))
    return {
      ...base,
      code: "FD_TABLE_SQL_REFUSED",
      message: `The query of ${place.what} tried something a dataset's SQL may not do.`,
      hint: "SQL in a dataset can only read its declared tables: no files, no network, no extensions, no settings",
    };
  if (/INTERRUPT/i.test(message))
    return {
      ...base,
      code: "FD_TABLE_SQL",
      message: `The query of ${place.what} ran longer than ${QUERY_TIMEOUT_MS / 1000} s and was stopped.`,
      hint: "a figure's query should aggregate a table in well under a second; look for a join without a condition",
    };
  return {
    ...base,
    code: "FD_TABLE_SQL",
    message: `The query of ${place.what} failed.`,
    hint: "DuckDB's message is above; check column types (a text column cannot be averaged) and functions",
  };
}

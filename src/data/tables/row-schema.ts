import { readFileSync } from "node:fs";
import { parse as parseCsv } from "csv-parse/sync";
import type { z } from "zod";
import type { Diagnostic, SourcePosition } from "../../errors/index.ts";
import { parseJsonText } from "../parse-json.ts";

/** The most bad cells reported per table; one more line says how many were left out. */
export const MAX_CELL_ERRORS = 20;

/** A table's rows as read for a row schema: each cell's value and where it is written. */
interface SourceRow {
  values: Record<string, unknown>;
  /** The text of each cell as written (CSV), to retry a number-looking cell as text. */
  raw?: Record<string, string>;
  place: (column?: string) => SourcePosition | undefined;
  /** "line 214" or "row 3", for a message that has no position. */
  label: string;
}

/** What checking a table against its row schema found. */
export interface RowCheck {
  diagnostics: Diagnostic[];
  /** Columns the schema wants as text: read as VARCHAR so "02134" stays "02134". */
  textColumns: string[];
}

/** A table to check: its name, its file (absolute, and as shown) and how it is read. */
export interface RowSource {
  name: string;
  absolute: string;
  /** `data/…` as the user wrote it. */
  shown: string;
  format: "csv" | "json" | "parquet";
  /** Where the table's `file:` is written, for findings without a line of their own. */
  at?: SourcePosition;
}

/**
 * Checks every row of a table against its zod row schema. A bad cell is an error at its
 * file, line and column that names the column, as every other data error is.
 * Parquet rows come from the engine (`rows`), since the file has no lines.
 */
export async function checkRows(
  source: RowSource,
  schema: z.ZodType,
  rows?: () => Promise<Array<Record<string, unknown>>>,
): Promise<RowCheck> {
  const shape = shapeOf(schema);
  const textColumns = shape
    ? Object.entries(shape)
        .filter(([, s]) => s.safeParse("0").success && !s.safeParse(0).success)
        .map(([name]) => name)
    : [];
  const read =
    source.format === "csv"
      ? readCsvRows(source)
      : source.format === "json"
        ? readJsonRows(source)
        : await readEngineRows(rows);
  if ("diagnostics" in read) return { diagnostics: read.diagnostics, textColumns };
  const diagnostics: Diagnostic[] = [];
  let more = 0;
  for (const row of read.rows) {
    const result = schema.safeParse(row.values);
    if (result.success) continue;
    for (const issue of result.error.issues) {
      const column = issue.path.length ? String(issue.path[0]) : undefined;
      // A cell that looks like a number may be text to the schema (a ZIP code): try it as written.
      if (
        column &&
        row.raw?.[column] !== undefined &&
        shape?.[column]?.safeParse(row.raw[column]).success
      )
        continue;
      if (diagnostics.length >= MAX_CELL_ERRORS) {
        more++;
        continue;
      }
      diagnostics.push(cellProblem(source, row, issue, column));
    }
  }
  if (more)
    diagnostics.push({
      code: "FD_TABLE_CELL",
      severity: "error",
      message: `Table "${source.name}" has ${more} more bad cells than the ${MAX_CELL_ERRORS} shown.`,
      at: source.at,
      hint: "fix the cells above and check again; a column with many bad cells may need another type in the row schema",
    });
  return { diagnostics, textColumns };
}

function cellProblem(
  source: RowSource,
  row: SourceRow,
  issue: z.core.$ZodIssue,
  column: string | undefined,
): Diagnostic {
  const value = column === undefined ? undefined : (row.raw?.[column] ?? row.values[column]);
  const got = value === undefined || value === null ? "an empty cell" : JSON.stringify(value);
  const what =
    issue.code === "unrecognized_keys"
      ? `column${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")} not in the row schema`
      : issue.code === "invalid_type"
        ? `column "${column}": expected ${article(issue.expected)}, got ${got}`
        : `column "${column}": ${issue.message.replace(/^Invalid input: /, "")}, got ${got}`;
  const at = row.place(issue.code === "unrecognized_keys" ? undefined : column);
  return {
    code: "FD_TABLE_CELL",
    severity: "error",
    message: `A cell of table "${source.name}" does not match its row schema: ${what}.`,
    at: at ?? source.at,
    detail: at ? undefined : `${source.shown}, ${row.label}`,
    hint:
      issue.code === "unrecognized_keys"
        ? "add the column to the table's row schema in the dataset's schema file, or remove it from the file"
        : "correct the cell in the file, or widen the column's type in the row schema (for example z.number().nullable() for empty cells)",
  };
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const shape = (schema as { shape?: unknown }).shape;
  return shape && typeof shape === "object" ? (shape as Record<string, z.ZodType>) : undefined;
}

/** A CSV cell as a value: empty is null, a number-looking cell a number, true/false booleans. */
function cellValue(text: string): unknown {
  if (text === "") return null;
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number(text);
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
  return text;
}

function delimiterOf(firstLine: string): string {
  const counts = [",", ";", "\t", "|"].map((d) => [d, firstLine.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

function readCsvRows(source: RowSource): { rows: SourceRow[] } | { diagnostics: Diagnostic[] } {
  const raw = readFileSync(source.absolute, "utf8");
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const lines = text.split(/\r?\n/);
  const delimiter = delimiterOf(lines[0] ?? "");
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parseCsv(text, {
      delimiter,
      skip_empty_lines: true,
      info: true,
      relax_column_count: false,
    }) as unknown as typeof records;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return {
      diagnostics: [
        {
          code: "FD_TABLE_READ",
          severity: "error",
          message: `The CSV file of table "${source.name}" cannot be read.`,
          at: { file: source.absolute, line: e.lines ?? 1, column: 1 },
          detail: e.message,
          hint: "every row needs as many cells as the header; quote a cell that holds the delimiter",
        },
      ],
    };
  }
  const [head, ...body] = records;
  const header = head?.record ?? [];
  const rows = body.map(({ record, info }): SourceRow => {
    const values: Record<string, unknown> = {};
    const rawCells: Record<string, string> = {};
    header.forEach((name, i) => {
      rawCells[name] = record[i] ?? "";
      values[name] = cellValue(record[i] ?? "");
    });
    const line = info.lines;
    return {
      values,
      raw: rawCells,
      label: `line ${line}`,
      place: (column) => {
        const index = column === undefined ? -1 : header.indexOf(column);
        const [start, end] =
          index < 0
            ? [0, (lines[line - 1] ?? "").length]
            : cellSpan(lines[line - 1] ?? "", index, delimiter);
        return {
          file: source.absolute,
          line,
          column: start + 1,
          endLine: line,
          endColumn: end + 1,
        };
      },
    };
  });
  return { rows };
}

/** The character span of cell `index` in one CSV line, honouring quotes. */
function cellSpan(line: string, index: number, delimiter: string): [number, number] {
  let cell = 0;
  let start = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) {
      if (cell === index) return [start, i];
      cell++;
      start = i + 1;
    }
  }
  return cell === index ? [start, line.length] : [0, line.length];
}

function readJsonRows(source: RowSource): { rows: SourceRow[] } | { diagnostics: Diagnostic[] } {
  const parsed = parseJsonText(source.absolute, readFileSync(source.absolute, "utf8"));
  if (parsed.diagnostics.length) return { diagnostics: parsed.diagnostics };
  if (!Array.isArray(parsed.data))
    return {
      diagnostics: [
        {
          code: "FD_TABLE_READ",
          severity: "error",
          message: `The JSON file of table "${source.name}" is not a list of records.`,
          at: parsed.locate([]),
          hint: 'write the rows as a list of objects: [{ "year": 2019, "cases": 12 }, …]',
        },
      ],
    };
  return {
    rows: parsed.data.map((record, i) => ({
      values: (record ?? {}) as Record<string, unknown>,
      label: `record ${i + 1}`,
      place: (column) => parsed.locate(column === undefined ? [i] : [i, column]),
    })),
  };
}

async function readEngineRows(
  rows: (() => Promise<Array<Record<string, unknown>>>) | undefined,
): Promise<{ rows: SourceRow[] }> {
  const records = rows ? await rows() : [];
  return {
    rows: records.map((record, i) => ({
      values: Object.fromEntries(
        Object.entries(record).map(([k, v]) => [
          k,
          typeof v === "bigint" && Number.isSafeInteger(Number(v)) ? Number(v) : v,
        ]),
      ),
      label: `row ${i + 1}`,
      place: () => undefined,
    })),
  };
}

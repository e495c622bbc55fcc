import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { LineCounter, parseDocument } from "yaml";
import type { Diagnostic } from "../errors/index.ts";
import { createYamlLocator, type Locate } from "./positions.ts";

/** A data file parsed to plain values, with a way back to source positions. */
export interface ParsedFile {
  file: string;
  data: unknown;
  locate: Locate;
  diagnostics: Diagnostic[];
}

/** Parses YAML, JSON or CSV text; syntax errors come back as diagnostics, never thrown. */
export function parseDataText(file: string, text: string): ParsedFile {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv") return parseCsvFigures(file, text);
  // JSON is YAML 1.2, so one parser gives positions for both.
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const locate = createYamlLocator(file, doc, lines);
  const diagnostics: Diagnostic[] = doc.errors.map((error) => {
    const [start = 0, end = start + 1] = error.pos;
    const a = lines.linePos(start);
    const b = lines.linePos(end);
    return {
      code: "FD_DATA_SYNTAX",
      severity: "error",
      message: `The ${ext === ".json" ? "JSON" : "YAML"} in this file cannot be read.`,
      at: { file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col },
      detail: error.message.split("\n")[0],
      hint:
        error.code === "DUPLICATE_KEY"
          ? "a key appears twice in the same mapping; remove or rename one"
          : "check indentation and quoting on this line; a value with a colon needs quotes",
    };
  });
  return { file, data: diagnostics.length ? undefined : doc.toJS(), locate, diagnostics };
}

const CSV_FIELDS = ["value", "precision"] as const;

/**
 * A CSV dataset is a figures table: one row per figure, a `key` column (`group.name`)
 * and a column per figure field. Ranges are not expressible in CSV; use YAML for them.
 */
function parseCsvFigures(file: string, text: string): ParsedFile {
  let rows: Array<{ record: Record<string, string>; line: number }>;
  try {
    rows = (
      parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, info: true }) as Array<{
        record: Record<string, string>;
        info: { lines: number };
      }>
    ).map((r) => ({ record: r.record, line: r.info.lines }));
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return {
      file,
      data: undefined,
      locate: () => ({ file, line: 1, column: 1 }),
      diagnostics: [
        {
          code: "FD_DATA_SYNTAX",
          severity: "error",
          message: "The CSV in this file cannot be read.",
          at: { file, line: e.lines ?? 1, column: 1 },
          detail: e.message,
          hint: "every row needs as many cells as the header; quote a cell that holds a comma",
        },
      ],
    };
  }
  const textLines = text.split(/\r?\n/);
  const header = (textLines[0] ?? "").split(",").map((h) => h.trim());
  const figures: Record<string, Record<string, Record<string, unknown>>> = {};
  const rowOf = new Map<string, number>();
  for (const { record, line } of rows) {
    const { key = "", ...fields } = record;
    const [group = "", name = ""] = key.split(".");
    const figure: Record<string, unknown> = {};
    for (const [field, cell] of Object.entries(fields)) {
      if (cell === "") continue;
      const numeric =
        (CSV_FIELDS as readonly string[]).includes(field) && /^-?\d+(\.\d+)?$/.test(cell);
      figure[field] = numeric ? Number(cell) : cell;
    }
    figures[group] ??= {};
    figures[group][name] = figure;
    rowOf.set(`${group}.${name}`, line);
  }
  const title = path.basename(file, ".csv");
  const locate: Locate = (p) => {
    const line = p[0] === "figures" ? (rowOf.get(`${String(p[1])}.${String(p[2])}`) ?? 1) : 1;
    const field = p[3] === undefined ? "key" : String(p[3]);
    const cells = (textLines[line - 1] ?? "").split(",");
    const index = Math.max(0, header.indexOf(field));
    const column = cells.slice(0, index).reduce((n, c) => n + c.length + 1, 1);
    return { file, line, column, endLine: line, endColumn: column + (cells[index]?.length ?? 1) };
  };
  return { file, data: { title, figures }, locate, diagnostics: [] };
}

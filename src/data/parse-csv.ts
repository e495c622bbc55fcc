import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import type { Diagnostic, SourcePosition } from "../errors/index.ts";
import { badKeySegment, duplicateKey, forbiddenKey } from "./keys.ts";
import type { Locate, ParsedFile } from "./positions.ts";

const NUMERIC_FIELDS = ["value", "precision"] as const;

interface Row {
  cells: string[];
  line: number;
}

/**
 * A CSV dataset is a figures table: one row per figure, a `key` column (`group.name`)
 * and a column per figure field. Ranges are not expressible in CSV; use YAML for them.
 * Every key is checked before it becomes an object path: a repeated key, or one that
 * would replace another figure, must not silently change a number.
 */
export function parseCsvFigures(file: string, text: string): ParsedFile {
  const textLines = text.split(/\r?\n/);
  const cellAt = (line: number, index: number): SourcePosition => {
    const [start, end] = cellSpan(textLines[line - 1] ?? "", index);
    return { file, line, column: start + 1, endLine: line, endColumn: end + 1 };
  };
  const failed = (diagnostics: Diagnostic[]): ParsedFile => ({
    file,
    data: undefined,
    locate: () => ({ file, line: 1, column: 1 }),
    diagnostics,
  });
  let rows: Row[];
  try {
    rows = (
      parseCsv(text, { skip_empty_lines: true, trim: true, info: true }) as unknown as Array<{
        record: string[];
        info: { lines: number };
      }>
    ).map((r) => ({ cells: r.record, line: r.info.lines }));
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return failed([
      {
        code: "FD_DATA_SYNTAX",
        severity: "error",
        message: "The CSV in this file cannot be read.",
        at: { file, line: e.lines ?? 1, column: 1 },
        detail: e.message,
        hint: "every row needs as many cells as the header; quote a cell that holds a comma",
      },
    ]);
  }
  const [head, ...body] = rows;
  const header = head?.cells ?? [];
  const headerLine = head?.line ?? 1;
  const diagnostics = checkHeader(header, (i) => cellAt(headerLine, i));
  const keyColumn = header.indexOf("key");
  if (keyColumn < 0) {
    diagnostics.push({
      code: "FD_DATA_SCHEMA",
      severity: "error",
      message: "The CSV has no key column.",
      at: { file, line: headerLine, column: 1 },
      detail: `the header is: ${header.join(", ") || "(empty)"}`,
      hint: "the first row names the columns; one of them must be key, holding group.name",
    });
  }
  if (diagnostics.length) return failed(diagnostics);

  const rowOf = new Map<string, Row>();
  for (const row of body) {
    const key = row.cells[keyColumn] ?? "";
    const at = cellAt(row.line, keyColumn);
    const bad = badKeySegment(key, at);
    const first = rowOf.get(key);
    if (bad) diagnostics.push(bad);
    else if (first)
      diagnostics.push(duplicateKey(key, at, cellAt(first.line, keyColumn), "on two rows"));
    else rowOf.set(key, row);
  }
  const conflicted = new Set<string>();
  for (const [key, row] of rowOf) {
    const segments = key.split(".");
    for (let n = 1; n < segments.length; n++) {
      const prefix = segments.slice(0, n).join(".");
      const other = rowOf.get(prefix);
      if (!other) continue;
      conflicted.add(key);
      diagnostics.push({
        code: "FD_DATA_KEY_CONFLICT",
        severity: "error",
        message: `The key "${key}" would replace the figure "${prefix}" with a group of figures.`,
        at: cellAt(row.line, keyColumn),
        related: [cellAt(other.line, keyColumn)],
        hint: `a key is group.name and no key may extend another; check "${key}" for a typo`,
      });
    }
  }
  for (const [key, row] of rowOf) {
    if (conflicted.has(key) || key.split(".").length === 2) continue;
    diagnostics.push({
      code: "FD_DATA_KEY_NAME",
      severity: "error",
      message: `The key "${key}" is not of the form group.name.`,
      at: cellAt(row.line, keyColumn),
      hint: 'write the key as two names joined by one dot, for example "recidivism.cohort"',
    });
  }
  if (diagnostics.length) return failed(diagnostics);

  // Objects without a prototype: no cell or column name can reach Object.prototype.
  const figures: Record<string, Record<string, Record<string, unknown>>> = Object.create(null);
  for (const [key, { cells }] of rowOf) {
    const [group = "", name = ""] = key.split(".");
    const figure: Record<string, unknown> = Object.create(null);
    header.forEach((field, i) => {
      const cell = cells[i] ?? "";
      if (i === keyColumn || cell === "") return;
      const numeric =
        (NUMERIC_FIELDS as readonly string[]).includes(field) && /^-?\d+(\.\d+)?$/.test(cell);
      figure[field] = numeric ? Number(cell) : cell;
    });
    figures[group] ??= Object.create(null);
    figures[group]![name] = figure;
  }
  const locate: Locate = (p) => {
    const row = p[0] === "figures" ? rowOf.get(`${String(p[1])}.${String(p[2])}`) : undefined;
    const column = p[3] === undefined ? keyColumn : header.indexOf(String(p[3]));
    return cellAt(row?.line ?? headerLine, Math.max(0, column));
  };
  const data = Object.assign(Object.create(null), { title: path.basename(file, ".csv"), figures });
  return { file, data, locate, diagnostics: [] };
}

function checkHeader(header: readonly string[], at: (index: number) => SourcePosition) {
  const out: Diagnostic[] = [];
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    const forbidden = forbiddenKey(name, at(i));
    if (forbidden) out.push(forbidden);
    const first = seen.get(name);
    if (first !== undefined) out.push(duplicateKey(name, at(i), at(first), "twice in the header"));
    else seen.set(name, i);
  });
  return out;
}

/** Start and end (0-based, end exclusive) of cell `index` on one line, honouring quotes. */
function cellSpan(line: string, index: number): [number, number] {
  let cell = 0;
  let start = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) {
      if (cell === index) return [start, i];
      cell++;
      start = i + 1;
    }
  }
  return cell === index ? [start, line.length] : [0, line.length];
}

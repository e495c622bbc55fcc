import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Document, isScalar, LineCounter, type Node, parseDocument, visit } from "yaml";
import type { Diagnostic, SourcePosition } from "../errors/index.ts";
import { duplicateKey, forbiddenKey } from "./keys.ts";
import { parseCsvFigures } from "./parse-csv.ts";
import { parseJsonText } from "./parse-json.ts";
import { createYamlLocator, type ParsedFile } from "./positions.ts";

export type { ParsedFile } from "./positions.ts";

/** The largest data or deck file read (20 MB): far beyond any briefing's figures. */
export const MAX_DATA_BYTES = 20 * 1024 * 1024;

/** Aliases a YAML file may expand (yaml's default): enough for any real file, not for a bomb. */
export const MAX_YAML_ALIASES = 100;

/** Reads and parses a data file, refusing one too large to be data; never throws for bad input. */
export function readDataFile(file: string): ParsedFile {
  // Non-blocking, so a named pipe in place of a data file is refused instead of waited on.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return failed(file, [notAFile(file)]);
    if (stat.size > MAX_DATA_BYTES) return failed(file, [tooLarge(file, stat.size)]);
    return parseDataText(file, readFileSync(fd, "utf8"));
  } finally {
    closeSync(fd);
  }
}

/** Parses YAML, JSON or CSV text; syntax errors come back as diagnostics, never thrown. */
export function parseDataText(file: string, raw: string): ParsedFile {
  if (raw.length > MAX_DATA_BYTES) return failed(file, [tooLarge(file, raw.length)]);
  // A byte-order mark, as spreadsheets write in "CSV UTF-8", is not part of the data.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv") return parseCsvFigures(file, text);
  if (ext === ".json") return parseJsonText(file, text);
  return parseYamlText(file, text);
}

function parseYamlText(file: string, text: string): ParsedFile {
  const lines = new LineCounter();
  // Duplicates are found below, with both positions; the parser's own check names one.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const locate = createYamlLocator(file, doc, lines);
  const position = (range: readonly number[] | null | undefined): SourcePosition => {
    const [start = 0, end = start + 1] = range ?? [];
    const a = lines.linePos(start);
    const b = lines.linePos(end);
    return { file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  const diagnostics: Diagnostic[] = doc.errors.map((error) => ({
    code: "FD_DATA_SYNTAX",
    severity: "error",
    message: "The YAML in this file cannot be read.",
    at: position(error.pos),
    // The parser turns a stack overflow on absurd nesting into an error: say what it means.
    detail: /call stack/i.test(error.message)
      ? "lists and mappings nested too deep to read"
      : error.message.split("\n")[0],
    hint: "check indentation and quoting on this line; a value with a colon needs quotes",
  }));
  if (diagnostics.length) return { file, data: undefined, locate, diagnostics };
  diagnostics.push(...checkYamlKeys(doc, position));
  if (diagnostics.length) return { file, data: undefined, locate, diagnostics };
  try {
    return { file, data: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }), locate, diagnostics };
  } catch (error) {
    if (!(error instanceof ReferenceError && /alias/i.test(error.message))) throw error;
    return { file, data: undefined, locate, diagnostics: [aliasBomb(doc, position)] };
  }
}

type Position = (range: readonly number[] | null | undefined) => SourcePosition;

function checkYamlKeys(doc: Document, position: Position): Diagnostic[] {
  const out: Diagnostic[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Map<string, Node>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        const at = position(pair.key.range);
        const forbidden = forbiddenKey(name, at);
        if (forbidden) out.push(forbidden);
        const earlier = seen.get(name);
        if (earlier) out.push(duplicateKey(name, at, position(earlier.range)));
        else seen.set(name, pair.key);
      }
    },
  });
  return out;
}

function aliasBomb(doc: Document, position: Position): Diagnostic {
  let first: SourcePosition | undefined;
  visit(doc, {
    Alias(_, alias) {
      first = position(alias.range);
      return visit.BREAK;
    },
  });
  return {
    code: "FD_DATA_ALIAS_LIMIT",
    severity: "error",
    message: "The YAML in this file expands its aliases too many times.",
    at: first,
    detail: `aliases (*name) that repeat other aliases multiply; more than ${MAX_YAML_ALIASES} expansions are refused`,
    hint: "write the values out instead of repeating anchors (&name) through aliases (*name)",
  };
}

// No position for these two: a code frame would print the file's first line, however long.
function tooLarge(file: string, size: number): Diagnostic {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return {
    code: "FD_DATA_TOO_LARGE",
    severity: "error",
    message: `The file ${shown(file)} is too large to be read as data (${mb(size)}).`,
    detail: `the limit is ${mb(MAX_DATA_BYTES)}`,
    hint: "a dataset holds the published figures a deck shows; keep raw data elsewhere and write the figures out",
  };
}

function notAFile(file: string): Diagnostic {
  return {
    code: "FD_DATA_NOT_A_FILE",
    severity: "error",
    message: `${shown(file)} is not a regular file.`,
    hint: "replace it with the data file itself",
  };
}

function shown(file: string): string {
  return path.relative(process.cwd(), file).split(path.sep).join("/") || file;
}

function failed(file: string, diagnostics: Diagnostic[]): ParsedFile {
  return { file, data: undefined, locate: () => ({ file, line: 1, column: 1 }), diagnostics };
}

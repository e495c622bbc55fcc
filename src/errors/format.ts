import { readFileSync } from "node:fs";
import path from "node:path";
import { codeFrame, type Diagnostic, type SourcePosition } from "./diagnostic.ts";

/** Reads the source text behind a position; the default reads the file from disk. */
export type SourceReader = (file: string) => string | undefined;

const readFromDisk: SourceReader = (file) => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
};

/** Options for printing; `root` makes paths relative (default: the working directory). */
export interface FormatOptions {
  root?: string;
  read?: SourceReader;
}

/** `file:line:column`, relative to the root. */
export function formatPosition(at: SourcePosition, root = process.cwd()): string {
  const rel = path.isAbsolute(at.file) ? path.relative(root, at.file) : at.file;
  return `${rel.split(path.sep).join("/")}:${at.line}:${at.column}`;
}

function indent(text: string, by = "  "): string {
  return text
    .split("\n")
    .map((line) => (line ? by + line : line))
    .join("\n");
}

/** Prints one diagnostic the same way in the terminal, the overlay and snapshots. */
export function formatDiagnostic(d: Diagnostic, options: FormatOptions = {}): string {
  const root = options.root ?? process.cwd();
  const read = options.read ?? readFromDisk;
  const label = d.severity === "warning" ? `${d.code} (warning)` : d.code;
  const lines = [`${label}  ${d.message}`];
  const places = [d.at, ...(d.related ?? [])].filter((p): p is SourcePosition => !!p);
  for (const at of places) {
    lines.push(indent(formatPosition(at, root)));
    const source = read(at.file);
    if (source !== undefined) lines.push(indent(codeFrame(source, at)));
  }
  if (d.detail) lines.push(indent(d.detail));
  if (d.hint) lines.push(indent(`hint: ${d.hint}`));
  return lines.join("\n");
}

/** Prints several diagnostics, errors first, separated by blank lines. */
export function formatDiagnostics(
  list: readonly Diagnostic[],
  options: FormatOptions = {},
): string {
  const sorted = [...list].sort((a, b) => rank(a) - rank(b));
  return sorted.map((d) => formatDiagnostic(d, options)).join("\n\n");
}

function rank(d: Diagnostic): number {
  return d.severity === "error" ? 0 : 1;
}

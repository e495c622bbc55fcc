import type { SourcePosition } from "../../errors/index.ts";

/**
 * Maps a line and column inside a query to the data file, given where the query's scalar
 * starts: a block scalar (`sql: |`) line by line, a one-line plain or quoted scalar by
 * column. Undefined where the text is folded or escaped and the mapping would guess.
 */
export function positionInQuery(
  text: string,
  start: SourcePosition,
  line: number,
  column: number,
): SourcePosition | undefined {
  const lines = text.split(/\r?\n/);
  const first = lines[start.line - 1];
  if (first === undefined) return undefined;
  const mark = first[start.column - 1];
  if (mark === "|" || mark === ">") {
    if (mark === ">" && line > 1) return undefined;
    const target = lines[start.line - 1 + line];
    if (target === undefined) return undefined;
    const indent = /^\s*/.exec(target)![0].length;
    return at(start.file, start.line + line, indent + column, target.length);
  }
  if (line !== 1) return undefined;
  const quoted = mark === '"' || mark === "'";
  return at(start.file, start.line, start.column + column - (quoted ? 0 : 1), first.length);
}

function at(file: string, line: number, column: number, length: number): SourcePosition {
  const col = Math.max(1, Math.min(column, length + 1));
  return { file, line, column: col, endLine: line, endColumn: col + 1 };
}

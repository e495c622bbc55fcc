import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node } from "yaml";
import type { Diagnostic, SourcePosition } from "../errors/index.ts";

/** Maps a path into parsed data (`["figures", "recidivism", "rate", "value"]`) to a source position. */
export type Locate = (path: readonly PropertyKey[], options?: { key?: boolean }) => SourcePosition;

/** A `Locate` for a YAML (or JSON) document: the deepest node the path reaches. */
export function createYamlLocator(file: string, doc: Document, lines: LineCounter): Locate {
  const toPosition = (range: readonly number[] | null | undefined): SourcePosition => {
    const start = range?.[0] ?? 0;
    const end = range?.[1] ?? start;
    const a = lines.linePos(start);
    const b = lines.linePos(end);
    return { file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  return (path, options = {}) => {
    let node: unknown = doc.contents;
    let keyNode: Node | undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
        );
        if (!pair) break;
        keyNode = pair.key as Node;
        // A key with no value ("note:") points at the key itself.
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof segment === "number" && node.items[segment]) {
        keyNode = undefined;
        node = node.items[segment];
      } else {
        break;
      }
    }
    const target = options.key && keyNode ? keyNode : (node as Node | null);
    return toPosition(target?.range);
  };
}

/** The line counter and locator for text parsed by `yaml`. */
export function createLineCounter(): LineCounter {
  return new LineCounter();
}

/** A data file parsed to plain values, with a way back to source positions. */
export interface ParsedFile {
  file: string;
  data: unknown;
  locate: Locate;
  diagnostics: Diagnostic[];
}

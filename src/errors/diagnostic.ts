import { codeFrameColumns } from "@babel/code-frame";
import type { ErrorCode } from "./catalog.ts";

/** How serious a finding is: errors stop a build, warnings are reported. */
export type Severity = "error" | "warning";

/** A position in a source file, 1-based line and column. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
  /** Last line and column of the offending node, when known. */
  endLine?: number;
  endColumn?: number;
}

/** One finding: the value every layer returns and one printer prints. */
export interface Diagnostic {
  /** A permanent code from the catalogue (`src/errors/catalog.ts`). */
  code: ErrorCode;
  severity: Severity;
  message: string;
  hint?: string;
  /** A more specific line under the code frame (the path, the expected value). */
  detail?: string;
  at?: SourcePosition;
  /** A second position a finding also concerns (the other side of a relation). */
  related?: SourcePosition[];
}

/** Thrown only to carry diagnostics across a boundary; printed by `formatDiagnostics`. */
export class FactdeckError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
    this.name = "FactdeckError";
    this.diagnostics = diagnostics;
  }
}

/** True when a value is a FactdeckError (also across module copies). */
export function isFactdeckError(value: unknown): value is FactdeckError {
  return value instanceof Error && Array.isArray((value as FactdeckError).diagnostics);
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** A code frame around a position; empty when the source is not available. */
export function codeFrame(source: string, at: SourcePosition): string {
  const end =
    at.endLine !== undefined && at.endColumn !== undefined && at.endLine === at.line
      ? { line: at.endLine, column: Math.max(at.endColumn, at.column + 1) }
      : undefined;
  return codeFrameColumns(
    source,
    { start: { line: at.line, column: at.column }, end },
    { highlightCode: false, linesAbove: 1, linesBelow: 1 },
  );
}

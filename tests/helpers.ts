import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Diagnostic, formatDiagnostics } from "../src/errors/index.ts";

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** A fixture path under tests/fixtures. */
export function fixture(...parts: string[]): string {
  return path.join(ROOT, "tests", "fixtures", ...parts);
}

/** Diagnostics printed as a user sees them, with paths relative to the repository. */
export function printed(diagnostics: readonly Diagnostic[]): string {
  return formatDiagnostics(diagnostics, { root: ROOT });
}

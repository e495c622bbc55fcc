import { existsSync, renameSync, rmSync } from "node:fs";
import { type Diagnostic, FactdeckError } from "../errors/index.ts";
import { environmentDiagnostic } from "./env-error.ts";
import { displayPath } from "./out-dir.ts";

/** The file operations a swap uses; tests pass ones that fail like a hostile machine. */
export interface SwapFs {
  exists: (file: string) => boolean;
  rename: (from: string, to: string) => void;
  remove: (dir: string) => void;
}

const nodeFs: SwapFs = {
  exists: existsSync,
  rename: renameSync,
  remove: (dir) => rmSync(dir, { recursive: true, force: true }),
};

/**
 * Puts a finished staging folder in place of the output folder. When the
 * machine refuses a step, the previous output is put back where possible and
 * the error says what state the output folder is in; returns a warning when
 * only the removal of the previous output failed.
 */
export function swapIn(
  staging: string,
  outDir: string,
  root: string,
  fs: SwapFs = nodeFs,
): Diagnostic | undefined {
  const out = `${displayPath(outDir, root)}/`;
  const previous = `${outDir}.old-${process.pid}`;
  const fail = (error: unknown, state: string): never => {
    const found = environmentDiagnostic(error, { outDir, state, root });
    if (!found) throw error;
    throw new FactdeckError([found]);
  };
  const discard = () => {
    try {
      fs.remove(staging);
      return "the new build was discarded";
    } catch {
      return `the new build is left in ${displayPath(staging, root)}/ (remove it yourself)`;
    }
  };
  const hadPrevious = fs.exists(outDir);
  if (hadPrevious) {
    try {
      fs.rename(outDir, previous);
    } catch (error) {
      // A failed rename changes nothing.
      fail(error, `${out} was not changed; ${discard()}`);
    }
  }
  try {
    fs.rename(staging, outDir);
  } catch (error) {
    if (!hadPrevious) fail(error, `${out} does not exist; ${discard()}`);
    try {
      fs.rename(previous, outDir);
    } catch {
      fail(
        error,
        `${out} is missing now: the previous output is in ${displayPath(previous, root)}/ and the new build in ${displayPath(staging, root)}/; rename either to ${out} to publish it`,
      );
    }
    fail(error, `${out} holds the previous output again, unchanged; ${discard()}`);
  }
  try {
    fs.remove(previous);
  } catch (error) {
    const found = environmentDiagnostic(error, { outDir, root });
    return {
      code: "FD_OUT_OLD_LEFT",
      severity: "warning",
      message: `The new build is in ${out}, but the previous output could not be removed.`,
      detail: `${displayPath(previous, root)}/ may be partly removed: ${found?.message ?? String(error)}`,
      hint: "the next build removes it when it can; or remove it yourself",
    };
  }
  return undefined;
}

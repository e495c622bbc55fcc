import { type Diagnostic, isErrorCode } from "../errors/index.ts";
import { displayPath } from "./out-dir.ts";

const REFUSALS: Record<string, { what: string; hint: string }> = {
  EACCES: {
    what: "permission denied",
    hint: "check the permissions of that folder (and the folder it is in), or build elsewhere with --out",
  },
  EPERM: {
    what: "operation not permitted",
    hint: "check the permissions of that folder, and that no other program holds it locked; or build elsewhere with --out",
  },
  EROFS: {
    what: "the file system is read-only",
    hint: "build to a writable folder with --out",
  },
  ENOSPC: { what: "the disk is full", hint: "free some disk space and run again" },
  EDQUOT: {
    what: "your disk quota is used up",
    hint: "free some space within your quota and run again",
  },
  EMFILE: {
    what: "too many files are open",
    hint: "raise the open-file limit (ulimit -n) or close other programs, and run again",
  },
  ENFILE: {
    what: "the system has too many files open",
    hint: "close other programs and run again",
  },
  EBUSY: {
    what: "it is in use",
    hint: "close whatever uses it (a server, an editor, a file browser, a sync tool) and run again",
  },
  EXDEV: {
    what: "it is on another file system than the folder beside it",
    hint: "choose an output folder that is not a mount point, or build elsewhere with --out",
  },
  ENOTDIR: {
    what: "a part of the path is a file, not a folder",
    hint: "choose another output folder with --out",
  },
  ENOENT: {
    what: "it disappeared while factdeck was working",
    hint: "check that nothing else removes or moves the output folder, and run again",
  },
};

/** A Node system error, with the code and path it carries. */
export type SystemError = NodeJS.ErrnoException & { dest?: string };

/** Where an error happened and what state it left behind, for the message. */
export interface EnvironmentContext {
  /** The output folder; ENOENT counts as the environment's doing only there. */
  outDir?: string;
  /** What is true of the output folder now, said to the user. */
  state?: string;
  /** Paths are shown relative to this folder. */
  root?: string;
}

/**
 * A diagnostic for an error the machine caused (permissions, a full disk, a
 * read-only or busy folder), or undefined when the error is not one of those.
 */
export function environmentDiagnostic(
  error: unknown,
  context: EnvironmentContext = {},
): Diagnostic | undefined {
  const e = error as SystemError | undefined;
  const code = typeof e?.code === "string" ? e.code : undefined;
  const refusal = code ? REFUSALS[code] : undefined;
  const catalogued = `FD_ENV_${code}`;
  if (!e || !code || !refusal || !isErrorCode(catalogued)) return undefined;
  const where = e.path ?? e.dest;
  if (code === "ENOENT" && !(where && context.outDir && where.startsWith(context.outDir)))
    return undefined;
  const root = context.root ?? process.cwd();
  const shown = where ? displayPath(where, root) : undefined;
  const doing = e.syscall ? ` (${e.syscall})` : "";
  return {
    code: catalogued,
    severity: "error",
    message: shown
      ? `The system refused to let factdeck use ${shown}${doing}: ${refusal.what}.`
      : `The system refused a file operation${doing}: ${refusal.what}.`,
    detail: context.state,
    hint: refusal.hint,
  };
}

const unchanged = new WeakSet<object>();

/** Records that an unexpected error struck before the output folder was touched. */
export function markOutputUnchanged(error: unknown): void {
  if (error && typeof error === "object") unchanged.add(error);
}

/** True when an error is known to have left the output folder as it was. */
export function isOutputUnchanged(error: unknown): boolean {
  return !!error && typeof error === "object" && unchanged.has(error);
}

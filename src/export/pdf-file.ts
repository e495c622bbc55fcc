import { readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Diagnostic, FactdeckError } from "../errors/index.ts";

/** Pages in a PDF that Chromium wrote (plain page objects, no object streams). */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString("latin1");
  return text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
}

/** A PDF being written: `<name>.pdf.tmp-<pid of the writer>`. */
const TEMPORARY = /\.pdf\.tmp-(\d+)$/;

const shown = (file: string) => {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
};

/** What to say about a file system error while writing `file`. */
function writeFailed(file: string, error: NodeJS.ErrnoException): Diagnostic {
  const dir = shown(path.dirname(file));
  const why: Record<string, [string, string]> = {
    ENOSPC: [
      "the disk is full",
      `free some space on the disk that holds ${dir}, then export again`,
    ],
    EDQUOT: ["the disk quota is used up", `free some space in ${dir}, then export again`],
    EACCES: ["factdeck may not write there", `make ${dir} writable, then export again`],
    EPERM: ["factdeck may not write there", `make ${dir} writable, then export again`],
    EROFS: ["the disk is read-only", `export to a writable folder: build there with --out DIR`],
    EISDIR: ["a folder of that name is in the way", "remove or rename that folder"],
    ENOTEMPTY: ["a folder of that name is in the way", "remove or rename that folder"],
    ENOENT: [`its folder ${dir} is gone`, "run `npm run build` again, then export"],
  };
  const [reason, hint] = why[error.code ?? ""] ?? [
    error.message,
    "check that the folder is writable, then export again",
  ];
  return {
    code: "FD_PDF_WRITE",
    severity: "error",
    message: `Could not write ${shown(file)}: ${reason}.`,
    detail: error.message,
    hint,
  };
}

/**
 * Writes a file whole or not at all: a reader never sees half a PDF, and a failed write leaves
 * no temporary file behind. A file system error is thrown as a FactdeckError naming the file.
 */
export function writeFileAtomic(file: string, data: Uint8Array): void {
  const temporary = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Whatever stops the removal is already said by the error below.
    }
    if (typeof (error as NodeJS.ErrnoException).code !== "string") throw error;
    throw new FactdeckError([writeFailed(file, error as NodeJS.ErrnoException)]);
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists and belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function entries(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/**
 * Removes the `*.pdf.tmp-<pid>` files that exports which were killed left beside the deck pages
 * (`<outDir>/<deck>/<audience>/`), where no process of that id is running; returns them.
 */
export function removeStaleTemporaries(outDir: string): string[] {
  const removed: string[] = [];
  for (const deck of entries(outDir)) {
    if (!deck.isDirectory() || deck.name.startsWith(".")) continue;
    for (const audience of entries(path.join(outDir, deck.name))) {
      if (!audience.isDirectory()) continue;
      const dir = path.join(outDir, deck.name, audience.name);
      for (const entry of entries(dir)) {
        const pid = TEMPORARY.exec(entry.name)?.[1];
        if (!entry.isFile() || !pid || isRunning(Number(pid))) continue;
        const file = path.join(dir, entry.name);
        try {
          rmSync(file);
          removed.push(file);
        } catch {
          // A file that cannot be removed is left; it is never read.
        }
      }
    }
  }
  return removed;
}

import { renameSync, writeFileSync } from "node:fs";

/** Pages in a PDF that Chromium wrote (plain page objects, no object streams). */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString("latin1");
  return text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
}

/** Writes a file whole or not at all: a reader never sees half a PDF. */
export function writeFileAtomic(file: string, data: Uint8Array): void {
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

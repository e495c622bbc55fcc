import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";

// Reading PDFs back with poppler-utils, the way a person's PDF reader would see them.

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

/** Collapses runs of white space, as text search in a PDF reader does. */
export const squash = (text: string) => text.replace(/\s+/g, " ").trim();

/** `pdfinfo` fields: Pages, Title, Tagged, Page size… */
export function pdfInfo(file: string): Record<string, string> {
  const info: Record<string, string> = {};
  for (const line of run("pdfinfo", [file]).split("\n")) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) info[m[1]!] = m[2]!;
  }
  return info;
}

/** The number of pages. */
export const pageCount = (file: string) => Number(pdfInfo(file).Pages);

/**
 * The text of one page (1-based): laid out as on the page, or in reading order, where a
 * table cell that wraps stays together instead of interleaving with its row's other cells.
 */
export const pageText = (file: string, page: number, layout = true) =>
  run("pdftotext", [
    "-f",
    String(page),
    "-l",
    String(page),
    ...(layout ? ["-layout"] : []),
    file,
    "-",
  ]);

/** The text of every page, in order. */
export function allPageTexts(file: string, layout = true): string[] {
  return Array.from({ length: pageCount(file) }, (_, i) => pageText(file, i + 1, layout));
}

/** Whether a reader's text search finds `figure` in a page, by either reading of its text. */
export function findsText(figure: string, ...texts: Array<string | undefined>): boolean {
  return texts.some((t) => t !== undefined && squash(t).includes(squash(figure)));
}

/** Each font `pdffonts` lists: its name and whether it is embedded. */
export function pdfFonts(file: string): Array<{ name: string; embedded: boolean }> {
  const lines = run("pdffonts", [file]).split("\n").slice(2).filter(Boolean);
  return lines.map((line) => {
    // Columns: name type encoding emb sub uni object ID; the type may contain spaces.
    const cols = line.trim().split(/\s+/);
    return { name: cols[0]!, embedded: cols[cols.length - 5] === "yes" };
  });
}

/** The document outline (bookmarks): each entry's title and page. */
export function pdfOutline(file: string): Array<{ title: string; page: number }> {
  const xml = run("pdftohtml", ["-xml", "-i", "-q", "-stdout", file]);
  const { document } = parseHTML(`<div>${xml.slice(xml.indexOf("<outline"))}</div>`);
  return [...document.querySelectorAll("item")].map((item) => ({
    title: squash(item.textContent ?? ""),
    page: Number(item.getAttribute("page")),
  }));
}

/** Renders one page to a PNG at `dpi` and returns the file. */
export function renderPage(file: string, page: number, dpi: number, outDir: string): string {
  const base = path.join(outDir, `${path.basename(file, ".pdf")}-${page}`);
  run("pdftoppm", [
    "-png",
    "-r",
    String(dpi),
    "-f",
    String(page),
    "-l",
    String(page),
    "-singlefile",
    file,
    base,
  ]);
  return `${base}.png`;
}

/** The raw bytes of a PDF as text, to look for dictionary entries. */
export const pdfSource = (file: string) => readFileSync(file).toString("latin1");

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.ts";

/**
 * The layers of src/, lowest first: a folder may import only from its own folder and
 * from folders of a lower rank (cli → build/export → project → check → mdx → charts →
 * data/themes → errors). The browser runtime imports nothing of ours.
 */
const RANK: Record<string, number> = {
  errors: 0,
  data: 1,
  themes: 1,
  charts: 2,
  mdx: 3,
  check: 4,
  project: 5,
  build: 6,
  export: 6,
  cli: 7,
};

const SRC = path.join(ROOT, "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every relative import of a file (static and dynamic), as the folder under src/ it reaches. */
function importedFolders(file: string): Array<{ folder: string; line: number }> {
  const text = readFileSync(file, "utf8");
  const out: Array<{ folder: string; line: number }> = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    const target = path.resolve(path.dirname(file), m[1]!);
    const rel = path.relative(SRC, target);
    if (rel.startsWith("..")) continue;
    out.push({ folder: rel.split(path.sep)[0]!, line: text.slice(0, m.index).split("\n").length });
  }
  return out;
}

describe("src/ layers", () => {
  const files = sourceFiles(SRC);

  it("every folder of src/ has a rank", () => {
    const folders = new Set(files.map((f) => path.relative(SRC, f).split(path.sep)[0]!));
    folders.delete("runtime");
    expect([...folders].filter((f) => !(f in RANK))).toEqual([]);
  });

  it("imports run one way: cli → build/export → project → check → mdx → charts → data → errors", () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = path.relative(SRC, file).split(path.sep)[0]!;
      for (const { folder, line } of importedFolders(file)) {
        if (folder === from) continue;
        if (from === "runtime" || !(RANK[folder]! < RANK[from]!))
          wrong.push(`${path.relative(ROOT, file)}:${line} imports src/${folder}/`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

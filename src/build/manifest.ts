import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type ProjectRender, projectPaths } from "../project/index.ts";
import { type BuildManifest, MARKER } from "./out-dir.ts";

/**
 * What each rendered page was read from, by `<deck>/<audience>`: its deck.yaml and slides,
 * the dataset with its registry, schema file and table files, and the themes; each file
 * relative to the root with `/` separators, → sha256 of its content.
 */
export function renderPageInputs(
  root: string,
  rendered: ProjectRender,
): Record<string, Record<string, string>> {
  const paths = projectPaths(root);
  const hashes = new Map<string, string>();
  const hashed = (files: Iterable<string>) => {
    const out: Record<string, string> = {};
    for (const file of [...files].sort()) {
      const name = path.relative(root, file).split(path.sep).join("/");
      let hash = hashes.get(file);
      if (hash === undefined) {
        hash = sha256(file);
        hashes.set(file, hash);
      }
      out[name] = hash;
    }
    return out;
  };
  const themes = existsSync(paths.themes)
    ? readdirSync(paths.themes)
        .filter((f) => f.endsWith(".css"))
        .map((f) => path.join(paths.themes, f))
    : [];
  const pages: Record<string, Record<string, string>> = {};
  for (const page of rendered.decks) {
    const deck = rendered.deckConfigs.find((d) => d.id === page.deck);
    if (!deck) continue;
    const files = new Set<string>([deck.configFile, ...themes]);
    for (const slide of deck.config.audiences[page.audience]?.slides ?? []) {
      const file = deck.slideFiles.get(slide);
      if (file) files.add(file);
    }
    const dataset = rendered.datasets.get(deck.config.dataset);
    if (dataset) {
      files.add(dataset.file);
      // The loader reads these two beside the data file when they exist.
      for (const extra of ["sources.yaml", `${dataset.id}.schema.ts`]) {
        const file = path.join(paths.data, extra);
        if (existsSync(file)) files.add(file);
      }
      for (const table of dataset.tables)
        if (table.file) files.add(path.join(paths.data, table.file));
    }
    pages[`${page.deck}/${page.audience}`] = hashed(files);
  }
  return pages;
}

/** The union of several inputs records, sorted by file. */
export function unionOf(records: Iterable<Record<string, string>>): Record<string, string> {
  const all: Record<string, string> = {};
  for (const record of records) Object.assign(all, record);
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Table files whose content differs from what the previous build read: the rows behind
 * computed figures changed, and every figure computed from them with it.
 */
export function changedTables(
  previous: BuildManifest | undefined,
  rendered: ProjectRender,
  root: string,
): string[] {
  if (!previous) return [];
  const dataDir = projectPaths(root).data;
  const changed = new Set<string>();
  for (const dataset of rendered.datasets.values())
    for (const table of dataset.tables) {
      if (!table.file || !table.sha256) continue;
      const name = path.relative(root, path.join(dataDir, table.file)).split(path.sep).join("/");
      const before = previous.inputs[name];
      if (before !== undefined && before !== table.sha256) changed.add(name);
    }
  return [...changed].sort();
}

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/**
 * The manifest of an output that holds this build plus decks kept from the
 * previous one: inputs of kept decks stay, a fully rebuilt deck's old slide
 * entries go, and what this build read wins.
 */
export function mergeManifests(
  previous: BuildManifest | undefined,
  fresh: BuildManifest,
  options: { decks: readonly string[]; rebuiltWhole: readonly string[] },
): BuildManifest {
  const pages: Record<string, Record<string, string>> = {};
  for (const [page, inputs] of Object.entries(previous?.pages ?? {})) {
    const deck = page.split("/")[0]!;
    if (options.rebuiltWhole.includes(deck) || !options.decks.includes(deck)) continue;
    pages[page] = inputs;
  }
  Object.assign(pages, fresh.pages ?? {});
  const inputs: Record<string, string> = {};
  for (const [file, hash] of Object.entries(previous?.inputs ?? {})) {
    const deck = /^slides\/([^/]+)\//.exec(file)?.[1];
    if (deck && (options.rebuiltWhole.includes(deck) || !options.decks.includes(deck))) continue;
    inputs[file] = hash;
  }
  Object.assign(inputs, fresh.inputs);
  const sorted = Object.fromEntries(Object.entries(inputs).sort(([a], [b]) => (a < b ? -1 : 1)));
  const sortedPages = Object.fromEntries(
    Object.entries(pages).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return { ...fresh, decks: [...options.decks].sort(), inputs: sorted, pages: sortedPages };
}

/** Writes the manifest, which also marks the folder as factdeck's to replace. */
export function writeManifest(dir: string, manifest: BuildManifest): void {
  writeFileSync(path.join(dir, MARKER), `${JSON.stringify(manifest, null, 2)}\n`);
}

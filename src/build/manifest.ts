import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type ProjectRender, projectPaths } from "../project/index.ts";
import { type BuildManifest, MARKER } from "./out-dir.ts";

/** Every file a render read, relative to the root with `/` separators, → sha256 of its content. */
export function renderInputs(root: string, rendered: ProjectRender): Record<string, string> {
  const paths = projectPaths(root);
  const files = new Set<string>();
  const built = new Set(rendered.decks.map((d) => d.deck));
  for (const deck of rendered.deckConfigs) {
    if (!built.has(deck.id)) continue;
    files.add(deck.configFile);
    const audiences = rendered.decks.filter((d) => d.deck === deck.id).map((d) => d.audience);
    for (const audience of audiences) {
      for (const slide of deck.config.audiences[audience]?.slides ?? []) {
        const file = deck.slideFiles.get(slide);
        if (file) files.add(file);
      }
    }
    const dataset = rendered.datasets.get(deck.config.dataset);
    if (!dataset) continue;
    files.add(dataset.file);
    // The loader reads these two beside the data file when they exist.
    for (const extra of ["sources.yaml", `${dataset.id}.schema.ts`]) {
      const file = path.join(paths.data, extra);
      if (existsSync(file)) files.add(file);
    }
  }
  if (existsSync(paths.themes))
    for (const name of readdirSync(paths.themes).filter((f) => f.endsWith(".css")))
      files.add(path.join(paths.themes, name));
  const inputs: Record<string, string> = {};
  for (const file of [...files].sort())
    inputs[path.relative(root, file).split(path.sep).join("/")] = sha256(file);
  return inputs;
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
  const inputs: Record<string, string> = {};
  for (const [file, hash] of Object.entries(previous?.inputs ?? {})) {
    const deck = /^slides\/([^/]+)\//.exec(file)?.[1];
    if (deck && (options.rebuiltWhole.includes(deck) || !options.decks.includes(deck))) continue;
    inputs[file] = hash;
  }
  Object.assign(inputs, fresh.inputs);
  const sorted = Object.fromEntries(Object.entries(inputs).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { ...fresh, decks: [...options.decks].sort(), inputs: sorted };
}

/** Writes the manifest, which also marks the folder as factdeck's to replace. */
export function writeManifest(dir: string, manifest: BuildManifest): void {
  writeFileSync(path.join(dir, MARKER), `${JSON.stringify(manifest, null, 2)}\n`);
}

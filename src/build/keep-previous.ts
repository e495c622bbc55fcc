import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { mergeIndexPages } from "./index-merge.ts";
import { readManifest } from "./out-dir.ts";

/**
 * Copies into the staging folder every deck page of the previous output that
 * this build did not rebuild (with the assets they load), and lists them on the
 * new index page. Returns the deck ids the staging folder then holds, and the
 * pages (`<deck>/<audience>`) it kept.
 */
export function keepPreviousPages(
  previous: string,
  staging: string,
  order: ReadonlyMap<string, readonly string[]>,
): { decks: string[]; kept: string[] } {
  const fresh = deckFolders(staging);
  const before = new Set(fresh.flatMap((deck) => pagesOf(staging, deck)));
  if (!existsSync(previous)) return { decks: fresh, kept: [] };
  const copy = (from: string, to: string) =>
    cpSync(from, to, { recursive: true, force: false, errorOnExist: true });
  const old = readManifest(previous)?.decks ?? deckFolders(previous);
  for (const deck of old) {
    // A manifest is a file anyone can edit: only plain folder names are followed.
    if (!/^[\w.-]+$/.test(deck) || deck === "assets" || deck.startsWith(".")) continue;
    const from = path.join(previous, deck);
    if (!existsSync(from) || !statSync(from).isDirectory()) continue;
    const to = path.join(staging, deck);
    if (!existsSync(to)) copy(from, to);
    else
      for (const name of readdirSync(from))
        if (!existsSync(path.join(to, name))) copy(path.join(from, name), path.join(to, name));
  }
  // Kept pages load the assets they were built with; file names carry content hashes.
  const assets = path.join(previous, "assets");
  if (existsSync(assets))
    for (const name of readdirSync(assets)) {
      const to = path.join(staging, "assets", name);
      if (!existsSync(to)) copy(path.join(assets, name), to);
    }
  const index = path.join(staging, "index.html");
  const oldIndex = path.join(previous, "index.html");
  if (existsSync(index) && existsSync(oldIndex)) {
    const merged = mergeIndexPages(readFileSync(index, "utf8"), readFileSync(oldIndex, "utf8"), {
      kept: (deck, audience) => existsSync(path.join(staging, deck, audience, "index.html")),
      order,
    });
    writeFileSync(index, merged);
  }
  const decks = deckFolders(staging);
  const kept = decks.flatMap((deck) => pagesOf(staging, deck)).filter((p) => !before.has(p));
  return { decks, kept };
}

/** The `<deck>/<audience>` pages in one deck folder of an output. */
function pagesOf(dir: string, deck: string): string[] {
  return readdirSync(path.join(dir, deck), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, deck, e.name, "index.html")))
    .map((e) => `${deck}/${e.name}`);
}

/** The deck folders in an output folder. */
function deckFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== "assets" && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
}

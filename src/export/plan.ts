import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { checkAudienceName, checkDeckName, type Deck, listDecks, loadDeck } from "../data/index.ts";
import { type Diagnostic, suggestion } from "../errors/index.ts";
import {
  type BuildManifest,
  type ChangedInput,
  changedInputs,
  MANIFEST_FILE,
  readBuildManifest,
} from "./build-manifest.ts";

/** One deck page to export: where it was built and what the deck config says about it. */
export interface ExportJob {
  deck: Deck;
  audience: string;
  audienceLabel: string;
  duration: number;
  /** Folder of the built page, where the PDFs are written. */
  dir: string;
  /** The built page, relative to the output folder (a URL path on the static server). */
  page: string;
}

/** Which decks and audiences to export, from where, and with which handout theme. */
export interface PlanOptions {
  root: string;
  outDir: string;
  deck?: string;
  audience?: string;
  /** Theme for handouts; default `print`, else each deck page's own theme. */
  theme?: string;
}

/** The jobs, the handout theme (undefined: each page's own), and every reason not to start. */
export interface ExportPlan {
  jobs: ExportJob[];
  handoutTheme?: string;
  diagnostics: Diagnostic[];
}

/** The theme handouts are printed in when no --theme is given. */
export const HANDOUT_THEME = "print";

const rel = (root: string, file: string) =>
  path.relative(root, file).split(path.sep).join("/") || ".";

function newestFile(dir: string): { file: string; mtime: number } | undefined {
  if (!existsSync(dir)) return undefined;
  let newest: { file: string; mtime: number } | undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    const found = entry.isDirectory()
      ? newestFile(file)
      : entry.isFile()
        ? { file, mtime: statSync(file).mtimeMs }
        : undefined;
    if (found && (!newest || found.mtime > newest.mtime)) newest = found;
  }
  return newest;
}

function themesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".css") && f !== "base.css")
    .map((f) => f.slice(0, -4))
    .sort();
}

/** Inputs that matter to these decks: their own slides, and everything shared (data, themes). */
function affecting(changed: ChangedInput[], decks: Set<string>): ChangedInput[] {
  return changed.filter((c) => {
    const deck = /^slides\/([^/]+)\//.exec(c.file)?.[1];
    return deck === undefined || decks.has(deck);
  });
}

/**
 * Inputs that changed since the build, judged page by page against what each page was
 * built from; a manifest without per-page entries (an earlier factdeck) is judged per deck.
 */
function changedSince(
  root: string,
  manifest: BuildManifest,
  jobs: readonly ExportJob[],
  byContent: Set<string>,
): ChangedInput[] {
  const found = new Map<string, ChangedInput>();
  const perDeck = new Set<string>();
  for (const job of jobs) {
    if (!byContent.has(job.deck.id)) continue;
    const inputs = manifest.pages?.[`${job.deck.id}/${job.audience}`];
    if (!inputs) perDeck.add(job.deck.id);
    else for (const c of changedInputs(root, { inputs })) found.set(c.file, c);
  }
  if (perDeck.size)
    for (const c of affecting(changedInputs(root, manifest), perDeck)) found.set(c.file, c);
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

const SHOWN = 20;

/**
 * Works out what to export, checking first that the built site has every page and was built
 * from the slides, data and themes as they are now: a PDF of a stale build shows stale numbers.
 * The build's manifest says what it read, by content; a build without one (from an earlier
 * factdeck) is judged by modification times.
 */
export function planExport(options: PlanOptions): ExportPlan {
  const { root, outDir } = options;
  const slidesDir = path.join(root, "slides");
  const diagnostics: Diagnostic[] = [];
  const all = listDecks(slidesDir);
  const unknownDeck = checkDeckName(all, options.deck);
  if (unknownDeck) {
    diagnostics.push(unknownDeck);
    return { jobs: [], diagnostics };
  }
  if (!all.length) {
    diagnostics.push({
      code: "FD_DECK_NONE",
      severity: "error",
      message: "There are no decks to export.",
      hint: "create slides/<deck>/deck.yaml and its slides, then run `npm run build`",
    });
    return { jobs: [], diagnostics };
  }

  const themes = themesIn(path.join(root, "themes"));
  let handoutTheme: string | undefined = options.theme;
  if (options.theme && !themes.includes(options.theme)) {
    diagnostics.push({
      code: "FD_THEME_UNKNOWN",
      severity: "error",
      message: `There is no theme "${options.theme}" to print the handouts in.`,
      hint: `${suggestion(options.theme, themes, "themes")}; a theme is a CSS file in themes/`,
    });
  } else if (!options.theme) {
    handoutTheme = themes.includes(HANDOUT_THEME) ? HANDOUT_THEME : undefined;
    if (!handoutTheme)
      diagnostics.push({
        code: "FD_PDF_NO_PRINT_THEME",
        severity: "warning",
        message: `There is no "${HANDOUT_THEME}" theme yet, so each handout is printed in its deck's own theme.`,
        hint: `add themes/${HANDOUT_THEME}.css, or choose a theme with --theme NAME`,
      });
  }

  const manifest = readBuildManifest(outDir);
  if (manifest === "unreadable")
    diagnostics.push({
      code: "FD_PDF_MANIFEST_UNREADABLE",
      severity: "warning",
      message: `${rel(root, path.join(outDir, MANIFEST_FILE))} could not be read, so whether the build is current is judged by file times, which miss some edits.`,
      hint: "run the build again; it writes that file anew",
    });
  // Decks the manifest speaks for are judged by content; others by modification times.
  const byContent = new Set<string>();
  const jobs: ExportJob[] = [];
  const missing: string[] = [];
  const stale: string[] = [];
  const dataNewest = newestFile(path.join(root, "data"));
  for (const id of options.deck ? [options.deck] : all) {
    const loaded = loadDeck(slidesDir, id);
    diagnostics.push(...loaded.diagnostics);
    const deck = loaded.deck;
    if (!deck) continue;
    const audiences = Object.keys(deck.config.audiences);
    const unknownAudience = checkAudienceName(deck, options.audience);
    if (unknownAudience) {
      diagnostics.push(unknownAudience);
      continue;
    }
    const manifested = typeof manifest === "object" && manifest.decks.includes(id);
    if (manifested) byContent.add(id);
    // Times only for a build that has no manifest: they miss edits that keep an old mtime.
    const sources = manifested ? [] : [newestFile(deck.dir), dataNewest].filter((x) => !!x);
    for (const audience of options.audience ? [options.audience] : audiences) {
      const a = deck.config.audiences[audience]!;
      const page = `${id}/${audience}/index.html`;
      const file = path.join(outDir, page);
      if (!existsSync(file)) {
        missing.push(rel(root, file));
        continue;
      }
      const built = statSync(file).mtimeMs;
      const newer = sources.filter((s) => s.mtime > built).sort((x, y) => y.mtime - x.mtime)[0];
      if (newer) stale.push(`${rel(root, file)} is older than ${rel(root, newer.file)}`);
      jobs.push({
        deck,
        audience,
        audienceLabel: a.label,
        duration: a.duration,
        dir: path.dirname(file),
        page,
      });
    }
  }
  const build =
    outDir === path.join(root, "dist")
      ? "npm run build"
      : `npx factdeck build --out ${rel(root, outDir)}`;
  if (missing.length)
    diagnostics.push({
      code: "FD_PDF_NOT_BUILT",
      severity: "error",
      message: existsSync(outDir)
        ? `The built site in ${rel(root, outDir)}/ lacks ${missing.length === 1 ? "a deck page" : `${missing.length} deck pages`} to export.`
        : `There is no built site in ${rel(root, outDir)}/ to export.`,
      detail: `missing: ${missing.join(", ")}`,
      hint: `run \`${build}\` first; the PDFs are printed from the built pages`,
    });
  const changed =
    typeof manifest === "object" && byContent.size
      ? changedSince(root, manifest, jobs, byContent)
      : [];
  if (changed.length || stale.length) {
    const lines = changed.map(
      (c) => `${c.file} ${c.change === "removed" ? "was removed" : "changed"} since the build`,
    );
    if (lines.length > SHOWN) lines.splice(SHOWN, Infinity, `and ${changed.length - SHOWN} more`);
    diagnostics.push({
      code: "FD_PDF_STALE",
      severity: "error",
      message: changed.length
        ? "The slides, data or themes changed since the site was built, so its PDFs would show old content."
        : "The built site is older than the slides or data it was built from, so its PDFs would show old content.",
      detail: [...lines, ...stale].join("\n"),
      hint: `run \`${build}\` first, then export again`,
    });
  }
  return {
    jobs: missing.length || stale.length || changed.length ? [] : jobs,
    handoutTheme,
    diagnostics,
  };
}

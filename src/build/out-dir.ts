import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Diagnostic, ErrorCode } from "../errors/index.ts";

/** The file every build writes at the top of its output folder: ownership mark and manifest. */
export const MARKER = ".factdeck-build.json";

/** What `.factdeck-build.json` holds; the PDF export reads it to tell stale PDFs. */
export interface BuildManifest {
  factdeck: 1;
  /** ISO date of the build. */
  builtAt: string;
  /** Deck ids whose folders the output holds. */
  decks: string[];
  /** Every file the build read, relative to the project root with `/`, → sha256 hex. */
  inputs: Record<string, string>;
  /**
   * What each page was built from, by `<deck>/<audience>`: after a partial build, a kept
   * page keeps the hashes it was built from while a shared file's entry in `inputs` moves on.
   */
  pages?: Record<string, Record<string, string>>;
}

/** The output folder for `--out` (default `dist`), resolved against the root; `~` is the home folder. */
export function resolveOutDir(root: string, out = "dist"): string {
  // A quoted "~" reaches us unexpanded; a folder literally named "~" invites `rm -rf ~` later.
  if (out === "~" || out.startsWith("~/") || out.startsWith(`~${path.sep}`))
    return path.join(os.homedir(), out.slice(1));
  return path.resolve(root, out);
}

/** The manifest in a folder, or undefined when there is none or it is not factdeck's. */
export function readManifest(dir: string): BuildManifest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path.join(dir, MARKER), "utf8"));
  } catch {
    return undefined;
  }
  const m = value as Partial<BuildManifest> | null;
  if (m?.factdeck !== 1) return undefined;
  return {
    factdeck: 1,
    builtAt: typeof m.builtAt === "string" ? m.builtAt : "",
    decks: Array.isArray(m.decks) ? m.decks.filter((d) => typeof d === "string") : [],
    inputs: m.inputs && typeof m.inputs === "object" ? { ...m.inputs } : {},
    ...(m.pages && typeof m.pages === "object" ? { pages: { ...m.pages } } : {}),
  };
}

/**
 * True when factdeck may replace a folder: it is missing or empty, carries the
 * marker, or has the exact shape of a build from before the marker existed.
 */
export function isReplaceable(dir: string): boolean {
  if (!existsSync(dir)) return true;
  if (!statSync(dir).isDirectory()) return false;
  if (readdirSync(dir).length === 0) return true;
  return readManifest(dir) !== undefined || looksLikeOldBuild(dir);
}

const NOISE = new Set([".DS_Store", "Thumbs.db", "desktop.ini"]);
const ICON = /^(favicon\.(ico|png|svg)|apple-touch-icon[\w-]*\.png)$/;
// What a deck page folder holds: its page, the PDFs `factdeck pdf` writes, and their temporaries.
const PAGE_FILE = /^(index\.html|[\w-]+\.pdf(\.tmp-\d+)?)$/;

/**
 * True for an unmarked build from an earlier factdeck: an index page, `assets/`,
 * and otherwise only `<deck>/<audience>/` folders of pages and PDFs, each with its
 * single file `<deck>/<audience>.html` beside it or not.
 */
export function looksLikeOldBuild(dir: string): boolean {
  const entries = readdirSync(dir, { withFileTypes: true });
  const index = entries.find((e) => e.name === "index.html" && e.isFile());
  const assets = entries.find((e) => e.name === "assets" && e.isDirectory());
  if (!index || !assets) return false;
  if (!readFileSync(path.join(dir, "index.html"), "utf8").includes('class="fd-index"'))
    return false;
  return entries.every((e) => {
    if (e === index || e === assets || NOISE.has(e.name)) return true;
    if (e.isFile()) return ICON.test(e.name);
    return e.isDirectory() && isOldDeckFolder(path.join(dir, e.name));
  });
}

function isOldDeckFolder(dir: string): boolean {
  const entries = readdirSync(dir, { withFileTypes: true }).filter((e) => !NOISE.has(e.name));
  const folders = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
  // An audience's single file, `<audience>.html`, sits beside that audience's folder.
  const audiences = entries.filter(
    (e) => !(e.isFile() && e.name.endsWith(".html") && folders.has(e.name.slice(0, -5))),
  );
  return (
    audiences.length > 0 &&
    audiences.every((a) => {
      if (!a.isDirectory()) return false;
      const files = readdirSync(path.join(dir, a.name), { withFileTypes: true });
      return (
        files.some((f) => f.name === "index.html") &&
        files.every((f) => NOISE.has(f.name) || (f.isFile() && PAGE_FILE.test(f.name)))
      );
    })
  );
}

/** A path with symlinks resolved, also when its last parts do not exist yet. */
export function realPath(file: string): string {
  const rest: string[] = [];
  let at = path.resolve(file);
  for (;;) {
    try {
      return path.join(realpathSync(at), ...rest);
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return path.join(at, ...rest);
      rest.unshift(path.basename(at));
      at = parent;
    }
  }
}

const CASE_BLIND = process.platform === "darwin" || process.platform === "win32";

/** True when `child` is `parent` or lies inside it. */
export function isWithin(child: string, parent: string): boolean {
  const fold = (p: string) => (CASE_BLIND ? p.toLowerCase() : p);
  const rel = path.relative(fold(parent), fold(child));
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Where the check looks for the home folder; tests point it elsewhere through `HOME`. */
export interface OutDirContext {
  root: string;
  home?: string;
  /** The folder as the user typed it, for the message. */
  typed?: string;
}

/**
 * Why a build must not replace `outDir`, or undefined when it may. A folder
 * that holds the project, its sources, the home folder or the filesystem root
 * is refused whatever it contains; any other folder must be factdeck's own.
 */
export function checkOutDir(outDir: string, context: OutDirContext): Diagnostic | undefined {
  const out = realPath(outDir);
  const root = realPath(context.root);
  const home = realPath(context.home ?? os.homedir());
  const shown = displayPath(outDir, context.root);
  const refuse = (code: ErrorCode, message: string, hint: string): Diagnostic => ({
    code,
    severity: "error",
    message,
    detail: `--out ${context.typed ?? shown} is ${out}; nothing was deleted`,
    hint,
  });
  const elsewhere = "build into a folder of its own, for example --out dist (the default)";
  if (path.parse(out).root === out)
    return refuse("FD_OUT_UNSAFE", "The output folder is the root of the filesystem.", elsewhere);
  if (isWithin(home, out))
    return refuse(
      "FD_OUT_UNSAFE",
      out === home
        ? "The output folder is your home folder."
        : "The output folder contains your home folder.",
      elsewhere,
    );
  if (isWithin(root, out))
    return refuse(
      "FD_OUT_UNSAFE",
      out === root
        ? "The output folder is the project folder itself; building there would delete the project."
        : "The output folder contains the project; building there would delete the project.",
      elsewhere,
    );
  for (const name of ["slides", "data", "themes", ".git"]) {
    const source = path.join(root, name);
    if (isWithin(out, source))
      return refuse(
        "FD_OUT_UNSAFE",
        `The output folder is ${out === source ? "" : "inside "}the project's ${name}/ folder; a build replaces its output folder whole.`,
        elsewhere,
      );
  }
  let existing = out;
  while (!existsSync(existing) && path.dirname(existing) !== existing)
    existing = path.dirname(existing);
  if (!statSync(existing).isDirectory())
    return refuse(
      "FD_OUT_NOT_FOLDER",
      existing === out
        ? "The output path is a file, not a folder."
        : `A part of the output path is a file, not a folder: ${existing}.`,
      "choose a folder for --out",
    );
  if (!isReplaceable(out))
    return refuse(
      "FD_OUT_NOT_OURS",
      `The output folder ${shown}/ holds files that factdeck did not write.`,
      `a build replaces its output folder whole, so it only replaces a folder with ${MARKER} in it (every build writes one) or an empty one; choose another folder with --out, or move those files away yourself`,
    );
  return undefined;
}

/** A path as the user would type it: relative to the project when inside it. */
export function displayPath(file: string, root: string): string {
  const rel = path.relative(root, file);
  if (rel === "") return ".";
  return !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : file;
}

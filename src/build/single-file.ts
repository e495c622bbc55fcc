import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { build, type Plugin } from "vite";
import { viteSingleFile } from "vite-plugin-singlefile";
import type { RenderedDeck } from "../mdx/render-deck.ts";
import { type ProjectRender, projectPaths } from "../project/index.ts";
import { deckPage, entryPath, singleFilePath } from "./page.ts";
import { entryModule, PACKAGE_DIR, RUNTIME_ENTRY } from "./plugin.ts";

// A single file is the served deck page with everything it loads written into it:
// the theme's CSS with its WOFF2 fonts, reveal.js, our runtime and the speaker view,
// and the slides' images. Browsers block module scripts and stylesheets that a page
// opened from disk (file://) names by path, but run and apply inline ones.

const SHELL_FOLDER = "@factdeck-single";
const RESOLVED_ENTRY = "\0factdeck-single-entry";

/**
 * Writes `<deck>/<audience>.html` into `outDir` for every rendered deck page;
 * returns their paths relative to `outDir`.
 */
export async function writeSingleFiles(
  rendered: ProjectRender,
  options: { root: string; outDir: string },
): Promise<string[]> {
  const { root, outDir } = options;
  const themes = [...new Set(rendered.decks.map((d) => d.theme))].sort();
  const heads = new Map<string, string>();
  // One build per theme, one after the other: a build with one input is what lets
  // Rolldown put the lazily loaded speaker view into the same script.
  for (const theme of themes) heads.set(theme, await cachedHead(root, theme));
  const written: string[] = [];
  for (const deck of rendered.decks) {
    const folder = rendered.deckConfigs.find((c) => c.id === deck.deck)?.dir;
    const page = singleFilePage(deck, heads.get(deck.theme) ?? "", (src) =>
      folder ? inlineImage(root, folder, src) : undefined,
    );
    const file = path.join(outDir, singleFilePath(deck.deck, deck.audience));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, page);
    written.push(singleFilePath(deck.deck, deck.audience));
  }
  return written;
}

/**
 * One deck page with `head` (inline style and script) in place of the entry script,
 * and each image `src` that `inline` can turn into a `data:` URL replaced by it.
 */
export function singleFilePage(
  deck: RenderedDeck,
  head: string,
  inline: (src: string) => string | undefined,
): string {
  const inlined = (src: string) => inline(decodeEntities(src)) ?? src;
  // The whole page, so the logo each slide carries is inlined too.
  const page = deckPage(deck).replace(/<(?:img|source)\b[^>]*>/gi, (tag) =>
    tag.replace(
      /(\s(src|srcset)=")([^"]*)(")/gi,
      (_, before: string, name: string, value: string, after: string) => {
        // A srcset lists "address descriptor" pairs; each address becomes its own data: URL.
        const replaced =
          name.toLowerCase() === "src"
            ? inlined(value)
            : value
                .split(",")
                .map((candidate) => {
                  const [address = "", ...descriptor] = candidate.trim().split(/\s+/);
                  return [inlined(address), ...descriptor].join(" ");
                })
                .join(", ");
        return before + replaced + after;
      },
    ),
  );
  const entry = `<script type="module" src="${entryPath(deck.theme)}"></script>`;
  // A function, so that `$` in the bundled code is not read as a replacement pattern.
  return page.replace(entry, () => head);
}

/** Packages whose code or files end up in a single file's head. */
const HEAD_PACKAGES = ["reveal.js", "vite", "vite-plugin-singlefile", "@fontsource/public-sans"];

/**
 * The head for a theme, from the cache when nothing it is made of has changed: the head
 * depends on the themes folder, the browser runtime and a few packages, never on the
 * slides, so a build after a slide or data edit skips its Vite build.
 */
async function cachedHead(root: string, theme: string): Promise<string> {
  const key = createHash("sha256");
  key.update(theme);
  const files = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true })
          .flatMap((e) =>
            e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
          )
          .sort()
      : [];
  for (const file of [...files(projectPaths(root).themes), ...files(path.dirname(RUNTIME_ENTRY))])
    key.update(`\0${file}\0`).update(readFileSync(file));
  for (const name of HEAD_PACKAGES) key.update(`\0${name}@${packageVersion(root, name)}`);
  const cacheDir = path.join(cacheRoot(root), "single-file");
  const cached = path.join(cacheDir, `${key.digest("hex").slice(0, 32)}.html`);
  if (existsSync(cached)) return readFileSync(cached, "utf8");
  const head = await inlineHead(root, theme);
  mkdirSync(cacheDir, { recursive: true });
  const staging = `${cached}.${process.pid}.tmp`;
  writeFileSync(staging, head);
  renameSync(staging, cached);
  return head;
}

/** A package's version as the project resolves it; "?" when it cannot be read. */
function packageVersion(root: string, name: string): string {
  try {
    const file = createRequire(path.join(root, "package.json")).resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version ?? "?";
  } catch {
    // Packages that do not export package.json: their folder under node_modules.
    for (const base of [root, PACKAGE_DIR]) {
      const file = path.join(base, "node_modules", name, "package.json");
      if (existsSync(file))
        return (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version ?? "?";
    }
    return "?";
  }
}

/** Where build caches live: beside the project's packages, or factdeck's own. */
function cacheRoot(root: string): string {
  const base = existsSync(path.join(root, "node_modules")) ? root : PACKAGE_DIR;
  return path.join(base, "node_modules", ".cache", "factdeck");
}

/**
 * Builds a page shell that loads the theme's entry, with Vite and
 * vite-plugin-singlefile: one `<style>` (fonts as `data:` URLs, WOFF2 only) and one
 * module `<script>` without any import. Returns what goes in the page's head.
 */
async function inlineHead(root: string, theme: string): Promise<string> {
  const themes = projectPaths(root).themes;
  const shellId = path.join(root, SHELL_FOLDER, `${theme}.html`);
  const shell: Plugin = {
    name: "factdeck:single-file",
    resolveId(id) {
      if (id === shellId) return id;
      if (id === entryPath(theme)) return RESOLVED_ENTRY;
      return undefined;
    },
    load(id) {
      if (id === shellId)
        return `<!doctype html><html><head><script type="module" src="${entryPath(theme)}"></script></head><body></body></html>`;
      if (id === RESOLVED_ENTRY) return entryModule(themes, theme);
      return undefined;
    },
  };
  const output = await build({
    root,
    base: "./",
    configFile: false,
    appType: "mpa",
    publicDir: false,
    logLevel: "warn",
    clearScreen: false,
    plugins: [shell, viteSingleFile({ useRecommendedBuildConfig: false })],
    build: {
      write: false,
      emptyOutDir: false,
      assetsInlineLimit: () => true,
      cssCodeSplit: false,
      modulePreload: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: Number.POSITIVE_INFINITY,
      rolldownOptions: { input: shellId, output: { codeSplitting: false } },
    },
  });
  const outputs = Array.isArray(output) ? output : [output];
  for (const { output: files } of outputs as Array<{ output: Array<{ fileName: string }> }>)
    for (const file of files) {
      if (!file.fileName.endsWith(".html") || !("source" in file)) continue;
      const html = String(file.source);
      const head = /<head>([\s\S]*)<\/head>/.exec(html)?.[1];
      if (head) return withoutWoffFallbacks(head.trim());
    }
  throw new Error(`the single-file build of theme "${theme}" wrote no page`);
}

/**
 * Drops the WOFF fallback after each WOFF2 font: every browser that runs reveal.js
 * reads WOFF2, and a fallback inlined is bytes every viewer carries and none uses.
 */
export function withoutWoffFallbacks(css: string): string {
  return css.replace(
    /,\s*url\((["']?)data:font\/woff;base64,[A-Za-z0-9+/=]*\1\)\s*format\((["']?)woff\2\)/g,
    "",
  );
}

const IMAGE_TYPES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".svg": "image/svg+xml",
};

/**
 * An image a slide shows, as a `data:` URL; undefined when it is not a project file. The
 * render names slide images and the logo from the project root (`/slides/<deck>/x.png`);
 * a path without the leading slash is read from the deck's folder.
 */
function inlineImage(root: string, deckFolder: string, src: string): string | undefined {
  if (/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(src)) return undefined;
  const written = safeDecode(src.split(/[?#]/)[0]!);
  const file = written.startsWith("/")
    ? path.join(root, written)
    : path.resolve(deckFolder, written);
  const type = IMAGE_TYPES[path.extname(file).toLowerCase()];
  // Only files inside the project: a slide is content and may not reach beyond it.
  const inside = !path.relative(root, file).startsWith("..");
  if (!type || !inside || !existsSync(file)) return undefined;
  return `data:${type};base64,${readFileSync(file).toString("base64")}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

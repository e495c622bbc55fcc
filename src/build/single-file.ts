import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build, type Plugin } from "vite";
import { viteSingleFile } from "vite-plugin-singlefile";
import type { RenderedDeck } from "../mdx/render-deck.ts";
import { type ProjectRender, projectPaths } from "../project/index.ts";
import { deckPage, entryPath, singleFilePath } from "./page.ts";
import { entryModule } from "./plugin.ts";

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
  for (const theme of themes) heads.set(theme, await inlineHead(root, theme));
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

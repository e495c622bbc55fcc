import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { type FoundUrl, findUrls } from "./urls.ts";

/** Bytes of a set of files, as stored and as gzip (level 9) would send them. */
export interface Bytes {
  raw: number;
  gzip: number;
  files: string[];
}

/** What one built deck page makes a browser download. */
export interface PagePayload {
  /** The page, relative to the site folder (`deck/audience/index.html`). */
  page: string;
  html: Bytes;
  /** Every script the page can load: its entry, what that imports, and lazy chunks. */
  js: Bytes;
  /** The scripts loaded when the page opens (lazy `import()` chunks left out). */
  jsOnOpen: Bytes;
  css: Bytes;
  /** Font files the CSS names (every format listed). */
  fonts: Bytes;
  /** The WOFF2 fonts among them: what a current browser actually downloads. */
  woff2: Bytes;
  /** Other files the CSS or HTML loads (images). */
  other: Bytes;
  /** Absolute URLs in the page and its assets. */
  urls: Array<FoundUrl & { file: string }>;
  /** Local files the page names that are not in the site folder. */
  missing: string[];
  /** The page's single file (`deck/audience.html`), when the build wrote one. */
  single?: Bytes;
}

const FONT = /\.(woff2?|ttf|otf|eot)$/i;

/** Gzip size at level 9, as a server with static compression would send it. */
export function gzipSize(data: Buffer | string): number {
  return gzipSync(data, { level: 9 }).length;
}

/** Deck pages of a built site: every `index.html` that holds a factdeck deck. */
export function listDeckPages(siteDir: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name === "index.html" && readFileSync(file, "utf8").includes("data-fd-deck="))
        pages.push(path.relative(siteDir, file));
    }
  };
  walk(siteDir);
  return pages.sort();
}

/** Follows a page's scripts, stylesheets and what they import, and adds up their sizes. */
export function measurePage(siteDir: string, page: string): PagePayload {
  const htmlFile = path.join(siteDir, page);
  const html = readFileSync(htmlFile, "utf8");
  const scripts = new Set<string>();
  const eager = new Set<string>();
  const styles = new Set<string>();
  const fonts = new Set<string>();
  const other = new Set<string>();
  const missing = new Set<string>();
  const urls: PagePayload["urls"] = findUrls("html", html).map((u) => ({ ...u, file: page }));

  const local = (from: string, ref: string): string | undefined => {
    if (/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(ref)) return undefined;
    const clean = ref.split(/[?#]/)[0]!;
    const file = clean.startsWith("/")
      ? path.join(siteDir, clean)
      : path.resolve(path.dirname(from), clean);
    if (!existsSync(file)) {
      missing.add(path.relative(siteDir, file));
      return undefined;
    }
    return file;
  };

  const addScript = (file: string, onOpen: boolean) => {
    if (scripts.has(file) && (eager.has(file) || !onOpen)) return;
    const first = !scripts.has(file);
    scripts.add(file);
    if (onOpen) eager.add(file);
    const code = readFileSync(file, "utf8");
    if (first)
      urls.push(...findUrls("js", code).map((u) => ({ ...u, file: path.relative(siteDir, file) })));
    const refs = jsImports(code);
    for (const ref of refs.lazy) {
      const next = local(file, ref);
      if (next) addScript(next, false);
    }
    for (const ref of refs.static) {
      const next = local(file, ref);
      if (next) addScript(next, onOpen);
    }
  };
  const addStyle = (file: string) => {
    if (styles.has(file)) return;
    styles.add(file);
    const css = readFileSync(file, "utf8");
    urls.push(...findUrls("css", css).map((u) => ({ ...u, file: path.relative(siteDir, file) })));
    for (const ref of cssImports(css)) {
      const next = local(file, ref);
      if (next) addStyle(next);
    }
    for (const ref of cssUrls(css)) {
      const next = local(file, ref);
      if (next) (FONT.test(next) ? fonts : other).add(next);
    }
  };

  for (const tag of html.matchAll(/<(script|link|img|source)\b[^>]*>/gi)) {
    const attrs = attributes(tag[0]);
    const name = tag[1]!.toLowerCase();
    if (name === "script" && attrs.src) {
      const file = local(htmlFile, attrs.src);
      if (file) addScript(file, true);
    } else if (name === "link" && attrs.href) {
      const rel = (attrs.rel ?? "").toLowerCase();
      const file = local(htmlFile, attrs.href);
      if (!file) continue;
      if (rel.includes("stylesheet")) addStyle(file);
      else if (rel.includes("modulepreload")) addScript(file, true);
      else if (rel.includes("preload") && FONT.test(file)) fonts.add(file);
      else if (rel.includes("icon") || rel.includes("preload")) other.add(file);
    } else if ((name === "img" || name === "source") && attrs.src) {
      const file = local(htmlFile, attrs.src);
      if (file) other.add(file);
    }
  }
  // Inline styles may name fonts or images too.
  for (const block of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi))
    for (const ref of cssUrls(block[1]!)) {
      const file = local(htmlFile, ref);
      if (file) (FONT.test(file) ? fonts : other).add(file);
    }

  const woff2 = [...fonts].filter((f) => f.toLowerCase().endsWith(".woff2"));
  return {
    page,
    html: bytesOf(siteDir, [htmlFile]),
    js: bytesOf(siteDir, [...scripts]),
    jsOnOpen: bytesOf(siteDir, [...eager]),
    css: bytesOf(siteDir, [...styles]),
    fonts: bytesOf(siteDir, [...fonts], false),
    woff2: bytesOf(siteDir, woff2, false),
    other: bytesOf(siteDir, [...other], false),
    urls,
    missing: [...missing].sort(),
  };
}

/** The single file beside a deck page (`deck/audience/index.html` → `deck/audience.html`), if any. */
export function singleFileOf(siteDir: string, page: string): string | undefined {
  const file = `${path.join(siteDir, path.dirname(page))}.html`;
  return existsSync(file) ? file : undefined;
}

/** Sizes of files; fonts and images are already compressed, so their gzip size is their size. */
export function bytesOf(siteDir: string, files: string[], compress = true): Bytes {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const data = readFileSync(file);
    raw += data.length;
    gzip += compress ? gzipSize(data) : data.length;
  }
  return { raw, gzip, files: files.map((f) => path.relative(siteDir, f)).sort() };
}

/** Relative module specifiers a bundled script imports: statically, and lazily with `import()`. */
export function jsImports(code: string): { static: string[]; lazy: string[] } {
  const found = { static: new Set<string>(), lazy: new Set<string>() };
  const pattern =
    /(\bimport\s*\(\s*|\bimport\s*|\bfrom\s*)["'`](\.{1,2}\/[^"'`]+|\/[^/"'`][^"'`]*)["'`]/g;
  for (const match of code.matchAll(pattern))
    found[match[1]!.includes("(") ? "lazy" : "static"].add(match[2]!);
  return { static: [...found.static], lazy: [...found.lazy] };
}

/** Files a stylesheet pulls in with `@import`. */
export function cssImports(css: string): string[] {
  const refs: string[] = [];
  for (const match of css.matchAll(/@import\s+(?:url\(\s*)?["']?([^"')\s;]+)/gi))
    refs.push(match[1]!);
  return refs;
}

/** Every `url(...)` in a stylesheet, except `data:` URLs and in-page fragments. */
export function cssUrls(css: string): string[] {
  const refs: string[] = [];
  for (const match of css.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/gi)) {
    const ref = match[2]!.trim();
    if (!ref.startsWith("data:") && !ref.startsWith("#")) refs.push(ref);
  }
  return refs;
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of tag.matchAll(/([a-z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi))
    out[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? "";
  return out;
}

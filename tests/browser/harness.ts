import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { buildSite } from "../../src/build/build.ts";
import { listDecks, loadDeck } from "../../src/data/deck-config.ts";
import { launchBrowser } from "../../src/export/chromium.ts";
import { type StaticServer, serveStatic } from "../../src/export/serve.ts";
import { listThemeNames } from "../../src/themes/index.ts";
import { ROOT } from "../helpers.ts";

/** Every theme in themes/, each built and tested on its own. */
export const THEMES = listThemeNames(path.join(ROOT, "themes"));

const CACHE = path.join(ROOT, "node_modules", ".factdeck-test", "themes");

// What a build depends on; a change to any of it means a fresh build.
function sourceKey(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else {
        const { size, mtimeMs } = statSync(file);
        hash.update(`${path.relative(ROOT, file)}:${size}:${mtimeMs}\n`);
      }
    }
  };
  for (const dir of ["slides", "data", "themes", "src"]) walk(path.join(ROOT, dir));
  return hash.digest("hex").slice(0, 12);
}

// Builds of older sources are dead weight; leave recent ones, another run may be using them.
function pruneCache(key: string): void {
  const hour = 60 * 60 * 1000;
  for (const entry of readdirSync(CACHE)) {
    const dir = path.join(CACHE, entry);
    try {
      if (!entry.startsWith(key) && Date.now() - statSync(dir).mtimeMs > hour)
        rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another run pruned it first.
    }
  }
}

// Another test process building the same sources holds this folder; wait for its result.
const LOCK_STALE_MS = 10 * 60 * 1000;

function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    // A lock left by a killed run would block every later one.
    if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS)
      rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

/** Builds into `outDir` once across test processes: one builds, the others wait for it. */
async function buildOnce(outDir: string, theme: string | undefined): Promise<string> {
  const done = () => existsSync(path.join(outDir, "index.html"));
  const lock = `${outDir}.lock`;
  while (!done()) {
    if (!takeLock(lock)) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    try {
      if (done()) break;
      const mine = `${outDir}.build-${process.pid}`;
      await buildSite({ root: ROOT, outDir: mine, theme, quiet: true });
      renameSync(mine, outDir);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return outDir;
}

const builds = new Map<string, Promise<string>>();

function cachedBuild(name: string, theme: string | undefined): Promise<string> {
  let pending = builds.get(name);
  if (!pending) {
    pending = (async () => {
      const key = sourceKey();
      mkdirSync(CACHE, { recursive: true });
      pruneCache(key);
      return buildOnce(path.join(CACHE, `${key}-${name}`), theme);
    })();
    builds.set(name, pending);
  }
  return pending;
}

/**
 * The shipped decks built with `--theme <theme>`. Test files share the result through a
 * folder keyed by the sources, so each theme is built once per change, not once per file.
 */
export function builtTheme(theme: string): Promise<string> {
  return cachedBuild(theme, theme);
}

/**
 * The shipped decks built as `factdeck build` builds them (each audience in its own theme),
 * shared like {@link builtTheme}. Read it, never write into it: other test files use it too.
 */
export function builtDecks(): Promise<string> {
  return cachedBuild("own-themes", undefined);
}

/** One deck page of a build: `<deck>/<audience>/`. */
export interface DeckPage {
  deck: string;
  audience: string;
  path: string;
}

/**
 * Every deck page the shipped decks have (`<deck>/<audience>/`), read from their deck.yaml
 * files so that tests can be declared per page before anything is built.
 */
export const DECK_PAGES: readonly DeckPage[] = listDecks(path.join(ROOT, "slides")).flatMap(
  (deck) => {
    const { deck: loaded, diagnostics } = loadDeck(path.join(ROOT, "slides"), deck);
    if (!loaded) throw new Error(`slides/${deck}/deck.yaml: ${diagnostics[0]?.message}`);
    return Object.keys(loaded.config.audiences)
      .sort()
      .map((audience) => ({ deck, audience, path: `${deck}/${audience}/` }));
  },
);

/** Each theme with each deck page's path, for `it.each`: `[theme, "deck/audience/"]`. */
export function themedPages(themes: readonly string[] = THEMES): Array<[string, string]> {
  return themes.flatMap((theme) => DECK_PAGES.map((d): [string, string] => [theme, d.path]));
}

/** The deck page at `deckPath` (`deck/audience/`). */
export function deckPage(deckPath: string): DeckPage {
  const found = DECK_PAGES.find((d) => d.path === deckPath);
  if (!found) throw new Error(`no deck page ${deckPath}`);
  return found;
}

/** Every deck page a build wrote, in a stable order. */
export function deckPages(dist: string): DeckPage[] {
  const pages: DeckPage[] = [];
  for (const deck of readdirSync(dist).sort()) {
    if (deck === "assets" || !statSync(path.join(dist, deck)).isDirectory()) continue;
    for (const audience of readdirSync(path.join(dist, deck)).sort()) {
      if (existsSync(path.join(dist, deck, audience, "index.html")))
        pages.push({ deck, audience, path: `${deck}/${audience}/` });
    }
  }
  return pages;
}

const BROWSER = Symbol.for("factdeck.tests.browser");

/**
 * One Chromium per test process. The browser test files run in one process per vitest worker
 * (`isolate: false` in vitest.config.ts), so they share it instead of starting one each;
 * Playwright ends it when the process exits. A file closes what it opens in it, not the browser.
 */
export function sharedBrowser(): Promise<Browser> {
  const holder = globalThis as { [BROWSER]?: Promise<Browser> };
  const current = holder[BROWSER];
  if (current) return current;
  const launched = launchBrowser();
  holder[BROWSER] = launched;
  const forget = () => {
    if (holder[BROWSER] === launched) delete holder[BROWSER];
  };
  launched.then((browser) => browser.on("disconnected", forget), forget);
  return launched;
}

/** The shared browser and a static server per theme, for the tests of one file. */
export interface Session {
  browser: Browser;
  servers: Map<string, StaticServer>;
  /**
   * A deck page opened once for the file and reused by its tests (see {@link openDeck}).
   * Each test shows the slides it needs; none relies on where an earlier one left the page.
   */
  deck(theme: string, deckPath: string): Promise<Page>;
  close(): Promise<void>;
}

/** Serves each theme's build on 127.0.0.1 and takes the shared browser. */
export async function openSession(themes: readonly string[] = THEMES): Promise<Session> {
  const [browser, dists] = await Promise.all([
    sharedBrowser(),
    Promise.all(themes.map((t) => builtTheme(t))),
  ]);
  const servers = new Map<string, StaticServer>();
  for (const [i, theme] of themes.entries()) servers.set(theme, await serveStatic(dists[i]!));
  const pages = new Map<string, Promise<Page>>();
  const session: Session = {
    browser,
    servers,
    deck(theme, deckPath) {
      const key = `${theme} ${deckPath}`;
      let page = pages.get(key);
      if (!page) {
        page = openDeck(session, theme, deckPath);
        pages.set(key, page);
      }
      return page;
    },
    async close() {
      for (const page of pages.values()) await (await page.catch(() => undefined))?.close();
      for (const server of servers.values()) await server.close();
    },
  };
  return session;
}

/** The deck's slide size, as the page declares it. */
export const SLIDE = { width: 1280, height: 720 };

/**
 * Shows a slide from inside the page, through reveal.js's own routing: the URL hash, read
 * when a `hashchange` event arrives. The event is sent at once rather than waited for, so a
 * visit costs no timer; and since reveal.js rewrites the address of the slide it shows up to
 * a second later (a debounced `replaceState`), the hash is set again, alternating the slide's
 * two addresses (index and id), until the slide is current. Resolves once the slide's fonts
 * are loaded. Plain JavaScript: the page gets it as it is, without the test's build helpers.
 */
const SHOW_SLIDE = `
window.__factdeckShowSlide = async function (index) {
  var slide = document.querySelectorAll(".reveal .slides > section")[index];
  if (!slide) throw new Error("there is no slide " + (index + 1));
  var deadline = performance.now() + 20000;
  while (!slide.classList.contains("present")) {
    if (performance.now() > deadline) throw new Error("slide " + (index + 1) + " never became current");
    var byIndex = "#/" + index;
    location.hash = location.hash === byIndex && slide.id ? "#/" + slide.id : byIndex;
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    if (!slide.classList.contains("present")) await new Promise(function (r) { setTimeout(r, 20); });
  }
  // Layout now, so that a face the slide needs first starts loading; then wait for it.
  slide.getBoundingClientRect();
  await document.fonts.ready;
};
`;

/** Gives a page, from its next navigation on, what {@link showSlide} and {@link showEverySlide} call. */
export async function installShowSlide(page: Page): Promise<void> {
  await page.addInitScript({ content: SHOW_SLIDE });
}

/** Opens a deck page at the slide size and waits until reveal.js and the fonts are ready. */
export async function openDeck(session: Session, theme: string, deckPath: string): Promise<Page> {
  const server = session.servers.get(theme)!;
  const page = await session.browser.newPage({
    viewport: SLIDE,
    deviceScaleFactor: 1,
    reducedMotion: "reduce",
  });
  await installShowSlide(page);
  await page.goto(`${server.url}/${deckPath}`);
  await waitReady(page);
  return page;
}

/** Resolves once the runtime has set `data-fd-ready` (reveal.js initialised, fonts loaded). */
export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.fdReady === "true");
}

/** How many top-level slides the open deck has. */
export function slideCount(page: Page): Promise<number> {
  return page.locator(".reveal .slides > section").count();
}

/** The 0-based index of the slide reveal.js shows. */
export function currentSlide(page: Page): Promise<number> {
  return page.evaluate(() =>
    [...document.querySelectorAll(".reveal .slides > section")].findIndex((s) =>
      s.classList.contains("present"),
    ),
  );
}

/** In a page opened by {@link openDeck}: shows slide `index`, as reveal.js routes a link to it. */
export type ShowSlide = (index: number) => Promise<void>;

/**
 * Shows slide `index` of a page opened by {@link openDeck} and waits for it, and for one
 * frame, so that what is painted (a screenshot, the slide number) has caught up too.
 */
export async function showSlide(page: Page, index: number): Promise<void> {
  await page.evaluate(async (i) => {
    await (window as unknown as { __factdeckShowSlide: ShowSlide }).__factdeckShowSlide(i);
    await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
  }, index);
}

/** Shows every slide of the page in turn, from inside it: one call, no round trip per slide. */
export async function showEverySlide(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const show = (window as unknown as { __factdeckShowSlide: ShowSlide }).__factdeckShowSlide;
    const count = document.querySelectorAll(".reveal .slides > section").length;
    for (let i = 0; i < count; i++) await show(i);
  });
}

/** A short name for a slide in failure messages: `deck/audience #3 (overview)`. */
export function slideName(deck: DeckPage, index: number, id: string | null): string {
  return `${deck.deck}/${deck.audience} slide ${index + 1}${id ? ` (${id})` : ""}`;
}

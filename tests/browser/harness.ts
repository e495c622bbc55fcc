import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { buildSite } from "../../src/build/build.ts";
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
    if (!entry.startsWith(key) && Date.now() - statSync(dir).mtimeMs > hour)
      rmSync(dir, { recursive: true, force: true });
  }
}

const builds = new Map<string, Promise<string>>();

/**
 * The shipped decks built with `--theme <theme>`. Test files share the result through a
 * folder keyed by the sources, so each theme is built once per change, not once per file.
 */
export function builtTheme(theme: string): Promise<string> {
  let pending = builds.get(theme);
  if (!pending) {
    pending = (async () => {
      const key = sourceKey();
      const outDir = path.join(CACHE, `${key}-${theme}`);
      if (existsSync(path.join(outDir, "index.html"))) return outDir;
      mkdirSync(CACHE, { recursive: true });
      pruneCache(key);
      const mine = `${outDir}.build-${process.pid}`;
      await buildSite({ root: ROOT, outDir: mine, theme, quiet: true });
      try {
        renameSync(mine, outDir);
      } catch {
        // Another test file finished the same build first: use its copy.
        rmSync(mine, { recursive: true, force: true });
      }
      return outDir;
    })();
    builds.set(theme, pending);
  }
  return pending;
}

/** One deck page of a build: `<deck>/<audience>/`. */
export interface DeckPage {
  deck: string;
  audience: string;
  path: string;
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

/** A browser and a static server per theme, shared by the tests of one file. */
export interface Session {
  browser: Browser;
  servers: Map<string, StaticServer>;
  close(): Promise<void>;
}

/** Starts one browser for a test file and serves each theme's build on 127.0.0.1. */
export async function openSession(themes: readonly string[] = THEMES): Promise<Session> {
  const dists = await Promise.all(themes.map((t) => builtTheme(t)));
  const servers = new Map<string, StaticServer>();
  for (const [i, theme] of themes.entries()) servers.set(theme, await serveStatic(dists[i]!));
  const browser = await launchBrowser();
  return {
    browser,
    servers,
    async close() {
      await browser.close();
      for (const server of servers.values()) await server.close();
    },
  };
}

/** The deck's slide size, as the page declares it. */
export const SLIDE = { width: 1280, height: 720 };

/** Opens a deck page at the slide size and waits until reveal.js and the fonts are ready. */
export async function openDeck(session: Session, theme: string, deckPath: string): Promise<Page> {
  const server = session.servers.get(theme)!;
  const page = await session.browser.newPage({
    viewport: SLIDE,
    deviceScaleFactor: 1,
    reducedMotion: "reduce",
  });
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

/** Shows slide `index` through the URL hash (reveal.js's own routing) and waits for it. */
export async function showSlide(page: Page, index: number): Promise<void> {
  // Ask again on every poll, alternating the slide's two addresses (index and id): under
  // load a hash change can land while reveal.js still writes the previous slide's address.
  await page.waitForFunction(
    (i) => {
      const slide = document.querySelectorAll(".reveal .slides > section")[i];
      if (slide?.classList.contains("present")) return true;
      const byIndex = `#/${i}`;
      location.hash = location.hash === byIndex && slide?.id ? `#/${slide.id}` : byIndex;
      return false;
    },
    index,
    { polling: 250 },
  );
  // One frame so layout and the slide number have caught up.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
}

/** A short name for a slide in failure messages: `deck/audience #3 (overview)`. */
export function slideName(deck: DeckPage, index: number, id: string | null): string {
  return `${deck.deck}/${deck.audience} slide ${index + 1}${id ? ` (${id})` : ""}`;
}

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  CONTRAST_REQUIREMENTS,
  PALETTE_TOKENS,
  parseColor,
  readTheme,
  resolveToken,
  toHex,
} from "../../src/themes/index.ts";
import { describeWithBrowser } from "../browser-helpers.ts";
import { ROOT } from "../helpers.ts";
import {
  builtTheme,
  DECK_PAGES,
  deckPages,
  installShowSlide,
  openDeck,
  openSession,
  type Session,
  SLIDE,
  showEverySlide,
  showSlide,
  THEMES,
  waitReady,
} from "./harness.ts";
import { compareImages } from "./screenshot.ts";

const SCREENSHOTS = path.join(ROOT, "tests", "browser", "__screenshots__");
const ACTUAL = path.join(ROOT, "node_modules", ".factdeck-test", "screenshots");

/** A screenshot may drift this far from the stored one (see compareImages). */
const MAX_MEAN_DIFFERENCE = 0.035;
const MAX_CHANGED_SHARE = 0.06;

/** Requests a page made that a deck must never make: failed, refused, or not to 127.0.0.1. */
function watchRequests(page: Page): string[] {
  const problems: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol === "data:" || url.protocol === "blob:" || url.protocol === "about:") return;
    if (url.hostname !== "127.0.0.1") problems.push(`request to another host: ${request.url()}`);
  });
  page.on("requestfailed", (request) =>
    problems.push(`failed: ${request.url()} (${request.failure()?.errorText})`),
  );
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/** The stored title screenshots are of the flagship deck, whatever other decks are added. */
const TITLE_PAGE = "ussc-nonproduction/judges/";

const colorTokens = [
  ...new Set([...CONTRAST_REQUIREMENTS.flatMap((r) => [r.fg, r.bg]), ...PALETTE_TOKENS]),
];

describeWithBrowser("themes in Chromium", () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it.each(
    THEMES.flatMap((theme) =>
      ["", ...DECK_PAGES.map((d) => d.path)].map((pagePath) => [theme, pagePath] as const),
    ),
  )(
    "%s /%s: the page and every slide load without a failed request or one off 127.0.0.1",
    async (theme, pagePath) => {
      const server = session.servers.get(theme)!;
      const page = await session.browser.newPage({ viewport: SLIDE });
      await installShowSlide(page);
      const problems = watchRequests(page);
      await page.goto(`${server.url}/${pagePath}`);
      if (pagePath) {
        await waitReady(page);
        // Fonts load when text first needs them: show every slide, then wait for them.
        await showEverySlide(page);
      }
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await page.waitForLoadState("networkidle");
      expect(problems, `${theme} /${pagePath}`).toEqual([]);
      await page.close();
    },
  );

  it.each(THEMES)("%s: the fonts it names are the fonts that render", async (theme) => {
    const [deck] = deckPages(await builtTheme(theme));
    const page = await session.browser.newPage({ viewport: SLIDE });
    await page.goto(`${session.servers.get(theme)!.url}/${deck!.path}`);
    await waitReady(page);
    const fonts = await page.evaluate(() => {
      const first = (el: Element | null) =>
        el
          ? getComputedStyle(el)
              .fontFamily.split(",")[0]!
              .trim()
              .replace(/^["']|["']$/g, "")
          : "";
      const loaded = [...document.fonts]
        .filter((f) => f.status === "loaded")
        .map((f) => f.family.replace(/^["']|["']$/g, ""));
      return {
        body: first(document.querySelector(".reveal")),
        heading: first(document.querySelector(".reveal h1, .reveal h2")),
        loaded,
      };
    });
    const generic = /^(system-ui|sans-serif|serif|monospace|ui-[a-z-]+)$/;
    for (const family of [fonts.body, fonts.heading]) {
      if (generic.test(family)) continue;
      expect(fonts.loaded, `${theme}: "${family}" should come from a bundled @font-face`).toContain(
        family,
      );
    }
    await page.close();
  });

  it.each(THEMES)(
    "%s: the colours factdeck check measures are the colours the browser paints",
    async (theme) => {
      const parsed = readTheme(path.join(ROOT, "themes"), theme);
      const [deck] = deckPages(await builtTheme(theme));
      const page = await session.browser.newPage({ viewport: SLIDE });
      await page.goto(`${session.servers.get(theme)!.url}/${deck!.path}`);
      await waitReady(page);
      const computed = await page.evaluate((names) => {
        const style = getComputedStyle(document.documentElement);
        return Object.fromEntries(names.map((n) => [n, style.getPropertyValue(n).trim()]));
      }, colorTokens);
      for (const token of colorTokens) {
        const expected = parseColor(resolveToken(parsed.tokens, token) ?? "");
        const actual = parseColor(computed[token] ?? "");
        expect(actual && toHex(actual), `${theme} ${token}`).toBe(expected && toHex(expected));
      }
      // And the stylesheet uses them where the checker assumes: text, headings, chart marks.
      const painted = await page.evaluate(() => {
        const slides = [...document.querySelectorAll(".reveal .slides > section")];
        const plain = slides.find(
          (s) => s.querySelector(":scope > h2") && s.querySelector(":scope > p"),
        );
        const bar = document.querySelector("figure.fd-chart svg [fill='var(--fd-chart-1)'] > *");
        return {
          text: plain ? getComputedStyle(plain.querySelector(":scope > p")!).color : "",
          heading: plain ? getComputedStyle(plain.querySelector(":scope > h2")!).color : "",
          bar: bar ? getComputedStyle(bar).fill : "",
        };
      });
      const token = (name: string) => toHex(parseColor(computed[name]!)!);
      expect(painted.text, "a slide with a heading and a paragraph").not.toBe("");
      expect(toHex(parseColor(painted.text)!)).toBe(token("--fd-text"));
      expect(toHex(parseColor(painted.heading)!)).toBe(token("--fd-heading"));
      if (painted.bar) expect(toHex(parseColor(painted.bar)!)).toBe(token("--fd-chart-1"));
      await page.close();
    },
  );

  it.each(THEMES)("%s: the title slide looks as it did", async (theme) => {
    const page = await openDeck(session, theme, TITLE_PAGE);
    await showSlide(page, 0);
    const shot = await page.screenshot({ type: "png" });
    await page.close();
    const stored = path.join(SCREENSHOTS, `${theme}-title.png`);
    if (!existsSync(stored)) {
      // A baseline is recorded by a person, never by CI: there a missing one is a failure.
      if (process.env.CI === "true")
        expect.fail(
          `${path.relative(ROOT, stored)} is missing: record it locally (run this test without CI=true), look at it, and commit it.`,
        );
      mkdirSync(SCREENSHOTS, { recursive: true });
      writeFileSync(stored, shot);
      console.info(`wrote ${path.relative(ROOT, stored)}: no stored screenshot to compare with`);
      return;
    }
    const diff = await compareImages(session.browser, readFileSync(stored), shot);
    if (diff.mean > MAX_MEAN_DIFFERENCE || diff.changed > MAX_CHANGED_SHARE) {
      mkdirSync(ACTUAL, { recursive: true });
      const actual = path.join(ACTUAL, `${theme}-title.png`);
      writeFileSync(actual, shot);
      expect.fail(
        `The ${theme} title slide differs from ${path.relative(ROOT, stored)}: ` +
          `mean grey difference ${(diff.mean * 100).toFixed(1)}%, ` +
          `${(diff.changed * 100).toFixed(1)}% of the picture changed. ` +
          `Compare it with ${path.relative(ROOT, actual)}; if the change is intended, ` +
          `delete the stored PNG and run the test again to record the new one.`,
      );
    }
  });
});

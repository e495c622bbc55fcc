import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildSite } from "../../src/build/build.ts";
import { describeWithBrowser } from "../browser-helpers.ts";
import { copyMiniProject } from "../pdf/mini-project.ts";
import {
  builtDecks,
  currentSlide,
  SLIDE,
  sharedBrowser,
  slideCount,
  waitReady,
} from "./harness.ts";

// A presenter copies dist/<deck>/<audience>.html to another computer and opens it from
// disk, offline: everything must come from the file itself.

const LOCAL = /^(file|data|blob|about):/;

/** A browser context that refuses, and records, every request that is not to the file itself. */
async function offlineContext(browser: Browser, javaScriptEnabled = true) {
  const context = await browser.newContext({
    viewport: SLIDE,
    deviceScaleFactor: 1,
    reducedMotion: "reduce",
    javaScriptEnabled,
  });
  const attempted: string[] = [];
  context.on("request", (request) => {
    if (!LOCAL.test(request.url())) attempted.push(request.url());
  });
  await context.route("**/*", (route) =>
    LOCAL.test(route.request().url()) ? route.continue() : route.abort(),
  );
  return { context, attempted };
}

/** The note texts of a page, whitespace collapsed. */
function noteTexts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("aside.notes")]
      .map((n) => (n.textContent ?? "").replace(/\s+/g, " ").trim())
      .filter(Boolean),
  );
}

describeWithBrowser("a single-file deck opened from disk, offline", () => {
  let browser: Browser;
  let mini: string;
  let flagship: string;
  let context: BrowserContext;
  let attempted: string[];
  beforeAll(async () => {
    const root = copyMiniProject("factdeck-single-");
    const [site] = await Promise.all([
      builtDecks(),
      buildSite({ root, quiet: true }),
      sharedBrowser().then((b) => {
        browser = b;
      }),
    ]);
    mini = path.join(root, "dist");
    flagship = site;
    ({ context, attempted } = await offlineContext(browser));
  }, 180_000);
  afterAll(async () => {
    await context?.close();
  });

  const open = async (file: string) => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    await waitReady(page);
    return page;
  };

  it("the flagship judges file is under its 600 KB budget", () => {
    const bytes = statSync(path.join(flagship, "ussc-nonproduction", "judges.html")).size;
    expect(bytes).toBeLessThan(600_000);
  });

  for (const [name, pick] of [
    ["mini/experts", () => path.join(mini, "mini", "experts.html")],
    ["ussc-nonproduction/judges", () => path.join(flagship, "ussc-nonproduction", "judges.html")],
  ] as const) {
    it(`${name}: every slide is there and styled, fonts load, and no request is made`, async () => {
      const file = pick();
      const served = readFileSync(file.replace(/\.html$/, "/index.html"), "utf8");
      const page = await open(file);
      expect(await slideCount(page)).toBe(served.split("<section").length - 1);
      // Every heading is set in a font face the file carries, loaded, not a fallback.
      const fonts = await page.evaluate(() => {
        const faces = [...document.fonts].filter((f) => f.status === "loaded");
        return [...document.querySelectorAll(".reveal .slides > section")].map((slide) => {
          const heading = slide.querySelector("h1, h2");
          const family = heading ? getComputedStyle(heading).fontFamily : "";
          const first = family
            .split(",")[0]!
            .trim()
            .replace(/^["']|["']$/g, "");
          return { id: slide.id, first, loaded: faces.some((f) => f.family === first) };
        });
      });
      for (const f of fonts) expect(f, f.id).toMatchObject({ loaded: true });
      // The theme's layout applies: the slide is the deck's size, not unstyled text.
      const box = await page.locator(".reveal .slides > section.present").boundingBox();
      expect(box?.width).toBeCloseTo(SLIDE.width, -1);
      expect(attempted).toEqual([]);
      await page.close();
    });
  }

  it("ArrowRight moves on, and a slide's source line leads to the sources slide", async () => {
    const page = await open(path.join(mini, "mini", "experts.html"));
    const count = await slideCount(page);
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => currentSlide(page)).toBe(1);
    // The facts slide ends in a source line, a link to the sources slide (its figures have one
    // source, so the line stands for the numbered marks, which are not shown); follow it.
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => currentSlide(page)).toBe(2);
    const line = page.locator("section.present .fd-source-line a");
    expect(await line.count(), "a source line on the facts slide").toBe(1);
    await line.click({ timeout: 10_000 });
    await expect
      .poll(() => page.evaluate(() => document.querySelector("section.present")?.id))
      .toMatch(/^sources/);
    expect(await currentSlide(page)).toBeLessThan(count);
    expect(attempted).toEqual([]);
    await page.close();
  });

  it("S opens the speaker view, with the current slide's notes and a timer", async () => {
    const page = await open(path.join(mini, "mini", "everyone.html"));
    const index = await page.evaluate(() =>
      [...document.querySelectorAll(".reveal .slides > section")].findIndex((s) =>
        s.querySelector("aside.notes"),
      ),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < index; i++) await page.keyboard.press("ArrowRight");
    await expect.poll(() => currentSlide(page)).toBe(index);
    const [note] = await noteTexts(page);
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.keyboard.press("s")]);
    await popup.waitForFunction(
      (expected) =>
        document
          .querySelector(".speaker-controls-notes .value")
          ?.textContent?.replace(/\s+/g, " ")
          .includes(expected),
      note!.slice(0, 40),
      { timeout: 20_000 },
    );
    // The timer counts: hours, minutes and seconds as the speaker view prints them.
    await expect
      .poll(() => popup.locator(".speaker-controls-time .timer").textContent(), {
        timeout: 10_000,
      })
      .toMatch(/\d\d:\d\d:\d\d/);
    // The current and next slides are the file itself, shown in frames.
    await expect.poll(() => popup.locator("#current-slide iframe").count()).toBeGreaterThan(0);
    expect(attempted).toEqual([]);
    await popup.close();
    await page.close();
  });

  it("with JavaScript off, no speaker note is visible", async () => {
    const off = await offlineContext(browser, false);
    for (const file of [
      path.join(mini, "mini", "everyone.html"),
      path.join(flagship, "ussc-nonproduction", "judges.html"),
    ]) {
      const page = await off.context.newPage();
      await page.goto(pathToFileURL(file).href);
      const notes = await noteTexts(page);
      expect(notes.length, file).toBeGreaterThan(0);
      const shown = await page.evaluate(
        () =>
          [...document.querySelectorAll("aside.notes")].filter((n) => n.checkVisibility()).length,
      );
      expect(shown, file).toBe(0);
      // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is the point
      const text = (await page.evaluate(() => document.body.innerText)).replace(/\s+/g, " ");
      for (const note of notes) expect(text).not.toContain(note.slice(0, 60));
      await page.close();
    }
    expect(off.attempted).toEqual([]);
    await off.context.close();
  });
});

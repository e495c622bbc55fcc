import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type StaticServer, serveStatic } from "../../src/export/serve.ts";
import { describeWithBrowser } from "../browser-helpers.ts";
import { builtDecks, SLIDE, sharedBrowser } from "./harness.ts";

// Whatever fails (the module script blocked from file://, JavaScript off, the stylesheet
// blocked, printing from the browser's own menu), the audience never sees a speaker note.

const PAGE = "ussc-nonproduction/judges/index.html";

/** How many notes are rendered visibly, and which note texts appear in the page's visible text. */
async function visibleNotes(page: Page): Promise<{ shown: number; leaked: string[] }> {
  return page.evaluate(() => {
    const notes = [...document.querySelectorAll("aside.notes")];
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is the point
    const text = document.body.innerText.replace(/\s+/g, " ");
    const leaked = notes
      .map((n) => (n.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60))
      .filter((t) => t && text.includes(t));
    return { shown: notes.filter((n) => n.checkVisibility()).length, leaked };
  });
}

describeWithBrowser("speaker notes stay hidden in the audience view", () => {
  let browser: Browser;
  let server: StaticServer;
  let dist: string;
  beforeAll(async () => {
    dist = await builtDecks();
    server = await serveStatic(dist);
    browser = await sharedBrowser();
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  it("the built page has notes to hide", () => {
    const html = readFileSync(path.join(dist, PAGE), "utf8");
    expect(html.match(/<aside class="notes">/g)?.length).toBeGreaterThan(5);
  });

  const cases = [
    { name: "served, JavaScript off", url: () => `${server.url}/${PAGE}`, js: false },
    {
      name: "served, JavaScript off, printed",
      url: () => `${server.url}/${PAGE}`,
      js: false,
      print: true,
    },
    {
      name: "from file://, JavaScript off",
      url: () => pathToFileURL(path.join(dist, PAGE)).href,
      js: false,
    },
    // With JavaScript on, Chromium still refuses the module script and the stylesheet from file://.
    {
      name: "from file://, scripts and CSS blocked",
      url: () => pathToFileURL(path.join(dist, PAGE)).href,
      js: true,
    },
    {
      name: "from file://, printed",
      url: () => pathToFileURL(path.join(dist, PAGE)).href,
      js: true,
      print: true,
    },
  ];
  for (const c of cases)
    it(`${c.name}: no note is visible`, async () => {
      const context = await browser.newContext({ viewport: SLIDE, javaScriptEnabled: c.js });
      const page = await context.newPage();
      if (c.print) await page.emulateMedia({ media: "print" });
      await page.goto(c.url(), { waitUntil: "load" });
      const { shown, leaked } = await visibleNotes(page);
      expect(shown).toBe(0);
      expect(leaked).toEqual([]);
      await context.close();
    });
});

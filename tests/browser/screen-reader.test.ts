import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithBrowser } from "../browser-helpers.ts";
import {
  DECK_PAGES,
  deckPage,
  openSession,
  type Session,
  showSlide,
  slideName,
  THEMES,
} from "./harness.ts";

// What a screen reader is given does not depend on the theme's colours: one theme is enough.
const theme = THEMES[0]!;

describeWithBrowser("a built deck read by a screen reader in Chromium", () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession([theme]);
  });
  afterAll(async () => {
    await session?.close();
  });

  it.each(DECK_PAGES.map((d) => d.path))(
    "%s: the deck is a main landmark in the page's language, not an application",
    async (deckPath) => {
      const deck = deckPage(deckPath);
      const page = await session.deck(theme, deck.path);
      const facts = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        role: document.querySelector(".reveal")?.getAttribute("role"),
        applications: document.querySelectorAll('[role="application"]').length,
      }));
      expect(facts.lang, deck.path).toMatch(/^[a-z]{2}(-[A-Za-z0-9]+)*$/);
      expect(facts.role, deck.path).toBe("main");
      expect(facts.applications, deck.path).toBe(0);
    },
  );

  it.each(DECK_PAGES.map((d) => d.path))(
    "%s: a screen reader meets each slide in order, each under its own heading",
    async (deckPath) => {
      const deck = deckPage(deckPath);
      const page = await session.deck(theme, deck.path);
      // Each slide's id and headings as written, in document order.
      const slides = await page.evaluate(() =>
        [...document.querySelectorAll(".reveal .slides > section")].map((s) => ({
          id: s.id,
          written: [...s.querySelectorAll("h1, h2, h3, h4, h5, h6")].map(
            (h) => `h${h.tagName[1]} ${h.textContent?.replace(/\s+/g, " ").trim()}`,
          ),
        })),
      );
      const cdp = await page.context().newCDPSession(page);
      for (const [i, { id, written }] of slides.entries()) {
        await showSlide(page, i);
        const where = slideName(deck, i, id);
        expect(written[0], `${where} should open with an h1 or h2`).toMatch(/^h[12] \S/);
        // Chromium's own accessibility tree: what a screen reader is given.
        const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as {
          nodes: Array<{
            ignored: boolean;
            role?: { value: string };
            name?: { value: string };
            properties?: Array<{ name: string; value: { value: unknown } }>;
          }>;
        };
        const exposed = nodes
          .filter((n) => !n.ignored && n.role?.value === "heading")
          .map((n) => {
            const level = n.properties?.find((p) => p.name === "level")?.value.value;
            return `h${level} ${n.name?.value.replace(/\s+/g, " ").trim()}`;
          });
        // Only the current slide is exposed, and its headings come in their written order.
        expect(exposed, where).toEqual(written);
        expect(
          nodes.some((n) => !n.ignored && n.role?.value === "Application"),
          "no application role",
        ).toBe(false);
      }
      await cdp.detach();
    },
  );

  it("every chart has a short name, a longer description and its data as a table", async () => {
    let charts = 0;
    for (const deck of DECK_PAGES) {
      const page = await session.deck(theme, deck.path);
      const withCharts = await page.evaluate(() =>
        [...document.querySelectorAll(".reveal .slides > section")].flatMap((s, i) =>
          s.querySelector("figure.fd-chart") ? [i] : [],
        ),
      );
      for (const i of withCharts) {
        await showSlide(page, i);
        const section = page.locator(".reveal .slides > section").nth(i);
        const id = await section.getAttribute("id");
        const found = await section.evaluate((s) =>
          [...s.querySelectorAll("figure.fd-chart")].map((figure) => {
            const svg = figure.querySelector("svg");
            const table = figure.querySelector("table");
            const style = table ? getComputedStyle(table) : undefined;
            return {
              role: svg?.getAttribute("role"),
              name: svg?.getAttribute("aria-label") ?? "",
              description: svg?.getAttribute("aria-description") ?? "",
              rows: table?.querySelectorAll("tbody tr").length ?? 0,
              caption: table?.querySelector("caption")?.textContent ?? "",
              tableHidden:
                !style ||
                style.display === "none" ||
                style.visibility === "hidden" ||
                table?.closest("[aria-hidden=true]") !== null,
            };
          }),
        );
        for (const chart of found) {
          charts++;
          const where = `${slideName(deck, i, id)}: chart "${chart.name}"`;
          expect(chart.role, where).toBe("img");
          expect(chart.name.length, `${where} has no accessible name`).toBeGreaterThan(0);
          expect(chart.name.length, `${where}: the name should be short`).toBeLessThanOrEqual(150);
          expect(chart.description.length, `${where}: description`).toBeGreaterThan(
            chart.name.length,
          );
          expect(chart.rows, `${where}: data table rows`).toBeGreaterThan(0);
          expect(chart.caption.trim(), `${where}: table caption`).not.toBe("");
          expect(chart.tableHidden, `${where}: the table must reach screen readers`).toBe(false);
        }
      }
    }
    expect(charts, "the shipped decks have charts to check").toBeGreaterThan(0);
  });
});

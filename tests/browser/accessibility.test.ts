import axe from "axe-core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithBrowser } from "../browser-helpers.ts";
import {
  builtTheme,
  deckPages,
  openDeck,
  openSession,
  type Session,
  showSlide,
  slideCount,
  slideName,
  THEMES,
} from "./harness.ts";

/** What axe reports for one slide: rule, impact, and the offending elements. */
interface Finding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * Runs axe on the current slide and the chrome around it (slide number, arrows), or on the
 * whole document for the page-level rules (language, title, landmarks). reveal.js hides the
 * other slides from assistive technology, so each slide is checked while it is current.
 */
async function runAxe(page: Page, scope: "page" | "slide"): Promise<Finding[]> {
  const injected = await page.evaluate(() => "axe" in window);
  if (!injected) await page.addScriptTag({ content: axe.source });
  return page.evaluate(async (scope) => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const context =
      scope === "page"
        ? document
        : { include: [[".slides > section.present"], [".slide-number"], [".controls"]] };
    const result = await run(context as axe.ElementContext, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  }, scope);
}

const SERIOUS = new Set(["serious", "critical"]);

describeWithBrowser("accessibility in Chromium, every slide of every deck in every theme", () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it.each(THEMES)("axe finds no serious or critical violation (%s)", async (theme) => {
    const failures: string[] = [];
    const minor = new Map<string, number>();
    // Identical slides (shared by several audiences) render identically: check each once.
    const checked = new Set<string>();
    for (const deck of deckPages(await builtTheme(theme))) {
      const page = await openDeck(session, theme, deck.path);
      const count = await slideCount(page);
      let scope: "page" | "slide" = "page";
      for (let i = 0; i < count; i++) {
        const markup = await page
          .locator(".reveal .slides > section")
          .nth(i)
          .evaluate((s) => s.innerHTML);
        if (checked.has(markup)) continue;
        checked.add(markup);
        await showSlide(page, i);
        const id = await page.locator(".slides > section.present").getAttribute("id");
        const violations = await runAxe(page, scope);
        scope = "slide";
        for (const v of violations) {
          if (SERIOUS.has(v.impact ?? ""))
            failures.push(
              `${slideName(deck, i, id)}: ${v.id} (${v.impact}) ${v.help}\n    ${v.targets.slice(0, 5).join("\n    ")}`,
            );
          else minor.set(v.id, (minor.get(v.id) ?? 0) + 1);
        }
      }
      await page.close();
    }
    if (minor.size)
      console.info(
        `${theme}: minor or moderate axe findings (not failures): ${[...minor].map(([id, n]) => `${id}×${n}`).join(", ")}`,
      );
    expect(failures, failures.join("\n")).toEqual([]);
  });

  it("the deck is a main landmark in the page's language, not an application", async () => {
    const theme = THEMES[0]!;
    for (const deck of deckPages(await builtTheme(theme))) {
      const page = await openDeck(session, theme, deck.path);
      const facts = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        role: document.querySelector(".reveal")?.getAttribute("role"),
        applications: document.querySelectorAll('[role="application"]').length,
      }));
      expect(facts.lang, deck.path).toMatch(/^[a-z]{2}(-[A-Za-z0-9]+)*$/);
      expect(facts.role, deck.path).toBe("main");
      expect(facts.applications, deck.path).toBe(0);
      await page.close();
    }
  });

  it("a screen reader meets each slide in order, each under its own heading", async () => {
    const theme = THEMES[0]!;
    for (const deck of deckPages(await builtTheme(theme))) {
      const page = await openDeck(session, theme, deck.path);
      const cdp = await page.context().newCDPSession(page);
      const count = await slideCount(page);
      for (let i = 0; i < count; i++) {
        await showSlide(page, i);
        const id = await page.locator(".slides > section.present").getAttribute("id");
        const where = slideName(deck, i, id);
        // The slide's headings as written, in document order.
        const written = await page
          .locator(".reveal .slides > section")
          .nth(i)
          .evaluate((s) =>
            [...s.querySelectorAll("h1, h2, h3, h4, h5, h6")].map(
              (h) => `h${h.tagName[1]} ${h.textContent?.replace(/\s+/g, " ").trim()}`,
            ),
          );
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
      await page.close();
    }
  });

  it("every chart has a short name, a longer description and its data as a table", async () => {
    const theme = THEMES[0]!;
    let charts = 0;
    for (const deck of deckPages(await builtTheme(theme))) {
      const page = await openDeck(session, theme, deck.path);
      const count = await slideCount(page);
      for (let i = 0; i < count; i++) {
        const section = page.locator(".reveal .slides > section").nth(i);
        if ((await section.locator("figure.fd-chart").count()) === 0) continue;
        await showSlide(page, i);
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
      await page.close();
    }
    expect(charts, "the shipped decks have charts to check").toBeGreaterThan(0);
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import axe from "axe-core";
import { parseHTML } from "linkedom";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithBrowser } from "../browser-helpers.ts";
import {
  builtTheme,
  DECK_PAGES,
  type DeckPage,
  deckPage,
  openDeck,
  openSession,
  type Session,
  type ShowSlide,
  slideName,
  themedPages,
} from "./harness.ts";

/** What axe reports for one slide: rule, impact, and the offending elements. */
interface Finding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** The findings of one slide; `index` is the slide's position in its page. */
interface SlideFindings {
  index: number;
  id: string;
  violations: Finding[];
}

/**
 * Which slides of each page a theme's axe test checks: every slide once, on the first page
 * that has its markup (audiences share slides). Worked out from the built files, so every
 * test knows its share without depending on another test having run.
 */
const shares = new Map<string, Promise<Map<string, number[]>>>();

function slidesToCheck(theme: string, deck: DeckPage): Promise<number[]> {
  let share = shares.get(theme);
  if (!share) {
    share = builtTheme(theme).then((dist) => {
      const seen = new Set<string>();
      const byPage = new Map<string, number[]>();
      for (const page of DECK_PAGES) {
        const html = readFileSync(path.join(dist, page.path, "index.html"), "utf8");
        const { document } = parseHTML(html);
        const mine: number[] = [];
        [...document.querySelectorAll(".reveal .slides > section")].forEach((slide, i) => {
          if (seen.has(slide.innerHTML)) return;
          seen.add(slide.innerHTML);
          mine.push(i);
        });
        byPage.set(page.path, mine);
      }
      return byPage;
    });
    shares.set(theme, share);
  }
  return share.then((byPage) => byPage.get(deck.path) ?? []);
}

/**
 * Shows each listed slide in turn and runs axe on it and the chrome around it (slide number,
 * arrows); the first run covers the whole document, for the page-level rules (language,
 * title, landmarks, the stylesheet's orientation lock). reveal.js hides the other slides from
 * assistive technology, so each slide is checked while it is current. One call per page.
 */
async function runAxe(page: Page, slides: number[]): Promise<SlideFindings[]> {
  if (!(await page.evaluate(() => "axe" in window)))
    await page.addScriptTag({ content: axe.source });
  // No named functions inside: the page gets this code as it is, without build helpers.
  return page.evaluate(async (indices) => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const show = (window as unknown as { __factdeckShowSlide: ShowSlide }).__factdeckShowSlide;
    const found: SlideFindings[] = [];
    // A page whose slides are all checked elsewhere still gets its page-level run.
    const visits = indices.length ? indices : [0];
    for (const [n, index] of visits.entries()) {
      await show(index);
      const context =
        n === 0
          ? document
          : { include: [[".slides > section.present"], [".slide-number"], [".controls"]] };
      const result = await run(context as axe.ElementContext, { resultTypes: ["violations"] });
      found.push({
        index,
        id: document.querySelector(".slides > section.present")?.id ?? "",
        violations: result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.map((node) => node.target.join(" ")),
        })),
      });
    }
    return found;
  }, slides);
}

const SERIOUS = new Set(["serious", "critical"]);

describeWithBrowser("axe in Chromium, every slide of every deck in every theme", () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it.each(themedPages())("%s %s: no serious or critical violation", async (theme, deckPath) => {
    const deck = deckPage(deckPath);
    const page = await openDeck(session, theme, deckPath);
    const checked = await runAxe(page, await slidesToCheck(theme, deck));
    await page.close();
    const failures: string[] = [];
    const minor = new Map<string, number>();
    for (const { index, id, violations } of checked) {
      for (const v of violations) {
        if (SERIOUS.has(v.impact ?? ""))
          failures.push(
            `${slideName(deck, index, id)}: ${v.id} (${v.impact}) ${v.help}\n    ${v.targets.slice(0, 5).join("\n    ")}`,
          );
        else minor.set(v.id, (minor.get(v.id) ?? 0) + 1);
      }
    }
    if (minor.size)
      console.info(
        `${theme} ${deck.path}: minor or moderate axe findings (not failures): ${[...minor].map(([id, n]) => `${id}×${n}`).join(", ")}`,
      );
    expect(failures, failures.join("\n")).toEqual([]);
  });
});

import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithBrowser } from "../browser-helpers.ts";
import {
  deckPage,
  openDeck,
  openSession,
  type Session,
  type ShowSlide,
  slideName,
  themedPages,
} from "./harness.ts";

/** The smallest chart text a slide may show, in CSS pixels of the 1280 × 720 slide. */
const MIN_CHART_TEXT_PX = 14;

/** What spills out of one slide, found by {@link measureSlides}. */
interface SlideProblems {
  index: number;
  id: string;
  problems: string[];
}

/**
 * Shows every slide of the page in turn and measures what spills out of it: the slide's own
 * scroll size beyond its frame, and every visible element whose box leaves the slide or runs
 * into the slide number or the navigation arrows. Visually hidden content (screen-reader
 * tables, notes) is skipped. One call per page: the slides are visited from inside it.
 */
function measureSlides(page: Page): Promise<SlideProblems[]> {
  // No named functions inside: the page gets this code as it is, without build helpers.
  return page.evaluate(async (MIN_CHART_TEXT) => {
    const show = (window as unknown as { __factdeckShowSlide: ShowSlide }).__factdeckShowSlide;
    const found: SlideProblems[] = [];
    const root = document.querySelector<HTMLElement>(".reveal")!;
    const width = Number(root.dataset.fdWidth);
    const height = Number(root.dataset.fdHeight);
    const slides = [...document.querySelectorAll<HTMLElement>(".reveal .slides > section")];
    for (const [index, slide] of slides.entries()) {
      await show(index);
      const problems: string[] = [];
      if (slide.scrollHeight > height + 1)
        problems.push(
          `the slide's content is ${slide.scrollHeight - height}px taller than the slide`,
        );
      if (slide.scrollWidth > width + 1)
        problems.push(`the slide's content is ${slide.scrollWidth - width}px wider than the slide`);

      const frame = slide.getBoundingClientRect();
      const chrome = [
        ...document.querySelectorAll<HTMLElement>(".reveal .slide-number, .reveal .controls"),
      ]
        .filter((el) => getComputedStyle(el).display !== "none")
        .map((el) => ({ name: el.className, box: el.getBoundingClientRect() }));
      const hidden = new Set<Element>();
      for (const el of slide.querySelectorAll("*")) {
        const parent = el.parentElement;
        const style = getComputedStyle(el);
        if (
          (parent && hidden.has(parent)) ||
          style.display === "none" ||
          style.visibility === "hidden" ||
          style.clipPath !== "none" ||
          (style.clip !== "auto" && style.clip !== "")
        ) {
          hidden.add(el);
          continue;
        }
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
        const label = `<${el.tagName.toLowerCase()}${el.getAttribute("class") ? ` class="${el.getAttribute("class")}"` : ""}>${text ? ` "${text}"` : ""}`;
        const out = [
          frame.left - box.left > 1 ? `left by ${Math.round(frame.left - box.left)}px` : "",
          box.right - frame.right > 1 ? `right by ${Math.round(box.right - frame.right)}px` : "",
          frame.top - box.top > 1 ? `top by ${Math.round(frame.top - box.top)}px` : "",
          box.bottom - frame.bottom > 1
            ? `bottom by ${Math.round(box.bottom - frame.bottom)}px`
            : "",
        ].filter(Boolean);
        if (out.length) problems.push(`${label} leaves the slide (${out.join(", ")})`);
        for (const c of chrome) {
          const overlaps =
            box.left < c.box.right &&
            box.right > c.box.left &&
            box.top < c.box.bottom &&
            box.bottom > c.box.top;
          if (overlaps && el.children.length === 0)
            problems.push(`${label} runs into the ${c.name}`);
        }
      }
      // Charts scale with the room a slide leaves them; their smallest text must stay legible.
      for (const text of slide.querySelectorAll<SVGTextElement>("figure.fd-chart svg text")) {
        const scale = text.getScreenCTM()?.a ?? 1;
        const size = Number.parseFloat(getComputedStyle(text).fontSize) * scale;
        if (size < MIN_CHART_TEXT - 0.05) {
          problems.push(
            `chart text "${text.textContent}" renders at ${size.toFixed(1)}px (under ${MIN_CHART_TEXT}px): the chart has too little room`,
          );
          break;
        }
      }
      if (problems.length) found.push({ index, id: slide.id, problems });
    }
    return found;
  }, MIN_CHART_TEXT_PX);
}

describeWithBrowser("slide layout in Chromium", () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it.each(themedPages())("%s %s: no slide overflows its frame", async (theme, deckPath) => {
    const deck = deckPage(deckPath);
    const page = await openDeck(session, theme, deckPath);
    const measured = await measureSlides(page);
    await page.close();
    const failures = measured.map(
      ({ index, id, problems }) =>
        `${slideName(deck, index, id)}:\n    ${problems.slice(0, 6).join("\n    ")}`,
    );
    expect(failures, `${theme}:\n${failures.join("\n")}`).toEqual([]);
  });
});

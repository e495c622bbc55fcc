import path from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { type Dataset, loadDataset } from "../../src/data/index.ts";
import { hasErrors } from "../../src/errors/index.ts";
import type { RenderedDeck } from "../../src/mdx/render-deck.ts";
import { renderProject } from "../../src/project/index.ts";
import { printed, ROOT } from "../helpers.ts";

const DECK = "unemployment";
const DURATIONS: Record<string, number> = { board: 10, counsellors: 20 };
const AUDIENCES = Object.keys(DURATIONS);

let decks: Map<string, RenderedDeck>;
let dataset: Dataset;

beforeAll(async () => {
  const result = await renderProject({ root: ROOT, deck: DECK });
  if (hasErrors(result.diagnostics)) throw new Error(printed(result.diagnostics));
  decks = new Map(result.decks.map((d) => [d.audience, d]));
  const loaded = await loadDataset(path.join(ROOT, "data"), "unemployment");
  if (!loaded.dataset) throw new Error(printed(loaded.diagnostics));
  dataset = loaded.dataset;
}, 60_000);

/** The deck's top-level slides as DOM sections. */
function sections(audience: string): HTMLElement[] {
  const deck = decks.get(audience);
  if (!deck) throw new Error(`no ${audience} deck was rendered`);
  const { document } = parseHTML(`<!doctype html><html><body>${deck.slidesHtml}</body></html>`);
  return [...document.body.children].filter((el) => el.tagName === "SECTION") as HTMLElement[];
}

const slideOf = (s: HTMLElement) => s.getAttribute("data-fd-slide") ?? "";
const isSources = (s: HTMLElement) => slideOf(s) === "sources";
const isDivider = (s: HTMLElement) => s.classList.contains("fd-divider");
const contentSlides = (audience: string) =>
  sections(audience).filter((s) => slideOf(s) !== "title" && !isSources(s) && !isDivider(s));
const heading = (s: HTMLElement) => s.querySelector("h1, h2")?.textContent?.trim() ?? "";
const slide = (audience: string, id: string) => {
  const found = contentSlides(audience).find((s) => slideOf(s) === id);
  if (!found) throw new Error(`${audience} has no slide "${id}"`);
  return found;
};

/** Visible text of a slide: without speaker notes and screen-reader-only tables. */
function visibleText(s: HTMLElement): string {
  const copy = s.cloneNode(true) as HTMLElement;
  for (const el of copy.querySelectorAll("aside.notes, .fd-sr-only")) el.remove();
  return copy.textContent ?? "";
}

/** Figure keys bound on the slides or in their notes, leaving out the generated sources slides. */
function figuresUsed(audience: string): Set<string> {
  const keys = new Set<string>();
  for (const s of sections(audience).filter((x) => !isSources(x)))
    for (const el of s.querySelectorAll("[data-figure]")) keys.add(el.getAttribute("data-figure")!);
  return keys;
}

const value = (key: string) => {
  const figure = dataset.figure(key);
  if (!figure || typeof figure.value !== "number") throw new Error(`no number figure ${key}`);
  return figure.value;
};

describe("the unemployment briefing", () => {
  it("is built for a workforce board in 10 minutes and job counsellors in 20", () => {
    expect([...decks.keys()].sort()).toEqual([...AUDIENCES].sort());
    for (const audience of AUDIENCES)
      expect(decks.get(audience)!.duration, audience).toBe(DURATIONS[audience]);
    // The counsellors get the detail: more slides, and every slide the board sees.
    const board = contentSlides("board").map(slideOf);
    const counsellors = contentSlides("counsellors").map(slideOf);
    expect(counsellors.length).toBeGreaterThan(board.length);
    expect(board.filter((id) => !id.endsWith("-board") && !counsellors.includes(id))).toEqual([]);
  });

  it("plans its sections to fit each talk, with every section opened by a divider", () => {
    for (const audience of AUDIENCES) {
      const deck = decks.get(audience)!;
      expect(deck.sections.length, audience).toBeGreaterThanOrEqual(3);
      expect(sections(audience).filter(isDivider).map(heading), audience).toEqual(
        deck.sections.map((s) => s.title),
      );
      const planned = deck.sections.reduce((sum, s) => sum + s.minutes, 0);
      expect(planned, audience).toBeLessThanOrEqual(deck.duration - 2);
      expect(planned, audience).toBeGreaterThanOrEqual(deck.duration * 0.6);
    }
  });

  it("gives every content slide a heading and notes in three parts: Say, Caveat, If asked", () => {
    for (const audience of AUDIENCES) {
      for (const s of contentSlides(audience)) {
        expect(heading(s), `${audience} #${s.id}`).not.toBe("");
        const notes = s.querySelector("aside.notes")?.textContent ?? "";
        for (const part of ["Say:", "Caveat:", "If asked:"])
          expect(notes, `${audience} #${s.id} notes lack "${part}"`).toContain(part);
      }
    }
  });

  it("binds every figure of the dataset in one deck or the other, and computes each by SQL", () => {
    const used = new Set(AUDIENCES.flatMap((a) => [...figuresUsed(a)]));
    expect(dataset.keys().filter((key) => !used.has(key))).toEqual([]);
    for (const key of dataset.keys())
      expect(dataset.figure(key)!.derivation?.sql, key).toBeTruthy();
  });

  it("shows the board the headline callout and the decision's comparison on screen", () => {
    const shown = (id: string) =>
      [...slide("board", id).querySelectorAll("[data-figure]")]
        .filter((el) => !el.closest("aside.notes"))
        .map((el) => el.getAttribute("data-figure"));
    expect(slide("board", "headline").querySelector(".fd-stat")).not.toBeNull();
    expect(shown("headline")).toContain("total.mean_2009");
    expect(shown("takeaways-board")).toEqual(
      expect.arrayContaining(["rates.spread_latest", "latest.construction_count"]),
    );
  });

  it("draws the monthly line chart of three named industries from January 2007, from the trend table", () => {
    for (const audience of AUDIENCES) {
      const chart = slide(audience, "trend").querySelector("figure.fd-chart");
      expect(chart?.getAttribute("data-table"), audience).toBe("trend");
      const svg = chart!.querySelector("svg")!.textContent ?? "";
      for (const series of ["Construction", "Manufacturing", "Government"])
        expect(svg, `${audience}: ${series}`).toContain(series);
      // Its rows reach screen readers as a table: three series × the months from January 2007
      // to February 2010.
      const rows = chart!.querySelectorAll(".fd-sr-only tbody tr, table tbody tr");
      expect(rows.length, audience).toBe(3 * (3 * 12 + 2));
    }
  });

  it("puts a table of February 2010 on a slide for both audiences, largest count first", () => {
    for (const audience of AUDIENCES) {
      const table = slide(audience, "where").querySelector(
        "figure.fd-table[data-table='latest'] table",
      );
      expect(table, audience).not.toBeNull();
      // As many rows as the slide asks for, each with its count and rate.
      expect(table!.querySelectorAll("tbody tr").length, audience).toBe(6);
      const first = table!.querySelector("tbody tr")?.textContent ?? "";
      expect(first, audience).toContain("Construction");
      expect(first, audience).toContain("2,440");
    }
  });

  it("states in its headings only what the figures show", () => {
    // "Construction … was still rising when the file ends": its last month is its highest.
    expect(value("rates.construction_latest")).toBe(value("rates.construction_highest"));
    // "No industry was back to its 2007 rate": all are above February 2007.
    expect(value("recovery.above_2007")).toBe(value("file.industries"));
    // "Unemployment roughly doubled": the 2009 average is about twice 2007's.
    expect(value("total.ratio_2009_2007")).toBeGreaterThanOrEqual(1.8);
    expect(value("total.ratio_2009_2007")).toBeLessThanOrEqual(2.2);
    // "Agriculture and construction follow the seasons": their swings lead the rest.
    expect(value("seasons.construction_swing")).toBeGreaterThan(
      2 * value("seasons.others_largest_swing"),
    );
    // "Every industry's rate rose".
    expect(value("rise.smallest")).toBeGreaterThan(0);
  });

  it("quotes the BLS disclaimer on screen for both audiences", () => {
    for (const audience of AUDIENCES)
      expect(visibleText(slide(audience, "data")), audience).toContain(
        "BLS.gov cannot vouch for the data or analyses derived from these data after the data have been retrieved from BLS.gov.",
      );
  });

  it("lists BLS Table A-31 and the vega-datasets copy on the sources slide, marked secondary", () => {
    for (const audience of AUDIENCES) {
      const sourcesSlide = sections(audience).find((s) => s.id === "sources");
      const listed = [...sourcesSlide!.querySelectorAll("li[id^='source-']")].map((li) => li.id);
      expect(listed, audience).toEqual(["source-bls-cps-a31", "source-vega-datasets"]);
      const bls = sourcesSlide!.querySelector("#source-bls-cps-a31")!.textContent ?? "";
      expect(bls).toContain("Bureau of Labor Statistics");
      expect(bls).toContain("https://www.bls.gov/web/empsit/cpseea31.htm");
      expect(bls).toMatch(/secondary source/);
    }
  });

  it("shows the deck's own logo, not the BLS logo, with alt text, and a footer naming the data", () => {
    for (const audience of AUDIENCES) {
      const { chrome } = decks.get(audience)!;
      expect(chrome?.logo?.url, audience).toMatch(/slides\/unemployment\/logo\.svg$/);
      expect(chrome?.logo?.alt, audience).toBe("Workforce briefing");
      expect(chrome?.footer, audience).toContain("Table A-31");
    }
  });
});

import path from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { type Dataset, loadDataset } from "../../src/data/index.ts";
import { hasErrors } from "../../src/errors/index.ts";
import type { RenderedDeck } from "../../src/mdx/render-deck.ts";
import { renderProject } from "../../src/project/index.ts";
import { printed, ROOT } from "../helpers.ts";

const DECK = "ussc-nonproduction";
const AUDIENCES = ["judges", "probation", "policy"];

let decks: Map<string, RenderedDeck>;
let dataset: Dataset;

beforeAll(async () => {
  const result = await renderProject({ root: ROOT, deck: DECK });
  if (hasErrors(result.diagnostics)) throw new Error(printed(result.diagnostics));
  decks = new Map(result.decks.map((d) => [d.audience, d]));
  const loaded = await loadDataset(path.join(ROOT, "data"), "ussc-fy2019");
  if (!loaded.dataset) throw new Error(printed(loaded.diagnostics));
  dataset = loaded.dataset;
});

/** The deck's top-level slides as DOM sections. */
function sections(audience: string): HTMLElement[] {
  const deck = decks.get(audience);
  if (!deck) throw new Error(`no ${audience} deck was rendered`);
  const { document } = parseHTML(`<!doctype html><html><body>${deck.slidesHtml}</body></html>`);
  return [...document.body.children].filter((el) => el.tagName === "SECTION") as HTMLElement[];
}

const slideOf = (s: HTMLElement) => s.getAttribute("data-fd-slide") ?? "";
const isTitle = (s: HTMLElement) => slideOf(s) === "title";
const isSources = (s: HTMLElement) => slideOf(s) === "sources";
/** A generated section divider: its notes are the plan's timing, not Say/Caveat/If asked. */
const isDivider = (s: HTMLElement) => s.classList.contains("fd-divider");
const contentSlides = (audience: string) =>
  sections(audience).filter((s) => !isTitle(s) && !isSources(s) && !isDivider(s));
const heading = (s: HTMLElement) => s.querySelector("h1, h2")?.textContent?.trim() ?? "";

/** Figure keys shown on the slides or in their notes, leaving out the generated sources slides. */
function figuresUsed(audience: string): Set<string> {
  const keys = new Set<string>();
  for (const s of sections(audience).filter((x) => !isSources(x))) {
    for (const el of s.querySelectorAll("[data-figure]")) keys.add(el.getAttribute("data-figure")!);
    for (const el of s.querySelectorAll("[data-figures]"))
      for (const key of el.getAttribute("data-figures")!.split(/\s+/)) keys.add(key);
  }
  return keys;
}

/** Sources the slides (or their notes) cite without a figure, with <Cite>. */
function citedSources(audience: string): Set<string> {
  const cited = sections(audience).flatMap((s) => [...s.querySelectorAll("[data-cite]")]);
  return new Set(cited.map((el) => el.getAttribute("data-cite")!));
}

/** Visible text of a slide: without speaker notes and screen-reader-only tables. */
function visibleText(s: HTMLElement): string {
  const copy = s.cloneNode(true) as HTMLElement;
  for (const el of copy.querySelectorAll("aside.notes, .fd-sr-only")) el.remove();
  return copy.textContent ?? "";
}

describe("the flagship briefing", () => {
  it("is built for judges, probation officers and policy staff", () => {
    expect([...decks.keys()].sort()).toEqual([...AUDIENCES].sort());
  });

  it("gives each audience about one content slide per three minutes, and policy the shortest talk", () => {
    for (const audience of AUDIENCES) {
      const { duration } = decks.get(audience)!;
      expect(contentSlides(audience).length, audience).toBeGreaterThanOrEqual(duration / 3);
    }
    const policy = contentSlides("policy").length;
    expect(policy).toBeLessThan(contentSlides("judges").length);
    expect(policy).toBeLessThan(contentSlides("probation").length);
  });

  it("opens every audience's deck with the title, then the content notice", () => {
    for (const audience of AUDIENCES) {
      const [title, notice] = sections(audience);
      expect(title?.querySelector("h1"), audience).not.toBeNull();
      expect(heading(notice!), audience).toBe("Content notice");
      expect(notice!.querySelector(".fd-notice"), audience).not.toBeNull();
    }
  });

  it("says on the title slide which audience the briefing is for", () => {
    const names: Record<string, string> = {
      judges: "judges",
      probation: "probation officers",
      policy: "policy staff",
    };
    for (const audience of AUDIENCES) {
      const text = visibleText(sections(audience)[0]!).toLowerCase();
      expect(text, audience).toContain(`for ${names[audience]}`);
      for (const other of AUDIENCES.filter((a) => a !== audience))
        expect(text, audience).not.toContain(`for ${names[other]}`);
    }
  });

  it("has a terminology note naming the statutory term and CSAM, and an agenda, in every deck", () => {
    for (const audience of AUDIENCES) {
      const headings = contentSlides(audience).map(heading);
      expect(headings.slice(1, 3), audience).toEqual(["Terminology", "Agenda"]);
      const terminology = visibleText(contentSlides(audience)[1]!);
      expect(terminology).toContain("Child pornography");
      expect(terminology).toContain("child sexual abuse material");
      expect(terminology).toContain("CSAM");
    }
  });

  it("groups each talk into sections, each opened by a divider and listed on the agenda", () => {
    for (const audience of AUDIENCES) {
      const deck = decks.get(audience)!;
      expect(deck.sections.length, audience).toBeGreaterThanOrEqual(4);
      const all = sections(audience);
      // The dividers name the sections in order, and the first follows the agenda directly.
      expect(all.filter(isDivider).map(heading), audience).toEqual(
        deck.sections.map((s) => s.title),
      );
      const agendaAt = all.findIndex((s) => heading(s) === "Agenda");
      expect(isDivider(all[agendaAt + 1]!), audience).toBe(true);
      // Every content slide after the agenda belongs to a section.
      expect(contentSlides(audience).slice(3).map(slideOf), audience).toEqual(
        deck.sections.flatMap((s) => s.slides),
      );
      // The agenda is generated from the sections: titles and planned minutes.
      const items = [...all[agendaAt]!.querySelectorAll(".fd-agenda li")].map((li) =>
        (li.textContent ?? "").replace(/\s+/g, " ").trim(),
      );
      expect(items, audience).toEqual(deck.sections.map((s) => `${s.title} ${s.minutes} min`));
    }
  });

  it("plans each section's minutes so that the talk fits its length, with time to open and close", () => {
    for (const audience of AUDIENCES) {
      const deck = decks.get(audience)!;
      expect(
        deck.sections.every((s) => s.stated),
        `${audience}: minutes written in deck.yaml`,
      ).toBe(true);
      const planned = deck.sections.reduce((sum, s) => sum + s.minutes, 0);
      expect(planned, audience).toBeLessThanOrEqual(deck.duration - 2);
      expect(planned, audience).toBeGreaterThanOrEqual(deck.duration * 0.8);
      // Discussion gets real time: the last section holds the takeaways and the questions.
      const last = deck.sections.at(-1)!;
      expect(
        last.slides.some((id) => id.startsWith("questions-")),
        audience,
      ).toBe(true);
      expect(last.minutes, audience).toBeGreaterThanOrEqual(4);
    }
  });

  it("ends the talk with one sources slide and a closing slide, the figure tables after it as backup", () => {
    for (const audience of AUDIENCES) {
      const ids = sections(audience).map((s) => s.id);
      const end = ids.indexOf("fd-end");
      expect(ids[end - 1], audience).toBe("sources");
      expect(
        ids.slice(0, end).filter((id) => id.startsWith("sources")),
        audience,
      ).toEqual(["sources"]);
      expect(ids.slice(end + 1).length, audience).toBeGreaterThan(0);
      expect(
        ids.slice(end + 1).every((id) => id.startsWith("sources-")),
        audience,
      ).toBe(true);
      const closing = sections(audience)[end]!;
      expect(closing.querySelector(".fd-end-text")?.textContent?.trim(), audience).toBeTruthy();
    }
    // For the bench, the closing leaves the judgment with the court.
    const judges = sections("judges").find((s) => s.id === "fd-end")!;
    expect(judges.querySelector(".fd-end-text")?.textContent).toMatch(/court/);
  });

  it("gives every slide a heading: h1 on the title slide, h2 elsewhere", () => {
    for (const audience of AUDIENCES) {
      for (const s of sections(audience)) {
        const tag = isTitle(s) ? "h1" : "h2";
        expect(s.querySelector(tag)?.textContent?.trim(), `${audience} #${s.id}`).toBeTruthy();
      }
    }
  });

  it("has speaker notes with something to say on every slide but the title and sources", () => {
    for (const audience of AUDIENCES) {
      for (const s of contentSlides(audience)) {
        const notes = s.querySelector("aside.notes");
        expect(notes, `${audience} #${s.id} has no notes`).not.toBeNull();
        expect(notes!.textContent!.trim().length, `${audience} #${s.id}`).toBeGreaterThan(40);
      }
    }
  });

  it("tells the presenter on every content slide what to say, the caveat, and a likely question", () => {
    for (const audience of AUDIENCES) {
      for (const s of contentSlides(audience)) {
        const notes = s.querySelector("aside.notes")?.textContent ?? "";
        for (const part of ["Say:", "Caveat:", "If asked:"])
          expect(notes, `${audience} #${s.id} notes lack "${part}"`).toContain(part);
      }
    }
  });

  it("binds every figure of the dataset in the judges deck, except the secondary trend figures", () => {
    const used = figuresUsed("judges");
    const expected = dataset.keys().filter((key) => !key.startsWith("trends."));
    expect(expected.filter((key) => !used.has(key))).toEqual([]);
  });

  it("lists on each deck's sources slide exactly the sources of the figures it uses and the reports it cites", () => {
    for (const audience of AUDIENCES) {
      const used = [...figuresUsed(audience)];
      const expected = new Set([
        ...used.map((key) => dataset.figure(key)!.source),
        ...citedSources(audience),
      ]);
      const sourcesSlide = sections(audience).find((s) => s.id === "sources");
      expect(sourcesSlide, audience).toBeDefined();
      const listed = [...sourcesSlide!.querySelectorAll("li[id^='source-']")].map((li) =>
        li.id.slice("source-".length),
      );
      expect(new Set(listed), audience).toEqual(expected);
      expect(listed.length, `${audience}: a source listed twice`).toBe(expected.size);
      // And the figure index that follows lists every figure the deck shows, once.
      const indexed = sections(audience)
        .filter((s) => isSources(s) && s.id !== "sources")
        .flatMap((s) => [...s.querySelectorAll("tr[data-figure]")])
        .map((tr) => tr.getAttribute("data-figure"));
      expect([...indexed].sort(), audience).toEqual([...used].sort());
    }
  });

  it("cites the 2021 report in every deck, and the 2012 report where the recommendation rests on it", () => {
    for (const audience of AUDIENCES) {
      const listed = (id: string) =>
        sections(audience)
          .find((s) => s.id === "sources")!
          .querySelector(`#source-${id}`);
      expect(listed("ussc-2021-report"), audience).not.toBeNull();
      const recommendation = contentSlides(audience).find(
        (s) => slideOf(s) === "recommendation-2012",
      );
      if (!recommendation) continue;
      expect(listed("ussc-2012-report"), audience).not.toBeNull();
      // On the slide itself: its source line names the 2012 report.
      expect(recommendation.querySelector(".fd-source-line")?.textContent, audience).toContain(
        "USSC 2012",
      );
    }
  });

  it("marks secondary figures as secondary wherever they are charted or read out", () => {
    for (const audience of AUDIENCES) {
      for (const s of contentSlides(audience)) {
        const charted = [...s.querySelectorAll("[data-figures]")].flatMap((el) =>
          el.getAttribute("data-figures")!.split(/\s+/),
        );
        if (charted.some((key) => dataset.figure(key)?.status === "secondary"))
          expect(visibleText(s).toLowerCase(), `${audience} #${s.id}`).toContain(
            "secondary source",
          );
        const notes = s.querySelector("aside.notes");
        const inNotes = [...(notes?.querySelectorAll("[data-figure]") ?? [])].map((el) =>
          el.getAttribute("data-figure"),
        );
        if (inNotes.some((key) => key && dataset.figure(key)?.status === "secondary"))
          expect(notes!.textContent!.toLowerCase(), `${audience} #${s.id} notes`).toContain(
            "secondary",
          );
      }
    }
  });

  it("keeps the fact check's qualifiers next to the figures that need them", () => {
    for (const audience of AUDIENCES) {
      for (const s of contentSlides(audience)) {
        const text = s.textContent ?? "";
        if (s.querySelector("[data-figure='factors.aggravating_conduct']"))
          expect(text, `${audience} #${s.id}`).toContain("prior to, or concurrently with");
        if (s.querySelector("[data-figures~='disparities.possession_range']")) {
          expect(text, `${audience} #${s.id}`).toContain("similarly situated");
          // The ranges compare offenders with similar guideline calculations: said on screen.
          expect(visibleText(s), `${audience} #${s.id}`).toContain(
            "similar guideline calculations",
          );
        }
        if (s.querySelector("[data-figures~='factors.online_community']"))
          expect(visibleText(s), `${audience} #${s.id}`).toContain("more than");
        if (s.querySelector("[data-figures~='enhancements.sadistic_or_infant']"))
          expect(text, `${audience} #${s.id}`).toMatch(/narrower|broader/);
      }
    }
  });

  it("attributes the Commission's judgements to the Commission wherever a slide states them", () => {
    const judgements = [/outdated/i, /meant for serious/i, /intended to target/i, /vary downward/i];
    for (const audience of AUDIENCES) {
      for (const s of contentSlides(audience)) {
        const copy = s.cloneNode(true) as HTMLElement;
        for (const el of copy.querySelectorAll("aside.notes, .fd-sr-only, svg")) el.remove();
        for (const block of copy.querySelectorAll("h2, p, li, blockquote")) {
          const text = block.textContent ?? "";
          if (!judgements.some((re) => re.test(text))) continue;
          const quoted = block.tagName === "BLOCKQUOTE" || block.closest("blockquote") !== null;
          if (quoted) continue; // a quotation is attributed by the line that follows it (next test)
          expect(text, `${audience} #${s.id}`).toMatch(/Commission|\bIt found\b/);
        }
      }
    }
  });

  it("follows every quotation with an attribution line, and marks a cut with an ellipsis", () => {
    for (const audience of AUDIENCES) {
      for (const s of contentSlides(audience)) {
        for (const quote of s.querySelectorAll("blockquote")) {
          if (quote.closest("aside.notes")) continue;
          const attribution = quote.nextElementSibling?.textContent?.trim() ?? "";
          expect(attribution, `${audience} #${s.id}`).toMatch(/^— U\.S\. Sentencing Commission/);
        }
      }
    }
    // The typical-offender quotation stops before the end of the fact sheet's sentence.
    const typical = contentSlides("judges").find((s) => slideOf(s) === "typical")!;
    expect(typical.querySelector("blockquote")?.textContent?.trim()).toMatch(/…$/);
  });

  it("says that sentences below the guideline range include departures, and that FY2005 straddles Booker", () => {
    for (const audience of ["judges", "policy"]) {
      const slide = contentSlides(audience).find((s) => slideOf(s) === "variances");
      expect(slide, audience).toBeDefined();
      const text = visibleText(slide!);
      expect(text).toMatch(/below the guideline range/i);
      expect(text).toMatch(/departures/i);
      expect(text).toContain("Booker");
    }
  });

  it("charts no rearrest rate beside failure to register, and no share of offenses beside shares of offenders", () => {
    const apart: Array<[string, string[]]> = [
      [
        "recidivism.failure_to_register_rate",
        ["recidivism.rearrested", "recidivism.sex_offense_rate"],
      ],
      ["factors.infant_toddler", ["factors.online_community", "factors.aggravating_conduct"]],
    ];
    for (const audience of AUDIENCES) {
      for (const chart of sections(audience).flatMap((s) => [
        ...s.querySelectorAll("[data-figures]"),
      ])) {
        const keys = chart.getAttribute("data-figures")!.split(/\s+/);
        for (const [one, others] of apart)
          if (keys.includes(one))
            expect(
              keys.filter((k) => others.includes(k)),
              `${audience}: ${keys.join(" ")}`,
            ).toEqual([]);
      }
    }
  });

  it("shows the recidivism figures on one slide per deck, with failure to register called a separate outcome", () => {
    const shows = (s: HTMLElement, key: string) =>
      [...s.querySelectorAll(`[data-figure='${key}'], [data-figures~='${key}']`)].some(
        (el) => !el.closest("aside.notes"),
      );
    for (const audience of ["judges", "probation"]) {
      const slides = contentSlides(audience).filter((s) => slideOf(s).startsWith("recidivism"));
      expect(slides.map(slideOf), audience).toEqual(["recidivism"]);
      for (const key of [
        "recidivism.rearrested",
        "recidivism.sex_offense_rate",
        "recidivism.failure_to_register_rate",
      ])
        expect(shows(slides[0]!, key), `${audience}: ${key}`).toBe(true);
      expect(visibleText(slides[0]!)).toContain("not a rearrest");
    }
  });

  it("keeps secondary figures off the judges and policy decks while their source is incomplete", () => {
    for (const audience of ["judges", "policy"]) {
      const secondary = [...figuresUsed(audience)].filter(
        (key) => dataset.figure(key)?.status !== "primary",
      );
      expect(secondary, audience).toEqual([]);
    }
    // The overview shows primary figures only, in every deck that has it.
    for (const audience of AUDIENCES) {
      const overview = contentSlides(audience).find((s) => slideOf(s) === "overview");
      if (!overview) continue;
      const shown = [...overview.querySelectorAll("[data-figure]")].map(
        (el) => el.getAttribute("data-figure")!,
      );
      expect(
        shown.filter((k) => dataset.figure(k)?.status !== "primary"),
        audience,
      ).toEqual([]);
    }
  });

  it("states findings in headings, not where a figure came from", () => {
    for (const audience of AUDIENCES) {
      for (const s of contentSlides(audience))
        expect(heading(s), `${audience} #${s.id}`).not.toMatch(/\bsource\b|secondary/i);
    }
  });

  it("is a different talk for each audience: its own order, agenda and questions", () => {
    const order = (a: string) => contentSlides(a).map(slideOf).join(" ");
    expect(new Set(AUDIENCES.map(order)).size).toBe(AUDIENCES.length);
    for (const name of ["Agenda", "Questions for discussion"]) {
      const texts = AUDIENCES.map((a) => {
        const slide = contentSlides(a).find((s) => heading(s) === name);
        expect(slide, `${a}: no "${name}" slide`).toBeDefined();
        return visibleText(slide!);
      });
      expect(new Set(texts).size, name).toBe(AUDIENCES.length);
    }
  });
});

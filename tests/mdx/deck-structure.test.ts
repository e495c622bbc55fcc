import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, describe, expect, it } from "vitest";
import { loadDataset, loadDeck } from "../../src/data/index.ts";
import { renderDeck } from "../../src/mdx/render-deck.ts";
import { fixture } from "../helpers.ts";

const work = mkdtempSync(path.join(os.tmpdir(), "factdeck-structure-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
cpSync(fixture("projects", "mini"), work, { recursive: true });
const deckDir = path.join(work, "slides", "mini");
writeFileSync(
  path.join(deckDir, "deck.yaml"),
  `title: A mini deck
dataset: mini
closing: { title: Questions?, text: "Write to the training team." }
audiences:
  everyone:
    label: Everyone
    duration: 20
    slides:
      - intro
      - agenda
      - { section: "What the data show", slides: [facts] }
      - { section: "What follows", minutes: 4, slides: [layout, closing] }
  plain:
    label: Plain
    duration: 5
    slides: [intro, facts, sources]
`,
);
writeFileSync(path.join(deckDir, "agenda.mdx"), "## Agenda\n\n<Agenda/>\n");
writeFileSync(
  path.join(deckDir, "layout.mdx"),
  `## Two columns

<Columns widths="2 1">
<Chart kind="bars" of="mini.rearrested mini.rate" title="Few rearrests were for a sex offense" domain="0 40"/>
<Steps>
- First point
- Second point
</Steps>
</Columns>
`,
);
const { dataset } = await loadDataset(path.join(work, "data"), "mini");
const loaded = loadDeck(path.join(work, "slides"), "mini");
if (!loaded.deck) throw new Error(JSON.stringify(loaded.diagnostics));
const deck = loaded.deck;
const everyone = await renderDeck(deck, "everyone", dataset!);
const plain = await renderDeck(deck, "plain", dataset!);

function sections(html: string): HTMLElement[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return [...document.body.children] as HTMLElement[];
}
const visible = (s: HTMLElement) => {
  const copy = s.cloneNode(true) as HTMLElement;
  for (const el of copy.querySelectorAll("aside.notes, .fd-sr-only")) el.remove();
  return (copy.textContent ?? "").replace(/\s+/g, " ").trim();
};

describe("an audience's slide list with sections", () => {
  it("keeps the flat list every other part of factdeck reads, and the sections beside it", () => {
    const a = deck.config.audiences.everyone!;
    expect(a.slides).toEqual(["intro", "agenda", "facts", "layout", "closing"]);
    expect(a.sections.map((s) => [s.title, s.start, s.slides])).toEqual([
      ["What the data show", 2, ["facts"]],
      ["What follows", 3, ["layout", "closing"]],
    ]);
  });

  it("opens each section with a divider: its part number, its title, every part listed", () => {
    const ids = sections(everyone.slidesHtml).map((s) => s.id);
    expect(ids).toEqual([
      "intro",
      "agenda",
      "fd-part-1",
      "facts",
      "facts-2",
      "fd-part-2",
      "layout",
      "closing",
      "sources",
      "fd-end",
      "sources-2",
    ]);
    const divider = sections(everyone.slidesHtml).find((s) => s.id === "fd-part-2")!;
    expect(divider.querySelector(".fd-divider-kicker")?.textContent).toBe("Part 2 of 2");
    expect(
      [...divider.querySelectorAll(".fd-divider-parts li")].map((li) => li.textContent),
    ).toEqual(["What the data show", "What follows"]);
    expect(divider.querySelector("h2")?.textContent).toBe("What follows");
    expect(divider.querySelector("[aria-current]")?.textContent).toBe("What follows");
    // The presenter learns the planned time from the divider's notes.
    expect(divider.querySelector("aside.notes")?.textContent).toMatch(
      /Planned: 4 min, from minute \d+ to minute \d+ of 20/,
    );
  });

  it("feeds the agenda: each section with its minutes, stated or its share by slide count", () => {
    const agenda = sections(everyone.slidesHtml).find((s) => s.id === "agenda")!;
    const items = [...agenda.querySelectorAll(".fd-agenda li")].map((li) =>
      li.textContent?.replace(/\s+/g, " ").trim(),
    );
    // One of five listed slides is a fifth of 20 minutes.
    expect(items).toEqual(["What the data show 4 min", "What follows 4 min"]);
    expect(everyone.sections.map((s) => s.minutes)).toEqual([4, 4]);
  });

  it("renders a list without sections as before: no divider", () => {
    const ids = sections(plain.slidesHtml).map((s) => s.id);
    expect(ids).toEqual(["intro", "facts", "facts-2", "sources", "fd-end", "sources-2"]);
  });
});

describe("the end of the talk", () => {
  it("has one sources slide with how many figures each source supports, and no bookkeeping on screen", () => {
    const slides = sections(everyone.slidesHtml).filter((s) => s.id === "sources");
    expect(slides).toHaveLength(1);
    const text = visible(slides[0]!);
    expect(text).toContain("Supports 5 figures.");
    expect(text).not.toContain("Table 2");
  });

  it("ends on the closing slide from deck.yaml, with the figure tables after it as backup", () => {
    const all = sections(everyone.slidesHtml);
    const end = all.findIndex((s) => s.id === "fd-end");
    expect(visible(all[end]!)).toContain("Questions?");
    expect(visible(all[end]!)).toContain("Write to the training team.");
    const after = all.slice(end + 1);
    expect(after.length).toBeGreaterThan(0);
    for (const s of after) expect(s.hasAttribute("data-fd-backup")).toBe(true);
    expect(after.flatMap((s) => [...s.querySelectorAll("tr[data-figure]")]).length).toBe(5);
  });
});

describe("source lines", () => {
  it("close every slide that shows figures with their source and locators, linked to the sources slide", () => {
    const facts = sections(everyone.slidesHtml).find((s) => s.id === "facts")!;
    const line = facts.querySelector(".fd-source-line")!;
    expect(line.getAttribute("data-count")).toBe("1");
    expect(line.querySelector("a")?.getAttribute("href")).toBe("#/sources");
    expect(line.textContent).toBe("Source: Test 2021, Table 1; Table 2");
    // Figures in the notes are not on the slide, so they add nothing to its line.
    expect(line.textContent).not.toContain("[1]");
  });

  it("are left off slides without figures", () => {
    const intro = sections(everyone.slidesHtml).find((s) => s.id === "intro")!;
    expect(intro.querySelector(".fd-source-line")).toBeNull();
  });

  it("mark a figure with a boxed number on the line, not a superscript", () => {
    expect(everyone.slidesHtml).not.toContain("<sup");
    expect(everyone.slidesHtml).toMatch(/<a class="fd-src" href="#\/sources" data-source="1"/);
  });
});

describe("layout components", () => {
  const layout = () => sections(everyone.slidesHtml).find((s) => s.id === "layout")!;

  it("<Columns> lays out each child as a column with the stated shares", () => {
    const columns = layout().querySelector(".fd-columns")!;
    expect(columns.getAttribute("style")).toBe(
      "grid-template-columns: minmax(0, 2fr) minmax(0, 1fr)",
    );
    expect(columns.children).toHaveLength(2);
  });

  it("draws a chart in a column for the column's width, so its text keeps its size", () => {
    const svg = layout().querySelector("svg")!;
    const width = Number(svg.getAttribute("viewBox")!.split(" ")[2]);
    expect(width).toBeLessThan(1000);
    expect(width).toBeGreaterThan(600);
    expect(layout().textContent).toContain("Scale: 0 to 40%, not to 100%");
  });

  it("<Steps> makes each list item a reveal.js fragment", () => {
    const items = [...layout().querySelectorAll(".fd-steps li")];
    expect(items).toHaveLength(2);
    for (const li of items) expect(li.getAttribute("class")).toBe("fragment");
  });
});

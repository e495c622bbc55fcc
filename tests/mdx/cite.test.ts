import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, describe, expect, it } from "vitest";
import { CHART_KINDS } from "../../src/charts/index.ts";
import { loadDataset, loadDeck } from "../../src/data/index.ts";
import { compileSlides } from "../../src/mdx/compile.ts";
import { renderDeck } from "../../src/mdx/render-deck.ts";
import { validateReferences } from "../../src/mdx/validate.ts";
import { fixture } from "../helpers.ts";

// The mini project, with a second source that no figure uses: a report the slides cite in words.
const work = mkdtempSync(path.join(os.tmpdir(), "factdeck-cite-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
cpSync(fixture("projects", "mini"), work, { recursive: true });
appendFileSync(
  path.join(work, "data", "sources.yaml"),
  `  test-report:
    title: A test report to Congress
    publisher: Test Commission
    date: "2012-12"
    short: Test report 2012
`,
);
const deckDir = path.join(work, "slides", "mini");
writeFileSync(
  path.join(deckDir, "deck.yaml"),
  `title: A mini deck
dataset: mini
audiences:
  everyone:
    label: Everyone
    duration: 10
    slides: [words, figures, notes-only]
`,
);
writeFileSync(
  path.join(deckDir, "words.mdx"),
  `## The Commission found the guideline outdated

It asked for authority to amend it.<Cite source="test-report" locator="ch. 2"/>
`,
);
writeFileSync(
  path.join(deckDir, "figures.mdx"),
  `## A figure and a finding

<Value of="mini.rearrested"/> were rearrested, and the report says why.<Cite source="test-report"/>
`,
);
writeFileSync(
  path.join(deckDir, "notes-only.mdx"),
  `## Only the notes cite the report

<Value of="mini.rate"/> for a sex offense.

<Notes>
The report has more.<Cite source="test-report"/>
</Notes>
`,
);
const { dataset } = await loadDataset(path.join(work, "data"), "mini");
const loaded = loadDeck(path.join(work, "slides"), "mini");
if (!loaded.deck || !dataset) throw new Error(JSON.stringify(loaded.diagnostics));
const rendered = await renderDeck(loaded.deck, "everyone", dataset);
const { document } = parseHTML(`<!doctype html><html><body>${rendered.slidesHtml}</body></html>`);
const slide = (id: string) => document.getElementById(id)!;
const line = (id: string) =>
  slide(id).querySelector(".fd-source-line")?.textContent?.replace(/\s+/g, " ").trim();

describe("<Cite source>", () => {
  it("puts a source the slide relies on in words on its source line, with its locator", () => {
    expect(line("words")).toBe("Source: Test report 2012, ch. 2");
    expect(slide("words").querySelector("[data-cite='test-report']")).not.toBeNull();
  });

  it("numbers it beside the figures' sources when a slide draws on both", () => {
    expect(line("figures")).toBe("Sources: 1 Test report 2012 · 2 Test 2021, Table 2");
    // The mark in the text carries the same number as the line.
    expect(slide("figures").querySelector("[data-cite] .fd-src")?.textContent).toBe("1");
  });

  it("lists the source on the sources slide with no figures, and adds no row to the figure tables", () => {
    expect(rendered.sources).toEqual(["test-report", "test-source"]);
    const listed = slide("sources").querySelector("#source-test-report");
    expect(listed?.textContent).toContain("A test report to Congress");
    expect(listed?.textContent).toContain("Cited; supports no figure.");
    expect(rendered.used.map((u) => u.figure.source)).not.toContain("test-report");
  });

  it("in speaker notes cites the source as [n] without putting it on the slide's source line", () => {
    expect(slide("notes-only").querySelector("aside.notes")?.textContent).toContain("[1]");
    expect(line("notes-only")).toBe("Source: Test 2021, Table 1");
  });

  it("stops the build at an unknown source, naming the nearest registered one", async () => {
    const file = path.join(deckDir, "typo.mdx");
    const { compiled } = await compileSlides(
      file,
      '## Typo\n\nText.<Cite source="test-reprot"/>\n',
      "typo",
    );
    const found = validateReferences(compiled!.references, {
      dataset,
      audiences: ["everyone"],
      chartKinds: CHART_KINDS,
    });
    expect(found.map((d) => d.code)).toEqual(["FD_MDX_UNKNOWN_SOURCE"]);
    expect(found[0]!.at).toMatchObject({ line: 3, column: 12 });
    expect(found[0]!.hint).toContain('"test-report"');
  });
});

import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import type { Figure } from "../../src/data/index.ts";
import { readDeckContent } from "../../src/export/deck-content.ts";
import { handoutHtml } from "../../src/export/handout-html.ts";
import { FigureTableSlides } from "../../src/mdx/sources-slide.tsx";

// A computed figure as the dataset loader leaves it: its query and the files it read.
const computed: Figure = {
  value: 12.5,
  unit: "percent",
  precision: 1,
  label: "Share of cases over the median",
  source: "court-data",
  status: "primary",
  derivation: {
    sql: "select avg(over_median) * 100 from cases",
    exact: 12.4987,
    tables: [{ name: "cases", file: "cases.csv" }],
    files: [{ file: "cases.csv", sha256: "ab".repeat(32) }],
  },
};
const typed: Figure = { ...computed, derivation: undefined, locator: "Table 3", value: 40 };

const backup = renderToString(
  h(FigureTableSlides, {
    used: [
      { key: "cases.over_median", figure: computed, slides: ["a"] },
      { key: "cases.typed", figure: typed, slides: ["a"] },
    ],
    sources: ["court-data"],
  }),
);
const page = `<html lang="en"><head><title>T</title></head><body><div class="reveal"><div class="slides">${backup}</div></div></body></html>`;

describe("a computed figure's derivation", () => {
  it("is printed in the backup figure table: the query and the files it read", () => {
    expect(backup).toContain("Computed from cases.csv:");
    expect(backup).toContain("<code>select avg(over_median) * 100 from cases</code>");
  });

  it("reaches both handouts' appendix, apart from the locator", () => {
    const content = readDeckContent(page);
    const row = content.figures.find((f) => f.key === "cases.over_median")!;
    expect(row.locator).toBe("—");
    expect(row.derivation?.sql).toBe("select avg(over_median) * 100 from cases");
    expect(content.figures.find((f) => f.key === "cases.typed")!.derivation).toBeUndefined();
    for (const reader of ["participant", "presenter"] as const) {
      const html = handoutHtml(content, {
        paper: "letter",
        layout: "1up",
        reader,
        stylesheets: [],
        theme: "print",
        deckTitle: "T",
        audienceLabel: "A",
      });
      expect(html, reader).toContain("<code>select avg(over_median) * 100 from cases</code>");
      // Only the script names dataset keys.
      expect(html.includes('class="fd-handout-key">cases.over_median'), reader).toBe(
        reader === "presenter",
      );
    }
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkRenderedCharts } from "../../src/check/accessibility.ts";
import { checkDerivedFigures, type DerivedContext } from "../../src/check/derived.ts";
import { readSlideFile } from "../../src/check/slide-file.ts";
import {
  type Deck,
  type Figure,
  loadDataset,
  loadDeck,
  type Relation,
} from "../../src/data/index.ts";
import { type RenderedDeck, renderDeck } from "../../src/mdx/render-deck.ts";
import { fixture } from "../helpers.ts";

const percent = (value: number, precision = 1): Figure => ({
  value,
  unit: "percent",
  precision,
  label: "A share",
  source: "s",
  status: "primary",
});

function context(figures: Record<string, Figure>, relations: Relation[]): DerivedContext {
  const lines = Object.keys(figures);
  return {
    relations,
    figure: (key) => figures[key],
    positionOf: (key) => ({ file: "data.yaml", line: lines.indexOf(key) + 1, column: 1 }),
    relationPosition: (index) => ({ file: "data.yaml", line: 100 + index, column: 1 }),
  };
}

describe("derived figures", () => {
  it("applies the GRIM test to shares of a declared whole", () => {
    const figures = {
      "o.total": { ...percent(0, 0), value: 25, unit: "count" as const },
      "o.a": percent(42.5),
      "o.b": percent(57.5),
      "o.c": percent(41.3),
    };
    // 42.5% of 25 needs 10.625 people; 41.3% needs 10.325; only multiples of 4% are possible.
    const shares = { kind: "shares", parts: ["o.a", "o.b"], of: "o.total" } as Relation;
    const found = checkDerivedFigures(context(figures, [shares]));
    expect(found.map((d) => d.code)).toEqual(["FD_CHECK_GRIM", "FD_CHECK_GRIM"]);
    expect(found[0]?.message).toContain("no whole number out of 25 rounds to 42.5%");

    const possible = { ...figures, "o.a": percent(44), "o.b": percent(56) };
    expect(checkDerivedFigures(context(possible, [shares]))).toEqual([]);
  });

  it("requires a rate's count and denominator to be counts", () => {
    const figures = {
      "r.count": { ...percent(47, 0), unit: "months" as const },
      "r.of": { ...percent(1093, 0), unit: "count" as const },
      "r.rate": percent(4.3),
    };
    const rate: Relation = { kind: "rate", count: "r.count", of: "r.of", rate: "r.rate" };
    const found = checkDerivedFigures(context(figures, [rate]));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: "FD_CHECK_RELATION_UNIT", at: { line: 1 } });
  });
});

describe("rendered charts", () => {
  const slide = readSlideFile(
    "slides/demo/chart.mdx",
    '## A chart\n\n<Chart kind="bars" of="a.b a.c" title="A takeaway"/>\n',
  )!;
  const deck = { id: "demo" } as Deck;
  const rendered = (figure: string) =>
    ({
      deck: "demo",
      slidesHtml: `<section data-fd-slide="chart">${figure}</section>`,
    }) as RenderedDeck;

  it("flags a chart rendered without a description, at the <Chart> tag", () => {
    const html =
      '<figure class="fd-chart" data-chart="bars" data-figures="a.b a.c"><svg role="img" aria-label="A takeaway"></svg><figcaption><span class="fd-chart-description"></span></figcaption></figure>';
    const found = checkRenderedCharts([rendered(html)], deck, new Map([["chart", slide]]));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: "FD_CHECK_CHART_DESCRIPTION", at: { line: 3 } });
    expect(found[0]?.message).toContain("a text description");
  });

  it("accepts a chart with an accessible name and a description", () => {
    const html =
      '<figure class="fd-chart" data-chart="bars" data-figures="a.b a.c"><svg role="img" aria-label="A takeaway"></svg><figcaption><span class="fd-chart-description">Bar chart of 2 figures.</span></figcaption></figure>';
    expect(checkRenderedCharts([rendered(html)], deck, new Map([["chart", slide]]))).toEqual([]);
  });
  it("reads the charts of a real render: each one found, and one stripped of its name flagged", async () => {
    const project = fixture("projects", "mini");
    const { dataset } = await loadDataset(`${project}/data`, "mini");
    const { deck: mini } = loadDeck(`${project}/slides`, "mini");
    const real = await renderDeck(mini!, "everyone", dataset!);
    const slides = new Map(
      [...mini!.slideFiles].map(([id, file]) => [
        id,
        readSlideFile(file, readFileSync(file, "utf8"))!,
      ]),
    );
    expect(real.slidesHtml).toContain('class="fd-chart"');
    expect(checkRenderedCharts([real], mini!, slides)).toEqual([]);
    const nameless = {
      ...real,
      slidesHtml: real.slidesHtml.replace(/(<svg\b[^>]*?)\saria-label="[^"]*"/, "$1"),
    };
    const found = checkRenderedCharts([nameless], mini!, slides);
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining("an accessible name")]);
  });
});

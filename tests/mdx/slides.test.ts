import { describe, expect, it } from "vitest";
import { CHART_KINDS } from "../../src/charts/index.ts";
import { loadDataset, loadDeck } from "../../src/data/index.ts";
import { compileSlides } from "../../src/mdx/compile.ts";
import { renderDeck } from "../../src/mdx/render-deck.ts";
import { validateReferences } from "../../src/mdx/validate.ts";
import { fixture, printed } from "../helpers.ts";

const project = fixture("projects", "mini");
const { dataset } = await loadDataset(`${project}/data`, "mini");
const ctx = { dataset: dataset!, audiences: ["everyone", "experts"], chartKinds: CHART_KINDS };

async function findings(source: string) {
  const file = `${project}/slides/mini/inline.mdx`;
  const { compiled, diagnostics } = await compileSlides(file, source, "inline");
  return [...diagnostics, ...(compiled ? validateReferences(compiled.references, ctx) : [])];
}

describe("slide files", () => {
  it("split into one section per top-level --- with stable ids", async () => {
    const { compiled } = await compileSlides(
      "a.mdx",
      "## One\n\n---\n\n## Two\n\n---\n\n## Three\n",
      "part",
    );
    expect(compiled?.slideCount).toBe(3);
    expect(JSON.stringify(compiled?.tree)).toContain('"part-3"');
  });

  it("render a GitHub-style Markdown table as a table, with its alignment", async () => {
    const { compiled, diagnostics } = await compileSlides(
      "t.mdx",
      "## Cases\n\n| Year | Cases |\n| --- | ---: |\n| FY2019 | many |\n",
      "t",
    );
    expect(diagnostics).toEqual([]);
    const tree = JSON.stringify(compiled?.tree);
    expect(tree).toContain('"tagName":"table"');
    expect(tree).toContain('"tagName":"th"');
    expect(tree).toMatch(/"tagName":"td","properties":\{"align":"right"\}/);
    expect(tree).not.toContain("| ---");
  });

  it.each([
    ['<Stat of="mini.rat"/>', "FD_MDX_UNKNOWN_KEY", 'did you mean "mini.rate"?'],
    ['<Stats of="mini.rate"/>', "FD_MDX_UNKNOWN_COMPONENT", 'did you mean "Stat"?'],
    [
      '<Value of="mini.rate" format="short"/>',
      "FD_MDX_UNKNOWN_ATTRIBUTE",
      'known attributes of <Value>: "of"',
    ],
    ["<Value/>", "FD_MDX_MISSING_ATTRIBUTE", '<Value of="recidivism.rearrested"/>'],
    ["<Value of={key}/>", "FD_MDX_EXPRESSION", 'of="…"'],
    ['<Audience only="expert">x</Audience>', "FD_MDX_UNKNOWN_AUDIENCE", 'did you mean "experts"?'],
    ["<Audience>x</Audience>", "FD_MDX_AUDIENCE", "exactly one"],
    ['<Chart kind="bar" of="mini.rate" title="t"/>', "FD_MDX_CHART_KIND", 'did you mean "bars"?'],
    ['import x from "y"\n\n## Hi', "FD_MDX_ESM", "remove the import"],
    ['## Hi\n\n<Value of="mini.rate">', "FD_MDX_SYNTAX", "not closed"],
  ])("%s → %s", async (source, code, hint) => {
    const list = await findings(`## A slide\n\n${source}\n`);
    const d = list.find((x) => x.code === code);
    expect(d, printed(list)).toBeDefined();
    expect(`${d!.hint ?? ""} ${d!.message}`).toContain(hint);
    expect(d!.at?.file).toMatch(/inline\.mdx$/);
    expect(d!.at?.line).toBeGreaterThanOrEqual(3);
  });
});

describe("components", async () => {
  const { deck } = loadDeck(`${project}/slides`, "mini");
  const rendered = await renderDeck(deck!, "everyone", dataset!);
  const html = rendered.slidesHtml;

  it("<Stat> shows the number large with its label and a source mark linking to the sources slide", () => {
    expect(html).toMatch(
      /<div class="fd-stat" data-figure="mini.rate"[^>]*>[\s\S]*?>4\.3%<\/span>[\s\S]*?href="#\/sources"[\s\S]*?Share rearrested for a sex offense/,
    );
  });

  it("<Value> formats inline from unit and precision", () => {
    expect(html).toContain(
      '<span class="fd-value" data-figure="mini.cohort" data-status="primary">1,093 offenders</span>',
    );
  });

  it("<Notes> become reveal.js speaker notes whose source marks are plain text", () => {
    const notes = html.match(/<aside class="notes">([\s\S]*?)<\/aside>/)?.[1] ?? "";
    expect(notes).toContain("47 offenders");
    expect(notes).toContain('<span class="fd-src-note">\u2009[1]</span>');
    expect(notes).not.toContain("href=");
  });

  it("<Chart> carries an accessible name, a description and its data table", () => {
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain('<div class="fd-sr-only"><table class="fd-chart-table">');
    expect(html).toMatch(/class="fd-chart-description">[^<]*27\.6%/);
  });

  it("the sources slide lists each source used and each figure with its locator and status", () => {
    expect(rendered.sources).toEqual(["test-source"]);
    expect(rendered.used.map((u) => u.key).sort()).toEqual([
      "mini.cohort",
      "mini.count",
      "mini.months",
      "mini.rate",
      "mini.rearrested",
    ]);
    const table = html.slice(html.indexOf('id="sources-2"'));
    expect(table).toContain("Table 2");
    expect(table).toContain("Primary");
  });
});

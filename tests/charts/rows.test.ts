import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CHART_KINDS,
  chartRowsQuery,
  clearChartCache,
  loadCustomChart,
  renderCustomChart,
  renderRowChart,
} from "../../src/charts/index.ts";
import type { Dataset } from "../../src/data/index.ts";
import { loadDataset, loadDeck } from "../../src/data/index.ts";
import { queryRows, type RowsResult } from "../../src/data/tables/index.ts";
import { isFactdeckError } from "../../src/errors/index.ts";
import { compileSlidesSync } from "../../src/mdx/compile.ts";
import { renderDeck } from "../../src/mdx/render-deck.ts";
import { chartFrame } from "../../src/mdx/row-data.ts";
import { validateReferences } from "../../src/mdx/validate.ts";

const ROOT = path.resolve("tests/fixtures/projects/rows");
const FRAME = chartFrame({ width: 1280, height: 720 });
let dataset: Dataset;

beforeAll(async () => {
  const loaded = await loadDataset(path.join(ROOT, "data"), "rows");
  expect(loaded.diagnostics).toEqual([]);
  dataset = loaded.dataset!;
}, 60_000);

type Attrs = Record<string, string>;
async function draw(attrs: Attrs, frame = FRAME) {
  const data: RowsResult = await queryRows(dataset, chartRowsQuery(attrs));
  clearChartCache();
  return renderRowChart(
    {
      kind: attrs.kind!,
      table: attrs.data!,
      title: attrs.title ?? "A chart",
      x: attrs.x,
      y: attrs.y,
      series: attrs.series,
      sort: attrs.sort,
      layout: attrs.layout,
      frame,
      locale: "en-US",
    },
    data,
  );
}

const count = (svg: string, pattern: RegExp) => [...svg.matchAll(pattern)].length;
const drawnText = (svg: string) =>
  [...svg.matchAll(/<(?:text|tspan)[^>]*>([^<]+)</g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
// Plot's generated class names and long decimals vary between versions: not the meaning.
const normalise = (svg: string) =>
  svg.replace(/plot-[0-9a-f]+/g, "plot").replace(/(\d+\.\d{2})\d+/g, "$1");

const KINDS: Record<string, Attrs> = {
  line: { kind: "line", data: "monthly", x: "month", y: "cases", series: "court" },
  area: { kind: "area", data: "monthly", x: "month", y: "cases", series: "court" },
  bars: { kind: "bars", data: "by_offense", x: "offense", y: "mean_months", sort: "value" },
  dot: { kind: "dot", data: "sentences", x: "sentence_months", y: "offense" },
  box: { kind: "box", data: "sentences", x: "sentence_months", y: "offense" },
  histogram: { kind: "histogram", data: "sentences", x: "sentence_months" },
  scatter: {
    kind: "scatter",
    data: "sentences",
    x: "case_id",
    y: "sentence_months",
    series: "offense",
  },
};

describe.each(Object.keys(KINDS))("a %s chart from rows", (kind) => {
  it("matches its SVG snapshot, themed and scalable, with no finding", async () => {
    const { chart, diagnostics } = await draw(KINDS[kind]!);
    expect(diagnostics).toEqual([]);
    expect(chart!.svg).toMatch(/^<svg /);
    const [, height] = /viewBox="0 0 1000 (\d+)"/.exec(chart!.svg)!;
    // Lines, areas and points fill the room; bars, dots and boxes take no more than they need.
    expect(Number(height)).toBeLessThanOrEqual(FRAME.height);
    expect(chart!.svg).toContain("var(--fd-chart-1)");
    expect(chart!.svg).not.toMatch(/#[0-9a-f]{6}\b|rgb\(/i);
    expect(chart!.dataTable).toBe(KINDS[kind]!.data);
    for (const line of drawnText(chart!.svg)) expect(line).not.toMatch(/\d\.\d{3,}/);
    await expect(normalise(chart!.svg)).toMatchFileSnapshot(`__snapshots__/rows-${kind}.svg`);
  });
});

describe("what each kind draws", () => {
  it("line: one path per series, the series named at the line ends, years on x, a zero baseline", async () => {
    const { chart } = await draw(KINDS.line!);
    const svg = chart!.svg;
    expect(count(svg, /<path[^>]*stroke="var\(--fd-chart-\d\)"/g)).toBe(3);
    const text = drawnText(svg);
    for (const name of ["District A", "District B", "District C"]) expect(text).toContain(name);
    expect(text).toEqual(expect.arrayContaining(["2016", "2017", "2018", "2019", "0", "175"]));
    expect(chart!.table.rows).toHaveLength(144);
    expect(chart!.table.rows[0]).toEqual(["Jan 2016", "District A", "121"]);
    expect(chart!.description).toMatch(
      /^Line chart of cases filed by month, from Jan 2016 to Dec 2019, 3 series\./,
    );
  });

  it("dot: a dot per row, each category's median, categories labelled", async () => {
    const { chart } = await draw(KINDS.dot!);
    expect(count(chart!.svg, /<circle/g)).toBe(300);
    expect(drawnText(chart!.svg)).toEqual(
      expect.arrayContaining(["possession", "receipt", "distribution", "0", "200"]),
    );
    expect(chart!.description).toContain("possession: 110 rows, median 60 months");
  });

  it("box: the quartiles in the description and the table agree", async () => {
    const { chart } = await draw(KINDS.box!);
    expect(chart!.table.columns).toEqual([
      "Offense",
      "Rows",
      "Lowest",
      "Lower quartile",
      "Median",
      "Upper quartile",
      "Highest",
    ]);
    const possession = chart!.table.rows.find((r) => r[0] === "possession")!;
    expect(possession[1]).toBe("110");
    expect(chart!.description).toContain(`median ${possession[4]} months`);
  });

  it("histogram: the bins hold every row", async () => {
    const { chart } = await draw(KINDS.histogram!);
    const total = chart!.table.rows.reduce((sum, r) => sum + Number(r.at(-1)), 0);
    expect(total).toBe(300);
    expect(chart!.description).toMatch(/^Histogram of 300 values of sentence/);
  });

  it("bars: from zero, largest first, values printed in the column's precision", async () => {
    const { chart } = await draw(KINDS.bars!);
    const text = drawnText(chart!.svg);
    expect(text).toEqual(expect.arrayContaining(["0", "113.1", "87.9", "58.3"]));
    expect(chart!.table.rows.map((r) => r[0])).toEqual(["possession", "receipt", "distribution"]);
    expect(chart!.description).toContain("distribution: 113.1 months. receipt: 87.9 months.");
  });

  it("scatter: a dot per row, the series in a legend", async () => {
    const { chart } = await draw(KINDS.scatter!);
    expect(count(chart!.svg, /<circle/g)).toBe(300 + 3);
    expect(drawnText(chart!.svg)).toEqual(expect.arrayContaining(["possession", "receipt"]));
  });
});

describe("a chart that cannot be read at the deck's size", () => {
  it("48 monthly bars: a warning that says to use a line", async () => {
    const { chart, diagnostics } = await draw({
      kind: "bars",
      data: "monthly",
      x: "month",
      y: "cases",
      series: "court",
      layout: "stacked",
    });
    expect(chart).toBeDefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "FD_CHART_UNREADABLE", severity: "warning" });
    expect(diagnostics[0]!.message).toMatch(/48 bars share \d+ px of height/);
    expect(diagnostics[0]!.hint).toContain('kind="line"');
  });

  it("a line whose points fall under 2 px apart: a warning that says to aggregate", async () => {
    const tiny = { width: 1000, height: 300, px: 0.05 };
    const { diagnostics } = await draw(KINDS.line!, tiny);
    expect(diagnostics.map((d) => d.code)).toContain("FD_CHART_UNREADABLE");
    expect(diagnostics.find((d) => d.message.includes("px apart"))?.hint).toMatch(/aggregate/);
  });

  it("the build reports it with the slide's position and keeps going", async () => {
    const dir = copyProject(
      '## Too many bars\n\n<Chart kind="bars" data="monthly" x="month" y="cases" series="court" layout="stacked" title="Filings"/>\n',
    );
    const { deck } = loadDeck(path.join(dir, "slides"), "rows");
    const rendered = await renderDeck(deck!, "everyone", dataset);
    expect(rendered.warnings?.[0]).toMatchObject({
      code: "FD_CHART_UNREADABLE",
      at: { file: path.join(dir, "slides", "rows", "trend.mdx"), line: 3, column: 1 },
    });
    expect(rendered.slidesHtml).toContain('data-table="monthly"');
  }, 60_000);
});

describe("a project's own chart", () => {
  it("draws, with the description and data table from the rows", async () => {
    const loaded = await loadCustomChart(ROOT, "court-totals");
    if ("problem" in loaded) throw new Error(loaded.problem.message);
    const data = await queryRows(dataset, {
      table: "monthly",
      columns: ["month", "court", "cases"],
    });
    const { chart, diagnostics } = renderCustomChart(
      loaded,
      { use: "court-totals", table: "monthly", title: "Per year", frame: FRAME, locale: "en-US" },
      data,
    );
    expect(diagnostics).toEqual([]);
    expect(chart!.svg).toContain('class="fd-chart-svg fd-chart-custom-court-totals"');
    expect(chart!.description).toMatch(
      /^Chart of 144 rows of the table "monthly": Cases filed from 29 to 171\.$/,
    );
    expect(chart!.table.rows).toHaveLength(144);
  }, 60_000);

  it("a throw inside it points at its own file and line, and at the <Chart> as related", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fd-custom-"));
    mkdirSync(path.join(dir, "charts"));
    const file = path.join(dir, "charts", "boom.ts");
    writeFileSync(
      file,
      'export default function boom(rows: unknown[]) {\n  if (rows.length) {\n    throw new Error("no such column: cases_filed");\n  }\n  return {};\n}\n',
    );
    const loaded = await loadCustomChart(dir, "boom");
    if ("problem" in loaded) throw new Error(loaded.problem.message);
    const at = { file: "slides/rows/custom.mdx", line: 3, column: 1 };
    const data = await queryRows(dataset, { table: "monthly", columns: ["cases"] });
    const { chart, diagnostics } = renderCustomChart(
      loaded,
      { use: "boom", table: "monthly", title: "Boom", frame: FRAME, locale: "en-US", at },
      data,
    );
    expect(chart).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({
      code: "FD_CHART_CUSTOM",
      at: { file, line: 3 },
      related: [at],
    });
    expect(diagnostics[0]!.message).toContain("no such column: cases_filed");
  }, 60_000);
});

describe("<Table>", () => {
  it("prints formatted, right-aligned numbers under unit headers, sorted as asked", async () => {
    const { deck } = loadDeck(path.join(ROOT, "slides"), "rows");
    const rendered = await renderDeck(deck!, "everyone", dataset);
    const table = /<figure class="fd-table"[\s\S]*?<\/figure>/.exec(rendered.slidesHtml)![0];
    expect(table).toContain('data-table="by_offense"');
    expect(table).toContain('<th scope="col" class="fd-cell-num">Mean sentence, months</th>');
    expect(table).toContain('<td class="fd-cell-num">31.7%</td>');
    const firsts = [...table.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => m[1]);
    expect(firsts).toEqual(["distribution", "receipt", "possession"]);
    expect(rendered.warnings).toEqual([]);
  }, 60_000);

  it("a table too long for its slide stops the build and suggests limit", async () => {
    const dir = copyProject(
      '## All sentences\n\n<Table data="sentences" title="Every sentence"/>\n',
    );
    const { deck } = loadDeck(path.join(dir, "slides"), "rows");
    const error = await renderDeck(deck!, "everyone", dataset).catch((e: unknown) => e);
    expect(isFactdeckError(error)).toBe(true);
    const d = (
      error as { diagnostics: Array<{ code: string; hint?: string; at?: { line: number } }> }
    ).diagnostics[0]!;
    expect(d.code).toBe("FD_MDX_TABLE_TOO_LONG");
    expect(d.at?.line).toBe(3);
    expect(d.hint).toContain('limit="11"');
  }, 60_000);
});

describe("validation of data= attributes", () => {
  const check = (slide: string) => {
    const { compiled } = compileSlidesSync("t.mdx", slide, "t");
    return validateReferences(compiled!.references, {
      dataset,
      audiences: ["everyone"],
      chartKinds: CHART_KINDS,
      rows: { tables: dataset.tables, customCharts: ["court-totals"] },
    });
  };

  it("an unknown table, column or kind names the nearest", () => {
    const found = check(
      '## A\n\n<Chart kind="line" data="montly" x="month" y="cases" title="t"/>\n\n<Chart kind="line" data="monthly" x="month" y="case" title="t"/>\n\n<Chart kind="lines" data="monthly" x="month" y="cases" title="t"/>\n\n<Table data="by_offense" columns="offense mean_month" title="t"/>\n',
    );
    expect(found.map((d) => [d.code, d.at?.line, d.hint])).toEqual([
      ["FD_MDX_UNKNOWN_TABLE", 3, expect.stringContaining('"monthly"')],
      ["FD_MDX_UNKNOWN_COLUMN", 5, expect.stringContaining('"cases"')],
      ["FD_MDX_CHART_KIND", 7, expect.stringContaining('"line"')],
      ["FD_MDX_UNKNOWN_COLUMN", 9, expect.stringContaining('"mean_months"')],
    ]);
  });

  it("a column of the wrong kind for its role says which columns fit", () => {
    const [d] = check(
      '## A\n\n<Chart kind="line" data="monthly" x="court" y="cases" title="t"/>\n',
    );
    expect(d).toMatchObject({ code: "FD_MDX_ATTRIBUTE_VALUE" });
    expect(d!.message).toContain('"court" is a text column');
    expect(d!.hint).toContain("month");
  });

  it("an unknown custom chart names the nearest", () => {
    const [d] = check('## A\n\n<Chart use="court-total" data="monthly" title="t"/>\n');
    expect(d).toMatchObject({ code: "FD_MDX_ATTRIBUTE_VALUE" });
    expect(d!.hint).toContain('"court-totals"');
  });
});

/** A copy of the rows project whose trend slide is `slide` (the rest unchanged). */
function copyProject(slide: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "fd-rows-"));
  mkdirSync(path.join(dir, "slides", "rows"), { recursive: true });
  writeFileSync(
    path.join(dir, "slides", "rows", "deck.yaml"),
    "title: Rows\ndataset: rows\naudiences:\n  everyone:\n    label: Everyone\n    duration: 5\n    slides: [trend]\n",
  );
  writeFileSync(path.join(dir, "slides", "rows", "trend.mdx"), slide);
  return dir;
}

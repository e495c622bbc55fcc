import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build/build.ts";
import type { RowChartModel } from "../../src/charts/index.ts";
import { exportPptx, type PptxResult } from "../../src/export/pptx/index.ts";
import { readSlides } from "../../src/export/pptx/slide-model.ts";
import type { RenderedDeck } from "../../src/mdx/render-deck.ts";
import { renderProject } from "../../src/project/index.ts";
import { allPageTexts, squash } from "../pdf/poppler.ts";
import { convertToPdf, describeWithOffice } from "./office.ts";
import { openPptx, type PptxFile, partText, slideRelations } from "./pptx-file.ts";
import { ROWS_FOOTER, rowsProject } from "./rows-project.ts";

let result: PptxResult;
let pptx: PptxFile;
let deck: RenderedDeck;
/** Slide ids in the file's order. */
let ids: string[];
let root: string;

beforeAll(async () => {
  root = rowsProject();
  await buildSite({ root, quiet: true });
  [result] = (await exportPptx({ root, quiet: true })) as [PptxResult];
  pptx = await openPptx(result.file);
  deck = (await renderProject({ root })).decks[0]!;
  ids = readSlides(deck.slidesHtml).map((s) => s.id);
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The slide part (1-based) of a slide id, and the chart parts it refers to. */
async function slideOf(id: string): Promise<{ xml: string; charts: string[]; n: number }> {
  const n = ids.indexOf(id) + 1;
  expect(n, id).toBeGreaterThan(0);
  const rels = await slideRelations(pptx, n);
  return {
    n,
    xml: await pptx.read(`ppt/slides/slide${n}.xml`),
    charts: rels.filter((r) => r.startsWith("ppt/charts/")),
  };
}

const rowModel = (slide: string) =>
  deck.charts.find((c) => c.slide === slide && c.from === "rows") as RowChartModel;

const numbersOf = (m: RowChartModel, column: string) =>
  m.rows.map((r) => r[column]).filter((v): v is number => typeof v === "number");

describe("the chart model of a rendered deck", () => {
  it("lists each chart in slide order with its kind, table, roles and rows, keyed by the id on its figure", () => {
    const rows = deck.charts.filter((c) => c.from === "rows");
    expect(rows.map((c) => [c.slide, c.kind])).toEqual([
      ["trend", "line"],
      ["spread", "dot"],
      ["custom", "custom"],
      ["area", "area"],
      ["bars", "bars"],
      ["grouped", "bars"],
      ["stacked", "bars"],
      ["scatter", "scatter"],
      ["histogram", "histogram"],
      ["box", "box"],
    ]);
    const line = rowModel("trend");
    expect(line).toMatchObject({ table: "monthly", x: "month", y: "cases", series: "court" });
    expect(line.rows).toHaveLength(144);
    expect(line.rows[0]!.month).toBeInstanceOf(Date);
    for (const c of deck.charts) expect(deck.slidesHtml).toContain(`data-chart-id="${c.id}"`);
  });
});

describe("PowerPoint export of charts from table rows", () => {
  const NATIVE: Array<[string, string]> = [
    ["trend", "lineChart"],
    ["area", "areaChart"],
    ["bars", "barChart"],
    ["grouped", "barChart"],
    ["stacked", "barChart"],
    ["scatter", "scatterChart"],
  ];

  it.each(NATIVE)(
    "%s is a native %s holding every value of its rows, with its workbook",
    async (id, type) => {
      const slide = await slideOf(id);
      expect(slide.charts).toHaveLength(1);
      const xml = await pptx.read(slide.charts[0]!);
      expect(xml).toContain(`<c:${type}>`);
      const m = rowModel(id);
      const missing = numbersOf(m, m.y!).filter((v) => !xml.includes(`<c:v>${v}</c:v>`));
      expect(missing).toEqual([]);
      const rels = await pptx.read(`${slide.charts[0]!.replace("charts/", "charts/_rels/")}.rels`);
      expect(rels).toMatch(/embeddings\/[^"]+\.xlsx/);
    },
  );

  it("names a line's series after the series column and stacks areas and stacked bars", async () => {
    const line = await pptx.read((await slideOf("trend")).charts[0]!);
    for (const court of ["District A", "District B", "District C"])
      expect(line).toContain(`<c:v>${court}</c:v>`);
    expect(await pptx.read((await slideOf("area")).charts[0]!)).toContain(
      '<c:grouping val="stacked"/>',
    );
    expect(await pptx.read((await slideOf("stacked")).charts[0]!)).toContain(
      '<c:grouping val="stacked"/>',
    );
    expect(await pptx.read((await slideOf("grouped")).charts[0]!)).toContain(
      '<c:grouping val="clustered"/>',
    );
  });

  it("draws a histogram as a native column chart of its bins, counting every row", async () => {
    const xml = await pptx.read((await slideOf("histogram")).charts[0]!);
    expect(xml).toContain('<c:barDir val="col"/>');
    const values = xml.slice(xml.indexOf("<c:val>"));
    const counts = [...values.matchAll(/<c:v>(\d+)<\/c:v>/g)].map((m) => Number(m[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(rowModel("histogram").rows.length);
    expect(xml).toContain("<c:v>40–60</c:v>");
  });

  it("draws dot and box charts with shapes: a dot per row, a box per category, labelled", async () => {
    const dot = await slideOf("spread");
    expect(dot.charts).toEqual([]);
    const ellipses = dot.xml.match(/prst="ellipse"/g) ?? [];
    expect(ellipses.length).toBe(numbersOf(rowModel("spread"), "sentence_months").length);
    const box = await slideOf("box");
    expect(box.charts).toEqual([]);
    expect((box.xml.match(/prst="rect"/g) ?? []).length).toBeGreaterThanOrEqual(3);
    for (const words of ["possession", "receipt", "distribution", "Sentence, months"]) {
      expect(partText(dot.xml)).toContain(words);
      expect(partText(box.xml)).toContain(words);
    }
    expect(result.written.drawnCharts).toEqual([
      { slide: "spread", kind: "dot" },
      { slide: "box", kind: "box" },
    ]);
  });

  it("warns for a chart drawn by a project module, and shows its description instead", async () => {
    expect(result.warnings.map((w) => [w.code, w.message])).toEqual([
      ["FD_PPTX_UNSUPPORTED", expect.stringMatching(/Slide "custom" .* module "court-totals"/)],
    ]);
    const custom = deck.charts.find((c) => c.slide === "custom")!;
    expect(squash(partText((await slideOf("custom")).xml))).toContain(squash(custom.description));
  });

  it("writes a <Table> as a native table with the slide's formatted cells, numbers right-aligned", async () => {
    const { xml } = await slideOf("table");
    expect(xml).toContain("<a:tbl>");
    const text = partText(xml);
    for (const words of [
      "Mean sentence, months",
      "Share of cases",
      "distribution",
      "31.7%",
      "113.1",
    ])
      expect(text).toContain(words);
    expect(xml).toMatch(/<a:pPr[^>]*algn="r"[^>]*>(?:(?!<\/a:p>)[\s\S])*?<a:t>113\.1<\/a:t>/);
  });

  it("puts the deck's logo and footer on every slide (none of these is a cover)", async () => {
    for (let n = 1; n <= ids.length; n++) {
      const xml = await pptx.read(`ppt/slides/slide${n}.xml`);
      expect(xml, `slide ${n}`).toContain("<p:pic>");
      expect(partText(xml), `slide ${n}`).toContain(ROWS_FOOTER);
    }
  });
});

describeWithOffice("the rows deck in LibreOffice Impress", () => {
  let pages: string[];
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "factdeck-pptx-rows-pdf-"));
    const { stderr } = await convertToPdf([result.file], dir);
    expect(stderr).not.toMatch(/Error:/);
    pages = allPageTexts(path.join(dir, "slides.pdf"));
  }, 150_000);

  it("converts to a page per slide with each chart's axis labels, values and the table's cells", () => {
    expect(pages).toHaveLength(ids.length);
    const page = (id: string) => pages[ids.indexOf(id)]!;
    for (const year of ["2016", "2017", "2018", "2019"]) expect(page("trend")).toContain(year);
    expect(page("bars")).toContain("113.1");
    expect(page("grouped")).toContain("1,894");
    expect(page("histogram")).toContain("40–60");
    expect(page("table")).toContain("31.7%");
    expect(page("box")).toContain("distribution");
  });
});

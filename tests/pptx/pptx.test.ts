import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { rangeEnds, valueText } from "../../src/charts/labels.ts";
import { type Dataset, formatNumber, loadDataset, numericValue } from "../../src/data/index.ts";
import { isFactdeckError } from "../../src/errors/index.ts";
import { exportPptx, type PptxResult } from "../../src/export/pptx/index.ts";
import { type Block, readSlides, type SlideChart } from "../../src/export/pptx/slide-model.ts";
import { builtSite } from "../browser-helpers.ts";
import { ROOT } from "../helpers.ts";
import { type BuiltPage, readBuiltPage } from "../pdf/built-page.ts";
import { allPageTexts, findsText, squash } from "../pdf/poppler.ts";
import { convertToPdf, describeWithOffice } from "./office.ts";
import { openPptx, type PptxFile, partText, slideRelations } from "./pptx-file.ts";

const AUDIENCES = ["judges", "probation", "policy"];
const DRAWN = new Set(["ranges", "compare"]);

interface Audience {
  page: BuiltPage;
  pptx: PptxFile;
  result: PptxResult;
  /** Slide number → the text of its slide part and of its notes part. */
  slideText: string[];
  notesText: string[];
  /** Slide number → its chart parts. */
  charts: string[][];
}

let dataset: Dataset;
const decks = new Map<string, Audience>();
let outDir: string;

beforeAll(async () => {
  outDir = await builtSite();
  const results = await exportPptx({ root: ROOT, out: outDir, quiet: true });
  dataset = (await loadDataset(path.join(ROOT, "data"), "ussc-fy2019")).dataset!;
  for (const result of results) {
    if (result.deck !== "ussc-nonproduction") continue;
    const pptx = await openPptx(result.file);
    const page = readBuiltPage(path.join(path.dirname(result.file), "index.html"));
    const slideText: string[] = [];
    const notesText: string[] = [];
    const charts: string[][] = [];
    for (let n = 1; n <= page.slides.length; n++) {
      const rels = await slideRelations(pptx, n);
      slideText.push(partText(await pptx.read(`ppt/slides/slide${n}.xml`)));
      const notes = rels.find((r) => r.startsWith("ppt/notesSlides/"));
      notesText.push(notes ? partText(await pptx.read(notes)) : "");
      charts.push(rels.filter((r) => r.startsWith("ppt/charts/")));
    }
    decks.set(result.audience, { page, pptx, result, slideText, notesText, charts });
  }
}, 120_000);

const each = (fn: (audience: string) => void | Promise<void>) =>
  it.each(AUDIENCES)("%s", async (audience) => fn(audience));

describe("PowerPoint export of the flagship deck", () => {
  describe("has a slide for every slide of the built page, at the deck's 16:9 size", () => {
    each(async (audience) => {
      const d = decks.get(audience)!;
      const slides = d.pptx.names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
      expect(slides).toHaveLength(d.page.slides.length);
      const presentation = await d.pptx.read("ppt/presentation.xml");
      // 1280 × 720 CSS px = 13.333 × 7.5 in = 12,192,000 × 6,858,000 EMU.
      expect(presentation).toMatch(/<p:sldSz cx="12192000" cy="6858000"/);
    });
  });

  describe("shows every bound figure on its slide as the built page does, figure by figure", () => {
    each((audience) => {
      const d = decks.get(audience)!;
      const missing = d.page.slides.flatMap((slide, i) =>
        slide.figures
          .filter((figure) => !squash(d.slideText[i]!).includes(squash(figure)))
          .map((figure) => `${slide.id}: ${figure}`),
      );
      expect(missing).toEqual([]);
      expect(d.page.slides.reduce((n, s) => n + s.figures.length, 0)).toBeGreaterThan(20);
    });
  });

  describe("puts the speaker notes in the notes pane, with their figures", () => {
    each((audience) => {
      const d = decks.get(audience)!;
      const missing = d.page.slides.flatMap((slide, i) =>
        slide.noteFigures
          .filter((figure) => !squash(d.notesText[i]!).includes(squash(figure)))
          .map((figure) => `${slide.id}: ${figure}`),
      );
      expect(missing).toEqual([]);
      expect(d.pptx.names.some((n) => n.startsWith("ppt/notesSlides/notesSlide"))).toBe(true);
      const withNotes = d.page.slides.filter((s) => s.noteFigures.length).length;
      expect(withNotes).toBeGreaterThan(5);
    });
  });

  describe("draws bars and stacks as native charts that hold the bound values and their workbook", () => {
    each(async (audience) => {
      const d = decks.get(audience)!;
      const html = builtSlides(d);
      let native = 0;
      for (const [i, slide] of html.entries()) {
        const charts = chartsOf(slide.blocks);
        const nativeCharts = charts.filter((c) => !DRAWN.has(c.kind));
        expect(d.charts[i], slide.id).toHaveLength(nativeCharts.length);
        for (const [j, chart] of nativeCharts.entries()) {
          const xml = await d.pptx.read(d.charts[i]![j]!);
          for (const key of chart.keys)
            expect(xml, `${slide.id} ${key}`).toContain(
              `<c:v>${numericValue(dataset.figure(key)!)}</c:v>`,
            );
          const rels = await d.pptx.read(
            `${d.charts[i]![j]!.replace("charts/", "charts/_rels/")}.rels`,
          );
          expect(rels).toMatch(/embeddings\/[^"]+\.xlsx/);
          native++;
        }
        for (const chart of charts.filter((c) => DRAWN.has(c.kind)))
          for (const key of chart.keys) {
            const figure = dataset.figure(key)!;
            const shown =
              typeof figure.value === "number"
                ? [valueText(figure)]
                : Object.values(rangeEnds(figure));
            for (const words of shown)
              expect(d.slideText[i], `${slide.id} ${key}`).toContain(words);
          }
      }
      expect(native).toBe(d.result.written.nativeCharts);
      expect(native).toBeGreaterThan(0);
    });
  });
});

/** Every chart of a slide, in columns too, in order. */
function chartsOf(blocks: Block[]): SlideChart[] {
  return blocks.flatMap((b) =>
    b.type === "chart" ? [b.chart] : b.type === "columns" ? b.columns.flatMap(chartsOf) : [],
  );
}

/**
 * Whether a page's text has the figure. A narrow table cell may break a range after its dash
 * ("probation–" / "228 months"), so spaces and line breaks are ignored on both sides.
 */
function onPage(figure: string, texts: [string, string]): boolean {
  const bare = (t: string) => t.replace(/\s+/g, "");
  return findsText(figure, ...texts) || texts.some((t) => bare(t).includes(bare(figure)));
}

// The built page's sections, read as the exporter reads the rendered ones.
function builtSlides(d: Audience) {
  const html = readFileSync(path.join(path.dirname(d.result.file), "index.html"), "utf8");
  const start = html.indexOf('<div class="slides">') + '<div class="slides">'.length;
  return readSlides(html.slice(start));
}

describe("the slide reader", () => {
  it("keeps what it cannot represent as text and names it for a warning", () => {
    const [slide] = readSlides(
      '<section id="odd"><h2>Odd</h2><details><summary>More</summary>Hidden words</details></section>',
    );
    expect(slide!.unsupported).toEqual(["<details>"]);
    expect(JSON.stringify(slide!.blocks)).toContain("Hidden words");
  });

  it("reads a list as bullets, a stat as number and label, notes as paragraphs", () => {
    const [slide] = readSlides(
      '<section id="s"><h2>T</h2><ul><li>One</li><li>Two</li></ul>' +
        '<div class="fd-stats"><div class="fd-stat" data-figure="a.b"><p class="fd-stat-value"><span class="fd-value" data-figure="a.b">27.6%</span></p><p class="fd-stat-label">Rearrested</p></div></div>' +
        '<aside class="notes"><p>Say this.</p><p>Then that.</p></aside></section>',
    );
    expect(slide!.blocks.map((b) => b.type)).toEqual(["heading", "list", "stats"]);
    const stats = slide!.blocks[2] as Extract<Block, { type: "stats" }>;
    expect(stats.stats[0]).toMatchObject({ figure: "a.b", value: "27.6%" });
    expect(slide!.notes).toEqual(["Say this.", "Then that."]);
  });
});

describe("factdeck pptx without a build", () => {
  it("says to build first and writes nothing", async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), "factdeck-pptx-"));
    const error = await exportPptx({
      root: ROOT,
      out: path.join(empty, "dist"),
      quiet: true,
    }).catch((e) => e);
    expect(isFactdeckError(error)).toBe(true);
    expect(error.diagnostics.map((d: { code: string }) => d.code)).toContain("FD_PPTX_NOT_BUILT");
  }, 60_000);
});

describeWithOffice("the PowerPoint files in LibreOffice Impress", () => {
  // Each page's text as laid out and in reading order (a wrapped table cell stays together).
  const pdfs = new Map<string, Array<[string, string]>>();
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "factdeck-pptx-pdf-"));
    mkdirSync(dir, { recursive: true });
    const copies = AUDIENCES.map((a) => {
      const copy = path.join(dir, `${a}.pptx`);
      copyFileSync(decks.get(a)!.result.file, copy);
      return copy;
    });
    const { stderr } = await convertToPdf(copies, dir);
    expect(stderr).not.toMatch(/Error:/);
    for (const a of AUDIENCES) {
      const pdf = path.join(dir, `${a}.pdf`);
      const flowing = allPageTexts(pdf, false);
      pdfs.set(
        a,
        allPageTexts(pdf).map((laid, i) => [laid, flowing[i]!]),
      );
    }
  }, 150_000);

  describe("converts each file to a page per slide and shows every figure on its page", () => {
    each((audience) => {
      const d = decks.get(audience)!;
      const pages = pdfs.get(audience)!;
      expect(pages).toHaveLength(d.page.slides.length);
      const missing = d.page.slides.flatMap((slide, i) =>
        slide.figures.filter((f) => !onPage(f, pages[i]!)).map((f) => `${slide.id}: ${f}`),
      );
      expect(missing).toEqual([]);
    });
  });

  describe("draws the native charts with their values as labels", () => {
    each((audience) => {
      const d = decks.get(audience)!;
      const pages = pdfs.get(audience)!;
      for (const [i, slide] of builtSlides(d).entries())
        for (const chart of chartsOf(slide.blocks))
          if (!DRAWN.has(chart.kind))
            for (const key of chart.keys)
              expect(
                onPage(formatNumber(dataset.figure(key)!), pages[i]!),
                `${slide.id} ${key}`,
              ).toBe(true);
    });
  });
});

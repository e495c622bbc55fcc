import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadDataset } from "../../src/data/index.ts";
import { type StaticServer, serveStatic } from "../../src/export/serve.ts";
import { builtDecks, installShowSlide, sharedBrowser, showSlide } from "../browser/harness.ts";
import { describeWithBrowser } from "../browser-helpers.ts";
import { ROOT } from "../helpers.ts";
import { type BuiltPage, type CliRun, readBuiltPage, runCli } from "./built-page.ts";
import { compareImages } from "./pixels.ts";
import {
  allPageTexts,
  findsText,
  pageCount,
  pdfFonts,
  pdfInfo,
  pdfOutline,
  pdfSource,
  renderPage,
  squash,
} from "./poppler.ts";

interface DeckPage {
  /** "deck/audience" */
  name: string;
  dir: string;
  built: BuiltPage;
}

/** Every deck page a build wrote: dist/<deck>/<audience>/index.html. */
function deckPages(dist: string): DeckPage[] {
  const found: DeckPage[] = [];
  for (const deck of readdirSync(dist, { withFileTypes: true })) {
    if (!deck.isDirectory() || deck.name === "assets") continue;
    for (const audience of readdirSync(path.join(dist, deck.name))) {
      const dir = path.join(dist, deck.name, audience);
      if (existsSync(path.join(dir, "index.html")))
        found.push({
          name: `${deck.name}/${audience}`,
          dir,
          built: readBuiltPage(path.join(dir, "index.html")),
        });
    }
  }
  return found;
}

/**
 * The page texts of a PDF the export in `beforeAll` wrote, read once and shared by the tests
 * that check it (reading every page of every PDF is most of this file's time).
 */
const readTexts = new Map<string, string[]>();
function exportedTexts(file: string, layout = true): string[] {
  const key = `${layout ? "layout" : "reading"} ${file}`;
  let texts = readTexts.get(key);
  if (!texts) {
    texts = allPageTexts(file, layout);
    readTexts.set(key, texts);
  }
  return texts;
}

/** The three PDFs each deck page gets. */
const PDFS = ["slides.pdf", "handout.pdf", "presenter.pdf"];

/** The slides a handout shows: not the backup tables; dividers only in the presenter's script. */
function handedOut(p: DeckPage, name: string) {
  return p.built.slides.filter((s) => !s.backup && (name === "presenter.pdf" || !s.divider));
}

/** Page number (1-based) of the handout page whose caption names slide `n`. */
function captionPage(texts: string[], n: number): number {
  const caption = new RegExp(`(^|\\n)\\s*Slide ${n}\\s`);
  return texts.findIndex((t) => caption.test(t)) + 1;
}

describeWithBrowser("factdeck pdf", () => {
  let work: string;
  let dist: string;
  let pages: DeckPage[];
  let run: CliRun;

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "factdeck-pdf-"));
    dist = path.join(work, "dist");
    // The build the browser tests share, copied: the export writes its PDFs into the folder.
    cpSync(await builtDecks(), dist, { recursive: true });
    pages = deckPages(dist);
    run = await runCli(["pdf", "--out", dist]);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("writes slides.pdf, handout.pdf and presenter.pdf beside every deck page, with a line for each", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(pages.length).toBeGreaterThan(0);
    for (const p of pages) {
      for (const name of PDFS)
        expect(existsSync(path.join(p.dir, name)), `${p.name}/${name}`).toBe(true);
      const line = run.stdout.split("\n").find((l) => l.includes(`${p.name}: slides.pdf`));
      expect(line, `no progress line for ${p.name}`).toMatch(
        new RegExp(
          `slides\\.pdf ${p.built.slides.length} pages.*handout\\.pdf \\d+ pages.*presenter\\.pdf \\d+ pages`,
        ),
      );
    }
    expect(run.stdout).toMatch(new RegExp(`Exported ${pages.length * 3} PDF\\(s\\)`));
  });

  it("prints one slide per page, at the deck's size", () => {
    for (const p of pages) {
      const file = path.join(p.dir, "slides.pdf");
      expect(pageCount(file), p.name).toBe(p.built.slides.length);
      // CSS pixels are 3/4 of a PDF point.
      const size = pdfInfo(file)["Page size"];
      expect(size, p.name).toMatch(
        new RegExp(`^${(p.built.width * 3) / 4} x ${(p.built.height * 3) / 4} pts`),
      );
    }
  });

  it("has every figure of a slide, as the screen formats it, in the text of that slide's page", () => {
    const missing: string[] = [];
    let checked = 0;
    for (const p of pages) {
      const file = path.join(p.dir, "slides.pdf");
      const laidOut = exportedTexts(file);
      const read = exportedTexts(file, false);
      for (const slide of p.built.slides) {
        for (const figure of slide.figures) {
          checked++;
          const i = slide.number - 1;
          if (!findsText(figure, laidOut[i], read[i]))
            missing.push(`${p.name} page ${slide.number}: ${figure}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it("embeds every font it uses", () => {
    for (const p of pages) {
      for (const name of PDFS) {
        const fonts = pdfFonts(path.join(p.dir, name));
        expect(fonts.length, `${p.name}/${name}`).toBeGreaterThan(0);
        expect(
          fonts.filter((f) => !f.embedded).map((f) => f.name),
          `${p.name}/${name}`,
        ).toEqual([]);
      }
    }
  });

  it("is a tagged PDF with the page's title and language and a bookmark for every slide", () => {
    for (const p of pages) {
      const file = path.join(p.dir, "slides.pdf");
      const info = pdfInfo(file);
      expect(info.Tagged).toBe("yes");
      expect(squash(info.Title ?? "")).toBe(p.built.title);
      expect(pdfSource(file)).toContain(`/Lang (${p.built.lang})`);
      const bookmarked = new Set(pdfOutline(file).map((o) => o.page));
      for (const slide of p.built.slides.filter((s) => s.hasHeading))
        expect(bookmarked.has(slide.number), `${p.name} slide ${slide.number}`).toBe(true);

      for (const name of ["handout.pdf", "presenter.pdf"]) {
        const file = path.join(p.dir, name);
        expect(pdfInfo(file).Tagged).toBe("yes");
        expect(pdfSource(file)).toContain(`/Lang (${p.built.lang})`);
        const titles = pdfOutline(file).map((o) => o.title);
        for (const slide of handedOut(p, name))
          expect(
            titles.some((t) => t.startsWith(`Slide ${slide.number} `)),
            `${name}: slide ${slide.number}`,
          ).toBe(true);
      }
    }
  });

  it("links to no address of the export's own server", () => {
    for (const p of pages)
      for (const name of PDFS)
        expect(pdfSource(path.join(p.dir, name)), `${p.name}/${name}`).not.toMatch(
          /127\.0\.0\.1|localhost/,
        );
  });

  it("gives participants every slide with its figures, and neither speaker notes nor dataset keys", () => {
    const missing: string[] = [];
    for (const p of pages) {
      const file = path.join(p.dir, "handout.pdf");
      expect(pdfInfo(file)["Page size"]).toMatch(/^612 x 792 pts/); // Letter
      const laidOut = exportedTexts(file);
      const read = exportedTexts(file, false);
      for (const slide of handedOut(p, "handout.pdf")) {
        const at = captionPage(laidOut, slide.number);
        expect(at, `${p.name}: no page for slide ${slide.number}`).toBeGreaterThan(0);
        for (const figure of slide.figures)
          if (!findsText(figure, laidOut[at - 1], read[at - 1]))
            missing.push(`${p.name} slide ${slide.number}: ${figure}`);
      }
      const all = laidOut.join("\n");
      expect(all, p.name).not.toContain("Speaker notes");
      for (const note of ["Say:", "Caveat:", "If asked:"]) expect(all, p.name).not.toContain(note);
      const keys = [...p.built.figureKeys].filter((key) => squash(all).includes(key));
      expect(keys, `${p.name}: dataset keys in the participant's handout`).toEqual([]);
    }
    expect(missing).toEqual([]);
  });

  it("gives the presenter every slide with its notes, their figures on that slide's page", () => {
    const missing: string[] = [];
    for (const p of pages) {
      const file = path.join(p.dir, "presenter.pdf");
      expect(pdfInfo(file)["Page size"]).toMatch(/^612 x 792 pts/); // Letter
      const laidOut = exportedTexts(file);
      const read = exportedTexts(file, false);
      for (const slide of handedOut(p, "presenter.pdf")) {
        const at = captionPage(laidOut, slide.number);
        expect(at, `${p.name}: no page for slide ${slide.number}`).toBeGreaterThan(0);
        for (const figure of slide.figures)
          if (!findsText(figure, laidOut[at - 1], read[at - 1]))
            missing.push(`${p.name} slide ${slide.number}: ${figure}`);
        // Long notes may run on to the next page, never past the next slide's page.
        const next = captionPage(laidOut, slide.number + 1) || laidOut.length + 1;
        const span = (texts: string[]) => texts.slice(at - 1, Math.max(at, next - 1)).join("\n");
        for (const figure of slide.noteFigures)
          if (!findsText(figure, span(laidOut), span(read)))
            missing.push(`${p.name} notes of slide ${slide.number}: ${figure}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("lists exactly the deck's figures, with their keys, in the script's appendix, with their values", async () => {
    const datasetKeys = new Set<string>();
    for (const file of readdirSync(path.join(ROOT, "data")).filter((f) => f.endsWith(".yaml"))) {
      if (file === "sources.yaml") continue;
      const { dataset } = await loadDataset(path.join(ROOT, "data"), file.slice(0, -5));
      for (const key of dataset?.keys() ?? []) datasetKeys.add(key);
    }
    for (const p of pages) {
      const texts = exportedTexts(path.join(p.dir, "presenter.pdf"));
      const start = texts.findIndex((t) => t.includes("Appendix A"));
      const end = texts.findIndex((t) => t.includes("Appendix B"));
      expect(start, p.name).toBeGreaterThan(0);
      const section = texts.slice(start, end + 1).join("\n");
      const table = section.slice(section.indexOf("Appendix A"), section.lastIndexOf("Appendix B"));
      // Dotted words that are figure keys of a shipped dataset (a query's file names are not).
      const keys = new Set(
        table.match(/\b[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\b/g)?.filter((k) => datasetKeys.has(k)),
      );
      expect([...keys].sort(), p.name).toEqual([...p.built.figureKeys].sort());
      const read = exportedTexts(path.join(p.dir, "presenter.pdf"), false).join("\n");
      const missing: string[] = [];
      for (const [key, value] of p.built.figureValues)
        if (!findsText(value, table, read)) missing.push(`${key}: ${value}`);
      const charts = squash(
        texts.slice(texts.findIndex((t) => t.includes("Appendix C"))).join("\n"),
      );
      for (const chart of p.built.charts) {
        const from = charts.indexOf(chart.title);
        if (from < 0) missing.push(`the data of the chart "${chart.title}"`);
        for (const value of chart.values)
          if (from >= 0 && !charts.slice(from).includes(value))
            missing.push(`"${chart.title}": ${value}`);
      }
      expect(missing, p.name).toEqual([]);
    }
  });

  describeWithBrowser("next to the screen", () => {
    let browser: Browser;
    let server: StaticServer;
    beforeAll(async () => {
      browser = await sharedBrowser();
      server = await serveStatic(dist);
    });
    afterAll(async () => {
      await server?.close();
    });

    it("prints every slide as the screen shows it", async () => {
      const p = pages[0]!;
      const { width, height } = p.built;
      const screen = await browser.newPage({ viewport: { width, height } });
      const compare = await browser.newPage();
      await installShowSlide(screen);
      await screen.goto(`${server.url}/${p.name}/`);
      await screen.waitForFunction(() => document.documentElement.dataset.fdReady === "true");
      // Arrows and the progress bar are for presenting; a printed slide has neither.
      await screen.addStyleTag({
        content: ".reveal .controls, .reveal .progress { display: none !important; }",
      });
      const pdf = path.join(p.dir, "slides.pdf");
      const far: string[] = [];
      for (const slide of p.built.slides) {
        await showSlide(screen, slide.number - 1);
        expect(await screen.evaluate(() => document.querySelector("section.present")?.id)).toBe(
          slide.id,
        );
        const shot = await screen.screenshot();
        // 96 dpi: one PDF pixel per CSS pixel, the screenshot's size.
        const png = readFileSync(renderPage(pdf, slide.number, 96, work));
        const diff = await compareImages(compare, shot, png);
        expect([diff.width, diff.height]).toEqual([width, height]);
        if (diff.mean >= MEAN_LIMIT || diff.changed >= CHANGED_LIMIT)
          far.push(
            `slide ${slide.number}: mean ${diff.mean.toFixed(2)}, changed ${(diff.changed * 100).toFixed(1)}%`,
          );
        if (slide.number === 2) {
          // The measure tells slides apart: the screen's slide 2 is far from the PDF's slide 3.
          const other = readFileSync(renderPage(pdf, 3, 96, work));
          const apart = await compareImages(compare, shot, other);
          expect(apart.mean >= MEAN_LIMIT || apart.changed >= CHANGED_LIMIT).toBe(true);
        }
      }
      expect(far).toEqual([]);
    });

    it("prints a three-up handout on A4 with every slide's figures", async () => {
      const p = pages[0]!;
      const [deck, audience] = p.name.split("/") as [string, string];
      const again = await runCli([
        "pdf",
        deck,
        "--audience",
        audience,
        "--layout",
        "3up",
        "--paper",
        "a4",
        "--out",
        dist,
      ]);
      expect(again.code, again.stderr).toBe(0);
      const file = path.join(p.dir, "handout.pdf");
      expect(pdfInfo(file)["Page size"]).toMatch(/^59[45]\.\d+ x 841\.\d+ pts/); // A4
      const texts = allPageTexts(file);
      const read = allPageTexts(file, false);
      const shown = handedOut(p, "handout.pdf");
      // Three slides on every page, the first included, then the appendix.
      for (const [i, slide] of shown.entries())
        expect(captionPage(texts, slide.number), `slide ${slide.number}`).toBe(
          Math.floor(i / 3) + 1,
        );
      for (const slide of shown) {
        const at = captionPage(texts, slide.number);
        for (const figure of slide.figures)
          expect(
            findsText(figure, texts[at - 1], read[at - 1]),
            `slide ${slide.number}: ${figure}`,
          ).toBe(true);
      }
    });
  });
});

/**
 * Chromium's raster and poppler's smooth the edges of text differently (measured here: a mean
 * of 1.3–2.6 per channel, 0.3–3.3% of blocks changed); moving a slide's text by 2 pixels
 * already gives 3.4 and 4.8%, and a different slide at least 8.8 and 10%.
 */
const MEAN_LIMIT = 3.5;
const CHANGED_LIMIT = 0.045;

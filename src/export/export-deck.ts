import { readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { FactdeckError } from "../errors/index.ts";
import { type DeckContent, readDeckContent } from "./deck-content.ts";
import {
  type HandoutLayout,
  type HandoutReader,
  handoutHtml,
  PAPERS,
  type Paper,
} from "./handout-html.ts";
import { ASSET_PREFIX, type HandoutStyles } from "./handout-styles.ts";
import { countPdfPages, writeFileAtomic } from "./pdf-file.ts";
import type { ExportJob } from "./plan.ts";
import { layoutForPrint, type PrintLayout } from "./print-slides.ts";

/** What every deck's export shares: one browser context, one static server, the options. */
export interface ExportContext {
  /** Pages open in one context of one browser (a context per page costs more than the page). */
  context: BrowserContext;
  /** Base URL of the static server for the built site. */
  baseUrl: string;
  outDir: string;
  paper: Paper;
  layout: HandoutLayout;
  /** Theme for handouts; undefined: each deck page's own. */
  handoutTheme?: string;
  styles: (theme: string) => HandoutStyles;
  /** How long printing one PDF may take (ms); default 30 s and 0.5 s a slide. */
  timeout?: number;
}

/** One PDF written. */
export interface WrittenPdf {
  file: string;
  pages: number;
  ms: number;
}

/** The three PDFs of one deck page: the slides, the participant's handout, the presenter's script. */
export interface DeckExport {
  job: ExportJob;
  slides: WrittenPdf;
  handout: WrittenPdf & { theme: string };
  presenter: WrittenPdf;
}

// Run from source (the test runner, the benchmark), code compiled with esbuild's keepNames
// wraps inner functions in a `__name` helper; functions sent to the page need it there too.
// The compiled CLI has no such helper, and the line is then a no-op.
const NAME_HELPER = "globalThis.__name ??= (target) => target;";

/** Records what goes wrong in a page, to explain a page that never becomes ready. */
function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
  page.on("requestfailed", (request) =>
    problems.push(`failed to load ${request.url()}: ${request.failure()?.errorText ?? ""}`),
  );
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (response.status() >= 400 && url.pathname !== "/favicon.ico")
      problems.push(`HTTP ${response.status()} for ${url.pathname}`);
  });
  return problems;
}

/**
 * Runs `work` in a fresh page and closes it after. Every step is under one deadline (a page
 * that never becomes ready, a print that never ends): when it passes, the page is closed,
 * which ends whatever was waiting, and the error says what was seen in the page.
 */
async function inPage<T>(
  ctx: ExportContext,
  what: string,
  limit: number,
  work: (page: Page) => Promise<T>,
): Promise<T> {
  const page = await ctx.context.newPage();
  const problems = watchPage(page);
  let late = false;
  const deadline = setTimeout(() => {
    late = true;
    page.close().catch(() => {});
  }, limit);
  try {
    return await work(page);
  } catch (error) {
    if (error instanceof FactdeckError) throw error;
    throw new FactdeckError([
      {
        code: late ? "FD_PDF_TIMEOUT" : "FD_PDF_FAILED",
        severity: "error",
        message: late
          ? `Printing the ${what} took longer than ${Math.round(limit / 1000)} s, so it was stopped.`
          : `Printing the ${what} failed.`,
        detail: [...problems, (error as Error).message.split("\n")[0]].filter(Boolean).join("\n"),
        hint: "open the built page in a browser to see what fails, or rebuild with `npm run build`",
      },
    ]);
  } finally {
    clearTimeout(deadline);
    await page.close().catch(() => {});
  }
}

/** The time a page may take, everything included: more for longer decks. */
function deadlineFor(ctx: ExportContext, content: DeckContent): number {
  return ctx.timeout ?? 30_000 + 500 * content.slides.length;
}

async function printSlides(
  ctx: ExportContext,
  job: ExportJob,
  content: DeckContent,
  laidOut: (layout: PrintLayout) => void,
): Promise<Uint8Array> {
  const { width, height } = content;
  const what = `slides of ${job.deck.id}/${job.audience}`;
  return inPage(ctx, what, deadlineFor(ctx, content), async (page) => {
    await page.setViewportSize({ width, height });
    await page.addInitScript({ content: NAME_HELPER });
    await page.goto(`${ctx.baseUrl}/${job.deck.id}/${job.audience}/`, { timeout: 0 });
    // The runtime sets this after reveal.js has laid out the deck and document.fonts is ready.
    await page.waitForFunction(() => document.documentElement.dataset.fdReady === "true", null, {
      timeout: 0,
    });
    laidOut(
      await page.evaluate(layoutForPrint, {
        width,
        height,
        rootAttributes: content.rootAttributes,
      }),
    );
    // Print the screen's rules, not reveal.js's print stylesheet: the PDF is the screen.
    await page.emulateMedia({ media: "screen" });
    return page.pdf({
      width: `${width}px`,
      height: `${height}px`,
      printBackground: true,
      preferCSSPageSize: true,
      tagged: true,
      outline: true,
    });
  });
}

async function printHandout(
  ctx: ExportContext,
  job: ExportJob,
  content: DeckContent,
  theme: string,
  layout: Promise<PrintLayout>,
  reader: HandoutReader,
): Promise<Uint8Array> {
  const styles = ctx.styles(theme);
  const name = reader === "presenter" ? "presenter" : "handout";
  const what = `${reader === "presenter" ? "presenter's script" : "handout"} of ${job.deck.id}/${job.audience}`;
  return inPage(ctx, what, deadlineFor(ctx, content), async (page) => {
    // The handout lives beside the deck page, so the slides' relative URLs resolve as built.
    const url = `${ctx.baseUrl}/${job.deck.id}/${job.audience}/${name}.html`;
    const html = handoutHtml(content, {
      paper: ctx.paper,
      layout: ctx.layout,
      reader,
      stylesheets: styles.hrefs,
      theme,
      deckTitle: job.deck.config.title,
      audienceLabel: job.audienceLabel,
      duration: job.duration,
    });
    await page.route(url, (route) =>
      route.fulfill({ body: html, contentType: "text/html; charset=utf-8" }),
    );
    await page.route(
      (u) => u.pathname.startsWith(`${ASSET_PREFIX}/`),
      (route) => {
        const pathname = new URL(route.request().url()).pathname;
        const sheet = styles.sheets.get(pathname);
        if (sheet !== undefined)
          return route.fulfill({ body: sheet, contentType: "text/css; charset=utf-8" });
        const file = styles.files.get(pathname);
        return file ? route.fulfill({ path: file }) : route.fulfill({ status: 404 });
      },
    );
    await page.goto(url, { timeout: 0 });
    // Slides show the way the deck page shows them; that page says how once it is laid out.
    const display = (await layout.catch(() => undefined))?.display ?? "block";
    await page.evaluate(async (value) => {
      document.documentElement.style.setProperty("--fd-slide-display", value);
      // Layout first, so every font the handout uses has started loading.
      document.body.getBoundingClientRect();
      await document.fonts.ready;
    }, display);
    const paper = PAPERS[ctx.paper];
    return page.pdf({
      width: `${paper.width}in`,
      height: `${paper.height}in`,
      printBackground: true,
      preferCSSPageSize: true,
      tagged: true,
      outline: true,
    });
  });
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/** Reads what the export needs from a job's built page. */
export function readBuiltPage(outDir: string, job: ExportJob): DeckContent {
  return readDeckContent(readFileSync(path.join(outDir, job.page), "utf8"));
}

/**
 * Writes `slides.pdf`, `handout.pdf` (the participant's) and `presenter.pdf` (the script, with
 * notes and timing) beside one built deck page; they print at the same time in pages of their
 * own. `onFile` is told of each file as it is written.
 */
export async function exportDeck(
  ctx: ExportContext,
  job: ExportJob,
  onFile: (file: string) => void = () => {},
  content = readBuiltPage(ctx.outDir, job),
): Promise<DeckExport> {
  const theme = ctx.handoutTheme ?? content.theme;
  const write = (name: string, pdf: Uint8Array, ms: number): WrittenPdf => {
    const file = path.join(job.dir, name);
    writeFileAtomic(file, pdf);
    onFile(file);
    return { file, pages: countPdfPages(pdf), ms };
  };
  // The handout draws its slides as the deck page shows them, so it waits for that page's
  // layout (not for its PDF) before it is composed.
  let laidOut: (layout: PrintLayout) => void = () => {};
  let failed: (error: unknown) => void = () => {};
  const layout = new Promise<PrintLayout>((resolve, reject) => {
    laidOut = resolve;
    failed = reject;
  });
  layout.catch(() => {}); // the slides' own promise reports the failure
  const [slides, handout, presenter] = await Promise.all([
    timed(() => printSlides(ctx, job, content, laidOut))
      .catch((error) => {
        failed(error);
        throw error;
      })
      .then((r) => write("slides.pdf", r.value, r.ms)),
    timed(() => printHandout(ctx, job, content, theme, layout, "participant")).then((r) =>
      write("handout.pdf", r.value, r.ms),
    ),
    timed(() => printHandout(ctx, job, content, theme, layout, "presenter")).then((r) =>
      write("presenter.pdf", r.value, r.ms),
    ),
  ]);
  return { job, slides, handout: { ...handout, theme }, presenter };
}

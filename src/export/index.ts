import { availableParallelism } from "node:os";
import path from "node:path";
import pLimit, { type LimitFunction } from "p-limit";
import { FactdeckError, formatDiagnostics, hasErrors, isFactdeckError } from "../errors/index.ts";
import { findBrowser, launchBrowser, noBrowserDiagnostic } from "./chromium.ts";
import type { DeckContent } from "./deck-content.ts";
import { type DeckExport, type ExportContext, exportDeck, readBuiltPage } from "./export-deck.ts";
import type { HandoutLayout, Paper } from "./handout-html.ts";
import { createHandoutStyles } from "./handout-styles.ts";
import { guardContext, type NetworkGuard, remoteBlockedDiagnostic } from "./network-guard.ts";
import { removeStaleTemporaries } from "./pdf-file.ts";
import { planExport } from "./plan.ts";
import { createProgress } from "./progress.ts";
import { type StaticServer, serveStatic } from "./serve.ts";

/** Options of `factdeck pdf`; everything is exported when deck and audience are unset. */
export interface PdfOptions {
  /** Project root (slides/, data/, themes/); default the working directory. */
  root?: string;
  deck?: string;
  audience?: string;
  /** Theme for the handouts; default `print`. The slides are printed as built. */
  theme?: string;
  /** Handout paper; default letter. */
  paper?: Paper;
  /** Handout layout; default 1up (slide above its notes). */
  layout?: HandoutLayout;
  /** The built site, where the PDFs are written too; default dist. */
  out?: string;
}

/** Runs `work` over every item through a p-limit gate; results keep the items' order. */
function mapWithGate<T, R>(
  gate: LimitFunction,
  items: readonly T[],
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  return Promise.all(items.map((item) => gate(() => work(item))));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * `factdeck pdf`: prints every built deck page to `slides.pdf`, `handout.pdf` and `presenter.pdf` beside it,
 * in one headless Chromium whose pages reach nothing but the export's own server (anything
 * else they ask for is refused, and named in a warning). Throws a FactdeckError (printed by
 * the CLI) when the site is not built or is stale, no browser starts, or a PDF cannot be
 * written; resolves to the exit code.
 */
export async function runPdf(options: PdfOptions): Promise<number> {
  const started = performance.now();
  const root = path.resolve(options.root ?? process.cwd());
  const outDir = path.resolve(root, options.out ?? "dist");
  const plan = planExport({ ...options, root, outDir });
  const diagnostics = [...plan.diagnostics];
  if (!findBrowser()) diagnostics.push(noBrowserDiagnostic());
  if (hasErrors(diagnostics)) throw new FactdeckError(diagnostics);
  if (diagnostics.length) process.stderr.write(`${formatDiagnostics(diagnostics, { root })}\n\n`);
  removeStaleTemporaries(outDir);

  // Chromium starts in its own process while the built pages are read here.
  const launching = launchBrowser({ offline: true });
  launching.catch(() => {}); // awaited below
  let contents: DeckContent[];
  try {
    contents = plan.jobs.map((job) => readBuiltPage(outDir, job));
  } catch (error) {
    await (await launching.catch(() => undefined))?.close();
    throw error;
  }
  const browser = await launching;
  const progress = createProgress(plan.jobs.length * 3);
  const rel = (file: string) => path.relative(process.cwd(), file) || ".";
  let server: StaticServer | undefined;
  let guard: NetworkGuard | undefined;
  let results: DeckExport[];
  try {
    server = await serveStatic(outDir);
    // Service workers would fetch past the context's routes.
    const context = await browser.newContext({ serviceWorkers: "block" });
    guard = await guardContext(context, server.url);
    const ctx: ExportContext = {
      context,
      baseUrl: server.url,
      outDir,
      paper: options.paper ?? "letter",
      layout: options.layout ?? "1up",
      handoutTheme: plan.handoutTheme,
      styles: createHandoutStyles(root),
    };
    // Each deck page prints its slides and its handout at once; a deck page per core (two
    // renderers each) keeps the cores busy while pages wait on each other (measured on 2 cores).
    const limit = Math.max(2, availableParallelism());
    const gate = pLimit(limit);
    results = await mapWithGate(gate, plan.jobs, async (job) => {
      const content = contents[plan.jobs.indexOf(job)];
      const done = await exportDeck(ctx, job, (file) => progress.file(rel(file)), content);
      const { slides, handout, presenter } = done;
      progress.deck(
        `${rel(job.dir)}: slides.pdf ${slides.pages} pages (${seconds(slides.ms)}), ` +
          `handout.pdf ${handout.pages} pages, ${ctx.paper} ${ctx.layout}, theme ${handout.theme} (${seconds(handout.ms)}), ` +
          `presenter.pdf ${presenter.pages} pages (${seconds(presenter.ms)})`,
      );
      return done;
    });
  } catch (error) {
    // A page that failed may have failed for want of what was refused.
    const blocked = guard?.blocked() ?? [];
    if (isFactdeckError(error) && blocked.length)
      error.diagnostics.push(remoteBlockedDiagnostic(blocked));
    throw error;
  } finally {
    progress.stop();
    await browser.close();
    await server?.close();
  }
  const blocked = guard?.blocked() ?? [];
  if (blocked.length)
    process.stderr.write(`${formatDiagnostics([remoteBlockedDiagnostic(blocked)], { root })}\n\n`);
  const files = results.length * 3;
  const pages = results.reduce(
    (n, r) => n + r.slides.pages + r.handout.pages + r.presenter.pages,
    0,
  );
  process.stdout.write(
    `Exported ${files} PDF(s), ${pages} pages, for ${results.length} deck page(s) in ${seconds(performance.now() - started)}.\n`,
  );
  return 0;
}

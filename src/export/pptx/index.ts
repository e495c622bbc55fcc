import { existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  type Diagnostic,
  FactdeckError,
  formatDiagnostics,
  hasErrors,
} from "../../errors/index.ts";
import { projectPaths, renderProject } from "../../project/index.ts";
import { readTheme } from "../../themes/index.ts";
import { readSlides, type SlideModel } from "./slide-model.ts";
import { pptxTheme } from "./theme.ts";
import { type WrittenDeck, writeDeck } from "./write-deck.ts";

/** Options of `factdeck pptx`; every deck and audience when deck and audience are unset. */
export interface PptxOptions {
  /** Project root (slides/, data/, themes/); default the working directory. */
  root?: string;
  deck?: string;
  audience?: string;
  /** Theme for every audience; default each audience's own. */
  theme?: string;
  /** The built site the files are written into; default dist. */
  out?: string;
  /** Print nothing on success (tests, the bench). */
  quiet?: boolean;
}

/** One file written: where, and what it holds. */
export interface PptxResult {
  file: string;
  deck: string;
  audience: string;
  written: WrittenDeck;
  /** What this file cannot show as the deck does (FD_PPTX_UNSUPPORTED warnings). */
  warnings: Diagnostic[];
}

const rel = (root: string, file: string) =>
  path.relative(root, file).split(path.sep).join("/") || ".";

/** A warning per slide that holds something the PowerPoint cannot show as it is. */
function unsupportedDiagnostics(
  deck: string,
  audience: string,
  slides: SlideModel[],
  written: WrittenDeck,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of slides)
    if (s.unsupported.length)
      out.push({
        code: "FD_PPTX_UNSUPPORTED",
        severity: "warning",
        message: `Slide "${s.id}" of ${deck}/${audience} has ${s.unsupported.join(", ")}, which the PowerPoint shows as plain text.`,
        hint: "check that slide in the .pptx, or use the HTML deck or the PDF for it",
      });
  for (const c of written.unknownCharts)
    out.push({
      code: "FD_PPTX_UNSUPPORTED",
      severity: "warning",
      message: `Slide "${c.slide}" of ${deck}/${audience} has ${c.why ?? `a chart of kind "${c.kind}"`}, which the PowerPoint export cannot draw; it shows the chart's description instead.`,
      hint: "use the HTML deck or the PDF for that slide",
    });
  if (written.logoProblem)
    out.push({
      code: "FD_PPTX_UNSUPPORTED",
      severity: "warning",
      message: `The slides of ${deck}/${audience} have no logo in the PowerPoint: ${written.logoProblem}.`,
      hint: "give deck.yaml's logo a PNG or JPEG version of the image",
    });
  return out;
}

/**
 * `factdeck pptx`: writes `slides.pptx` beside each built deck page, from the same rendered
 * slides and dataset as the HTML deck (never from the built page). Text stays editable, charts
 * are native with their data, notes go to the notes pane. Writes only into deck folders a build
 * made; throws a FactdeckError (printed by the CLI) when one is missing; resolves to the exit code.
 */
export async function runPptx(options: PptxOptions): Promise<number> {
  const results = await exportPptx(options);
  if (!options.quiet) {
    for (const r of results) {
      const w = r.written;
      const drawn = w.drawnCharts.map((d) => `${d.slide} (${d.kind})`);
      process.stdout.write(
        `${rel(process.cwd(), r.file)}: ${w.slides} slides, ${w.nativeCharts} native chart(s)` +
          `${drawn.length ? `; drawn with shapes: ${drawn.join(", ")}` : ""}\n`,
      );
    }
    process.stdout.write(`Exported ${results.length} PowerPoint file(s).\n`);
  }
  return 0;
}

/** Renders and writes every selected deck page's PowerPoint; returns what was written. */
export async function exportPptx(options: PptxOptions): Promise<PptxResult[]> {
  const root = path.resolve(options.root ?? process.cwd());
  const outDir = path.resolve(root, options.out ?? "dist");
  const rendered = await renderProject({
    root,
    deck: options.deck,
    audience: options.audience,
    theme: options.theme,
  });
  const diagnostics = [...rendered.diagnostics];
  if (hasErrors(diagnostics)) throw new FactdeckError(diagnostics);

  // Only into deck folders a build made: dist/ belongs to the build, which replaces it whole.
  const missing = rendered.decks
    .map((d) => path.join(outDir, d.deck, d.audience, "index.html"))
    .filter((page) => !existsSync(page));
  if (missing.length) {
    const build =
      outDir === path.join(root, "dist")
        ? "npm run build"
        : `npx factdeck build --out ${rel(root, outDir)}`;
    throw new FactdeckError([
      ...diagnostics,
      {
        code: "FD_PPTX_NOT_BUILT",
        severity: "error",
        message: existsSync(outDir)
          ? `The built site in ${rel(root, outDir)}/ lacks ${missing.length === 1 ? "a deck page" : `${missing.length} deck pages`}, so there is no folder to write its PowerPoint into.`
          : `There is no built site in ${rel(root, outDir)}/ to write the PowerPoint files into.`,
        detail: `missing: ${missing.map((m) => rel(root, m)).join(", ")}`,
        hint: `run \`${build}\` first; the .pptx is written beside each built deck page`,
      },
    ]);
  }

  const paths = projectPaths(root);
  const configs = new Map(rendered.deckConfigs.map((d) => [d.id, d]));
  const results: PptxResult[] = [];
  for (const deck of rendered.decks) {
    const config = configs.get(deck.deck)!;
    const dataset = rendered.datasets.get(config.config.dataset)!;
    const theme = pptxTheme(readTheme(paths.themes, deck.theme));
    const slides = readSlides(deck.slidesHtml);
    const written = await writeDeck(deck, slides, theme, dataset, root);
    const warnings = unsupportedDiagnostics(deck.deck, deck.audience, slides, written);
    diagnostics.push(...warnings);
    const file = path.join(outDir, deck.deck, deck.audience, "slides.pptx");
    // Written beside, then renamed: a reader never sees half a file.
    const partial = `${file}.partial-${process.pid}`;
    try {
      writeFileSync(partial, written.data);
      renameSync(partial, file);
    } finally {
      rmSync(partial, { force: true });
    }
    results.push({ file, deck: deck.deck, audience: deck.audience, written, warnings });
  }
  if (diagnostics.length && !options.quiet)
    process.stderr.write(`${formatDiagnostics(diagnostics, { root })}\n\n`);
  return results;
}

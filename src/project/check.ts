import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import {
  type Appearance,
  type CheckReport,
  checkConsistency,
  checkDerivedFigures,
  checkHeadings,
  checkImages,
  checkLocators,
  checkRenderedCharts,
  checkStatus,
  checkTypedFigures,
  collectLiterals,
  readSlideFile,
  type SlideFile,
} from "../check/index.ts";
import { type Dataset, type Deck, loadDataset } from "../data/index.ts";
import type { Diagnostic } from "../errors/index.ts";
import { checkThemeContrast } from "../themes/index.ts";
import { type ProjectOptions, projectPaths } from "./paths.ts";
import { type ProjectRender, renderProject } from "./render.ts";

/**
 * All findings for the selected decks: what rendering reports (data, relations, MDX,
 * charts) and the check's own (typed figures, consistency, provenance, accessibility).
 */
export async function checkProject(options: ProjectOptions = {}): Promise<Diagnostic[]> {
  return (await createCheckReport(options)).diagnostics;
}

/** The check's own findings on a project that was already rendered (the benchmark times this part). */
export async function checkRenderedProject(
  render: ProjectRender,
  options: ProjectOptions = {},
): Promise<Diagnostic[]> {
  return (await inspect(render, options)).diagnostics;
}

/** Renders the selected decks and checks them; the report the CLI prints. */
export async function createCheckReport(options: ProjectOptions = {}): Promise<CheckReport> {
  return (await renderAndCheck(options)).report;
}

/**
 * Renders the selected decks, then runs every check on what was rendered: the one
 * "render, then check" that build, dev and `factdeck check` share. The report's
 * findings hold the render's own first.
 */
export async function renderAndCheck(
  options: ProjectOptions = {},
): Promise<{ render: ProjectRender; report: CheckReport }> {
  const render = await renderProject(options);
  const own = await inspect(render, options);
  const report = { ...own, diagnostics: unique([...render.diagnostics, ...own.diagnostics]) };
  return { render, report };
}

async function inspect(render: ProjectRender, options: ProjectOptions): Promise<CheckReport> {
  const paths = projectPaths(options.root);
  const report: CheckReport = { diagnostics: [], literals: [], checked: [], notChecked: [] };
  const datasets = new Map<string, Promise<Dataset | undefined>>();
  const datasetChecked = new Set<string>();
  for (const deck of render.deckConfigs) {
    const audiences = Object.keys(deck.config.audiences).filter(
      (a) => !options.audience || a === options.audience,
    );
    if (!audiences.length) continue;
    const id = deck.config.dataset;
    if (!datasets.has(id)) {
      const given = render.datasets?.get(id);
      datasets.set(id, given ? Promise.resolve(given) : datasetOf(paths.data, id));
    }
    const dataset = await datasets.get(id)!;
    const slides = readDeckSlides(deck, audiences);
    const listed = new Set(audiences.flatMap((a) => deck.config.audiences[a]?.slides ?? []));
    listed.delete("sources");
    report.checked.push({ deck: deck.id, audiences, slideFiles: listed.size });
    for (const file of slides.values()) {
      report.diagnostics.push(...checkImages(file));
      const literals = collectLiterals(file, dataset);
      report.literals.push(...literals.notes);
      report.diagnostics.push(...literals.diagnostics);
    }
    report.diagnostics.push(...checkHeadings(deck, audiences, slides));
    report.diagnostics.push(...checkRenderedCharts(render.decks, deck, slides));
    if (!dataset) {
      report.notChecked.push({
        deck: deck.id,
        reason: `its dataset "${id}" has errors; fix them and run the check again to compare the slides with the data`,
      });
      continue;
    }
    if (!datasetChecked.has(id)) {
      datasetChecked.add(id);
      report.diagnostics.push(...checkDerivedFigures(dataset), ...checkLocators(dataset));
      report.tables = [
        ...(report.tables ?? []),
        ...dataset.tables.map((t) => ({ ...t, dataset: id })),
      ];
    }
    const bound = new Set([...slides.values()].flatMap((f) => f.bindings.flatMap((b) => b.keys)));
    const appearances: Appearance[] = [];
    for (const file of slides.values()) {
      const result = checkTypedFigures(file, dataset, bound);
      report.diagnostics.push(...result.diagnostics);
      appearances.push(...result.appearances);
    }
    report.diagnostics.push(...checkConsistency(deck.id, appearances, dataset));
    report.diagnostics.push(...checkStatus(deck, audiences, slides, dataset));
  }
  // Every theme is measured from its own tokens: contrast, palette, no network.
  report.diagnostics.push(...checkThemeContrast(paths.themes));
  report.diagnostics = unique(report.diagnostics);
  return report;
}

/** The slide files the audiences show, parsed, in the order they first appear. */
function readDeckSlides(deck: Deck, audiences: readonly string[]): Map<string, SlideFile> {
  const out = new Map<string, SlideFile>();
  for (const audience of audiences) {
    for (const id of deck.config.audiences[audience]?.slides ?? []) {
      const file = deck.slideFiles.get(id);
      if (!file || out.has(id)) continue;
      const parsed = readSlideFile(file, readFileSync(file, "utf8"));
      if (parsed) out.set(id, parsed);
    }
  }
  return out;
}

const loaded = new Map<string, { files: string[]; stamp: string; dataset: Dataset }>();

/** Loads a dataset, reusing the last load while none of its files has changed. */
async function datasetOf(dataDir: string, id: string): Promise<Dataset | undefined> {
  const key = path.join(dataDir, id);
  const hit = loaded.get(key);
  if (hit && hit.stamp === stampOf(hit.files)) return hit.dataset;
  const result = await loadDataset(dataDir, id);
  if (!result.dataset) return undefined;
  // Files that may appear later (a schema file, the registry) are watched too.
  const files = [
    ...new Set([
      ...result.files,
      path.join(dataDir, `${id}.schema.ts`),
      path.join(dataDir, "sources.yaml"),
    ]),
  ];
  loaded.set(key, { files, stamp: stampOf(files), dataset: result.dataset });
  return result.dataset;
}

function stampOf(files: readonly string[]): string {
  return files
    .map((f) => {
      try {
        const s = statSync(f);
        return `${f}:${s.mtimeMs}:${s.size}`;
      } catch {
        return `${f}:-`;
      }
    })
    .join("|");
}

function unique(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const id = [d.code, d.message, d.at?.file, d.at?.line, d.at?.column].join("\0");
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

import { readFileSync } from "node:fs";
import path from "node:path";
import { isScalar, parseDocument } from "yaml";
import { findDatasetFile, listDecks, loadDataset, loadDeck } from "../../src/data/index.ts";
import { letters } from "./synthetic.ts";

/** Which page to watch and which slide file and figure to edit in a project copy. */
export interface EditPlan {
  deck: string;
  audience: string;
  /** Slides on the audience's page (without the generated sources slides). */
  slideCount: number;
  slideFile: string;
  dataFile: string;
  figureKey: string;
  /** The figure's value as written, and its number of decimals. */
  value: number;
  precision: number;
}

const FLAGSHIP = "ussc-nonproduction";

/**
 * Picks the flagship audience with the most slides, a slide file it shows (one with a
 * chart when there is one), and a single-valued figure its charts or prose bind that no
 * consistency relation ties to others (so nudging it keeps the dataset valid).
 */
export async function planEdits(root: string): Promise<EditPlan> {
  const slidesDir = path.join(root, "slides");
  // The flagship when it is there (the targets were set on it), else the first deck.
  const decks = listDecks(slidesDir).filter((d) => !d.startsWith("bench-"));
  const deckId = decks.find((d) => d === FLAGSHIP) ?? decks[0];
  if (!deckId) throw new Error("no deck to edit in slides/");
  const { deck } = loadDeck(slidesDir, deckId);
  if (!deck) throw new Error(`the deck "${deckId}" does not load`);
  const [audience, config] = Object.entries(deck.config.audiences).sort(
    (a, b) => b[1].slides.length - a[1].slides.length,
  )[0]!;
  const files = config.slides
    .map((id) => deck.slideFiles.get(id))
    .filter((f): f is string => Boolean(f));
  const texts = new Map(files.map((f) => [f, readFileSync(f, "utf8")]));
  const slideFile =
    files.find((f) => texts.get(f)!.includes("<Chart")) ?? files[Math.floor(files.length / 2)]!;

  const { dataset } = await loadDataset(path.join(root, "data"), deck.config.dataset);
  if (!dataset) throw new Error(`the dataset "${deck.config.dataset}" does not load`);
  const dataFile = findDatasetFile(path.join(root, "data"), deck.config.dataset)!;
  const tied = JSON.stringify(dataset.relations);
  const bound = (pattern: RegExp) =>
    files.flatMap((f) => [...texts.get(f)!.matchAll(pattern)].flatMap((m) => m[1]!.split(/\s+/)));
  const candidates = [
    ...bound(/<Chart\b[^>]*\bof="([^"]+)"/g),
    ...bound(/<(?:Stat|Value)\b[^>]*\bof="([^"]+)"/g),
  ];
  const figureKey = candidates.find((key) => {
    const figure = dataset.figure(key);
    // A computed figure has no value in the file to edit.
    return (
      figure && typeof figure.value === "number" && !figure.derivation && !tied.includes(`"${key}"`)
    );
  });
  if (!figureKey) throw new Error("no single-valued figure on the page is free of relations");
  const figure = dataset.figure(figureKey)!;
  return {
    deck: deckId,
    audience,
    slideCount: config.slides.length,
    slideFile,
    dataFile,
    figureKey,
    value: figure.value as number,
    precision: "precision" in figure && typeof figure.precision === "number" ? figure.precision : 0,
  };
}

/** The slide file with a paragraph appended that names edit `n`; the marker to wait for. */
export function editSlide(original: string, n: number): { text: string; marker: string } {
  const marker = `Benchmark edit ${letters(n)} of this slide.`;
  return { text: `${original.trimEnd()}\n\n${marker}\n`, marker };
}

/**
 * The dataset text with the figure moved by n + 1 units of its last decimal: every edit
 * writes a value not seen before, so no cache can answer it.
 */
export function editFigure(original: string, plan: EditPlan, n: number): string {
  const doc = parseDocument(original, { keepSourceTokens: true });
  const node = doc.getIn(["figures", ...plan.figureKey.split("."), "value"], true);
  if (!isScalar(node) || !node.range) throw new Error(`no value for ${plan.figureKey} in the data`);
  const delta = (n + 1) * 10 ** -plan.precision;
  // Downwards keeps a percentage within 0–100 and a count above zero.
  const next = plan.value - delta >= 0 ? plan.value - delta : plan.value + delta;
  const [start, end] = node.range;
  return original.slice(0, start) + next.toFixed(plan.precision) + original.slice(end);
}

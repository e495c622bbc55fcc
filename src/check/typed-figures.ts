import { type Dataset, type Figure, formatFigure, formatNumber } from "../data/index.ts";
import type { Diagnostic, SourcePosition } from "../errors/index.ts";
import { type Claim, escapeRegExp, findClaims, type Vocabulary } from "./claims.ts";
import { type FigureMatch, matchClaim, rangeEnds, rankMatches } from "./match.ts";
import type { SlideFile } from "./slide-file.ts";
import { runSpan, type TextContext, type TextRun } from "./text-run.ts";

/** One place a figure is shown in a deck, bound or typed, and the number as shown there. */
export interface Appearance {
  key: string;
  shown: string;
  at: SourcePosition;
  typed: boolean;
}

/** What the typed-figure check found in one slide file. */
export interface TypedFigureResult {
  diagnostics: Diagnostic[];
  appearances: Appearance[];
}

const PLACE: Record<TextContext, string> = {
  prose: "the slide text",
  heading: "a heading",
  notes: "the speaker notes",
  alt: "an image's alt text",
  "chart-title": "a chart title",
  "stat-label": "a Stat label",
};

/** Words presenters put before a number to hedge it. */
const HEDGE_BEFORE =
  /\b(more than|over|nearly|about|under|at least|almost|approximately|roughly|around|just over|just under|less than|fewer than)\s*$/i;

/** The dataset's own words that help read claims: range ends in words, count nouns. */
export function vocabularyOf(dataset: Dataset): Vocabulary {
  const lowTexts = new Set<string>();
  const nouns = new Set<string>();
  for (const [, figure] of dataset.entries()) {
    if (typeof figure.value !== "number" && figure.value.lowText)
      lowTexts.add(figure.value.lowText);
    if (figure.noun) nouns.add(figure.noun);
  }
  return { lowTexts: [...lowTexts], nouns: [...nouns] };
}

/**
 * Finds numbers typed by hand in a slide file's prose, notes, headings, alt text, chart
 * titles and Stat labels, and compares each with every figure in the dataset.
 */
export function checkTypedFigures(
  slide: SlideFile,
  dataset: Dataset,
  boundKeys: ReadonlySet<string>,
): TypedFigureResult {
  const diagnostics: Diagnostic[] = [];
  const appearances: Appearance[] = [];
  const figures = dataset.entries();
  const vocabulary = vocabularyOf(dataset);
  const datasetFile = relativeDataFile(dataset);
  for (const run of slide.runs) {
    const at = (start: number, end: number) => slide.lines.span(...runSpan(run, start, end));
    for (const claim of findClaims(run.text, vocabulary)) {
      const where = at(claim.start, claim.end);
      if (claim.kind === "proportion") {
        const d = checkProportion(claim, run, figures, dataset, boundKeys, where);
        if (d) diagnostics.push(d);
        continue;
      }
      let matches = matchClaim(claim, figures);
      const split = claim.kind === "range" && matches.length === 0;
      // A range that is no range figure may still be made of two single figures.
      const ends = split
        ? rangeEnds(claim).map((end) => rankMatches(matchClaim(end, figures), boundKeys)[0])
        : [];
      if (split) matches = rangeEnds(claim).flatMap((end) => matchClaim(end, figures));
      matches = rankMatches(dedupe(matches), boundKeys);
      if (matches.length === 0) {
        if (isWorthWarning(claim))
          diagnostics.push(unknownNumber(claim, run.context, where, datasetFile));
        continue;
      }
      const endKeys = ends.map((m) => (m ? binding(m.key) : "…"));
      diagnostics.push(
        typedFigure(claim, run.context, matches, where, split ? endKeys : undefined),
      );
      const only = matches.length === 1 ? matches[0]! : undefined;
      if (only && (only.kind === "exact" || only.kind === "rounded"))
        appearances.push({
          key: only.key,
          shown: only.kind === "exact" ? formatNumber(only.figure) : shownAs(claim),
          at: where,
          typed: true,
        });
    }
    diagnostics.push(...checkBoundNeighbours(run, dataset, at));
  }
  for (const binding of slide.bindings)
    for (const key of binding.keys) {
      const figure = dataset.figure(key);
      if (figure)
        appearances.push({ key, shown: formatNumber(figure), at: binding.at, typed: false });
    }
  return { diagnostics, appearances };
}

function dedupe(matches: FigureMatch[]): FigureMatch[] {
  const seen = new Set<string>();
  return matches.filter((m) => !seen.has(m.key) && seen.add(m.key));
}

/** The number as a reader sees it, normalised: "28%", "27.6%", "37 months". */
function shownAs(claim: Claim): string {
  const n = claim.number!;
  const digits = n.value.toLocaleString("en-US", {
    minimumFractionDigits: n.decimals,
    maximumFractionDigits: n.decimals,
  });
  return claim.unit === "percent" ? `${digits}%` : digits;
}

/** Unmatched numbers worth a warning: written in digits, and not a small bare integer. */
function isWorthWarning(claim: Claim): boolean {
  if (claim.kind === "range") return !isWords(claim.low) && !claim.high!.words;
  const n = claim.number!;
  if (n.words) return false;
  if (claim.unit) return true;
  return n.separators || n.decimals > 0 || n.value >= 10;
}

function isWords(end: Claim["low"]): boolean {
  return !!end && "words" in end && end.words;
}

function binding(key: string): string {
  return `<Value of="${key}"/>`;
}

function describe(match: FigureMatch): string {
  const shown = formatFigure(match.figure);
  const part =
    match.kind === "low" ? "the low end of " : match.kind === "high" ? "the high end of " : "";
  return `${part}${match.key} (${match.figure.label}: ${shown})`;
}

function typedFigure(
  claim: Claim,
  context: TextContext,
  matches: FigureMatch[],
  at: SourcePosition,
  split: string[] | undefined,
): Diagnostic {
  const first = matches[0]!;
  const place = PLACE[context];
  const message = split
    ? `"${claim.text}" in ${place} is typed by hand, and its ends are figures in the dataset.`
    : matches.length > 1
      ? `"${claim.text}" in ${place} is typed by hand, and the dataset has figures with this value.`
      : first.kind === "rounded"
        ? `"${claim.text}" in ${place} is typed by hand: it is ${first.key} (${formatNumber(first.figure)}) rounded.`
        : `"${claim.text}" in ${place} is typed by hand, but it is a figure in the dataset.`;
  const detail =
    matches.length > 1
      ? `it matches ${matches.slice(0, 4).map(describe).join("; ")}${matches.length > 4 ? `; and ${matches.length - 4} more` : ""}`
      : `it matches ${describe(first)}`;
  return {
    code: "FD_CHECK_TYPED_FIGURE",
    severity: "error",
    message,
    at,
    detail,
    hint: typedHint(context, matches, split),
  };
}

function typedHint(context: TextContext, matches: FigureMatch[], split?: string[]): string {
  const keys = matches.slice(0, 3).map((m) => m.key);
  if (context === "chart-title" || context === "stat-label" || context === "alt") {
    const what =
      context === "alt" ? "alt text" : context === "chart-title" ? "a chart title" : "a Stat label";
    return `${what} cannot hold a bound figure: say it in words without the number (the figure is shown from the data), or write it in the slide text as ${binding(keys[0]!)}`;
  }
  const choice = split
    ? `write ${split.join(" to ")} instead`
    : keys.length > 1
      ? `bind the one you mean: ${keys.map(binding).join(" or ")}`
      : `write ${binding(keys[0]!)} instead`;
  const what = split ? "the figures" : "the figure";
  return `${choice}; the build then prints ${what} from the data with a source mark, and it stays right when the data changes`;
}

function unknownNumber(
  claim: Claim,
  context: TextContext,
  at: SourcePosition,
  datasetFile: string,
): Diagnostic {
  return {
    code: "FD_CHECK_UNKNOWN_NUMBER",
    severity: "warning",
    message: `"${claim.text}" in ${PLACE[context]} is not a figure in the dataset.`,
    at,
    hint: `if it is a figure, add it to ${datasetFile} with its source and bind it with <Value of="group.name"/>; if it is not one (a date, a citation, a list number), wrap it: <Literal reason="why it is not a figure">${claim.text}</Literal>`,
  };
}

/** Proportion words: fine beside the figure they describe, an error on their own. */
function checkProportion(
  claim: Claim,
  run: TextRun,
  figures: ReadonlyArray<[string, Figure]>,
  dataset: Dataset,
  boundKeys: ReadonlySet<string>,
  at: SourcePosition,
): Diagnostic | undefined {
  const matches = rankMatches(matchClaim(claim, figures), boundKeys);
  const matched = new Set(matches.map((m) => m.key));
  const beside = boundBeside(run, claim);
  if (beside) {
    const described = beside.keys.some((k) => matched.has(k));
    const key = beside.keys[0]!;
    const figure = dataset.figure(key);
    if (described || !figure || figure.unit !== "percent") return undefined;
    return {
      code: "FD_CHECK_WORDS_MISMATCH",
      severity: "warning",
      message: `The words "${claim.text}" do not fit the figure beside them: ${key} is ${formatFigure(figure)}.`,
      at,
      hint: "change the words to fit the figure, or check that the right figure is bound",
    };
  }
  // A bound figure in the same sentence that the words describe is the source's own wording.
  const sentence = sentenceAround(run.text, claim.start);
  if (
    run.bound.some(
      (b) => b.index >= sentence[0] && b.index < sentence[1] && b.keys.some((k) => matched.has(k)),
    )
  )
    return undefined;
  if (matches.length === 0) return undefined;
  const first = matches[0]!;
  return {
    code: "FD_CHECK_TYPED_PROPORTION",
    severity: "error",
    message: `"${claim.text}" in ${PLACE[run.context]} states a figure in words, with no figure from the data beside it.`,
    at,
    detail:
      matches.length > 1
        ? `the words fit ${matches.slice(0, 4).map(describe).join("; ")}`
        : `the words fit ${describe(first)}`,
    hint:
      run.context === "chart-title" || run.context === "stat-label" || run.context === "alt"
        ? "say the takeaway without stating the share in words, or bind the figure in the slide text"
        : `show the figure beside the words, as the source does: ${claim.text} (${binding(first.key)})`,
  };
}

/** The bound component right before or after a claim ("nearly half (<Value/>)"), if any. */
function boundBeside(run: TextRun, claim: Claim): { keys: string[] } | undefined {
  const joiner = /^[\s(),—–-]*(?:or|that is|i\.e\.,?)?[\s(),—–-]*$/i;
  for (const mark of run.bound) {
    if (mark.index >= claim.end && joiner.test(run.text.slice(claim.end, mark.index))) return mark;
    if (mark.index < claim.start && joiner.test(run.text.slice(mark.index + 1, claim.start)))
      return mark;
  }
  return undefined;
}

function sentenceAround(text: string, at: number): [number, number] {
  const before = text.slice(0, at);
  const startMatch = /[.!?]\s+(?=[^.!?]*$)/.exec(before);
  const start = startMatch ? startMatch.index + startMatch[0].length : 0;
  const endMatch = /[.!?](?:\s|$)/.exec(text.slice(at));
  const end = endMatch ? at + endMatch.index + 1 : text.length;
  return [start, end];
}

/** Words typed beside a bound value that the value already prints ("more than more than 40%"). */
function checkBoundNeighbours(
  run: TextRun,
  dataset: Dataset,
  at: (start: number, end: number) => SourcePosition,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const mark of run.bound) {
    if (mark.keys.length !== 1) continue;
    const key = mark.keys[0]!;
    const figure = dataset.figure(key);
    if (!figure) continue;
    const shown = formatFigure(figure);
    if (figure.qualifier) {
      const hedge = HEDGE_BEFORE.exec(run.text.slice(0, mark.index));
      if (hedge) {
        const start = hedge.index;
        out.push({
          code: "FD_CHECK_DOUBLE_QUALIFIER",
          severity: "warning",
          message: `"${hedge[1]}" is written before ${binding(key)}, which already prints "${shown}".`,
          at: at(start, start + hedge[1]!.length),
          hint: "delete the words before the value: the qualifier is part of the data, so it changes with it",
        });
      }
    }
    const unitWords = unitWordsOf(figure);
    if (unitWords) {
      const after = new RegExp(`^\\s*(${unitWords})(?![\\w])`, "i").exec(
        run.text.slice(mark.index + 1),
      );
      if (after) {
        const start = mark.index + 1 + after[0].length - after[1]!.length;
        out.push({
          code: "FD_CHECK_DOUBLE_UNIT",
          severity: "warning",
          message: `"${after[1]}" is written after ${binding(key)}, which already prints "${shown}".`,
          at: at(start, start + after[1]!.length),
          hint: "delete the word after the value: the unit is part of the data",
        });
      }
    }
  }
  return out;
}

function unitWordsOf(figure: Figure): string | undefined {
  if (figure.unit === "percent") return "percent|per cent|%";
  if (figure.noun) return escapeRegExp(figure.noun);
  if (figure.unit === "months") return "months?";
  if (figure.unit === "years") return "years?";
  if (figure.unit === "levels") return "levels?";
  return undefined;
}

function relativeDataFile(dataset: Dataset): string {
  const rel = dataset.file.split(/[\\/]/).slice(-2).join("/");
  return rel;
}

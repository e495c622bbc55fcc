import { createProcessor } from "@mdx-js/mdx";
import type { Dataset } from "../../src/data/index.ts";
import { formatNumber } from "../../src/data/index.ts";

/** A number typed by hand where a bound figure belongs. */
export interface HandTypedFigure {
  line: number;
  /** Offset within the scanned stretch, to keep findings in reading order. */
  index: number;
  text: string;
  reason: string;
}

/** The published forms of every figure ("27.6%", "1,340", "+2", "37–180") and its bare numbers. */
export interface FigureForms {
  /** Formatted as a slide would show them, and the plain digits ("27.6", "1340", "37", "180"). */
  strings: Set<string>;
  /** Numeric values, for number words ("three" is a figure when 3 is one). */
  numbers: Set<number>;
}

/** Collects the forms under which a dataset's figures would appear if someone typed them. */
export function figureForms(dataset: Pick<Dataset, "entries">): FigureForms {
  const strings = new Set<string>();
  const numbers = new Set<number>();
  for (const [, figure] of dataset.entries()) {
    strings.add(formatNumber(figure));
    const values =
      typeof figure.value === "number" ? [figure.value] : [figure.value.low, figure.value.high];
    for (const n of values) {
      numbers.add(n);
      strings.add(String(n));
      strings.add(n.toFixed(figure.precision));
    }
  }
  return { strings, numbers };
}

// Attributes that hold keys, names or markup rather than words a reader sees.
const NON_PROSE_ATTRIBUTES = new Set(["of", "kind", "only", "except", "reason", "className", "id"]);

// What may contain digits without stating a figure: statute and guideline citations and years.
const CITATION = /§+\s*[\dA-Za-z.()–-]*[\dA-Za-z)]|\b\d+\s+U\.\s?S\.\s?C\./g;
const YEAR = /\b(?:FY|CY)?\s?(?:199\d|20[0-2]\d|2030)\b/g;

const PERCENT = /\d[\d,.]*\s*(?:%|percent\b|per cent\b)/gi;
const THOUSANDS = /\d{1,3}(?:,\d{3})+(?:\.\d+)?/g;
const NUMBER = /[+<]?\d+(?:[.,]\d+)*(?:[–-][+<]?\d+(?:[.,]\d+)*)?/g;

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const NUMBER_WORD = new RegExp(
  `\\b(?:(${Object.keys(TENS).join("|")})(?:[-\\s](${Object.keys(UNITS).slice(1, 10).join("|")}))?|(${Object.keys(UNITS).join("|")}))\\b`,
  "gi",
);

function wordValue(match: RegExpExecArray): number {
  const [, tens, unit, alone] = match;
  if (alone) return UNITS[alone.toLowerCase()]!;
  return TENS[tens!.toLowerCase()]! + (unit ? UNITS[unit.toLowerCase()]! : 0);
}

/** Finds hand-typed figures in one stretch of prose that starts on `line`. */
export function scanText(text: string, line: number, forms: FigureForms): HandTypedFigure[] {
  const found: HandTypedFigure[] = [];
  const at = (index: number) => line + (text.slice(0, index).match(/\n/g)?.length ?? 0);
  // Blank out citations and years, keeping offsets so that line numbers stay right.
  const blank = (s: string) => s.replace(/[^\n]/g, " ");
  const prose = text.replace(CITATION, blank).replace(YEAR, blank);
  const flagged = new Set<number>();
  const flag = (m: RegExpExecArray, reason: string) => {
    if (flagged.has(m.index)) return;
    flagged.add(m.index);
    found.push({ line: at(m.index), index: m.index, text: m[0].trim(), reason });
  };
  for (const m of prose.matchAll(PERCENT)) flag(m, "a percentage typed by hand");
  for (const m of prose.matchAll(THOUSANDS)) flag(m, "a number with a thousands separator");
  for (const m of prose.matchAll(NUMBER)) {
    const token = m[0];
    const parts = [token, token.replace(/,/g, ""), ...token.split(/[–-]/)];
    if (parts.some((p) => forms.strings.has(p) || forms.strings.has(p.replace(/,/g, ""))))
      flag(m, "a number equal to a figure in the dataset");
  }
  for (const m of prose.matchAll(NUMBER_WORD)) {
    if (forms.numbers.has(wordValue(m))) flag(m, "a number word equal to a figure in the dataset");
  }
  return found.sort((a, b) => a.index - b.index);
}

interface MdastNode {
  type: string;
  name?: string | null;
  value?: unknown;
  children?: MdastNode[];
  attributes?: Array<{ type: string; name?: string; value?: unknown; position?: Position }>;
  position?: Position;
}
interface Position {
  start: { line: number };
}

/**
 * Scans an MDX slide file's prose, headings, notes and prose attributes (chart titles, labels)
 * for hand-typed figures. Expressions and `<Literal>` contents are skipped.
 */
export function scanMdx(source: string, forms: FigureForms): HandTypedFigure[] {
  const tree = createProcessor().parse(source) as MdastNode;
  const found: HandTypedFigure[] = [];
  const visit = (node: MdastNode) => {
    if (node.type === "text" && typeof node.value === "string") {
      found.push(...scanText(node.value, node.position?.start.line ?? 1, forms));
      return;
    }
    if (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") {
      if (node.name === "Literal") return;
      for (const attr of node.attributes ?? []) {
        if (attr.type !== "mdxJsxAttribute" || typeof attr.value !== "string") continue;
        if (NON_PROSE_ATTRIBUTES.has(attr.name ?? "")) continue;
        const line = attr.position?.start.line ?? node.position?.start.line ?? 1;
        found.push(...scanText(attr.value, line, forms));
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return found;
}

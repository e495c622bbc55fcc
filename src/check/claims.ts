import {
  DIGITS,
  FRACTION_WORDS,
  FRACTIONS,
  HEDGES,
  hedgedInterval,
  type Interval,
  readNumber,
  type TypedNumber,
  WORDS,
} from "./number-words.ts";

/** What a numeric claim measures. */
export type ClaimUnit = "percent" | "months" | "years" | "weeks" | "days" | "levels" | "money";

/** A number stated in prose, normalised for comparison with the dataset. */
export interface Claim {
  kind: "number" | "range" | "proportion";
  /** Offsets into the run's text. */
  start: number;
  end: number;
  text: string;
  unit?: ClaimUnit;
  /** The number (kind "number"). */
  number?: TypedNumber;
  /** Both ends (kind "range"); a low end may be words such as "probation". */
  low?: TypedNumber | { text: string };
  high?: TypedNumber;
  /** The percentages the words describe (kind "proportion"). */
  interval?: Interval;
  /** The word after a count ("offenders"), lower-case. */
  noun?: string;
}

const MASK = "\u2063";

const MONTHS =
  "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?";

const REFERENCE_WORDS = String.raw`chapters?|ch\.|pages?|pp?\.|sections?|secs?\.|parts?|appendix|app\.|nos?\.|numbers?|steps?|slides?|items?|lines?|titles?|rules?|amendments?|articles?|art\.|volumes?|vol\.|paragraphs?|paras?\.|questions?|footnotes?|notes?|version|phase|round|levels?|grade|category|zone|column|row|week|day|session|module|unit|act`;

/**
 * Text that contains digits but states no figure: dates, citations, section numbers,
 * references, ages, addresses. Each is masked before numbers are read.
 */
const NOT_FIGURES: RegExp[] = [
  /\bhttps?:\/\/\S+/gi,
  /\b(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov|com|org|net|edu|us|int|info)\b(?:\/\S*)?/gi,
  // Case reporters: "543 U.S. 220", "128 S. Ct. 558", "F.3d".
  /\b\d+\s+(?:U\.\s?S\.|S\.\s?Ct\.|F\.\s?(?:Supp\.\s?)?(?:\d[a-z]{1,2})?|L\.\s?Ed\.(?:\s?2d)?)\s*\d+(?:,\s*\d+)?/g,
  /\bPub\.\s*L\.\s*(?:No\.\s*)?\d+[-–]\d+/gi,
  // § 2252A(b)(1), §§ 2252 and 2252A, §2G2.2(b)(7)(D).
  /§§?\s*[0-9A-Za-z][0-9A-Za-z.()\-–]*(?:\s*(?:,|and|or|through|to|&)\s*\d[0-9A-Za-z.()\-–]*)*/g,
  // A title before a code: "18 U.S.C.", "28 C.F.R.".
  /\b\d+\s+(?:[A-Z]\.\s?){2,}[A-Z]?\.?/g,
  // Subsection markers after a citation: "(b)(4)".
  /(?<=[)\w])(?:\((?:[a-zA-Z]{1,4}|\d{1,3})\))+/g,
  /\b(?:FY|CY)\s?'?\d{2,4}\b/gi,
  new RegExp(String.raw`\b(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4})?`, "g"),
  /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b\d{4}-\d{2}(?:-\d{2})?\b/g,
  /\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?/gi,
  // Clock durations ("a 15-minute break") time the talk; no dataset figure is in minutes.
  /\b\d+(?:\.\d+)?\s*-?\s*(?:minutes?|mins?|hours?|hrs?|seconds?|secs?)\b/gi,
  /\b\d+\/\d+\b/g,
  // Years, unless they carry a unit.
  /\b(?:19|20)\d{2}s?\b(?!\s*(?:%|(?:percent|per cent|months?|years?)\b))/g,
  // Ordinals and identifiers: "3rd", "2G2", "1990s".
  /(?<!\$)\b\d+(?:\.\d+)*[A-Za-z][A-Za-z0-9.]*/g,
  /\b[A-Za-z]+-\d+\b/g,
  // References: "ch. 5", "page 27", "pp. 27–30", "Table 3", "offense level 22".
  new RegExp(
    String.raw`\b(?:${REFERENCE_WORDS})\s*#?\s*\d+(?:\.\d+)*(?:\s*(?:[-–—]|to|and|through|of)\s*\d+(?:\.\d+)*)?(?![\d.,]*\s*(?:%|percent))`,
    "gi",
  ),
  /\b(?:Figure|Fig\.|Table|Chart|Exhibit)\s+\d+[A-Za-z]?(?:\.\d+)?/g,
  // Ages, which define a category rather than state a statistic.
  /\b(?:ages?|aged)\s+(?:of\s+)?\d+(?:\s*(?:[-–]|to|and)\s*\d+)?/gi,
  /\b\d+\s*(?:-|\s)\s*years?\s*(?:-|\s)\s*old\b/gi,
  /\b(?:minors?|child(?:ren)?|victims?|persons?|individuals?|boys?|girls?)\s+(?:who\s+(?:was|were|is|are)\s+)?(?:under|below|over|younger\s+than|older\s+than)\s+\d+\b/gi,
];

/** The text with every non-figure number blanked out; offsets are unchanged. */
export function maskNonFigures(text: string): string {
  let masked = text;
  for (const pattern of NOT_FIGURES) masked = masked.replace(pattern, (m) => MASK.repeat(m.length));
  return masked;
}

const NUM = `(?:${DIGITS}|${WORDS})`;
const PERCENT = String.raw`\s*(?:%|percent\b|per\s?cent\b|percentage\s+points?\b)`;
const DURATION = String.raw`(?:\s*-\s*|\s+)(months?|years?|weeks?|days?)\b`;
const LEVELS = String.raw`(?:\s*-\s*|\s+)(?:offense[\s-]+)?levels?\b`;

interface Pattern {
  regex: RegExp;
  read: (m: RegExpExecArray) => Omit<Claim, "start" | "end" | "text"> | undefined;
}

function unitOf(word: string | undefined): ClaimUnit | undefined {
  if (!word) return undefined;
  const w = word.toLowerCase().trim();
  if (/^(?:%|percent|per\s?cent|percentage)/.test(w)) return "percent";
  if (/level/.test(w)) return "levels";
  const m = /(month|year|week|day)/.exec(w);
  return m ? (`${m[1]}s` as ClaimUnit) : undefined;
}

function endOf(text: string): TypedNumber | { text: string } | undefined {
  return readNumber(text) ?? (text.trim() ? { text: text.trim() } : undefined);
}

/** Words from the dataset that help read a claim: range ends in words, the nouns of counts. */
export interface Vocabulary {
  /** Words that stand for the low end of a range ("probation", "<1"). */
  lowTexts: readonly string[];
  /** Nouns printed after counts ("offenders", "images"). */
  nouns: readonly string[];
}

/** The claim patterns, longest forms first. */
function patterns({ lowTexts, nouns }: Vocabulary): Pattern[] {
  const low = [NUM, ...lowTexts.map(escapeRegExp)].join("|");
  const unit = `(${PERCENT}|${DURATION}|${LEVELS})?`;
  const range = (m: RegExpExecArray) => {
    const lo = endOf(m[1]!);
    const hi = readNumber(m[3]!);
    if (!lo || !hi) return undefined;
    if ("value" in lo && (lo.value >= hi.value || lo.words !== hi.words)) return undefined;
    const u = unitOf(m[4]) ?? unitOf(m[2]);
    return { kind: "range" as const, low: lo, high: hi, unit: u };
  };
  return [
    {
      regex: new RegExp(
        String.raw`\bbetween\s+(${low})(${PERCENT})?\s+and\s+(${NUM})${unit}`,
        "gi",
      ),
      read: range,
    },
    {
      regex: new RegExp(
        String.raw`(?<![\w.,])(${low})(${PERCENT})?\s*(?:–|—|-{1,2}|\s+to\s+|\s+through\s+)\s*(${NUM})${unit}`,
        "gi",
      ),
      read: range,
    },
    {
      regex: new RegExp(String.raw`(?<![\w.,])(${NUM})${PERCENT}`, "gi"),
      read: (m) => number(m[1]!, "percent"),
    },
    {
      regex: new RegExp(
        String.raw`(?:US)?\$\s?(${DIGITS})(?:\s*(million|billion|thousand|bn|[mbk])\b)?|(?<![\w.,])(${DIGITS})\s*(million|billion)?\s*dollars\b`,
        "gi",
      ),
      read: (m) => number(m[1] ?? m[3]!, "money", m[2] ?? m[4]),
    },
    {
      regex: new RegExp(String.raw`(?<![\w.,])(${NUM})${DURATION}`, "gi"),
      read: (m) => number(m[1]!, unitOf(m[2])),
    },
    {
      regex: /(?<![\w+])\+\s?(\d+)(?:\s*(?:offense[\s-]+)?levels?\b)?/gi,
      read: (m) => number(m[1]!, "levels"),
    },
    {
      regex: new RegExp(String.raw`(?<![\w.,])(${NUM})${LEVELS}`, "gi"),
      read: (m) => number(m[1]!, "levels"),
    },
    {
      // Ratios with a small denominator: "one in four", "nine out of ten".
      regex: new RegExp(
        String.raw`(?:\b(${HEDGES})\s+)?(?<![\w.,])(${NUM})\s+(?:in|out\s+of|of\s+every)\s+(${NUM})\b`,
        "gi",
      ),
      read: (m) => {
        const a = readNumber(m[2]!);
        const b = readNumber(m[3]!);
        if (!a || !b || b.value < 2 || (b.value > 10 && b.value !== 100) || a.value >= b.value)
          return undefined;
        return {
          kind: "proportion",
          interval: hedgedInterval((a.value / b.value) * 100, m[1]),
        };
      },
    },
    {
      regex: new RegExp(
        String.raw`(?:\b(${HEDGES})\s+)?\b(${FRACTION_WORDS}|(?:a|the)\s+(?:(large|vast|overwhelming|great|clear|slim|narrow|small|bare)\s+)?majority|(?:nearly|almost|virtually)\s+all)\b(?=(\s*\(|\s+(?:of|the|were|was|are|had|received|involved|did|do)\b)?)`,
        "gi",
      ),
      read: (m) => proportion(m),
    },
    ...(nouns.length
      ? [
          {
            // A count in words before the noun the dataset uses: "Eighty-eight offenders".
            regex: new RegExp(
              String.raw`(${WORDS})\s+(?=(?:${nouns.map(escapeRegExp).join("|")})\b)`,
              "gi",
            ),
            read: (m: RegExpExecArray) => number(m[1]!, undefined),
          },
        ]
      : []),
    {
      regex: new RegExp(String.raw`(?<![\w.,+$])(${DIGITS})(?![\w])`, "g"),
      read: (m) => number(m[1]!, undefined),
    },
  ];
}

function number(text: string, unit: ClaimUnit | undefined, multiplier?: string) {
  const n = readNumber(text);
  if (!n) return undefined;
  const scale: Record<string, number> = {
    thousand: 1e3,
    k: 1e3,
    million: 1e6,
    m: 1e6,
    billion: 1e9,
    bn: 1e9,
    b: 1e9,
  };
  const factor = multiplier ? (scale[multiplier.toLowerCase()] ?? 1) : 1;
  return { kind: "number" as const, number: { ...n, value: n.value * factor }, unit };
}

function proportion(m: RegExpExecArray): Omit<Claim, "start" | "end" | "text"> | undefined {
  const hedge = m[1];
  const phrase = m[2]!.toLowerCase().replace(/\s+/g, " ");
  if (phrase === "half" && !hedge && m[4] === undefined) return undefined;
  const fraction = FRACTIONS.find(([re]) => re.test(phrase));
  if (fraction) return { kind: "proportion", interval: hedgedInterval(fraction[1], hedge) };
  if (/majority$/.test(phrase)) {
    const size = m[3]?.toLowerCase();
    if (size && ["large", "vast", "overwhelming", "great"].includes(size))
      return {
        kind: "proportion",
        interval: { low: 75, high: 100, lowOpen: false, highOpen: false },
      };
    return { kind: "proportion", interval: { low: 50, high: 60, lowOpen: true, highOpen: false } };
  }
  return { kind: "proportion", interval: { low: 90, high: 100, lowOpen: false, highOpen: true } };
}

/** Words before a proportion that make it no claim: "the second half", "not nearly all". */
const NOT_A_PROPORTION = /\b(?:second|first|other|latter|former|last|and a|not|never|hardly)\s+$/i;

/**
 * Every numeric claim in a run's text: percentages, counts, money, durations, levels,
 * ranges, ratios and proportion words. Dates, citations and references are skipped.
 */
export function findClaims(
  text: string,
  vocabulary: Vocabulary = { lowTexts: [], nouns: [] },
): Claim[] {
  let work = maskNonFigures(text);
  const claims: Claim[] = [];
  for (const { regex, read } of patternsFor(vocabulary)) {
    const before = claims.length;
    for (const m of work.matchAll(regex)) {
      const start = m.index;
      const end = start + m[0].length;
      const raw = text.slice(start, end);
      if (raw.trimEnd().length === 0) continue;
      const found = read(m as RegExpExecArray);
      if (!found) continue;
      if (found.kind === "proportion" && NOT_A_PROPORTION.test(text.slice(0, start))) continue;
      const trimmedEnd = start + raw.trimEnd().length;
      const claim: Claim = {
        ...found,
        start,
        end: trimmedEnd,
        text: text.slice(start, trimmedEnd),
      };
      if (claim.kind === "number" && !claim.unit) {
        const noun = /^\s+([a-z]+)/i.exec(text.slice(trimmedEnd))?.[1];
        if (noun) claim.noun = noun.toLowerCase();
      }
      claims.push(claim);
    }
    // A span read once is not read again by a shorter pattern.
    work = masked(work, claims.slice(before));
  }
  return claims.sort((a, b) => a.start - b.start);
}

/** The text with the given spans blanked, in one pass (a long paragraph has thousands). */
function masked(text: string, spans: readonly { start: number; end: number }[]): string {
  if (!spans.length) return text;
  const parts: string[] = [];
  let at = 0;
  for (const { start, end } of [...spans].sort((a, b) => a.start - b.start)) {
    if (start < at) continue;
    parts.push(text.slice(at, start), MASK.repeat(end - start));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

const compiled = new Map<string, Pattern[]>();

/** The patterns for a vocabulary, compiled once. */
function patternsFor(vocabulary: Vocabulary): Pattern[] {
  const key = JSON.stringify([vocabulary.lowTexts, vocabulary.nouns]);
  let list = compiled.get(key);
  if (!list) {
    list = patterns(vocabulary);
    compiled.set(key, list);
  }
  return list;
}

/** Text as a literal part of a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

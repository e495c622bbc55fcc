const ONES = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** A number written in digits: "1,340", "27.6", ".5". */
export const DIGITS = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+`;

/** A number written in words, up to ninety-nine ("eighty-eight", "three"). */
export const WORDS = String.raw`\b(?:(?:${TENS.join("|")})(?:[-\s](?:${ONES.slice(1, 10).join("|")}))?|${[...ONES].reverse().join("|")})\b`;

/** The value of a number in words, or undefined. */
export function parseWordNumber(text: string): number | undefined {
  const parts = text.toLowerCase().split(/[-\s]+/);
  let total = 0;
  for (const part of parts) {
    const one = ONES.indexOf(part);
    const ten = TENS.indexOf(part);
    if (one >= 0) total += one;
    else if (ten >= 0) total += (ten + 2) * 10;
    else return undefined;
  }
  return total;
}

/** A number as typed, in digits or words: its value, decimals, and how it was written. */
export interface TypedNumber {
  value: number;
  decimals: number;
  words: boolean;
  separators: boolean;
}

/** Reads "1,340", "27.6" or "eighty-eight"; undefined when it is neither. */
export function readNumber(text: string): TypedNumber | undefined {
  const trimmed = text.trim();
  if (/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$/.test(trimmed)) {
    const decimals = trimmed.includes(".") ? trimmed.split(".")[1]!.length : 0;
    return {
      value: Number(trimmed.replaceAll(",", "")),
      decimals,
      words: false,
      separators: trimmed.includes(","),
    };
  }
  const value = parseWordNumber(trimmed);
  return value === undefined ? undefined : { value, decimals: 0, words: true, separators: false };
}

/** Fractions a presenter writes in words, with the percentage each stands for. */
export const FRACTIONS: ReadonlyArray<[RegExp, number]> = [
  [/^half$/i, 50],
  [/^(?:a|one)[\s-]third$/i, 100 / 3],
  [/^two[\s-]thirds$/i, 200 / 3],
  [/^(?:a|one)[\s-](?:quarter|fourth)$/i, 25],
  [/^three[\s-](?:quarters|fourths)$/i, 75],
  [/^(?:a|one)[\s-]fifth$/i, 20],
  [/^(?:a|one)[\s-]tenth$/i, 10],
];

/** The fraction phrases as one pattern. */
export const FRACTION_WORDS = String.raw`half|(?:a|one)[\s-]third|two[\s-]thirds|(?:a|one)[\s-](?:quarter|fourth)|three[\s-](?:quarters|fourths)|(?:a|one)[\s-]fifth|(?:a|one)[\s-]tenth`;

/** Words that hedge or bound a figure ("nearly half", "more than one in four"). */
export const HEDGES = String.raw`just\s+over|just\s+under|well\s+over|more\s+than|less\s+than|fewer\s+than|close\s+to|at\s+least|at\s+most|nearly|almost|over|under|about|around|roughly|approximately|some|above|below`;

/** An interval of percentages that words such as "nearly half" can describe. */
export interface Interval {
  low: number;
  high: number;
  lowOpen: boolean;
  highOpen: boolean;
}

/** True when a percentage lies within an interval. */
export function inInterval(value: number, i: Interval): boolean {
  const aboveLow = i.lowOpen ? value > i.low + 1e-9 : value >= i.low - 1e-9;
  const belowHigh = i.highOpen ? value < i.high - 1e-9 : value <= i.high + 1e-9;
  return aboveLow && belowHigh;
}

/**
 * The percentages a hedged proportion describes: "half" is 48.5–51.5, "nearly half"
 * 45 up to 50, "over half" above 50 up to 55, "about half" 45–55.
 */
export function hedgedInterval(centre: number, hedge: string | undefined): Interval {
  const h = (hedge ?? "").toLowerCase().replace(/\s+/g, " ");
  if (
    [
      "nearly",
      "almost",
      "just under",
      "close to",
      "under",
      "less than",
      "fewer than",
      "below",
      "at most",
    ].includes(h)
  )
    return { low: centre - 5, high: centre, lowOpen: false, highOpen: h !== "at most" };
  if (["over", "more than", "just over", "above", "well over", "at least"].includes(h))
    return {
      low: centre,
      high: centre + (h === "well over" ? 15 : 5),
      lowOpen: h !== "at least",
      highOpen: false,
    };
  if (["about", "around", "roughly", "approximately", "some"].includes(h))
    return { low: centre - 5, high: centre + 5, lowOpen: false, highOpen: false };
  // Unhedged, the words claim the fraction itself: "half" is not 48% ("nearly half" is).
  return { low: centre - 1.5, high: centre + 1.5, lowOpen: false, highOpen: false };
}

import type { Figure } from "../data/index.ts";
import type { Claim, ClaimUnit } from "./claims.ts";
import { inInterval, type TypedNumber } from "./number-words.ts";

/** How a claim corresponds to a figure. */
export type MatchKind =
  /** The figure as published (or with extra zeros). */
  | "exact"
  /** The figure rounded to fewer places ("28%" for 27.6%). */
  | "rounded"
  /** One end of a range figure. */
  | "low"
  | "high"
  /** Words that describe the figure ("nearly half" for 48%). */
  | "describes";

/** A figure a claim states. */
export interface FigureMatch {
  key: string;
  figure: Figure;
  kind: MatchKind;
}

const EPSILON = 1e-9;

/** A value rounded half-up to `decimals` places, as publications round. */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale + EPSILON) / scale;
}

function same(a: number, b: number): boolean {
  return Math.abs(a - b) < EPSILON * Math.max(1, Math.abs(a));
}

/** The figure's value as a number at its published precision; undefined for ranges. */
function single(figure: Figure): number | undefined {
  return typeof figure.value === "number" ? figure.value : undefined;
}

/** Compares a typed number with a figure value within the figure's precision. */
function compareNumber(
  typed: TypedNumber,
  value: number,
  precision: number,
): MatchKind | undefined {
  if (typed.decimals >= precision) return same(typed.value, value) ? "exact" : undefined;
  return same(typed.value, roundTo(value, typed.decimals)) ? "rounded" : undefined;
}

const DURATION_UNITS: Partial<Record<ClaimUnit, Figure["unit"]>> = {
  months: "months",
  years: "years",
};

/** Months in a duration figure, to compare "5 years" with "60 months". */
function inMonths(value: number, unit: Figure["unit"]): number {
  return unit === "years" ? value * 12 : value;
}

/** Every figure in `figures` that a single-number claim states. */
function matchNumber(
  typed: TypedNumber,
  unit: ClaimUnit | undefined,
  figures: ReadonlyArray<[string, Figure]>,
): FigureMatch[] {
  const out: FigureMatch[] = [];
  for (const [key, figure] of figures) {
    const value = single(figure);
    let kind: MatchKind | undefined;
    if (unit === "percent") {
      if (figure.unit === "percent" && value !== undefined)
        kind = compareNumber(typed, value, figure.precision);
    } else if (unit === "levels") {
      if (figure.unit === "levels" && value !== undefined)
        kind = compareNumber(typed, value, figure.precision);
    } else if (unit && DURATION_UNITS[unit]) {
      if (figure.unit === "months" || figure.unit === "years") {
        const claimed = inMonths(typed.value, DURATION_UNITS[unit]!);
        if (value !== undefined) {
          if (same(claimed, inMonths(value, figure.unit))) kind = "exact";
        } else if (typeof figure.value !== "number") {
          const range = figure.value;
          if (range.lowText === undefined && same(claimed, inMonths(range.low, figure.unit)))
            kind = "low";
          else if (same(claimed, inMonths(range.high, figure.unit))) kind = "high";
        }
      }
    } else if (unit === "money") {
      if (figure.unit === "currency" && value !== undefined)
        kind = compareNumber(typed, value, figure.precision);
    } else if (unit === undefined) {
      // A bare number: a count or plain number as published, or a decimal equal to any figure.
      if (value !== undefined && (figure.unit === "count" || figure.unit === "number"))
        kind = compareNumber(typed, value, figure.precision);
      else if (value !== undefined && typed.decimals > 0 && typed.decimals === figure.precision)
        kind = same(typed.value, value) ? "exact" : undefined;
    }
    if (kind) out.push({ key, figure, kind });
  }
  return out;
}

function matchRange(claim: Claim, figures: ReadonlyArray<[string, Figure]>): FigureMatch[] {
  const out: FigureMatch[] = [];
  const { low, high } = claim;
  if (!low || !high) return out;
  for (const [key, figure] of figures) {
    if (typeof figure.value === "number") continue;
    const unitFits =
      claim.unit === undefined ||
      claim.unit === figure.unit ||
      (DURATION_UNITS[claim.unit] !== undefined &&
        (figure.unit === "months" || figure.unit === "years"));
    if (!unitFits) continue;
    const range = figure.value;
    const scale = (n: number) =>
      claim.unit && DURATION_UNITS[claim.unit] ? inMonths(n, DURATION_UNITS[claim.unit]!) : n;
    const mine = (n: number) =>
      claim.unit && DURATION_UNITS[claim.unit] ? inMonths(n, figure.unit) : n;
    const lowFits =
      "value" in low
        ? range.lowText === undefined && same(scale(low.value), mine(range.low))
        : range.lowText !== undefined && low.text.toLowerCase() === range.lowText.toLowerCase();
    if (lowFits && same(scale(high.value), mine(range.high)))
      out.push({ key, figure, kind: "exact" });
  }
  return out;
}

/** Every figure a claim states; ranges that match no range figure are not split here. */
export function matchClaim(claim: Claim, figures: ReadonlyArray<[string, Figure]>): FigureMatch[] {
  if (claim.kind === "range") return matchRange(claim, figures);
  if (claim.kind === "proportion") {
    const interval = claim.interval!;
    return figures
      .filter(([, f]) => f.unit === "percent" && typeof f.value === "number")
      .filter(([, f]) => inInterval(f.value as number, interval))
      .map(([key, figure]) => ({ key, figure, kind: "describes" as const }));
  }
  if (claim.unit === "weeks" || claim.unit === "days") return [];
  return matchNumber(claim.number!, claim.unit, figures);
}

/** The two ends of a range claim, each as a single-number claim of the range's unit. */
export function rangeEnds(claim: Claim): Claim[] {
  const ends: Claim[] = [];
  for (const end of [claim.low, claim.high]) {
    if (end && "value" in end)
      ends.push({
        kind: "number",
        start: claim.start,
        end: claim.end,
        text: claim.text,
        unit: claim.unit,
        number: end,
      });
  }
  return ends;
}

/** Matches in the order a hint should offer them: exact before rounded, bound before unbound. */
export function rankMatches(matches: FigureMatch[], boundKeys: ReadonlySet<string>): FigureMatch[] {
  const order: Record<MatchKind, number> = { exact: 0, describes: 0, rounded: 1, low: 2, high: 2 };
  return matches
    .map((m, i) => ({ m, i }))
    .sort(
      (a, b) =>
        order[a.m.kind] - order[b.m.kind] ||
        Number(boundKeys.has(b.m.key)) - Number(boundKeys.has(a.m.key)) ||
        a.i - b.i,
    )
    .map(({ m }) => m);
}

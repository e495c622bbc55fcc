import { formatFigure } from "../data/format.ts";
import type { Unit } from "../data/schema.ts";
import type { DataProblem, KeyedFigure } from "./types.ts";

const UNIT_PHRASES: Record<Unit, string> = {
  percent: "a percentage",
  count: "a count",
  months: "in months",
  years: "in years",
  levels: "in offense levels",
  number: "a plain number",
  currency: "an amount of money",
};

/** How a message says what a figure is measured in ("a percentage", "in months"). */
export function unitPhrase(unit: Unit): string {
  return UNIT_PHRASES[unit];
}

/** A problem when any figure is a range; `kind` names the chart in the message. */
export function needSingleValues(
  figures: readonly KeyedFigure[],
  kind: string,
): DataProblem | undefined {
  const range = figures.find(({ figure }) => typeof figure.value !== "number");
  if (!range) return undefined;
  return {
    message: `"${range.key}" is a range (${formatFigure(range.figure)}), and a ${kind} shows single numbers.`,
    hint: 'draw ranges with kind="ranges", or choose figures that have one value',
  };
}

/** A problem when the figures are not all in one unit: one axis cannot mix units. */
export function needOneUnit(figures: readonly KeyedFigure[]): DataProblem | undefined {
  const first = figures[0];
  const other = figures.find(({ figure }) => figure.unit !== first?.figure.unit);
  if (!first || !other) return undefined;
  return {
    message: `A chart draws its figures on one scale, but "${first.key}" is ${unitPhrase(first.figure.unit)} and "${other.key}" is ${unitPhrase(other.figure.unit)}.`,
    hint: "make one chart for each unit, or choose figures measured in the same unit",
  };
}

/** A problem when there are fewer figures than a kind needs. */
export function needAtLeast(
  figures: readonly KeyedFigure[],
  count: number,
  kind: string,
): DataProblem | undefined {
  if (figures.length >= count) return undefined;
  return {
    message: `A ${kind} needs at least ${count} figures, and this chart names ${figures.length}.`,
    hint: `list ${count} or more figure keys in the chart`,
  };
}

/** Qualifiers that make a value a lower bound ("more than 40%"): its bar is open-ended. */
export const LOWER_BOUNDS: ReadonlySet<string> = new Set(["over", "more than", "at least"]);

/** Qualifiers that make a value an upper bound ("under 5%", "nearly half"). */
export const UPPER_BOUNDS: ReadonlySet<string> = new Set(["under", "nearly"]);

/** A problem when a stated axis would misdraw the figures: bars start at 0 and fit on it. */
export function needDomain(
  figures: readonly KeyedFigure[],
  domain: "auto" | [number, number] | undefined,
  highest: (figure: KeyedFigure["figure"]) => number,
): DataProblem | undefined {
  if (!Array.isArray(domain)) return undefined;
  const [low, high] = domain;
  if (low !== 0)
    return {
      message: `The chart's axis starts at ${low}, but a bar's length is its value: an axis that does not start at 0 makes differences look larger than they are.`,
      hint: `write domain="0 ${high}"`,
    };
  const over = figures.find((f) => highest(f.figure) > high);
  if (over)
    return {
      message: `"${over.key}" (${formatFigure(over.figure)}) lies beyond the chart's axis, which ends at ${high}.`,
      hint: 'raise the end of the axis, or write domain="auto" to end it just above the largest value',
    };
  if (high <= 0)
    return { message: "The chart's axis ends at 0.", hint: 'write domain="0 N" with N above 0' };
  return undefined;
}

/** The first problem any check reports. */
export function firstProblem(
  ...checks: Array<() => DataProblem | undefined>
): DataProblem | undefined {
  for (const check of checks) {
    const problem = check();
    if (problem) return problem;
  }
  return undefined;
}

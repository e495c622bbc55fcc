import { formatFigure } from "../data/format.ts";
import type { Unit } from "../data/schema.ts";
import type { DataProblem, KeyedFigure } from "./types.ts";

const UNIT_PHRASES: Record<Unit, string> = {
  percent: "a percentage",
  count: "a count",
  months: "in months",
  years: "in years",
  levels: "in offense levels",
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

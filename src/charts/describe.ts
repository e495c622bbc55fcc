import { formatFigure } from "../data/format.ts";
import { LOWER_BOUNDS, UPPER_BOUNDS } from "./checks.ts";
import { pairFigures } from "./kinds/compare.ts";
import type { ChartKind, ChartTable, KeyedFigure, PlotRequest } from "./types.ts";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const sentences = (figures: readonly KeyedFigure[]) =>
  figures.map(({ figure }) => `${figure.label}: ${formatFigure(figure)}.`).join(" ");

const DESCRIBE: Record<ChartKind, (figures: readonly KeyedFigure[]) => string> = {
  bars: (figures) =>
    `Bar chart of ${plural(figures.length, "figure", "figures")}. ${sentences(figures)}`,
  stack: (figures) =>
    `One bar divided into ${figures.length} shares of a whole. ${sentences(figures)}`,
  ranges: (figures) =>
    `Ranges for ${plural(figures.length, "group", "groups")}, from low to high. ${sentences(figures)}`,
  compare: (figures) => {
    const pairs = pairFigures(figures);
    const rows = pairs.map(({ label, before, after, beforeTag, afterTag }) =>
      beforeTag && afterTag
        ? `${label}: ${formatFigure(before.figure)} in ${beforeTag}, then ${formatFigure(after.figure)} in ${afterTag}.`
        : `${before.figure.label}: ${formatFigure(before.figure)}, compared with ${after.figure.label}: ${formatFigure(after.figure)}.`,
    );
    return `Comparison of ${plural(pairs.length, "pair", "pairs")} of figures. ${rows.join(" ")}`;
  },
};

/**
 * A sentence-level description of a chart, every value formatted as in prose; it says what
 * the drawing cannot: which bars are bounds rather than values, what each share is of, and
 * where an axis that does not run to 100% ends.
 */
export function describeChart(
  kind: ChartKind,
  figures: readonly KeyedFigure[],
  request: PlotRequest = {},
): string {
  const extra: string[] = [];
  const lower = figures.filter((f) => f.figure.qualifier && LOWER_BOUNDS.has(f.figure.qualifier));
  const upper = figures.filter((f) => f.figure.qualifier && UPPER_BOUNDS.has(f.figure.qualifier));
  if (kind === "bars" && lower.length)
    extra.push(
      `${lower.map((f) => `“${f.figure.short ?? f.figure.label}”`).join(" and ")} ${lower.length > 1 ? "are" : "is"} published as a lower bound (“${lower[0]!.figure.qualifier}”): the bar is drawn to that value and left open beyond it.`,
    );
  if (kind === "bars" && upper.length)
    extra.push(
      `${upper.map((f) => `“${f.figure.short ?? f.figure.label}”`).join(" and ")} ${upper.length > 1 ? "are" : "is"} published as an upper bound (“${upper[0]!.figure.qualifier}”): the end of the bar is faded.`,
    );
  if (request.showBases)
    extra.push(
      `The figures are shares of different wholes: ${figures.map((f) => `${f.figure.short ?? f.figure.label} of ${f.figure.base ?? "an unstated base"}`).join("; ")}.`,
    );
  if (Array.isArray(request.domain) && figures[0]?.figure.unit === "percent")
    extra.push(`The axis runs from 0 to ${request.domain[1]}%, not to 100%.`);
  return [DESCRIBE[kind](figures), ...extra].join(" ");
}

const STATUS_TEXT = {
  primary: "Primary",
  secondary: "Secondary source",
  unverified: "Unverified",
} as const;

/** The chart's data as a table: one row per figure with its value, source and status. */
export function tabulateChart(title: string, figures: readonly KeyedFigure[]): ChartTable {
  return {
    caption: title,
    columns: ["Figure", "Value", "Where in the source", "Status"],
    rows: figures.map(({ figure }) => [
      figure.label,
      formatFigure(figure),
      figure.locator ?? "not given",
      STATUS_TEXT[figure.status],
    ]),
  };
}

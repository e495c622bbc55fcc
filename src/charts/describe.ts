import { formatFigure } from "../data/format.ts";
import { pairFigures } from "./kinds/compare.ts";
import type { ChartKind, ChartTable, KeyedFigure } from "./types.ts";

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

/** A sentence-level description of a chart, every value formatted as in prose. */
export function describeChart(kind: ChartKind, figures: readonly KeyedFigure[]): string {
  return DESCRIBE[kind](figures);
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

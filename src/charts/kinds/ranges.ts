import * as Plot from "@observablehq/plot";
import { formatFigure } from "../../data/format.ts";
import { valueAxis } from "../axis.ts";
import { firstProblem, needOneUnit, unitPhrase } from "../checks.ts";
import { chartLabel, rangeEnds } from "../labels.ts";
import { blockWidth, fitInsets, textWidth, wrapText } from "../measure.ts";
import { CHART_WIDTH as DEFAULT_WIDTH, FONT_SIZE, paletteColor, TEXT } from "../theme.ts";
import type { ChartKindSpec, DataProblem, KeyedFigure } from "../types.ts";

const ROW = 80;
const LINE = FONT_SIZE * 1.15;
const GAP = 14;
const END_GAP = 18;
const EDGE = 8;

/** Ranges (months or years) as segments from low to high, both ends labelled. */
export const ranges: ChartKindSpec = {
  check: (figures) =>
    firstProblem(
      () => needRanges(figures),
      () => needOneUnit(figures),
    ),

  plot(figures, request = {}) {
    const CHART_WIDTH = request.width ?? DEFAULT_WIDTH;
    const sample = figures[0]!.figure;
    const rows = figures.map(({ figure }, i) => {
      const value = figure.value as { low: number; high: number };
      const ends = rangeEnds(figure);
      return {
        id: String(i),
        label: wrapText(chartLabel(figure), CHART_WIDTH * 0.3, FONT_SIZE).join("\n"),
        low: value.low,
        high: value.high,
        lowText: ends.low,
        highText: ends.high,
      };
    });
    const lines = Math.max(...rows.map((r) => r.label.split("\n").length));
    const rowHeight = Math.max(ROW, lines * LINE + 24);
    const marginLeft = Math.ceil(
      EDGE + GAP + Math.max(...rows.map((r) => blockWidth(r.label, FONT_SIZE))),
    );
    // The plot's width is the chart's less its label column and about a value label's room.
    const axis = valueAxis(
      sample,
      Math.max(...rows.map((r) => r.high)),
      request.domain,
      CHART_WIDTH - marginLeft - 2 * EDGE - GAP,
    );
    const marginRight = axis.marginRight;
    const { insetLeft, insetRight } = fitInsets(
      rows.map((r) => ({
        low: r.low,
        high: r.high,
        lowWidth: textWidth(r.lowText, FONT_SIZE, true),
        highWidth: textWidth(r.highText, FONT_SIZE, true),
      })),
      axis.domain[1],
      CHART_WIDTH - marginLeft - marginRight,
      END_GAP,
    );
    const marginBottom = axis.marginBottom;
    return {
      width: CHART_WIDTH,
      height: Math.round(12 + rows.length * rowHeight + marginBottom),
      marginTop: 12,
      marginBottom,
      marginLeft,
      marginRight,
      x: { domain: axis.domain, insetLeft, insetRight, axis: null },
      y: { domain: rows.map((r) => r.id), axis: null },
      marks: [
        axis.grid,
        Plot.ruleY(rows, {
          y: "id",
          x1: "low",
          x2: "high",
          stroke: paletteColor(0),
          strokeWidth: 12,
          strokeLinecap: "round",
        }),
        Plot.dot(rows, { y: "id", x: "low", r: 10, fill: paletteColor(0) }),
        Plot.dot(rows, { y: "id", x: "high", r: 10, fill: paletteColor(0) }),
        Plot.text(rows, {
          y: "id",
          text: "label",
          frameAnchor: "left",
          textAnchor: "end",
          dx: -GAP,
          lineHeight: 1.15,
          fontSize: FONT_SIZE,
          fill: TEXT,
        }),
        Plot.text(rows, {
          x: "low",
          y: "id",
          text: "lowText",
          textAnchor: "end",
          dx: -END_GAP,
          fontSize: FONT_SIZE,
          fontWeight: 700,
          fill: TEXT,
        }),
        Plot.text(rows, {
          x: "high",
          y: "id",
          text: "highText",
          textAnchor: "start",
          dx: END_GAP,
          fontSize: FONT_SIZE,
          fontWeight: 700,
          fill: TEXT,
        }),
        axis.mark,
      ],
    };
  },
};

function needRanges(figures: readonly KeyedFigure[]): DataProblem | undefined {
  const single = figures.find(({ figure }) => typeof figure.value === "number");
  if (single) {
    return {
      message: `A range chart draws ranges, but "${single.key}" has a single value (${formatFigure(single.figure)}).`,
      hint: 'choose figures published as ranges ("37–180 months"), or use kind="bars" for single values',
    };
  }
  const other = figures.find(({ figure }) => figure.unit !== "months" && figure.unit !== "years");
  if (!other) return undefined;
  return {
    message: `A range chart draws lengths of time, but "${other.key}" is ${unitPhrase(other.figure.unit)}.`,
    hint: "choose ranges measured in months or years",
  };
}

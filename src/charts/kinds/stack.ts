import * as Plot from "@observablehq/plot";
import { formatFigure, numericValue } from "../../data/format.ts";
import { roundingSlack } from "../../data/relations.ts";
import { firstProblem, needAtLeast, needSingleValues, unitPhrase } from "../checks.ts";
import { chartLabel, formatAs, valueText } from "../labels.ts";
import { fitsInLine, type SpreadItem, spreadLabels, textWidth, wrapText } from "../measure.ts";
import { CHART_WIDTH as DEFAULT_WIDTH, FONT_SIZE, paletteColor, TEXT } from "../theme.ts";
import type { ChartKindSpec, DataProblem, KeyedFigure } from "../types.ts";

const EDGE = 12;
const BAR = 84;
const LINE = FONT_SIZE * 1.2;
const GAP = 20;
const LEAD = 18;
const VALUE_SIZE = FONT_SIZE + 4;

/** Percentage shares of one whole as a single 100% bar, each share labelled directly. */
export const stack: ChartKindSpec = {
  check: (figures) =>
    firstProblem(
      () => needAtLeast(figures, 2, "stacked bar"),
      () => needSingleValues(figures, "stacked bar"),
      () => needPercents(figures),
      () => needWhole(figures),
    ),

  plot(figures, request = {}) {
    const CHART_WIDTH = request.width ?? DEFAULT_WIDTH;
    const total = figures.reduce((sum, { figure }) => sum + numericValue(figure), 0);
    const span = CHART_WIDTH - 2 * EDGE;
    let start = 0;
    const segments = figures.map(({ figure }, i) => {
      const x1 = EDGE + (start / total) * span;
      start += numericValue(figure);
      const x2 = EDGE + (start / total) * span;
      const label = wrapText(chartLabel(figure), Math.max(x2 - x1, 200), FONT_SIZE);
      const value = valueText(figure);
      const width = Math.max(
        ...label.map((line) => textWidth(line, FONT_SIZE)),
        textWidth(value, VALUE_SIZE, true),
      );
      return { x1, x2, label, value, width, fill: paletteColor(i), center: (x1 + x2) / 2 };
    });
    type Segment = (typeof segments)[number];

    // Labels go beneath the bar when they fit side by side; otherwise every other one goes
    // above, so neighbouring shares (the crowded ones) label on opposite sides and no leader
    // line crosses a label.
    const split = !fitsInLine(segments, EDGE, CHART_WIDTH - EDGE, GAP);
    const sides = {
      above: segments.filter((_, i) => split && i % 2 === 1),
      below: segments.filter((_, i) => !split || i % 2 === 0),
    };
    const blockHeight = (s: Segment) => s.label.length * LINE + VALUE_SIZE * 1.2;
    const tallest = (list: Segment[]) => Math.max(0, ...list.map(blockHeight));
    const barTop = sides.above.length ? 8 + tallest(sides.above) + LEAD : 8;
    const barBottom = barTop + BAR;
    const placed = [
      ...place(CHART_WIDTH, sides.above, (s) => ({
        top: barTop - LEAD - blockHeight(s),
        from: barTop - 2,
        to: barTop - LEAD + 2,
      })),
      ...place(CHART_WIDTH, sides.below, () => ({
        top: barBottom + LEAD,
        from: barBottom + 2,
        to: barBottom + LEAD - 4,
      })),
    ];

    return {
      width: CHART_WIDTH,
      height: Math.round(barBottom + LEAD + tallest(sides.below) + 10),
      margin: 0,
      x: { type: "identity", axis: null },
      y: { type: "identity", axis: null },
      marks: [
        Plot.rect(segments, {
          // A hairline of background between shares, without knowing the background.
          x1: (s: Segment) => s.x1 + 1.5,
          x2: (s: Segment) => s.x2 - 1.5,
          y1: barTop,
          y2: barBottom,
          fill: "fill",
        }),
        Plot.link(placed, {
          x1: "center",
          y1: "from",
          x2: "x",
          y2: "to",
          stroke: "fill",
          strokeWidth: 4,
        }),
        Plot.text(placed, {
          x: "x",
          y: "top",
          text: "label",
          lineAnchor: "top",
          lineHeight: 1.2,
          fontSize: FONT_SIZE,
          fill: TEXT,
        }),
        Plot.text(placed, {
          x: "x",
          y: "valueY",
          text: "value",
          lineAnchor: "top",
          fontSize: VALUE_SIZE,
          fontWeight: 700,
          fill: TEXT,
        }),
      ],
    };
  },
};

interface Placement {
  top: number;
  /** Leader line from the bar edge (`from`) to the label edge (`to`). */
  from: number;
  to: number;
}

// Spreads one side's labels along the bar, keeping their order so leaders never cross.
function place<S extends SpreadItem & { label: string[]; value: string; fill: string }>(
  width: number,
  segments: readonly S[],
  at: (segment: S) => Placement,
) {
  const centers = spreadLabels(segments, EDGE, width - EDGE, GAP);
  return segments.map((s, i) => {
    const { top, from, to } = at(s);
    return {
      x: centers[i]!,
      center: s.center,
      top,
      from,
      to,
      label: s.label.join("\n"),
      value: s.value,
      valueY: top + s.label.length * LINE,
      fill: s.fill,
    };
  });
}

function needPercents(figures: readonly KeyedFigure[]): DataProblem | undefined {
  const other = figures.find(({ figure }) => figure.unit !== "percent");
  if (!other) return undefined;
  return {
    message: `A stacked bar shows percentage shares of a whole, but "${other.key}" is ${unitPhrase(other.figure.unit)}.`,
    hint: 'choose the percentage figures that make up the whole, or use kind="bars"',
  };
}

function needWhole(figures: readonly KeyedFigure[]): DataProblem | undefined {
  const sum = figures.reduce((s, { figure }) => s + numericValue(figure), 0);
  const slack = figures.reduce((s, { figure }) => s + roundingSlack(figure.precision), 0);
  if (Math.abs(sum - 100) <= slack + 1e-9) return undefined;
  const shares = figures.map(({ key, figure }) => `${key} ${formatFigure(figure)}`).join(" + ");
  const precision = Math.max(...figures.map(({ figure }) => figure.precision));
  return {
    message: `The shares in a stacked bar must add up to 100%, but these add up to ${formatAs(figures[0]!.figure, sum, precision)}.`,
    detail: shares,
    hint: "list every part of the whole, once each; if a share is missing or extra, the bar would mislead",
  };
}

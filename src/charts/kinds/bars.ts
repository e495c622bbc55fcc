import * as Plot from "@observablehq/plot";
import { numericValue } from "../../data/format.ts";
import { valueAxis } from "../axis.ts";
import {
  firstProblem,
  LOWER_BOUNDS,
  needOneUnit,
  needSingleValues,
  UPPER_BOUNDS,
} from "../checks.ts";
import { chartLabel, valueText } from "../labels.ts";
import { blockWidth, textWidth, wrapText } from "../measure.ts";
import { CHART_WIDTH as DEFAULT_WIDTH, FONT_SIZE, MUTED, paletteColor, TEXT } from "../theme.ts";
import type { ChartKindSpec, KeyedFigure } from "../types.ts";

const ROW = 80;
const LINE = FONT_SIZE * 1.15;
const GAP = 14;
const EDGE = 8;
/** How much of the axis a bound's fading end spans, and the opacity of each of its steps. */
const FADE_SHARE = 0.07;
const FADE_STEPS = [0.55, 0.32, 0.16];

/** A chart label, with the base it is a share of when the chart mixes bases on purpose. */
export function labelWithBase(figure: KeyedFigure["figure"], showBase = false): string {
  return showBase && figure.base ? `${chartLabel(figure)} (of ${figure.base})` : chartLabel(figure);
}

/** Horizontal bars, one per figure, labelled directly at both ends. */
export const bars: ChartKindSpec = {
  check: (figures) =>
    firstProblem(
      () => needSingleValues(figures, "bar chart"),
      () => needOneUnit(figures),
    ),

  plot(figures, request = {}) {
    const CHART_WIDTH = request.width ?? DEFAULT_WIDTH;
    const sample = figures[0]!.figure;
    const maxLabel = CHART_WIDTH * 0.38;
    const rows = figures.map(({ figure }, i) => ({
      id: String(i),
      label: wrapText(labelWithBase(figure, request.showBases), maxLabel, FONT_SIZE).join("\n"),
      value: numericValue(figure),
      text: valueText(figure),
      bound: !figure.qualifier
        ? ""
        : LOWER_BOUNDS.has(figure.qualifier)
          ? "lower"
          : UPPER_BOUNDS.has(figure.qualifier)
            ? "upper"
            : "",
    }));
    const lines = Math.max(...rows.map((r) => r.label.split("\n").length));
    const rowHeight = Math.max(ROW, lines * LINE + 24);
    const marginLeft = EDGE + GAP + Math.max(...rows.map((r) => blockWidth(r.label, FONT_SIZE)));
    // The plot's width is the chart's less its label column and about a value label's room.
    const axis = valueAxis(
      sample,
      Math.max(...rows.map((r) => r.value)),
      request.domain,
      CHART_WIDTH - marginLeft - 2 * EDGE - GAP,
    );
    const marginRight = Math.max(
      axis.marginRight,
      EDGE + GAP + Math.max(...rows.map((r) => textWidth(r.text, FONT_SIZE, true))),
    );
    const marginBottom = axis.marginBottom;
    // A bound is drawn as what it says: "more than 40%" solid to 40% and fading past it,
    // "nearly 50%" fading in before 50%; its value label sits after the drawn end.
    const fade = axis.domain[1] * FADE_SHARE;
    const solid = rows.map((r) => ({
      ...r,
      end: r.bound === "upper" ? Math.max(0, r.value - fade) : r.value,
    }));
    const steps = rows.flatMap((r) => {
      if (!r.bound) return [];
      const from = r.bound === "upper" ? Math.max(0, r.value - fade) : r.value;
      const to = r.bound === "upper" ? r.value : Math.min(axis.domain[1], r.value + fade);
      const width = (to - from) / FADE_STEPS.length;
      return FADE_STEPS.map((opacity, k) => ({
        id: r.id,
        x1: from + k * width,
        x2: from + (k + 1) * width,
        opacity: r.bound === "upper" ? FADE_STEPS[FADE_STEPS.length - 1 - k]! : opacity,
      }));
    });
    const labelAt = rows.map((r) => ({
      ...r,
      at: r.bound === "lower" ? Math.min(axis.domain[1], r.value + fade) : r.value,
    }));
    return {
      width: CHART_WIDTH,
      height: Math.round(12 + rows.length * rowHeight + marginBottom),
      marginTop: 12,
      marginBottom,
      marginLeft: Math.ceil(marginLeft),
      marginRight: Math.ceil(marginRight),
      x: { domain: axis.domain, axis: null },
      y: { domain: rows.map((r) => r.id), axis: null, padding: 0.25 },
      marks: [
        axis.grid,
        Plot.barX(solid, { x: "end", y: "id", fill: paletteColor(0) }),
        // One mark per step: an opacity channel would go through Plot's opacity scale.
        ...FADE_STEPS.map((opacity) =>
          Plot.barX(
            steps.filter((step) => step.opacity === opacity),
            { x1: "x1", x2: "x2", y: "id", fill: paletteColor(0), fillOpacity: opacity, inset: 0 },
          ),
        ),
        Plot.ruleX([0], { stroke: MUTED }),
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
        Plot.text(labelAt, {
          x: "at",
          y: "id",
          text: "text",
          textAnchor: "start",
          dx: 10,
          fontSize: FONT_SIZE,
          fontWeight: 700,
          fill: TEXT,
        }),
        axis.mark,
      ],
    };
  },
};

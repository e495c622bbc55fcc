import * as Plot from "@observablehq/plot";
import { numericValue } from "../../data/format.ts";
import { valueAxis } from "../axis.ts";
import { firstProblem, needOneUnit, needSingleValues } from "../checks.ts";
import { chartLabel, valueText } from "../labels.ts";
import { blockWidth, textWidth, wrapText } from "../measure.ts";
import { CHART_WIDTH, FONT_SIZE, MUTED, paletteColor, TEXT } from "../theme.ts";
import type { ChartKindSpec } from "../types.ts";

const ROW = 80;
const LINE = FONT_SIZE * 1.15;
const GAP = 14;
const EDGE = 8;

/** Horizontal bars, one per figure, labelled directly at both ends. */
export const bars: ChartKindSpec = {
  check: (figures) =>
    firstProblem(
      () => needSingleValues(figures, "bar chart"),
      () => needOneUnit(figures),
    ),

  plot(figures) {
    const sample = figures[0]!.figure;
    const maxLabel = CHART_WIDTH * 0.38;
    const rows = figures.map(({ figure }, i) => ({
      id: String(i),
      label: wrapText(chartLabel(figure), maxLabel, FONT_SIZE).join("\n"),
      value: numericValue(figure),
      text: valueText(figure),
    }));
    const lines = Math.max(...rows.map((r) => r.label.split("\n").length));
    const rowHeight = Math.max(ROW, lines * LINE + 24);
    const marginLeft = EDGE + GAP + Math.max(...rows.map((r) => blockWidth(r.label, FONT_SIZE)));
    const axis = valueAxis(sample, Math.max(...rows.map((r) => r.value)));
    const marginRight = Math.max(
      axis.marginRight,
      EDGE + GAP + Math.max(...rows.map((r) => textWidth(r.text, FONT_SIZE, true))),
    );
    const marginBottom = axis.marginBottom;
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
        Plot.barX(rows, { x: "value", y: "id", fill: paletteColor(0) }),
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
        Plot.text(rows, {
          x: "value",
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

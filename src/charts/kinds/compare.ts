import * as Plot from "@observablehq/plot";
import { numericValue } from "../../data/format.ts";
import { valueAxis } from "../axis.ts";
import { firstProblem, needAtLeast, needOneUnit, needSingleValues } from "../checks.ts";
import { chartLabel, splitYearTag, valueText } from "../labels.ts";
import { blockWidth, fitInsets, textWidth, wrapText } from "../measure.ts";
import {
  CHART_WIDTH as DEFAULT_WIDTH,
  FONT_SIZE,
  MUTED,
  paletteColor,
  SMALL_FONT_SIZE,
  TEXT,
} from "../theme.ts";
import type { ChartKindSpec, DataProblem, KeyedFigure } from "../types.ts";

const ROW = 80;
const LINE = FONT_SIZE * 1.15;
const GAP = 14;
const END_GAP = 18;
const EDGE = 8;
const TAG_ROOM = 34;
const LEGEND_ROOM = 48;
const BEFORE = paletteColor(1);
const AFTER = paletteColor(0);

/** A figure pair as one row: the label, both values, and a year tag for each end if present. */
export interface ComparePair {
  label: string;
  before: KeyedFigure;
  after: KeyedFigure;
  beforeTag?: string;
  afterTag?: string;
}

/** Figures two by two; a row's label is the first figure's short label less a trailing "(FY2005)", which tags its dot. */
export function pairFigures(figures: readonly KeyedFigure[]): ComparePair[] {
  const pairs: ComparePair[] = [];
  for (let i = 0; i + 1 < figures.length; i += 2) {
    const before = figures[i]!;
    const after = figures[i + 1]!;
    const first = splitYearTag(chartLabel(before.figure));
    const second = splitYearTag(chartLabel(after.figure));
    pairs.push({ label: first.text, before, after, beforeTag: first.tag, afterTag: second.tag });
  }
  return pairs;
}

/** Pairs of figures (before, after) as dumbbells: two dots joined by a line, each end labelled. */
export const compare: ChartKindSpec = {
  check: (figures) =>
    firstProblem(
      () => needAtLeast(figures, 2, "comparison"),
      () => needPairs(figures),
      () => needSingleValues(figures, "comparison"),
      () => needOneUnit(figures),
    ),

  plot(figures, request = {}) {
    const CHART_WIDTH = request.width ?? DEFAULT_WIDTH;
    const sample = figures[0]!.figure;
    const pairs = pairFigures(figures);
    const rows = pairs.map((pair, i) => {
      const before = numericValue(pair.before.figure);
      const after = numericValue(pair.after.figure);
      const beforeText = valueText(pair.before.figure);
      const afterText = valueText(pair.after.figure);
      const rising = after >= before;
      return {
        id: String(i),
        label: wrapText(
          request.showBases && pair.before.figure.base
            ? `${pair.label} (of ${pair.before.figure.base})`
            : pair.label,
          CHART_WIDTH * 0.3,
          FONT_SIZE,
        ).join("\n"),
        before,
        after,
        beforeText,
        afterText,
        low: Math.min(before, after),
        high: Math.max(before, after),
        lowText: rising ? beforeText : afterText,
        highText: rising ? afterText : beforeText,
        rising,
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
    const plotWidth = CHART_WIDTH - marginLeft - marginRight - insetLeft - insetRight;
    const tags = seriesTags(pairs[0]!, rows[0]!, plotWidth / axis.domain[1]);
    // Without year tags to name the dots, a legend above the rows says which is which.
    const legend = tags.length ? [] : legendItems(pairs);
    const marginTop = tags.length ? TAG_ROOM : legend.length ? LEGEND_ROOM : 12;
    const marginBottom = axis.marginBottom;
    const row = { y: "id", fontSize: FONT_SIZE, fontWeight: 700, fill: TEXT } as const;
    return {
      width: CHART_WIDTH,
      height: Math.round(marginTop + rows.length * rowHeight + marginBottom),
      marginTop,
      marginBottom,
      marginLeft,
      marginRight,
      x: { domain: axis.domain, insetLeft, insetRight, axis: null },
      y: { domain: rows.map((r) => r.id), axis: null },
      marks: [
        axis.grid,
        Plot.ruleY(rows, { y: "id", x1: "before", x2: "after", stroke: MUTED, strokeWidth: 6 }),
        Plot.dot(rows, { y: "id", x: "before", r: 12, fill: BEFORE }),
        Plot.dot(rows, { y: "id", x: "after", r: 12, fill: AFTER }),
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
        // Each value sits outside its dot: the lower one to the left, the higher to the right.
        Plot.text(rows, { ...row, x: "low", text: "lowText", textAnchor: "end", dx: -END_GAP }),
        Plot.text(rows, { ...row, x: "high", text: "highText", textAnchor: "start", dx: END_GAP }),
        ...tags.map((tag) =>
          Plot.text([tag], {
            x: "x",
            y: () => "0",
            text: "text",
            textAnchor: tag.anchor,
            dy: -24,
            lineAnchor: "bottom",
            fontSize: SMALL_FONT_SIZE,
            fontWeight: 700,
            fill: tag.fill,
          }),
        ),
        ...legend.flatMap((item) => [
          Plot.dot([item], {
            frameAnchor: "top-left",
            dx: item.dx + 10,
            dy: -LEGEND_ROOM / 2,
            r: 10,
            fill: item.fill,
          }),
          Plot.text([item], {
            frameAnchor: "top-left",
            dx: item.dx + 28,
            dy: -LEGEND_ROOM / 2,
            text: "text",
            textAnchor: "start",
            fontSize: SMALL_FONT_SIZE,
            fontWeight: 700,
            fill: TEXT,
          }),
        ]),
        axis.mark,
      ],
    };
  },
};

/** What the two dots of each row are, from the words in which the first pair's labels differ. */
export function seriesNames(pair: ComparePair): [string, string] {
  const a = chartLabel(pair.before.figure).split(/\s+/);
  const b = chartLabel(pair.after.figure).split(/\s+/);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const first = a
    .slice(head, a.length - tail)
    .join(" ")
    .replace(/^[(,]\s*|[),]$/g, "");
  const second = b
    .slice(head, b.length - tail)
    .join(" ")
    .replace(/^[(,]\s*|[),]$/g, "");
  return first && second ? [first, second] : ["First figure", "Second figure"];
}

function legendItems(pairs: readonly ComparePair[]) {
  const [first, second] = seriesNames(pairs[0]!);
  const firstWidth = textWidth(first, SMALL_FONT_SIZE, true);
  return [
    { text: first, fill: BEFORE, dx: 0 },
    { text: second, fill: AFTER, dx: 28 + firstWidth + 32 },
  ];
}

// Year tags ("FY2005", "FY2019") above the first row's dots name the two series directly:
// centred over their dots when there is room, else pushed outward.
function seriesTags(
  pair: ComparePair,
  row: { before: number; after: number },
  pxPerUnit: number,
): Array<{ x: number; text: string; anchor: "start" | "middle" | "end"; fill: string }> {
  const { beforeTag, afterTag } = pair;
  if (!beforeTag || !afterTag || beforeTag === afterTag) return [];
  const room =
    (textWidth(beforeTag, SMALL_FONT_SIZE, true) + textWidth(afterTag, SMALL_FONT_SIZE, true)) / 2 +
    12;
  const centred = Math.abs(row.after - row.before) * pxPerUnit >= room;
  const rising = row.after >= row.before;
  const outward = (left: boolean) => (centred ? "middle" : left ? "end" : "start");
  return [
    { x: row.before, text: beforeTag, anchor: outward(rising), fill: BEFORE },
    { x: row.after, text: afterTag, anchor: outward(!rising), fill: AFTER },
  ];
}

function needPairs(figures: readonly KeyedFigure[]): DataProblem | undefined {
  if (figures.length % 2 === 0) return undefined;
  return {
    message: `A comparison takes figures in pairs (before, after), but this chart names ${figures.length} figures.`,
    detail: `the last figure, "${figures.at(-1)!.key}", has no partner`,
    hint: "list the figures two by two: the earlier value, then the later one, for each row",
  };
}

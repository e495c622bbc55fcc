import * as Plot from "@observablehq/plot";
import type { Figure } from "../data/schema.ts";
import { axisUnit, formatAs, linearTicks, PERCENT_TICKS } from "./labels.ts";
import { textWidth } from "./measure.ts";
import { MUTED, SMALL_FONT_SIZE } from "./theme.ts";

/** A quantitative x axis: its domain, its mark, and the margins its labels need. */
export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
  /** Grid lines, drawn first so marks sit on top of them. */
  grid: Plot.Markish;
  /** Tick labels, drawn last. */
  mark: Plot.Markish;
  /** Room right of the plot for half the last tick label. */
  marginRight: number;
  marginBottom: number;
}

/**
 * A muted x axis from 0 in the unit of `sample` (percent: 0–100), ticks formatted like the
 * figure; the last tick carries the unit words ("250 months") so no separate axis title is needed.
 */
export function valueAxis(sample: Figure, max: number): ValueAxis {
  const scale = sample.unit === "percent" ? PERCENT_TICKS : linearTicks(max);
  const unit = axisUnit(sample);
  const format = (n: number) => {
    const text = formatAs(sample, n, scale.precision);
    return unit && n === scale.domainMax ? `${text} ${unit}` : text;
  };
  const last = format(scale.domainMax);
  return {
    domain: [0, scale.domainMax],
    ticks: scale.ticks,
    grid: Plot.gridX(scale.ticks, { stroke: MUTED, strokeOpacity: 0.35 }),
    mark: Plot.axisX({
      ticks: scale.ticks,
      tickFormat: format,
      tickSize: 0,
      tickPadding: 12,
      fontSize: SMALL_FONT_SIZE,
      color: MUTED,
      label: null,
    }),
    marginRight: Math.ceil(textWidth(last, SMALL_FONT_SIZE) / 2) + 6,
    marginBottom: 48,
  };
}

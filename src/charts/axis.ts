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
  /** "Scale: 0 to 30%, not to 100%" when a percent axis stops short of 100; else empty. */
  note: string;
  /** Room right of the plot for half the last tick label. */
  marginRight: number;
  marginBottom: number;
}

/** The ticks of an axis that ends at a stated value: round steps below it, and the end itself. */
function ticksTo(end: number): { domainMax: number; ticks: number[]; precision: number } {
  const round = linearTicks(end, 4);
  const ticks = round.ticks.filter((t) => t < end - 1e-9);
  // A round tick just below the end would crowd its label.
  const step = round.ticks[1] ?? end;
  if (ticks.length > 1 && end - ticks.at(-1)! < step * 0.4) ticks.pop();
  const decimals = (String(end).split(".")[1] ?? "").length;
  return { domainMax: end, ticks: [...ticks, end], precision: Math.max(round.precision, decimals) };
}

/** Room between two tick labels, in the chart's pixels. */
const TICK_GAP = 14;

/**
 * The ticks whose labels fit side by side in the plot's width: every other inner tick is
 * dropped until they do (the first and the last, which carries the unit, always stay).
 */
export function fittingTicks(
  ticks: readonly number[],
  format: (n: number) => string,
  plotWidth: number | undefined,
): number[] {
  let kept = [...ticks];
  if (!plotWidth || kept.length < 3) return kept;
  const span = kept.at(-1)! - kept[0]!;
  const fits = (list: number[]) =>
    list.every((t, i) => {
      if (i === 0 || span <= 0) return true;
      const room = ((t - list[i - 1]!) / span) * plotWidth;
      const half = (n: number) => textWidth(format(n), SMALL_FONT_SIZE) / 2;
      return room >= half(list[i - 1]!) + half(t) + TICK_GAP;
    });
  while (kept.length > 2 && !fits(kept)) {
    const last = kept.at(-1)!;
    const inner = kept.slice(0, -1).filter((_, i) => i % 2 === 0);
    // A kept tick right before the last would crowd the unit label: drop it too.
    kept =
      inner.length > 1 && !fits([inner.at(-1)!, last])
        ? [...inner.slice(0, -1), last]
        : [...inner, last];
  }
  return kept;
}

/**
 * A muted x axis from 0 in the unit of `sample` (percent: 0–100), ticks formatted like the
 * figure; the last tick carries the unit words ("250 months") so no separate axis title is needed.
 * `domain` ends the axis just above the data ("auto") or at a stated value; a percent axis
 * that does not run to 100 says so under its last tick.
 */
export function valueAxis(
  sample: Figure,
  max: number,
  domain?: "auto" | [number, number],
  plotWidth?: number,
): ValueAxis {
  const rounded = Array.isArray(domain)
    ? ticksTo(domain[1])
    : sample.unit === "percent" && domain !== "auto"
      ? PERCENT_TICKS
      : linearTicks(max);
  const unit = axisUnit(sample);
  const format = (n: number) => {
    const text = formatAs(sample, n, rounded.precision);
    return unit && n === rounded.domainMax ? `${text} ${unit}` : text;
  };
  const scale = { ...rounded, ticks: fittingTicks(rounded.ticks, format, plotWidth) };
  const last = format(scale.domainMax);
  const cut = sample.unit === "percent" && scale.domainMax < 100;
  const note = cut ? `Scale: 0 to ${last}, not to 100%` : "";
  return {
    domain: [0, scale.domainMax],
    ticks: scale.ticks,
    grid: Plot.gridX(scale.ticks, { stroke: MUTED, strokeOpacity: 0.35 }),
    mark: [
      Plot.axisX({
        ticks: scale.ticks,
        tickFormat: format,
        tickSize: 0,
        tickPadding: 12,
        fontSize: SMALL_FONT_SIZE,
        color: MUTED,
        label: null,
      }),
      note
        ? Plot.text([note], {
            frameAnchor: "bottom-right",
            dy: 76,
            text: (d: string) => d,
            textAnchor: "end",
            fontSize: SMALL_FONT_SIZE,
            fontStyle: "italic",
            fill: MUTED,
          })
        : null,
    ],
    note,
    marginRight: Math.ceil(textWidth(last, SMALL_FONT_SIZE) / 2) + 6,
    marginBottom: cut ? 84 : 48,
  };
}

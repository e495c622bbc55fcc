/** A reason a chart cannot be read at the deck's size, and what to do about it. */
export interface Unreadable {
  message: string;
  hint: string;
}

/** The thinnest a bar or category band may be on screen: about the height of its label. */
export const MIN_BAND_PX = 20;

/** Points closer than this on screen read as one. */
export const MIN_POINT_PX = 2;

/** Share of points that may touch a neighbour before a chart counts as a blot. */
const CROWDED_SHARE = 0.3;

/** Too many bands (bars, categories) for the height: each thinner than its label. */
export function crowdedBands(
  count: number,
  plotHeight: number,
  px: number,
  what: string,
  hint: string,
): Unreadable | undefined {
  const band = (plotHeight * px) / Math.max(1, count);
  if (band >= MIN_BAND_PX) return undefined;
  return {
    message: `${count} ${what} share ${Math.round(plotHeight * px)} px of height at the deck's size: ${band.toFixed(1)} px each, less than a line of text.`,
    hint,
  };
}

/** Consecutive x positions under 2 px apart: the line's detail cannot be seen. */
export function crowdedSteps(
  distinct: number,
  plotWidth: number,
  px: number,
): Unreadable | undefined {
  if (distinct < 2) return undefined;
  const step = (plotWidth * px) / (distinct - 1);
  if (step >= MIN_POINT_PX) return undefined;
  return {
    message: `${distinct} x values in ${Math.round(plotWidth * px)} px: ${step.toFixed(1)} px apart, too close to tell apart at the deck's size.`,
    hint: "aggregate the rows to a coarser step (months to quarters or years) in a derived table, or split the period over two slides",
  };
}

/**
 * Points in viewBox units, judged on screen: when many sit under 2 px from another, the
 * chart is a blot. A sweep along x keeps this near-linear for thousands of points.
 */
export function crowdedPoints(
  points: ReadonlyArray<{ x: number; y: number }>,
  px: number,
  hint: string,
): Unreadable | undefined {
  if (points.length < 20) return undefined;
  const limit = MIN_POINT_PX / px;
  const sorted = [...points].sort((a, b) => a.x - b.x);
  const touching = new Uint8Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.x - a.x < limit; j++) {
      if (Math.abs(sorted[j]!.y - a.y) < limit) {
        touching[i] = 1;
        touching[j] = 1;
      }
    }
  }
  const count = touching.reduce((sum, t) => sum + t, 0);
  if (count / points.length <= CROWDED_SHARE) return undefined;
  return {
    message: `${count} of ${points.length} points lie under ${MIN_POINT_PX} px from another at the deck's size, so they read as one.`,
    hint,
  };
}

/** Width of every chart's viewBox; the SVG scales to its container. */
export const CHART_WIDTH = 1000;

/** Base type size in viewBox units: large enough to read from the back of a room. */
export const FONT_SIZE = 24;

/** Type size for axis ticks and series tags. */
export const SMALL_FONT_SIZE = 20;

/** Text colour, set by the theme. */
export const TEXT = "var(--fd-chart-text)";

/** Axis and grid colour, set by the theme. */
export const MUTED = "var(--fd-chart-muted)";

/** Number of palette colours a theme defines (`--fd-chart-1` … `--fd-chart-6`). */
export const PALETTE_SIZE = 6;

/** The palette colour at a 0-based index, wrapping after the last. */
export function paletteColor(index: number): string {
  return `var(--fd-chart-${(index % PALETTE_SIZE) + 1})`;
}

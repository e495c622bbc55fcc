import type { Slide } from "./pptxgen.ts";
import { inches, type PptxTheme, points } from "./theme.ts";

/** A place on the slide, in CSS pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A box in PowerPoint's inches. */
export const place = (b: Box) => ({
  x: inches(b.x),
  y: inches(b.y),
  w: inches(b.w),
  h: inches(b.h),
});

/** The type a chart's labels use: the theme's body font at its small size, chart colours. */
export function chartTextStyle(theme: PptxTheme) {
  return {
    face: theme.fonts.body,
    size: points(theme.sizes.small),
    color: theme.colors.chartText,
    muted: theme.colors.chartMuted,
  };
}

/** One line of chart text drawn as a text box (drawn kinds: ranges, compare, dot, box). */
export function drawText(
  target: { slide: Slide; theme: PptxTheme },
  words: string,
  b: Box,
  opts: { bold?: boolean; color?: string; align?: "left" | "right" | "center"; size?: number } = {},
): void {
  target.slide.addText(words, {
    ...place(b),
    margin: 0,
    fontFace: target.theme.fonts.body,
    fontSize: points(opts.size ?? target.theme.sizes.small),
    bold: opts.bold,
    color: opts.color ?? target.theme.colors.chartText,
    align: opts.align ?? "left",
    valign: "middle",
    fit: "none",
  });
}

import * as Plot from "@observablehq/plot";
import { FONT_SIZE, TEXT } from "./theme.ts";

/** What the finished SVG says about itself to assistive technology. */
export interface SvgLabels {
  /** The kind, or `custom-<name>` for a project's own chart. */
  kind: string;
  title: string;
  description: string;
}

/** Draws Plot options into `document` and returns scalable, themeable `<svg>` markup. */
export function drawSvg(options: Plot.PlotOptions, document: Document, labels: SvgLabels): string {
  const svg = Plot.plot({
    ...options,
    document,
    className: "fd-chart-svg",
    ariaLabel: labels.title,
    ariaDescription: labels.description,
  });
  // The viewBox keeps the proportions; a fixed pixel size would stop the chart fitting its slide.
  svg.setAttribute("width", "100%");
  svg.removeAttribute("height");
  // The theme gives the SVG all the room its slide leaves; the drawing keeps its proportions
  // and sits on the left edge, in line with the text, centred in any height to spare.
  svg.setAttribute("preserveAspectRatio", "xMinYMid meet");
  svg.setAttribute("role", "img");
  // Inside role="img" every child is presentational; Plot's per-mark aria-labels
  // ("bar", "dot", "x-axis tick label") are prohibited there (axe: aria-prohibited-attr).
  for (const el of svg.querySelectorAll("[aria-label], [aria-description]")) {
    el.removeAttribute("aria-label");
    el.removeAttribute("aria-description");
  }
  svg.setAttribute("class", `fd-chart-svg fd-chart-${labels.kind}`);
  // Set here rather than through Plot's `style`: linkedom's `style` property is read-only.
  svg.setAttribute("style", `background: transparent; color: ${TEXT};`);
  svg.setAttribute("font-family", "inherit");
  svg.setAttribute("font-size", String(FONT_SIZE));
  return svg.outerHTML;
}

// Charts are laid out at build time, without a browser to measure text, so
// widths are estimated from per-character advances (in hundredths of an em,
// close to system-ui and Public Sans) with a little slack for wider fonts.
const ADVANCES: ReadonlyArray<readonly [string, number]> = [
  ["iljI!|.,:;'", 28],
  [" frt()[]/", 39],
  ["-–", 55],
  ["0123456789$#?", 64],
  ["ABCDEFGHJKLNOPQRSTUVXYZ&", 72],
  ["mwMW%", 92],
];
const ADVANCE = new Map(ADVANCES.flatMap(([chars, width]) => [...chars].map((c) => [c, width])));
const DEFAULT_ADVANCE = 59;
const SLACK = 1.06;
const BOLD = 1.07;

/** Estimated width in viewBox units of one line of text at a font size. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let sum = 0;
  for (const c of text) sum += ADVANCE.get(c) ?? DEFAULT_ADVANCE;
  return (sum / 100) * fontSize * SLACK * (bold ? BOLD : 1);
}

/** Widest line of a possibly multi-line text. */
export function blockWidth(text: string, fontSize: number, bold = false): number {
  return Math.max(0, ...text.split("\n").map((line) => textWidth(line, fontSize, bold)));
}

/** Text broken at spaces into lines no wider than `maxWidth` (a long word keeps its own line). */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, fontSize) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** One row of a chart with a label outside each end: positions in data units, widths in px. */
export interface OutwardRow {
  low: number;
  high: number;
  lowWidth: number;
  highWidth: number;
}

/** Scale insets (px) so every row's outer labels fit inside `width`, with the widest plot left. */
export function fitInsets(
  rows: readonly OutwardRow[],
  domainMax: number,
  width: number,
  gap: number,
): { insetLeft: number; insetRight: number } {
  // Try plot widths from widest to narrowest: the first that fits every label wins.
  for (let inner = width; inner > width / 4; inner -= 2) {
    const at = (v: number) => (v / domainMax) * inner;
    const insetLeft = Math.max(0, ...rows.map((r) => r.lowWidth + gap - at(r.low)));
    const reach = Math.max(inner, ...rows.map((r) => at(r.high) + gap + r.highWidth));
    if (insetLeft + reach <= width) {
      return { insetLeft: Math.ceil(insetLeft), insetRight: Math.floor(width - insetLeft - inner) };
    }
  }
  return { insetLeft: Math.round(width / 3), insetRight: Math.round(width / 3) };
}

/** A label to place along a line: where it wants its centre, and how wide it is. */
export interface SpreadItem {
  center: number;
  width: number;
}

/** Label centres moved as little as possible so no two overlap and all stay in [left, right]. */
export function spreadLabels(
  items: readonly SpreadItem[],
  left: number,
  right: number,
  gap: number,
): number[] {
  const centers = items.map((item) => item.center);
  let edge = left - gap;
  items.forEach((item, i) => {
    centers[i] = Math.max(centers[i]!, edge + gap + item.width / 2);
    edge = centers[i]! + item.width / 2;
  });
  edge = right + gap;
  for (let i = items.length - 1; i >= 0; i--) {
    const half = items[i]!.width / 2;
    centers[i] = Math.min(centers[i]!, edge - gap - half);
    edge = centers[i]! - half;
  }
  return centers;
}

/** True when labels of these widths fit side by side between `left` and `right`. */
export function fitsInLine(
  items: readonly SpreadItem[],
  left: number,
  right: number,
  gap: number,
): boolean {
  const total = items.reduce((sum, item) => sum + item.width, 0) + gap * (items.length - 1);
  return total <= right - left;
}

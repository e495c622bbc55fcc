import {
  type Rgb as CuloriRgb,
  converter,
  differenceEuclidean,
  formatHex,
  parse,
  wcagContrast,
  wcagLuminance,
} from "culori";

/** An sRGB colour, channels 0–255. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** A colour in CIE L*a*b* (D65): L* is the lightness a greyscale print keeps. */
export interface Lab {
  l: number;
  a: number;
  b: number;
}

/** The colour-vision deficiencies a palette is checked against (complete dichromacy). */
export type Deficiency = "protanopia" | "deuteranopia" | "tritanopia";

/** Every deficiency, in the order findings report them. */
export const DEFICIENCIES: readonly Deficiency[] = ["protanopia", "deuteranopia", "tritanopia"];

const toRgb = converter("rgb");
const toLinearRgb = converter("lrgb");
const toLab65 = converter("lab65");
const cie76 = differenceEuclidean("lab65");

/** culori's colour (channels 0–1) from ours (0–255). */
function culoriOf(c: Rgb): CuloriRgb {
  return { mode: "rgb", r: c.r / 255, g: c.g / 255, b: c.b / 255 };
}

function fromCulori(c: { r: number; g: number; b: number }): Rgb {
  const clamp = (v: number) => Math.min(255, Math.max(0, v * 255));
  return { r: clamp(c.r), g: clamp(c.g), b: clamp(c.b) };
}

/**
 * Reads an opaque CSS colour in any form culori reads (`#rgb`, `#rrggbb`, `rgb()`, `hsl()`,
 * named colours, `oklch()`…); undefined for anything else, for a translucent colour, and
 * for one outside sRGB, which a projector cannot show as written.
 */
export function parseColor(text: string): Rgb | undefined {
  const parsed = parse(text.trim());
  if (!parsed || (parsed.alpha !== undefined && parsed.alpha < 1)) return undefined;
  const rgb = toRgb(parsed);
  // Within rounding of sRGB: a colour written in oklch() lands a hair outside it.
  const inside = (v: number) => v >= -1e-3 && v <= 1 + 1e-3;
  if (![rgb.r, rgb.g, rgb.b].every(inside)) return undefined;
  return fromCulori(rgb);
}

/** `#rrggbb` for a colour, channels rounded and clamped. */
export function toHex(c: Rgb): string {
  return formatHex(culoriOf({ r: Math.round(c.r), g: Math.round(c.g), b: Math.round(c.b) }));
}

/** WCAG 2 relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance(c: Rgb): number {
  return wcagLuminance(culoriOf(c));
}

/** WCAG 2 contrast ratio of two colours, 1 to 21, whichever is lighter. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  return wcagContrast(culoriOf(a), culoriOf(b));
}

/** CIE L*a*b* (D65 white) of an sRGB colour. */
export function toLab(c: Rgb): Lab {
  const lab = toLab65(culoriOf(c));
  return { l: lab.l, a: lab.a, b: lab.b };
}

/** CIE76 colour difference: about 2.3 is just noticeable; charts need far more. */
export function deltaE(a: Rgb, b: Rgb): number {
  return cie76(culoriOf(a), culoriOf(b));
}

/** Lightness L* (0–100): how dark a colour prints in greyscale. */
export function greyLightness(c: Rgb): number {
  return toLab(c).l;
}

// Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear RGB as the paper
// does (culori's own filters apply them to gamma-encoded values, which understates merging).
const SIMULATION: Record<Deficiency, readonly [number, number, number][]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

/** How a colour looks to a person with the given colour-vision deficiency. */
export function simulateDeficiency(c: Rgb, deficiency: Deficiency): Rgb {
  const linear = toLinearRgb(culoriOf(c));
  const [r, g, b] = SIMULATION[deficiency].map(
    (row) => row[0] * linear.r + row[1] * linear.g + row[2] * linear.b,
  );
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return fromCulori(toRgb({ mode: "lrgb", r: clamp(r!), g: clamp(g!), b: clamp(b!) }));
}

/**
 * The colour nearest to `fg` (same hue, lightness moved away from `bg`) that reaches
 * `ratio` against `bg`; undefined when even black or white does not.
 */
export function adjustForContrast(fg: Rgb, bg: Rgb, ratio: number): Rgb | undefined {
  const darker = relativeLuminance(bg) > 0.18;
  const target = darker ? 0 : 255;
  for (let step = 1; step <= 100; step++) {
    const t = step / 100;
    const mixed = {
      r: fg.r + (target - fg.r) * t,
      g: fg.g + (target - fg.g) * t,
      b: fg.b + (target - fg.b) * t,
    };
    const rounded = parseColor(toHex(mixed))!;
    if (contrastRatio(rounded, bg) >= ratio) return rounded;
  }
  return undefined;
}

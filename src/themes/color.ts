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

const NAMED: Record<string, Rgb> = {
  white: { r: 255, g: 255, b: 255 },
  black: { r: 0, g: 0, b: 0 },
};

/**
 * Reads an opaque CSS colour: `#rgb`, `#rrggbb`, `rgb(r g b)`, `rgb(r, g, b)`, `hsl(h s% l%)`,
 * `white`, `black`.
 * Returns undefined for anything else (a theme's colour tokens must use these forms).
 */
export function parseColor(text: string): Rgb | undefined {
  const value = text.trim().toLowerCase();
  const named = NAMED[value];
  if (named) return { ...named };
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(value);
  if (short) {
    const [r, g, b] = short.slice(1).map((h) => Number.parseInt(h + h, 16));
    return { r: r!, g: g!, b: b! };
  }
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(value);
  if (long) {
    const [r, g, b] = long.slice(1).map((h) => Number.parseInt(h, 16));
    return { r: r!, g: g!, b: b! };
  }
  const fn = /^rgb\(\s*(\d{1,3})[\s,]+(\d{1,3})[\s,]+(\d{1,3})\s*\)$/.exec(value);
  if (fn) {
    const [r, g, b] = fn.slice(1).map(Number);
    if ([r, g, b].every((c) => c! <= 255)) return { r: r!, g: g!, b: b! };
  }
  const hsl = /^hsl\(\s*(\d*\.?\d+)(?:deg)?[\s,]+(\d*\.?\d+)%[\s,]+(\d*\.?\d+)%\s*\)$/.exec(value);
  if (hsl) return fromHsl(Number(hsl[1]), Number(hsl[2]) / 100, Number(hsl[3]) / 100);
  return undefined;
}

function fromHsl(hue: number, s: number, l: number): Rgb | undefined {
  if (s > 1 || l > 1) return undefined;
  const k = (n: number) => (n + hue / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return { r: Math.round(f(0) * 255), g: Math.round(f(8) * 255), b: Math.round(f(4) * 255) };
}

/** `#rrggbb` for a colour, channels rounded and clamped. */
export function toHex(c: Rgb): string {
  const hex = (v: number) =>
    Math.round(Math.min(255, Math.max(0, v)))
      .toString(16)
      .padStart(2, "0");
  return `#${hex(c.r)}${hex(c.g)}${hex(c.b)}`;
}

function toLinear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function fromLinear(value: number): number {
  const v = Math.min(1, Math.max(0, value));
  return 255 * (v <= 0.0031308 ? v * 12.92 : 1.055 * v ** (1 / 2.4) - 0.055);
}

/** WCAG 2 relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance(c: Rgb): number {
  return 0.2126 * toLinear(c.r) + 0.7152 * toLinear(c.g) + 0.0722 * toLinear(c.b);
}

/** WCAG 2 contrast ratio of two colours, 1 to 21, whichever is lighter. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** CIE L*a*b* (D65 white) of an sRGB colour. */
export function toLab(c: Rgb): Lab {
  const r = toLinear(c.r);
  const g = toLinear(c.g);
  const b = toLinear(c.b);
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27) * (t / 116) + 16 / 116);
  const fx = f(x);
  const fy = f(y);
  const fz = f(z);
  return { l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

/** CIE76 colour difference: about 2.3 is just noticeable; charts need far more. */
export function deltaE(a: Rgb, b: Rgb): number {
  const la = toLab(a);
  const lb = toLab(b);
  return Math.hypot(la.l - lb.l, la.a - lb.a, la.b - lb.b);
}

/** Lightness L* (0–100): how dark a colour prints in greyscale. */
export function greyLightness(c: Rgb): number {
  return toLab(c).l;
}

// Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear RGB.
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
  const lin = [toLinear(c.r), toLinear(c.g), toLinear(c.b)];
  const [r, g, b] = SIMULATION[deficiency].map(
    (row) => row[0] * lin[0]! + row[1] * lin[1]! + row[2] * lin[2]!,
  );
  return { r: fromLinear(r!), g: fromLinear(g!), b: fromLinear(b!) };
}

/**
 * The colour nearest to `fg` (same hue, lightness moved away from `bg`) that reaches
 * `ratio` against `bg`; undefined when even black or white does not.
 */
export function adjustForContrast(fg: Rgb, bg: Rgb, ratio: number): Rgb | undefined {
  const darker = relativeLuminance(bg) > 0.18;
  for (let step = 1; step <= 100; step++) {
    const t = step / 100;
    const target = darker ? 0 : 255;
    const c = {
      r: fg.r + (target - fg.r) * t,
      g: fg.g + (target - fg.g) * t,
      b: fg.b + (target - fg.b) * t,
    };
    const rounded = parseColor(toHex(c))!;
    if (contrastRatio(rounded, bg) >= ratio) return rounded;
  }
  return undefined;
}

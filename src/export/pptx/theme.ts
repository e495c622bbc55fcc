import { parseColor, pixels, resolveToken, type Theme, toHex } from "../../themes/index.ts";

/** CSS pixels per inch: a 1280 × 720 deck becomes PowerPoint's 13.333 × 7.5 in widescreen slide. */
export const PX_PER_INCH = 96;

/** A length in CSS pixels as inches, the unit pptxgenjs places objects in. */
export const inches = (px: number) => px / PX_PER_INCH;

/** A type size in CSS pixels as points (96 px = 72 pt). */
export const points = (px: number) => Math.round(px * 0.75 * 10) / 10;

/** A theme's tokens in the units and forms PowerPoint takes: font names, `rrggbb`, pixels. */
export interface PptxTheme {
  name: string;
  fonts: { body: string; heading: string; mono: string };
  weights: { bodyBold: boolean; headingBold: boolean };
  leading: number;
  /** Colours as `rrggbb` (pptxgenjs takes no `#`). */
  colors: Record<ColorToken, string>;
  /** `--fd-chart-1…6`, in order. */
  palette: string[];
  /** Type sizes in CSS pixels. */
  sizes: Record<SizeToken, number>;
  /** Space in CSS pixels. */
  space: Record<SpaceToken, number>;
}

const COLOR_TOKENS = {
  bg: "--fd-bg",
  surface: "--fd-surface",
  text: "--fd-text",
  heading: "--fd-heading",
  muted: "--fd-muted",
  accent: "--fd-accent",
  link: "--fd-link",
  figure: "--fd-figure",
  stat: "--fd-stat",
  rule: "--fd-rule",
  warning: "--fd-warning",
  titleBg: "--fd-title-bg",
  titleText: "--fd-title-text",
  titleMuted: "--fd-title-muted",
  titleAccent: "--fd-title-accent",
  chartText: "--fd-chart-text",
  chartMuted: "--fd-chart-muted",
} as const;
type ColorToken = keyof typeof COLOR_TOKENS;

const SIZE_TOKENS = {
  title: "--fd-size-title",
  h2: "--fd-size-h2",
  h3: "--fd-size-h3",
  lead: "--fd-size-lead",
  body: "--fd-size-body",
  small: "--fd-size-small",
  table: "--fd-size-table",
  reference: "--fd-size-reference",
  caption: "--fd-size-caption",
  stat: "--fd-size-stat",
  slideNumber: "--fd-size-slide-number",
} as const;
type SizeToken = keyof typeof SIZE_TOKENS;

const SPACE_TOKENS = {
  s1: "--fd-space-1",
  s2: "--fd-space-2",
  s3: "--fd-space-3",
  s4: "--fd-space-4",
  padTop: "--fd-pad-top",
  padX: "--fd-pad-x",
  padBottom: "--fd-pad-bottom",
  rule: "--fd-rule-width",
} as const;
type SpaceToken = keyof typeof SPACE_TOKENS;

// A theme only falls back on these when it leaves a token unreadable; the contrast check
// (`factdeck check`) already fails such a theme, so they are a last resort, not a palette.
const GENERIC_FONTS: Record<string, string> = {
  "system-ui": "Arial",
  "sans-serif": "Arial",
  "ui-sans-serif": "Arial",
  serif: "Times New Roman",
  "ui-serif": "Times New Roman",
  monospace: "Courier New",
  "ui-monospace": "Courier New",
};

/**
 * The first family a font stack names. PowerPoint takes one font name and no stack, so a
 * stack of generic names only (`system-ui, sans-serif`) becomes the common font for it.
 */
export function firstFontFamily(stack: string | undefined, fallback: string): string {
  const families = (stack ?? "")
    .split(",")
    .map((f) => f.trim().replace(/^["']|["']$/g, ""))
    .filter(Boolean);
  const named = families.find((f) => !(f in GENERIC_FONTS));
  if (named) return named;
  const generic = families[0];
  return generic ? GENERIC_FONTS[generic]! : fallback;
}

function weightIsBold(value: string | undefined): boolean {
  if (!value) return true;
  if (value === "bold" || value === "bolder") return true;
  const n = Number(value);
  return Number.isFinite(n) ? n >= 600 : false;
}

/** Resolves a theme's tokens (base defaults, then the theme's own) for the PowerPoint writer. */
export function pptxTheme(theme: Theme): PptxTheme {
  const token = (name: string) => resolveToken(theme.tokens, name);
  const color = (name: string, fallback: string): string => {
    const parsed = parseColor(token(name) ?? "");
    return (parsed ? toHex(parsed) : fallback).slice(1).toUpperCase();
  };
  const colors = {} as Record<ColorToken, string>;
  for (const [key, name] of Object.entries(COLOR_TOKENS) as [ColorToken, string][])
    colors[key] = color(name, key === "bg" || key === "titleBg" ? "#ffffff" : "#000000");
  const sizes = {} as Record<SizeToken, number>;
  for (const [key, name] of Object.entries(SIZE_TOKENS) as [SizeToken, string][])
    sizes[key] = pixels(token(name)) ?? 24;
  const space = {} as Record<SpaceToken, number>;
  for (const [key, name] of Object.entries(SPACE_TOKENS) as [SpaceToken, string][])
    space[key] = pixels(token(name)) ?? 16;
  const body = firstFontFamily(token("--fd-font-body"), "Arial");
  const leading = Number(token("--fd-leading"));
  return {
    name: theme.name,
    fonts: {
      body,
      heading: firstFontFamily(token("--fd-font-heading"), body),
      mono: firstFontFamily(token("--fd-font-mono"), "Courier New"),
    },
    weights: {
      bodyBold: weightIsBold(token("--fd-weight-bold")),
      headingBold: weightIsBold(token("--fd-weight-heading")),
    },
    leading: Number.isFinite(leading) && leading > 0.8 ? leading : 1.35,
    colors,
    palette: [1, 2, 3, 4, 5, 6].map((i) => color(`--fd-chart-${i}`, "#000000")),
    sizes,
    space,
  };
}

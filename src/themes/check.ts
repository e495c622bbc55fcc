import path from "node:path";
import type { Diagnostic, SourcePosition } from "../errors/index.ts";
import {
  adjustForContrast,
  contrastRatio,
  DEFICIENCIES,
  type Deficiency,
  deltaE,
  greyLightness,
  parseColor,
  type Rgb,
  simulateDeficiency,
  toHex,
} from "./color.ts";
import {
  BASE_THEME_FILE,
  listThemeNames,
  pixels,
  readTheme,
  resolveToken,
  type Theme,
} from "./tokens.ts";

/** A colour pair a theme must keep apart: text on its background, or a mark or control on it. */
export interface ContrastRequirement {
  fg: string;
  bg: string;
  /** What the pair is on a slide, for the message. */
  role: string;
  /** Text needs 4.5:1, or 3:1 when large; graphics and controls need 3:1 (WCAG 1.4.3, 1.4.11). */
  kind: "text" | "graphic";
  /** The token of the text's size: 24px and up, or 18.66px and up in bold, is large. */
  size?: string;
  bold?: boolean;
}

/** Every pair `factdeck check` verifies in every theme. */
export const CONTRAST_REQUIREMENTS: readonly ContrastRequirement[] = [
  // Text that also appears small (tables, captions) must pass as small text.
  { fg: "--fd-text", bg: "--fd-bg", role: "body text", kind: "text" },
  {
    fg: "--fd-heading",
    bg: "--fd-bg",
    role: "headings and chart titles",
    kind: "text",
    size: "--fd-size-h3",
    bold: true,
  },
  {
    fg: "--fd-muted",
    bg: "--fd-bg",
    role: "captions, source marks and the slide number",
    kind: "text",
  },
  { fg: "--fd-link", bg: "--fd-bg", role: "links", kind: "text" },
  { fg: "--fd-figure", bg: "--fd-bg", role: "figures in prose and tables", kind: "text" },
  {
    fg: "--fd-stat",
    bg: "--fd-bg",
    role: "headline figures",
    kind: "text",
    size: "--fd-size-h3",
    bold: true,
  },
  { fg: "--fd-warning", bg: "--fd-bg", role: "secondary-source warnings", kind: "text" },
  { fg: "--fd-text", bg: "--fd-surface", role: "text in notice boxes", kind: "text" },
  { fg: "--fd-title-text", bg: "--fd-title-bg", role: "text on the cover", kind: "text" },
  {
    fg: "--fd-title-muted",
    bg: "--fd-title-bg",
    role: "the slide number on the cover",
    kind: "text",
  },
  { fg: "--fd-chart-text", bg: "--fd-bg", role: "chart labels and values", kind: "text" },
  { fg: "--fd-chart-muted", bg: "--fd-bg", role: "chart axis labels", kind: "text" },
  // The comparison chart labels each end of a pair in the colour of its series.
  { fg: "--fd-chart-1", bg: "--fd-bg", role: "labels in series colour 1", kind: "text" },
  { fg: "--fd-chart-2", bg: "--fd-bg", role: "labels in series colour 2", kind: "text" },
  ...[1, 2, 3, 4, 5, 6].map(
    (i): ContrastRequirement => ({
      fg: `--fd-chart-${i}`,
      bg: "--fd-bg",
      role: `chart marks in series colour ${i}`,
      kind: "graphic",
    }),
  ),
  { fg: "--fd-accent", bg: "--fd-bg", role: "rules and the progress bar", kind: "graphic" },
  { fg: "--fd-controls", bg: "--fd-bg", role: "the navigation arrows", kind: "graphic" },
  { fg: "--fd-focus", bg: "--fd-bg", role: "the keyboard focus ring", kind: "graphic" },
  { fg: "--fd-title-accent", bg: "--fd-title-bg", role: "the rule on the cover", kind: "graphic" },
];

/** Chart series colours, in the order charts use them. */
export const PALETTE_TOKENS = [1, 2, 3, 4, 5, 6].map((i) => `--fd-chart-${i}`);

/** Neighbouring series (a stack's adjacent shares, a comparison's pair) differ this much in L*. */
export const MIN_GREY_STEP_NEIGHBOURS = 15;
/** Any two series differ at least this much in L*, so a greyscale print keeps them apart. */
export const MIN_GREY_STEP_ANY = 6;
/** Any two series differ at least this much (CIE76) to normal vision and to each dichromacy. */
export const MIN_DELTA_E = 12;

/** The contrast a requirement needs, given the theme's type sizes. */
export function requiredRatio(req: ContrastRequirement, theme: Theme): number {
  if (req.kind === "graphic") return 3;
  const size = req.size ? pixels(resolveToken(theme.tokens, req.size)) : undefined;
  if (size === undefined) return 4.5;
  const large = size >= 24 || (req.bold === true && size >= 18.66);
  return large ? 3 : 4.5;
}

function positionOf(theme: Theme, token: string): SourcePosition {
  return theme.tokens.get(token)?.at ?? { file: theme.file, line: 1, column: 1 };
}

/** Reads a colour token; a finding when it is missing or not a colour we can measure. */
function colorOf(
  theme: Theme,
  token: string,
  findings: Diagnostic[],
  reported: Set<string>,
): Rgb | undefined {
  const value = resolveToken(theme.tokens, token);
  const color = value === undefined ? undefined : parseColor(value);
  if (color) return color;
  if (reported.has(token)) return undefined;
  reported.add(token);
  findings.push(
    value === undefined
      ? {
          code: "FD_THEME_TOKEN",
          severity: "error",
          message: `The theme "${theme.name}" does not set ${token}.`,
          at: { file: theme.file, line: 1, column: 1 },
          hint: `import "./${BASE_THEME_FILE}" (it sets every token) and override ${token} in :root`,
        }
      : {
          code: "FD_THEME_TOKEN",
          severity: "error",
          message: `The theme "${theme.name}" sets ${token} to "${value}", which is not a colour factdeck can measure.`,
          at: positionOf(theme, token),
          hint: "write colours as #rrggbb, #rgb, rgb(r g b) or hsl(h s% l%), opaque, so their contrast can be checked",
        },
  );
  return undefined;
}

function checkContrast(theme: Theme, findings: Diagnostic[], reported: Set<string>): void {
  for (const req of CONTRAST_REQUIREMENTS) {
    const fg = colorOf(theme, req.fg, findings, reported);
    const bg = colorOf(theme, req.bg, findings, reported);
    if (!fg || !bg) continue;
    const needed = requiredRatio(req, theme);
    const ratio = contrastRatio(fg, bg);
    if (ratio >= needed) continue;
    const better = adjustForContrast(fg, bg, needed);
    findings.push({
      code: "FD_THEME_CONTRAST",
      severity: "error",
      message: `In the theme "${theme.name}", the contrast of ${req.role} (${req.fg} ${toHex(fg)} on ${req.bg} ${toHex(bg)}) is ${ratio.toFixed(2)}:1; it needs at least ${needed}:1.`,
      at: positionOf(theme, req.fg),
      related: [positionOf(theme, req.bg)],
      detail:
        req.kind === "text"
          ? `text needs 4.5:1, large text (24px, or 18.66px bold) 3:1 (WCAG 2 SC 1.4.3)`
          : `graphics and controls need 3:1 against what surrounds them (WCAG 2 SC 1.4.11)`,
      hint: better
        ? `change ${req.fg} to ${toHex(better)} (${contrastRatio(better, bg).toFixed(2)}:1) or further from ${req.bg}, or change ${req.bg}`
        : `change ${req.bg}: no colour reaches ${needed}:1 against it`,
    });
  }
}

function see(deficiency: Deficiency | "normal", c: Rgb): Rgb {
  return deficiency === "normal" ? c : simulateDeficiency(c, deficiency);
}

function checkPalette(theme: Theme, findings: Diagnostic[], reported: Set<string>): void {
  const colors = PALETTE_TOKENS.map((t) => colorOf(theme, t, findings, reported));
  for (let i = 0; i < colors.length; i++) {
    for (let j = i + 1; j < colors.length; j++) {
      const a = colors[i];
      const b = colors[j];
      if (!a || !b) continue;
      const names = `${PALETTE_TOKENS[i]} ${toHex(a)} and ${PALETTE_TOKENS[j]} ${toHex(b)}`;
      const where = {
        at: positionOf(theme, PALETTE_TOKENS[j]!),
        related: [positionOf(theme, PALETTE_TOKENS[i]!)],
      };
      const step = Math.abs(greyLightness(a) - greyLightness(b));
      const neighbours = j === i + 1;
      const minStep = neighbours ? MIN_GREY_STEP_NEIGHBOURS : MIN_GREY_STEP_ANY;
      if (step < minStep) {
        findings.push({
          code: "FD_THEME_PALETTE",
          severity: "error",
          message: `In the theme "${theme.name}", chart colours ${names} print as nearly the same grey (lightness differs by ${step.toFixed(1)}; needs ${minStep}).`,
          ...where,
          detail: neighbours
            ? "neighbouring series sit side by side in stacked bars and comparisons"
            : "any two series may appear in one chart",
          hint: "make one of them lighter or darker (compare the L* of CIE Lab); alternate dark and light along the palette",
        });
        continue;
      }
      for (const deficiency of ["normal", ...DEFICIENCIES] as const) {
        const d = deltaE(see(deficiency, a), see(deficiency, b));
        if (d >= MIN_DELTA_E) continue;
        findings.push({
          code: "FD_THEME_PALETTE",
          severity: "error",
          message: `In the theme "${theme.name}", chart colours ${names} are hard to tell apart${deficiency === "normal" ? "" : ` with ${deficiency}`} (colour difference ${d.toFixed(1)}; needs ${MIN_DELTA_E}).`,
          ...where,
          hint: "move one of them in hue or lightness; blue and orange stay apart for every kind of colour blindness, red and green do not",
        });
        break;
      }
    }
  }
}

function isRemote(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) || url.startsWith("//");
}

function checkAssets(theme: Theme, findings: Diagnostic[]): void {
  const sheets = [theme.own, ...(theme.base ? [theme.base] : [])];
  for (const sheet of sheets) {
    const seen = new Set<string>();
    for (const ref of [...sheet.imports, ...sheet.urls]) {
      // `@import url("…")` is both an import and a url(): report it once.
      const key = `${ref.url}@${ref.at.line}`;
      if (!isRemote(ref.url) || seen.has(key)) continue;
      seen.add(key);
      findings.push({
        code: "FD_THEME_REMOTE",
        severity: "error",
        message: `The theme "${theme.name}" loads ${ref.url} from the network; a built deck must work offline.`,
        at: ref.at,
        hint: "bundle the asset: import a font from an npm package such as @fontsource/*, or put the file next to the theme and refer to it by a relative path",
      });
    }
  }
  if (!theme.base) {
    findings.push({
      code: "FD_THEME_BASE",
      severity: "error",
      message: `The theme "${theme.name}" does not import the shared ${BASE_THEME_FILE}, so slides would have no layout.`,
      at: { file: theme.file, line: 1, column: 1 },
      hint: `start the theme with @import "./${BASE_THEME_FILE}"; (after any font imports), then set tokens in :root`,
    });
  }
}

/** Every finding for one theme: missing or unreadable tokens, contrast, palette, remote assets. */
export function checkTheme(theme: Theme): Diagnostic[] {
  const findings: Diagnostic[] = [];
  const reported = new Set<string>();
  checkAssets(theme, findings);
  checkContrast(theme, findings, reported);
  checkPalette(theme, findings, reported);
  return findings;
}

/**
 * Checks every theme in a folder from its tokens alone: text and chart contrast (WCAG 2),
 * a palette that survives greyscale and colour blindness, and no asset from the network.
 */
export function checkThemeContrast(themesDir: string): Diagnostic[] {
  const dir = path.resolve(themesDir);
  return listThemeNames(dir).flatMap((name) => checkTheme(readTheme(dir, name)));
}

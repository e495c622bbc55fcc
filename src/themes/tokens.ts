import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SourcePosition } from "../errors/index.ts";

/** One custom property as declared: its raw value and where it was written. */
export interface Token {
  name: string;
  value: string;
  at: SourcePosition;
}

/** A reference from a stylesheet to another file: `@import` or `url()`. */
export interface AssetReference {
  url: string;
  at: SourcePosition;
}

/** What a stylesheet declares at the top level of `:root`, and what it loads. */
export interface ParsedStylesheet {
  file: string;
  tokens: Map<string, Token>;
  imports: AssetReference[];
  urls: AssetReference[];
}

/** A theme: its own file, the shared base it builds on, and the tokens of both merged. */
export interface Theme {
  name: string;
  file: string;
  own: ParsedStylesheet;
  base?: ParsedStylesheet;
  /** Base defaults overridden by the theme's own declarations. */
  tokens: Map<string, Token>;
}

/** The shared stylesheet every theme imports; it is not a theme itself. */
export const BASE_THEME_FILE = "base.css";

// Comments become spaces (newlines kept) so offsets still map to lines and columns.
function blankComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, " "));
}

function positionAt(text: string, offset: number, file: string): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { file, line, column: offset - lineStart + 1 };
}

function isRootSelector(selector: string): boolean {
  return selector.split(",").some((part) => part.trim() === ":root");
}

/**
 * Reads the custom properties a stylesheet sets on `:root` (top-level rules only: tokens
 * inside `@media` apply conditionally and are not the theme's colours), its `@import`s
 * and every `url()`.
 */
export function parseStylesheet(css: string, file: string): ParsedStylesheet {
  const text = blankComments(css);
  const tokens = new Map<string, Token>();
  const imports: AssetReference[] = [];
  const urls: AssetReference[] = [];

  for (const m of text.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/g))
    urls.push({ url: m[2]!.trim(), at: positionAt(text, m.index + 4, file) });

  let depth = 0;
  let preludeStart = 0;
  let ruleSelector: string | undefined;
  let bodyStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "{") {
      if (depth === 0) {
        ruleSelector = text.slice(preludeStart, i).trim();
        bodyStart = i + 1;
      }
      depth++;
    } else if (ch === "}") {
      depth--;
      if (depth === 0) {
        if (ruleSelector !== undefined && isRootSelector(ruleSelector))
          readDeclarations(text, bodyStart, i, file, tokens);
        ruleSelector = undefined;
        preludeStart = i + 1;
      }
    } else if (ch === ";" && depth === 0) {
      const statement = text.slice(preludeStart, i);
      const m = /^\s*@import\s+(?:url\(\s*)?(["'])([^"']+)\1/.exec(statement);
      if (m) {
        const offset = preludeStart + statement.indexOf(m[2]!);
        imports.push({ url: m[2]!, at: positionAt(text, offset, file) });
      }
      preludeStart = i + 1;
    }
  }
  return { file, tokens, imports, urls };
}

function readDeclarations(
  text: string,
  start: number,
  end: number,
  file: string,
  into: Map<string, Token>,
): void {
  const body = text.slice(start, end);
  for (const m of body.matchAll(/(--[A-Za-z0-9_-]+)\s*:\s*([^;]*)/g)) {
    const value = m[2]!.trim();
    into.set(m[1]!, { name: m[1]!, value, at: positionAt(text, start + m.index, file) });
  }
}

/** Theme names in a themes folder: every `<name>.css` except the shared base. */
export function listThemeNames(themesDir: string): string[] {
  if (!existsSync(themesDir)) return [];
  return readdirSync(themesDir)
    .filter((f) => f.endsWith(".css") && f !== BASE_THEME_FILE)
    .map((f) => f.slice(0, -".css".length))
    .sort();
}

/** Reads a theme and, when it imports it, the shared base; tokens are merged base-first. */
export function readTheme(themesDir: string, name: string): Theme {
  const file = path.join(themesDir, `${name}.css`);
  const own = parseStylesheet(readFileSync(file, "utf8"), file);
  const baseFile = path.join(themesDir, BASE_THEME_FILE);
  const importsBase = own.imports.some((i) => path.resolve(themesDir, i.url) === baseFile);
  const base =
    importsBase && existsSync(baseFile)
      ? parseStylesheet(readFileSync(baseFile, "utf8"), baseFile)
      : undefined;
  const tokens = new Map([...(base?.tokens ?? []), ...own.tokens]);
  return { name, file, own, base, tokens };
}

/**
 * The value of a token with every `var()` replaced, as the browser computes it on `:root`;
 * undefined when it is not declared or refers in a circle.
 */
export function resolveToken(
  tokens: ReadonlyMap<string, Token>,
  name: string,
  seen: ReadonlySet<string> = new Set(),
): string | undefined {
  if (seen.has(name)) return undefined;
  const token = tokens.get(name);
  if (!token) return undefined;
  return substitute(token.value, tokens, new Set([...seen, name]));
}

function substitute(
  value: string,
  tokens: ReadonlyMap<string, Token>,
  seen: ReadonlySet<string>,
): string | undefined {
  const start = value.indexOf("var(");
  if (start < 0) return value;
  // Find the matching parenthesis: a fallback may itself contain var().
  let depth = 0;
  let end = -1;
  for (let i = start + 3; i < value.length; i++) {
    if (value[i] === "(") depth++;
    else if (value[i] === ")" && --depth === 0) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const inner = value.slice(start + 4, end);
  const comma = inner.indexOf(",");
  const ref = (comma < 0 ? inner : inner.slice(0, comma)).trim();
  const fallback = comma < 0 ? undefined : inner.slice(comma + 1).trim();
  let replacement = resolveToken(tokens, ref, seen);
  if (replacement === undefined && fallback !== undefined)
    replacement = substitute(fallback, tokens, seen);
  if (replacement === undefined) return undefined;
  const rest = substitute(value.slice(end + 1), tokens, seen);
  if (rest === undefined) return undefined;
  return value.slice(0, start) + replacement + rest;
}

/** A length token in CSS pixels (`px`, or `rem`/`em` at 16px); undefined otherwise. */
export function pixels(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(-?\d*\.?\d+)(px|rem|em)$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === "px" ? n : n * 16;
}

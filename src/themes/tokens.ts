import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import postcss, { type Root } from "postcss";
import valueParser from "postcss-value-parser";
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

function positionOf(node: { source?: { start?: { line: number; column: number } } }, file: string) {
  return { file, line: node.source?.start?.line ?? 1, column: node.source?.start?.column ?? 1 };
}

/** Where, inside a node's text, a piece starts: postcss gives the node's start, we add the offset. */
function offsetPosition(start: SourcePosition, text: string, offset: number): SourcePosition {
  const before = text.slice(0, offset);
  const lines = before.split("\n");
  return lines.length === 1
    ? { ...start, column: start.column + offset }
    : { ...start, line: start.line + lines.length - 1, column: lines.at(-1)!.length + 1 };
}

/** Every `url(…)` in a CSS value, with the offset of its address in the value. */
function urlsIn(value: string): Array<{ url: string; offset: number }> {
  const found: Array<{ url: string; offset: number }> = [];
  valueParser(value).walk((node) => {
    if (node.type !== "function" || node.value.toLowerCase() !== "url") return;
    const inner = node.nodes[0];
    if (inner) found.push({ url: inner.value.trim(), offset: inner.sourceIndex });
  });
  return found;
}

/**
 * Reads the custom properties a stylesheet sets on `:root` (top-level rules only: tokens
 * inside `@media` apply conditionally and are not the theme's colours), its `@import`s
 * and every `url()`, with postcss; a stylesheet postcss cannot read yields nothing.
 */
export function parseStylesheet(css: string, file: string): ParsedStylesheet {
  const tokens = new Map<string, Token>();
  const imports: AssetReference[] = [];
  const urls: AssetReference[] = [];
  let root: Root;
  try {
    root = postcss.parse(css, { from: file });
  } catch {
    return { file, tokens, imports, urls };
  }
  root.walkDecls((decl) => {
    const valueStart = decl.raws.between ? decl.prop.length + decl.raws.between.length : 0;
    for (const { url, offset } of urlsIn(decl.value))
      urls.push({
        url,
        at: offsetPosition(positionOf(decl, file), decl.toString(), valueStart + offset),
      });
  });
  root.walkAtRules((rule) => {
    const paramsStart = 1 + rule.name.length + (rule.raws.afterName ?? " ").length;
    if (rule.name.toLowerCase() === "import" && rule.parent === root) {
      const quoted = /(["'])([^"']+)\1/.exec(rule.params);
      if (quoted) {
        imports.push({
          url: quoted[2]!,
          at: offsetPosition(
            positionOf(rule, file),
            rule.toString(),
            paramsStart + quoted.index + 1,
          ),
        });
        return;
      }
    }
    for (const { url, offset } of urlsIn(rule.params))
      urls.push({
        url,
        at: offsetPosition(positionOf(rule, file), rule.toString(), paramsStart + offset),
      });
  });
  for (const node of root.nodes) {
    if (node.type !== "rule" || !node.selectors.some((s) => s.trim() === ":root")) continue;
    node.each((child) => {
      if (child.type !== "decl" || !child.prop.startsWith("--")) return;
      tokens.set(child.prop, {
        name: child.prop,
        value: child.value.trim(),
        at: positionOf(child, file),
      });
    });
  }
  return { file, tokens, imports, urls };
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

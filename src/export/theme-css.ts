import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** One stylesheet with its @imports inlined, and the files its url()s point to. */
export interface BundledCss {
  css: string;
  /** URL path (under `prefix`) → absolute file, for the files the CSS refers to. */
  files: Map<string, string>;
}

const IMPORT = /@import\s+(?:url\(\s*)?(["'])([^"']+)\1\s*\)?\s*([^;]*);/g;
const URL_REF = /url\(\s*(["']?)([^"')]+)\1\s*\)/g;

/**
 * Inlines a stylesheet's `@import`s (relative paths and npm packages, resolved from `root`)
 * and points its `url()`s at `prefix/<n><ext>`, so a page can load a theme that Vite never built.
 */
export function bundleCss(entry: string, root: string, prefix: string): BundledCss {
  const files = new Map<string, string>();
  const byFile = new Map<string, string>();
  const requireFrom = createRequire(path.join(root, "package.json"));
  const seen = new Set<string>();

  const urlFor = (file: string) => {
    let url = byFile.get(file);
    if (!url) {
      url = `${prefix}/${byFile.size + 1}${path.extname(file)}`;
      byFile.set(file, url);
      files.set(url, file);
    }
    return url;
  };

  const resolve = (spec: string, from: string): string => {
    if (spec.startsWith(".") || spec.startsWith("/")) return path.resolve(path.dirname(from), spec);
    try {
      return requireFrom.resolve(spec);
    } catch {
      const plain = path.join(root, "node_modules", spec);
      if (existsSync(plain)) return plain;
      throw new Error(`cannot resolve "${spec}" imported by ${from}`);
    }
  };

  const inline = (file: string): string => {
    // The same file imported twice (base.css by two layers) contributes its rules once.
    if (seen.has(file)) return "";
    seen.add(file);
    const text = readFileSync(file, "utf8").replace(/@charset[^;]*;/g, "");
    const withImports = text.replace(IMPORT, (_all, _q, spec: string, media: string) => {
      const body = inline(resolve(spec, file));
      const condition = media.trim();
      return condition ? `@media ${condition} {\n${body}\n}` : body;
    });
    return withImports.replace(URL_REF, (all, _q, ref: string) => {
      if (/^(data:|https?:|#)/.test(ref)) return all;
      const target = path.resolve(path.dirname(file), ref.split(/[?#]/)[0]!);
      return existsSync(target) ? `url("${urlFor(target)}")` : all;
    });
  };

  return { css: inline(entry), files };
}

import { createRequire } from "node:module";
import path from "node:path";
import { bundleCss } from "./theme-css.ts";

/** URL prefix under which the handout page loads its stylesheets and fonts. */
export const ASSET_PREFIX = "/@factdeck-pdf";

/** A theme ready for a handout page: stylesheet URLs, and what each asset URL serves. */
export interface HandoutStyles {
  /** Stylesheet URLs in cascade order: reveal.css, then the theme. */
  hrefs: string[];
  /** URL path → CSS text. */
  sheets: Map<string, string>;
  /** URL path → file on disk (fonts, images). */
  files: Map<string, string>;
}

/**
 * Stylesheets for handouts, read from the project's themes/ (a handout may use a theme the
 * site was not built with, such as `print`), bundled once per theme and shared by every page.
 */
export function createHandoutStyles(root: string): (theme: string) => HandoutStyles {
  const cache = new Map<string, HandoutStyles>();
  const revealCss = createRequire(path.join(root, "package.json")).resolve("reveal.js/reveal.css");
  return (theme) => {
    let styles = cache.get(theme);
    if (!styles) {
      const prefix = `${ASSET_PREFIX}/${theme}`;
      const reveal = bundleCss(revealCss, root, `${prefix}/reveal`);
      const themed = bundleCss(path.join(root, "themes", `${theme}.css`), root, `${prefix}/theme`);
      const hrefs = [`${prefix}/reveal.css`, `${prefix}/theme.css`];
      styles = {
        hrefs,
        sheets: new Map([
          [hrefs[0]!, reveal.css],
          [hrefs[1]!, themed.css],
        ]),
        files: new Map([...reveal.files, ...themed.files]),
      };
      cache.set(theme, styles);
    }
    return styles;
  };
}

import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { FigureRow, ShownFigure } from "../../src/export/deck-content.ts";
import { sourceLine } from "../../src/export/handout-html.ts";
import { bundleCss } from "../../src/export/theme-css.ts";
import { ROOT } from "../helpers.ts";

const here = (...parts: string[]) => path.join(ROOT, "tests", "pdf", "fixtures", ...parts);

describe("a theme for a handout", () => {
  const { css, files } = bundleCss(here("theme", "theme.css"), ROOT, "/@assets");

  it("has its imports inlined, from its own folder and from npm", () => {
    expect(css).not.toContain("@import");
    expect(css).toContain("font-family: 'Public Sans'");
    expect(css).toMatch(/@media screen \{\s*\.reveal \{/);
  });

  it("points every file it uses at a URL the export serves, and leaves data URLs alone", () => {
    const urls = [...css.matchAll(/url\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(urls.length).toBe(3); // the font as woff2 and woff, the background
    for (const url of urls) {
      expect(url.startsWith("/@assets/")).toBe(true);
      expect(existsSync(files.get(url)!), url).toBe(true);
    }
    expect(files.get(urls.find((u) => u.endsWith(".svg"))!)).toBe(here("theme", "paper.svg"));
    expect(css).toContain("url(data:image/svg+xml;base64,AAAA)");
  });
});

describe("the source line under a slide in the handout", () => {
  const row = (key: string, source: number, locator: string, status = "primary"): FigureRow => ({
    key,
    label: key,
    value: "",
    source,
    locator,
    status,
    statusText: status === "primary" ? "Primary" : "Secondary source",
  });
  const rows = new Map([
    ["rate", row("rate", 1, "p. 61")],
    ["cohort", row("cohort", 1, "p. 61")],
    ["median", row("median", 1, "Overview")],
    ["videos", row("videos", 2, "—", "secondary")],
  ]);
  const names = new Map([
    [1, "USSC fact sheet"],
    [2, "News analysis"],
  ]);
  const shown = (key: string, text: string, inNotes = false): ShownFigure => ({
    key,
    text,
    status: "",
    inNotes,
  });
  const plain = (html: string) => html.replace(/<[^>]+>/g, "");

  it("names each source once, with where each figure on the slide is found", () => {
    const line = sourceLine(
      [
        shown("rate", "27.6%"),
        shown("cohort", "1,093 offenders"),
        shown("median", "4,265"),
        shown("rate", "27.6%", true),
        shown("videos", "73.2%"),
      ],
      rows,
      names,
    );
    expect(plain(line)).toBe(
      "Sources: [1] USSC fact sheet — p. 61: 27.6%, 1,093 offenders · Overview: 4,265; " +
        "[2] News analysis — 73.2% (secondary source)",
    );
  });

  it("is left out for a slide without figures", () => {
    expect(sourceLine([], rows, names)).toBe("");
  });
});

import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/errors/index.ts";
import {
  CONTRAST_REQUIREMENTS,
  checkThemeContrast,
  contrastRatio,
  listThemeNames,
  PALETTE_TOKENS,
  parseColor,
  readTheme,
  resolveToken,
} from "../../src/themes/index.ts";
import { printed, ROOT } from "../helpers.ts";

const THEMES_DIR = path.join(ROOT, "themes");
const dirs: string[] = [];

/** A themes folder with the real base.css and one theme file written from `css`. */
function themesWith(name: string, css: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "factdeck-themes-"));
  dirs.push(dir);
  copyFileSync(path.join(THEMES_DIR, "base.css"), path.join(dir, "base.css"));
  writeFileSync(path.join(dir, `${name}.css`), css);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

describe("the shipped themes", () => {
  it("are federal, high-contrast and print (at least)", () => {
    expect(listThemeNames(THEMES_DIR)).toEqual(
      expect.arrayContaining(["federal", "high-contrast", "print"]),
    );
    expect(listThemeNames(THEMES_DIR)).not.toContain("base");
  });

  it("pass every contrast, palette and offline check", () => {
    const findings = checkThemeContrast(THEMES_DIR);
    expect(findings, printed(findings)).toEqual([]);
  });

  it.each(listThemeNames(THEMES_DIR))("%s sets every colour as a measurable colour", (name) => {
    const theme = readTheme(THEMES_DIR, name);
    const tokens = new Set([
      ...CONTRAST_REQUIREMENTS.flatMap((r) => [r.fg, r.bg]),
      ...PALETTE_TOKENS,
    ]);
    for (const token of tokens)
      expect(parseColor(resolveToken(theme.tokens, token) ?? ""), `${name} ${token}`).toBeDefined();
  });
});

describe("checkThemeContrast", () => {
  it("reports low-contrast text where the token is set, with a colour that would pass", () => {
    const dir = themesWith(
      "pale",
      `@import "./base.css";\n\n:root {\n  --fd-bg: #ffffff;\n  --fd-text: #999999;\n}\n`,
    );
    const findings = checkThemeContrast(dir).filter((d) => d.message.includes("body text"));
    expect(codes(findings)).toEqual(["FD_THEME_CONTRAST"]);
    const [finding] = findings;
    expect(finding!.severity).toBe("error");
    expect(finding!.at).toMatchObject({ file: path.join(dir, "pale.css"), line: 5, column: 3 });
    expect(finding!.related?.[0]).toMatchObject({ file: path.join(dir, "pale.css"), line: 4 });
    expect(finding!.message).toContain("2.85:1");
    expect(finding!.message).toContain("4.5:1");
    const suggested = /change --fd-text to (#[0-9a-f]{6})/.exec(finding!.hint ?? "")?.[1];
    expect(suggested).toBeDefined();
    expect(contrastRatio(parseColor(suggested!)!, parseColor("#ffffff")!)).toBeGreaterThanOrEqual(
      4.5,
    );
  });

  it("lets headings use the 3:1 of large text only while they are large", () => {
    // #8a8a8a on white is 3.45:1: enough for large bold text, not for small.
    const grey = `@import "./base.css";\n:root {\n  --fd-heading: #8a8a8a;\n  --fd-size-h3: SIZE;\n}\n`;
    const large = checkThemeContrast(themesWith("large", grey.replace("SIZE", "30px")));
    expect(large.filter((d) => d.message.includes("--fd-heading"))).toEqual([]);
    const small = checkThemeContrast(themesWith("small", grey.replace("SIZE", "16px")));
    expect(small.filter((d) => d.message.includes("--fd-heading")).map((d) => d.code)).toEqual([
      "FD_THEME_CONTRAST",
    ]);
  });

  it("holds chart marks to 3:1 against the slide", () => {
    const dir = themesWith(
      "faint",
      `@import "./base.css";\n:root {\n  --fd-chart-4: #c6dcef;\n}\n`,
    );
    const findings = checkThemeContrast(dir);
    expect(findings.some((d) => d.message.includes("chart marks in series colour 4"))).toBe(true);
    expect(findings.find((d) => d.code === "FD_THEME_CONTRAST")?.detail).toContain("1.4.11");
  });

  it("follows var() references to the colour the browser will use", () => {
    const dir = themesWith(
      "aliases",
      `@import "./base.css";\n:root {\n  --brand: #aaaaaa;\n  --fd-link: var(--brand);\n  --fd-muted: var(--missing, #bbbbbb);\n}\n`,
    );
    const messages = checkThemeContrast(dir).map((d) => d.message);
    expect(messages.some((m) => m.includes("links (--fd-link #aaaaaa"))).toBe(true);
    expect(messages.some((m) => m.includes("--fd-muted #bbbbbb"))).toBe(true);
  });

  it("ignores tokens inside @media and comments, as they do not set the slide's colours", () => {
    const dir = themesWith(
      "conditional",
      `@import "./base.css";\n/* :root { --fd-text: #eeeeee; } */\n@media print {\n  :root {\n    --fd-text: #eeeeee;\n  }\n}\n`,
    );
    expect(checkThemeContrast(dir)).toEqual([]);
  });

  it("finds palettes that print as one grey or merge for colour-blind readers", () => {
    const sameGrey = themesWith(
      "grey",
      `@import "./base.css";\n:root {\n  --fd-chart-1: #1a4480;\n  --fd-chart-2: #1a4481;\n}\n`,
    );
    const grey = checkThemeContrast(sameGrey).filter(
      (d) => d.code === "FD_THEME_PALETTE" && d.message.includes("--fd-chart-1 #1a4480 and"),
    );
    expect(grey.map((d) => d.message)).toEqual([
      expect.stringMatching(/and --fd-chart-2 #1a4481 print as nearly the same grey/),
    ]);
    expect(grey[0]!.at?.line).toBe(4);

    const redGreen = themesWith(
      "redgreen",
      `@import "./base.css";\n:root {\n  --fd-chart-1: #a04040;\n  --fd-chart-3: #4f7a2f;\n}\n`,
    );
    const merged = checkThemeContrast(redGreen).filter((d) => d.code === "FD_THEME_PALETTE");
    expect(
      merged.some((d) =>
        /--fd-chart-1 .* and --fd-chart-3 .* with (protanopia|deuteranopia)/.test(d.message),
      ),
    ).toBe(true);
  });

  it("refuses a theme that loads anything from the network", () => {
    const dir = themesWith(
      "remote",
      `@import url("https://fonts.example.org/css2?family=Inter");\n@import "./base.css";\n:root {\n  --fd-font-body: "Inter";\n}\n@font-face {\n  font-family: Logo;\n  src: url(//cdn.example.org/logo.woff2);\n}\n`,
    );
    const remote = checkThemeContrast(dir).filter((d) => d.code === "FD_THEME_REMOTE");
    expect(remote.map((d) => d.at?.line)).toEqual([1, 8]);
    expect(remote[0]!.hint).toContain("@fontsource");
  });

  it("accepts fonts bundled from npm and files next to the theme", () => {
    const dir = themesWith(
      "local",
      `@import "@fontsource/public-sans/latin-400.css";\n@import "./base.css";\n@font-face {\n  font-family: Logo;\n  src: url("./logo.woff2");\n}\n`,
    );
    expect(codes(checkThemeContrast(dir))).toEqual([]);
  });

  it("requires the shared base, which sets every token and the layout", () => {
    const dir = themesWith("bare", `:root {\n  --fd-text: #000000;\n}\n`);
    const found = checkThemeContrast(dir);
    expect(found[0]).toMatchObject({ code: "FD_THEME_BASE", severity: "error" });
    // Without the base, the colours it would have set are missing too.
    expect(found.some((d) => d.code === "FD_THEME_TOKEN" && d.message.includes("--fd-bg"))).toBe(
      true,
    );
  });

  it("says when a colour is written in a form it cannot measure", () => {
    const dir = themesWith(
      "mixed",
      `@import "./base.css";\n:root {\n  --fd-accent: color-mix(in srgb, navy, white 10%);\n}\n`,
    );
    const [finding] = checkThemeContrast(dir).filter((d) => d.code === "FD_THEME_TOKEN");
    expect(finding).toMatchObject({ severity: "error", at: { line: 3 } });
    expect(finding!.message).toContain("--fd-accent");
  });
});

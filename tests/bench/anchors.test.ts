import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  anchorSlides,
  formatRatio,
  marpMarkdown,
  ratio,
  slidevMarkdown,
} from "../../bench/lib/anchor-deck.ts";
import {
  ANCHOR_VERSIONS,
  anchorsDir,
  binOf,
  installedVersion,
  npmReason,
} from "../../bench/lib/anchor-install.ts";
import { parseBenchOptions } from "../../bench/lib/options.ts";

describe("the anchor deck", () => {
  const slides = anchorSlides(25);

  it("has the asked number of slides, each with a heading and speaker notes", () => {
    expect(slides).toHaveLength(25);
    for (const slide of slides) {
      expect(slide.heading).not.toBe("");
      expect(slide.notes).not.toBe("");
      expect(slide.paragraphs.length + slide.bullets.length).toBeGreaterThan(0);
    }
    expect(new Set(slides.map((s) => s.heading)).size).toBe(25);
  });

  it("mixes prose and lists like the flagship's text slides", () => {
    expect(slides.filter((s) => s.bullets.length && s.paragraphs.length).length).toBeGreaterThan(4);
    expect(slides.filter((s) => s.bullets.length && !s.paragraphs.length).length).toBeGreaterThan(
      4,
    );
    expect(
      slides.filter((s) => !s.bullets.length && s.paragraphs.length > 1).length,
    ).toBeGreaterThan(4);
  });

  // Slides are separated by a line holding only `---`, after the headmatter block.
  const bodies = (markdown: string) => markdown.split(/\n---\n/).slice(1);

  it("writes one Slidev slide per slide, notes as the closing comment, no web fonts", () => {
    const md = slidevMarkdown(slides);
    expect(md.startsWith("---\ntheme: default\n")).toBe(true);
    expect(md).toMatch(/\nfonts:\n {2}provider: none\n/);
    const parts = bodies(md);
    expect(parts).toHaveLength(25);
    expect(parts[0]).toMatch(/^\n# Federal sentencing/);
    parts.forEach((part, i) => {
      expect(part.trimEnd().endsWith(`<!--\n${slides[i]!.notes}\n-->`)).toBe(true);
    });
  });

  it("writes the same slides for Marp, with Marp switched on", () => {
    const md = marpMarkdown(slides);
    expect(md.startsWith("---\nmarp: true\n")).toBe(true);
    expect(bodies(md)).toEqual(bodies(slidevMarkdown(slides)));
  });

  it("refuses an empty deck", () => {
    expect(() => anchorSlides(0)).toThrow(/at least one slide/);
  });
});

describe("ratios to the anchors", () => {
  it("divides factdeck's median by the anchor's", () => {
    expect(ratio(250, 1000)).toBe(0.25);
  });

  it("is not measured when either side is missing or the anchor took no time", () => {
    expect(ratio(undefined, 1000)).toBeUndefined();
    expect(ratio(250, undefined)).toBeUndefined();
    expect(ratio(250, 0)).toBeUndefined();
    expect(ratio(Number.NaN, 1000)).toBeUndefined();
  });

  it("prints the ratio beside its target with a verdict", () => {
    expect(formatRatio(0.48, 0.25)).toBe("0.48× (target ≤ 0.25×) ✗");
    expect(formatRatio(0.25, 0.25)).toBe("0.25× (target ≤ 0.25×) ✓");
    expect(formatRatio(undefined, 1)).toBe("– (target ≤ 1×)");
  });
});

describe("installing the anchors", () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "factdeck-anchors-test-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("pins every anchor to an exact version", () => {
    for (const version of Object.values(ANCHOR_VERSIONS))
      expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("installs outside the repository: the cache folder, or FD_BENCH_ANCHORS_DIR", () => {
    expect(anchorsDir({ XDG_CACHE_HOME: "/c" })).toBe(path.join("/c", "factdeck-bench", "anchors"));
    expect(anchorsDir({ FD_BENCH_ANCHORS_DIR: scratch, XDG_CACHE_HOME: "/c" })).toBe(scratch);
  });

  it("reads installed versions and the file a package's command runs", () => {
    const pkg = path.join(scratch, "node_modules", "@scope", "tool");
    mkdirSync(pkg, { recursive: true });
    writeFileSync(
      path.join(pkg, "package.json"),
      JSON.stringify({ version: "1.2.3", bin: { tool: "bin/tool.mjs" } }),
    );
    expect(installedVersion(scratch, "@scope/tool")).toBe("1.2.3");
    expect(installedVersion(scratch, "@scope/missing")).toBeUndefined();
    expect(binOf(scratch, "@scope/tool", "tool")).toBe(path.join(pkg, "bin", "tool.mjs"));
    expect(() => binOf(scratch, "@scope/tool", "other")).toThrow(/no "other" command/);
  });

  it("says why npm failed from its error lines", () => {
    const output = [
      "npm warn EBADENGINE Unsupported engine {",
      "npm error code ENOTFOUND",
      "npm error syscall getaddrinfo",
      "npm error errno ENOTFOUND",
      "npm error network request to the registry failed",
      "npm error     at ClientRequest.<anonymous> (index.js:130:14)",
      "npm error   code: 'ENOTFOUND',",
      "npm error A complete log of this run can be found in: /root/.npm/_logs/x.log",
    ].join("\n");
    expect(npmReason(output)).toBe("code ENOTFOUND: network request to the registry failed");
    expect(npmReason("")).toBe("no output");
  });

  it("is a section of the bench that --only can pick", () => {
    expect(parseBenchOptions(["--only", "anchors"], {}).options?.only).toEqual(["anchors"]);
  });
});

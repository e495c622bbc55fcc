import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildSite } from "../../src/build/build.ts";
import { withoutWoffFallbacks } from "../../src/build/single-file.ts";
import { copyMiniProject } from "../pdf/mini-project.ts";

// A 1×1 PNG: what a slide's image looks like to the build.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC",
  "base64",
);

describe("the single-file deck a build writes", () => {
  let root: string;
  let stdout = "";
  const single = (audience: string) =>
    readFileSync(path.join(root, "dist", "mini", `${audience}.html`), "utf8");
  beforeAll(async () => {
    root = copyMiniProject("factdeck-single-build-");
    writeFileSync(path.join(root, "slides/mini/dot.png"), PNG);
    const closing = path.join(root, "slides/mini/closing.mdx");
    writeFileSync(closing, `${readFileSync(closing, "utf8")}\n![A dot](./dot.png)\n`);
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    });
    try {
      await buildSite({ root });
    } finally {
      write.mockRestore();
    }
  }, 120_000);
  afterAll(() => {
    rmSync(path.dirname(root), { recursive: true, force: true });
  });

  it("writes dist/<deck>/<audience>.html beside each served page, and says so", () => {
    for (const audience of ["everyone", "experts"]) {
      expect(existsSync(path.join(root, "dist/mini", audience, "index.html"))).toBe(true);
      expect(existsSync(path.join(root, "dist/mini", `${audience}.html`))).toBe(true);
      expect(stdout).toContain(`dist/mini/${audience}.html`);
    }
  });

  it("names no file: script, styles, fonts and images are all inside it", () => {
    const html = single("everyone");
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    expect(html).not.toMatch(/<link[^>]*rel="stylesheet"/);
    // Outside the inlined script, every src, href and url() is a data: URL, a place in
    // the deck or a web link.
    const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
    const refs = [
      ...[...markup.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]!),
      ...[...markup.matchAll(/url\(\s*["']?([^"')]+)/g)].map((m) => m[1]!),
    ];
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((r) => !/^(?:data:|#|https?:|mailto:)/.test(r))).toEqual([]);
    expect(html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="A dot"/);
  });

  it("carries the WOFF2 fonts and drops their WOFF fallbacks", () => {
    const html = single("everyone");
    expect(html.match(/data:font\/woff2;base64,/g)?.length).toBeGreaterThan(0);
    expect(html).not.toContain("data:font/woff;");
  });

  it("hides the notes with an inline style, and keeps them for the speaker view", () => {
    const html = single("everyone");
    expect(html).toContain("<style>aside.notes{display:none!important}</style>");
    expect(html).toContain('<aside class="notes">');
  });

  it("is linked from the index page, next to the served deck", () => {
    const index = readFileSync(path.join(root, "dist/index.html"), "utf8");
    for (const audience of ["everyone", "experts"]) {
      expect(index).toContain(`href="./mini/${audience}/"`);
      expect(index).toMatch(
        new RegExp(
          `<a href="\\./mini/${audience}\\.html" aria-label="Single file \\(works offline\\) of the [^"]+ deck">`,
        ),
      );
    }
  });

  it("a build of one audience keeps the other audience's single file", async () => {
    const before = single("everyone");
    await buildSite({ root, deck: "mini", audience: "experts", quiet: true });
    expect(single("everyone")).toBe(before);
    expect(single("experts")).toContain('data-fd-audience="experts"');
    const index = readFileSync(path.join(root, "dist/index.html"), "utf8");
    expect(index).toContain('href="./mini/everyone.html"');
    expect(index).toContain('href="./mini/experts.html"');
  });
});

describe("withoutWoffFallbacks", () => {
  it("drops a WOFF source listed after WOFF2 and keeps a WOFF that stands alone", () => {
    const both =
      '@font-face{src:url(data:font/woff2;base64,AAA=)format("woff2"),url(data:font/woff;base64,BBB=)format("woff")}';
    expect(withoutWoffFallbacks(both)).toBe(
      '@font-face{src:url(data:font/woff2;base64,AAA=)format("woff2")}',
    );
    const alone = '@font-face{src:url(data:font/woff;base64,BBB=)format("woff")}';
    expect(withoutWoffFallbacks(alone)).toBe(alone);
  });
});

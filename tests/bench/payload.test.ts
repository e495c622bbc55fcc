import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cssUrls, jsImports, listDeckPages, measurePage } from "../../bench/lib/payload.ts";

// A small built site written by hand: one deck page with a script that imports a chunk,
// a stylesheet naming two fonts and an image, and the overview page (not a deck).
const files: Record<string, string> = {
  "index.html": `<!doctype html><title>decks</title><a href="./d/a/">deck</a>`,
  "d/a/index.html": `<!doctype html><html><head>
<script type="module" src="../../assets/entry.js"></script>
<link rel="stylesheet" href="../../assets/theme.css">
</head><body><div class="reveal" data-fd-deck="d" data-fd-audience="a"><div class="slides">
<section><h2>One</h2><a href="https://www.example.org/report">the report</a></section>
</div></div></body></html>`,
  "assets/entry.js": `import{c as x}from"./chunk.js";const l=()=>import("./lazy.js");console.log(x,l,"${"reveal ".repeat(200)}");`,
  "assets/chunk.js": `export const c=1;`,
  "assets/lazy.js": `export default 2;`,
  "assets/theme.css": `@font-face{font-family:P;src:url(./p.woff2) format("woff2"),url("./p.woff") format("woff")}
.a{background:url('./bg.svg')}.b{mask:url(data:image/svg+xml;base64,AAAA)}.c{fill:url(#grad)}
${".slide{color:var(--fd-ink)}\n".repeat(100)}`,
  "assets/p.woff2": "W".repeat(300),
  "assets/p.woff": "F".repeat(500),
  "assets/bg.svg": "<svg/>",
};

let site: string;
beforeAll(() => {
  site = mkdtempSync(path.join(os.tmpdir(), "fd-bench-payload-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(site, name)), { recursive: true });
    writeFileSync(path.join(site, name), text);
  }
});
afterAll(() => rmSync(site, { recursive: true, force: true }));

const len = (...names: string[]) => names.reduce((n, f) => n + Buffer.byteLength(files[f]!), 0);
const gz = (...names: string[]) =>
  names.reduce((n, f) => n + gzipSync(files[f]!, { level: 9 }).length, 0);

describe("payload of a built deck page", () => {
  it("finds the deck pages and leaves out the overview", () => {
    expect(listDeckPages(site)).toEqual(["d/a/index.html"]);
  });

  it("counts the entry script and every chunk it imports, statically or lazily", () => {
    const page = measurePage(site, "d/a/index.html");
    expect(page.js.files).toEqual(["assets/chunk.js", "assets/entry.js", "assets/lazy.js"]);
    expect(page.js.raw).toBe(len("assets/entry.js", "assets/chunk.js", "assets/lazy.js"));
    expect(page.js.gzip).toBe(gz("assets/entry.js", "assets/chunk.js", "assets/lazy.js"));
    // The repeated text compresses: gzip is what a compressing server would send.
    expect(page.js.gzip).toBeLessThan(page.js.raw);
  });

  it("leaves a lazily imported chunk out of the scripts loaded when the page opens", () => {
    const page = measurePage(site, "d/a/index.html");
    expect(page.jsOnOpen.files).toEqual(["assets/chunk.js", "assets/entry.js"]);
    expect(page.jsOnOpen.raw).toBe(len("assets/entry.js", "assets/chunk.js"));
  });

  it("sizes the HTML and the stylesheet raw and gzip", () => {
    const page = measurePage(site, "d/a/index.html");
    expect(page.html).toEqual({
      raw: len("d/a/index.html"),
      gzip: gz("d/a/index.html"),
      files: ["d/a/index.html"],
    });
    expect(page.css.raw).toBe(len("assets/theme.css"));
    expect(page.css.gzip).toBe(gz("assets/theme.css"));
  });

  it("counts fonts named by the CSS at their size, and the WOFF2 ones a browser downloads", () => {
    const page = measurePage(site, "d/a/index.html");
    expect(page.fonts.files).toEqual(["assets/p.woff", "assets/p.woff2"]);
    expect(page.fonts.raw).toBe(800);
    expect(page.fonts.gzip).toBe(800);
    expect(page.woff2).toMatchObject({ raw: 300, files: ["assets/p.woff2"] });
    expect(page.other.files).toEqual(["assets/bg.svg"]);
  });

  it("lists the page's hyperlink as a link, not as something fetched", () => {
    const page = measurePage(site, "d/a/index.html");
    expect(page.urls.map((u) => [u.use, u.url])).toEqual([
      ["link", "https://www.example.org/report"],
    ]);
    expect(page.missing).toEqual([]);
  });

  it("reports a file the page names that the build does not have", () => {
    writeFileSync(
      path.join(site, "d/a/index.html"),
      files["d/a/index.html"]!.replace("theme.css", "gone.css"),
    );
    try {
      expect(measurePage(site, "d/a/index.html").missing).toEqual(["assets/gone.css"]);
    } finally {
      writeFileSync(path.join(site, "d/a/index.html"), files["d/a/index.html"]!);
    }
  });
});

describe("references inside assets", () => {
  it("reads relative imports from minified code and ignores bare package names", () => {
    expect(
      jsImports(
        `import"./side.js";import{a}from"../up.js";import("./lazy.js");import x from"vite"`,
      ),
    ).toEqual({ static: ["./side.js", "../up.js"], lazy: ["./lazy.js"] });
  });

  it("reads url() in CSS except data: URLs and in-page fragments", () => {
    expect(cssUrls(`a{b:url(x.woff2)}c{d:url("y.png")}e{f:url(data:a)}g{h:url(#m)}`)).toEqual([
      "x.woff2",
      "y.png",
    ]);
  });
});

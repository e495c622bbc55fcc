import { describe, expect, it } from "vitest";
import { findUrls } from "../../bench/lib/urls.ts";

const uses = (kind: "html" | "css" | "js", text: string) =>
  findUrls(kind, text).map((u) => `${u.use} ${u.url}`);

describe("absolute URLs in built files", () => {
  it("tells what a browser fetches in HTML from links it only shows", () => {
    expect(
      uses(
        "html",
        `<script src="https://cdn.example.com/reveal.js"></script>
<link rel="stylesheet" href="//fonts.example.com/css">
<img src="https://img.example.com/a.png" alt="">
<p>See <a href="https://www.ussc.gov/report">the report</a>, https://www.ussc.gov/report in print.</p>`,
      ),
    ).toEqual([
      "fetch https://cdn.example.com/reveal.js",
      "fetch https://img.example.com/a.png",
      "link https://www.ussc.gov/report",
      "text https://www.ussc.gov/report",
      "fetch //fonts.example.com/css",
    ]);
  });

  it("does not count XML namespaces, which are never requested", () => {
    expect(
      uses("html", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>`),
    ).toEqual(["namespace http://www.w3.org/2000/svg"]);
  });

  it("finds web fonts and imported stylesheets in CSS", () => {
    expect(
      uses(
        "css",
        `@import url("https://fonts.example.com/css2?family=X");
@font-face{src:url(https://fonts.example.com/x.woff2)}
/* from https://example.org/notes */`,
      ),
    ).toEqual([
      "fetch https://fonts.example.com/css2?family=X",
      "fetch https://fonts.example.com/x.woff2",
      "text https://example.org/notes",
    ]);
  });

  it("counts code that loads a URL, not a URL in a library's message", () => {
    expect(
      uses(
        "js",
        `const m=await import("https://esm.example.com/x.js");fetch("https://api.example.com/d");throw Error("Please report this to https://github.com/markedjs/marked.")`,
      ),
    ).toEqual([
      "fetch https://esm.example.com/x.js",
      "fetch https://api.example.com/d",
      "text https://github.com/markedjs/marked.",
    ]);
  });
});

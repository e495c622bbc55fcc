import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build/build.ts";
import { isFactdeckError } from "../../src/errors/index.ts";
import { fixture, printed, ROOT } from "../helpers.ts";

/** A writable copy of the mini project, so tests can break it. */
function copyProject(name: string): string {
  const dir = path.join(os.tmpdir(), `factdeck-build-${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(fixture("projects", "mini"), dir, { recursive: true });
  cpSync(path.join(ROOT, "themes"), path.join(dir, "themes"), { recursive: true });
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

async function buildError(root: string) {
  try {
    await buildSite({ root, quiet: true });
  } catch (error) {
    if (isFactdeckError(error)) return error.diagnostics;
    throw error;
  }
  throw new Error("the build was expected to fail");
}

describe("factdeck build", () => {
  let root: string;
  beforeAll(async () => {
    root = copyProject("e2e");
    await buildSite({ root, quiet: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("writes an index and one page per deck and audience", () => {
    for (const file of ["index.html", "mini/everyone/index.html", "mini/experts/index.html"]) {
      expect(existsSync(path.join(root, "dist", file)), file).toBe(true);
    }
  });

  it("renders each audience's own slides in its own order, then the sources", () => {
    const ids = (audience: string) =>
      [
        ...readFileSync(path.join(root, "dist/mini", audience, "index.html"), "utf8").matchAll(
          /<section id="([^"]+)"/g,
        ),
      ].map((m) => m[1]);
    expect(ids("everyone")).toEqual([
      "intro",
      "facts",
      "facts-2",
      "closing",
      "sources",
      "fd-end",
      "sources-2",
    ]);
    expect(ids("experts")).toEqual([
      "intro",
      "closing",
      "facts",
      "facts-2",
      "sources",
      "fd-end",
      "sources-2",
    ]);
    const everyone = readFileSync(path.join(root, "dist/mini/everyone/index.html"), "utf8");
    expect(everyone).toContain("For everyone");
    expect(everyone).not.toContain("For experts");
  });

  it("ships static HTML: figures formatted, charts as inline SVG, notes as reveal.js notes", () => {
    const html = readFileSync(path.join(root, "dist/mini/everyone/index.html"), "utf8");
    expect(html).toContain(">1,093 offenders</span>");
    expect(html).toContain(">37–180 months</span>");
    expect(html).toMatch(
      /<figure class="fd-chart"[^>]*>[\s\S]*<svg[^>]*aria-label="Few rearrests were for a sex offense"/,
    );
    expect(html).toMatch(/<aside class="notes">[\s\S]*4\.3%/);
    expect(html).not.toMatch(/preact|__NEXT|hydrate/i);
  });

  it("changing one figure in the data changes every slide, chart and note that shows it", async () => {
    const copy = copyProject("change");
    const data = path.join(copy, "data/mini.yaml");
    // 27.6 → 31.2 everywhere it is shown: prose, chart label, description and sources table.
    writeFileSync(data, readFileSync(data, "utf8").replace("value: 27.6", "value: 31.2"));
    await buildSite({ root: copy, quiet: true });
    const html = readFileSync(path.join(copy, "dist/mini/everyone/index.html"), "utf8");
    expect(html).not.toContain("27.6");
    expect(html.match(/31\.2%/g)?.length).toBeGreaterThanOrEqual(4);
    rmSync(copy, { recursive: true, force: true });
  });
});

describe("a failed build", () => {
  let root: string;
  beforeAll(async () => {
    root = copyProject("fail");
    await buildSite({ root, quiet: true });
    writeFileSync(path.join(root, "dist", "marker.txt"), "previous good output");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("names the MDX file:line:column of an unknown key, suggests the nearest, and keeps dist/", async () => {
    const slide = path.join(root, "slides/mini/facts.mdx");
    const good = readFileSync(slide, "utf8");
    writeFileSync(slide, good.replace('<Stat of="mini.rate"/>', '<Stat of="mini.rat"/>'));
    const diagnostics = await buildError(root);
    const text = printed(diagnostics).replaceAll(root, "<project>");
    expect(text).toContain("FD_MDX_UNKNOWN_KEY");
    expect(text).toMatch(/slides\/mini\/facts\.mdx:3:7/);
    expect(text).toContain('did you mean "mini.rate"?');
    expect(text).toContain('> 3 | <Stat of="mini.rat"/>');
    expect(readFileSync(path.join(root, "dist/marker.txt"), "utf8")).toBe("previous good output");
    writeFileSync(slide, good);
  });

  it("names the data file:line:column of a wrong type with a code frame, and keeps dist/", async () => {
    const data = path.join(root, "data/mini.yaml");
    const good = readFileSync(data, "utf8");
    writeFileSync(data, good.replace("value: 27.6", 'value: "27.6%"'));
    const text = printed(await buildError(root));
    expect(text).toContain("FD_DATA_SCHEMA");
    expect(text).toMatch(/data\/mini\.yaml:32:14/);
    expect(text).toContain('> 32 |       value: "27.6%"');
    expect(text).toContain("without the percent sign");
    expect(readFileSync(path.join(root, "dist/marker.txt"), "utf8")).toBe("previous good output");
    writeFileSync(data, good);
  });

  it("names an unknown slide in deck.yaml with the nearest slide id", async () => {
    const deck = path.join(root, "slides/mini/deck.yaml");
    const good = readFileSync(deck, "utf8");
    writeFileSync(deck, good.replace("[intro, facts, closing]", "[intro, fatcs, closing]"));
    const [d] = await buildError(root);
    expect(d?.code).toBe("FD_DECK_UNKNOWN_SLIDE");
    expect(d?.at).toMatchObject({ line: 7 });
    expect(d?.hint).toContain('did you mean "facts"?');
    writeFileSync(deck, good);
  });
});

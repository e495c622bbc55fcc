import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build/build.ts";
import { fixture, ROOT } from "../helpers.ts";

/** The images fixture: a slide image in Markdown, an <img>, a logo and a footer in deck.yaml. */
describe("images in a built deck", () => {
  let work: string;
  let dist: string;
  const page = (audience: string) =>
    parseHTML(readFileSync(path.join(dist, "briefing", audience, "index.html"), "utf8")).document;
  const slides = (audience: string) =>
    [...page(audience).querySelectorAll(".slides > section")] as unknown as HTMLElement[];

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "factdeck-images-build-"));
    const root = path.join(work, "project");
    mkdirSync(root);
    cpSync(fixture("projects", "images"), root, { recursive: true });
    cpSync(path.join(ROOT, "themes"), path.join(root, "themes"), { recursive: true });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"));
    await buildSite({ root, quiet: true });
    dist = path.join(root, "dist");
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("bundles each image a slide or the deck shows into dist/assets with a content hash", () => {
    const assets = readdirSync(path.join(dist, "assets"));
    for (const name of ["logo", "map", "mark"])
      expect(
        assets.some((a) => new RegExp(`^${name}-[\\w-]{8}\\.(svg|png)$`).test(a)),
        name,
      ).toBe(true);
  });

  it("references only files that are in dist/, so no image is broken", () => {
    for (const audience of ["board", "staff"]) {
      const folder = path.join(dist, "briefing", audience);
      const srcs = [...page(audience).querySelectorAll("img")].map(
        (img) => img.getAttribute("src") ?? "",
      );
      expect(srcs.length).toBeGreaterThan(0);
      for (const src of srcs) {
        expect(src, "an image named from the bundle").toMatch(/^\.\.\/\.\.\/assets\//);
        expect(existsSync(path.resolve(folder, src)), src).toBe(true);
      }
    }
    const board = page("board");
    expect(
      board.querySelector('img[alt^="A map with three offices"]')?.getAttribute("src"),
    ).toMatch(/assets\/map-[\w-]+\.svg$/);
    expect(board.querySelector('img[alt="The office\'s round mark"]')?.getAttribute("src")).toMatch(
      /assets\/mark-[\w-]+\.png$/,
    );
  });

  it("shows the logo on every slide but the cover, and the footer on every slide", () => {
    const all = slides("board");
    const cover = all.filter((s) => s.querySelector(":scope > h1"));
    expect(cover).toHaveLength(1);
    for (const slide of all) {
      const logo = slide.querySelector(":scope > .fd-chrome > img.fd-chrome-logo");
      expect(logo?.getAttribute("alt")).toBe("Training office");
      expect(logo?.getAttribute("src")).toMatch(/assets\/logo-[\w-]+\.svg$/);
      expect(slide.querySelector(".fd-chrome-footer")?.textContent).toBe("Training use only");
    }
  });

  it("lets an audience turn the logo off and write its own footer", () => {
    for (const slide of slides("staff")) {
      expect(slide.querySelector(".fd-chrome-logo")).toBeNull();
      expect(slide.querySelector(".fd-chrome-footer")?.textContent).toBe("For staff training");
    }
  });

  it("writes every image, the logo too, into the single file", () => {
    const single = readFileSync(path.join(dist, "briefing", "board.html"), "utf8");
    const { document } = parseHTML(single);
    const srcs = [...document.querySelectorAll(".slides img")].map(
      (img) => img.getAttribute("src") ?? "",
    );
    expect(srcs.length).toBeGreaterThan(2);
    expect(srcs.filter((s) => !s.startsWith("data:image/"))).toEqual([]);
  });
});

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearCompileCache, compileSlides } from "../../src/mdx/compile.ts";

// A 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC",
  "base64",
);

describe("images in a slide", () => {
  let work: string;
  let root: string;
  let deck: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "factdeck-images-"));
    root = path.join(work, "project");
    deck = path.join(root, "slides", "brief");
    mkdirSync(path.join(deck, "img"), { recursive: true });
    writeFileSync(path.join(deck, "logo.png"), PNG);
    writeFileSync(
      path.join(deck, "img", "my map.svg"),
      "<svg xmlns='http://www.w3.org/2000/svg'/>",
    );
    writeFileSync(path.join(deck, "notes.txt"), "not an image");
    writeFileSync(path.join(work, "secret.png"), PNG);
    symlinkSync(path.join(work, "secret.png"), path.join(deck, "linked.png"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const compile = (source: string) => {
    clearCompileCache();
    return compileSlides(path.join(deck, "facts.mdx"), source, "facts");
  };
  // Markdown images are HTML elements in the tree; <img> and <source> stay MDX elements.
  const srcs = (tree: unknown) =>
    [
      ...JSON.stringify(tree).matchAll(
        /"src":"([^"]*)"|"name":"(?:src|srcSet)","value":"([^"]*)"/g,
      ),
    ].map((m) => m[1] ?? m[2]);

  it("are read from the slide's folder and named from the project root, for Vite to bundle", async () => {
    const { compiled, diagnostics } = await compile(
      "## Facts\n\n![The agency logo](./logo.png)\n\n![A map](img/my%20map.svg)\n\n" +
        '<img src="logo.png" alt="Logo"/>\n\n<picture><source srcSet="./logo.png 1x, img/my%20map.svg 2x"/></picture>\n',
    );
    expect(diagnostics).toEqual([]);
    expect(srcs(compiled?.tree)).toEqual([
      "/slides/brief/logo.png",
      "/slides/brief/img/my%20map.svg",
      "/slides/brief/logo.png",
      "/slides/brief/logo.png 1x, /slides/brief/img/my%20map.svg 2x",
    ]);
  });

  it("resolve a reference-style image through its definition", async () => {
    const { compiled, diagnostics } = await compile(
      "## Facts\n\n![The agency logo][logo]\n\n[logo]: ./logo.png\n",
    );
    expect(diagnostics).toEqual([]);
    expect(srcs(compiled?.tree)).toEqual(["/slides/brief/logo.png"]);
  });

  it("refuse a missing file at the image's line and column, suggesting the nearest name", async () => {
    const { compiled, diagnostics } = await compile("## Facts\n\nSee ![The logo](./lgo.png)\n");
    expect(compiled).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: "FD_MDX_IMAGE_MISSING",
      severity: "error",
      at: { file: path.join(deck, "facts.mdx"), line: 3, column: 5 },
    });
    expect(diagnostics[0]!.hint).toContain('did you mean "logo.png"?');
  });

  it("point at the attribute of an <img> whose file is missing", async () => {
    const { diagnostics } = await compile('## Facts\n\n<img alt="x" src="chart.png"/>\n');
    expect(diagnostics.map((d) => [d.code, d.at?.line, d.at?.column])).toEqual([
      ["FD_MDX_IMAGE_MISSING", 3, 14],
    ]);
  });

  it("refuse a path out of the project, through .. or through a link", async () => {
    const { diagnostics } = await compile(
      "## Facts\n\n![Secret](../../../secret.png)\n\n![Linked](./linked.png)\n\n![Abs](/etc/passwd.png)\n",
    );
    expect(diagnostics.map((d) => [d.code, d.at?.line])).toEqual([
      ["FD_MDX_IMAGE_PATH", 3],
      ["FD_MDX_IMAGE_PATH", 5],
      ["FD_MDX_IMAGE_PATH", 7],
    ]);
    expect(diagnostics[0]!.message).toContain("outside the project");
    expect(diagnostics[1]!.message).toContain("is a link to");
  });

  it("refuse a folder and a file that is not an image", async () => {
    const { diagnostics } = await compile("## Facts\n\n![A](./img)\n\n![B](./notes.txt)\n");
    expect(diagnostics.map((d) => d.code)).toEqual(["FD_MDX_IMAGE_TYPE", "FD_MDX_IMAGE_TYPE"]);
    expect(diagnostics[0]!.message).toContain("is a folder");
    expect(diagnostics[0]!.hint).toContain("img/my map.svg");
    expect(diagnostics[1]!.hint).toContain("png, jpg, jpeg, gif, svg, webp, avif");
  });

  it("still refuse a remote image as remote, not as a missing file", async () => {
    const { diagnostics } = await compile(
      '## Facts\n\n![Remote](https://example.org/x.png)\n\n<img src="//example.org/y.png" alt="y"/>\n',
    );
    expect(diagnostics.map((d) => d.code)).toEqual(["FD_MDX_REMOTE", "FD_MDX_REMOTE"]);
  });
  it("reports an image deleted after the slide was first read, though the slide is unchanged", async () => {
    clearCompileCache();
    writeFileSync(path.join(deck, "gone.png"), PNG);
    const file = path.join(deck, "facts.mdx");
    const source = "## Facts\n\n![A chart](./gone.png)\n";
    expect((await compileSlides(file, source, "facts")).diagnostics).toEqual([]);
    rmSync(path.join(deck, "gone.png"));
    const again = await compileSlides(file, source, "facts");
    expect(again.diagnostics.map((d) => d.code)).toEqual(["FD_MDX_IMAGE_MISSING"]);
  });
});

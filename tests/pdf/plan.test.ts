import { createHash } from "node:crypto";
import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planExport } from "../../src/export/plan.ts";
import { copyMiniProject } from "./mini-project.ts";

const LONG_AGO = new Date("2001-01-01T00:00:00Z");
const LONGER_AGO = new Date("1999-01-01T00:00:00Z");
const PAGES = ["mini/everyone/index.html", "mini/experts/index.html"];

/** Every file of the project a build of the mini deck reads, relative with `/`. */
function inputsOf(root: string): string[] {
  const files = ["slides/mini/deck.yaml", "data/mini.yaml", "data/sources.yaml"];
  for (const f of readdirSync(path.join(root, "slides", "mini")))
    if (f.endsWith(".mdx")) files.push(`slides/mini/${f}`);
  for (const f of readdirSync(path.join(root, "themes")))
    if (f.endsWith(".css")) files.push(`themes/${f}`);
  return files.sort();
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** A manifest as a build writes it, from the project's files as they are now. */
function writeManifest(root: string, extra: Record<string, string> = {}, decks = ["mini"]): void {
  const inputs: Record<string, string> = {};
  for (const file of inputsOf(root)) inputs[file] = sha256(path.join(root, file));
  const manifest = { factdeck: 1, builtAt: new Date().toISOString(), decks, inputs };
  Object.assign(manifest.inputs, extra);
  writeFileSync(path.join(root, "dist", ".factdeck-build.json"), JSON.stringify(manifest));
}

/** Sets every built page's modification time to before its sources'. */
function agePages(root: string): void {
  for (const page of PAGES) utimesSync(path.join(root, "dist", page), LONGER_AGO, LONGER_AGO);
}

/** Changes a file's content but keeps its modification time, as a checkout or a copy can. */
function editKeepingTime(file: string): void {
  const { atime, mtime } = statSync(file);
  appendFileSync(file, "\n/* edited */\n");
  utimesSync(file, atime, mtime);
}

describe("whether the built site is current enough to export", () => {
  let root: string;
  const plan = (deck?: string) => planExport({ root, outDir: path.join(root, "dist"), deck });
  const stale = (p: ReturnType<typeof plan>) =>
    p.diagnostics.find((d) => d.code === "FD_PDF_STALE");

  beforeEach(() => {
    root = copyMiniProject("factdeck-plan-");
    // Sources from long ago, so the pages are newer unless a test ages them.
    for (const file of inputsOf(root)) utimesSync(path.join(root, file), LONG_AGO, LONG_AGO);
    for (const page of PAGES) {
      mkdirSync(path.dirname(path.join(root, "dist", page)), { recursive: true });
      writeFileSync(path.join(root, "dist", page), "<html></html>");
    }
  });
  afterEach(() => rmSync(path.dirname(root), { recursive: true, force: true }));

  it("exports a build whose inputs are unchanged, however old its pages' times", () => {
    writeManifest(root);
    agePages(root);
    const p = plan();
    expect(p.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(p.jobs.map((j) => j.page).sort()).toEqual(PAGES);
  });

  it("refuses a build whose theme was edited though the file kept its old time", () => {
    writeManifest(root);
    editKeepingTime(path.join(root, "themes", "print.css"));
    const p = plan();
    const d = stale(p);
    expect(d?.severity).toBe("error");
    expect(d?.message).toContain("changed since the site was built");
    expect(d?.detail).toBe("themes/print.css changed since the build");
    expect(d?.hint).toContain("npm run build");
    expect(p.jobs).toEqual([]);
  });

  it("refuses a build whose data was edited, and names every changed file", () => {
    writeManifest(root);
    editKeepingTime(path.join(root, "data", "mini.yaml"));
    editKeepingTime(path.join(root, "slides", "mini", "facts.mdx"));
    const d = stale(plan());
    expect(d?.detail?.split("\n")).toEqual([
      "data/mini.yaml changed since the build",
      "slides/mini/facts.mdx changed since the build",
    ]);
  });

  it("refuses a build one of whose inputs is gone", () => {
    writeManifest(root);
    rmSync(path.join(root, "data", "sources.yaml"));
    expect(stale(plan())?.detail).toBe("data/sources.yaml was removed since the build");
  });

  it("is not stopped by another deck's slides changing", () => {
    writeManifest(root, { "slides/other/intro.mdx": "0".repeat(64) });
    expect(stale(plan("mini"))).toBeUndefined();
  });

  it("never reads a file the manifest names outside the project", () => {
    writeManifest(root, { "../outside.txt": "0".repeat(64), "/etc/hostname": "0".repeat(64) });
    writeFileSync(path.join(path.dirname(root), "outside.txt"), "not the project's");
    expect(stale(plan())).toBeUndefined();
  });

  it("judges a build without a manifest, from an earlier factdeck, by file times", () => {
    agePages(root);
    const d = stale(plan());
    expect(d?.message).toContain("older than the slides or data");
    expect(d?.detail).toMatch(/^dist\/mini\/everyone\/index\.html is older than (slides|data)\//m);
  });

  it("judges a deck the manifest does not speak for by file times", () => {
    writeManifest(root, {}, []);
    agePages(root);
    expect(stale(plan())?.detail).toMatch(/index\.html is older than/);
  });

  it("warns that a damaged manifest leaves only file times to judge by", () => {
    writeFileSync(path.join(root, "dist", ".factdeck-build.json"), '{"factdeck": 1, "inpu');
    agePages(root);
    const p = plan();
    expect(p.diagnostics.find((d) => d.code === "FD_PDF_MANIFEST_UNREADABLE")?.severity).toBe(
      "warning",
    );
    expect(stale(p)?.detail).toMatch(/index\.html is older than/);
  });
});

describe("after a partial build", () => {
  it("a kept page is judged by what it was built from, not by the newer build's hashes", async () => {
    const { buildSite } = await import("../../src/build/build.ts");
    const root = copyMiniProject("factdeck-plan-partial-");
    try {
      await buildSite({ root, quiet: true });
      // facts.mdx is shown to both audiences; only "everyone" is rebuilt after the edit.
      appendFileSync(path.join(root, "slides", "mini", "facts.mdx"), "\nA closing line.\n");
      await buildSite({ root, quiet: true, deck: "mini", audience: "everyone" });
      const outDir = path.join(root, "dist");
      const rebuilt = planExport({ root, outDir, deck: "mini", audience: "everyone" });
      expect(rebuilt.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const kept = planExport({ root, outDir, deck: "mini", audience: "experts" });
      const d = kept.diagnostics.find((x) => x.code === "FD_PDF_STALE");
      expect(d?.detail).toBe("slides/mini/facts.mdx changed since the build");
      expect(kept.jobs).toEqual([]);
    } finally {
      rmSync(path.dirname(root), { recursive: true, force: true });
    }
  });
});

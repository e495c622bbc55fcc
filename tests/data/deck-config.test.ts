import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listDecks, loadDeck } from "../../src/data/index.ts";
import { formatDiagnostics } from "../../src/errors/index.ts";
import { fixture } from "../helpers.ts";

let scratch: string;
let root: string;
let slides: string;

beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), "factdeck-deck-"));
  root = path.join(scratch, "project");
  slides = path.join(root, "slides");
  mkdirSync(slides, { recursive: true });
  cpSync(fixture("projects", "mini", "slides", "mini"), path.join(slides, "mini"), {
    recursive: true,
  });
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const write = (rel: string, text: string) => writeFileSync(path.join(slides, rel), text);
const DECK = `title: A mini deck
dataset: mini
audiences:
  everyone:
    label: Everyone
    duration: 5
    slides: [intro, facts, closing, facts]
  experts:
    label: Experts
    duration: 5
    slides: [intro, facts]
`;

describe("loadDeck", () => {
  it("refuses a slide listed twice for one audience, at the second listing", async () => {
    write("mini/deck.yaml", DECK);
    const { deck, diagnostics } = loadDeck(slides, "mini");
    expect(deck).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: "FD_DECK_DUPLICATE_SLIDE",
      at: { line: 7, column: 37 },
      related: [{ line: 7, column: 21 }],
    });
    await expect(formatDiagnostics(diagnostics, { root })).toMatchFileSnapshot(
      "__snapshots__/deck-slide-twice.txt",
    );
  });

  it("lets two audiences show the same slide", () => {
    expect(loadDeck(slides, "mini").diagnostics).toEqual([]);
  });

  it.each([
    ["empty", ""],
    ["blank", "\n   \n\t\n"],
  ])("refuses an %s slide file, naming the file", async (name, text) => {
    write("mini/closing.mdx", text);
    const { deck, diagnostics } = loadDeck(slides, "mini");
    expect(deck).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: "FD_DECK_EMPTY_SLIDE",
      at: { file: path.join(slides, "mini", "closing.mdx"), line: 1, column: 1 },
      related: [{ file: path.join(slides, "mini", "deck.yaml"), line: 7 }],
    });
    expect(diagnostics[0]?.hint).toContain("this slide file is empty; write a heading");
    if (name === "empty")
      await expect(formatDiagnostics(diagnostics, { root })).toMatchFileSnapshot(
        "__snapshots__/deck-empty-slide.txt",
      );
  });

  it("ignores an empty slide file that no audience lists", () => {
    write("mini/draft.mdx", "");
    expect(loadDeck(slides, "mini").diagnostics).toEqual([]);
  });

  it("refuses a listed slide that is a folder instead of crashing on it", () => {
    rmSync(path.join(slides, "mini", "closing.mdx"));
    mkdirSync(path.join(slides, "mini", "closing.mdx"));
    expect(loadDeck(slides, "mini").diagnostics[0]).toMatchObject({
      code: "FD_DECK_UNKNOWN_SLIDE",
      at: { line: 7 },
    });
  });
});

describe("decks behind symbolic links", () => {
  it("finds and loads a deck folder linked from elsewhere in the project", () => {
    const shared = path.join(root, "shared", "linked");
    mkdirSync(path.dirname(shared), { recursive: true });
    cpSync(path.join(slides, "mini"), shared, { recursive: true });
    symlinkSync(shared, path.join(slides, "linked"), "dir");
    expect(listDecks(slides)).toEqual(["linked", "mini"]);
    const { deck, diagnostics } = loadDeck(slides, "linked");
    expect(diagnostics).toEqual([]);
    expect(deck?.slideFiles.get("intro")).toBe(path.join(slides, "linked", "intro.mdx"));
  });

  it("refuses a deck folder linked from outside the project", () => {
    const outside = path.join(scratch, "elsewhere");
    cpSync(path.join(slides, "mini"), outside, { recursive: true });
    symlinkSync(outside, path.join(slides, "stolen"), "dir");
    expect(listDecks(slides)).toContain("stolen");
    const { deck, diagnostics } = loadDeck(slides, "stolen");
    expect(deck).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toEqual(["FD_DECK_OUTSIDE_PROJECT"]);
    expect(diagnostics[0]?.message).toContain("outside the project");
  });

  it("refuses a listed slide file linked from outside the project, at its listing", () => {
    const secret = path.join(scratch, "secret.mdx");
    writeFileSync(secret, "## Not in the project\n");
    rmSync(path.join(slides, "mini", "closing.mdx"));
    symlinkSync(secret, path.join(slides, "mini", "closing.mdx"));
    const { diagnostics } = loadDeck(slides, "mini");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "FD_DECK_OUTSIDE_PROJECT", at: { line: 7 } });
  });

  it("skips a dangling link instead of crashing", () => {
    symlinkSync(path.join(scratch, "missing"), path.join(slides, "gone"), "dir");
    expect(listDecks(slides)).toEqual(["mini"]);
  });
});

import { describe, expect, it } from "vitest";
import { readSlideFile } from "../../src/check/slide-file.ts";
import { alignText, RunBuilder } from "../../src/check/text-run.ts";

const SENTENCE = "The cohort was tracked for three years and some were rearrested. ";

describe("long paragraphs", () => {
  it("reads a 200 KB paragraph without overflowing the stack, offsets intact", () => {
    const paragraph = SENTENCE.repeat(Math.ceil(200_000 / SENTENCE.length)).trimEnd();
    const source = `## Closing\n\n${paragraph}\n`;
    const slide = readSlideFile("/tmp/long-paragraph.mdx", source);
    const run = slide?.runs.find((r) => r.context === "prose");
    expect(run?.text.length).toBe(paragraph.length);
    expect(run?.offsets).toHaveLength(paragraph.length + 1);
    // The last character still points at its own place in the file.
    expect(run?.offsets[paragraph.length - 1]).toBe(source.length - 2);
    expect(paragraph.length).toBeGreaterThan(200_000);
  });

  it("aligns decoded characters that are missing from the source in bounded time", () => {
    // 50,000 &nbsp; decode to a character the source never contains.
    const source = "&nbsp;".repeat(50_000);
    const value = "\u00a0".repeat(50_000);
    const builder = new RunBuilder(source, "prose", 0);
    builder.append(value, 0, source.length);
    expect(builder.finish()).toBeUndefined();
  });

  it("still finds each character past an entity or an indent", () => {
    const source = "a &amp; b\n    c";
    expect(alignText("a & b\nc", source, 0, source.length)).toEqual([0, 1, 2, 7, 8, 9, 14]);
  });
});

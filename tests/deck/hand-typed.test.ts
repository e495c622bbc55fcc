import { describe, expect, it } from "vitest";
import { createCheckReport } from "../../src/project/index.ts";
import { printed, ROOT } from "../helpers.ts";

// The check's own rules (tests/check) pin how typed figures are found; this pins the shipped decks.
const TYPED = new Set([
  "FD_CHECK_TYPED_FIGURE",
  "FD_CHECK_TYPED_PROPORTION",
  "FD_CHECK_UNKNOWN_NUMBER",
  "FD_CHECK_WORDS_MISMATCH",
]);

describe("slides/**/*.mdx", () => {
  it("contain no number typed by hand, not even one that matches no figure", async () => {
    const report = await createCheckReport({ root: ROOT });
    const typed = report.diagnostics.filter((d) => TYPED.has(d.code));
    expect(typed, printed(typed)).toEqual([]);
    expect(report.checked.map((c) => c.deck)).toContain("ussc-nonproduction");
  });
});

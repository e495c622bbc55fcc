import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exitCodeOf, formatReport } from "../../src/check/index.ts";
import { createCheckReport } from "../../src/project/index.ts";
import { fixture, ROOT } from "../helpers.ts";

/**
 * Every fixture project under tests/fixtures/check and the finding codes its report must
 * contain, no more and no fewer; `clean` is the control that must pass.
 */
const CASES: Record<string, string[]> = {
  clean: [],
  // Hand-typed figures
  "typed-percent-prose": ["FD_CHECK_TYPED_FIGURE"],
  "typed-percent-notes": ["FD_CHECK_TYPED_FIGURE"],
  "rounded-form": ["FD_CHECK_TYPED_FIGURE", "FD_CHECK_INCONSISTENT"],
  "two-forms-typed": ["FD_CHECK_TYPED_FIGURE", "FD_CHECK_INCONSISTENT"],
  "typed-count": ["FD_CHECK_TYPED_FIGURE"],
  "typed-count-words": ["FD_CHECK_TYPED_FIGURE"],
  "typed-duration": ["FD_CHECK_TYPED_FIGURE"],
  "typed-range": ["FD_CHECK_TYPED_FIGURE"],
  "typed-range-ends": ["FD_CHECK_TYPED_FIGURE"],
  "typed-heading": ["FD_CHECK_TYPED_FIGURE"],
  "typed-chart-title": ["FD_CHECK_TYPED_FIGURE"],
  "typed-stat-label": ["FD_CHECK_TYPED_FIGURE"],
  "typed-alt-text": ["FD_CHECK_TYPED_FIGURE"],
  "typed-proportion": ["FD_CHECK_TYPED_PROPORTION"],
  "words-mismatch": ["FD_CHECK_WORDS_MISMATCH"],
  "doubled-words": ["FD_CHECK_DOUBLE_QUALIFIER", "FD_CHECK_DOUBLE_UNIT"],
  "unknown-numbers": ["FD_CHECK_UNKNOWN_NUMBER"],
  "not-figures": ["FD_CHECK_TYPED_FIGURE"],
  literal: ["FD_CHECK_LITERAL_REASON"],
  // Derived figures and the data layer
  "rate-drift": ["FD_RELATION_RATE"],
  "rate-grim": ["FD_RELATION_RATE"],
  "shares-sum": ["FD_RELATION_SHARES"],
  "relation-unit": ["FD_CHECK_RELATION_UNIT"],
  "shares-not-percent": ["FD_CHECK_RELATION_UNIT"],
  "sum-unit": ["FD_CHECK_RELATION_UNIT"],
  // Provenance
  "no-locator": ["FD_CHECK_NO_LOCATOR"],
  "source-incomplete": ["FD_DATA_SCHEMA"],
  "unknown-source": ["FD_DATA_UNKNOWN_SOURCE"],
  "strict-deck": ["FD_CHECK_STATUS"],
  "strict-audience": ["FD_CHECK_STATUS"],
  unverified: ["FD_CHECK_UNVERIFIED"],
  // Accessibility
  "no-heading": ["FD_CHECK_NO_HEADING"],
  "image-alt": ["FD_CHECK_IMAGE_ALT"],
  // What rendering reports
  "unknown-key": ["FD_MDX_UNKNOWN_KEY"],
  "mdx-syntax": ["FD_MDX_SYNTAX"],
  "chart-mixed-units": ["FD_CHART_DATA"],
};

describe("factdeck check: the fixture corpus", () => {
  it("has an expectation for every fixture project, and at least 25 bad ones", () => {
    const folders = readdirSync(fixture("check")).sort();
    expect(folders).toEqual(Object.keys(CASES).sort());
    expect(folders.filter((name) => CASES[name]!.length > 0).length).toBeGreaterThanOrEqual(25);
  });

  it.each(Object.entries(CASES))("%s", async (name, codes) => {
    const report = await createCheckReport({ root: fixture("check", name) });
    const found = [...new Set(report.diagnostics.map((d) => d.code))].sort();
    expect(found).toEqual([...codes].sort());
    const errors = report.diagnostics.some((d) => d.severity === "error");
    expect(exitCodeOf(report)).toBe(errors ? 1 : 0);
    expect(exitCodeOf(report, true)).toBe(codes.length ? 1 : 0);
    const text = formatReport(report, { root: ROOT });
    // Every finding that has a place prints it as file:line:column, relative to the repository.
    for (const { at } of report.diagnostics)
      if (at) expect(text).toContain(`${path.relative(ROOT, at.file)}:${at.line}:${at.column}`);
    await expect(text).toMatchFileSnapshot(`__snapshots__/${name}.txt`);
  });
});

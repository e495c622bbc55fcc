import { describe, expect, it } from "vitest";
import { findClaims } from "../../src/check/claims.ts";
import { matchClaim } from "../../src/check/match.ts";
import type { Figure } from "../../src/data/index.ts";

const vocabulary = { lowTexts: ["probation", "<1"], nouns: ["offenders", "images"] };
const claimed = (text: string) => findClaims(text, vocabulary).map((c) => c.text);

describe("findClaims", () => {
  it.each([
    ["Of the 1,340 offenders, 42.5% were possession offenders.", ["1,340", "42.5%"]],
    ["4.3 percent (47 offenders) were rearrested", ["4.3 percent", "47"]],
    ["Eighty-eight offenders failed to register", ["Eighty-eight"]],
    ["the 5-year mandatory minimum, within three years", ["5-year", "three years"]],
    [
      "ranges of 37–180 months and probation - 228 months",
      ["37–180 months", "probation - 228 months"],
    ],
    ["from <1 to 240 months", ["<1 to 240 months"]],
    ["between 15 and 40 years", ["between 15 and 40 years"]],
    ["+2 levels, or four offense levels", ["+2 levels", "four offense levels"]],
    ["$2 million and 12.5%", ["$2 million", "12.5%"]],
    ["more than one in four were rearrested", ["more than one in four"]],
    ["Nearly half of offenders; over half (52%)", ["Nearly half", "over half", "52%"]],
    ["a majority of cases", ["a majority"]],
  ])("finds the figures in %j", (text, expected) => {
    expect(claimed(text)).toEqual(expected);
  });

  it.each([
    ["years and fiscal years", "in 2015, in FY2019, in FY 2019, in fiscal year 2019 and the 1990s"],
    ["section citations", "USSG §2G2.2(b)(4), 18 U.S.C. § 2252A(b)(1), §§ 2252 and 2252A"],
    ["subsection markers", "subsection (b)(2) of the guideline"],
    ["page and chapter references", "see ch. 5, p. 61, pp. 27–30, Table 3 and Figure 2"],
    ["ordinals and identifiers", "the 3rd amendment, the 21st century"],
    ["ages that define a category", "a minor under 12, victims under age 12, a 12-year-old"],
    ["dates and times", "on June 30, 2019 at 9:30 a.m."],
    ["case citations", "United States v. Booker, 543 U.S. 220 (2005)"],
    ["web addresses", "read it at ussc.gov or https://www.ussc.gov/research/2021"],
    ["proportion words that state no share", "the second half of the year, not nearly all of it"],
    ["number words without a unit", "three factors and one caveat"],
  ])("skips %s", (_, text) => {
    expect(claimed(text)).toEqual([]);
  });

  it("reads how many decimals were typed, which decides rounding", () => {
    const [claim] = findClaims("28%");
    expect(claim?.number).toMatchObject({ value: 28, decimals: 0 });
    const [precise] = findClaims("27.60%");
    expect(precise?.number).toMatchObject({ value: 27.6, decimals: 2 });
  });
});

const figure = (value: Figure["value"], unit: Figure["unit"], precision = 0): Figure => ({
  value,
  unit,
  precision,
  label: "A test figure",
  source: "s",
  status: "primary",
});

describe("matchClaim", () => {
  const figures: Array<[string, Figure]> = [
    ["r.rearrested", figure(27.6, "percent", 1)],
    ["r.cohort", figure(1093, "count")],
    ["r.years", figure(3, "years")],
    ["r.range", figure({ low: 37, high: 180 }, "months")],
    ["f.conduct", figure(48, "percent")],
  ];
  const match = (text: string) =>
    findClaims(text).flatMap((c) => matchClaim(c, figures).map((m) => `${m.key}:${m.kind}`));

  it("matches a percentage as published, or rounded to fewer places, but not a different one", () => {
    expect(match("27.6%")).toEqual(["r.rearrested:exact"]);
    expect(match("27.60 percent")).toEqual(["r.rearrested:exact"]);
    expect(match("28%")).toEqual(["r.rearrested:rounded"]);
    expect(match("27%")).toEqual([]);
    expect(match("27.5%")).toEqual([]);
  });

  it("matches counts exactly, durations across months and years, and range ends", () => {
    expect(match("1,093 offenders")).toEqual(["r.cohort:exact"]);
    expect(match("1,094 offenders")).toEqual([]);
    expect(match("36 months")).toEqual(["r.years:exact"]);
    expect(match("37–180 months")).toEqual(["r.range:exact"]);
    expect(match("180 months")).toEqual(["r.range:high"]);
  });

  it("matches proportion words to the shares they describe", () => {
    expect(match("nearly half of")).toEqual(["f.conduct:describes"]);
    expect(match("over half of")).toEqual([]);
    expect(match("more than one in four")).toEqual(["r.rearrested:describes"]);
  });
});

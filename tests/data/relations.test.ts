import { describe, expect, it } from "vitest";
import { countsForRate, rateMatches } from "../../src/data/relations.ts";

describe("rate relations", () => {
  it("accepts 47 of 1,093 as 4.3% and refuses 4.4%", () => {
    expect(rateMatches(47, 1093, 4.3, 1)).toBe(true);
    expect(rateMatches(47, 1093, 4.4, 1)).toBe(false);
    expect(rateMatches(88, 1093, 8.1, 1)).toBe(true);
  });

  it("finds every count that rounds to a rate, and none when no count can (GRIM)", () => {
    expect(countsForRate(4.3, 1093, 1)).toEqual([47]);
    expect(countsForRate(27.6, 1093, 1)).toEqual([302]);
    // With 7 people, percentages move in steps of 14.3: 50.0% is impossible.
    expect(countsForRate(50, 7, 1)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { linearFit, median, summarize } from "../../bench/lib/stats.ts";

describe("median", () => {
  it("takes the middle of an odd count and the mean of the two middles of an even count", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it("is not moved by one slow outlier, and leaves the input in its order", () => {
    const runs = [900, 5000, 910, 905, 920];
    expect(median(runs)).toBe(910);
    expect(runs).toEqual([900, 5000, 910, 905, 920]);
  });

  it("refuses an empty list", () => {
    expect(() => median([])).toThrow(/no values/);
  });
});

describe("summarize", () => {
  it("reports median, extremes and the number of runs", () => {
    expect(summarize([12, 10, 30, 11])).toEqual({ median: 11.5, min: 10, max: 30, runs: 4 });
  });
});

describe("linearFit", () => {
  it("recovers a straight line exactly, with R² = 1", () => {
    const xs = [100, 500, 1000];
    const fit = linearFit(
      xs,
      xs.map((x) => 5 + 2 * x),
    );
    expect(fit.slope).toBeCloseTo(2, 10);
    expect(fit.intercept).toBeCloseTo(5, 8);
    expect(fit.r2).toBeCloseTo(1, 12);
  });

  it("gives the least-squares line and R² of scattered points", () => {
    // Worked by hand: mean x = 2, mean y = 2, Sxy = 1, Sxx = 2, Syy = 2.
    const fit = linearFit([1, 2, 3], [1, 3, 2]);
    expect(fit.slope).toBeCloseTo(0.5, 12);
    expect(fit.intercept).toBeCloseTo(1, 12);
    expect(fit.r2).toBeCloseTo(0.25, 12);
  });

  it("shows curved growth as an R² below a straight line's", () => {
    const xs = [100, 500, 1000];
    const linear = linearFit(
      xs,
      xs.map((x) => 3 * x),
    );
    const quadratic = linearFit(
      xs,
      xs.map((x) => x * x),
    );
    expect(quadratic.r2).toBeLessThan(linear.r2);
    expect(quadratic.r2).toBeLessThan(0.99);
  });

  it("needs two different sizes", () => {
    expect(() => linearFit([5, 5], [1, 2])).toThrow(/two distinct/);
    expect(() => linearFit([1, 2], [1])).toThrow(/differ in length/);
  });
});

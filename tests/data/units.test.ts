import { describe, expect, it } from "vitest";
import { matchClaim } from "../../src/check/match.ts";
import { type Figure, figureSchema, formatFigure, formatNumber } from "../../src/data/index.ts";

const figure = (fields: Partial<Figure>): Figure => ({
  value: 0,
  unit: "number",
  precision: 0,
  label: "A figure",
  source: "s",
  status: "primary",
  ...fields,
});

const parse = (fields: Record<string, unknown>) =>
  figureSchema.safeParse({ label: "A figure", source: "s", status: "primary", ...fields });

describe("units for any data", () => {
  it("prints a negative plain number with a true minus sign", () => {
    expect(formatNumber(figure({ value: -4.5, precision: 1 }))).toBe("\u22124.5");
    expect(formatNumber(figure({ value: 12345.678, precision: 2 }))).toBe("12,345.68");
  });

  it("prints currency with its symbol, by Intl, and a true minus for a deficit", () => {
    expect(formatFigure(figure({ value: 1250, unit: "currency", currency: "USD" }))).toBe("$1,250");
    expect(
      formatNumber(figure({ value: -5.5, unit: "currency", currency: "EUR", precision: 2 })),
    ).toBe("\u2212€5.50");
    expect(
      formatNumber(figure({ value: { low: 5, high: 10 }, unit: "currency", currency: "USD" })),
    ).toBe("$5–$10");
  });

  it("prints a suffix after the number, on any unit", () => {
    expect(formatFigure(figure({ value: 62, precision: 1, suffix: "°F" }))).toBe("62.0 °F");
    expect(formatFigure(figure({ value: 4.2, unit: "count", suffix: "per 100,000" }))).toBe(
      "4 per 100,000",
    );
    expect(formatFigure(figure({ value: { low: -3, high: 12 }, suffix: "mm" }))).toBe(
      "\u22123–12 mm",
    );
  });

  it("keeps a count whole and not negative, and lets a plain number be negative", () => {
    expect(parse({ value: -3, unit: "count" }).success).toBe(false);
    expect(parse({ value: 2.5, unit: "count", precision: 1 }).success).toBe(false);
    expect(parse({ value: -3.5, unit: "number", precision: 1 }).success).toBe(true);
    expect(parse({ value: { low: -10, high: 5 }, unit: "number" }).success).toBe(true);
    expect(parse({ value: { low: -10, high: 5 }, unit: "months" }).success).toBe(false);
  });

  it("asks a currency figure for its ISO code, and only a currency figure", () => {
    expect(parse({ value: 5, unit: "currency" }).error?.issues[0]?.message).toBe(
      "a currency figure names its currency",
    );
    expect(parse({ value: 5, unit: "currency", currency: "XYZ" }).success).toBe(false);
    expect(parse({ value: 5, unit: "number", currency: "USD" }).success).toBe(false);
    expect(parse({ value: 5, unit: "currency", currency: "USD" }).success).toBe(true);
  });

  it("takes a value or a query, never both and never neither", () => {
    expect(parse({ sql: "select 1", unit: "number" }).success).toBe(true);
    expect(parse({ value: 1, sql: "select 1", unit: "number" }).success).toBe(false);
    expect(parse({ unit: "number" }).success).toBe(false);
  });

  it("matches a typed plain number and a typed amount of money against number and currency figures", () => {
    const figures: Array<[string, Figure]> = [
      ["weather.coldest", figure({ value: 11 })],
      ["costs.fine", figure({ value: 1250, unit: "currency", currency: "USD" })],
    ];
    const bare = { kind: "number" as const, start: 0, end: 2, text: "11" };
    expect(
      matchClaim(
        { ...bare, number: { value: 11, decimals: 0, words: false, separators: false } },
        figures,
      ).map((m) => m.key),
    ).toEqual(["weather.coldest"]);
    expect(
      matchClaim(
        {
          ...bare,
          text: "$1,250",
          unit: "money",
          number: { value: 1250, decimals: 0, words: false, separators: true },
        },
        figures,
      ).map((m) => m.key),
    ).toEqual(["costs.fine"]);
  });
});

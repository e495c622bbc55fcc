import { describe, expect, it } from "vitest";
import { linearTicks, splitYearTag } from "../../src/charts/labels.ts";
import { fitInsets, spreadLabels, textWidth, wrapText } from "../../src/charts/measure.ts";

describe("label layout", () => {
  it("spreads crowded labels apart, in order, inside the bounds", () => {
    const items = [
      { center: 10, width: 100 },
      { center: 30, width: 100 },
      { center: 50, width: 100 },
    ];
    const centers = spreadLabels(items, 0, 1000, 10);
    expect(centers).toEqual([50, 160, 270]);
  });

  it("leaves labels that fit where they want to be", () => {
    expect(
      spreadLabels(
        [
          { center: 200, width: 80 },
          { center: 600, width: 80 },
        ],
        0,
        1000,
        10,
      ),
    ).toEqual([200, 600]);
  });

  it("wraps long labels at spaces", () => {
    const lines = wrapText("Offenders sentenced in fiscal year 2019", 200, 24);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(textWidth(line, 24)).toBeLessThanOrEqual(200);
  });

  it("insets the scale so outer labels fit beside values at zero", () => {
    const { insetLeft, insetRight } = fitInsets(
      [{ low: 0, high: 100, lowWidth: 120, highWidth: 50 }],
      100,
      800,
      10,
    );
    expect(insetLeft).toBe(130);
    expect(insetRight).toBeGreaterThanOrEqual(60);
  });
});

describe("axis ticks", () => {
  it("end just above the data at a round step", () => {
    expect(linearTicks(240)).toEqual({
      domainMax: 250,
      ticks: [0, 50, 100, 150, 200, 250],
      precision: 0,
    });
    expect(linearTicks(4265).domainMax).toBe(5000);
    expect(linearTicks(0.9).precision).toBe(1);
  });
});

describe("year tags", () => {
  it("split a trailing year in parentheses from a label", () => {
    expect(splitYearTag("Average sentence imposed (FY2005)")).toEqual({
      text: "Average sentence imposed",
      tag: "FY2005",
    });
    expect(splitYearTag("Cohort released (2015)")).toEqual({
      text: "Cohort released",
      tag: "2015",
    });
    expect(splitYearTag("Possession (receipt excluded)")).toEqual({
      text: "Possession (receipt excluded)",
    });
  });
});

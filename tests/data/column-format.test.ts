import { describe, expect, it } from "vitest";
import { formatCell } from "../../src/data/tables/column-format.ts";
import type { RowColumn } from "../../src/data/tables/rows.ts";

const column = (name: string, display: RowColumn["display"] = {}): RowColumn => ({
  name,
  type: "BIGINT",
  kind: "number",
  display,
});

describe("table cells", () => {
  it("print a year as a year, never with a thousands separator", () => {
    expect(formatCell(2016, column("fiscal_year"), "en-US")).toBe("2016");
    expect(formatCell(2019, column("year"), "en-US")).toBe("2019");
    expect(formatCell(2010, column("FY"), "en-US")).toBe("2010");
  });

  it("still group other numbers, and numbers with a unit in a year-named column", () => {
    expect(formatCell(2016, column("cases"), "en-US")).toBe("2,016");
    expect(formatCell(2016, column("years", { unit: "months" }), "en-US")).toBe("2,016");
    expect(formatCell(12016, column("year"), "en-US")).toBe("12,016");
  });
});

import type { RowKindSpec } from "../row-types.ts";
import { planSeries } from "./line.ts";

/** An area over x from zero; several series stack, so the top edge is their total. */
export const area: RowKindSpec = {
  roles: {
    x: ["date", "number"],
    y: ["number"],
    series: ["text", "number", "boolean", "date"],
    facet: ["text", "number", "boolean", "date"],
  },
  required: ["x", "y"],
  plot: (ctx) => planSeries(ctx, true),
};

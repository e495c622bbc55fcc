import { z } from "zod";

/** The fourteen rows of BLS CPS Table A-31 the file carries, as the file spells them. */
const SERIES = [
  "Government",
  "Mining and Extraction",
  "Construction",
  "Manufacturing",
  "Wholesale and Retail Trade",
  "Transportation and Utilities",
  "Information",
  "Finance",
  "Business services",
  "Education and Health",
  "Leisure and hospitality",
  "Other",
  "Agriculture",
  "Self-employed",
] as const;

/** Row schemas: every row of the file is checked before any query reads it. */
export const tables = {
  monthly: z.strictObject({
    series: z.enum(SERIES),
    year: z.number().int().min(2000).max(2010),
    month: z.number().int().min(1).max(12),
    // Thousands of unemployed persons, as Table A-31 publishes them.
    count: z.number().int().nonnegative(),
    // Percent of the industry's labour force, published to one decimal.
    rate: z.number().min(0).max(100),
    // An ISO 8601 instant; the queries build the month from year and month instead.
    date: z.iso.datetime(),
  }),
};

import { z } from "zod";
import { datasetSchema, figureOf, type Unit } from "../src/data/schema.ts";

/** A strict group: exactly these figure names, each with its unit pinned. */
function group<const T extends Record<string, Unit>>(units: T) {
  const shape = Object.fromEntries(
    Object.entries(units).map(([name, unit]) => [name, figureOf(unit)]),
  );
  return z.strictObject(shape as { [K in keyof T]: ReturnType<typeof figureOf> });
}

/** The flagship dataset: every figure key that the slides bind, with its unit. */
export default datasetSchema.extend({
  figures: z.strictObject({
    overview: group({ prepubescent_victims: "percent", median_images: "count" }),
    offenders: group({
      total: "count",
      possession_share: "percent",
      receipt_share: "percent",
      distribution_share: "percent",
    }),
    law: group({
      receipt_distribution_min: "years",
      receipt_distribution_max: "years",
      receipt_distribution_prior: "years",
      possession_max: "years",
      possession_max_prepubescent: "years",
      possession_prior: "years",
    }),
    enhancements: group({
      under_12: "percent",
      under_12_levels: "levels",
      images_600: "percent",
      images_600_levels: "levels",
      images_threshold: "count",
      video_images: "count",
      sadistic_or_infant: "percent",
      sadistic_or_infant_levels: "levels",
    }),
    disparities: group({
      possession_range: "months",
      receipt_range: "months",
      distribution_range: "months",
    }),
    recidivism: group({
      cohort: "count",
      followup_years: "years",
      rearrested: "percent",
      sex_offense_count: "count",
      sex_offense_rate: "percent",
      failure_to_register_count: "count",
      failure_to_register_rate: "percent",
    }),
    factors: group({
      infant_toddler: "percent",
      online_community: "percent",
      aggravating_conduct: "percent",
    }),
    trends: group({
      guideline_min_2005: "months",
      guideline_min_2019: "months",
      sentence_2005: "months",
      sentence_2019: "months",
      below_range_2005: "percent",
      below_range_2019: "percent",
      images_and_videos: "percent",
    }),
  }),
});

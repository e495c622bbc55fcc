import { z } from "zod";

/** Units a figure can be published in; the unit decides how it is formatted. */
export const unitSchema = z.enum(["percent", "count", "months", "years", "levels"]);
export type Unit = z.infer<typeof unitSchema>;

/** How far a figure was checked: a strict deck refuses anything below "primary". */
export const statusSchema = z.enum(["primary", "secondary", "unverified"]);
export type Status = z.infer<typeof statusSchema>;

/** Words a source puts before a figure ("more than 40%"); part of the fact, so part of the data. */
export const qualifierSchema = z.enum([
  "over",
  "more than",
  "nearly",
  "about",
  "under",
  "at least",
]);

const key = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]*$/,
    "use lower-case letters, digits and underscores, starting with a letter",
  );

/** A dot path to a figure: `group.name`. */
export const figureKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, 'write a figure key as "group.name"');

/** A range as published: "37–180 months"; `lowText` replaces the low end in print ("probation"). */
export const rangeSchema = z.strictObject({
  low: z.number().nonnegative(),
  high: z.number().nonnegative(),
  lowText: z.string().min(1).optional(),
});
export type RangeValue = z.infer<typeof rangeSchema>;

// The fields alone; `figureSchema` adds the checks that span fields (unit and value).
const figureFields = z.strictObject({
  value: z.union([z.number(), rangeSchema]),
  unit: unitSchema,
  /** Decimal places as published (27.6 percent has 1); default 0. */
  precision: z.number().int().min(0).max(6).default(0),
  label: z.string().min(3),
  /** A shorter label for chart axes and callouts; default the label. */
  short: z.string().min(1).optional(),
  /** Noun printed after a count ("4,265 images"). */
  noun: z.string().min(1).optional(),
  qualifier: qualifierSchema.optional(),
  note: z.string().min(1).optional(),
  source: z.string().min(1),
  locator: z.string().min(1).optional(),
  status: statusSchema,
  /**
   * The figure is a change or a difference, not an amount: it may be negative, and a
   * percentage may exceed 100 ("-12%", "+140%"); default false.
   */
  change: z.boolean().optional(),
});

/** One published figure with its unit, precision, label and provenance. */
export const figureSchema = figureFields.superRefine(checkFigureValue);
export type Figure = z.infer<typeof figureSchema>;

/** The largest count or denominator that is still an exact whole number in JavaScript. */
const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/** What values a figure's unit allows: a count is whole and not negative, and so on. */
function checkFigureValue(
  figure: z.infer<typeof figureFields>,
  ctx: z.core.$RefinementCtx<z.infer<typeof figureFields>>,
): void {
  const issue = (path: PropertyKey[], message: string, hint: string) =>
    ctx.addIssue({ code: "custom", path, message, params: { hint } });
  if (typeof figure.value !== "number") {
    const { low, high } = figure.value;
    if (low > high) issue(["value", "low"], "the low end is above the high end", "swap the ends");
    if (figure.unit === "count" && !(Number.isSafeInteger(low) && Number.isSafeInteger(high)))
      issue(["value"], "a count is a whole number", "write both ends as whole numbers");
    return;
  }
  const value = figure.value;
  const scaled = value * 10 ** figure.precision;
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) {
    issue(
      ["value"],
      `has more decimal places than its precision (${figure.precision})`,
      "write the value as published, or raise its precision to the decimal places it has",
    );
  }
  const change = figure.change === true;
  const changeHint = "if this figure is a change or a difference, add change: true";
  if (figure.unit === "count" && !Number.isInteger(value)) {
    issue(["value"], "a count is a whole number", "write the count as a whole number");
  } else if (figure.unit === "count" && Math.abs(value) > MAX_EXACT) {
    issue(
      ["value"],
      `a count above ${MAX_EXACT} cannot be held exactly`,
      "check the number for extra digits",
    );
  }
  if (figure.unit === "percent" && !change && (value < 0 || value > 100)) {
    issue(["value"], "a percentage lies between 0 and 100", changeHint);
  } else if (figure.unit !== "percent" && !change && value < 0) {
    const what = figure.unit === "count" ? "a count" : `a number of ${figure.unit}`;
    issue(["value"], `${what} cannot be negative`, `remove the minus sign; ${changeHint}`);
  }
}

/** The URL schemes a source may link to: a link on a slide or in a PDF must only open a page. */
export const SAFE_URL_SCHEMES: readonly string[] = ["http:", "https:", "mailto:"];

/** An entry of the sources registry. */
export const sourceSchema = z.strictObject({
  title: z.string().min(3),
  publisher: z.string().min(2),
  /** Publication date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  date: z
    .union([
      z
        .string()
        .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "write the date as YYYY, YYYY-MM or YYYY-MM-DD"),
      z.number().int().min(1000).max(9999),
    ])
    .transform((d) => String(d)),
  /** Where to read the source: an http(s) address, or mailto: for one obtained on request. */
  url: z
    .url()
    .refine((u) => SAFE_URL_SCHEMES.includes(u.slice(0, u.indexOf(":") + 1).toLowerCase()), {
      message: "only http:, https: and mailto: addresses can be linked",
      params: {
        hint: 'write the address starting with "https://"; javascript:, data: and file: links are refused',
      },
    })
    .optional(),
  /** A short citation for source marks ("USSC 2021"). */
  short: z.string().min(2).optional(),
  note: z.string().optional(),
});
export type Source = z.infer<typeof sourceSchema>;

/** A rate that must equal count ÷ denominator within the rate's rounding. */
export const rateRelationSchema = z.strictObject({
  kind: z.literal("rate"),
  count: figureKeySchema,
  of: figureKeySchema,
  rate: figureKeySchema,
});
/** Percentage shares that must sum to 100 within rounding. */
export const sharesRelationSchema = z.strictObject({
  kind: z.literal("shares"),
  parts: z.array(figureKeySchema).min(2),
  /** The count the shares are of, when published; lets the check test each share (GRIM). */
  of: figureKeySchema.optional(),
});
/** Parts that must sum to a total exactly (counts) or within rounding. */
export const sumRelationSchema = z.strictObject({
  kind: z.literal("sum"),
  parts: z.array(figureKeySchema).min(2),
  total: figureKeySchema,
});
/** Any relation between figures that the build checks. */
export const relationSchema = z.discriminatedUnion("kind", [
  rateRelationSchema,
  sharesRelationSchema,
  sumRelationSchema,
]);
export type Relation = z.infer<typeof relationSchema>;

/** A group of figures (`recidivism`), keyed by name. */
export const groupSchema = z.record(key, figureSchema);

/** A dataset file: its figures in groups, the relations between them, extra sources. */
export const datasetSchema = z.strictObject({
  title: z.string().min(3),
  /** Figures of this dataset that a deck may bind, `group → name → figure`. */
  figures: z.record(key, groupSchema),
  relations: z.array(relationSchema).default([]),
  /** Sources used only by this dataset; the shared registry is `data/sources.yaml`. */
  sources: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/), sourceSchema).default({}),
});
export type DatasetFile = z.infer<typeof datasetSchema>;

/** The shared sources registry, `data/sources.yaml`. */
export const sourcesFileSchema = z.strictObject({
  sources: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/), sourceSchema),
});

/** A figure schema that also pins the unit, for a dataset's own schema file. */
export function figureOf(unit: Unit) {
  return figureSchema.refine((f) => f.unit === unit, {
    message: `this figure must be in ${unit}`,
    path: ["unit"],
  });
}

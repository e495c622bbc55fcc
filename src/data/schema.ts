import { z } from "zod";

/** Units a figure can be published in; the unit decides how it is formatted. */
export const unitSchema = z.enum([
  "percent",
  "count",
  "months",
  "years",
  "levels",
  "number",
  "currency",
]);
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
  low: z.number(),
  high: z.number(),
  lowText: z.string().min(1).optional(),
});
export type RangeValue = z.infer<typeof rangeSchema>;

/** An SQL query over the dataset's tables (DuckDB's dialect): one `select` or `with … select`. */
export const sqlSchema = z.string().trim().min(1, "write the query");

// The fields alone; `figureSchema` adds the checks that span fields (unit and value).
const figureFields = z.strictObject({
  /** The number as published; a computed figure has `sql` instead. */
  value: z.union([z.number(), rangeSchema]).optional(),
  /** A query over the dataset's tables giving one row: one column, or `low` and `high`. */
  sql: sqlSchema.optional(),
  unit: unitSchema,
  /** Decimal places as published (27.6 percent has 1); default 0. */
  precision: z.number().int().min(0).max(6).default(0),
  /** The ISO 4217 code of a `currency` figure ("USD"). */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "write the ISO 4217 code in capitals, such as USD or EUR")
    .optional(),
  /** A physical unit printed after the number ("mm", "°F", "per 100,000"). */
  suffix: z.string().min(1).max(40).optional(),
  label: z.string().min(3),
  /** A shorter label for chart axes and callouts; default the label. */
  short: z.string().min(1).optional(),
  /** Noun printed after a count ("4,265 images"). */
  noun: z.string().min(1).optional(),
  qualifier: qualifierSchema.optional(),
  note: z.string().min(1).optional(),
  /**
   * What a percentage is a share of ("offenders", "offenses", "offenders released in 2015");
   * a chart refuses to draw shares of different bases on one axis unless the slide says so.
   */
  base: z.string().min(2).optional(),
  /** A source id; a computed figure defaults to the sources of the tables it reads. */
  source: z.string().min(1).optional(),
  locator: z.string().min(1).optional(),
  status: statusSchema,
  /**
   * The figure is a change or a difference, not an amount: it may be negative, and a
   * percentage may exceed 100 ("-12%", "+140%"); default false.
   */
  change: z.boolean().optional(),
});

/** One figure as written in a data file: a typed `value`, or `sql` computed from tables. */
export const figureSchema = figureFields.superRefine(checkFigureValue);
/** A figure as written in a data file, before a computed figure gets its value. */
export type FigureEntry = z.infer<typeof figureSchema>;

/** How a computed figure was made: enough for a reader to redo it. */
export interface Derivation {
  /** The query, as written in the data file. */
  sql: string;
  /** The value the query returned, before rounding to the figure's precision. */
  exact: number | { low: number; high: number };
  /** Every declared table the query reads, directly or through derived tables, in query order. */
  tables: Array<{ name: string; source?: string; locator?: string; file?: string; sql?: string }>;
  /** The files those tables were read from (relative to data/), with their SHA-256 content hash. */
  files: Array<{ file: string; sha256: string }>;
}

/**
 * One published figure, ready to show: its value (typed, or computed by its query), unit,
 * precision, label and provenance. `derivation` is set on computed figures only.
 */
export type Figure = Omit<FigureEntry, "value" | "sql" | "source"> & {
  value: number | RangeValue;
  /** A source id in the registry; for a computed figure, the first table's source unless given. */
  source: string;
  /** The query and the files behind a computed figure; undefined for a typed one. */
  derivation?: Derivation;
};

/** The largest count or denominator that is still an exact whole number in JavaScript. */
const MAX_EXACT = Number.MAX_SAFE_INTEGER;

const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

/** What values a figure's unit allows: a count is whole and not negative, and so on. */
function checkFigureValue(
  figure: z.infer<typeof figureFields>,
  ctx: z.core.$RefinementCtx<z.infer<typeof figureFields>>,
): void {
  const issue = (path: PropertyKey[], message: string, hint: string) =>
    ctx.addIssue({ code: "custom", path, message, params: { hint } });
  if (figure.unit === "currency" && figure.currency === undefined)
    issue(["unit"], "a currency figure names its currency", "add currency: USD (an ISO 4217 code)");
  else if (figure.currency !== undefined && figure.unit !== "currency")
    issue(
      ["currency"],
      "only a currency figure has a currency",
      'set unit: currency, or remove "currency"',
    );
  else if (figure.currency !== undefined && !CURRENCIES.has(figure.currency))
    issue(
      ["currency"],
      `"${figure.currency}" is not a currency code`,
      "use an ISO 4217 code such as USD, EUR or GBP",
    );
  if (figure.value !== undefined && figure.sql !== undefined) {
    issue(
      ["sql"],
      "a figure has a value or a query, not both",
      'remove "value" to compute the figure, or "sql" to type it',
    );
    return;
  }
  if (figure.sql !== undefined) return; // its value is checked once the query has run
  if (figure.value === undefined) {
    issue(
      ["value"],
      "a figure needs a value",
      "add value: (the number as published) or sql: (a query over the dataset's tables)",
    );
    return;
  }
  if (figure.source === undefined)
    issue(
      ["source"],
      "a typed figure needs a source",
      "add source: with an id from data/sources.yaml",
    );
  const value = figure.value;
  // A plain number or an amount of money may be below zero (a temperature, a deficit).
  const signed = figure.unit === "number" || figure.unit === "currency" || figure.change === true;
  if (typeof value !== "number") {
    const { low, high } = value;
    if (low > high) issue(["value", "low"], "the low end is above the high end", "swap the ends");
    if (!signed && low < 0)
      issue(["value", "low"], "the low end cannot be negative", "write the range as published");
    if (figure.unit === "count" && !(Number.isSafeInteger(low) && Number.isSafeInteger(high)))
      issue(["value"], "a count is a whole number", "write both ends as whole numbers");
    return;
  }
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
  } else if (figure.unit !== "percent" && !signed && !change && value < 0) {
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

/** How a table's column is shown by charts and tables: its label, unit and suffix. */
export const columnSchema = z.strictObject({
  label: z.string().min(1).optional(),
  unit: unitSchema.optional(),
  precision: z.number().int().min(0).max(6).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  suffix: z.string().min(1).max(40).optional(),
});

/**
 * A table of the dataset: a file in `data/` (CSV, JSON array of records, Parquet) with its
 * source, or a derived table defined by SQL over the other tables.
 */
export const tableSchema = z
  .strictObject({
    /** A path inside data/ (`cases-by-year.csv`); its extension says how it is read. */
    file: z
      .string()
      .min(1)
      .regex(/\.(csv|tsv|json|parquet)$/i, "name a .csv, .tsv, .json or .parquet file")
      .optional(),
    /** A query over the other tables, by name, for a derived table. */
    sql: sqlSchema.optional(),
    /** The source of a file table: an id in the sources registry. */
    source: z.string().min(1).optional(),
    locator: z.string().min(1).optional(),
    note: z.string().min(1).optional(),
    /** How some columns are shown (label, unit, suffix); optional. */
    columns: z.record(z.string().min(1), columnSchema).optional(),
  })
  .superRefine((table, ctx) => {
    const issue = (path: PropertyKey[], message: string, hint: string) =>
      ctx.addIssue({ code: "custom", path, message, params: { hint } });
    if (table.file === undefined && table.sql === undefined)
      issue(
        ["file"],
        "a table needs a file or a query",
        "add file: (a CSV, JSON or Parquet file in data/) or sql: (a query over other tables)",
      );
    else if (table.file !== undefined && table.sql !== undefined)
      issue(
        ["sql"],
        "a table is read from a file or derived by a query, not both",
        'keep "file" or "sql"',
      );
    else if (table.file !== undefined && table.source === undefined)
      issue(
        ["file"],
        "a table read from a file needs its source",
        "add source: with an id from data/sources.yaml",
      );
    else if (table.sql !== undefined && table.source !== undefined)
      issue(
        ["source"],
        "a derived table's sources are those of the tables it reads",
        'remove "source"',
      );
  });
export type Table = z.infer<typeof tableSchema>;

/** A table name: also its name in SQL. */
export const tableNameSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]*$/,
    "name a table with lower-case letters, digits and underscores, starting with a letter",
  );

/** A dataset file: its figures in groups, the relations between them, extra sources. */
export const datasetSchema = z.strictObject({
  title: z.string().min(3),
  /** Tables of rows that computed figures query, by name; none by default. */
  tables: z.record(tableNameSchema, tableSchema).default({}),
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

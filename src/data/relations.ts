import type { Diagnostic, SourcePosition } from "../errors/index.ts";
import type { Figure, Relation } from "./schema.ts";

const fmt1 = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });

/** What a relation check needs from a dataset: figures by key and their positions. */
export interface RelationContext {
  figure(key: string): Figure | undefined;
  positionOf(key: string, field?: string): SourcePosition | undefined;
  relationPosition(index: number): SourcePosition | undefined;
}

/** Half a unit in the last published place: how far rounding can move a value. */
export function roundingSlack(precision: number): number {
  return 0.5 * 10 ** -precision;
}

/** True when `count / of` rounds to `rate` percent at the rate's precision. */
export function rateMatches(count: number, of: number, rate: number, precision: number): boolean {
  const exact = (count / of) * 100;
  return Math.abs(exact - rate) <= roundingSlack(precision) + 1e-9;
}

/**
 * Integer counts whose share of `of` rounds to `rate` (the GRIM test), at most `limit` of
 * them; empty when none can. Only the whole numbers near rate × of ÷ 100 are tried, so the
 * work does not grow with the denominator.
 */
export function countsForRate(rate: number, of: number, precision: number, limit = 10): number[] {
  if (!Number.isFinite(rate) || !Number.isFinite(of) || of <= 0) return [];
  const slack = roundingSlack(precision);
  const low = Math.max(0, Math.ceil(((rate - slack) / 100) * of - 1e-9));
  const high = Math.floor(((rate + slack) / 100) * of + 1e-9);
  const counts: number[] = [];
  // Every whole number strictly inside [low, high] matches; only the ends can miss by rounding.
  for (let n = low; n <= high && counts.length < limit && n <= low + limit + 1; n++)
    if (rateMatches(n, of, rate, precision)) counts.push(n);
  return counts;
}

/** The largest denominator a rate may have (ten billion): more than any count of people. */
export const MAX_DENOMINATOR = 1e10;

/** Why a count or denominator cannot take part in a rate, or undefined when it can. */
export function denominatorProblem(
  value: number,
  role: "count" | "denominator",
): string | undefined {
  if (!Number.isFinite(value)) return `the ${role} is not a number`;
  if (!Number.isInteger(value)) return `the ${role} ${value} is not a whole number`;
  if (value < 0) return `the ${role} ${value} is negative`;
  if (role === "denominator" && value === 0) return "the denominator is zero";
  if (value > MAX_DENOMINATOR)
    return `the ${role} ${fmt1.format(value)} is larger than ${fmt1.format(MAX_DENOMINATOR)}`;
  return undefined;
}

/** Checks every relation of a dataset; each failure names the figures involved. */
export function checkRelations(relations: readonly Relation[], ctx: RelationContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  relations.forEach((relation, index) => {
    const keys =
      relation.kind === "rate"
        ? [relation.count, relation.of, relation.rate]
        : relation.kind === "sum"
          ? [...relation.parts, relation.total]
          : [...relation.parts, ...(relation.of ? [relation.of] : [])];
    const missing = keys.filter((k) => !ctx.figure(k));
    if (missing.length) {
      out.push({
        code: "FD_RELATION_UNKNOWN_FIGURE",
        severity: "error",
        message: `A relation names a figure that does not exist: ${missing.join(", ")}.`,
        at: ctx.relationPosition(index),
        hint: "check the spelling of the key; keys are written group.name",
      });
      return;
    }
    const value = (k: string) => {
      const v = ctx.figure(k)!.value;
      return typeof v === "number" ? v : Number.NaN;
    };
    if (relation.kind === "rate") {
      const rate = ctx.figure(relation.rate)!;
      const count = value(relation.count);
      const of = value(relation.of);
      if (rate.unit !== "percent") {
        out.push(unitError(relation.rate, "percent", ctx));
        return;
      }
      const ofProblem = denominatorProblem(of, "denominator");
      const problem = ofProblem ?? denominatorProblem(count, "count");
      if (problem) {
        out.push({
          code: "FD_RELATION_DENOMINATOR",
          severity: "error",
          message: `The rate ${relation.rate} cannot be checked: ${problem}.`,
          at: ctx.relationPosition(index),
          related: [ctx.positionOf(ofProblem ? relation.of : relation.count, "value")].filter(
            isPosition,
          ),
          hint: "a rate is a whole count out of a whole, positive denominator; check both figures against the source",
        });
        return;
      }
      if (!rateMatches(count, of, value(relation.rate), rate.precision)) {
        const exact = (count / of) * 100;
        const possible = countsForRate(value(relation.rate), of, rate.precision);
        out.push({
          code: "FD_RELATION_RATE",
          severity: "error",
          message: `${relation.rate} (${value(relation.rate)}%) does not equal ${relation.count} ÷ ${relation.of} (${count} of ${of} is ${fmt1.format(exact)}%).`,
          at: ctx.positionOf(relation.rate, "value"),
          related: [
            ctx.positionOf(relation.count, "value"),
            ctx.positionOf(relation.of, "value"),
          ].filter(isPosition),
          detail:
            possible.length === 0
              ? `no whole count out of ${of} rounds to ${value(relation.rate)}% (GRIM test): the rate or the denominator is wrong`
              : `counts out of ${of} that round to ${value(relation.rate)}%: ${possible.join(", ")}${possible.length === 10 ? ", …" : ""}`,
          hint: "check the count, the denominator and the rate against the source; one of them was changed or mistyped",
        });
      }
      return;
    }
    if (relation.kind === "shares") {
      const whole = relation.of === undefined ? undefined : value(relation.of);
      const problem = whole === undefined ? undefined : denominatorProblem(whole, "denominator");
      if (relation.of && problem) {
        out.push({
          code: "FD_RELATION_DENOMINATOR",
          severity: "error",
          message: `The shares cannot be checked against ${relation.of}: ${problem}.`,
          at: ctx.relationPosition(index),
          related: [ctx.positionOf(relation.of, "value")].filter(isPosition),
          hint: "the whole that shares are of is a whole, positive count; check it against the source",
        });
        return;
      }
      const figures = relation.parts.map((k) => ctx.figure(k)!);
      const sum = relation.parts.reduce((s, k) => s + value(k), 0);
      const slack = figures.reduce((s, f) => s + roundingSlack(f.precision), 0);
      if (Math.abs(sum - 100) > slack + 1e-9) {
        out.push({
          code: "FD_RELATION_SHARES",
          severity: "error",
          message: `Shares that should make up a whole sum to ${fmt1.format(sum)}%, not 100% (rounding allows ±${fmt1.format(slack)}).`,
          at: ctx.relationPosition(index),
          related: relation.parts.map((k) => ctx.positionOf(k, "value")).filter(isPosition),
          hint: "check each share against the source; one was changed or mistyped",
        });
      }
      return;
    }
    const total = ctx.figure(relation.total)!;
    const sum = relation.parts.reduce((s, k) => s + value(k), 0);
    const slack =
      relation.parts.reduce((s, k) => s + roundingSlack(ctx.figure(k)!.precision), 0) +
      roundingSlack(total.precision);
    const exactCounts = total.unit === "count" && total.precision === 0;
    if (
      exactCounts ? sum !== value(relation.total) : Math.abs(sum - value(relation.total)) > slack
    ) {
      out.push({
        code: "FD_RELATION_SUM",
        severity: "error",
        message: `The parts of ${relation.total} sum to ${fmt1.format(sum)}, not ${fmt1.format(value(relation.total))}.`,
        at: ctx.positionOf(relation.total, "value"),
        related: relation.parts.map((k) => ctx.positionOf(k, "value")).filter(isPosition),
        hint: "check each part and the total against the source",
      });
    }
  });
  return out;
}

function unitError(key: string, unit: string, ctx: RelationContext): Diagnostic {
  return {
    code: "FD_RELATION_UNIT",
    severity: "error",
    message: `${key} must be in ${unit} to take part in this relation.`,
    at: ctx.positionOf(key, "unit"),
    hint: `set its unit to "${unit}"`,
  };
}

function isPosition(p: SourcePosition | undefined): p is SourcePosition {
  return p !== undefined;
}

import type { Diagnostic, SourcePosition } from "../errors/index.ts";
import type { Figure, Relation } from "./schema.ts";

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

/** Integer counts whose share of `of` rounds to `rate` (the GRIM test); empty when none can. */
export function countsForRate(rate: number, of: number, precision: number): number[] {
  const slack = roundingSlack(precision);
  const low = Math.ceil(((rate - slack) / 100) * of - 1e-9);
  const high = Math.floor(((rate + slack) / 100) * of + 1e-9);
  const counts: number[] = [];
  for (let n = Math.max(0, low); n <= high; n++)
    if (rateMatches(n, of, rate, precision)) counts.push(n);
  return counts;
}

const fmt1 = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });

/** Checks every relation of a dataset; each failure names the figures involved. */
export function checkRelations(relations: readonly Relation[], ctx: RelationContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  relations.forEach((relation, index) => {
    const keys =
      relation.kind === "rate"
        ? [relation.count, relation.of, relation.rate]
        : relation.kind === "sum"
          ? [...relation.parts, relation.total]
          : relation.parts;
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
              : `counts out of ${of} that round to ${value(relation.rate)}%: ${possible.join(", ")}`,
          hint: "check the count, the denominator and the rate against the source; one of them was changed or mistyped",
        });
      }
      return;
    }
    if (relation.kind === "shares") {
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

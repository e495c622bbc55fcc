import { countsForRate, type Figure, type Relation } from "../data/index.ts";
import type { Diagnostic, SourcePosition } from "../errors/index.ts";

/** What the derived-figure checks read from a dataset. */
export interface DerivedContext {
  figure(key: string): Figure | undefined;
  positionOf(key: string, field?: string): SourcePosition | undefined;
  relationPosition(index: number): SourcePosition | undefined;
  readonly relations: readonly Relation[];
}

const UNIT_WORDS: Record<Figure["unit"], string> = {
  percent: "a percentage",
  count: "a count",
  months: "in months",
  years: "in years",
  levels: "in offense levels",
  number: "a plain number",
  currency: "an amount of money",
};

const fmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });

function positions(list: Array<SourcePosition | undefined>): SourcePosition[] {
  return list.filter((p): p is SourcePosition => p !== undefined);
}

/**
 * Checks the relations between figures that the data layer does not: that a rate is
 * taken of counts, that shares are percentages and that the parts of a sum share the total's unit; and, for shares of
 * a declared whole (`of`), the GRIM test on every share.
 */
export function checkDerivedFigures(ctx: DerivedContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  ctx.relations.forEach((relation, index) => {
    if (relation.kind === "rate") out.push(...checkRate(ctx, relation));
    else if (relation.kind === "shares") out.push(...checkShares(ctx, relation, index));
    else out.push(...checkSum(ctx, relation, index));
  });
  return out;
}

function unitProblem(
  ctx: DerivedContext,
  key: string,
  role: string,
  expected: Figure["unit"],
  related: SourcePosition[],
): Diagnostic | undefined {
  const figure = ctx.figure(key);
  if (!figure || figure.unit === expected) return undefined;
  return {
    code: "FD_CHECK_RELATION_UNIT",
    severity: "error",
    message: `${key} is ${role} in a relation, so it must be ${UNIT_WORDS[expected]}, but it is ${UNIT_WORDS[figure.unit]}.`,
    at: ctx.positionOf(key, "unit"),
    related,
    hint: `check that the relation names the right figure; if it does, set its unit to "${expected}"`,
  };
}

function checkRate(
  ctx: DerivedContext,
  relation: Extract<Relation, { kind: "rate" }>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ratePos = positions([ctx.positionOf(relation.rate, "value")]);
  for (const [key, role] of [
    [relation.count, "the count"],
    [relation.of, "the denominator"],
  ] as const) {
    const problem = unitProblem(ctx, key, role, "count", ratePos);
    if (problem) out.push(problem);
  }
  return out;
}

function checkShares(
  ctx: DerivedContext,
  relation: Extract<Relation, { kind: "shares" }>,
  index: number,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = positions([ctx.relationPosition(index)]);
  for (const key of relation.parts) {
    const problem = unitProblem(ctx, key, "a share of a whole", "percent", where);
    if (problem) out.push(problem);
  }
  // A declared whole makes each share testable: some whole count must produce it.
  const whole = (relation as { of?: string }).of;
  const total = whole ? ctx.figure(whole) : undefined;
  if (!whole || !total || typeof total.value !== "number") return out;
  for (const key of relation.parts) {
    const share = ctx.figure(key);
    if (share?.unit !== "percent" || typeof share.value !== "number") continue;
    if (countsForRate(share.value, total.value, share.precision).length > 0) continue;
    out.push({
      code: "FD_CHECK_GRIM",
      severity: "error",
      message: `${key} (${fmt.format(share.value)}%) cannot be a share of ${whole} (${fmt.format(total.value)}): no whole number out of ${fmt.format(total.value)} rounds to ${fmt.format(share.value)}%.`,
      at: ctx.positionOf(key, "value"),
      related: positions([ctx.positionOf(whole, "value")]),
      detail: "the GRIM test: with a whole of this size, only certain percentages are possible",
      hint: "check the share and the whole against the source; one was changed or mistyped",
    });
  }
  return out;
}

function checkSum(
  ctx: DerivedContext,
  relation: Extract<Relation, { kind: "sum" }>,
  index: number,
): Diagnostic[] {
  const total = ctx.figure(relation.total);
  if (!total) return [];
  const where = positions([ctx.relationPosition(index), ctx.positionOf(relation.total, "unit")]);
  const out: Diagnostic[] = [];
  for (const key of relation.parts) {
    const problem = unitProblem(ctx, key, `a part of ${relation.total}`, total.unit, where);
    if (problem) out.push(problem);
  }
  return out;
}

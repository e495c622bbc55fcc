import type { Dataset } from "../data/index.ts";
import type { Diagnostic, SourcePosition } from "../errors/index.ts";
import { findClaims } from "./claims.ts";
import { matchClaim, rangeEnds } from "./match.ts";
import type { SlideFile } from "./slide-file.ts";
import { vocabularyOf } from "./typed-figures.ts";

/** One `<Literal>` escape, listed in the report so a reviewer can see every exception. */
export interface LiteralNote {
  at: SourcePosition;
  text: string;
  reason: string;
  /** Figures the literal text equals, which a reviewer will want to look at twice. */
  matches: string[];
}

/** Lists a file's `<Literal>` uses; a missing or empty reason is a warning. */
export function collectLiterals(
  file: SlideFile,
  dataset: Dataset | undefined,
): { notes: LiteralNote[]; diagnostics: Diagnostic[] } {
  const notes: LiteralNote[] = [];
  const diagnostics: Diagnostic[] = [];
  const figures = dataset?.entries() ?? [];
  const vocabulary = dataset ? vocabularyOf(dataset) : undefined;
  for (const literal of file.literals) {
    const text = literal.text.replace(/\s+/g, " ").trim();
    const matches = new Set<string>();
    for (const claim of findClaims(text, vocabulary)) {
      const direct = matchClaim(claim, figures);
      const found =
        claim.kind === "range" && !direct.length
          ? rangeEnds(claim).flatMap((end) => matchClaim(end, figures))
          : direct;
      for (const m of found) matches.add(m.key);
    }
    notes.push({
      at: literal.at,
      text,
      reason: literal.reason?.trim() ?? "",
      matches: [...matches],
    });
    if (literal.reason !== undefined && !literal.reason.trim()) {
      diagnostics.push({
        code: "FD_CHECK_LITERAL_REASON",
        severity: "warning",
        message: "This <Literal> gives no reason why its text is not a figure.",
        at: literal.at,
        hint: 'say why, so a reviewer can agree: <Literal reason="a statute section number, not a figure">…</Literal>',
      });
    }
  }
  return { notes, diagnostics };
}

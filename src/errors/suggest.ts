import { distance } from "fastest-levenshtein";

/** The nearest candidate to a misspelled name, or undefined when none is close. */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const score = distance(name.toLowerCase(), candidate.toLowerCase());
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  if (best === undefined) return undefined;
  // A suggestion further than about half the name away is noise, not help.
  return bestScore <= Math.max(2, Math.ceil(name.length / 2)) ? best : undefined;
}

/** "did you mean …?" text for a hint, or a list of the known names. */
export function suggestion(name: string, candidates: readonly string[], what: string): string {
  const near = nearest(name, candidates);
  if (near) return `did you mean "${near}"?`;
  const shown = candidates.slice(0, 8).map((c) => `"${c}"`);
  const more = candidates.length > 8 ? `, and ${candidates.length - 8} more` : "";
  return candidates.length
    ? `known ${what}: ${shown.join(", ")}${more}`
    : `there are no ${what} to choose from`;
}

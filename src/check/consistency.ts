import type { Dataset } from "../data/index.ts";
import { formatNumber } from "../data/index.ts";
import type { Diagnostic } from "../errors/index.ts";
import type { Appearance } from "./typed-figures.ts";

/**
 * The same figure shown two ways in one deck ("28%" typed on one slide, 27.6% bound on
 * another): one finding at each typed form that differs from another appearance.
 */
export function checkConsistency(
  deckId: string,
  appearances: readonly Appearance[],
  dataset: Dataset,
): Diagnostic[] {
  const byKey = new Map<string, Appearance[]>();
  for (const a of appearances) {
    const list = byKey.get(a.key) ?? [];
    list.push(a);
    byKey.set(a.key, list);
  }
  const out: Diagnostic[] = [];
  for (const [key, list] of byKey) {
    const forms = new Set(list.map((a) => a.shown));
    if (forms.size < 2) continue;
    const figure = dataset.figure(key);
    if (!figure) continue;
    const published = formatNumber(figure);
    for (const a of list) {
      if (!a.typed || a.shown === published) continue;
      const others = list.filter((o) => o.shown !== a.shown);
      const otherForms = [...new Set(others.map((o) => o.shown))].map((f) => `"${f}"`);
      out.push({
        code: "FD_CHECK_INCONSISTENT",
        severity: "error",
        message: `The deck "${deckId}" shows ${key} as "${a.shown}" here and as ${otherForms.join(" and ")} elsewhere.`,
        at: a.at,
        related: others.slice(0, 3).map((o) => o.at),
        detail: `the dataset publishes it as ${published}; an audience that sees two forms cannot tell which is right`,
        hint: `show one figure one way: bind it everywhere with <Value of="${key}"/>`,
      });
    }
  }
  return out;
}

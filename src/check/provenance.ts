import type { Dataset, Deck, Status } from "../data/index.ts";
import type { Diagnostic, SourcePosition } from "../errors/index.ts";
import { isVisibleTo, type SlideFile } from "./slide-file.ts";

/** Every figure in a dataset says where in its source it is published (page, table). */
export function checkLocators(dataset: Dataset): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [key, figure] of dataset.entries()) {
    if (figure.locator) continue;
    out.push({
      code: "FD_CHECK_NO_LOCATOR",
      severity: "warning",
      message: `The figure ${key} does not say where in its source it is published.`,
      at: dataset.positionOf(key),
      hint: 'add a locator with the page, table or section, for example locator: "Fact sheet, Recidivism; report ch. 5, p. 61"',
    });
  }
  return out;
}

const STATUS_WORDS: Record<Status, string> = {
  primary: "checked against the primary source",
  secondary: "taken from a secondary source",
  unverified: "not verified",
};

/** Whether an audience refuses figures below primary, and where that is set. */
function strictness(deck: Deck, audience: string): { strict: boolean; at: SourcePosition } {
  const own = deck.config.audiences[audience]?.strict;
  if (own !== undefined) return { strict: own, at: deck.locate(["audiences", audience, "strict"]) };
  return { strict: deck.config.strict, at: deck.locate(["strict"]) };
}

/**
 * Figures whose status is below what an audience requires: in a strict deck or audience,
 * a secondary or unverified figure is an error at the line that binds it; elsewhere an
 * unverified figure is a warning.
 */
export function checkStatus(
  deck: Deck,
  audiences: readonly string[],
  slides: ReadonlyMap<string, SlideFile>,
  dataset: Dataset,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [slideId, file] of slides) {
    for (const binding of file.bindings) {
      for (const key of binding.keys) {
        const figure = dataset.figure(key);
        if (!figure || figure.status === "primary") continue;
        const seenBy = audiences.filter(
          (a) =>
            deck.config.audiences[a]?.slides.includes(slideId) &&
            isVisibleTo(binding.visibility, a),
        );
        const strict = seenBy.filter((a) => strictness(deck, a).strict);
        const statusAt = dataset.positionOf(key, "status");
        if (strict.length) {
          const names = strict.map((a) => `"${a}"`).join(", ");
          out.push({
            code: "FD_CHECK_STATUS",
            severity: "error",
            message: `${key} is ${STATUS_WORDS[figure.status]} (status: ${figure.status}), and the ${names} audience${strict.length > 1 ? "s" : ""} of this deck accept${strict.length > 1 ? "" : "s"} only figures checked against the primary source.`,
            at: binding.at,
            related: [statusAt, strictness(deck, strict[0]!).at].filter(
              (p): p is SourcePosition => p !== undefined,
            ),
            hint: 'check the figure against the primary source and set status: primary, or leave it out for this audience with <Audience except="…">',
          });
        } else if (figure.status === "unverified" && seenBy.length) {
          out.push({
            code: "FD_CHECK_UNVERIFIED",
            severity: "warning",
            message: `${key} is not verified (status: unverified), and this slide shows it.`,
            at: binding.at,
            related: statusAt ? [statusAt] : [],
            hint: "check the figure against its source and set its status; a strict deck (strict: true) refuses it",
          });
        }
      }
    }
  }
  return out;
}

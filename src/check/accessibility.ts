import { createHash } from "node:crypto";
import type { Deck } from "../data/index.ts";
import type { Diagnostic } from "../errors/index.ts";
import type { RenderedDeck } from "../mdx/render-deck.ts";
import { isVisibleTo, type SlideFile } from "./slide-file.ts";

/**
 * Every slide needs an h1 or h2 that its audiences see: screen readers, the speaker
 * view and the PDF outline name the slide by it.
 */
export function checkHeadings(
  deck: Deck,
  audiences: readonly string[],
  slides: ReadonlyMap<string, SlideFile>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [slideId, file] of slides) {
    const seenBy = audiences.filter((a) => deck.config.audiences[a]?.slides.includes(slideId));
    for (const section of file.sections) {
      const without = seenBy.filter(
        (a) => !section.headings.some((visibility) => isVisibleTo(visibility, a)),
      );
      if (!without.length) continue;
      const which =
        file.sections.length > 1
          ? `Slide ${section.index + 1} of "${slideId}"`
          : `The slide "${slideId}"`;
      const partly = without.length < seenBy.length;
      out.push({
        code: "FD_CHECK_NO_HEADING",
        severity: "error",
        message: partly
          ? `${which} has no heading for the ${without.map((a) => `"${a}"`).join(", ")} audience${without.length > 1 ? "s" : ""}.`
          : `${which} has no heading.`,
        at: { ...section.at, endLine: undefined, endColumn: undefined },
        hint: partly
          ? "the heading is inside an <Audience> block that these audiences do not see; give them a heading too"
          : "start the slide with a heading line such as ## What the figures show; screen readers, the speaker view and the PDF outline name the slide by it",
      });
    }
  }
  return out;
}

/** Every image has alt text: `![what it shows](file.png)` or `<img alt="…">` (`alt=""` marks decoration). */
export function checkImages(file: SlideFile): Diagnostic[] {
  return file.images
    .filter((image) => image.alt === undefined || (!image.html && !image.alt.trim()))
    .map((image) => ({
      code: "FD_CHECK_IMAGE_ALT",
      severity: "error" as const,
      message: "This image has no alt text, so a screen reader user does not learn what it shows.",
      at: image.at,
      hint: image.html
        ? 'describe what the image shows: <img src="…" alt="What the image shows"/>; write alt="" only for a purely decorative image'
        : "describe what the image shows between the brackets: ![What the image shows](file.png)",
    }));
}

/** A chart in rendered HTML that lacks its accessible name or description. */
interface ChartProblem {
  slideId: string;
  kind: string;
  keys: string;
  missing: string[];
}

const scanned = new Map<string, ChartProblem[]>();

/** An attribute's value in one tag of our own markup; undefined when it is absent. */
function attributeOf(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/**
 * The charts in a rendered slide that lack a name or description; cached by the HTML.
 * The markup is factdeck's own (`components.tsx`), so its figures are read by pattern:
 * parsing every mark of every drawing was most of this check's time.
 */
function scanCharts(html: string): ChartProblem[] {
  const hash = createHash("sha1").update(html).digest("hex");
  const hit = scanned.get(hash);
  if (hit) return hit;
  const problems: ChartProblem[] = [];
  const slideId = attributeOf(/<section\b[^>]*>/.exec(html)?.[0] ?? "", "data-fd-slide") ?? "";
  for (const m of html.matchAll(/(<figure\b[^>]*>)([\s\S]*?)<\/figure>/g)) {
    const [, tag = "", inner = ""] = m;
    if (!/\sclass="fd-chart[\s"]/.test(tag)) continue;
    const name = attributeOf(/<svg\b[^>]*>/.exec(inner)?.[0] ?? "", "aria-label")?.trim();
    const description = /<span class="fd-chart-description"[^>]*>([\s\S]*?)<\/span>/
      .exec(inner)?.[1]
      ?.replace(/<[^>]*>/g, "")
      .trim();
    const missing = [!name && "an accessible name", !description && "a text description"].filter(
      (x): x is string => !!x,
    );
    if (!missing.length) continue;
    problems.push({
      slideId,
      kind: attributeOf(tag, "data-chart") ?? "",
      keys: attributeOf(tag, "data-figures") ?? "",
      missing,
    });
  }
  scanned.set(hash, problems);
  return problems;
}

/**
 * Every rendered chart carries an accessible name and a text description: checked on
 * the HTML the audience receives, so a renderer change cannot drop them unnoticed.
 */
export function checkRenderedCharts(
  rendered: readonly RenderedDeck[],
  deck: Deck,
  slides: ReadonlyMap<string, SlideFile>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const r of rendered) {
    if (r.deck !== deck.id) continue;
    // Slide by slide, so an edit rescans only the slide that changed.
    const slidesWithCharts = r.slidesHtml
      .split(/(?=<section[\s>])/)
      .filter((html) => html.includes("fd-chart"));
    for (const { slideId, kind, keys, missing } of slidesWithCharts.flatMap(scanCharts)) {
      const id = `${slideId}:${kind}:${keys}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const chart = slides
        .get(slideId)
        ?.charts.find((c) => c.kind === kind && c.keys.join(" ") === keys);
      out.push({
        code: "FD_CHECK_CHART_DESCRIPTION",
        severity: "error",
        message: `The ${kind} chart of ${keys.split(" ").join(", ")} was rendered without ${missing.join(" or ")}.`,
        at: chart?.at,
        hint: "give the chart a title that states the takeaway; if the title is there, this is a bug in factdeck: please report it",
      });
    }
  }
  return out;
}

// The text deck the anchor tools (Slidev, Marp) build and print: the same slides in each
// tool's Markdown, comparable in kind to the flagship's prose (headings, lists, paragraphs,
// speaker notes; no charts), so only the tools differ.
import { letters } from "./synthetic.ts";

/** One slide of the anchor deck, independent of any tool's syntax. */
export interface AnchorSlide {
  heading: string;
  paragraphs: string[];
  bullets: string[];
  notes: string;
}

const SUBJECTS = [
  "the sentencing guideline",
  "the enhancement for the number of images",
  "the rate of sentences below the range",
  "the recidivism study",
  "the presentence report",
  "supervised release",
  "the statutory minimum",
  "the Commission's recommendation",
];

const CLAIMS = [
  "was written for a different kind of offense than the courts now see most often",
  "applies to nearly every case, so it no longer separates the more serious offenders",
  "varies from one district to the next more than for any other offense type",
  "counts re-arrest for any offense, not only for a sexual offense",
  "gives the court the conduct and the history the guideline does not measure",
  "sets conditions that the probation office must supervise for years",
  "binds the court whatever the guideline range says",
  "asks Congress to let the guideline measure what makes an offense more serious",
];

const POINTS = [
  "Where the figure comes from and which year it covers",
  "What the report counts and what it leaves out",
  "How the courts have responded since the report",
  "What a judge may weigh under the statute",
  "Which cases the sample leaves out",
  "What changed between the two reports",
];

/** The anchor deck's slides: a title slide, then headed slides with prose, lists and notes. */
export function anchorSlides(count: number): AnchorSlide[] {
  if (count < 1) throw new Error("anchorSlides: a deck needs at least one slide");
  const slides: AnchorSlide[] = [
    {
      heading: "Federal sentencing of non-production offenses",
      paragraphs: ["What the Commission's report found, for a briefing of the bench"],
      bullets: [],
      notes: "Welcome the audience and say what the briefing covers and what it leaves out.",
    },
  ];
  for (let i = 1; i < count; i++) {
    const pick = <T>(list: readonly T[], k: number) => list[(i * 3 + k) % list.length]!;
    const subject = pick(SUBJECTS, 0);
    const paragraph = (k: number) =>
      `${capitalize(pick(SUBJECTS, k))} ${pick(CLAIMS, k)}; section ${letters(i)} of the report explains why.`;
    // Three shapes in turn, like the flagship: prose and a list, a list alone, prose alone.
    const shape = i % 3;
    slides.push({
      heading: `${capitalize(subject)}: point ${letters(i)}`,
      paragraphs: shape === 1 ? [] : shape === 0 ? [paragraph(0)] : [paragraph(0), paragraph(1)],
      bullets: shape === 2 ? [] : [0, 1, 2, 3].map((k) => pick(POINTS, k)),
      notes: `Point ${letters(i)}: ${subject} ${pick(CLAIMS, 2)}. Take questions on it at the end.`,
    });
  }
  return slides;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function slideBody(slide: AnchorSlide, first: boolean): string {
  const parts = [`${first ? "#" : "##"} ${slide.heading}`, ...slide.paragraphs];
  if (slide.bullets.length) parts.push(slide.bullets.map((b) => `- ${b}`).join("\n"));
  // Both tools read an HTML comment at the end of a slide as its speaker notes.
  parts.push(`<!--\n${slide.notes}\n-->`);
  return parts.join("\n\n");
}

function deck(headmatter: string, slides: readonly AnchorSlide[]): string {
  return `---\n${headmatter}---\n\n${slides.map((s, i) => slideBody(s, i === 0)).join("\n\n---\n\n")}\n`;
}

/**
 * The deck as Slidev Markdown. Web fonts are off: a Slidev deck fetches them from a font
 * service by default, and nothing here may wait on the network (factdeck's fonts are local).
 */
export function slidevMarkdown(slides: readonly AnchorSlide[]): string {
  return deck(
    "theme: default\ntitle: Anchor deck\nfonts:\n  provider: none\ntransition: none\n",
    slides,
  );
}

/** The deck as Marp Markdown. */
export function marpMarkdown(slides: readonly AnchorSlide[]): string {
  return deck("marp: true\ntheme: default\ntitle: Anchor deck\npaginate: true\n", slides);
}

/** factdeck's median over an anchor's: undefined when either was not measured. */
export function ratio(
  factdeck: number | undefined,
  anchor: number | undefined,
): number | undefined {
  if (factdeck === undefined || anchor === undefined) return undefined;
  if (!Number.isFinite(factdeck) || !Number.isFinite(anchor) || anchor <= 0) return undefined;
  return factdeck / anchor;
}

/** A ratio as the table prints it beside its target, e.g. "0.48× (target ≤ 0.25×) ✗". */
export function formatRatio(value: number | undefined, limit: number): string {
  if (value === undefined) return `– (target ≤ ${limit}×)`;
  return `${value.toFixed(2)}× (target ≤ ${limit}×) ${value <= limit ? "✓" : "✗"}`;
}

/** @jsxImportSource preact */
import type { AudienceConfig, ClosingConfig } from "../data/index.ts";

/** A section of an audience's talk with the minutes it is planned to take. */
export interface PlannedSection {
  title: string;
  minutes: number;
  /** Whether `minutes` was written in deck.yaml (else it is a share of the duration). */
  stated: boolean;
  /** Index into the audience's slide list of the section's first slide. */
  start: number;
  slides: string[];
}

/**
 * The audience's sections, each with its minutes: as written, or the share of the talk its
 * slides are of every slide listed (the sources slide aside), at least one minute.
 */
export function planSections(
  audience: Pick<AudienceConfig, "sections" | "slides" | "duration">,
): PlannedSection[] {
  const listed = audience.slides.filter((s) => s !== "sources").length || 1;
  return audience.sections.map((s) => ({
    title: s.title,
    minutes:
      s.minutes ??
      Math.max(
        1,
        Math.round((audience.duration * s.slides.filter((x) => x !== "sources").length) / listed),
      ),
    stated: s.minutes !== undefined,
    start: s.start,
    slides: s.slides,
  }));
}

/** Minutes into the talk at which section `index` begins, by the plan. */
function startsAt(sections: readonly PlannedSection[], index: number): number {
  return sections.slice(0, index).reduce((sum, s) => sum + s.minutes, 0);
}

/**
 * The divider that opens a section: "Part 2 of 4", its title, and every part's title with
 * this one marked, so the room sees where the talk is. Its notes give the presenter the time.
 */
export function DividerSlide({
  sections,
  index,
  duration,
}: {
  sections: readonly PlannedSection[];
  index: number;
  duration: number;
}) {
  const section = sections[index]!;
  const from = startsAt(sections, index);
  return (
    <section
      id={`fd-part-${index + 1}`}
      class="fd-divider"
      data-fd-slide="section"
      data-fd-minutes={section.minutes}
    >
      <p class="fd-divider-kicker">
        Part {index + 1} of {sections.length}
      </p>
      <h2>{section.title}</h2>
      <ol class="fd-divider-parts" aria-label="Parts of this briefing">
        {sections.map((s, i) => (
          <li key={s.title} aria-current={i === index ? "step" : undefined}>
            {s.title}
          </li>
        ))}
      </ol>
      <aside class="notes">
        <p>
          Part {index + 1} of {sections.length}: {section.title}. Planned: {section.minutes} min
          {section.stated ? "" : " (its share of the talk by slide count)"}, from minute {from} to
          minute {from + section.minutes} of {duration}.
        </p>
      </aside>
    </section>
  );
}

/** The end slide after the sources: the closing words, the briefing's title, what follows. */
export function EndSlide({ title, closing }: { title: string; closing?: ClosingConfig }) {
  return (
    <section id="fd-end" class="fd-end" data-fd-slide="sources">
      <h2>{closing?.title ?? "Thank you"}</h2>
      {closing?.text ? <p class="fd-end-text">{closing.text}</p> : null}
      <p class="fd-end-deck">{title}</p>
      <p class="fd-end-backup">The slides after this one list every figure, for questions.</p>
      <aside class="notes">
        <p>
          End of the talk. The slides after this one are backup: every figure in the briefing with
          its source, where it is found and how it was verified.
        </p>
      </aside>
    </section>
  );
}

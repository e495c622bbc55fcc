import { readFileSync } from "node:fs";
import { parseHTML } from "linkedom";
import { escapeHtml } from "../mdx/escape-html.ts";
import type { DeckContent, FigureRow, ShownFigure, SlideContent } from "./deck-content.ts";

/** Handout paper sizes. */
export const PAPERS = {
  letter: { css: "letter", width: 8.5, height: 11 },
  a4: { css: "A4", width: 210 / 25.4, height: 297 / 25.4 },
} as const;
export type Paper = keyof typeof PAPERS;

/** Handout layouts: a slide a page, or three slides a page with ruled space. */
export type HandoutLayout = "1up" | "3up";

/**
 * Who the document is for: the participant's handout (slides, source lines, sources and the
 * figures, nothing of the presenter's), or the presenter's script (notes, timing, dataset keys).
 */
export type HandoutReader = "participant" | "presenter";

/** Page margins in inches; the running header and footer sit in the top and bottom margins. */
const MARGIN = { top: 0.75, bottom: 0.7, side: 0.65 };
const CSS_PX_PER_INCH = 96;

/** What a handout shows besides the deck page's own content. */
export interface HandoutOptions {
  paper: Paper;
  layout: HandoutLayout;
  /** Default participant. The presenter's script is always one slide a page. */
  reader?: HandoutReader;
  /** Stylesheet URLs: reveal.css and the theme, in that order. */
  stylesheets: string[];
  /** The theme the handout is printed in (written on `<html data-fd-theme>`). */
  theme: string;
  deckTitle: string;
  audienceLabel: string;
  /** Planned length in minutes. */
  duration?: number;
  /**
   * CSS display of a shown slide, as the deck page's runtime sets it; default block. The page
   * can also set it later, as `--fd-slide-display` on the root, once the deck page has told.
   */
  slideDisplay?: string;
}

const HANDOUT_CSS = readFileSync(new URL("./handout.css", import.meta.url), "utf8");

function cssString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, " ")}"`;
}

/** How large a slide is drawn: the scale from deck pixels to the thumbnail. */
export function thumbnailScale(
  paper: Paper,
  layout: HandoutLayout,
  width: number,
  height: number,
): number {
  const p = PAPERS[paper];
  const contentWidth = (p.width - 2 * MARGIN.side) * CSS_PX_PER_INCH;
  const contentHeight = (p.height - MARGIN.top - MARGIN.bottom) * CSS_PX_PER_INCH;
  if (layout === "1up") return Math.min(contentWidth / width, (0.52 * contentHeight) / height);
  // Three rows a page, each exactly a third: room for the caption and three lines of sources.
  return Math.min((0.56 * contentWidth) / width, (rowHeight(paper) - ROW_TEXT) / height);
}

/** Room the first page's title block takes in a 3-up handout (CSS px; handout.css keeps it so). */
const HEAD_3UP = 56;

/**
 * Height of a 3-up row in CSS px: a third of the page's content box less the title block,
 * so the first page holds three slides like every other.
 */
function rowHeight(paper: Paper): number {
  const contentHeight = (PAPERS[paper].height - MARGIN.top - MARGIN.bottom) * CSS_PX_PER_INCH;
  return Math.floor((contentHeight - HEAD_3UP) / 3) - 1;
}

/** What a 3-up row holds besides the slide: caption, three lines of sources, padding (px). */
const ROW_TEXT = 100;

/**
 * Every slide as a static copy for a thumbnail: no notes, shown, its headings kept out of the
 * outline, its reveal.js links pointed at the handout's sources. One parse for the whole deck.
 */
function staticSlides(slides: readonly SlideContent[]): string[] {
  const { document } = parseHTML(`<div>${slides.map((s) => s.html).join("\n")}</div>`);
  const sections = [...document.querySelectorAll("div > section")];
  for (const section of sections) {
    section.classList.add("present");
    section.removeAttribute("id");
    // The handout's own caption is the bookmark; the slide's heading would repeat it.
    for (const h of section.querySelectorAll("h1, h2, h3, h4, h5, h6"))
      h.setAttribute("role", "none");
    for (const a of section.querySelectorAll('a[href^="#/"]'))
      a.setAttribute("href", "#fd-handout-sources");
  }
  return sections.map((s) => s.outerHTML);
}

/** A slide drawn at `scale`: its deck-size layout box, scaled when painted. */
function thumbnail(sectionHtml: string, deck: DeckContent, scale: number): string {
  const w = deck.width;
  const h = deck.height;
  return `<div class="fd-handout-thumb" style="width:${(w * scale).toFixed(2)}px;height:${(h * scale).toFixed(2)}px">
<div class="reveal" style="width:${w}px;height:${h}px;transform:scale(${scale.toFixed(5)})"><div class="slides" style="width:${w}px;height:${h}px">${sectionHtml}</div></div>
</div>`;
}

/** "Source [1] Short name — where: value, value · where: value" for the figures on a slide. */
export function sourceLine(
  figures: readonly ShownFigure[],
  rows: ReadonlyMap<string, FigureRow>,
  shortNames: ReadonlyMap<number, string>,
): string {
  const bySource = new Map<number, Map<string, string[]>>();
  const seen = new Set<string>();
  for (const f of figures) {
    if (seen.has(f.key)) continue;
    seen.add(f.key);
    const row = rows.get(f.key);
    const n = row?.source ?? 0;
    const where = row?.locator && row.locator !== "—" ? row.locator : "";
    const byWhere = bySource.get(n) ?? new Map<string, string[]>();
    bySource.set(n, byWhere);
    const status = row && row.status !== "primary" ? ` (${row.statusText.toLowerCase()})` : "";
    byWhere.set(where, [
      ...(byWhere.get(where) ?? []),
      `<span class="fd-value">${escapeHtml(f.text)}</span>${escapeHtml(status)}`,
    ]);
  }
  if (!bySource.size) return "";
  const parts = [...bySource].map(([n, byWhere]) => {
    const name = n ? `<b>[${n}]</b> ${escapeHtml(shortNames.get(n) ?? "")}` : "<b>[?]</b>";
    const places = [...byWhere]
      .map(([where, values]) => `${where ? `${escapeHtml(where)}: ` : ""}${values.join(", ")}`)
      .join(" · ");
    return `${name.trim()} — ${places}`;
  });
  const label = bySource.size > 1 ? "Sources" : "Source";
  return `<p class="fd-handout-sources">${label}: ${parts.join("; ")}</p>`;
}

function slideBlock(
  slide: SlideContent,
  sectionHtml: string,
  deck: DeckContent,
  options: HandoutOptions,
  scale: number,
  rows: ReadonlyMap<string, FigureRow>,
  shortNames: ReadonlyMap<number, string>,
  timing: ReadonlyMap<number, string>,
): string {
  const presenter = options.reader === "presenter";
  const oneUp = presenter || options.layout === "1up";
  // The script prints the notes, so their figures are sourced too; a handout shows the slide only.
  const figures = slide.figures.filter((f) => presenter || !f.inNotes);
  const sources = slide.isSources ? "" : sourceLine(figures, rows, shortNames);
  const caption = `<h2 class="fd-handout-caption"><span class="fd-handout-no">Slide ${slide.number}</span> ${escapeHtml(slide.title)}</h2>`;
  const picture = `${thumbnail(sectionHtml, deck, scale)}\n${sources}`;
  const id = `fd-handout-slide-${slide.number}`;
  if (presenter) {
    const time = timing.get(slide.number);
    const clock = time ? `<p class="fd-handout-timing">${escapeHtml(time)}</p>` : "";
    const notes = slide.notesHtml
      ? `<div class="fd-handout-notes"><p class="fd-handout-notes-label">Speaker notes</p>${slide.notesHtml}</div>`
      : `<div class="fd-handout-notes"><p class="fd-handout-no-notes">No speaker notes for this slide.</p></div>`;
    return `<article class="fd-handout-slide" id="${id}">\n${caption}\n${clock}\n${picture}\n${notes}\n</article>`;
  }
  if (oneUp) {
    const lines = `<div class="fd-handout-rules fd-handout-rules-below" aria-hidden="true">${"<span></span>".repeat(7)}</div>`;
    return `<article class="fd-handout-slide" id="${id}">\n${caption}\n${picture}\n${lines}\n</article>`;
  }
  const rules = `<div class="fd-handout-rules" aria-hidden="true">${"<span></span>".repeat(8)}</div>`;
  return `<article class="fd-handout-slide" id="${id}">\n<div>${caption}\n${picture}</div>\n${rules}\n</article>`;
}

/** For the script: at each divider, the section's planned minutes and where the talk should be. */
function sectionTiming(deck: DeckContent, duration?: number): Map<number, string> {
  const out = new Map<number, string>();
  const parts = deck.slides.filter((s) => s.section);
  let at = 0;
  parts.forEach((s, i) => {
    const { minutes } = s.section!;
    out.set(
      s.number,
      `Part ${i + 1} of ${parts.length} · ${minutes} min planned · minute ${at} to ${at + minutes}${duration ? ` of ${duration}` : ""}`,
    );
    at += minutes;
  });
  return out;
}

/** The script's first page: the plan of the talk, part by part, against the clock. */
function timingTable(deck: DeckContent, duration?: number): string {
  const parts = deck.slides.filter((s) => s.section);
  if (!parts.length) return "";
  let at = 0;
  const rows = parts.map((s, i) => {
    const next = parts[i + 1]?.number ?? deck.slides.find((x) => x.isSources)?.number;
    const slides = next ? `${s.number}–${next - 1}` : `${s.number}–`;
    const row = `<tr><th scope="row">${escapeHtml(s.section!.title)}</th><td>${slides}</td><td class="fd-num">${s.section!.minutes} min</td><td class="fd-num">${at}–${at + s.section!.minutes}</td></tr>`;
    at += s.section!.minutes;
    return row;
  });
  return `<section class="fd-handout-plan" aria-labelledby="fd-handout-plan">
<h2 id="fd-handout-plan">Timing${duration ? ` · ${duration} minutes` : ""}</h2>
<table class="fd-handout-table">
<thead><tr><th scope="col">Part</th><th scope="col">Slides</th><th scope="col">Planned</th><th scope="col">Minutes into the talk</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
</section>`;
}

function appendix(deck: DeckContent, presenter: boolean): string {
  const usedOn = new Map<string, number[]>();
  for (const s of deck.slides) {
    if (s.isSources) continue;
    for (const f of s.figures) {
      const list = usedOn.get(f.key) ?? [];
      if (!list.includes(s.number)) list.push(s.number);
      usedOn.set(f.key, list);
    }
  }
  const figureRows = deck.figures
    .map(
      (f) => `<tr data-figure="${escapeHtml(f.key)}" data-status="${escapeHtml(f.status)}">
<th scope="row">${escapeHtml(f.label)}${presenter ? `<span class="fd-handout-key">${escapeHtml(f.key)}</span>` : ""}</th>
<td class="fd-num">${escapeHtml(f.value)}</td>
<td>[${f.source}]</td>
<td>${escapeHtml(f.locator)}${f.derivation ? `<span class="fd-handout-derivation">${escapeHtml(f.derivation.from)}<code>${escapeHtml(f.derivation.sql)}</code></span>` : ""}</td>
<td class="fd-status fd-status-${escapeHtml(f.status)}">${escapeHtml(f.statusText)}</td>
<td>${(usedOn.get(f.key) ?? []).join(", ")}</td>
</tr>`,
    )
    .join("\n");
  const figures = deck.figures.length
    ? `<table class="fd-handout-table fd-handout-figures">
<thead><tr><th scope="col">Figure</th><th scope="col">Value</th><th scope="col">Source</th><th scope="col">Where</th><th scope="col">Status</th><th scope="col">Slides</th></tr></thead>
<tbody>
${figureRows}
</tbody>
</table>`
    : "<p>This deck shows no figures from its dataset.</p>";
  const sources = deck.sources.length
    ? `<ol class="fd-handout-source-list">${deck.sources.map((s) => `<li>${s.html}${presenter && s.note ? `<span class="fd-source-note">${escapeHtml(s.note)}</span>` : ""}</li>`).join("\n")}</ol>`
    : "<p>No sources.</p>";
  const charts = deck.charts.length
    ? deck.charts
        .map((c, i) => {
          // The heading names the table; its caption would repeat the chart's title.
          const table = c.tableHtml
            .replace(/<caption>[\s\S]*?<\/caption>/, "")
            .replace(
              /^<table class="/,
              `<table aria-labelledby="fd-handout-chart-${i + 1}" class="fd-handout-table fd-handout-chart-table `,
            );
          return `<section class="fd-handout-chart">\n<h3 id="fd-handout-chart-${i + 1}">${escapeHtml(c.title)} <span class="fd-handout-no">(slide ${c.slide})</span></h3>\n${table}\n</section>`;
        })
        .join("\n")
    : "<p>This deck has no charts.</p>";
  return `<section class="fd-handout-appendix" aria-labelledby="fd-handout-figures">
<h2 id="fd-handout-figures">Appendix A · Figures in this briefing</h2>
<p>Every figure the slides${presenter && deck.slides.some((s) => s.notesHtml) ? " and speaker notes" : ""} show, exactly as shown, with its source, where in the source it is found, and how it was verified${presenter ? "; under each label, its key in the dataset" : ""}.</p>
${figures}
<h2 id="fd-handout-sources">Appendix B · Sources</h2>
${sources}
<h2 id="fd-handout-charts">Appendix C · Chart data</h2>
${charts}
</section>`;
}

/** The handout document for one deck page: cover line, slides with notes or rules, appendix. */
export function handoutHtml(deck: DeckContent, options: HandoutOptions): string {
  const scale = thumbnailScale(
    options.paper,
    options.reader === "presenter" ? "1up" : options.layout,
    deck.width,
    deck.height,
  );
  const rows = new Map(deck.figures.map((f) => [f.key, f]));
  const shortNames = new Map(
    deck.sources.map((s) => [s.number, s.short ?? ""] as [number, string]),
  );
  const paper = PAPERS[options.paper];
  const presenter = options.reader === "presenter";
  const layout: HandoutLayout = presenter ? "1up" : options.layout;
  const kind = presenter ? "Presenter's script" : "Handout";
  const title = `${options.deckTitle} — ${options.audienceLabel} — ${kind}`;
  // Backup slides are the appendix's figure table; a divider has nothing to take home.
  const shown = deck.slides.filter((s) => !s.isBackup && (presenter || !s.section));
  const meta = [
    `${kind} for ${options.audienceLabel}`,
    options.duration ? `${options.duration} minutes` : "",
    `${shown.length} slides`,
    presenter
      ? "slides with speaker notes"
      : layout === "1up"
        ? "a slide a page"
        : "three slides a page",
  ].filter(Boolean);
  const timing = presenter ? sectionTiming(deck, options.duration) : new Map<number, string>();
  const pageCss = `@page {
  size: ${paper.css};
  margin: ${MARGIN.top}in ${MARGIN.side}in ${MARGIN.bottom}in;
  @top-left { content: ${cssString(options.deckTitle)}; font: 7.5pt var(--fd-font-body); color: var(--fd-muted); vertical-align: bottom; padding-bottom: 8pt; }
  @top-right { content: ${cssString(options.audienceLabel)}; font: 7.5pt var(--fd-font-body); color: var(--fd-muted); vertical-align: bottom; padding-bottom: 8pt; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 7.5pt var(--fd-font-body); color: var(--fd-muted); vertical-align: top; padding-top: 8pt; }
}
.fd-handout-3up .fd-handout-slide { height: ${rowHeight(options.paper)}px; }
:root { --fd-thumb-width: ${(deck.width * scale).toFixed(2)}px; }
.fd-handout-thumb > .reveal > .slides > section { display: var(--fd-slide-display, ${options.slideDisplay ?? "block"}); }`;
  const copies = staticSlides(shown);
  const slides = shown
    .map((s, i) =>
      slideBlock(s, copies[i] ?? "", deck, { ...options, layout }, scale, rows, shortNames, timing),
    )
    .join("\n");
  return `<!doctype html>
<html lang="${escapeHtml(deck.lang)}" data-fd-theme="${escapeHtml(options.theme)}" class="print-pdf">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
${options.stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join("\n")}
<style>
${HANDOUT_CSS}
${pageCss}
</style>
</head>
<body class="fd-handout fd-handout-${layout} fd-handout-${presenter ? "presenter" : "participant"}">
<header class="fd-handout-head">
<h1>${escapeHtml(options.deckTitle)}</h1>
<p class="fd-handout-meta">${meta.map(escapeHtml).join(" · ")}</p>
</header>
<main>
${presenter ? timingTable(deck, options.duration) : ""}
${slides}
${appendix(deck, presenter)}
</main>
</body>
</html>
`;
}

import { parseHTML } from "linkedom";

/** A bound figure as a slide shows it: its dataset key and its text exactly as built. */
export interface ShownFigure {
  key: string;
  text: string;
  status: string;
  /** True when the figure is in the speaker notes rather than on the slide. */
  inNotes: boolean;
  /** True when a chart shows the figure (drawn in SVG, so its text is the chart's). */
  inChart?: boolean;
}

/** One slide of a built deck page, in presentation order. */
export interface SlideContent {
  /** 1-based position, as the slide number shows it. */
  number: number;
  id: string;
  /** Text of the slide's first heading (or its id when it has none). */
  title: string;
  /** The `<section>` without its speaker notes. */
  html: string;
  /** Inner HTML of the slide's `<aside class="notes">`; empty when it has none. */
  notesHtml: string;
  figures: ShownFigure[];
  /** A generated sources slide (they are the sources, so they need no source line). */
  isSources: boolean;
  /** A backup figure table after the end slide: the handouts' appendix holds it instead. */
  isBackup: boolean;
  /** A generated section divider: its section's title and planned minutes. */
  section?: { title: string; minutes: number };
}

/** A row of the generated "Figures in this briefing" table. */
export interface FigureRow {
  key: string;
  label: string;
  value: string;
  /** Source number as the slides show it (1-based). */
  source: number;
  locator: string;
  status: string;
  statusText: string;
  /** How a computed figure was derived: its query and the files it read; absent for a typed one. */
  derivation?: { sql: string; from: string };
}

/** A numbered source from the generated sources slide. */
export interface SourceEntry {
  number: number;
  /** The list item's inner HTML: title, publisher, date, URL, note. */
  html: string;
  /** The short name the slides' source marks use, when they carry one. */
  short?: string;
  /** The registry's note on the source (what is and is not recorded): for the presenter only. */
  note?: string;
}

/** A chart's data table, with the slide that shows the chart. */
export interface ChartData {
  slide: number;
  title: string;
  /** The chart's `<table>` as built, without the class that hides it on screen. */
  tableHtml: string;
}

/** Everything the PDF export reads from one built deck page. */
export interface DeckContent {
  deck: string;
  audience: string;
  /** The page's `<title>`. */
  title: string;
  lang: string;
  theme: string;
  width: number;
  height: number;
  /** Attribute names the built page gives the `.reveal` element. */
  rootAttributes: string[];
  slides: SlideContent[];
  figures: FigureRow[];
  sources: SourceEntry[];
  charts: ChartData[];
}

const text = (el: Element | null | undefined) =>
  (el?.textContent ?? "").replace(/\s+/g, " ").trim();

/** Reads slides, notes, figures, sources and chart tables from a built deck page's HTML. */
export function readDeckContent(html: string): DeckContent {
  const { document } = parseHTML(html);
  const reveal = document.querySelector(".reveal");
  if (!reveal) throw new Error("the page has no .reveal element; is it a factdeck deck page?");
  // Vertical stacks hold slides of their own; every slide is a section without child sections.
  const sections = [...reveal.querySelectorAll(".slides section")].filter(
    (s) => !s.querySelector("section"),
  );
  const shortNames = new Map<number, string>();
  for (const a of reveal.querySelectorAll("a.fd-src[aria-label]")) {
    const m = /^source (\d+): (.+)$/.exec(a.getAttribute("aria-label") ?? "");
    if (m) shortNames.set(Number(m[1]), m[2]!);
  }
  [...reveal.querySelectorAll(".fd-source-list > li[data-short]")].forEach((li, i) => {
    shortNames.set(i + 1, li.getAttribute("data-short")!);
  });
  const sourceNotes = new Map<number, string>();
  for (const li of reveal.querySelectorAll(".fd-source-notes > li[data-source]"))
    sourceNotes.set(Number(li.getAttribute("data-source")), text(li).replace(/^\[\d+\]\s*/, ""));

  const figures: FigureRow[] = [...reveal.querySelectorAll(".fd-figure-table tbody tr")].map(
    (tr) => {
      const cells = [...tr.querySelectorAll("th, td")];
      const derived = cells[3]?.querySelector(".fd-derivation");
      const sql = derived?.querySelector("code");
      const derivation = derived
        ? { sql: sql?.textContent?.trim() ?? "", from: text(derived).replace(text(sql), "").trim() }
        : undefined;
      derived?.remove();
      return {
        key: tr.getAttribute("data-figure") ?? "",
        label: text(cells[0]),
        value: text(cells[1]),
        source: Number(text(cells[2])) || 0,
        locator: text(cells[3]) || "—",
        status: tr.getAttribute("data-status") ?? "",
        statusText: text(cells[4]),
        derivation,
      };
    },
  );
  const rowOf = new Map(figures.map((f) => [f.key, f]));

  const slides: SlideContent[] = [];
  const charts: ChartData[] = [];
  sections.forEach((section, i) => {
    const number = i + 1;
    const shown: ShownFigure[] = [];
    for (const el of section.querySelectorAll("[data-figure]")) {
      // A stat wraps its value, a table row its value cell: the innermost figure is the shown one.
      if (el.querySelector("[data-figure]")) continue;
      shown.push({
        key: el.getAttribute("data-figure") ?? "",
        text: text(el.querySelector(".fd-num") ?? el),
        status:
          el.getAttribute("data-status") ??
          el.closest("[data-status]")?.getAttribute("data-status") ??
          "",
        inNotes: !!el.closest("aside.notes"),
      });
    }
    for (const figure of section.querySelectorAll("figure.fd-chart")) {
      // A chart draws its figures in SVG; the figure table has them as the slides format them.
      for (const key of (figure.getAttribute("data-figures") ?? "").split(/\s+/)) {
        const row = rowOf.get(key);
        if (key && !shown.some((f) => f.key === key && !f.inNotes))
          shown.push({
            key,
            text: row?.value ?? key,
            status: row?.status ?? "",
            inNotes: false,
            inChart: true,
          });
      }
      const table = figure.querySelector("table.fd-chart-table");
      if (!table) continue;
      const copy = table.cloneNode(true) as Element;
      copy.classList.remove("fd-sr-only");
      charts.push({
        slide: number,
        title:
          text(figure.querySelector(".fd-chart-title")) || text(table.querySelector("caption")),
        tableHtml: copy.outerHTML,
      });
    }
    const notes = section.querySelector("aside.notes");
    const slide = section.cloneNode(true) as Element;
    for (const aside of slide.querySelectorAll("aside.notes")) aside.remove();
    const heading = slide.querySelector("h1, h2, h3");
    slides.push({
      number,
      id: section.getAttribute("id") ?? `slide-${number}`,
      title: text(heading) || (section.getAttribute("id") ?? `Slide ${number}`),
      html: slide.outerHTML,
      notesHtml: notes ? notes.innerHTML.trim() : "",
      figures: shown,
      isSources: section.getAttribute("data-fd-slide") === "sources",
      isBackup: section.hasAttribute("data-fd-backup"),
      section: section.classList.contains("fd-divider")
        ? {
            title: text(section.querySelector("h2")),
            minutes: Number(section.getAttribute("data-fd-minutes")) || 0,
          }
        : undefined,
    });
  });

  const sources: SourceEntry[] = [...reveal.querySelectorAll(".fd-source-list > li")].map(
    (li, i) => ({
      number: i + 1,
      html: li.innerHTML,
      short: shortNames.get(i + 1),
      note: sourceNotes.get(i + 1),
    }),
  );

  return {
    deck: reveal.getAttribute("data-fd-deck") ?? "",
    audience: reveal.getAttribute("data-fd-audience") ?? "",
    title: text(document.querySelector("title")),
    lang: document.documentElement.getAttribute("lang") ?? "en",
    theme: document.documentElement.getAttribute("data-fd-theme") ?? "",
    width: Number(reveal.getAttribute("data-fd-width")) || 1280,
    height: Number(reveal.getAttribute("data-fd-height")) || 720,
    rootAttributes: [...reveal.attributes].map((a) => a.name),
    slides,
    figures,
    sources,
    charts,
  };
}

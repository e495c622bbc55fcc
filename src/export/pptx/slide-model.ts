import { parseHTML } from "linkedom";

/** A run of text with the marks the slide gave it. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  mono?: boolean;
  /** A bound figure's key: the run is its formatted value. */
  figure?: string;
  /** The run is a source mark, linked to the sources slide. */
  sourceMark?: boolean;
  /** The run says a figure is from a secondary source, as the theme's `::after` does. */
  secondaryTag?: boolean;
  muted?: boolean;
  link?: string;
  superscript?: boolean;
  subscript?: boolean;
  /** A line break before this run. */
  breakBefore?: boolean;
}

/** Paragraph styles, named after the theme's size tokens. */
export type TextStyle =
  | "body"
  | "lead"
  | "small"
  | "quote"
  | "notice"
  | "reference"
  | "code"
  | "caption";

/** A headline figure: the big number, its words, its label. */
export interface StatModel {
  figure: string;
  status?: string;
  qualifier?: string;
  value: string;
  unit?: string;
  /** The source mark beside the number, when the slide shows marks. */
  mark?: string;
  label: Run[];
}

/** A chart as the slide asked for it: kind, figure keys, takeaway, and its text description. */
export interface SlideChart {
  /** The render's chart model id (`data-chart-id`): its data, rows and roles. */
  id?: string;
  kind: string;
  keys: string[];
  title: string;
  description: string;
  /** The source marks under the chart ("Source: 1"). */
  marks: string[];
}

/** A table row: its cells as runs, and the figure it lists (the figure index). */
export interface TableRow {
  cells: Run[][];
  figure?: string;
  /** Per cell: `warning` for a secondary or unverified status. */
  tones: Array<"warning" | undefined>;
}

/** One block of a slide, top to bottom. */
export type Block =
  | { type: "heading"; level: 1 | 2 | 3; runs: Run[] }
  | { type: "text"; style: TextStyle; runs: Run[] }
  | {
      type: "list";
      ordered: boolean;
      style: TextStyle;
      items: Array<{ runs: Run[]; level: number }>;
    }
  | { type: "stats"; stats: StatModel[] }
  | { type: "chart"; chart: SlideChart }
  | { type: "columns"; columns: Block[][] }
  | {
      type: "table";
      header: string[];
      rows: TableRow[];
      figureIndex: boolean;
      /** Per column: numbers, set right-aligned as the slide sets them. */
      numeric?: boolean[];
    }
  | { type: "rule" }
  /** The slide's source line, set at its foot. */
  | { type: "footer"; runs: Run[] };

/** One rendered `<section>` as PowerPoint objects will show it. */
export interface SlideModel {
  id: string;
  /** The cover: a slide whose heading is the deck's `h1`. */
  cover: boolean;
  /** One of the generated sources slides. */
  sources: boolean;
  blocks: Block[];
  /** Speaker notes, a paragraph per entry. */
  notes: string[];
  /** Elements this writer cannot show as they are: tag and class, for a warning. */
  unsupported: string[];
}

// linkedom's nodes, typed as the DOM lib types them.
type El = Element;
const ELEMENT = 1;
const TEXT = 3;

const tagOf = (el: El) => el.tagName.toLowerCase();
const classes = (el: El) => (el.getAttribute("class") ?? "").split(/\s+/).filter(Boolean);
const describe = (el: El) => {
  const cls = classes(el);
  return `<${tagOf(el)}${cls.length ? ` class="${cls.join(" ")}"` : ""}>`;
};

/** Collapses white space as HTML does, keeping single spaces between words. */
const collapse = (text: string) => text.replace(/\s+/g, " ");

function styleOf(el: El, inherited: TextStyle): TextStyle {
  const cls = classes(el);
  if (cls.includes("fd-lead")) return "lead";
  if (cls.includes("fd-small")) return "small";
  return inherited;
}

/** Reads rendered slides into models, section by section. */
export function readSlides(slidesHtml: string): SlideModel[] {
  const { document } = parseHTML(`<!doctype html><html><body>${slidesHtml}</body></html>`);
  return [...document.querySelectorAll("body > section")].map((s) => readSection(s as El));
}

function readSection(section: El): SlideModel {
  const slide: SlideModel = {
    id: section.getAttribute("id") ?? "",
    cover: !!section.querySelector(":scope > h1"),
    sources: section.getAttribute("data-fd-slide") === "sources",
    blocks: [],
    notes: [],
    unsupported: [],
  };
  // With one source the slide's source line says it all and the theme hides the marks.
  const line = section.querySelector(":scope > .fd-source-line");
  const reader = new BlockReader(slide, line?.getAttribute("data-count") === "1");
  slide.blocks = reader.blocks([...section.children] as El[], "body");
  return slide;
}

class BlockReader {
  constructor(
    private readonly slide: SlideModel,
    private readonly hideMarks: boolean,
  ) {}

  private unsupported(el: El): void {
    const what = describe(el);
    if (!this.slide.unsupported.includes(what)) this.slide.unsupported.push(what);
  }

  blocks(children: El[], style: TextStyle): Block[] {
    const out: Block[] = [];
    // Loose inline content between blocks (a div holding text and a list) becomes a paragraph.
    let loose: Run[] = [];
    const flush = () => {
      if (loose.some((r) => r.text.trim()))
        out.push({ type: "text", style, runs: trimRuns(loose) });
      loose = [];
    };
    for (const el of children) {
      const tag = tagOf(el);
      if (INLINE.has(tag)) {
        loose.push(...this.runs(el, {}));
        continue;
      }
      flush();
      out.push(...this.block(el, style));
    }
    flush();
    return out;
  }

  private block(el: El, style: TextStyle): Block[] {
    const tag = tagOf(el);
    const cls = classes(el);
    if (tag === "aside" && cls.includes("notes")) {
      this.slide.notes.push(...notesParagraphs(el));
      return [];
    }
    if (
      tag === "h1" ||
      tag === "h2" ||
      tag === "h3" ||
      tag === "h4" ||
      tag === "h5" ||
      tag === "h6"
    ) {
      const level = tag === "h1" ? 1 : tag === "h2" ? 2 : 3;
      return [{ type: "heading", level, runs: this.inline(el) }];
    }
    if (tag === "p" && cls.includes("fd-source-line"))
      return [{ type: "footer", runs: this.inline(el) }];
    if (tag === "p") return [{ type: "text", style: styleOf(el, style), runs: this.inline(el) }];
    if (tag === "ul" || tag === "ol") {
      const listStyle = cls.includes("fd-source-list")
        ? "reference"
        : styleOf(el, style === "notice" ? "notice" : style);
      return [{ type: "list", ordered: tag === "ol", style: listStyle, items: this.items(el, 0) }];
    }
    if (tag === "blockquote") return this.restyle(this.blocks(kids(el), "quote"), "quote");
    if (tag === "pre")
      return [{ type: "text", style: "code", runs: this.runs(el, { mono: true }, true) }];
    if (tag === "hr") return [{ type: "rule" }];
    if (tag === "figure" && cls.includes("fd-chart"))
      return [{ type: "chart", chart: readChart(el) }];
    if (tag === "table") return [this.table(el)];
    if (tag === "figure" && cls.includes("fd-table")) {
      // A slide table of rows: its caption is the takeaway, set above it as a chart's title is.
      const table = el.querySelector("table");
      const title = collapse(el.querySelector("caption")?.textContent ?? "").trim();
      return [
        ...(title ? [{ type: "heading", level: 3, runs: [{ text: title }] } as Block] : []),
        ...(table ? [this.table(table as El)] : []),
      ];
    }
    if (tag === "div" && cls.includes("fd-stats"))
      return [{ type: "stats", stats: kids(el).map((s) => this.stat(s)) }];
    if (tag === "div" && cls.includes("fd-stat"))
      return [{ type: "stats", stats: [this.stat(el)] }];
    if (tag === "div" && cls.includes("fd-columns"))
      return [
        {
          type: "columns",
          columns: kids(el).map((c) => this.blocks(tagOf(c) === "div" ? kids(c) : [c], style)),
        },
      ];
    if (tag === "div" && cls.includes("fd-notice"))
      return this.restyle(this.blocks(kids(el), "notice"), "notice");
    if (tag === "div" || tag === "section") return this.blocks(kids(el), styleOf(el, style));
    if (tag === "dl") return this.definitions(el, style);
    // Anything else (images, details, figures that are not charts): its words are kept as a
    // paragraph and the slide is reported, so nothing disappears unnoticed.
    this.unsupported(el);
    const text = collapse(el.textContent ?? "").trim();
    const alt = el.getAttribute("alt");
    const words = text || (alt ? `[image: ${alt}]` : "");
    return words ? [{ type: "text", style, runs: [{ text: words }] }] : [];
  }

  private stat(el: El): StatModel {
    const text = (selector: string) => {
      const found = el.querySelector(selector);
      return found ? collapse(found.textContent ?? "").trim() : undefined;
    };
    const label = el.querySelector(".fd-stat-label");
    return {
      figure: el.getAttribute("data-figure") ?? "",
      status: el.getAttribute("data-status") ?? undefined,
      qualifier: text(".fd-stat-qualifier"),
      value: text(".fd-stat-value .fd-value") ?? "",
      unit: text(".fd-stat-unit"),
      mark: this.hideMarks ? undefined : text(".fd-stat-value .fd-src"),
      label: label ? this.inline(label as El) : [],
    };
  }

  private restyle(blocks: Block[], style: TextStyle): Block[] {
    return blocks.map((b) => (b.type === "text" && b.style === "body" ? { ...b, style } : b));
  }

  private definitions(el: El, style: TextStyle): Block[] {
    return kids(el).map((item) =>
      tagOf(item) === "dt"
        ? { type: "text", style, runs: this.runs(item, { bold: true }) }
        : { type: "text", style, runs: this.inline(item) },
    );
  }

  private items(list: El, level: number): Array<{ runs: Run[]; level: number }> {
    const out: Array<{ runs: Run[]; level: number }> = [];
    for (const li of kids(list)) {
      if (tagOf(li) !== "li") {
        this.unsupported(li);
        continue;
      }
      const own: Run[] = [];
      // A divider's list of parts: the current one stands out, as the theme sets it.
      const current = li.getAttribute("aria-current") ? { bold: true } : {};
      const nested: Array<{ runs: Run[]; level: number }> = [];
      for (const child of li.childNodes as unknown as ChildNode[]) {
        if (child.nodeType === ELEMENT && ["ul", "ol"].includes(tagOf(child as El)))
          nested.push(...this.items(child as El, level + 1));
        else if (child.nodeType === ELEMENT && tagOf(child as El) === "p") {
          if (own.length) own.push({ text: "", breakBefore: true });
          own.push(...this.inline(child as El));
        } else own.push(...this.node(child, current));
      }
      out.push({ runs: trimRuns(own), level }, ...nested);
    }
    return out;
  }

  private table(el: El): Block {
    const figureIndex = classes(el).includes("fd-figure-table");
    const header = [...el.querySelectorAll("thead th")].map((th) =>
      collapse(th.textContent ?? "").trim(),
    );
    const rows: TableRow[] = [...el.querySelectorAll("tbody tr")].map((tr) => {
      const cells = kids(tr as El);
      return {
        figure: (tr as El).getAttribute("data-figure") ?? undefined,
        cells: cells.map((c) => this.inline(c)),
        tones: cells.map((c) =>
          classes(c).some((k) => k === "fd-status-secondary" || k === "fd-status-unverified")
            ? "warning"
            : undefined,
        ),
      };
    });
    const numeric = [...el.querySelectorAll("thead th")].map((th) =>
      classes(th as El).includes("fd-cell-num"),
    );
    return { type: "table", header, rows, figureIndex, numeric };
  }

  /** The runs of an element's content, white space collapsed and trimmed at the ends. */
  inline(el: El): Run[] {
    return trimRuns(this.runs(el, {}));
  }

  runs(el: El, marks: Omit<Run, "text">, pre = false): Run[] {
    const out: Run[] = [];
    for (const child of el.childNodes as unknown as ChildNode[])
      out.push(...this.node(child, marks, pre));
    return out;
  }

  private node(node: ChildNode, marks: Omit<Run, "text">, pre = false): Run[] {
    if (node.nodeType === TEXT) {
      const text = pre ? (node.textContent ?? "") : collapse(node.textContent ?? "");
      return text ? [{ ...marks, text }] : [];
    }
    if (node.nodeType !== ELEMENT) return [];
    const el = node as El;
    const tag = tagOf(el);
    const cls = classes(el);
    if (cls.includes("fd-value")) {
      const figure = el.getAttribute("data-figure") ?? undefined;
      const runs: Run[] = [{ ...marks, text: collapse(el.textContent ?? ""), figure, bold: true }];
      if (el.getAttribute("data-status") === "secondary")
        runs.push({ ...marks, text: " (secondary source)", secondaryTag: true, muted: true });
      return runs;
    }
    if (cls.includes("fd-src")) {
      if (this.hideMarks) return [];
      const n = collapse(el.textContent ?? "").trim();
      return [
        {
          ...marks,
          text: tag === "sup" ? n : ` ${n}`,
          sourceMark: true,
          superscript: tag === "sup",
          muted: true,
        },
      ];
    }
    if (cls.includes("fd-src-box"))
      return [{ ...marks, text: collapse(el.textContent ?? "").trim() }];
    if (tag === "br") return [{ ...marks, text: "", breakBefore: true }];
    if (tag === "strong" || tag === "b") return this.runs(el, { ...marks, bold: true }, pre);
    if (tag === "em" || tag === "i" || tag === "cite" || tag === "var")
      return this.runs(el, { ...marks, italic: true }, pre);
    if (tag === "code" || tag === "kbd" || tag === "samp")
      return this.runs(el, { ...marks, mono: true }, pre);
    if (tag === "a")
      return this.runs(el, { ...marks, link: el.getAttribute("href") ?? undefined }, pre);
    if (tag === "sup") return this.runs(el, { ...marks, superscript: true }, pre);
    if (tag === "sub") return this.runs(el, { ...marks, subscript: true }, pre);
    if (tag === "q")
      return [{ ...marks, text: "“" }, ...this.runs(el, marks, pre), { ...marks, text: "”" }];
    if (cls.includes("fd-agenda-minutes"))
      return [{ ...marks, text: ` · ${collapse(el.textContent ?? "").trim()}`, muted: true }];
    if (cls.includes("fd-page-count") || cls.includes("fd-source-note"))
      return this.runs(el, { ...marks, muted: true }, pre);
    if (INLINE.has(tag)) return this.runs(el, marks, pre);
    // A block inside a paragraph or a list item: keep its words, report the slide.
    this.unsupported(el);
    return [{ ...marks, text: collapse(el.textContent ?? "") }];
  }
}

/** Inline elements whose words flow into the paragraph around them. */
const INLINE = new Set([
  "span",
  "a",
  "em",
  "strong",
  "b",
  "i",
  "u",
  "s",
  "del",
  "ins",
  "small",
  "mark",
  "abbr",
  "cite",
  "q",
  "sub",
  "sup",
  "br",
  "code",
  "kbd",
  "samp",
  "var",
  "time",
  "ruby",
  "rt",
  "rp",
]);

const kids = (el: El) => [...el.children] as El[];

/** Drops leading and trailing spaces of a paragraph and merges doubled spaces between runs. */
function trimRuns(runs: Run[]): Run[] {
  const out = runs.map((r) => ({ ...r }));
  for (let i = 1; i < out.length; i++)
    if (out[i - 1]!.text.endsWith(" ") && out[i]!.text.startsWith(" "))
      out[i]!.text = out[i]!.text.slice(1);
  while (out.length && !out[0]!.breakBefore && !out[0]!.text.trim()) out.shift();
  if (out[0]) out[0].text = out[0].text.replace(/^\s+/, "");
  while (out.length && !out.at(-1)!.text.trim() && !out.at(-1)!.breakBefore) out.pop();
  const last = out.at(-1);
  if (last) last.text = last.text.replace(/\s+$/, "");
  return out.filter((r) => r.text || r.breakBefore);
}

/** Notes as plain paragraphs: PowerPoint's notes pane takes text (source marks stay as "[1]"). */
function notesParagraphs(aside: El): string[] {
  const blocks = [...aside.querySelectorAll("p, li")] as El[];
  const own = blocks.length ? blocks : [aside];
  return own.map((b) => collapse(b.textContent ?? "").trim()).filter(Boolean);
}

function readChart(el: El): SlideChart {
  return {
    id: el.getAttribute("data-chart-id") ?? undefined,
    kind: el.getAttribute("data-chart") ?? "",
    keys: (el.getAttribute("data-figures") ?? "").split(/\s+/).filter(Boolean),
    title: collapse(el.querySelector(".fd-chart-title")?.textContent ?? "").trim(),
    description: collapse(el.querySelector(".fd-chart-description")?.textContent ?? "").trim(),
    marks: [...el.querySelectorAll(".fd-chart-sources .fd-src")].map((m) =>
      collapse(m.textContent ?? "").trim(),
    ),
  };
}

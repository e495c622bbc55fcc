import { readFileSync } from "node:fs";
import path from "node:path";
import { textWidth, wrapText } from "../../charts/measure.ts";
import type { KeyedFigure } from "../../charts/types.ts";
import type { Dataset } from "../../data/index.ts";
import type { RenderedDeck } from "../../mdx/render-deck.ts";
import { addChart, type Box, type ChartOutcome } from "./charts.ts";
import { finishPackage } from "./finish.ts";
import { type RasterImage, rasterImage } from "./image-size.ts";
import {
  Presentation,
  type Slide,
  type TableRow,
  type TextOptions,
  type TextRun,
} from "./pptxgen.ts";
import { addRowChart } from "./row-charts.ts";
import type { Block, Run, SlideChart, SlideModel, StatModel, TextStyle } from "./slide-model.ts";
import { inches, type PptxTheme, points } from "./theme.ts";

/** What a deck's PowerPoint file holds, for the command's summary. */
export interface WrittenDeck {
  data: Buffer;
  slides: number;
  nativeCharts: number;
  /** Charts drawn with shapes, by slide id and kind. */
  drawnCharts: Array<{ slide: string; kind: string }>;
  /** Charts this writer cannot draw (and why): their description is shown instead. */
  unknownCharts: Array<{ slide: string; kind: string; why?: string }>;
  /** Why the deck's logo is not on the slides, when it has one PowerPoint cannot show. */
  logoProblem?: string;
  /** Per native chart, in the package's order: the number format of a scatter's x axis. */
  xFormats: Array<string | undefined>;
}

// Fonts measured for wrapping are the theme's; an office suite without them substitutes a
// wider face, so lines are measured a little long to leave it room.
const WIDTH_SLACK = 1.08;
/** The smallest the text of an overfull slide is set, as a share of the theme's sizes. */
const MIN_SCALE = 0.7;

/** The room one slide's content has, and how its text is scaled to fit. */
interface Frame {
  deck: RenderedDeck;
  theme: PptxTheme;
  dataset: Dataset;
  pptx: Presentation;
  slide: Slide;
  model: SlideModel;
  scale: number;
  out: WrittenDeck;
  /** The deck's logo (a PNG, JPEG or GIF) and footer line, as the HTML deck shows them. */
  chrome: { logo?: RasterImage; footer?: string };
}

/** Writes one rendered deck as a PowerPoint file: the same slides, text, figures and notes. */
export async function writeDeck(
  deck: RenderedDeck,
  slides: SlideModel[],
  theme: PptxTheme,
  dataset: Dataset,
  root: string,
): Promise<WrittenDeck> {
  const pptx = new Presentation();
  pptx.defineLayout({ name: "factdeck", width: inches(deck.width), height: inches(deck.height) });
  pptx.layout = "factdeck";
  pptx.theme = { headFontFace: theme.fonts.heading, bodyFontFace: theme.fonts.body };
  pptx.title = `${deck.title} (${deck.audienceLabel})`;
  pptx.subject = deck.title;
  pptx.company = "factdeck";
  const out: WrittenDeck = {
    data: Buffer.alloc(0),
    slides: slides.length,
    nativeCharts: 0,
    drawnCharts: [],
    unknownCharts: [],
    xFormats: [],
  };
  const chrome: Frame["chrome"] = { footer: deck.chrome?.footer };
  const logo = deck.chrome?.logo;
  if (logo) {
    // The URL is the file's path from the project root, each segment URL-encoded.
    const file = path.join(root, ...logo.url.split("/").filter(Boolean).map(decodeURIComponent));
    chrome.logo = rasterImage(readFileSync(file));
    if (!chrome.logo)
      out.logoProblem = `the logo ${path.basename(file)} is not a PNG, JPEG or GIF, which PowerPoint needs`;
  }
  for (const model of slides) {
    const slide = pptx.addSlide();
    const frame: Frame = {
      deck,
      theme,
      dataset,
      pptx,
      slide,
      model,
      scale: 1,
      out,
      chrome,
    };
    writeSlide(frame);
  }
  out.data = await finishPackage((await pptx.write({ outputType: "nodebuffer" })) as Buffer, {
    xFormats: out.xFormats,
  });
  return out;
}

function writeSlide(f: Frame): void {
  const { theme, model, slide, deck } = f;
  const c = theme.colors;
  slide.background = { color: model.cover ? c.titleBg : c.bg };
  const numberSize = theme.sizes.slideNumber;
  slide.slideNumber = {
    x: inches(theme.space.padX),
    y: inches(deck.height - 22 - numberSize * 1.2),
    w: 1.2,
    h: inches(numberSize * 1.2),
    fontFace: theme.fonts.body,
    fontSize: points(numberSize),
    color: model.cover ? c.titleMuted : c.muted,
    margin: 0,
  };
  if (model.notes.length) slide.addNotes(model.notes.join("\n"));
  drawChrome(f);

  const top = model.sources ? theme.space.padTop * 0.6 : theme.space.padTop;
  const room = {
    x: theme.space.padX,
    y: top,
    w: deck.width - 2 * theme.space.padX,
    h: deck.height - top - theme.space.padBottom,
  };
  // The source line sits at the slide's foot; the other blocks share the room above it.
  const footers = model.blocks.filter((b) => b.type === "footer");
  const flow = model.blocks.filter((b) => b.type !== "footer");
  const footerH = footers.reduce((sum, b) => sum + measure(f, b, room.w), 0);
  room.h -= footerH ? footerH + theme.space.s1 : 0;
  footers.reduce(
    (y, b) => {
      const h = measure(f, b, room.w);
      draw(f, b, { x: room.x, y, w: room.w, h });
      return y + h;
    },
    room.y + room.h + (footerH ? theme.space.s1 : 0),
  );
  const gap = model.cover ? theme.space.s3 : model.sources ? theme.space.s1 : theme.space.s2;
  // Shrink the text of a slide that would overflow, as the browser never has to.
  const total = () =>
    flow.reduce((sum, b) => sum + measure(f, b, room.w), 0) + gap * Math.max(0, flow.length - 1);
  while (total() > room.h && f.scale > MIN_SCALE) f.scale = Math.max(MIN_SCALE, f.scale - 0.05);

  const heights = flow.map((b) => measure(f, b, room.w));
  const free = Math.max(0, room.h - total());
  const charts = flow.filter((b) => hasChart(b)).length;
  let y = room.y;
  if (model.cover) y += free / 2;
  flow.forEach((block, i) => {
    let h = heights[i]!;
    if (hasChart(block)) h += free / charts;
    else if (block.type === "stats" && !charts) {
      // The stats row sits in the middle of the room the slide has left (margin-block: auto).
      y += free / 2;
    }
    draw(f, block, { x: room.x, y, w: room.w, h });
    y += h + gap;
    if (block.type === "stats" && !charts) y += free / 2;
  });
}

/**
 * The logo in the top corner of every slide but the cover, and the footer on the slide
 * number's line, placed as the theme places `.fd-chrome`.
 */
function drawChrome(f: Frame): void {
  const { theme, model, deck, chrome } = f;
  const { logo, footer } = chrome;
  if (logo && !model.cover) {
    const h = Math.min(32, (220 * logo.height) / logo.width);
    const w = (h * logo.width) / logo.height;
    f.slide.addImage({
      data: logo.data,
      x: inches(deck.width - theme.space.padX - w),
      y: inches(12),
      w: inches(w),
      h: inches(h),
      altText: deck.chrome?.logo?.alt ?? "",
    });
  }
  if (footer) {
    const size = theme.sizes.slideNumber;
    addText(
      f,
      [
        {
          text: footer,
          options: {
            fontFace: theme.fonts.body,
            fontSize: points(size),
            color: model.cover ? theme.colors.titleMuted : theme.colors.muted,
          },
        },
      ],
      {
        x: theme.space.padX + 120,
        y: deck.height - 22 - size * 1.2,
        w: deck.width - 2 * (theme.space.padX + 120),
        h: size * 1.2,
      },
      { align: "center", valign: "bottom" },
    );
  }
}

const hasChart = (b: Block): boolean =>
  b.type === "chart" || (b.type === "columns" && b.columns.some((col) => col.some(hasChart)));

// --- Text ---------------------------------------------------------------------------------

interface TextLook {
  size: number;
  color: string;
  face: string;
  bold?: boolean;
  figureColor: string;
  leading: number;
  /** Widest a line may run, in px (the theme's `max-width: 38em`). */
  measure?: number;
}

function look(f: Frame, style: TextStyle): TextLook {
  const { theme, model } = f;
  const c = theme.colors;
  const s = theme.sizes;
  const size =
    style === "lead" || style === "notice" || model.cover
      ? s.lead
      : style === "small" || style === "code"
        ? s.small
        : style === "reference"
          ? s.reference
          : style === "caption"
            ? s.caption
            : s.body;
  return {
    size: size * f.scale,
    color: model.cover ? c.titleText : style === "caption" ? c.muted : c.text,
    face: style === "code" ? theme.fonts.mono : theme.fonts.body,
    figureColor: model.cover ? c.titleText : c.figure,
    leading: style === "reference" || style === "caption" ? 1.3 : theme.leading,
    measure:
      style === "reference" || style === "caption"
        ? undefined
        : (style === "notice" ? 32 : 38) * size * f.scale,
  };
}

function lineCount(runs: Run[], size: number, width: number, bold = false): number {
  const lines: string[] = [""];
  for (const r of runs) {
    if (r.breakBefore) lines.push("");
    lines[lines.length - 1] += r.text;
  }
  const room = width / WIDTH_SLACK / (bold ? 1.07 : 1);
  return lines.reduce((n, line) => n + Math.max(1, wrapText(line, room, size).length), 0);
}

/** pptxgenjs runs for a paragraph, in the look's fonts and colours; figures bold in their colour. */
function textRuns(f: Frame, runs: Run[], l: TextLook, para: TextOptions = {}): TextRun[] {
  const c = f.theme.colors;
  return runs.map((r, i) => {
    const options: TextOptions = {
      fontFace: r.mono ? f.theme.fonts.mono : l.face,
      fontSize: points(r.secondaryTag ? l.size * 0.6 : l.size),
      color: r.figure
        ? l.figureColor
        : r.muted || r.sourceMark
          ? f.model.cover
            ? c.titleMuted
            : c.muted
          : r.link
            ? c.link
            : l.color,
      bold: !!(r.bold || l.bold) && !r.secondaryTag && !r.sourceMark,
      italic: r.italic,
      superscript: r.superscript,
      subscript: r.subscript,
      softBreakBefore: r.breakBefore && i > 0,
      // Paragraph options go on the first run: pptxgenjs starts a paragraph at each run that
      // has a bullet, and writes a property block per run (finish.ts keeps the first).
      ...(i === 0 ? para : {}),
    };
    // Only addresses outside the deck are links: office suites draw every link blue and
    // underlined, which would turn each source mark and source line into a link to the sources.
    if (r.link && /^(https?:|mailto:)/.test(r.link)) options.hyperlink = { url: r.link };
    return { text: r.text, options };
  });
}

function addText(f: Frame, runs: TextRun[], box: Box, extra: TextOptions = {}): void {
  f.slide.addText(runs, {
    x: inches(box.x),
    y: inches(box.y),
    w: inches(box.w),
    h: inches(box.h),
    margin: 0,
    valign: "top",
    fit: "none",
    ...extra,
  });
}

function rect(f: Frame, box: Box, color: string): void {
  f.slide.addShape("rect", {
    x: inches(box.x),
    y: inches(box.y),
    w: inches(box.w),
    h: inches(box.h),
    fill: { color },
    line: { color, width: 0 },
  });
}

// --- Blocks: measure, then draw ----------------------------------------------------------

function headingLook(f: Frame, level: 1 | 2 | 3) {
  const { theme, model } = f;
  const size =
    (level === 1
      ? theme.sizes.title
      : level === 2 && !model.sources
        ? theme.sizes.h2
        : theme.sizes.h3) * f.scale;
  const bar = level === 1 ? theme.space.rule * 1.5 : level === 2 ? theme.space.rule : 0;
  const barGap = level === 1 ? theme.space.s3 : model.sources ? theme.space.s1 : theme.space.s2;
  const after = level === 2 && !model.cover ? theme.space.s1 : 0;
  return { size, bar, barGap, after };
}

function measure(f: Frame, block: Block, width: number): number {
  const { theme } = f;
  switch (block.type) {
    case "heading": {
      const h = headingLook(f, block.level);
      const w = block.level === 1 ? Math.min(width, 27 * textWidth("0", h.size)) : width;
      const lines = lineCount(block.runs, h.size, w, true);
      return (h.bar ? h.bar + h.barGap : 0) + lines * h.size * 1.12 + h.after;
    }
    case "text": {
      const l = look(f, block.style);
      const pad = padding(f, block.style);
      const w = Math.min(width - pad.x, l.measure ?? Infinity);
      return lineCount(block.runs, l.size, w) * l.size * l.leading + pad.y;
    }
    case "list": {
      const l = look(f, block.style);
      const indent = 1.1 * l.size;
      const lines = block.items.reduce(
        (n, item) =>
          n +
          lineCount(
            item.runs,
            l.size,
            Math.min(width, l.measure ?? Infinity) - indent * (item.level + 1),
          ),
        0,
      );
      return lines * l.size * l.leading + Math.max(0, block.items.length - 1) * 0.35 * l.size;
    }
    case "stats": {
      const stat = statLook(f, width, block.stats.length);
      const labels = Math.max(
        ...block.stats.map((s) => lineCount(statLabel(s), stat.labelSize, stat.col)),
      );
      return (
        theme.space.rule +
        theme.space.s2 +
        stat.valueSize +
        theme.space.s1 +
        labels * stat.labelSize * 1.3
      );
    }
    case "chart": {
      const title = lineCount([{ text: block.chart.title }], theme.sizes.h3 * f.scale, width, true);
      // The graphic's share of the free room is added when the slide is laid out.
      return (
        title * theme.sizes.h3 * f.scale * 1.2 +
        theme.space.s1 +
        minChart(f) +
        (block.chart.marks.length ? theme.space.s1 + theme.sizes.caption * 1.4 : 0)
      );
    }
    case "columns": {
      const colW = columnWidth(f, width, block.columns.length);
      return Math.max(
        ...block.columns.map(
          (col) =>
            col.reduce((sum, b) => sum + measure(f, b, colW), 0) +
            theme.space.s1 * Math.max(0, col.length - 1),
        ),
      );
    }
    case "table":
      return tableRows(f, block, width).reduce((sum, r) => sum + r.h, 0);
    case "rule":
      return theme.space.s1;
    case "footer": {
      const l = look(f, "caption");
      return lineCount(block.runs, l.size, width) * l.size * l.leading;
    }
  }
}

const minChart = (f: Frame) => 200 * f.scale;
const columnWidth = (f: Frame, width: number, n: number) =>
  (width - f.theme.space.s4 * (n - 1)) / n;

function padding(f: Frame, style: TextStyle) {
  const s = f.theme.space;
  if (style === "notice")
    return { x: 2 * s.s4 + s.rule * 1.5, y: 2 * s.s3, left: s.s4 + s.rule * 1.5, top: s.s3 };
  if (style === "quote")
    return { x: 2 * s.s3 + s.rule, y: 2 * s.s1, left: s.s3 + s.rule, top: s.s1 };
  return { x: 0, y: 0, left: 0, top: 0 };
}

function draw(f: Frame, block: Block, box: Box): void {
  const { theme, model } = f;
  const c = theme.colors;
  switch (block.type) {
    case "heading": {
      const h = headingLook(f, block.level);
      let y = box.y;
      if (h.bar) {
        rect(
          f,
          { x: box.x, y, w: block.level === 1 ? 112 : 72, h: h.bar },
          model.cover ? c.titleAccent : c.accent,
        );
        y += h.bar + h.barGap;
      }
      const l: TextLook = {
        size: h.size,
        color: model.cover ? c.titleText : c.heading,
        face: theme.fonts.heading,
        bold: theme.weights.headingBold,
        figureColor: model.cover ? c.titleText : c.heading,
        leading: 1.12,
      };
      const w = block.level === 1 ? Math.min(box.w, 27 * textWidth("0", h.size)) : box.w;
      const runs = block.runs.map((r) =>
        r.muted && !r.sourceMark ? { ...r, secondaryTag: true, bold: false } : r,
      );
      addText(f, textRuns(f, runs, l, { lineSpacing: points(h.size * 1.12) }), {
        x: box.x,
        y,
        w,
        h: box.y + box.h - y - h.after,
      });
      return;
    }
    case "text": {
      const l = look(f, block.style);
      const pad = padding(f, block.style);
      if (block.style === "notice") {
        rect(f, box, c.surface);
        rect(f, { x: box.x, y: box.y, w: theme.space.rule * 1.5, h: box.h }, c.accent);
      } else if (block.style === "quote")
        rect(f, { x: box.x, y: box.y, w: theme.space.rule, h: box.h }, c.accent);
      const w = Math.min(box.w - pad.x, l.measure ?? Infinity);
      addText(f, textRuns(f, block.runs, l, { lineSpacing: points(l.size * l.leading) }), {
        x: box.x + pad.left,
        y: box.y + pad.top,
        w,
        h: box.h - pad.y,
      });
      return;
    }
    case "list": {
      const l = look(f, block.style);
      const runs: TextRun[] = [];
      block.items.forEach((item, i) => {
        const para: TextOptions = {
          bullet: block.ordered
            ? { type: "number", indent: points(1.1 * l.size) }
            : { indent: points(1.1 * l.size) },
          indentLevel: item.level,
          lineSpacing: points(l.size * l.leading),
          paraSpaceBefore: i ? points(0.35 * l.size) : 0,
        };
        const itemRuns = textRuns(f, item.runs.length ? item.runs : [{ text: " " }], l, para);
        if (i < block.items.length - 1)
          itemRuns.at(-1)!.options = { ...itemRuns.at(-1)!.options, breakLine: true };
        runs.push(...itemRuns);
      });
      addText(f, runs, { ...box, w: Math.min(box.w, l.measure ?? Infinity) });
      return;
    }
    case "stats":
      drawStats(f, block.stats, box);
      return;
    case "chart":
      drawChart(f, block.chart, box);
      return;
    case "columns": {
      const colW = columnWidth(f, box.w, block.columns.length);
      block.columns.forEach((col, i) => {
        let y = box.y;
        const x = box.x + i * (colW + theme.space.s4);
        const heights = col.map((b) => measure(f, b, colW));
        const free =
          box.h - heights.reduce((a, b) => a + b, 0) - theme.space.s1 * Math.max(0, col.length - 1);
        const charts = col.filter(hasChart).length;
        col.forEach((b, j) => {
          const h = heights[j]! + (hasChart(b) && charts ? free / charts : 0);
          draw(f, b, { x, y, w: colW, h });
          y += h + theme.space.s1;
        });
      });
      return;
    }
    case "table":
      drawTable(f, block, box);
      return;
    case "rule":
      rect(f, { x: box.x, y: box.y + box.h / 2, w: box.w, h: 1 }, c.rule);
      return;
    case "footer": {
      const l = look(f, "caption");
      const runs = block.runs.map((r) => ({ ...r, link: undefined, figure: undefined }));
      addText(f, textRuns(f, runs, l, { lineSpacing: points(l.size * l.leading) }), box);
      return;
    }
  }
}

// --- Stats --------------------------------------------------------------------------------

function statLook(f: Frame, width: number, n: number) {
  const col = columnWidth(f, width, n);
  // As in the theme: the number shrinks with its column so it never runs into its neighbour.
  const valueSize = Math.min(f.theme.sizes.stat * f.scale, 0.24 * col);
  return { col, valueSize, labelSize: f.theme.sizes.small * f.scale };
}

const statLabel = (s: StatModel): Run[] =>
  s.status === "secondary" ? [...s.label, { text: " (secondary source)", muted: true }] : s.label;

function drawStats(f: Frame, stats: StatModel[], box: Box): void {
  const { theme } = f;
  const c = theme.colors;
  const look = statLook(f, box.w, stats.length);
  stats.forEach((stat, i) => {
    const x = box.x + i * (look.col + theme.space.s4);
    rect(f, { x, y: box.y, w: look.col, h: theme.space.rule }, c.accent);
    let y = box.y + theme.space.rule + theme.space.s2;
    const big = points(look.valueSize);
    const small = points(look.valueSize * 0.36);
    const value = { fontFace: theme.fonts.body, color: c.stat, bold: theme.weights.bodyBold };
    const runs: TextRun[] = [];
    if (stat.qualifier)
      runs.push({ text: `${stat.qualifier} `, options: { ...value, fontSize: small } });
    runs.push({ text: stat.value, options: { ...value, fontSize: big } });
    if (stat.unit) runs.push({ text: ` ${stat.unit}`, options: { ...value, fontSize: small } });
    if (stat.mark)
      runs.push({
        text: stat.mark,
        options: {
          fontFace: theme.fonts.body,
          fontSize: points(look.valueSize * 0.26),
          color: c.muted,
          superscript: true,
        },
      });
    addText(f, runs, { x, y, w: look.col, h: look.valueSize * 1.15 }, { valign: "bottom" });
    y += look.valueSize + theme.space.s1;
    const labelLook: TextLook = {
      size: look.labelSize,
      color: c.text,
      face: theme.fonts.body,
      figureColor: c.text,
      leading: 1.3,
    };
    const labelRuns = textRuns(f, statLabel(stat), labelLook);
    addText(
      f,
      labelRuns,
      { x, y, w: look.col, h: box.y + box.h - y },
      { lineSpacing: points(look.labelSize * 1.3) },
    );
  });
}

// --- Charts -------------------------------------------------------------------------------

function drawChart(f: Frame, chart: SlideChart, box: Box): void {
  const { theme } = f;
  const c = theme.colors;
  const titleSize = theme.sizes.h3 * f.scale;
  const titleLines = lineCount([{ text: chart.title }], titleSize, box.w, true);
  const titleH = titleLines * titleSize * 1.2;
  addText(
    f,
    [
      {
        text: chart.title,
        options: {
          fontFace: theme.fonts.heading,
          fontSize: points(titleSize),
          bold: theme.weights.headingBold,
          color: c.heading,
          lineSpacing: points(titleSize * 1.2),
        },
      },
    ],
    { x: box.x, y: box.y, w: box.w, h: titleH },
  );
  const captionH = chart.marks.length ? theme.sizes.caption * 1.4 : 0;
  const graphic: Box = {
    x: box.x,
    y: box.y + titleH + theme.space.s1,
    w: box.w,
    h: box.h - titleH - theme.space.s1 - (captionH ? theme.space.s1 + captionH : 0),
  };
  const figures: KeyedFigure[] = chart.keys.flatMap((key) => {
    const figure = f.dataset.figure(key);
    return figure ? [{ key, figure }] : [];
  });
  const model = chart.id ? f.deck.charts.find((c) => c.id === chart.id) : undefined;
  let outcome: ChartOutcome = "unsupported";
  let why: string | undefined;
  if (model?.from === "rows") {
    const row = addRowChart(
      { slide: f.slide, theme, model, box: graphic },
      { title: chart.title, description: chart.description },
    );
    outcome = row.as;
    if (row.as === "unsupported") why = row.why;
    if (row.as === "native") f.out.xFormats.push(row.xFormat);
  } else if (figures.length === chart.keys.length) {
    outcome = addChart(chart.kind, {
      pptx: f.pptx,
      slide: f.slide,
      theme,
      figures,
      box: graphic,
      description: chart.description,
      title: chart.title,
    });
    if (outcome === "native") f.out.xFormats.push(undefined);
  }
  if (outcome === "native") f.out.nativeCharts++;
  else if (outcome === "drawn") f.out.drawnCharts.push({ slide: f.model.id, kind: chart.kind });
  else {
    // Not drawn at all: its description says every value, so the slide still carries them.
    f.out.unknownCharts.push({ slide: f.model.id, kind: chart.kind, why });
    const l = look(f, "small");
    addText(f, textRuns(f, [{ text: chart.description }], l), graphic);
  }
  // Older renders put the chart's source marks under it; the slide's source line does now.
  if (!chart.marks.length) return;
  const marks = chart.marks.map((m, i) => ({ text: i ? ` ${m}` : m, muted: true }) as Run);
  const l = look(f, "caption");
  addText(
    f,
    textRuns(f, [{ text: `Source${marks.length > 1 ? "s" : ""}: `, muted: true }, ...marks], l),
    {
      x: box.x,
      y: box.y + box.h - captionH,
      w: box.w,
      h: captionH,
    },
  );
}

// --- Tables (the figure index on the sources slides, and any table a slide has) ------------

// The theme's shares, with the source column wide enough for its bold header in a wider substitute font.
const FIGURE_INDEX_COLUMNS = [0.33, 0.13, 0.09, 0.33, 0.12];

function tableRows(f: Frame, block: Extract<Block, { type: "table" }>, width: number) {
  const size = f.theme.sizes.table * f.scale;
  const n = block.header.length || (block.rows[0]?.cells.length ?? 1);
  const widths =
    block.figureIndex && n === FIGURE_INDEX_COLUMNS.length
      ? FIGURE_INDEX_COLUMNS.map((share) => share * width)
      : Array.from({ length: n }, () => width / n);
  const pad = 0.4 * size;
  const rowH = (cells: Run[][]) =>
    Math.max(...cells.map((cell, i) => lineCount(cell, size, (widths[i] ?? width / n) - 2 * pad))) *
      size *
      1.2 +
    0.5 * size +
    3;
  const rows = [
    { h: rowH(block.header.map((text) => [{ text }])) },
    ...block.rows.map((r) => ({ h: rowH(r.cells) })),
  ];
  return rows.map((r) => ({ ...r, widths, size, pad }));
}

function drawTable(f: Frame, block: Extract<Block, { type: "table" }>, box: Box): void {
  const { theme } = f;
  const c = theme.colors;
  const measured = tableRows(f, block, box.w);
  const { widths, size, pad } = measured[0]!;
  const l: TextLook = {
    size,
    color: c.text,
    face: theme.fonts.body,
    figureColor: c.text,
    leading: 1.2,
  };
  const margin = [inches(0.25 * size), inches(pad), inches(0.25 * size), inches(pad)] as [
    number,
    number,
    number,
    number,
  ];
  const none = { type: "none" as const };
  const line = (pt: number, color: string) => ({ type: "solid" as const, pt, color });
  // pptxgenjs types a cell's border as a 4-tuple; the literal arrays below are that shape.
  const rows = [
    block.header.map((text, i) => ({
      text: [
        {
          text,
          options: {
            fontFace: theme.fonts.body,
            fontSize: points(size),
            bold: true,
            color: c.text,
          },
        },
      ],
      options: {
        margin,
        valign: "top",
        align: block.numeric?.[i] ? "right" : "left",
        border: [none, none, line(2.25, c.accent), none],
      },
    })),
    ...block.rows.map((row) =>
      row.cells.map((cell, i) => {
        const tone = row.tones[i];
        const cellLook =
          tone === "warning"
            ? { ...l, color: c.warning, bold: true }
            : { ...l, bold: block.figureIndex && i === 1 };
        return {
          text: textRuns(f, cell.length ? cell : [{ text: " " }], cellLook, {
            lineSpacing: points(size * 1.2),
          }),
          options: {
            margin,
            valign: "top" as const,
            align: block.numeric?.[i] ? ("right" as const) : ("left" as const),
            border: [none, none, line(0.75, c.rule), none],
          },
        };
      }),
    ),
  ];
  f.slide.addTable(rows as unknown as TableRow[], {
    x: inches(box.x),
    y: inches(box.y),
    w: inches(box.w),
    colW: widths.map(inches),
    rowH: measured.map((r) => inches(r.h)),
    fontFace: theme.fonts.body,
    fontSize: points(size),
    color: c.text,
    autoPage: false,
  });
}

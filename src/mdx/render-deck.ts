import { readFileSync } from "node:fs";
import path from "node:path";
import { type Components, toJsxRuntime } from "hast-util-to-jsx-runtime";
import { h } from "preact";
import { Fragment, jsx, jsxs } from "preact/jsx-runtime";
import { renderToString } from "preact-render-to-string";
import {
  CHART_KINDS,
  type ChartModel,
  type ChartRequest,
  chartRowsQuery,
  listCustomCharts,
  type RenderedChart,
  renderChart,
} from "../charts/index.ts";
import { slideChrome } from "../data/deck-config.ts";
import type { Dataset, Deck } from "../data/index.ts";
import type { RowsResult } from "../data/tables/rows.ts";
import { type Diagnostic, FactdeckError, hasErrors } from "../errors/index.ts";
import { type CompiledSlides, compileSlides } from "./compile.ts";
import { type ChartOptions, createComponents } from "./components.tsx";
import { prepareRows } from "./row-data.ts";
import { DividerSlide, EndSlide, type PlannedSection, planSections } from "./sections.tsx";
import { FigureTableSlides, SourcesSlide } from "./sources-slide.tsx";
import { FigureUsage, type UsedFigure } from "./usage.ts";
import { validateReferences } from "./validate.ts";

/** One deck rendered for one audience: the reveal.js `<section>`s and what they use. */
export interface RenderedDeck {
  deck: string;
  audience: string;
  title: string;
  audienceLabel: string;
  lang: string;
  theme: string;
  width: number;
  height: number;
  duration: number;
  /** The `<section>` elements, in order. */
  slidesHtml: string;
  used: UsedFigure[];
  /** Source ids in the numbering the slides show. */
  sources: string[];
  /** The audience's sections with their planned minutes; empty when it has none. */
  sections: PlannedSection[];
  /** The logo (its URL from the project root) and footer line every slide shows; none when unset. */
  chrome?: { logo?: { url: string; alt: string }; footer?: string };
  /** Warnings found while rendering (charts that cannot be read at the deck's size). */
  warnings?: Diagnostic[];
  /** Every chart the slides draw, in order, with its data: exports redraw them from this. */
  charts: ChartModel[];
}

/** Renders a checked slide tree with the deck's components: a tree walk, no code is run. */
function renderSlides(compiled: CompiledSlides, components: ReturnType<typeof createComponents>) {
  return renderToString(
    toJsxRuntime(compiled.tree, {
      Fragment,
      jsx: jsx as never,
      jsxs: jsxs as never,
      components: components as unknown as Partial<Components>,
      elementAttributeNameCase: "html",
      stylePropertyNameCase: "css",
      filePath: compiled.file,
      // The runtime asks an "evaluater" to resolve capitalised tag names; ours only looks
      // names up among the deck's components and refuses anything else.
      createEvaluater: () => ({
        evaluateExpression(expression) {
          if (expression.type === "Identifier" && Object.hasOwn(components, expression.name))
            return components[expression.name as keyof typeof components];
          throw new Error(`slides cannot evaluate code (${expression.type})`);
        },
        evaluateProgram() {
          throw new Error("slides cannot evaluate code (program)");
        },
      }),
    }) as never,
  );
}

/** Compiles and validates every slide file one audience uses; all findings are returned together. */
export async function compileDeckSlides(
  deck: Deck,
  dataset: Dataset,
  slideIds: readonly string[],
): Promise<{ compiled: Map<string, CompiledSlides>; diagnostics: Diagnostic[] }> {
  const compiled = new Map<string, CompiledSlides>();
  const diagnostics: Diagnostic[] = [];
  const audiences = Object.keys(deck.config.audiences);
  for (const id of new Set(slideIds)) {
    const file = deck.slideFiles.get(id);
    if (!file) continue;
    const result = await compileSlides(file, readFileSync(file, "utf8"), id);
    diagnostics.push(...result.diagnostics);
    if (!result.compiled) continue;
    diagnostics.push(
      ...validateReferences(result.compiled.references, {
        dataset,
        audiences,
        chartKinds: CHART_KINDS,
        rows: {
          tables: dataset.tables,
          customCharts: listCustomCharts(path.dirname(path.dirname(deck.dir))),
        },
      }),
    );
    compiled.set(id, result.compiled);
  }
  return { compiled, diagnostics };
}

/** Renders one audience's deck to static HTML; throws a FactdeckError when a slide is wrong. */
export async function renderDeck(
  deck: Deck,
  audience: string,
  dataset: Dataset,
  options: { theme?: string } = {},
): Promise<RenderedDeck> {
  const config = deck.config;
  const a = config.audiences[audience];
  if (!a) throw new Error(`unknown audience ${audience}`);
  const slideIds = a.slides.filter((s) => s !== "sources");
  const { compiled, diagnostics } = await compileDeckSlides(deck, dataset, slideIds);
  if (hasErrors(diagnostics)) throw new FactdeckError(diagnostics);

  const usage = new FigureUsage(dataset);
  // Rows are fetched before the render: slide components draw synchronously.
  const rows = await prepareRows(deck, dataset, compiled, () => usage.currentSlide);
  const sections = planSections(a);
  const chartDiagnostics: Diagnostic[] = [];
  const chartRows = await rowsOfCharts(dataset, compiled);
  const charts: ChartModel[] = [];
  const components = createComponents({
    rowChart: rows.rowChart,
    recordChart: (chart, kind, attrs) => {
      const id = `chart-${charts.length + 1}`;
      const base = { id, slide: usage.currentSlide, kind, title: chart.title };
      const description = chart.description;
      if (attrs.data === undefined) {
        charts.push({ ...base, description, from: "figures", keys: chart.keys });
        return id;
      }
      const { data, x, y, series, facet, label, sort, layout, domain, use } = attrs;
      const got = use ? undefined : chartRows.get(JSON.stringify(chartRowsQuery(attrs)));
      charts.push({
        ...base,
        description,
        from: "rows",
        table: data,
        ...{ x, y, series, facet, label, sort, layout, domain, use },
        locale: config.lang,
        columns: got?.columns ?? [],
        rows: got?.rows ?? [],
      });
      return id;
    },
    table: rows.table,
    dataset,
    audience,
    usage,
    sections,
    chart: (options: ChartOptions) => {
      const { kind, keys } = options;
      // Point chart findings at the <Chart> tag that asked for it.
      const at = compiled
        .get(usage.currentSlide)
        ?.references.find(
          (r) =>
            r.name === "Chart" &&
            r.attributes.kind === kind &&
            (r.attributes.of ?? "").split(/\s+/).filter(Boolean).join(" ") === keys.join(" "),
        )?.at;
      const result = renderChart({ ...chartRequest(options), at }, dataset);
      chartDiagnostics.push(...result.diagnostics);
      return result.chart ?? emptyChart(options.title, keys);
    },
  });
  const parts = new Map<string, string>();
  for (const id of slideIds) {
    usage.currentSlide = id;
    parts.set(id, renderSlides(compiled.get(id)!, components));
  }
  chartDiagnostics.push(...rows.diagnostics);
  if (hasErrors(chartDiagnostics)) throw new FactdeckError(chartDiagnostics);
  const used = usage.used();
  const sourceIds = usage.sources();
  const sourcesSlide = renderToString(h(SourcesSlide, { dataset, used, sources: sourceIds }));
  const order = a.slides.includes("sources") ? a.slides : [...a.slides, "sources"];
  const html: string[] = [];
  order.forEach((id, index) => {
    const starts = sections.findIndex((s) => s.start === index);
    if (starts >= 0)
      html.push(renderToString(h(DividerSlide, { sections, index: starts, duration: a.duration })));
    html.push(id === "sources" ? sourcesSlide : parts.get(id)!);
  });
  // The talk ends on the end slide; the figure index after it is backup for questions.
  const closing = a.closing ?? config.closing;
  html.push(renderToString(h(EndSlide, { title: config.title, closing })));
  html.push(renderToString(h(FigureTableSlides, { used, sources: sourceIds })));
  return {
    deck: deck.id,
    audience,
    title: config.title,
    audienceLabel: a.label,
    lang: config.lang,
    theme: options.theme ?? a.theme ?? config.theme,
    width: config.size.width,
    height: config.size.height,
    duration: a.duration,
    slidesHtml: html.join("\n"),
    used,
    sources: sourceIds,
    sections,
    chrome: slideChrome(deck, audience),
    warnings: chartDiagnostics.filter((d) => d.severity === "warning"),
    charts,
  };
}

/**
 * The rows each `<Chart data>` draws, by its rows query, for the chart model. prepareRows has
 * just read them, so these come from the rows cache; one that failed is reported there.
 */
async function rowsOfCharts(
  dataset: Dataset,
  compiled: ReadonlyMap<string, CompiledSlides>,
): Promise<Map<string, RowsResult>> {
  const found = new Map<string, RowsResult>();
  const refs = [...compiled.values()].flatMap((c) =>
    c.references.filter((r) => r.name === "Chart" && r.attributes.data && !r.attributes.use),
  );
  if (!refs.length) return found;
  const { queryRows } = await import("../data/tables/rows.ts");
  await Promise.all(
    refs.map(async (ref) => {
      const query = chartRowsQuery(ref.attributes);
      if (!dataset.table(query.table)) return;
      const key = JSON.stringify(query);
      const result = await queryRows(dataset, query).catch(() => undefined);
      if (result) found.set(key, result);
    }),
  );
  return found;
}

/** The viewBox width of a chart that spans the slide. */
const CHART_VIEWBOX = 1000;

/** A chart request from a `<Chart>`'s attributes, which validation has checked. */
function chartRequest(options: ChartOptions): Omit<ChartRequest, "at"> {
  const written = options.domain?.trim();
  const domain: ChartRequest["domain"] =
    written === "auto" || !written
      ? (written as "auto" | undefined)
      : (written.split(/\s+/).map(Number).slice(0, 2) as [number, number]);
  return {
    kind: options.kind,
    keys: options.keys,
    title: options.title,
    domain,
    mixedBases: options.mixed === "bases",
    // A column is its share of the row less its part of the gaps; never narrower than 420.
    width:
      options.share && options.share < 1
        ? Math.max(420, Math.round(CHART_VIEWBOX * options.share - 40))
        : undefined,
  };
}

function emptyChart(title: string, keys: string[]): RenderedChart {
  return {
    svg: "",
    title,
    description: "",
    table: { caption: title, columns: [], rows: [] },
    keys,
  };
}

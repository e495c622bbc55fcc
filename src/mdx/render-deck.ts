import { readFileSync } from "node:fs";
import { type Components, toJsxRuntime } from "hast-util-to-jsx-runtime";
import { h } from "preact";
import { Fragment, jsx, jsxs } from "preact/jsx-runtime";
import { renderToString } from "preact-render-to-string";
import { CHART_KINDS, type RenderedChart, renderChart } from "../charts/index.ts";
import type { Dataset, Deck } from "../data/index.ts";
import { type Diagnostic, FactdeckError, hasErrors } from "../errors/index.ts";
import { type CompiledSlides, compileSlides } from "./compile.ts";
import { createComponents } from "./components.tsx";
import { SourcesSlides } from "./sources-slide.tsx";
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
  const chartDiagnostics: Diagnostic[] = [];
  const components = createComponents({
    dataset,
    audience,
    usage,
    chart: (kind, keys, title) => {
      // Point chart findings at the <Chart> tag that asked for it.
      const at = compiled
        .get(usage.currentSlide)
        ?.references.find(
          (r) =>
            r.name === "Chart" &&
            r.attributes.kind === kind &&
            (r.attributes.of ?? "").split(/\s+/).filter(Boolean).join(" ") === keys.join(" "),
        )?.at;
      const result = renderChart({ kind, keys, title, at }, dataset);
      chartDiagnostics.push(...result.diagnostics);
      return result.chart ?? emptyChart(title, keys);
    },
  });
  const parts = new Map<string, string>();
  for (const id of slideIds) {
    usage.currentSlide = id;
    parts.set(id, renderSlides(compiled.get(id)!, components));
  }
  if (hasErrors(chartDiagnostics)) throw new FactdeckError(chartDiagnostics);
  const sources = renderToString(
    h(SourcesSlides, { dataset, used: usage.used(), sources: usage.sources() }),
  );
  const order = a.slides.includes("sources") ? a.slides : [...a.slides, "sources"];
  const slidesHtml = order.map((id) => (id === "sources" ? sources : parts.get(id))).join("\n");
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
    slidesHtml,
    used: usage.used(),
    sources: usage.sources(),
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

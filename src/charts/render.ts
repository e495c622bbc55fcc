import type { Dataset } from "../data/dataset.ts";
import { numericValue } from "../data/format.ts";
import { type Diagnostic, nearest, type SourcePosition, suggestion } from "../errors/index.ts";
import { cacheChart, cachedChart, chartCacheKey } from "./cache.ts";
import { needDomain } from "./checks.ts";
import { describeChart, tabulateChart } from "./describe.ts";
import { chartDocument } from "./dom.ts";
import { bars } from "./kinds/bars.ts";
import { compare } from "./kinds/compare.ts";
import { ranges } from "./kinds/ranges.ts";
import { stack } from "./kinds/stack.ts";
import { drawSvg } from "./svg.ts";
import type {
  ChartKind,
  ChartKindSpec,
  ChartRequest,
  DataProblem,
  KeyedFigure,
  RenderedChart,
} from "./types.ts";

const KINDS: Record<ChartKind, ChartKindSpec> = { bars, stack, ranges, compare };

/** Every chart kind, in the order the docs list them. */
export const CHART_KINDS: readonly ChartKind[] = Object.freeze([
  "bars",
  "stack",
  "ranges",
  "compare",
]);

/** True when a string names a chart kind. */
export function isChartKind(kind: string): kind is ChartKind {
  return Object.hasOwn(KINDS, kind);
}

/** What `renderChart` reads from a dataset. */
export type ChartDataset = Pick<Dataset, "figure" | "keys">;

/** Renders a chart from dataset figures, or explains why it cannot; cached by kind, keys, title and data. */
export function renderChart(
  request: ChartRequest,
  dataset: ChartDataset,
): { chart?: RenderedChart; diagnostics: Diagnostic[] } {
  const { kind, keys, title, at, domain, mixedBases = false, width } = request;
  if (!isChartKind(kind)) {
    return {
      diagnostics: [
        {
          code: "FD_CHART_KIND",
          severity: "error",
          message: `There is no chart kind "${kind}".`,
          at,
          hint: kindHint(kind),
        },
      ],
    };
  }
  if (keys.length === 0) {
    return {
      diagnostics: [
        dataDiagnostic(
          {
            message: "This chart names no figures, so there is nothing to draw.",
            hint: "list the figure keys to draw, in the order they should appear",
          },
          at,
        ),
      ],
    };
  }

  const figures: KeyedFigure[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const key of keys) {
    const figure = dataset.figure(key);
    if (figure) figures.push({ key, figure });
    else diagnostics.push(unknownKey(key, dataset, at));
  }
  if (diagnostics.length) return { diagnostics };

  const spec = KINDS[kind];
  const problem = spec.check(figures) ?? needDomain(figures, domain, numericValue);
  if (problem) return { diagnostics: [dataDiagnostic(problem, at)] };
  const bases = distinctBases(figures);
  if (bases.length > 1 && !mixedBases) return { diagnostics: [mixedBasesDiagnostic(figures, at)] };

  const id = chartCacheKey([
    kind,
    keys,
    title,
    domain,
    mixedBases,
    width,
    figures.map((f) => f.figure),
  ]);
  const cached = cachedChart(id);
  if (cached) return { chart: cached, diagnostics: [] };

  const showBases = bases.length > 1;
  const description = describeChart(kind, figures, { domain, showBases });
  let svg: string;
  try {
    const options = spec.plot(figures, { domain, showBases, width });
    svg = drawSvg(options, chartDocument(), { kind, title, description });
  } catch (error) {
    return {
      diagnostics: [
        {
          code: "FD_CHART_RENDER",
          severity: "error",
          message: `The ${kind} chart could not be drawn: ${error instanceof Error ? error.message : String(error)}`,
          at,
          hint: "this is a bug in factdeck, not in your slides; please report it with the chart's figures",
        },
      ],
    };
  }
  const chart: RenderedChart = {
    svg,
    title,
    description,
    table: tabulateChart(title, figures),
    keys: [...keys],
  };
  cacheChart(id, chart);
  return { chart, diagnostics: [] };
}

/** The bases the figures declare, each once; figures without one compare with anything. */
function distinctBases(figures: readonly KeyedFigure[]): string[] {
  return [...new Set(figures.map((f) => f.figure.base).filter((b): b is string => !!b))];
}

function mixedBasesDiagnostic(figures: readonly KeyedFigure[], at?: SourcePosition): Diagnostic {
  const byBase = new Map<string, string[]>();
  for (const { key, figure } of figures)
    if (figure.base) byBase.set(figure.base, [...(byBase.get(figure.base) ?? []), key]);
  const [first, second] = [...byBase];
  return {
    code: "FD_CHART_MIXED_BASES",
    severity: "error",
    message: `This chart puts shares of different bases on one axis: ${first![1].join(", ")} ${first![1].length > 1 ? "are shares" : "is a share"} of ${first![0]}, ${second![1].join(", ")} of ${second![0]}.`,
    detail: "bars side by side invite a comparison that shares of different wholes do not support",
    at,
    hint: 'draw one chart per base, or add mixed="bases" to the <Chart> if the comparison is deliberate (each label then names its base)',
  };
}

function kindHint(kind: string): string {
  const list = CHART_KINDS.map((k) => `"${k}"`).join(", ");
  const near = nearest(kind, CHART_KINDS);
  return near
    ? `did you mean "${near}"? The chart kinds are ${list}.`
    : `the chart kinds are ${list}`;
}

function unknownKey(
  key: string,
  dataset: ChartDataset,
  at: SourcePosition | undefined,
): Diagnostic {
  return {
    code: "FD_CHART_KEY",
    severity: "error",
    message: `The chart names the figure "${key}", which is not in the dataset.`,
    at,
    hint: suggestion(key, dataset.keys(), "figure keys"),
  };
}

function dataDiagnostic(problem: DataProblem, at: SourcePosition | undefined): Diagnostic {
  return {
    code: "FD_CHART_DATA",
    severity: "error",
    message: problem.message,
    detail: problem.detail,
    at,
    hint: problem.hint,
  };
}

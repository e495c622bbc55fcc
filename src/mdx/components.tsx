/** @jsxImportSource preact */
import { type ComponentChildren, createContext } from "preact";
import { useContext } from "preact/hooks";
import type { RenderedChart } from "../charts/index.ts";
import { type Dataset, formatFigure, formatNumber, formatUnit } from "../data/index.ts";
import type { FigureUsage } from "./usage.ts";

/** What components need while a deck is rendered for one audience. */
export interface ComponentContext {
  dataset: Dataset;
  audience: string;
  usage: FigureUsage;
  /** Renders a chart request that validation has already accepted. */
  chart: (kind: string, keys: string[], title: string) => RenderedChart;
}

/** True inside <Notes>: source marks become plain text, since links in notes go nowhere. */
const InNotes = createContext(false);

function SourceMark({ n, title }: { n: number; title: string }) {
  const inNotes = useContext(InNotes);
  if (inNotes) return <span class="fd-src-note"> [{n}]</span>;
  return (
    <sup class="fd-src">
      <a href="#/sources" aria-label={`source ${n}: ${title}`}>
        {n}
      </a>
    </sup>
  );
}

/** Builds the MDX components (Stat, Value, Chart, Notes, Audience, Literal) for one render. */
export function createComponents(ctx: ComponentContext) {
  const mark = (key: string) => {
    const { figure, sourceNumber } = ctx.usage.use(key);
    const source = ctx.dataset.source(figure.source);
    return { figure, sourceNumber, sourceTitle: source?.short ?? source?.title ?? figure.source };
  };

  function Value({ of }: { of: string }) {
    const { figure, sourceNumber, sourceTitle } = mark(of);
    return (
      <>
        <span class="fd-value" data-figure={of} data-status={figure.status}>
          {formatFigure(figure)}
        </span>
        <SourceMark n={sourceNumber} title={sourceTitle} />
      </>
    );
  }

  function Stat({ of, label }: { of: string; label?: string }) {
    const { figure, sourceNumber, sourceTitle } = mark(of);
    const unit = figure.unit === "percent" || figure.unit === "count" ? "" : formatUnit(figure);
    return (
      <div class="fd-stat" data-figure={of} data-status={figure.status}>
        <p class="fd-stat-value">
          {figure.qualifier ? <span class="fd-stat-qualifier">{figure.qualifier} </span> : null}
          <span class="fd-value" data-figure={of}>
            {formatNumber(figure)}
          </span>
          {unit ? <span class="fd-stat-unit"> {unit}</span> : null}
          <SourceMark n={sourceNumber} title={sourceTitle} />
        </p>
        <p class="fd-stat-label">{label ?? figure.label}</p>
      </div>
    );
  }

  function Chart({ kind, of, title }: { kind: string; of: string; title: string }) {
    const keys = of.split(/\s+/).filter(Boolean);
    const chart = ctx.chart(kind, keys, title);
    const marks = new Map<number, string>();
    for (const key of keys) {
      const { sourceNumber, sourceTitle } = mark(key);
      marks.set(sourceNumber, sourceTitle);
    }
    return (
      <figure class="fd-chart" data-chart={kind} data-figures={keys.join(" ")}>
        <p class="fd-chart-title">{chart.title}</p>
        <div class="fd-chart-svg-wrap" dangerouslySetInnerHTML={{ __html: chart.svg }} />
        <figcaption class="fd-chart-caption">
          <span class="fd-chart-description">{chart.description}</span>{" "}
          <span class="fd-chart-sources">
            Source{marks.size > 1 ? "s" : ""}:{" "}
            {[...marks].map(([n, t]) => (
              <SourceMark key={n} n={n} title={t} />
            ))}
          </span>
        </figcaption>
        <table class="fd-chart-table fd-sr-only">
          <caption>{chart.table.caption}</caption>
          <thead>
            <tr>
              {chart.table.columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {chart.table.rows.map((row) => (
              <tr key={row[0]}>
                {row.map((cell, i) => (i === 0 ? <th scope="row">{cell}</th> : <td>{cell}</td>))}
              </tr>
            ))}
          </tbody>
        </table>
      </figure>
    );
  }

  function Notes({ children }: { children?: ComponentChildren }) {
    return (
      <InNotes.Provider value={true}>
        <aside class="notes">{children}</aside>
      </InNotes.Provider>
    );
  }

  function Audience({
    only,
    except,
    children,
  }: {
    only?: string;
    except?: string;
    children?: ComponentChildren;
  }) {
    const names = (only ?? except ?? "").split(/\s+/);
    const shown = only !== undefined ? names.includes(ctx.audience) : !names.includes(ctx.audience);
    return shown ? children : null;
  }

  /** Text that looks like a figure but is not one (a statute section); the check lists each use. */
  function Literal({ children }: { reason: string; children?: ComponentChildren }) {
    return <span class="fd-literal">{children}</span>;
  }

  return { Stat, Value, Chart, Notes, Audience, Literal };
}

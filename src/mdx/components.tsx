/** @jsxImportSource preact */
import {
  type ComponentChildren,
  cloneElement,
  createContext,
  isValidElement,
  toChildArray,
  type VNode,
} from "preact";
import { useContext } from "preact/hooks";
import type { RenderedChart } from "../charts/index.ts";
import {
  type Dataset,
  type Figure,
  formatFigure,
  formatNumber,
  formatUnit,
} from "../data/index.ts";
import { DataTable, type RenderedTable } from "./table.tsx";
import type { FigureUsage } from "./usage.ts";

/** What components need while a deck is rendered for one audience. */
export interface ComponentContext {
  dataset: Dataset;
  audience: string;
  usage: FigureUsage;
  /** Renders a chart request that validation has already accepted. */
  chart: (request: ChartOptions) => RenderedChart;
  /** The audience's sections, for `<Agenda/>`; empty when its slide list has none. */
  sections?: readonly AgendaSection[];
  /** Renders a `<Chart data=…>` from rows fetched before the render; absent in a deck without tables. */
  rowChart?: (attributes: Record<string, string | undefined>, share: number) => RenderedChart;
  /** Records a chart drawn on the slide (for exports that redraw it); returns its `data-chart-id`. */
  recordChart?: (
    chart: RenderedChart,
    kind: string,
    attributes: Record<string, string | undefined>,
  ) => string | undefined;
  /** Renders a `<Table>` from rows fetched before the render. */
  table?: (attributes: Record<string, string | undefined>) => RenderedTable;
}

/** What `<Chart>` asks the renderer for, beside its kind, keys and title. */
export interface ChartOptions {
  kind: string;
  keys: string[];
  title: string;
  /** `domain="0 30"`: the value axis's extent, stated on the axis. */
  domain?: string;
  /** `mixed="bases"`: the slide draws shares of different bases on one axis on purpose. */
  mixed?: string;
  /** The share of the slide's width the chart is laid out for (a column's); default 1. */
  share?: number;
}

/** A section as the agenda lists it. */
export interface AgendaSection {
  title: string;
  minutes: number;
}

/** The sources of the figures one slide shows on screen, for its source line. */
export class SlideSources {
  /** Source number → the source's short name, the locators of its figures, and their status. */
  readonly byNumber = new Map<number, { name: string; locators: string[]; secondary: boolean }>();

  /** Records a figure shown on the slide (not in its notes). */
  add(n: number, name: string, figure: Figure): void {
    const entry = this.byNumber.get(n) ?? { name, locators: [], secondary: false };
    this.byNumber.set(n, entry);
    if (figure.locator && !entry.locators.includes(figure.locator))
      entry.locators.push(figure.locator);
    if (figure.status !== "primary") entry.secondary = true;
  }

  /** Records a source the slide relies on without a figure (`<Cite>`), with where in it. */
  cite(n: number, name: string, locator?: string): void {
    const entry = this.byNumber.get(n) ?? { name, locators: [], secondary: false };
    this.byNumber.set(n, entry);
    if (locator && !entry.locators.includes(locator)) entry.locators.push(locator);
  }
}

/** The share of the slide's width a chart has: 1, or its column's share inside <Columns>. */
const ColumnShare = createContext(1);

/** True inside <Notes>: source marks become plain text, since links in notes go nowhere. */
const InNotes = createContext(false);

/**
 * The source of a figure on a slide: a small boxed number on the baseline (never raised, so
 * "4,265 1" cannot be read as a power), linked to the sources slide. The deck renderer keeps
 * it only where a slide draws on more than one source; the slide's source line says the rest.
 */
function SourceMark({ n, title }: { n: number; title: string }) {
  const inNotes = useContext(InNotes);
  if (inNotes) return <span class="fd-src-note"> [{n}]</span>;
  return (
    <a class="fd-src" href="#/sources" data-source={n} aria-label={`source ${n}: ${title}`}>
      {n}
    </a>
  );
}

/** List items of a `<Steps>` child, each made a fragment (the PDF shows them all). */
function revealItems(child: ComponentChildren): ComponentChildren {
  if (!isValidElement(child)) return child;
  const node = child as VNode<{ children?: ComponentChildren; class?: string }>;
  if (node.type !== "ul" && node.type !== "ol") return node;
  const items = toChildArray(node.props.children).map((item) => {
    if (!isValidElement(item) || item.type !== "li") return item;
    const li = item as VNode<{ class?: string }>;
    return cloneElement(li, { class: [li.props.class, "fragment"].filter(Boolean).join(" ") });
  });
  return cloneElement(node, {}, items);
}

/**
 * The slide's foot: each source of the figures it shows, with where in the source they are,
 * linked to the sources slide. With one source the line says it all, and the figures carry
 * no marks (`data-count` lets the theme hide them); with several, the boxed numbers match.
 */
function SourceLine({ sources }: { sources: SlideSources }) {
  const entries = [...sources.byNumber].sort(([a], [b]) => a - b);
  if (!entries.length) return null;
  const many = entries.length > 1;
  return (
    <p class="fd-source-line" data-count={entries.length}>
      <a href="#/sources">
        <span class="fd-source-line-label">{many ? "Sources" : "Source"}:</span>{" "}
        {entries.map(([n, e], i) => (
          <span class="fd-source-line-item" key={n}>
            {i > 0 ? " · " : null}
            {many ? <span class="fd-src-box">{n}</span> : null}
            {many ? " " : null}
            {e.name}
            {e.locators.length ? `, ${e.locators.join("; ")}` : ""}
            {e.secondary ? " (secondary source)" : ""}
          </span>
        ))}
      </a>
    </p>
  );
}

/** Builds the MDX components (Stat, Value, Chart, Notes, Audience, Literal, Cite, Columns, Steps, Agenda) for one render. */
export function createComponents(ctx: ComponentContext) {
  // The slide being rendered: its <section> starts a fresh record, its source line reads it.
  let slide = new SlideSources();
  const mark = (key: string, inNotes: boolean) => {
    const { figure, sourceNumber } = ctx.usage.use(key);
    const source = ctx.dataset.source(figure.source);
    const sourceTitle = source?.short ?? source?.title ?? figure.source;
    if (!inNotes) slide.add(sourceNumber, sourceTitle, figure);
    return { figure, sourceNumber, sourceTitle };
  };

  function Value({ of }: { of: string }) {
    const { figure, sourceNumber, sourceTitle } = mark(of, useContext(InNotes));
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
    const { figure, sourceNumber, sourceTitle } = mark(of, useContext(InNotes));
    // A percent sign is part of the number; a count's noun and any suffix are printed after it.
    const unit = figure.unit === "percent" ? "" : formatUnit(figure);
    return (
      <div class="fd-stat" data-figure={of} data-status={figure.status}>
        <p class="fd-stat-value">
          {figure.qualifier ? <span class="fd-stat-qualifier">{figure.qualifier} </span> : null}
          <span class="fd-value" data-figure={of}>
            {formatNumber(figure)}
          </span>
          {unit ? <span class="fd-stat-unit"> {unit}</span> : null}
        </p>
        <p class="fd-stat-label">
          {label ?? figure.label} <SourceMark n={sourceNumber} title={sourceTitle} />
        </p>
      </div>
    );
  }

  /** The sources of a dataset table join the slide's source line, as a chart's figures do. */
  const citeTable = (name: string) => {
    const table = ctx.dataset.table(name);
    for (const source of table?.sources ?? []) {
      const n = ctx.usage.cite(source);
      const registered = ctx.dataset.source(source);
      slide.cite(n, registered?.short ?? registered?.title ?? source, table?.locator);
    }
  };

  function Chart(props: {
    kind: string;
    of: string;
    title: string;
    domain?: string;
    mixed?: string;
    data?: string;
  }) {
    const share = useContext(ColumnShare);
    if (props.data !== undefined && ctx.rowChart) {
      citeTable(props.data);
      const drawn = ctx.rowChart(props, share);
      const id = ctx.recordChart?.(drawn, props.kind ?? "custom", props);
      return <ChartFigure chart={drawn} kind={props.kind ?? "custom"} id={id} />;
    }
    const { kind, of, title, domain, mixed } = props;
    const keys = of.split(/\s+/).filter(Boolean);
    const chart = ctx.chart({ kind, keys, title, domain, mixed, share });
    // Charted figures count for the slide's source line like any other.
    for (const key of keys) mark(key, false);
    return <ChartFigure chart={chart} kind={kind} id={ctx.recordChart?.(chart, kind, props)} />;
  }

  /** A slide table of a dataset table's rows; its sources join the slide's source line. */
  function Table(props: Record<string, string | undefined>) {
    if (!ctx.table) return null;
    citeTable(props.data ?? "");
    return <DataTable table={ctx.table(props)} />;
  }

  function ChartFigure({ chart, kind, id }: { chart: RenderedChart; kind: string; id?: string }) {
    const keys = chart.keys;
    return (
      <figure
        class="fd-chart"
        data-chart={kind}
        data-figures={keys.length ? keys.join(" ") : undefined}
        data-table={chart.dataTable}
        data-chart-id={id}
      >
        <p class="fd-chart-title">{chart.title}</p>
        <div class="fd-chart-svg-wrap" dangerouslySetInnerHTML={{ __html: chart.svg }} />
        <figcaption class="fd-chart-caption">
          <span class="fd-chart-description">{chart.description}</span>
        </figcaption>
        {/* In a box of its own: a table ignores overflow, and a long one stretched the slide. */}
        <div class="fd-sr-only">
          <table class="fd-chart-table">
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
              {chart.table.rows.map((row, index) => (
                <tr key={index}>
                  {row.map((cell, i) => (i === 0 ? <th scope="row">{cell}</th> : <td>{cell}</td>))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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

  /**
   * A source the slide relies on without binding a figure (a report's finding in words): it
   * joins the slide's source line and the sources slide, and marks the text like a figure does.
   */
  function Cite({ source, locator }: { source: string; locator?: string }) {
    const inNotes = useContext(InNotes);
    const n = ctx.usage.cite(source);
    const registered = ctx.dataset.source(source);
    const name = registered?.short ?? registered?.title ?? source;
    if (!inNotes) slide.cite(n, name, locator);
    return (
      <span class="fd-cite" data-cite={source}>
        <SourceMark n={n} title={name} />
      </span>
    );
  }

  /** Side-by-side columns: each direct child is a column; `widths="2 1"` sets their shares. */
  function Columns({ widths, children }: { widths?: string; children?: ComponentChildren }) {
    const shares = (widths ?? "").split(/\s+/).filter(Boolean);
    const style = shares.length
      ? `grid-template-columns: ${shares.map((w) => `minmax(0, ${w}fr)`).join(" ")}`
      : undefined;
    const columns = toChildArray(children).filter((c) => typeof c !== "string" || c.trim());
    const weights = columns.map((_, i) => Number(shares[i] ?? 1) || 1);
    const total = weights.reduce((a, b) => a + b, 0);
    // A chart is laid out for its column's width, so its text stays the size of the slide's.
    return (
      <div class="fd-columns" style={style}>
        {columns.map((child, i) => (
          <ColumnShare.Provider key={i} value={weights[i]! / total}>
            {child}
          </ColumnShare.Provider>
        ))}
      </div>
    );
  }

  /** A list revealed item by item: each item of its lists becomes a reveal.js fragment. */
  function Steps({ children }: { children?: ComponentChildren }) {
    return <div class="fd-steps">{toChildArray(children).map(revealItems)}</div>;
  }

  /**
   * A slide as remark-slides wrote it (`data-fd-slide`), closed by its source line; any other
   * <section> in a slide is plain HTML. Children render after this call, so the line, rendered
   * last, sees every figure the slide shows.
   */
  function section(props: Record<string, unknown> & { children?: ComponentChildren }) {
    const { children, ...rest } = props;
    if (!("data-fd-slide" in rest)) return <section {...rest}>{children}</section>;
    slide = new SlideSources();
    const mine = slide;
    return (
      <section {...rest}>
        {children}
        <SourceLine sources={mine} />
      </section>
    );
  }

  /** The audience's sections as a numbered agenda, with their planned minutes. */
  function Agenda() {
    const sections = ctx.sections ?? [];
    if (!sections.length) return null;
    return (
      <ol class="fd-agenda">
        {sections.map((s) => (
          <li key={s.title}>
            <span class="fd-agenda-title">{s.title}</span>{" "}
            <span class="fd-agenda-minutes">{s.minutes} min</span>
          </li>
        ))}
      </ol>
    );
  }

  return {
    Stat,
    Value,
    Chart,
    Table,
    Notes,
    Audience,
    Literal,
    Cite,
    Columns,
    Steps,
    Agenda,
    section,
  };
}

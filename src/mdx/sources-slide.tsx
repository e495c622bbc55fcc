/** @jsxImportSource preact */
import type { Dataset, Source } from "../data/index.ts";
import { formatFigure } from "../data/index.ts";
import type { UsedFigure } from "./usage.ts";

/** Table height a sources slide has room for, in CSS px at 1280×720 (below the heading). */
const TABLE_BUDGET = 480;

/** Estimated height of a row: labels and locators wrap in their columns. */
function rowHeight(u: UsedFigure): number {
  const label = Math.ceil(u.figure.label.length / 44);
  const locator = Math.ceil((u.figure.locator ?? "").length / 40);
  return Math.max(1, label, locator) * 22 + 12;
}

/** Splits rows into slides by the room they take, not by a fixed count. */
function paginate(used: UsedFigure[]): UsedFigure[][] {
  const pages: UsedFigure[][] = [];
  let height = 0;
  for (const u of used) {
    const h = rowHeight(u);
    if (!pages.length || height + h > TABLE_BUDGET) {
      pages.push([]);
      height = 0;
    }
    pages.at(-1)!.push(u);
    height += h;
  }
  return pages;
}

const STATUS_TEXT: Record<string, string> = {
  primary: "Primary",
  secondary: "Secondary source",
  unverified: "Unverified",
};

/** A source's citation line: title, publisher, date. */
export function citation(source: Source): string {
  return `${source.title}. ${source.publisher}, ${source.date}.`;
}

/** The generated sources slides: numbered sources, then every figure with locator and status. */
export function SourcesSlides({
  dataset,
  used,
  sources,
}: {
  dataset: Dataset;
  used: UsedFigure[];
  sources: string[];
}) {
  const pages = paginate(used);
  return (
    <>
      <section id="sources" class="fd-sources" data-fd-slide="sources">
        <h2>Sources</h2>
        <ol class="fd-source-list">
          {sources.map((id) => {
            const s = dataset.source(id)!;
            return (
              <li key={id} id={`source-${id}`}>
                <cite>{s.title}</cite>. {s.publisher}, {s.date}.
                {s.url ? (
                  <>
                    {" "}
                    <a href={s.url}>{s.url}</a>
                  </>
                ) : null}
                {s.note ? <span class="fd-source-note"> {s.note}</span> : null}
              </li>
            );
          })}
        </ol>
        <aside class="notes">
          <p>
            Every figure in this deck comes from the sources listed here. The next slides list each
            figure with its source, where it is found and how it was verified.
          </p>
        </aside>
      </section>
      {pages.map((rows, page) => (
        <section
          key={page}
          id={`sources-${page + 2}`}
          class="fd-sources fd-figure-index"
          data-fd-slide="sources"
        >
          <h2>
            Figures in this briefing{" "}
            <span class="fd-page-count">
              ({page + 1} of {pages.length})
            </span>
          </h2>
          <table class="fd-figure-table">
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">Value</th>
                <th scope="col">Source</th>
                <th scope="col">Where</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <tr key={u.key} data-figure={u.key} data-status={u.figure.status}>
                  <th scope="row">{u.figure.label}</th>
                  <td class="fd-num">{formatFigure(u.figure)}</td>
                  <td>{sources.indexOf(u.figure.source) + 1}</td>
                  <td>{u.figure.locator ?? "—"}</td>
                  <td class={`fd-status fd-status-${u.figure.status}`}>
                    {STATUS_TEXT[u.figure.status]}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}

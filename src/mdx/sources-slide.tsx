/** @jsxImportSource preact */
import type { Dataset, Figure } from "../data/index.ts";
import { formatFigure } from "../data/index.ts";
import type { UsedFigure } from "./usage.ts";

/** Table height a backup slide has room for, in CSS px at 1280×720 (below the heading). */
const TABLE_BUDGET = 440;

/** Characters a line of the figure column, the locator column and a query line hold at 18 px. */
const LABEL_CHARS = 40;
const LOCATOR_CHARS = 36;
const SQL_CHARS = 48;

/** The query behind a computed figure, when the dataset recorded one. */
function derivationOf(figure: Figure): { sql: string; files: string[] } | undefined {
  const d = (figure as { derivation?: { sql?: string; files?: Array<{ file: string }> } })
    .derivation;
  if (!d?.sql) return undefined;
  return { sql: d.sql.trim(), files: (d.files ?? []).map((f) => f.file) };
}

/** Estimated height of a row: labels, locators and queries wrap in their columns. */
function rowHeight(u: UsedFigure): number {
  const label = Math.ceil(u.figure.label.length / LABEL_CHARS);
  const derivation = derivationOf(u.figure);
  const locator =
    Math.ceil((u.figure.locator ?? "").length / LOCATOR_CHARS) +
    (derivation
      ? derivation.sql.split("\n").reduce((n, line) => n + Math.ceil(line.length / SQL_CHARS), 0) +
        1
      : 0);
  return Math.max(1, label, locator) * 23 + 12;
}

/** Splits rows into slides by the room they take, not by a fixed count. */
function paginate(used: readonly UsedFigure[]): UsedFigure[][] {
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

const figures = (n: number) => `${n} figure${n === 1 ? "" : "s"}`;

/**
 * The one sources slide of a talk: each numbered source with how many of the briefing's
 * figures it supports. The registry's notes (what was and was not recorded about a source)
 * are for the presenter: they go in the speaker notes, never on the screen.
 */
export function SourcesSlide({
  dataset,
  used,
  sources,
}: {
  dataset: Dataset;
  used: readonly UsedFigure[];
  sources: readonly string[];
}) {
  const count = (id: string) => used.filter((u) => u.figure.source === id);
  const notes = sources
    .map((id, i) => ({ n: i + 1, note: dataset.source(id)?.note }))
    .filter((s) => s.note);
  return (
    <section
      id="sources"
      class={`fd-sources${sources.length > 4 ? " fd-sources-many" : ""}`}
      data-fd-slide="sources"
    >
      <h2>Sources</h2>
      <ol class="fd-source-list">
        {sources.map((id) => {
          const s = dataset.source(id)!;
          const mine = count(id);
          const secondary = mine.filter((u) => u.figure.status !== "primary").length;
          return (
            <li key={id} id={`source-${id}`} data-short={s.short ?? s.title}>
              <cite>{s.title}</cite>
              <span class="fd-source-meta">
                {" "}
                {s.publisher}, {s.date}.
                {s.url ? (
                  <>
                    {" "}
                    <a href={s.url}>{s.url}</a>
                  </>
                ) : null}
              </span>
              <span class="fd-source-count">
                {" "}
                {mine.length ? `Supports ${figures(mine.length)}` : "Cited; supports no figure"}
                {secondary ? `, ${secondary} of them from a secondary source` : ""}.
              </span>
            </li>
          );
        })}
      </ol>
      <aside class="notes">
        <p>
          Every figure in this briefing comes from the sources listed here. The backup slides after
          the end slide list each figure with its source, where it is found and how it was verified.
        </p>
        {notes.length ? (
          <ul class="fd-source-notes">
            {notes.map(({ n, note }) => (
              <li key={n} data-source={n}>
                [{n}] {note}
              </li>
            ))}
          </ul>
        ) : null}
      </aside>
    </section>
  );
}

/** Backup slides after the end slide: every figure with its value, source, locator and status. */
export function FigureTableSlides({
  used,
  sources,
}: {
  used: readonly UsedFigure[];
  sources: readonly string[];
}) {
  const pages = paginate(used);
  return (
    <>
      {pages.map((rows, page) => (
        <section
          key={page}
          id={`sources-${page + 2}`}
          class="fd-sources fd-figure-index"
          data-fd-slide="sources"
          data-fd-backup=""
        >
          <h2>
            Figures in this briefing{" "}
            <span class="fd-page-count">
              (backup, {page + 1} of {pages.length})
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
              {rows.map((u) => {
                const derivation = derivationOf(u.figure);
                return (
                  <tr key={u.key} data-figure={u.key} data-status={u.figure.status}>
                    <th scope="row">{u.figure.label}</th>
                    <td class="fd-num">{formatFigure(u.figure)}</td>
                    <td>{sources.indexOf(u.figure.source) + 1}</td>
                    <td>
                      {u.figure.locator ?? (derivation ? "" : "—")}
                      {derivation ? (
                        <span class="fd-derivation">
                          Computed
                          {derivation.files.length ? ` from ${derivation.files.join(", ")}` : ""}:
                          <code>{derivation.sql}</code>
                        </span>
                      ) : null}
                    </td>
                    <td class={`fd-status fd-status-${u.figure.status}`}>
                      {STATUS_TEXT[u.figure.status]}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}

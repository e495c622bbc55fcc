import path from "node:path";
import {
  type ChartFrame,
  chartRowsQuery,
  type LoadedChart,
  loadCustomChart,
  type RenderedChart,
  renderCustomChart,
  renderRowChart,
  tableRowsQuery,
} from "../charts/index.ts";
import type { Dataset, Deck } from "../data/index.ts";
import { columnTitle, dateGrain, formatCell } from "../data/tables/column-format.ts";
import type { RowsQuery, RowsResult } from "../data/tables/rows.ts";
import type { Diagnostic, SourcePosition } from "../errors/index.ts";
import type { CompiledSlides } from "./compile.ts";
import type { ComponentReference } from "./references.ts";
import type { RenderedTable } from "./table.tsx";

/** Room the slide grid takes around a chart at the default theme: padding, heading, title, source line. */
const PAD_X = 80;
const CHROME_HEIGHT = 300;
/** A slide table's row, at the table's type size, with its rule. */
const TABLE_ROW_PX = 40;
const TABLE_CHROME_PX = 260;
const CHART_VIEWBOX = 1000;

/** The most rows a `<Table>` shows on a slide of this height (11 at 720 px). */
export function maxTableRows(height: number): number {
  return Math.max(3, Math.floor((height - TABLE_CHROME_PX) / TABLE_ROW_PX));
}

/**
 * The frame a chart of rows is laid out in: the viewBox width the figure charts use (less in
 * a column), and the height that fills the room the slide leaves at the deck's size.
 */
export function chartFrame(size: { width: number; height: number }, share = 1): ChartFrame {
  const width = share < 1 ? Math.max(420, Math.round(CHART_VIEWBOX * share - 40)) : CHART_VIEWBOX;
  const roomWidth = (size.width - 2 * PAD_X) * share - (share < 1 ? 24 : 0);
  const px = roomWidth / width;
  const height = Math.round((size.height - CHROME_HEIGHT) / px);
  return { width, height: Math.max(240, height), px };
}

/** What the components need to draw `<Chart data>` and `<Table>`, and what drawing them found. */
export interface RowRendering {
  rowChart?: (attributes: Record<string, string | undefined>, share: number) => RenderedChart;
  table?: (attributes: Record<string, string | undefined>) => RenderedTable;
  /** Findings while fetching (errors) and while drawing (errors and readability warnings). */
  diagnostics: Diagnostic[];
}

const isRowRef = (r: ComponentReference) =>
  (r.name === "Chart" && r.attributes.data !== undefined) || r.name === "Table";

/**
 * Fetches, before anything renders, the rows of every `<Chart data>` and `<Table>` the
 * audience's slides use (all queries at once, one engine), and loads the project's chart
 * modules they name; slide components render synchronously from what this collected.
 * A deck with no such references never starts DuckDB.
 */
export async function prepareRows(
  deck: Deck,
  dataset: Dataset,
  compiled: ReadonlyMap<string, CompiledSlides>,
  currentSlide: () => string,
): Promise<RowRendering> {
  const refs = [...compiled.values()].flatMap((c) => c.references.filter(isRowRef));
  const diagnostics: Diagnostic[] = [];
  if (!refs.length) return { diagnostics };
  const size = deck.config.size;
  const locale = deck.config.lang;
  const root = path.dirname(path.dirname(deck.dir));
  const maxRows = maxTableRows(size.height);

  const queryOf = (
    component: string,
    a: Record<string, string | null | undefined>,
  ): RowsQuery | undefined => {
    const table = dataset.table(a.data ?? "");
    if (!table) return undefined;
    if (a.use) return { table: table.name, columns: table.columns.map((c) => c.name) };
    return component === "Table"
      ? tableRowsQuery(
          a,
          table.columns.map((c) => c.name),
          maxRows,
        )
      : chartRowsQuery(a);
  };
  const wanted = new Map<string, { query: RowsQuery; at: SourcePosition }>();
  for (const ref of refs) {
    const query = queryOf(ref.name, ref.attributes);
    if (query) wanted.set(JSON.stringify(query), { query, at: ref.at });
  }
  const { queryRows } = await import("../data/tables/rows.ts");
  const results = new Map<string, RowsResult>();
  await Promise.all(
    [...wanted].map(async ([key, { query, at }]) => {
      try {
        results.set(key, await queryRows(dataset, query));
      } catch (error) {
        diagnostics.push({
          code: "FD_TABLE_SQL",
          severity: "error",
          message: `The rows of the table "${query.table}" could not be read.`,
          at,
          detail: error instanceof Error ? error.message.split("\n")[0] : String(error),
          hint: "check the table's file and query with factdeck check",
        });
      }
    }),
  );
  const customs = new Map<string, LoadedChart>();
  await Promise.all(
    [...new Set(refs.map((r) => r.attributes.use).filter((u): u is string => !!u))].map(
      async (name) => customs.set(name, await loadCustomChart(root, name)),
    ),
  );

  /** The reference on the slide being rendered whose attributes these are, for positions. */
  const refOf = (name: string, a: Record<string, string | undefined>) =>
    compiled
      .get(currentSlide())
      ?.references.find(
        (r) =>
          r.name === name &&
          Object.keys(r.attributes).length ===
            Object.keys(a).filter((k) => a[k] !== undefined).length &&
          Object.entries(r.attributes).every(([k, v]) => a[k] === v),
      )?.at;

  const rowsOf = (component: string, a: Record<string, string | undefined>) => {
    const query = queryOf(component, a);
    return query ? results.get(JSON.stringify(query)) : undefined;
  };

  const reported = new Set<string>();
  const report = (found: readonly Diagnostic[]) => {
    for (const d of found) {
      const id = `${d.code}\0${d.message}\0${d.at?.file}:${d.at?.line}`;
      if (!reported.has(id)) diagnostics.push(d);
      reported.add(id);
    }
  };

  return {
    diagnostics,
    rowChart(a, share) {
      const at = refOf("Chart", a);
      const data = rowsOf("Chart", a);
      const title = a.title ?? "";
      const empty: RenderedChart = {
        svg: "",
        title,
        description: "",
        table: { caption: title, columns: [], rows: [] },
        keys: [],
        dataTable: a.data,
      };
      if (!data) return empty;
      if (data.truncated)
        report([
          {
            code: "FD_CHART_DATA",
            severity: "error",
            message: `The table "${a.data}" has more rows than a chart draws (${data.rows.length.toLocaleString("en-US")} read, and more).`,
            at,
            hint: "aggregate the rows in a derived table of the dataset (group by month, district …) and chart that",
          },
        ]);
      const frame = chartFrame(size, share);
      const base = {
        table: a.data ?? "",
        title,
        x: a.x,
        y: a.y,
        series: a.series,
        facet: a.facet,
        sort: a.sort,
        label: a.label,
        layout: a.layout,
        domain: a.domain,
        frame,
        locale,
        at,
      };
      if (a.use) {
        const loaded = customs.get(a.use);
        if (!loaded) return empty;
        if ("problem" in loaded) {
          report([{ ...loaded.problem, related: at ? [at] : undefined }]);
          return empty;
        }
        const result = renderCustomChart(loaded, { ...base, use: a.use }, data);
        report(result.diagnostics);
        return result.chart ?? empty;
      }
      const result = renderRowChart({ ...base, kind: a.kind ?? "" }, data);
      report(result.diagnostics);
      return result.chart ?? empty;
    },
    table(a) {
      const at = refOf("Table", a);
      const data = rowsOf("Table", a);
      const empty: RenderedTable = {
        title: a.title ?? "",
        table: a.data ?? "",
        columns: [],
        rows: [],
      };
      if (!data) return empty;
      if (a.limit === undefined && data.rows.length > maxRows) {
        report([
          {
            code: "FD_MDX_TABLE_TOO_LONG",
            severity: "error",
            message: `<Table data="${a.data}"> has ${data.truncated ? "thousands of" : data.rows.length} rows, and a slide of ${size.width} × ${size.height} shows ${maxRows}.`,
            at,
            hint: `add limit="${maxRows}" (with sort="…" to choose which rows), or split the rows over two slides with a derived table each`,
          },
        ]);
        return empty;
      }
      const grains = new Map(
        data.columns
          .filter((c) => c.kind === "date")
          .map((c) => [
            c.name,
            dateGrain(data.rows.map((r) => r[c.name]).filter((d): d is Date => d instanceof Date)),
          ]),
      );
      return {
        title: a.title ?? "",
        table: a.data ?? "",
        columns: data.columns.map((c) => ({ label: columnTitle(c), numeric: c.kind === "number" })),
        rows: data.rows.map((r) =>
          data.columns.map((c) => formatCell(r[c.name] ?? null, c, locale, grains.get(c.name))),
        ),
      };
    },
  };
}

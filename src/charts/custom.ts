import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { PlotOptions } from "@observablehq/plot";
import { formatCell } from "../data/tables/column-format.ts";
import type { Row, RowValue } from "../data/tables/rows.ts";
import {
  errorPositionIn,
  importTypeScriptModule,
  TypeScriptModuleError,
} from "../data/typescript-module.ts";
import type { Diagnostic } from "../errors/index.ts";
import { chartDocument } from "./dom.ts";
import { numbers, plural, rowTable } from "./row-scales.ts";
import type { ChartRows, RowChartRequest, RowContext } from "./row-types.ts";
import { drawSvg } from "./svg.ts";
import { FONT_SIZE, MUTED, PALETTE_SIZE, paletteColor, SMALL_FONT_SIZE, TEXT } from "./theme.ts";
import type { RenderedChart } from "./types.ts";

/** What a project's own chart receives beside the rows: the theme's colours, sizes and formats. */
export interface ChartTheme {
  /** The palette as CSS variables, series 1 first. */
  colors: string[];
  text: string;
  muted: string;
  fontSize: number;
  smallFontSize: number;
  /** The viewBox the chart is laid out in: the room its slide leaves. */
  width: number;
  height: number;
  locale: string;
  /** A cell formatted as a table on a slide prints it (unit, precision, locale). */
  format(column: string, value: RowValue): string;
}

/** A project's own chart, `charts/<name>.ts`: rows and theme in, Plot options out (build time only). */
export type CustomChart<R extends Row = Row> = (rows: R[], theme: ChartTheme) => PlotOptions;

/** A loaded chart module, or why it cannot be used. */
export type LoadedChart = { draw: CustomChart; file: string } | { problem: Diagnostic };

const modules = new Map<string, Promise<LoadedChart>>();

/** The names of a project's `charts/*.ts` modules (none when it has no charts/ folder). */
export function listCustomCharts(root: string, read = readdirNames): string[] {
  return read(path.join(root, "charts"))
    .filter((f) => /^[a-z][a-z0-9-]*\.ts$/.test(f))
    .map((f) => f.slice(0, -3))
    .sort();
}

function readdirNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    // No charts/ folder: the project has no charts of its own.
    return [];
  }
}

/**
 * Imports `charts/<name>.ts` once per content (compiled by esbuild, no loader hook): a
 * project's chart modules, like its schema files, are the only code it runs, at build time.
 */
export function loadCustomChart(root: string, name: string): Promise<LoadedChart> {
  const file = path.join(root, "charts", `${name}.ts`);
  let hash: string;
  try {
    hash = createHash("sha1").update(readFileSync(file)).digest("hex");
  } catch {
    return Promise.resolve({
      problem: {
        code: "FD_CHART_CUSTOM",
        severity: "error",
        message: `The chart module charts/${name}.ts cannot be read.`,
        at: { file, line: 1, column: 1 },
        hint: "check that the file exists and can be read",
      },
    });
  }
  let pending = modules.get(`${file}\0${hash}`);
  if (!pending) {
    pending = importChart(file);
    modules.set(`${file}\0${hash}`, pending);
  }
  return pending;
}

async function importChart(file: string): Promise<LoadedChart> {
  try {
    const mod = (await importTypeScriptModule(file)) as { default?: unknown };
    // A module in a CommonJS package arrives wrapped once more.
    const draw =
      typeof mod.default === "function"
        ? mod.default
        : (mod.default as { default?: unknown } | undefined)?.default;
    if (typeof draw !== "function")
      return {
        problem: {
          code: "FD_CHART_CUSTOM",
          severity: "error",
          message: `The chart module ${shown(file)} has no default export that is a function.`,
          at: { file, line: 1, column: 1 },
          hint: "export default function (rows, theme) { return { marks: [ … ] }; } — it returns Plot options",
        },
      };
    return { draw: draw as CustomChart, file };
  } catch (error) {
    return {
      problem: {
        code: "FD_CHART_CUSTOM",
        severity: "error",
        message: `The chart module ${shown(file)} cannot be loaded.`,
        at: (error instanceof TypeScriptModuleError ? error.at : undefined) ??
          errorPositionIn(error, file) ?? { file, line: 1, column: 1 },
        detail: error instanceof Error ? error.message.split("\n")[0] : String(error),
        hint: "fix the module; it is TypeScript run at build time, type-checked with the project",
      },
    };
  }
}

/** Draws a project's own chart; its description and data table come from the rows, not from it. */
export function renderCustomChart(
  loaded: { draw: CustomChart; file: string },
  request: Omit<RowChartRequest, "kind"> & { use: string },
  data: ChartRows,
): { chart?: RenderedChart; diagnostics: Diagnostic[] } {
  const { frame, locale, at } = request;
  const byName = new Map(data.columns.map((c) => [c.name, c]));
  const theme: ChartTheme = {
    colors: Array.from({ length: PALETTE_SIZE }, (_, i) => paletteColor(i)),
    text: TEXT,
    muted: MUTED,
    fontSize: FONT_SIZE,
    smallFontSize: SMALL_FONT_SIZE,
    width: frame.width,
    height: frame.height,
    locale,
    format: (column, value) => {
      const c = byName.get(column);
      return c ? formatCell(value, c, locale) : String(value ?? "");
    },
  };
  const ctx: RowContext = {
    ...data,
    request: { ...request, kind: `custom-${request.use}` },
    column: (name) => byName.get(name)!,
  };
  const description = describeRows(ctx);
  let svg: string;
  try {
    // The module gets copies: what it does to its rows cannot change the data table.
    const options = loaded.draw(
      data.rows.map((r) => ({ ...r })),
      theme,
    );
    if (!options || typeof options !== "object")
      throw new TypeError("the chart function returned no Plot options");
    svg = drawSvg({ width: frame.width, height: frame.height, ...options }, chartDocument(), {
      kind: `custom-${request.use}`,
      title: request.title,
      description,
    });
  } catch (error) {
    return {
      diagnostics: [
        {
          code: "FD_CHART_CUSTOM",
          severity: "error",
          message: `The chart module ${shown(loaded.file)} failed: ${error instanceof Error ? error.message : String(error)}`,
          at: errorPositionIn(error, loaded.file) ?? { file: loaded.file, line: 1, column: 1 },
          related: at ? [at] : undefined,
          hint: `fix the module; the <Chart use="${request.use}"> that drew it is at the related position`,
        },
      ],
    };
  }
  return {
    chart: {
      svg,
      title: request.title,
      description,
      table: rowTable(
        ctx,
        data.columns.map((c) => c.name),
      ),
      keys: [],
      dataTable: request.table,
    },
    diagnostics: [],
  };
}

/** A description any chart of rows can have: how many rows, and the range of each number column. */
function describeRows(ctx: RowContext): string {
  const ranges = ctx.columns
    .filter((c) => c.kind === "number")
    .map((c) => {
      const v = numbers(ctx.rows, c.name);
      if (!v.length) return "";
      const f = (n: number) => formatCell(n, c, ctx.request.locale);
      return `${c.display.label ?? c.name} from ${f(Math.min(...v))} to ${f(Math.max(...v))}`;
    })
    .filter(Boolean);
  return `Chart of ${plural(ctx.rows.length, "row", "rows")} of the table "${ctx.request.table}"${ranges.length ? `: ${ranges.join("; ")}` : ""}.`;
}

function shown(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

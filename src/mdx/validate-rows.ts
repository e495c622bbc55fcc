import { isRowChartKind, ROW_CHART_KINDS, roleKinds, rowKindRoles } from "../charts/index.ts";
import { columnKind } from "../data/tables/rows.ts";
import type { TableInfo } from "../data/tables/types.ts";
import { type Diagnostic, suggestion } from "../errors/index.ts";
import type { ComponentReference } from "./references.ts";

/** The most rows a `<Table>` shows on one slide at the default size. */
export const MAX_TABLE_ROWS = 12;

const ROLES = ["x", "y", "series", "facet", "label"] as const;
const FIGURE_ONLY = ["of", "mixed"] as const;
const ROWS_ONLY = ["data", "x", "y", "series", "facet", "sort", "label", "layout", "use"] as const;

/** What the checks of `data=` attributes read: the dataset's tables and the project's own charts. */
export interface RowsValidation {
  tables: readonly Pick<TableInfo, "name" | "columns">[];
  /** Names of `charts/<name>.ts` modules the project has. */
  customCharts: readonly string[];
}

const KIND_WORDS: Record<string, string> = {
  number: "a number column",
  date: "a date column",
  text: "a text column",
  boolean: "a yes/no column",
};

/** Checks a `<Chart>`'s attributes for the form it is written in: figures (`of`) or rows (`data`). */
export function checkChartForm(ref: ComponentReference, ctx: RowsValidation): Diagnostic[] {
  const a = ref.attributes;
  const at = (name: string) => ref.attributeAt[name] ?? ref.at;
  const out: Diagnostic[] = [];
  if (a.data === undefined) {
    for (const name of ROWS_ONLY)
      if (a[name] !== undefined)
        out.push({
          code: "FD_MDX_UNKNOWN_ATTRIBUTE",
          severity: "error",
          message: `<Chart ${name}="…"> draws a table's rows, and this chart names no table.`,
          at: at(name),
          hint: 'add data="<table>" to draw rows, or remove the attribute (a chart of figures takes kind, of, title, domain, mixed)',
        });
    for (const name of ["kind", "of"] as const)
      if (a[name] === undefined && a.use === undefined)
        out.push({
          code: "FD_MDX_MISSING_ATTRIBUTE",
          severity: "error",
          message: `<Chart> needs the attribute "${name}".`,
          at: ref.at,
          hint:
            name === "kind"
              ? 'for example <Chart kind="bars" of="group.a group.b" title="What the chart shows"/>'
              : 'for example <Chart kind="bars" of="recidivism.rearrested"/>, or data="<table>" to draw rows',
        });
    return out;
  }
  for (const name of FIGURE_ONLY)
    if (a[name] !== undefined)
      out.push({
        code: "FD_MDX_UNKNOWN_ATTRIBUTE",
        severity: "error",
        message: `<Chart ${name}="…"> belongs to a chart of figures, and this chart draws the rows of "${a.data}".`,
        at: at(name),
        hint: "a chart draws either figures (of) or a table's rows (data), not both",
      });
  const table = tableOf(ref, "data", ctx, out);
  if (a.use !== undefined) {
    if (a.kind !== undefined)
      out.push({
        code: "FD_MDX_UNKNOWN_ATTRIBUTE",
        severity: "error",
        message: "<Chart> takes a kind or a custom chart (use), not both.",
        at: at("kind"),
        hint: `remove kind="${a.kind}" to draw the chart charts/${a.use}.ts describes`,
      });
    if (a.use && !ctx.customCharts.includes(a.use))
      out.push({
        code: "FD_MDX_ATTRIBUTE_VALUE",
        severity: "error",
        message: `<Chart use="${a.use}"> names a chart the project does not have: there is no charts/${a.use}.ts.`,
        at: at("use"),
        hint: ctx.customCharts.length
          ? suggestion(a.use, ctx.customCharts, "custom charts")
          : "write charts/<name>.ts beside slides/, default-exporting (rows, theme) => Plot options (see the README)",
      });
    return out;
  }
  if (a.kind === undefined) {
    out.push({
      code: "FD_MDX_MISSING_ATTRIBUTE",
      severity: "error",
      message: '<Chart data="…"> needs the attribute "kind" (or "use" for a custom chart).',
      at: ref.at,
      hint: `for example <Chart kind="line" data="${a.data}" x="…" y="…" title="…"/>; the kinds are ${ROW_CHART_KINDS.join(", ")}`,
    });
    return out;
  }
  if (!a.kind || !isRowChartKind(a.kind)) {
    out.push({
      code: "FD_MDX_CHART_KIND",
      severity: "error",
      message: `Unknown chart kind "${a.kind}" for a table's rows.`,
      at: at("kind"),
      hint: suggestion(a.kind ?? "", ROW_CHART_KINDS, "kinds drawn from a table"),
    });
    return out;
  }
  const { accepts, required } = rowKindRoles(a.kind);
  for (const role of required)
    if (a[role] === undefined)
      out.push({
        code: "FD_MDX_MISSING_ATTRIBUTE",
        severity: "error",
        message: `<Chart kind="${a.kind}"> needs the attribute "${role}": the column to draw ${role === "x" ? "across" : "up"}.`,
        at: ref.at,
        hint: table
          ? `the columns of "${table.name}" are ${table.columns.map((c) => c.name).join(", ")}`
          : `write ${role}="<column>"`,
      });
  for (const role of ROLES) {
    const name = a[role];
    if (name === undefined || name === null) continue;
    if (!accepts.includes(role)) {
      out.push({
        code: "FD_MDX_UNKNOWN_ATTRIBUTE",
        severity: "error",
        message: `A ${a.kind} chart has no use for ${role}="${name}".`,
        at: at(role),
        hint: `a ${a.kind} chart takes ${accepts.join(", ")}`,
      });
      continue;
    }
    if (!table) continue;
    const column = table.columns.find((c) => c.name === name);
    if (!column) {
      out.push(unknownColumn(name, table, ref, role));
      continue;
    }
    const kinds = roleKinds(a.kind, role) ?? [];
    const kind = columnKind(column.type);
    if (!kinds.includes(kind))
      out.push({
        code: "FD_MDX_ATTRIBUTE_VALUE",
        severity: "error",
        message: `<Chart kind="${a.kind}" ${role}="${name}">: the ${role} of a ${a.kind} chart is ${kinds.map((k) => KIND_WORDS[k]).join(" or ")}, and "${name}" is ${KIND_WORDS[kind]} (${column.type}).`,
        at: at(role),
        hint: fitHint(a.kind, role, table, kinds),
      });
  }
  if (a.sort !== undefined && a.sort !== "value" && a.sort !== "name")
    out.push({
      code: "FD_MDX_ATTRIBUTE_VALUE",
      severity: "error",
      message: `<Chart sort="${a.sort}"> is not an order a chart knows.`,
      at: at("sort"),
      hint: 'write sort="value" (largest first) or sort="name" (A to Z); without sort the rows keep the table\'s order',
    });
  if (a.layout !== undefined && a.layout !== "grouped" && a.layout !== "stacked")
    out.push({
      code: "FD_MDX_ATTRIBUTE_VALUE",
      severity: "error",
      message: `<Chart layout="${a.layout}"> is not a layout of bars.`,
      at: at("layout"),
      hint: 'write layout="stacked" or layout="grouped" (the default), with a series',
    });
  if (a.domain !== undefined && a.domain !== "auto")
    out.push({
      code: "FD_MDX_ATTRIBUTE_VALUE",
      severity: "error",
      message: `<Chart domain="${a.domain}">: a chart of rows fits its axis to the data only with domain="auto".`,
      at: at("domain"),
      hint: "write domain=\"auto\" to start a line's or points' value axis near the data instead of at 0; bars always start at 0",
    });
  return out;
}

/** Checks a `<Table>`: its table, its columns, its sort keys and its limit. */
export function checkTable(ref: ComponentReference, ctx: RowsValidation): Diagnostic[] {
  const out: Diagnostic[] = [];
  const table = tableOf(ref, "data", ctx, out);
  if (!table) return out;
  for (const name of (ref.attributes.columns ?? "").split(/\s+/).filter(Boolean))
    if (!table.columns.some((c) => c.name === name))
      out.push(unknownColumn(name, table, ref, "columns"));
  for (const key of (ref.attributes.sort ?? "").split(/\s+/).filter(Boolean)) {
    const name = key.replace(/^-/, "");
    if (!table.columns.some((c) => c.name === name))
      out.push(unknownColumn(name, table, ref, "sort"));
  }
  const limit = ref.attributes.limit;
  if (typeof limit === "string" && !/^\s*[1-9]\d*\s*$/.test(limit))
    out.push({
      code: "FD_MDX_ATTRIBUTE_VALUE",
      severity: "error",
      message: `<Table limit="${limit}"> is not a number of rows.`,
      at: ref.attributeAt.limit ?? ref.at,
      hint: `write a whole number from 1 to ${MAX_TABLE_ROWS}, for example limit="10"`,
    });
  return out;
}

function tableOf(
  ref: ComponentReference,
  attr: string,
  ctx: RowsValidation,
  out: Diagnostic[],
): Pick<TableInfo, "name" | "columns"> | undefined {
  const name = ref.attributes[attr];
  if (!name) return undefined;
  const table = ctx.tables.find((t) => t.name === name);
  if (!table)
    out.push({
      code: "FD_MDX_UNKNOWN_TABLE",
      severity: "error",
      message: `<${ref.name} ${attr}="${name}"> names a table that is not in the dataset.`,
      at: ref.attributeAt[attr] ?? ref.at,
      hint: ctx.tables.length
        ? suggestion(
            name,
            ctx.tables.map((t) => t.name),
            "tables",
          )
        : "the deck's dataset declares no tables; add one under tables: in the data file",
    });
  return table;
}

function unknownColumn(
  name: string,
  table: Pick<TableInfo, "name" | "columns">,
  ref: ComponentReference,
  attr: string,
): Diagnostic {
  return {
    code: "FD_MDX_UNKNOWN_COLUMN",
    severity: "error",
    message: `<${ref.name} ${attr}="…"> names the column "${name}", which the table "${table.name}" does not have.`,
    at: ref.attributeAt[attr] ?? ref.at,
    hint: suggestion(
      name,
      table.columns.map((c) => c.name),
      `columns of "${table.name}"`,
    ),
  };
}

function fitHint(
  kind: string,
  role: string,
  table: Pick<TableInfo, "name" | "columns">,
  kinds: readonly string[],
): string {
  const fitting = table.columns
    .filter((c) => kinds.includes(columnKind(c.type)))
    .map((c) => c.name);
  const tail = fitting.length
    ? `; in "${table.name}" that is ${fitting.join(", ")}`
    : `; "${table.name}" has none`;
  if (kind === "line" && role === "x")
    return `a line runs over dates or numbers; dates written as text (2019-01) can be cast in a derived table${tail}`;
  return `choose ${kinds.map((k) => KIND_WORDS[k]).join(" or ")}${tail}`;
}

import path from "node:path";
import type { TableInfo } from "../data/index.ts";
import {
  type Diagnostic,
  formatDiagnostics,
  formatPosition,
  type SourcePosition,
  type SourceReader,
} from "../errors/index.ts";
import type { LiteralNote } from "./literals.ts";

/** Everything `factdeck check` found, and what it looked at. */
export interface CheckReport {
  /** Errors and warnings: the data and MDX layers' findings first, then the check's. */
  diagnostics: Diagnostic[];
  /** Every `<Literal>` escape, for review. */
  literals: LiteralNote[];
  /** The decks checked: their audiences and slide files. */
  checked: Array<{ deck: string; audiences: string[]; slideFiles: number }>;
  /** Decks whose slides were not compared with their data, and why. */
  notChecked: Array<{ deck: string; reason: string }>;
  /** The tables of the checked datasets, with their inferred column types; absent when none. */
  tables?: Array<TableInfo & { dataset: string }>;
}

/** How the report is printed; `root` makes paths relative (default the working directory). */
export interface ReportOptions {
  root?: string;
  /** Warnings fail the check too. */
  strict?: boolean;
  read?: SourceReader;
}

/** The exit code for a report: 1 with any error, or with any warning under `--strict`. */
export function exitCodeOf(report: CheckReport, strict = false): number {
  const { errors, warnings } = countOf(report.diagnostics);
  return errors > 0 || (strict && warnings > 0) ? 1 : 0;
}

function countOf(list: readonly Diagnostic[]) {
  const errors = list.filter((d) => d.severity === "error").length;
  return { errors, warnings: list.length - errors };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function relative(file: string, root: string): string {
  const rel = path.isAbsolute(file) ? path.relative(root, file) : file;
  return rel.split(path.sep).join("/");
}

/** Findings in reading order: by file, errors first, then by line. */
function groupByFile(list: readonly Diagnostic[], root: string): Array<[string, Diagnostic[]]> {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of list) {
    const key = d.at ? relative(d.at.file, root) : "";
    const group = groups.get(key) ?? [];
    group.push(d);
    groups.set(key, group);
  }
  const line = (d: Diagnostic) => (d.at ? d.at.line * 1e5 + d.at.column : 0);
  return [...groups.entries()]
    .sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)))
    .map(([file, group]) => [file, group.sort((a, b) => line(a) - line(b))]);
}

/** The report as a presenter reads it in the terminal: findings grouped by file, literals, a summary. */
export function formatReport(report: CheckReport, options: ReportOptions = {}): string {
  const root = options.root ?? process.cwd();
  const parts: string[] = [];
  for (const [file, group] of groupByFile(report.diagnostics, root)) {
    const { errors, warnings } = countOf(group);
    const counts = [errors && plural(errors, "error"), warnings && plural(warnings, "warning")]
      .filter(Boolean)
      .join(", ");
    const heading = `${file || "The project"} (${counts})`;
    parts.push(
      `${heading}\n${"─".repeat(Math.min(heading.length, 80))}\n${formatDiagnostics(group, { root, read: options.read })}`,
    );
  }
  if (report.literals.length) {
    const lines = report.literals.map((l) => {
      const also = l.matches.length ? `; equals ${l.matches.join(", ")}` : "";
      return `  ${formatPosition(l.at, root)}  "${l.text}" (${l.reason || "no reason given"}${also})`;
    });
    parts.push(
      `Text marked as not a figure with <Literal> (${report.literals.length}):\n${lines.join("\n")}`,
    );
  }
  for (const skipped of report.notChecked)
    parts.push(
      `The slides of "${skipped.deck}" were not compared with the data: ${skipped.reason}.`,
    );
  parts.push(summaryLine(report, options.strict ?? false));
  return `${parts.join("\n\n")}\n`;
}

/** One line: the verdict, the counts and what was checked. */
export function summaryLine(report: CheckReport, strict: boolean): string {
  const { errors, warnings } = countOf(report.diagnostics);
  const failed = exitCodeOf(report, strict) !== 0;
  const files = new Set(report.diagnostics.flatMap((d) => (d.at ? [d.at.file] : []))).size;
  const decks = report.checked
    .map(
      (c) =>
        `${c.deck} (${plural(c.audiences.length, "audience")}, ${plural(c.slideFiles, "slide file")})`,
    )
    .join(", ");
  const counts = `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
  const where = files ? ` in ${plural(files, "file")}` : "";
  const verdict = failed
    ? `Check failed${strict && errors === 0 ? " (--strict: warnings count)" : ""}`
    : "Check passed";
  return `${verdict}: ${counts}${where}. Checked ${decks || "no decks"}.`;
}

/** One finding in the JSON report; the field names are stable. */
export interface JsonFinding {
  code: string;
  severity: "error" | "warning" | "info";
  message: string;
  file: string | null;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  detail: string | null;
  hint: string | null;
  related: Array<{ file: string; line: number; column: number }>;
}

/** The JSON report for other tools: `{ ok, summary, findings }`; literals are "info" findings. */
export function jsonReport(report: CheckReport, options: ReportOptions = {}) {
  const root = options.root ?? process.cwd();
  const place = (at: SourcePosition | undefined) => ({
    file: at ? relative(at.file, root) : null,
    line: at?.line ?? null,
    column: at?.column ?? null,
    endLine: at?.endLine ?? null,
    endColumn: at?.endColumn ?? null,
  });
  const findings: JsonFinding[] = report.diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...place(d.at),
    detail: d.detail ?? null,
    hint: d.hint ?? null,
    related: (d.related ?? []).map((r) => ({
      file: relative(r.file, root),
      line: r.line,
      column: r.column,
    })),
  }));
  for (const l of report.literals)
    findings.push({
      code: "FD_CHECK_LITERAL",
      severity: "info",
      message: `"${l.text}" is marked as not a figure: ${l.reason || "no reason given"}.`,
      ...place(l.at),
      detail: l.matches.length ? `the text equals ${l.matches.join(", ")}` : null,
      hint: null,
      related: [],
    });
  const { errors, warnings } = countOf(report.diagnostics);
  // Each table: where it comes from, its size and column types (as inferred without a row schema).
  const tables = (report.tables ?? []).map((t) => ({
    dataset: t.dataset,
    name: t.name,
    file: t.file === undefined ? null : `data/${t.file}`,
    sql: t.sql ?? null,
    sources: t.sources,
    rows: t.rows,
    columns: t.columns.map((c) => ({ name: c.name, type: c.type })),
    rowSchema: t.rowSchema,
  }));
  return {
    ok: exitCodeOf(report, options.strict ?? false) === 0,
    summary: { errors, warnings, literals: report.literals.length, decks: report.checked },
    findings,
    notChecked: report.notChecked,
    tables,
  };
}

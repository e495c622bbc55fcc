import type { Summary } from "./stats.ts";

/** Units the table prints. KB and MB are decimal (1 KB = 1,000 bytes); MiB and GiB binary. */
export type Unit = "ms" | "bytes" | "rss" | "count" | "ratio" | "r2" | "ms/slide" | "MiB/slide";

/** A target from the issue: the median must be below (or at most) the limit. */
export interface Target {
  op: "<" | "<=";
  limit: number;
}

/** One line of the results table. */
export interface Row {
  section: string;
  measure: string;
  unit: Unit;
  /** The median, or the single value; undefined when not measured. */
  value?: number;
  summary?: Summary;
  target?: Target;
  /** A word on how to read it, or why it was not measured. */
  note?: string;
  /** Also in the short Markdown summary (rows with a target always are). */
  headline?: boolean;
}

/** A row from repeated measurements. */
export function rowOf(
  section: string,
  measure: string,
  unit: Unit,
  summary: Summary,
  target?: Target,
  note?: string,
): Row {
  return { section, measure, unit, value: summary.median, summary, target, note };
}

/** A row from repeated measurements that also goes into the short summary. */
export function headline(...args: Parameters<typeof rowOf>): Row {
  return { ...rowOf(...args), headline: true };
}

/** True, false, or undefined when there is no target or no value. */
export function meets(row: Row): boolean | undefined {
  if (!row.target || row.value === undefined || Number.isNaN(row.value)) return undefined;
  return row.target.op === "<" ? row.value < row.target.limit : row.value <= row.target.limit;
}

/** A value in the row's unit, as printed. */
export function formatValue(value: number | undefined, unit: Unit): string {
  if (value === undefined || value === null || Number.isNaN(value)) return "–";
  switch (unit) {
    case "ms":
      return value >= 100 ? `${group(Math.round(value))} ms` : `${value.toFixed(1)} ms`;
    case "bytes":
      return value >= 1000 ? `${(value / 1000).toFixed(1)} KB` : `${value} B`;
    case "rss":
      return `${group(Math.round(value / 2 ** 20))} MiB`;
    case "count":
      return group(value);
    case "ratio":
      return `${value.toFixed(2)}×`;
    case "r2":
      return value.toFixed(4);
    case "ms/slide":
      return `${value.toFixed(2)} ms/slide`;
    case "MiB/slide":
      return `${value.toFixed(3)} MiB/slide`;
  }
}

function group(n: number): string {
  return n.toLocaleString("en-US");
}

function formatTarget(row: Row): string {
  if (!row.target) return "";
  const limit =
    row.unit === "rss" && row.target.limit >= 2 ** 30
      ? `${row.target.limit / 2 ** 30} GiB`
      : row.unit === "ms" && row.target.limit >= 1000
        ? `${row.target.limit / 1000} s`
        : formatValue(row.target.limit, row.unit);
  return `${row.target.op === "<" ? "<" : "≤"} ${limit}`;
}

/** The results as a fixed-width text table, one block per section. */
export function formatTable(rows: readonly Row[]): string {
  const cells = rows.map((row) => {
    const ok = meets(row);
    const spread =
      row.summary && row.summary.runs > 1
        ? `${formatValue(row.summary.min, row.unit)} – ${formatValue(row.summary.max, row.unit)} (n=${row.summary.runs})`
        : row.summary
          ? `(n=${row.summary.runs})`
          : "";
    return [
      row.section,
      row.measure,
      formatValue(row.value, row.unit),
      spread,
      row.target ? `${formatTarget(row)} ${ok === undefined ? "?" : ok ? "✓" : "✗"}` : "",
      row.note ?? "",
    ];
  });
  const head = ["section", "measure", "median", "min – max", "target", "note"];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (i === 2 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const out = [line(head), widths.map((w) => "-".repeat(w)).join("  ")];
  let last = "";
  for (const c of cells) {
    out.push(line(c[0] === last ? ["", ...c.slice(1)] : c));
    last = c[0]!;
  }
  return out.join("\n");
}

/** The headline results (targets, and rows marked headline) as a Markdown table, for the README. */
export function formatMarkdown(rows: readonly Row[]): string {
  const out = ["| Measure | Median | Target | |", "|---|---:|---|---|"];
  for (const row of rows) {
    if (!row.headline && (!row.target || row.section.startsWith("proposal"))) continue;
    const ok = meets(row);
    out.push(
      `| ${row.section}: ${row.measure} | ${formatValue(row.value, row.unit)} | ${row.target ? formatTarget(row) : ""} | ${ok === undefined ? (row.note && row.value === undefined ? row.note : "") : ok ? "✓" : "✗"} |`,
    );
  }
  return out.join("\n");
}

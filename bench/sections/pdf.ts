import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { type ChildRun, failureReason, runNode } from "../lib/child.ts";
import type { BenchContext, SectionResult } from "../lib/context.ts";
import { timePdfParts } from "../lib/pdf-parts.ts";
import { headline, type Row, rowOf } from "../lib/report.ts";
import { summarize } from "../lib/stats.ts";
import type { Workspace } from "../lib/workspace.ts";

/** Pages of a PDF: pdfinfo when installed, else the page objects in the file. */
export function pdfPages(file: string): number {
  try {
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    const pages = /^Pages:\s+(\d+)/m.exec(info)?.[1];
    if (pages) return Number(pages);
  } catch {
    // no poppler: count page objects
  }
  return readFileSync(file, "latin1").match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
}

/** What `factdeck pdf` reports about itself, when its output says it. */
export function parsePdfSummary(output: string): {
  slidesS?: number;
  handoutS?: number;
  totalS?: number;
} {
  const num = (re: RegExp) => {
    const m = re.exec(output)?.[1];
    return m === undefined ? undefined : Number(m);
  };
  return {
    slidesS: num(/slides\.pdf \d+ pages \(([\d.]+) s\)/),
    handoutS: num(/handout\.pdf \d+ pages[^\n]*?\(([\d.]+) s\)/),
    totalS: num(/Exported [^\n]* in ([\d.]+) s\./),
  };
}

/** A PDF export still running after this long is stuck (a normal one takes seconds). */
const HANG_MS = 90_000;

interface Target {
  label: string;
  deck: string;
  audience: string;
  /** The issue's 2 s target applies to a 25-slide deck. */
  limit?: number;
  /** Also time the steps of printing this deck's slides. */
  parts?: { width: number; height: number };
}

/**
 * `factdeck pdf` (slides and handout) of one deck audience, each run a new process, over a
 * site built once. Skips with the CLI's reason when PDF export is not available.
 */
export async function benchPdf(
  ctx: BenchContext,
  ws: Workspace,
  targets: Target[],
): Promise<SectionResult> {
  if (!ctx.browserPath) return { rows: [], skipped: `no browser: ${ctx.noBrowserReason}` };
  const site = ws.outDir("pdf-site");
  const built = await runNode("bin/factdeck.js", ["build", "--out", site], { cwd: ws.dir });
  if (built.code !== 0) return { rows: [], skipped: `the build failed: ${failureReason(built)}` };

  const rows: Row[] = [];
  const detail: Record<string, unknown> = {};
  for (const target of targets) {
    const out = path.join(site, target.deck, target.audience);
    const files = ["slides.pdf", "handout.pdf"].map((f) => path.join(out, f));
    const runs: ChildRun[] = [];
    const hangs: string[] = [];
    let pages = 0;
    for (let i = 0; i < ctx.options.warmup + ctx.options.runs; i++) {
      for (const f of files) rmSync(f, { force: true });
      const run = await runNode(
        "bin/factdeck.js",
        ["pdf", target.deck, "--audience", target.audience, "--out", site],
        { cwd: ws.dir, timeoutMs: HANG_MS },
      );
      if (run.timedOut) {
        // Recorded and reported, but one hang should not hide the other runs' times.
        hangs.push(failureReason(run));
        ctx.log(`  ${target.label}: ${failureReason(run)}`);
        if (hangs.length > 2)
          return { rows, skipped: `factdeck pdf hung ${hangs.length} times`, detail };
        i--;
        continue;
      }
      if (run.code !== 0)
        return { rows, skipped: `factdeck pdf failed: ${failureReason(run)}`, detail };
      const missing = files.filter((f) => !existsSync(f));
      if (missing.length)
        return {
          rows,
          skipped: `factdeck pdf exited 0 but wrote no ${missing.map((f) => path.basename(f)).join(", ")}`,
          detail,
        };
      pages = files.reduce((n, f) => n + pdfPages(f), 0);
      const warm = i < ctx.options.warmup;
      ctx.log(
        `  ${target.label} ${warm ? "warm-up" : `run ${i - ctx.options.warmup + 1}/${ctx.options.runs}`}: ${Math.round(run.wallMs)} ms, ${pages} pages`,
      );
      if (!warm) runs.push(run);
    }
    const wall = summarize(runs.map((r) => r.wallMs));
    const reported = runs.map((r) => parsePdfSummary(r.stdout + r.stderr));
    const seconds = (pick: (x: ReturnType<typeof parsePdfSummary>) => number | undefined) => {
      const list = reported.map(pick).filter((v): v is number => v !== undefined);
      return list.length === runs.length ? summarize(list.map((v) => v * 1000)) : undefined;
    };
    const inside = seconds((x) => x.totalS);
    const slides = seconds((x) => x.slidesS);
    const handout = seconds((x) => x.handoutS);
    rows.push(
      rowOf(
        "pdf",
        `${target.label}: slides + handout`,
        "ms",
        wall,
        target.limit ? { op: "<", limit: target.limit } : undefined,
        `${pages} pages in both files${hangs.length ? `; ${hangs.length} more run(s) hung and were stopped after ${HANG_MS / 1000} s` : ""}`,
      ),
      headline(
        "pdf",
        `${target.label}: per page`,
        "ms",
        summarize(runs.map((r) => r.wallMs / pages)),
      ),
      rowOf(
        "pdf",
        `${target.label}: peak memory (RSS, largest process)`,
        "rss",
        summarize(runs.map((r) => r.maxRss)),
      ),
    );
    if (inside)
      rows.push(
        rowOf(
          "pdf",
          `${target.label}: time the CLI reports`,
          "ms",
          inside,
          undefined,
          "without Node start-up and imports",
        ),
      );
    if (slides && handout)
      rows.push(
        rowOf(
          "pdf",
          `${target.label}: of which slides.pdf`,
          "ms",
          slides,
          undefined,
          "printed at the same time as the handout",
        ),
        rowOf("pdf", `${target.label}: of which handout.pdf`, "ms", handout),
      );
    if (target.parts) {
      const parts = await timePdfParts(
        site,
        `${target.deck}/${target.audience}/index.html`,
        target.parts,
        Math.max(1, ctx.options.runs),
      );
      const step = (measure: string, value: number, note?: string) =>
        rows.push({
          section: "pdf",
          measure: `${target.label} slides: ${measure}`,
          unit: "ms",
          value,
          note,
        });
      step("start Chromium", parts.launch, "steps timed one by one in this process");
      step("open the page until ready", parts.open);
      step("lay out for print", parts.layout);
      step("print, tagged with outline (as exported)", parts.pdfTagged);
      step("print, untagged", parts.pdfPlain, "what tagging and the outline cost");
      detail[`${target.label} parts`] = parts;
    }
    detail[target.label] = {
      pages,
      wallMs: runs.map((r) => r.wallMs),
      maxRss: runs.map((r) => r.maxRss),
    };
  }
  return { rows, detail };
}

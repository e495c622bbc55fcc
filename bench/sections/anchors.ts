// factdeck beside real tools doing the same job, in one run: Slidev building and exporting a
// 25-slide text deck, Marp CLI printing it to PDF. The issue's targets are ratios to them.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  anchorSlides,
  formatRatio,
  marpMarkdown,
  ratio,
  slidevMarkdown,
} from "../lib/anchor-deck.ts";
import {
  type AnchorPackage,
  anchorsDir,
  binOf,
  describeVersions,
  installAnchors,
} from "../lib/anchor-install.ts";
import { type ChildRun, failureReason, runNode } from "../lib/child.ts";
import type { BenchContext, SectionResult } from "../lib/context.ts";
import { formatValue, type Row } from "../lib/report.ts";
import { type Summary, summarize } from "../lib/stats.ts";
import type { Workspace } from "../lib/workspace.ts";
import { parseBuildSummary } from "./build.ts";
import { pdfPages } from "./pdf.ts";

/** Slides in the anchor deck: the size the issue's PDF target was set for. */
export const ANCHOR_SLIDES = 25;
/** The flagship deck and audience whose slides + handout are timed against the anchors. */
const PDF_DECK = "ussc-nonproduction";
const PDF_AUDIENCE = "judges";
/** A run still going after this long is stuck; each of these normally takes seconds. */
const RUN_TIMEOUT_MS = 240_000;

/** The issue's targets: factdeck's median at most this fraction of the anchor's. */
export const ANCHOR_TARGETS = [
  {
    id: "build-vs-slidev-build",
    name: "cold build ÷ Slidev build",
    mine: "factdeck-build",
    anchor: "slidev-build",
    limit: 0.25,
  },
  {
    id: "pdf-vs-slidev-export",
    name: "slides + handout PDF ÷ Slidev export",
    mine: "factdeck-pdf",
    anchor: "slidev-export",
    limit: 0.33,
  },
  {
    id: "pdf-vs-marp-pdf",
    name: "slides + handout PDF ÷ Marp PDF",
    mine: "factdeck-pdf",
    anchor: "marp-pdf",
    limit: 1.0,
  },
] as const;

type Key = "factdeck-build" | "slidev-build" | "factdeck-pdf" | "slidev-export" | "marp-pdf";

/** One whole command timed in turn with the others: what it runs and how to tell it worked. */
interface Measured {
  key: Key;
  label: string;
  run(i: number): Promise<ChildRun>;
  /** Why a run that exited 0 still failed (no output file), or undefined. */
  check(i: number): string | undefined;
  /** Set when it cannot be measured: not installed, no browser, or a run failed. */
  unavailable?: string;
  runs: ChildRun[];
  /** Pages of the last PDF it wrote, for the note. */
  pages?: number;
  /** Files the command also wrote beyond what the target counts, and their pages. */
  extra?: string;
}

/**
 * Installs the anchors (or reuses them), then times each command in turn, round after round,
 * so that load on a busy machine falls on all of them alike; medians over the configured runs.
 */
export async function benchAnchors(ctx: BenchContext, ws: Workspace): Promise<SectionResult> {
  // factdeck first: compile lib/ in the copy and build the site the PDF is printed from.
  const prep = await runNode("bin/factdeck.js", ["--help"], { cwd: ws.dir });
  if (prep.code !== 0)
    return { rows: [], skipped: `factdeck does not start: ${failureReason(prep)}` };
  const site = ws.outDir("anchors-site");
  const built = await runNode("bin/factdeck.js", ["build", "--out", site], { cwd: ws.dir });
  if (built.code !== 0) return { rows: [], skipped: `the build failed: ${failureReason(built)}` };

  const dir = anchorsDir();
  const install = await installAnchors(dir, ctx.log);
  if (install.error) ctx.log(`  ${install.error}`);
  else
    ctx.log(
      `  ${describeVersions(install.versions)} ${install.installMs === undefined ? `reused from ${dir}` : `installed in ${(install.installMs / 1000).toFixed(1)} s`}`,
    );

  const out = path.join(dir, "out");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const slides = anchorSlides(ANCHOR_SLIDES);
  const slidevDeck = path.join(dir, "anchor-slidev.md");
  const marpDeck = path.join(dir, "anchor-marp.md");
  writeFileSync(slidevDeck, slidevMarkdown(slides));
  writeFileSync(marpDeck, marpMarkdown(slides));

  const browser = ctx.browserPath;
  const noBrowser = browser ? undefined : `no browser: ${ctx.noBrowserReason}`;
  // The command a package installs; a reason instead when it is not there to run.
  const tool = (name: AnchorPackage, command: string): { bin: string; error?: string } => {
    if (!install.versions[name])
      return { bin: "", error: install.error ? "the install failed" : `${name} is not installed` };
    try {
      return { bin: binOf(dir, name, command) };
    } catch (error) {
      return { bin: "", error: (error as Error).message };
    }
  };
  const slidev = tool("@slidev/cli", "slidev");
  const marp = tool("@marp-team/marp-cli", "marp");
  const driver = install.versions["playwright-chromium"]
    ? undefined
    : install.error
      ? "the install failed"
      : "playwright-chromium (Slidev's export driver) is not installed";
  const pdfFiles = ["slides.pdf", "handout.pdf"].map((f) =>
    path.join(site, PDF_DECK, PDF_AUDIENCE, f),
  );
  // `factdeck pdf` also prints the presenter's script; the target counts slides + handout,
  // but the whole command's time includes it, so the note says so.
  const presenterPdf = path.join(site, PDF_DECK, PDF_AUDIENCE, "presenter.pdf");
  const missing = (file: string) =>
    existsSync(file) ? undefined : `exited 0 but wrote no ${path.basename(file)}`;
  const slidevName = `Slidev${install.versions["@slidev/cli"] ? ` ${install.versions["@slidev/cli"]}` : ""}`;
  const marpName = `Marp CLI${install.versions["@marp-team/marp-cli"] ? ` ${install.versions["@marp-team/marp-cli"]}` : ""}`;

  const measured: Measured[] = [
    {
      key: "factdeck-build",
      label: "factdeck build: flagship decks, cold",
      run: (i) => {
        rmSync(ws.outDir(`anchors-build-${i - 1}`), { recursive: true, force: true });
        return runNode("bin/factdeck.js", ["build", "--out", ws.outDir(`anchors-build-${i}`)], {
          cwd: ws.dir,
          timeoutMs: RUN_TIMEOUT_MS,
        });
      },
      check: (i) => missing(path.join(ws.outDir(`anchors-build-${i}`), "index.html")),
      runs: [],
    },
    {
      key: "slidev-build",
      label: `${slidevName} build: ${ANCHOR_SLIDES}-slide text deck, cold`,
      unavailable: slidev.error,
      run: (i) => {
        rmSync(path.join(out, `slidev-build-${i - 1}`), { recursive: true, force: true });
        return runNode(
          slidev.bin,
          ["build", path.basename(slidevDeck), "--out", path.join(out, `slidev-build-${i}`)],
          { cwd: dir, timeoutMs: RUN_TIMEOUT_MS },
        );
      },
      check: (i) => missing(path.join(out, `slidev-build-${i}`, "index.html")),
      runs: [],
    },
    {
      key: "factdeck-pdf",
      label: `factdeck pdf: ${PDF_DECK}/${PDF_AUDIENCE}, slides + handout`,
      unavailable: noBrowser,
      run: () => {
        for (const f of [...pdfFiles, presenterPdf]) rmSync(f, { force: true });
        return runNode(
          "bin/factdeck.js",
          ["pdf", PDF_DECK, "--audience", PDF_AUDIENCE, "--out", site],
          { cwd: ws.dir, timeoutMs: RUN_TIMEOUT_MS },
        );
      },
      check: () => pdfFiles.map(missing).find(Boolean),
      runs: [],
    },
    {
      key: "slidev-export",
      label: `${slidevName} export: PDF of the ${ANCHOR_SLIDES}-slide deck`,
      unavailable: slidev.error ?? driver ?? noBrowser,
      run: () => {
        rmSync(path.join(out, "slidev.pdf"), { force: true });
        return runNode(
          slidev.bin,
          [
            "export",
            path.basename(slidevDeck),
            "--output",
            path.join(out, "slidev.pdf"),
            "--executable-path",
            browser ?? "",
          ],
          { cwd: dir, timeoutMs: RUN_TIMEOUT_MS },
        );
      },
      check: () => missing(path.join(out, "slidev.pdf")),
      runs: [],
    },
    {
      key: "marp-pdf",
      label: `${marpName} --pdf: the ${ANCHOR_SLIDES}-slide deck`,
      unavailable: marp.error ?? noBrowser,
      run: () => {
        rmSync(path.join(out, "marp.pdf"), { force: true });
        return runNode(
          marp.bin,
          [path.basename(marpDeck), "--pdf", "-o", path.join(out, "marp.pdf")],
          {
            cwd: dir,
            env: { CHROME_PATH: browser },
            timeoutMs: RUN_TIMEOUT_MS,
          },
        );
      },
      check: () => missing(path.join(out, "marp.pdf")),
      runs: [],
    },
  ];
  const pdfOf: Partial<Record<Key, string[]>> = {
    "factdeck-pdf": pdfFiles,
    "slidev-export": [path.join(out, "slidev.pdf")],
    "marp-pdf": [path.join(out, "marp.pdf")],
  };

  const { warmup, runs } = ctx.options;
  for (let i = 0; i < warmup + runs; i++) {
    const warm = i < warmup;
    for (const m of measured) {
      if (m.unavailable) continue;
      const run = await m.run(i);
      const failed =
        run.timedOut || run.code !== 0 ? failureReason(run) : (m.check(i) ?? undefined);
      if (failed) {
        m.unavailable = `it failed: ${failed}`;
        ctx.log(`  ${m.label}: ${m.unavailable}`);
        continue;
      }
      const files = pdfOf[m.key];
      if (files) m.pages = files.reduce((n, f) => n + pdfPages(f), 0);
      if (m.key === "factdeck-pdf" && existsSync(presenterPdf))
        m.extra = `presenter.pdf of ${pdfPages(presenterPdf)} pages`;
      ctx.log(
        `  ${m.label} ${warm ? "warm-up" : `run ${i - warmup + 1}/${runs}`}: ${Math.round(run.wallMs)} ms wall, ${Math.round(run.cpuMs)} ms CPU${m.pages ? `, ${m.pages} pages` : ""}`,
      );
      if (!warm) m.runs.push(run);
    }
  }
  // The last outputs of each build are not needed either.
  rmSync(ws.outDir(`anchors-build-${warmup + runs - 1}`), { recursive: true, force: true });
  rmSync(path.join(out, `slidev-build-${warmup + runs - 1}`), { recursive: true, force: true });

  const byKey = new Map(measured.map((m) => [m.key, m]));
  const measure = (key: Key, of: (r: ChildRun) => number): Summary | undefined => {
    const m = byKey.get(key)!;
    return m.unavailable || m.runs.length === 0 ? undefined : summarize(m.runs.map(of));
  };
  const wall = (key: Key) => measure(key, (r) => r.wallMs);
  const deckPages = parseBuildSummary(byKey.get("factdeck-build")!.runs[0]?.stdout ?? "")?.pages;

  const cpu = (m: Measured) => formatValue(summarize(m.runs.map((r) => r.cpuMs)).median, "ms");
  const rows: Row[] = [];
  for (const m of measured) {
    const summary = wall(m.key);
    const label =
      m.key === "factdeck-build" && deckPages ? `${m.label} (${deckPages} deck pages)` : m.label;
    rows.push({
      section: "anchors",
      measure: `${label}, whole command`,
      unit: "ms",
      value: summary?.median,
      summary,
      note: m.unavailable
        ? `not measured: ${m.unavailable}`
        : m.pages
          ? `${m.pages} pages${m.extra ? ` (also wrote ${m.extra}, in the time)` : ""}; CPU ${cpu(m)}`
          : `CPU ${cpu(m)}`,
      headline: m.key.startsWith("factdeck") || undefined,
    });
  }
  const ratios = ANCHOR_TARGETS.map((t) => {
    const value = ratio(wall(t.mine)?.median, wall(t.anchor)?.median);
    // CPU time is steadier than wall time when other work shares the machine.
    const cpuRatio = ratio(
      measure(t.mine, (r) => r.cpuMs)?.median,
      measure(t.anchor, (r) => r.cpuMs)?.median,
    );
    // Which command could not be measured, and why: "Slidev 52.20.1 export: it failed: …".
    const missing = [byKey.get(t.anchor)!, byKey.get(t.mine)!].find((m) => m.unavailable);
    const reason = missing && `${missing.label.split(":")[0]}: ${missing.unavailable}`;
    return {
      ...t,
      value,
      cpuRatio,
      meets: value === undefined ? undefined : value <= t.limit,
      reason,
    };
  });
  for (const r of ratios)
    rows.push({
      section: "anchors",
      measure: `ratio: ${r.name}`,
      unit: "ratio",
      value: r.value,
      target: { op: "<=", limit: r.limit },
      note:
        r.value === undefined
          ? `not measured: ${r.reason ?? "no runs"}`
          : `medians of whole commands, timed in turn; on CPU time ${r.cpuRatio?.toFixed(2) ?? "–"}`,
    });
  rows.push({
    section: "anchors",
    measure: "npm install of the anchors",
    unit: "ms",
    value: install.installMs,
    note: install.error
      ? install.error
      : install.installMs === undefined
        ? `reused: ${describeVersions(install.versions)} in ${dir}`
        : `${describeVersions(install.versions)} into ${dir}`,
  });

  ctx.log("  against the anchors:");
  for (const r of ratios)
    ctx.log(`    ${r.name}: ${formatRatio(r.value, r.limit)}${r.reason ? ` (${r.reason})` : ""}`);

  // One line at the end of the report says what was not measured and why.
  const reasons = [
    ...(install.error
      ? [`the anchors could not be installed, so factdeck's figures stand alone: ${install.error}`]
      : []),
    ...measured
      .filter((m) => m.unavailable && m.unavailable !== "the install failed")
      .map((m) => `${m.label}: ${m.unavailable}`),
  ];
  return {
    rows,
    skipped: reasons.length ? reasons.join("; ") : undefined,
    detail: {
      anchorsDir: dir,
      versions: install.versions,
      installMs: install.installMs,
      installError: install.error,
      slides: ANCHOR_SLIDES,
      pdf: { deck: PDF_DECK, audience: PDF_AUDIENCE },
      commands: Object.fromEntries(
        measured.map((m) => [
          m.key,
          {
            label: m.label,
            pages: m.pages,
            alsoWrote: m.extra,
            wallMs: m.runs.map((r) => r.wallMs),
            cpuMs: m.runs.map((r) => r.cpuMs),
            maxRss: m.runs.map((r) => r.maxRss),
            error: m.unavailable,
          },
        ]),
      ),
      ratios: Object.fromEntries(
        ratios.map((r) => [
          r.id,
          {
            value: r.value,
            cpuRatio: r.cpuRatio,
            limit: r.limit,
            meets: r.meets,
            reason: r.reason,
          },
        ]),
      ),
    },
  };
}

import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { build } from "vite";
import {
  type Diagnostic,
  FactdeckError,
  formatDiagnostics,
  hasErrors,
  isFactdeckError,
} from "../errors/index.ts";
import { type ProjectOptions, renderAndCheck } from "../project/index.ts";
import { environmentDiagnostic, markOutputUnchanged } from "./env-error.ts";
import { keepPreviousPages } from "./keep-previous.ts";
import { cleanLitter } from "./litter.ts";
import {
  changedTables,
  mergeManifests,
  renderPageInputs,
  unionOf,
  writeManifest,
} from "./manifest.ts";
import {
  type BuildManifest,
  checkOutDir,
  displayPath,
  isReplaceable,
  readManifest,
  resolveOutDir,
} from "./out-dir.ts";
import { writeSingleFiles } from "./single-file.ts";
import { swapIn } from "./swap.ts";
import { createViteConfig } from "./vite-config.ts";

/** Options of a build; `outDir` defaults to `<root>/dist`. */
export interface BuildOptions extends ProjectOptions {
  outDir?: string;
  /** Print the summary line (default true). */
  quiet?: boolean;
}

/**
 * Renders and checks every deck first, then lets Vite write into a temporary
 * folder and swaps it in: a failed build leaves the previous output untouched.
 * Only a folder factdeck wrote is ever replaced, and a build of one deck or
 * audience keeps the other pages of the previous build.
 */
export async function buildSite(options: BuildOptions = {}): Promise<number> {
  const root = path.resolve(options.root ?? process.cwd());
  const outDir = resolveOutDir(root, options.outDir);
  const out = `${displayPath(outDir, root)}/`;
  const staging = `${outDir}.tmp-${process.pid}`;
  const started = performance.now();
  const notes: Diagnostic[] = [];
  let summary: { pages: string[]; singleFiles: string[]; kept: string[]; tables: string[] };
  try {
    const unsafe = checkOutDir(outDir, { root, typed: options.outDir });
    if (unsafe) throw new FactdeckError([unsafe]);
    notes.push(...litterNotes(cleanLitter(outDir), root));
    // The build runs the same checks as `factdeck check` and stops on an error.
    const { render: rendered, report } = await renderAndCheck({ ...options, root });
    const findings = report.diagnostics;
    if (hasErrors(findings)) throw new FactdeckError(findings);
    notes.push(...findings);

    const builtAt = new Date().toISOString();
    prepareStaging(staging, root);
    // Written first, so a build killed half-way leaves a folder the next build knows as its own.
    writeManifest(staging, { factdeck: 1, builtAt, decks: [], inputs: {} });
    const config = createViteConfig({ ...options, root, prerendered: rendered, outDir: staging });
    // The single files come from the same render; their own Vite build runs alongside.
    // Both finish before an error is raised, so nothing writes into a removed staging folder.
    const [site, single] = await Promise.allSettled([
      build({ ...config, build: { ...config.build, emptyOutDir: false }, configFile: false }),
      writeSingleFiles(rendered, { root, outDir: staging }),
    ]);
    if (site.status === "rejected") throw site.reason;
    if (single.status === "rejected") throw single.reason;
    const singleFiles = single.value;

    const built = [...new Set(rendered.decks.map((d) => d.deck))];
    const pageInputs = renderPageInputs(root, rendered);
    const fresh: BuildManifest = {
      factdeck: 1,
      builtAt,
      decks: built,
      inputs: unionOf(Object.values(pageInputs)),
      pages: pageInputs,
    };
    const before = readManifest(outDir);
    const tables = changedTables(before, rendered, root);
    let manifest = fresh;
    let kept: string[] = [];
    const partial = Boolean(options.deck || options.audience);
    if (partial) {
      const order = new Map(
        rendered.deckConfigs.map((d) => [d.id, Object.keys(d.config.audiences)]),
      );
      const previous = keepPreviousPages(outDir, staging, order);
      kept = previous.kept;
      manifest = mergeManifests(before, fresh, {
        decks: previous.decks,
        rebuiltWhole: options.audience ? [] : built,
      });
    }
    writeManifest(staging, manifest);
    summary = {
      pages: rendered.decks.map((d) => `${d.deck}/${d.audience}/index.html`),
      singleFiles,
      kept,
      tables,
    };
  } catch (error) {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
    throw unchangedError(error, outDir, root, `${out} was not changed`);
  }
  const leftOver = swapIn(staging, outDir, root);
  if (leftOver) notes.push(leftOver);

  if (!options.quiet) {
    if (notes.length) process.stderr.write(`${formatDiagnostics(notes, { root })}\n\n`);
    const ms = Math.round(performance.now() - started);
    const rel = path.relative(process.cwd(), outDir) || ".";
    const lines = summary.pages.map((p) => `  ${rel}/${p}`);
    const singles = summary.singleFiles.map((p) => `  ${rel}/${p}`);
    const kept = summary.kept.length
      ? `Kept from the previous build: ${summary.kept.map((p) => `${rel}/${p}/`).join(", ")}\n`
      : "";
    // Figures computed from these tables may have changed on every slide that shows them.
    const tables = summary.tables.length
      ? `Tables changed since the last build: ${summary.tables.join(", ")}\n`
      : "";
    process.stdout.write(
      `Built ${summary.pages.length} deck page(s) in ${ms} ms:\n  ${rel}/index.html\n${lines.join("\n")}\n` +
        `Single files, to open from disk or take to another computer:\n${singles.join("\n")}\n${kept}${tables}`,
    );
  }
  return 0;
}

/** Clears a staging folder of an earlier process with the same id, if factdeck wrote it. */
function prepareStaging(staging: string, root: string): void {
  if (existsSync(staging)) {
    if (!isReplaceable(staging))
      throw new FactdeckError([
        {
          code: "FD_OUT_NOT_OURS",
          severity: "error",
          message: `The build's temporary folder ${displayPath(staging, root)}/ exists and holds files that factdeck did not write.`,
          hint: "move that folder away, or build elsewhere with --out",
        },
      ]);
    rmSync(staging, { recursive: true, force: true });
  }
  mkdirSync(staging, { recursive: true });
}

/** The error to raise for a failure before the swap, which left the output folder as it was. */
function unchangedError(error: unknown, outDir: string, root: string, state: string): unknown {
  if (isFactdeckError(error)) return error;
  const found = environmentDiagnostic(error, { outDir, root, state });
  if (found) return new FactdeckError([found]);
  markOutputUnchanged(error);
  return error;
}

function litterNotes(report: ReturnType<typeof cleanLitter>, root: string): Diagnostic[] {
  const notes: Diagnostic[] = [];
  if (report.restored)
    notes.push({
      code: "FD_OUT_RESTORED",
      severity: "warning",
      message: `A build killed half-way had moved the previous output aside; it was put back from ${displayPath(report.restored, root)}/.`,
    });
  for (const { dir, reason } of report.failed)
    notes.push({
      code: "FD_OUT_LITTER",
      severity: "warning",
      message: `A folder left by a killed build could not be removed: ${displayPath(dir, root)}/ (${reason}).`,
      hint: "remove it yourself",
    });
  return notes;
}

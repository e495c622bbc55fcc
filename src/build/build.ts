import { existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { build } from "vite";
import { checkRenderedProject } from "../check/index.ts";
import { FactdeckError, formatDiagnostics, hasErrors } from "../errors/index.ts";
import { type ProjectOptions, renderProject } from "./project.ts";
import { createViteConfig } from "./vite-config.ts";

/** Options of a build; `outDir` defaults to `<root>/dist`. */
export interface BuildOptions extends ProjectOptions {
  outDir?: string;
  /** Print the summary line (default true). */
  quiet?: boolean;
}

/**
 * Renders and checks every deck first, then lets Vite write into a temporary
 * folder and swaps it in: a failed build leaves the previous dist/ untouched.
 */
export async function buildSite(options: BuildOptions = {}): Promise<number> {
  const root = path.resolve(options.root ?? process.cwd());
  const outDir = path.resolve(root, options.outDir ?? "dist");
  const started = performance.now();
  const rendered = await renderProject({ ...options, root });
  // The build runs the same checks as `factdeck check` and stops on an error.
  const findings = [
    ...rendered.diagnostics,
    ...(await checkRenderedProject(rendered, { ...options, root })),
  ];
  if (hasErrors(findings)) throw new FactdeckError(findings);
  // Warnings do not stop a build, but the presenter should see them.
  if (findings.length && !options.quiet)
    process.stderr.write(`${formatDiagnostics(findings, { root })}\n\n`);

  const staging = `${outDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    await build({
      ...createViteConfig({ ...options, root, prerendered: rendered, outDir: staging }),
      configFile: false,
    });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const previous = `${outDir}.old-${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, previous);
  renameSync(staging, outDir);
  rmSync(previous, { recursive: true, force: true });

  if (!options.quiet) {
    const ms = Math.round(performance.now() - started);
    const rel = path.relative(process.cwd(), outDir) || ".";
    const lines = rendered.decks.map((d) => `  ${rel}/${d.deck}/${d.audience}/index.html`);
    process.stdout.write(
      `Built ${rendered.decks.length} deck page(s) in ${ms} ms:\n  ${rel}/index.html\n${lines.join("\n")}\n`,
    );
  }
  return 0;
}

import { environmentDiagnostic, isOutputUnchanged } from "../build/env-error.ts";
import { resolveOutDir } from "../build/out-dir.ts";
import { type Diagnostic, formatDiagnostics, isFactdeckError } from "../errors/index.ts";
import { type CliOptions, parseCli, USAGE } from "./args.ts";

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const { options, error } = parseCli(argv);
  if (error || !options) {
    process.stderr.write(`factdeck: ${error}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    return await run(options);
  } catch (err) {
    if (isFactdeckError(err)) {
      printDiagnostics(err.diagnostics);
      return 1;
    }
    // The machine said no (permissions, a full disk, a read-only folder): not a bug.
    const refused = environmentDiagnostic(err, { outDir: outDirOf(options) });
    if (refused) {
      printDiagnostics([refused]);
      return 1;
    }
    if (process.env.FACTDECK_DEBUG) throw err;
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(
      `factdeck: an unexpected error stopped the ${options.command}: ${message}\n` +
        `  ${stateAfter(options, err)}\n` +
        "  This is a bug in factdeck, not in your slides; run again with FACTDECK_DEBUG=1\n" +
        "  to see where it happened, and report it.\n",
    );
    return 70;
  }
}

function outDirOf(options: CliOptions): string {
  return resolveOutDir(process.cwd(), options.out);
}

/** What is known of the output folder after an unexpected error; never more than that. */
function stateAfter(options: CliOptions, err: unknown): string {
  const out = `${options.out ?? "dist"}/`;
  if (options.command === "check") return "check writes no files.";
  if (isOutputUnchanged(err)) return `Nothing in ${out} was changed.`;
  return `factdeck cannot tell whether ${out} was changed; look at it before you publish it.`;
}

async function run(options: CliOptions): Promise<number> {
  switch (options.command) {
    case "build": {
      const { buildSite } = await import("../build/build.ts");
      return buildSite({ ...options, outDir: options.out });
    }
    case "dev": {
      const { startDevServer } = await import("../build/dev.ts");
      return startDevServer(options);
    }
    case "check": {
      const { runCheck } = await import("./check.ts");
      return runCheck(options);
    }
    case "pdf": {
      const { runPdf } = await import("../export/index.ts");
      return runPdf(options);
    }
    case "pptx": {
      const { runPptx } = await import("../export/pptx/index.ts");
      return runPptx(options);
    }
  }
}

/** Prints findings to stderr with a one-line summary. */
export function printDiagnostics(list: readonly Diagnostic[]): void {
  if (!list.length) return;
  const errors = list.filter((d) => d.severity === "error").length;
  const warnings = list.length - errors;
  process.stderr.write(`${formatDiagnostics(list)}\n\n${summary(errors, warnings)}\n`);
}

function summary(errors: number, warnings: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}

import { exitCodeOf, formatReport, jsonReport } from "../check/index.ts";
import { createCheckReport, type ProjectOptions } from "../project/index.ts";

/** Options of `factdeck check`; `format` defaults to text, `strict` (warnings fail) to false. */
export interface CheckOptions extends ProjectOptions {
  format?: "text" | "json";
  strict?: boolean;
}

/** `factdeck check`: checks data, slides, figures and accessibility; resolves to the exit code. */
export async function runCheck(options: CheckOptions): Promise<number> {
  const report = await createCheckReport(options);
  const root = options.root ?? process.cwd();
  const strict = options.strict ?? false;
  if (options.format === "json") {
    process.stdout.write(`${JSON.stringify(jsonReport(report, { root, strict }), null, 2)}\n`);
  } else {
    process.stdout.write(formatReport(report, { root, strict }));
  }
  return exitCodeOf(report, strict);
}

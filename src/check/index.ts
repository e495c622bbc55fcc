import { renderProject } from "../build/project.ts";
import { printDiagnostics } from "../cli/main.ts";
import { hasErrors } from "../errors/index.ts";

/** `factdeck check`: validates data and slides without building. */
export async function runCheck(options: {
  deck?: string;
  audience?: string;
  theme?: string;
}): Promise<number> {
  const result = await renderProject(options);
  printDiagnostics(result.diagnostics);
  if (!hasErrors(result.diagnostics))
    process.stdout.write(`Checked ${result.decks.length} deck page(s): no errors.\n`);
  return hasErrors(result.diagnostics) ? 1 : 0;
}

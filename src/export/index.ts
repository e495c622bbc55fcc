/** `factdeck pdf`: not built yet. */
export async function runPdf(_options: object): Promise<number> {
  process.stderr.write("factdeck pdf: PDF export is not available yet.\n");
  return 1;
}

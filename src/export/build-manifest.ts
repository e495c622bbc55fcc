import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** The file every build writes at the top of its output folder. */
export const MANIFEST_FILE = ".factdeck-build.json";

// Loose on purpose: a later factdeck may add keys, and this reader needs only these.
const manifestSchema = z.object({
  factdeck: z.literal(1),
  builtAt: z.string().optional(),
  decks: z.array(z.string()),
  inputs: z.record(z.string(), z.string()),
  /** What each page was built from, by `<deck>/<audience>` (builds since partial builds keep pages). */
  pages: z.record(z.string(), z.record(z.string(), z.string())).optional(),
});

/** What a build says it was built from: deck ids, and project file → sha256 hex of its content. */
export type BuildManifest = z.infer<typeof manifestSchema>;

/** The manifest, "absent" when the build predates manifests, or "unreadable" when it is damaged. */
export function readBuildManifest(outDir: string): BuildManifest | "absent" | "unreadable" {
  const file = path.join(outDir, MANIFEST_FILE);
  if (!existsSync(file)) return "absent";
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    return parsed.success ? parsed.data : "unreadable";
  } catch {
    return "unreadable";
  }
}

/** One input whose content is not what the build read. */
export interface ChangedInput {
  /** Relative to the project root, with `/`, as the manifest names it. */
  file: string;
  change: "changed" | "removed";
}

function sha256(file: string): string | undefined {
  try {
    return createHash("sha256").update(readFileSync(file)).digest("hex");
  } catch {
    // Gone, or now a folder or unreadable: either way not the file the build read.
    return undefined;
  }
}

/**
 * The inputs of a build whose content differs now, or that are gone, by sha256. Entries that
 * name no file inside the project are skipped: the manifest is read, never trusted to point.
 */
export function changedInputs(
  root: string,
  manifest: Pick<BuildManifest, "inputs">,
): ChangedInput[] {
  const changed: ChangedInput[] = [];
  for (const [name, hash] of Object.entries(manifest.inputs)) {
    const file = path.resolve(root, name);
    const inside = path.relative(root, file);
    if (!inside || inside === ".." || inside.startsWith(`..${path.sep}`) || path.isAbsolute(name))
      continue;
    const now = sha256(file);
    if (now === undefined) changed.push({ file: name, change: "removed" });
    else if (now !== hash.toLowerCase()) changed.push({ file: name, change: "changed" });
  }
  return changed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository the benchmark measures. */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** What a project copy needs to build, serve and export decks. */
const COPIED = [
  "slides",
  "data",
  "themes",
  "src",
  "bin",
  "vite.config.ts",
  "package.json",
  "tsconfig.json",
];

/** A throw-away copy of the project; the benchmark edits and builds only here. */
export interface Workspace {
  dir: string;
  /** A folder inside the copy for build output (`<dir>/.bench/<name>`). */
  outDir(name: string): string;
  dispose(): void;
}

/**
 * Copies slides, data, themes, the source and the CLI into a temporary folder with a
 * symlink to the repository's node_modules. It lives outside node_modules because the
 * dev server's watcher ignores everything below a node_modules folder.
 */
export function createWorkspace(label: string, keep = false): Workspace {
  const dir = mkdtempSync(path.join(os.tmpdir(), `factdeck-bench-${label}-`));
  for (const entry of COPIED) {
    const from = path.join(REPO, entry);
    if (existsSync(from)) cpSync(from, path.join(dir, entry), { recursive: true });
  }
  symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
  return {
    dir,
    outDir: (name) => path.join(dir, ".bench", name),
    dispose: () => {
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

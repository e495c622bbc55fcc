import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fixture, ROOT } from "../helpers.ts";
import type { CliRun } from "./built-page.ts";

/** A writable copy of the mini project with the repository's themes, in a scratch folder. */
export function copyMiniProject(prefix: string): string {
  const work = mkdtempSync(path.join(os.tmpdir(), prefix));
  const root = path.join(work, "project");
  mkdirSync(root);
  cpSync(fixture("projects", "mini"), root, { recursive: true });
  cpSync(path.join(ROOT, "themes"), path.join(root, "themes"), { recursive: true });
  symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"));
  return root;
}

/** Runs `node bin/factdeck.js …` in `cwd`, as a user in that project does (not a TTY). */
export function runCliIn(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "bin", "factdeck.js"), ...args],
      { cwd, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

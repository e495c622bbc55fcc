import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { isReplaceable, readManifest } from "./out-dir.ts";

/** True while a process with this id runs (one of another user counts as running). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/** What cleaning up after killed builds did, for the user to hear about. */
export interface LitterReport {
  removed: string[];
  /** A previous output that a killed build had moved aside and never put back. */
  restored?: string;
  /** Folders that look like litter but could not be removed, with why. */
  failed: { dir: string; reason: string }[];
}

/**
 * Removes the `<out>.tmp-<pid>` and `<out>.old-<pid>` folders that builds killed
 * half-way left beside the output folder. Only folders of processes that no
 * longer run and that factdeck wrote are touched; when the output folder is
 * missing because a build died mid-swap, its moved-aside previous output is put back.
 */
export function cleanLitter(outDir: string): LitterReport {
  const report: LitterReport = { removed: [], failed: [] };
  const parent = path.dirname(outDir);
  if (!existsSync(parent)) return report;
  const base = path.basename(outDir);
  const pattern = new RegExp(`^${escapeRegExp(base)}\\.(tmp|old)-(\\d+)$`);
  const litter = readdirSync(parent)
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter(
      ({ match }) => match && Number(match[2]) !== process.pid && !isRunning(Number(match[2])),
    )
    .map(({ name, match }) => ({ dir: path.join(parent, name), kind: match![1] }))
    .filter(({ dir }) => {
      try {
        return isReplaceable(dir);
      } catch {
        return false;
      }
    });
  if (!existsSync(outDir)) {
    const aside = litter.find((l) => l.kind === "old" && readManifest(l.dir));
    if (aside) {
      try {
        renameSync(aside.dir, outDir);
        report.restored = aside.dir;
      } catch (error) {
        report.failed.push({ dir: aside.dir, reason: reasonOf(error) });
      }
    }
  }
  for (const { dir } of litter) {
    if (dir === report.restored || !existsSync(dir)) continue;
    try {
      rmSync(dir, { recursive: true, force: true });
      report.removed.push(dir);
    } catch (error) {
      report.failed.push({ dir, reason: reasonOf(error) });
    }
  }
  return report;
}

function reasonOf(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ?? (error instanceof Error ? error.message : String(error));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

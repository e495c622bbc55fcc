import { existsSync } from "node:fs";
import path from "node:path";
import { describe, it } from "vitest";
import { buildSite } from "../src/build/build.ts";
import { findBrowser, noBrowserDiagnostic } from "../src/export/chromium.ts";
import { ROOT } from "./helpers.ts";

/** The browser the browser and PDF suites use, if any. */
export const browserPath = findBrowser();

/**
 * `describe` for suites that need Chromium. Without one they skip locally with a printed
 * reason; under CI=true a missing browser is a failing test, never a silent skip.
 */
export function describeWithBrowser(name: string, body: () => void): void {
  if (browserPath) {
    describe(name, body);
    return;
  }
  const reason = noBrowserDiagnostic();
  if (process.env.CI === "true") {
    describe(name, () => {
      it("needs Chromium", () => {
        throw new Error(`${reason.message} ${reason.hint}`);
      });
    });
    return;
  }
  console.warn(`skipping "${name}": ${reason.message} (${reason.hint})`);
  describe.skip(name, body);
}

let built: Promise<string> | undefined;

/** Builds the shipped decks once per test file into a folder of their own; returns it. */
export function builtSite(): Promise<string> {
  built ??= (async () => {
    const outDir = path.join(ROOT, "node_modules", ".factdeck-test", `dist-${process.pid}`);
    await buildSite({ root: ROOT, outDir, quiet: true });
    if (!existsSync(path.join(outDir, "index.html")))
      throw new Error("the build wrote no index.html");
    return outDir;
  })();
  return built;
}

import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createServer, type ViteDevServer } from "vite";
import { describe, it } from "vitest";
import { buildSite } from "../src/build/build.ts";
import { createViteConfig } from "../src/build/vite-config.ts";
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

/**
 * Builds the shipped decks once per test file into a folder of its own, which the file may
 * write into (PowerPoint files); returns it. A file that only reads uses `builtDecks` from
 * tests/browser/harness.ts, built once for all files.
 */
export function builtSite(): Promise<string> {
  built ??= (async () => {
    const scratch = path.join(ROOT, "node_modules", ".factdeck-test");
    // Earlier runs' folders are never reused (each is named by its process): drop old ones.
    for (const entry of existsSync(scratch) ? readdirSync(scratch) : []) {
      const dir = path.join(scratch, entry);
      try {
        if (entry.startsWith("dist-") && Date.now() - statSync(dir).mtimeMs > 60 * 60 * 1000)
          rmSync(dir, { recursive: true, force: true });
      } catch {
        // Another run removed it first.
      }
    }
    const outDir = path.join(scratch, `dist-${process.pid}`);
    await buildSite({ root: ROOT, outDir, quiet: true });
    if (!existsSync(path.join(outDir, "index.html")))
      throw new Error("the build wrote no index.html");
    return outDir;
  })();
  return built;
}

/** A dev server on 127.0.0.1 (a free port) over a scratch copy of the mini project. */
export interface DevProject {
  /** The scratch project's folder. */
  root: string;
  server: ViteDevServer;
  /** The server's address, ending in a slash. */
  url: string;
  close(): Promise<void>;
}

/** Copies `tests/fixtures/projects/mini` and the repository's themes, and starts a dev server on them. */
export async function startDevProject(name: string): Promise<DevProject> {
  // Outside node_modules: the dev server's watcher ignores everything below it.
  const root = path.join(os.tmpdir(), `factdeck-${name}-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  cpSync(path.join(ROOT, "tests", "fixtures", "projects", "mini"), root, { recursive: true });
  cpSync(path.join(ROOT, "themes"), path.join(root, "themes"), { recursive: true });
  symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"));
  const config = createViteConfig({ root });
  const server = await createServer({
    ...config,
    configFile: false,
    server: { ...config.server, port: 0 },
  });
  await server.listen();
  return {
    root,
    server,
    url: server.resolvedUrls!.local[0]!,
    async close() {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

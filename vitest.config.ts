import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

const BROWSER_TESTS = "tests/browser/**/*.test.ts";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest's default for a run is one worker less than the cores: a single worker on a
    // 2-core machine, idle whenever its file waits on Chromium or a CLI child process.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
          exclude: [...configDefaults.exclude, BROWSER_TESTS],
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: [BROWSER_TESTS],
          // The browser files run one after another in each worker's process and share its
          // Chromium (tests/browser/harness.ts): one browser per worker, not one per file.
          // They keep no state between files but that browser and the build cache on disk.
          isolate: false,
        },
      },
    ],
  },
});

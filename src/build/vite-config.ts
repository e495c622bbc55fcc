import type { InlineConfig } from "vite";
import { type FactdeckPluginOptions, factdeck, PACKAGE_DIR } from "./plugin.ts";

/** The Vite config factdeck builds with; `vite.config.ts` and the CLI both use it. */
export function createViteConfig(
  options: FactdeckPluginOptions & { outDir?: string } = {},
): InlineConfig {
  const root = options.root ?? process.cwd();
  return {
    root,
    base: "./",
    appType: "mpa",
    publicDir: false,
    logLevel: "warn",
    clearScreen: false,
    plugins: [factdeck({ ...options, root })],
    server: { host: "127.0.0.1", fs: { allow: [root, PACKAGE_DIR] } },
    build: {
      outDir: options.outDir ?? "dist",
      emptyOutDir: true,
      assetsInlineLimit: 0,
      reportCompressedSize: false,
      // Relative paths keep decks working from any folder they are copied to.
      modulePreload: false,
    },
  };
}

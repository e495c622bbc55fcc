#!/usr/bin/env node
// Starts the TypeScript CLI through tsx, so the project runs without a compile step.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

// Plain-JavaScript dependencies load before tsx registers its loader: its hooks run on
// another thread and would see, and slow down, every module a command imports.
const RENDER = ["@mdx-js/mdx", "@observablehq/plot", "linkedom", "preact-render-to-string"];
const PRELOAD = {
  build: ["vite", "zod", "yaml", ...RENDER],
  dev: ["vite", "zod", "yaml", ...RENDER],
  check: ["zod", "yaml", ...RENDER],
  pdf: ["playwright-core", "linkedom", "zod", "yaml"],
};
await Promise.all((PRELOAD[process.argv[2]] ?? []).map((name) => import(name)));
// Our tsconfig (JSX for Preact) must apply even when run from another project folder.
register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));

// `bin/factdeck.js` as it would be if it loaded the plain-JavaScript dependencies a
// command needs before registering tsx: the loader's hooks then never see them.
// Run from a project folder: node preloaded-cli.mjs build --out DIR
import path from "node:path";
import { pathToFileURL } from "node:url";

const BY_COMMAND = {
  build: [
    "zod",
    "yaml",
    "vite",
    "@mdx-js/mdx",
    "@observablehq/plot",
    "linkedom",
    "preact-render-to-string",
  ],
  check: [
    "zod",
    "yaml",
    "@mdx-js/mdx",
    "@observablehq/plot",
    "linkedom",
    "preact-render-to-string",
  ],
};
await Promise.all((BY_COMMAND[process.argv[2]] ?? []).map((m) => import(m)));
const { register } = await import("tsx/esm/api");
register({ tsconfig: path.resolve("tsconfig.json") });
const { main } = await import(pathToFileURL(path.resolve("src/cli/main.ts")).href);
process.exitCode = await main(process.argv.slice(2));

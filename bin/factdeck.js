#!/usr/bin/env node
// Starts the TypeScript CLI through tsx, so the project runs without a compile step.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

// Our tsconfig (JSX for Preact) must apply even when run from another project folder.
register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
// Starts the TypeScript CLI through tsx, so the project runs without a compile step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));

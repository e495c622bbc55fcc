#!/usr/bin/env node
// Runs the CLI compiled into lib/ by `npm ci` (prepare). In a checkout where src/ has
// changed since, it compiles again first (about a second), so lib/ is never stale.
import { compile, isStale } from "./compile.js";

if (isStale()) {
  process.stderr.write("factdeck: compiling the CLI (src/ changed since the last compile)…\n");
  await compile();
}
const { main } = await import("../lib/cli/main.js");
process.exitCode = await main(process.argv.slice(2));

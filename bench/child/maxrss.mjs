// Runs a Node script in this process and, on exit, writes this process's resource usage
// (peak resident memory) to the file named first: the portable stand-in for `time -v`.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [report, script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], path.resolve(script), ...args];
process.on("exit", () => {
  writeFileSync(report, JSON.stringify(process.resourceUsage()));
});
await import(pathToFileURL(path.resolve(script)).href);

// The CLI from an esbuild bundle of src/cli (written by the phases section into
// src/.bench-bundle of a project copy), so no TypeScript loader runs before the build needs
// one (the dataset's schema file still loads through tsx). Run from the project folder.
import path from "node:path";
import { pathToFileURL } from "node:url";

const { main } = await import(pathToFileURL(path.resolve("src/.bench-bundle/main.js")).href);
process.exitCode = await main(process.argv.slice(2));

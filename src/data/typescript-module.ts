import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { findSourceMap } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { SourcePosition } from "../errors/index.ts";

/** Why a TypeScript module could not be compiled, with where esbuild says it went wrong. */
export class TypeScriptModuleError extends Error {
  readonly at?: SourcePosition;
  constructor(message: string, at?: SourcePosition) {
    super(message);
    this.name = "TypeScriptModuleError";
    this.at = at;
  }
}

interface CacheEntry {
  /** Every file the bundle was made from (absolute) → sha1 of its content. */
  inputs: Record<string, string>;
  output: string;
}

const loaded = new Map<string, Promise<Record<string, unknown>>>();

function sha1(data: string | Buffer): string {
  return createHash("sha1").update(data).digest("hex");
}

function unchanged(inputs: Record<string, string>): boolean {
  return Object.entries(inputs).every(([file, hash]) => {
    try {
      return sha1(readFileSync(file)) === hash;
    } catch {
      return false;
    }
  });
}

/**
 * Where compiled modules are kept: beside the project's packages, so that the module's
 * own imports (zod) resolve as they would from its source; the system's temp folder when
 * the project has none.
 */
function cacheDirFor(file: string): string {
  let dir = path.dirname(path.resolve(file));
  let found: string | undefined;
  while (!found) {
    if (existsSync(path.join(dir, "node_modules")))
      found = path.join(dir, "node_modules", ".cache", "factdeck", "ts");
    const parent = path.dirname(dir);
    if (parent === dir) found ??= path.join(os.tmpdir(), "factdeck-ts");
    dir = parent;
  }
  mkdirSync(found, { recursive: true });
  // Node imports a module by its real path and reads its source map from there, so the
  // map's relative paths must be made from the real path too (node_modules may be a link).
  return realpathSync(found);
}

/**
 * Imports a project's TypeScript module (a dataset schema, a custom chart) without a
 * loader hook in the process: esbuild bundles it with the relative files it imports
 * (packages stay imports), the result is kept on disk by the content of every input, and
 * its stack traces point at the TypeScript source through an inline source map.
 */
export function importTypeScriptModule(file: string): Promise<Record<string, unknown>> {
  const absolute = path.resolve(file);
  const cacheDir = cacheDirFor(absolute);
  const indexFile = path.join(cacheDir, `${sha1(absolute)}.json`);
  let entry: CacheEntry | undefined;
  try {
    entry = JSON.parse(readFileSync(indexFile, "utf8")) as CacheEntry;
  } catch {
    entry = undefined;
  }
  if (!entry || !unchanged(entry.inputs) || !existsSync(path.join(cacheDir, entry.output)))
    entry = undefined;
  const key = entry ? `${absolute}\0${entry.output}` : undefined;
  const hit = key ? loaded.get(key) : undefined;
  if (hit) return hit;
  const pending = (async () => {
    const output = entry?.output ?? (await compile(absolute, cacheDir, indexFile));
    process.setSourceMapsEnabled(true);
    return (await import(pathToFileURL(path.join(cacheDir, output)).href)) as Record<
      string,
      unknown
    >;
  })();
  if (key) loaded.set(key, pending);
  return pending;
}

async function compile(file: string, cacheDir: string, indexFile: string): Promise<string> {
  const { build } = await import("esbuild");
  let result: Awaited<ReturnType<typeof build>>;
  try {
    result = await build({
      entryPoints: [file],
      // Explicit: the process may have moved away from (or removed) the folder it started in.
      absWorkingDir: path.dirname(file),
      bundle: true,
      packages: "external",
      format: "esm",
      platform: "node",
      target: "node20",
      jsx: "automatic",
      jsxImportSource: "preact",
      sourcemap: "inline",
      sourcesContent: false,
      write: false,
      metafile: true,
      outdir: cacheDir,
      logLevel: "silent",
    });
  } catch (error) {
    const first = (error as { errors?: Array<{ text: string; location?: EsbuildLocation }> })
      .errors?.[0];
    throw new TypeScriptModuleError(
      first?.text ?? (error instanceof Error ? error.message : String(error)),
      first?.location ? positionOf(first.location, path.dirname(file)) : undefined,
    );
  }
  const code = result.outputFiles?.[0]?.contents ?? new Uint8Array();
  const inputs: Record<string, string> = {};
  for (const input of Object.keys(result.metafile?.inputs ?? {})) {
    const absolute = path.resolve(path.dirname(file), input);
    inputs[absolute] = sha1(readFileSync(absolute));
  }
  const output = `${sha1(Buffer.from(code))}.mjs`;
  mkdirSync(cacheDir, { recursive: true });
  // Written aside and renamed, so a concurrent build never imports half a file.
  const staging = path.join(cacheDir, `${output}.${process.pid}.tmp`);
  writeFileSync(staging, code);
  renameSync(staging, path.join(cacheDir, output));
  const index = `${indexFile}.${process.pid}.tmp`;
  writeFileSync(index, JSON.stringify({ inputs, output } satisfies CacheEntry));
  renameSync(index, indexFile);
  return output;
}

interface EsbuildLocation {
  file: string;
  line: number;
  column: number;
}

/** esbuild names files relative to the working folder it was given: the module's own. */
function positionOf(location: EsbuildLocation, base: string): SourcePosition {
  return {
    file: path.resolve(base, location.file),
    line: location.line,
    column: location.column + 1,
  };
}

/**
 * Where in `file` (a module imported by `importTypeScriptModule`) an error was thrown: the
 * first stack frame in it, read through the compiled module's source map when the stack
 * shows the compiled file (as it does where a test runner formats stacks itself).
 */
export function errorPositionIn(error: unknown, file: string): SourcePosition | undefined {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  const wanted = path.resolve(file);
  for (const m of stack.matchAll(/(file:\/\/[^\s)]+?|\/[^\s()]+?):(\d+):(\d+)/g)) {
    const where = m[1]!.startsWith("file:") ? fileURLToPath(m[1]!.split("?")[0]!) : m[1]!;
    const line = Number(m[2]);
    const column = Number(m[3]);
    if (path.resolve(where) === wanted) return { file, line, column };
    if (!where.endsWith(".mjs")) continue;
    const entry = findSourceMap(where)?.findEntry(line - 1, column - 1);
    if (!entry || !("originalSource" in entry)) continue;
    const source = entry.originalSource.startsWith("file:")
      ? fileURLToPath(entry.originalSource)
      : path.resolve(path.dirname(where), entry.originalSource);
    if (path.resolve(source) === wanted)
      return { file, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  }
  return undefined;
}

// Compiles src/ to plain JavaScript in lib/ (one output file per source file, same
// layout), so the CLI starts without a TypeScript loader. Runs as `npm ci`'s prepare
// step, and again from bin/factdeck.js whenever a file in src/ is newer than lib/.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const SRC = path.join(PACKAGE_DIR, "src");
const LIB = path.join(PACKAGE_DIR, "lib");
/** Written last: lib/ is complete when it exists, and its mtime is the compile time. */
export const STAMP = path.join(LIB, ".compiled");

/** Every file under a folder, as paths relative to it. */
function walk(dir, rel = "") {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((entry) => {
    const child = path.join(rel, entry.name);
    return entry.isDirectory() ? walk(dir, child) : [child];
  });
}

/** True when lib/ is missing or older than some file in src/. */
export function isStale() {
  if (!existsSync(STAMP)) return true;
  if (!existsSync(SRC)) return false;
  const compiled = statSync(STAMP).mtimeMs;
  return walk(SRC).some((file) => statSync(path.join(SRC, file)).mtimeMs > compiled);
}

/** Compiles src/ into lib/; browser code (src/runtime) and assets are copied for Vite to read. */
export async function compile() {
  const { build } = await import("esbuild");
  const files = walk(SRC);
  const code = files.filter(
    (f) => /\.tsx?$/.test(f) && !f.endsWith(".d.ts") && !f.startsWith(`runtime${path.sep}`),
  );
  // Compile beside lib/ and swap it in, so a CLI starting meanwhile never sees half a lib/.
  const staging = `${LIB}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await build({
    absWorkingDir: PACKAGE_DIR,
    entryPoints: code.map((f) => path.join("src", f)),
    outdir: path.relative(PACKAGE_DIR, staging),
    outbase: "src",
    format: "esm",
    platform: "node",
    target: "node20",
    jsx: "automatic",
    jsxImportSource: "preact",
    sourcemap: "linked",
    logLevel: "error",
    // One output per source: relative imports are rewritten from .ts/.tsx to .js, packages stay imports.
    bundle: true,
    plugins: [
      {
        name: "factdeck:per-file",
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === "entry-point") return undefined;
            if (/^\.\.?\//.test(args.path))
              return { path: args.path.replace(/\.tsx?$/, ".js"), external: true };
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  for (const file of files.filter((f) => !code.includes(f))) {
    mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
    copyFileSync(path.join(SRC, file), path.join(staging, file));
  }
  writeFileSync(path.join(staging, path.basename(STAMP)), `${new Date().toISOString()}\n`);
  const old = `${LIB}.old-${process.pid}`;
  if (existsSync(LIB)) renameSync(LIB, old);
  renameSync(staging, LIB);
  rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await compile();
}

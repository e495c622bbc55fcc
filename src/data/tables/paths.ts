import { closeSync, constants, fstatSync, openSync, realpathSync } from "node:fs";
import path from "node:path";

/** How a table file is read, from its extension. */
export type TableFormat = "csv" | "json" | "parquet";

/** The reader for a table file's extension (`.tsv` is CSV with tabs, found by DuckDB's sniffer). */
export function formatOf(file: string): TableFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".parquet") return "parquet";
  return "csv";
}

/** A table file inside data/, resolved; or why it cannot be used. */
export type ResolvedTableFile =
  | { ok: true; absolute: string; relative: string }
  | { ok: false; reason: "outside" | "missing" | "not-a-file"; detail: string };

/**
 * Resolves a table's `file:` inside the data folder. Absolute paths, `..` segments and
 * links that lead out of data/ are refused: a dataset may read only its own folder.
 */
export function resolveTableFile(dataDir: string, file: string): ResolvedTableFile {
  const segments = file.split(/[\\/]+/);
  if (path.isAbsolute(file) || /^[a-zA-Z]:/.test(file) || segments.includes(".."))
    return { ok: false, reason: "outside", detail: `"${file}" is not a path inside data/` };
  const root = realpathSync(dataDir);
  const absolute = path.join(root, ...segments);
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    return { ok: false, reason: "missing", detail: `no file at data/${segments.join("/")}` };
  }
  if (real !== root && !real.startsWith(root + path.sep))
    return {
      ok: false,
      reason: "outside",
      detail: `data/${segments.join("/")} is a link to ${real}, outside data/`,
    };
  // Non-blocking, so a named pipe is refused instead of waited on.
  const fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile())
      return {
        ok: false,
        reason: "not-a-file",
        detail: `data/${segments.join("/")} is not a regular file`,
      };
  } finally {
    closeSync(fd);
  }
  return {
    ok: true,
    absolute: real,
    relative: path.relative(root, real).split(path.sep).join("/"),
  };
}

/** A string as an SQL literal: the one way a path reaches the engine. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A name as an SQL identifier, quoted so that a table may be called `order` or `select`. */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

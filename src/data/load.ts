import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import type { z } from "zod";
import { type Diagnostic, hasErrors, type SourcePosition, suggestion } from "../errors/index.ts";
import { Dataset } from "./dataset.ts";
import { type ParsedFile, readDataFile } from "./parse.ts";
import { checkRelations } from "./relations.ts";
import {
  type DatasetFile,
  datasetSchema,
  type Figure,
  type Source,
  sourceSchema,
  sourcesFileSchema,
} from "./schema.ts";
import { issuesToDiagnostics } from "./zod-issues.ts";

const EXTENSIONS = [".yaml", ".yml", ".json", ".csv"];

/** The result of loading: a dataset when it validated, and every finding either way. */
export interface LoadResult {
  dataset?: Dataset;
  diagnostics: Diagnostic[];
  /** Files read, for watching. */
  files: string[];
}

/** The data file for a dataset id in a data folder, or undefined. */
export function findDatasetFile(dataDir: string, id: string): string | undefined {
  for (const ext of EXTENSIONS) {
    const file = path.join(dataDir, id + ext);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** Every dataset id in a data folder (files other than the sources registry and schemas). */
export function listDatasets(dataDir: string): string[] {
  return readdirSync(dataDir)
    .filter((f) => EXTENSIONS.includes(path.extname(f)) && !f.startsWith("sources."))
    .map((f) => path.basename(f, path.extname(f)));
}

/** Loads, validates and cross-checks one dataset with the shared sources registry. */
export async function loadDataset(dataDir: string, id: string): Promise<LoadResult> {
  const file = findDatasetFile(dataDir, id);
  if (!file) {
    return {
      files: [],
      diagnostics: [
        {
          code: "FD_DATA_MISSING",
          severity: "error",
          message: `No data file for dataset "${id}".`,
          detail: `looked for ${EXTENSIONS.map((e) => path.join(path.relative(process.cwd(), dataDir), id + e)).join(", ")}`,
          hint: "create the file or correct the dataset name in the deck config",
        },
      ],
    };
  }
  const files = [file];
  const diagnostics: Diagnostic[] = [];

  const registry = loadSourcesRegistry(dataDir);
  diagnostics.push(...registry.diagnostics);
  if (registry.file) files.push(registry.file);

  const parsed = readDataFile(file);
  diagnostics.push(...parsed.diagnostics);
  if (hasErrors(parsed.diagnostics)) return { diagnostics, files };

  const schemaFile = path.join(dataDir, `${id}.schema.ts`);
  const schema = existsSync(schemaFile) ? await importSchema(schemaFile) : datasetSchema;
  if (existsSync(schemaFile)) files.push(schemaFile);
  if (!("safeParse" in schema)) return { diagnostics: [...diagnostics, schema], files };

  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    diagnostics.push(
      ...issuesToDiagnostics(result.error.issues, parsed.locate, parsed.data, undefined, schema),
    );
    return { diagnostics, files };
  }
  const data = result.data as DatasetFile;

  const sources = new Map<string, Source>(registry.sources);
  const sourcePositions = new Map<string, SourcePosition>(registry.positions);
  for (const [sid, source] of Object.entries(data.sources)) {
    sources.set(sid, source);
    sourcePositions.set(sid, parsed.locate(["sources", sid], { key: true }));
  }

  const figures = new Map<string, Figure>();
  for (const [group, members] of Object.entries(data.figures)) {
    for (const [name, figure] of Object.entries(members)) figures.set(`${group}.${name}`, figure);
  }
  const dataset = new Dataset({
    id,
    file,
    title: data.title,
    figures,
    sources,
    relations: data.relations,
    locate: parsed.locate,
    sourceLocate: (sid) => sourcePositions.get(sid),
  });

  const sourceIds = [...sources.keys()];
  for (const [key, figure] of figures) {
    if (!sources.has(figure.source) && !registry.invalid.has(figure.source)) {
      diagnostics.push({
        code: "FD_DATA_UNKNOWN_SOURCE",
        severity: "error",
        message: `The figure ${key} cites a source that is not registered: "${figure.source}".`,
        at: dataset.positionOf(key, "source"),
        hint: `${suggestion(figure.source, sourceIds, "sources")}; sources are registered in data/sources.yaml`,
      });
    }
  }
  diagnostics.push(...checkRelations(data.relations, dataset));
  return { dataset: hasErrors(diagnostics) ? undefined : dataset, diagnostics, files };
}

interface Registry {
  file?: string;
  sources: Map<string, Source>;
  positions: Map<string, SourcePosition>;
  /** Ids whose entries are written but invalid: reported once, not again at every figure. */
  invalid: Set<string>;
  diagnostics: Diagnostic[];
}

function loadSourcesRegistry(dataDir: string): Registry {
  const file = path.join(dataDir, "sources.yaml");
  const empty: Registry = {
    sources: new Map(),
    positions: new Map(),
    invalid: new Set(),
    diagnostics: [],
  };
  if (!existsSync(file)) return empty;
  const parsed: ParsedFile = readDataFile(file);
  if (parsed.diagnostics.length) return { ...empty, file, diagnostics: parsed.diagnostics };
  const result = sourcesFileSchema.safeParse(parsed.data);
  if (!result.success) {
    // Keep the entries that are valid, so one bad source does not orphan every figure.
    const raw = (parsed.data as { sources?: Record<string, unknown> } | undefined)?.sources ?? {};
    const good = new Map<string, Source>();
    for (const [id, entry] of Object.entries(raw)) {
      const one = sourceSchema.safeParse(entry);
      if (one.success) good.set(id, one.data);
    }
    return {
      file,
      sources: good,
      positions: new Map(
        [...good.keys()].map((id) => [id, parsed.locate(["sources", id], { key: true })]),
      ),
      invalid: new Set(Object.keys(raw).filter((id) => !good.has(id))),
      diagnostics: issuesToDiagnostics(
        result.error.issues,
        parsed.locate,
        parsed.data,
        "A source does not match the schema.",
        sourcesFileSchema,
      ),
    };
  }
  const sources = new Map(Object.entries(result.data.sources));
  const positions = new Map(
    [...sources.keys()].map((id) => [id, parsed.locate(["sources", id], { key: true })]),
  );
  return { file, sources, positions, invalid: new Set(), diagnostics: [] };
}

// A schema file is imported once per content: importing compiles and evaluates it (and the
// schema building blocks it imports) afresh every time, on every dev update.
const schemas = new Map<string, Promise<z.ZodType | Diagnostic>>();

function importSchema(file: string): Promise<z.ZodType | Diagnostic> {
  const hash = createHash("sha1").update(readFileSync(file)).digest("hex");
  let pending = schemas.get(`${file}\0${hash}`);
  if (!pending) {
    pending = importSchemaFile(file, hash.slice(0, 12));
    schemas.set(`${file}\0${hash}`, pending);
  }
  return pending;
}

async function importSchemaFile(file: string, hash: string): Promise<z.ZodType | Diagnostic> {
  const problem = (detail: string): Diagnostic => ({
    code: "FD_DATA_SCHEMA_FILE",
    severity: "error",
    message: "The dataset's schema file cannot be used.",
    at: { file, line: 1, column: 1 },
    detail,
    hint: "the file must default-export a zod schema built from src/data/schema.ts (see the README)",
  });
  try {
    const url = pathToFileURL(path.resolve(file)).href;
    // Where a TypeScript loader is registered already (the CLI's tsx, Vitest) a plain import
    // shares the modules loaded so far; the query loads an edited schema anew.
    const mod = (await import(`${url}?v=${hash}`).catch((error: { code?: string }) => {
      if (error?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw error;
      return tsImport(url, import.meta.url);
    })) as { default?: unknown };
    // A schema file in a CommonJS package arrives wrapped once more.
    const candidate = mod.default as { safeParse?: unknown; default?: unknown } | undefined;
    const schema = (typeof candidate?.safeParse === "function" ? candidate : candidate?.default) as
      | z.ZodType
      | undefined;
    return schema && typeof schema.safeParse === "function"
      ? schema
      : problem("it has no default export that is a zod schema");
  } catch (error) {
    return problem(error instanceof Error ? error.message.split("\n")[0]! : String(error));
  }
}

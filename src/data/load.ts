import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { type Diagnostic, hasErrors, type SourcePosition, suggestion } from "../errors/index.ts";
import { Dataset } from "./dataset.ts";
import { type ParsedFile, readDataFile } from "./parse.ts";
import type { Locate } from "./positions.ts";
import { checkRelations } from "./relations.ts";
import {
  type DatasetFile,
  datasetSchema,
  type Figure,
  type FigureEntry,
  figureSchema,
  type Source,
  sourceSchema,
  sourcesFileSchema,
} from "./schema.ts";
import type { RowSchemas, TablesOutput } from "./tables/index.ts";
import { importTypeScriptModule, TypeScriptModuleError } from "./typescript-module.ts";
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
  const imported = existsSync(schemaFile)
    ? await importSchema(schemaFile)
    : { schema: datasetSchema, rowSchemas: undefined };
  if (existsSync(schemaFile)) files.push(schemaFile);
  if ("code" in imported) return { diagnostics: [...diagnostics, imported], files };
  const { schema, rowSchemas } = imported;

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

  const entries: Array<[string, FigureEntry]> = Object.entries(data.figures).flatMap(
    ([group, members]) =>
      Object.entries(members).map(([name, f]): [string, FigureEntry] => [`${group}.${name}`, f]),
  );
  const tables = await computeTables(dataDir, file, data, entries, parsed.locate, rowSchemas);
  if (tables) {
    diagnostics.push(...tables.diagnostics);
    files.push(...tables.files);
  }
  const figures = new Map<string, Figure>();
  for (const [key, entry] of entries) {
    const { sql: _sql, ...typed } = entry;
    if (entry.sql === undefined) {
      figures.set(key, typed as Figure);
      continue;
    }
    const computed = tables?.computed.get(key);
    // A figure whose query failed is reported already; it is left out rather than guessed.
    if (!computed) continue;
    const [group, name] = key.split(".");
    const figure: Figure = {
      ...typed,
      value: computed.value,
      source: entry.source ?? computed.source ?? "",
      ...((entry.locator ?? computed.locator)
        ? { locator: entry.locator ?? computed.locator }
        : {}),
      derivation: computed.derivation,
    };
    diagnostics.push(
      ...checkComputedValue(key, figure, parsed.locate(["figures", group!, name!, "sql"])),
    );
    figures.set(key, figure);
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
    tables: tables?.tables,
  });

  const sourceIds = [...sources.keys()];
  for (const [name, table] of Object.entries(data.tables)) {
    if (table.source && !sources.has(table.source) && !registry.invalid.has(table.source))
      diagnostics.push({
        code: "FD_DATA_UNKNOWN_SOURCE",
        severity: "error",
        message: `The table "${name}" cites a source that is not registered: "${table.source}".`,
        at: parsed.locate(["tables", name, "source"]),
        hint: `${suggestion(table.source, sourceIds, "sources")}; sources are registered in data/sources.yaml`,
      });
  }
  for (const [key, figure] of figures) {
    if (figure.source === "") {
      diagnostics.push({
        code: "FD_DATA_SCHEMA",
        severity: "error",
        message: `The computed figure ${key} reads no table, so it has no source.`,
        at: dataset.positionOf(key, "sql"),
        hint: "query a declared table, or add source: with an id from data/sources.yaml",
      });
      continue;
    }
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
  // Relations over a figure whose query failed would only repeat that error.
  if (!hasErrors(tables?.diagnostics ?? []))
    diagnostics.push(...checkRelations(data.relations, dataset));
  return { dataset: hasErrors(diagnostics) ? undefined : dataset, diagnostics, files };
}

/** Reads the tables and runs the queries of a dataset that has any; undefined for one that has none. */
async function computeTables(
  dataDir: string,
  file: string,
  data: DatasetFile,
  entries: ReadonlyArray<[string, FigureEntry]>,
  locate: Locate,
  rowSchemas: RowSchemas | undefined,
): Promise<TablesOutput | undefined> {
  const tables = data.tables ?? {};
  if (!Object.keys(tables).length && !entries.some(([, f]) => f.sql !== undefined))
    return undefined;
  // Loaded on demand: the engine's start-up is paid only by datasets with tables.
  const { resolveTables } = await import("./tables/index.ts");
  return resolveTables({
    dataDir,
    tables,
    figures: entries,
    locate,
    text: readFileSync(file, "utf8"),
    rowSchemas,
  });
}

/** A computed value must fit its unit as a typed one does: a count whole, a percentage 0–100. */
function checkComputedValue(key: string, figure: Figure, at: SourcePosition): Diagnostic[] {
  const { derivation, ...typed } = figure;
  const exact = derivation?.exact;
  if (figure.unit === "count" && typeof exact === "number" && !Number.isInteger(exact))
    return [
      {
        code: "FD_TABLE_VALUE",
        severity: "error",
        message: `The query of the figure ${key} returned ${exact}, but a count is a whole number.`,
        at,
        hint: "count rows with count(*), or give the figure another unit (number) and a precision",
      },
    ];
  const result = figureSchema.safeParse({ ...typed, source: typed.source || "table" });
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    code: "FD_TABLE_VALUE",
    severity: "error",
    message: `The computed value of ${key} does not fit the figure: ${issue.message}.`,
    at,
    detail: `the query returned ${JSON.stringify(exact)}, shown as ${JSON.stringify(figure.value)}`,
    hint:
      (issue.code === "custom" && (issue.params as { hint?: string } | undefined)?.hint) ||
      "check the query and the figure's unit",
  }));
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

/** A dataset's schema file, imported: the dataset schema, and row schemas for its tables. */
interface ImportedSchema {
  schema: z.ZodType;
  rowSchemas?: RowSchemas;
}

// A schema file is imported once per content: importing compiles and evaluates it (and the
// schema building blocks it imports) afresh every time, on every dev update.
const schemas = new Map<string, Promise<ImportedSchema | Diagnostic>>();

function importSchema(file: string): Promise<ImportedSchema | Diagnostic> {
  const hash = createHash("sha1").update(readFileSync(file)).digest("hex");
  let pending = schemas.get(`${file}\0${hash}`);
  if (!pending) {
    pending = importSchemaFile(file, hash);
    schemas.set(`${file}\0${hash}`, pending);
  }
  return pending;
}

async function importSchemaFile(file: string, hash: string): Promise<ImportedSchema | Diagnostic> {
  const problem = (detail: string, hint?: string): Diagnostic => ({
    code: "FD_DATA_SCHEMA_FILE",
    severity: "error",
    message: "The dataset's schema file cannot be used.",
    at: { file, line: 1, column: 1 },
    detail,
    hint:
      hint ??
      "the file must default-export a zod schema built from src/data/schema.ts, or export tables (row schemas) alone (see the README)",
  });
  try {
    const mod = (await importTypeScriptModule(file)) as { default?: unknown; tables?: unknown };
    // A schema file in a CommonJS package arrives wrapped once more.
    const candidate = mod.default as
      | { safeParse?: unknown; default?: unknown; tables?: unknown }
      | undefined;
    const wrapped = typeof candidate?.safeParse !== "function";
    const tables = wrapped && mod.tables === undefined ? candidate?.tables : mod.tables;
    const given = (wrapped ? candidate?.default : candidate) as z.ZodType | undefined;
    // A file that only gives row schemas keeps the shared dataset schema.
    const schema =
      typeof given?.safeParse !== "function" && tables !== undefined ? datasetSchema : given;
    if (!schema || typeof schema.safeParse !== "function")
      return problem("it has no default export that is a zod schema");
    if (tables === undefined) return { schema };
    const rows = tables as Record<string, { safeParse?: unknown }> | null;
    const bad =
      rows === null || typeof rows !== "object"
        ? ["tables"]
        : Object.entries(rows)
            .filter(([, s]) => typeof s?.safeParse !== "function")
            .map(([name]) => `tables.${name}`);
    if (bad.length)
      return problem(
        `${bad.join(", ")} is not a zod schema`,
        "export const tables = { <table name>: z.object({ <column>: z.number(), … }) }",
      );
    return { schema, rowSchemas: { file, hash, schemas: rows as Record<string, z.ZodType> } };
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    // A syntax or import error points at its own line, in the schema or a file it imports.
    if (error instanceof TypeScriptModuleError && error.at)
      return { ...problem(detail), at: error.at };
    return problem(detail);
  }
}

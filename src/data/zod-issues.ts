import type { z } from "zod";
import { type Diagnostic, nearest } from "../errors/index.ts";
import type { Locate } from "./positions.ts";

/** Turns zod issues into diagnostics that point at the offending node. */
export function issuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  locate: Locate,
  input: unknown,
  what = "A figure does not match the schema.",
  schema?: z.ZodType,
): Diagnostic[] {
  // A misspelled key also shows up as a missing one; the unknown-key finding says both.
  const misspelledIn = new Set(
    issues.filter((i) => i.code === "unrecognized_keys").map((i) => i.path.join(".")),
  );
  const relevant = issues.filter(
    (i) =>
      !(
        i.code === "invalid_type" &&
        valueAt(input, i.path) === undefined &&
        misspelledIn.has(i.path.slice(0, -1).join("."))
      ),
  );
  return relevant.map((issue) => {
    const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    if (issue.code === "unrecognized_keys") {
      const name = issue.keys[0] ?? "";
      return {
        code: "FD_DATA_UNKNOWN_KEY",
        severity: "error",
        message: `Unknown key "${name}".`,
        at: locate([...path, name], { key: true }),
        detail: `${[...path, name].join(".")}: this key is not part of the schema`,
        hint: unknownKeyHint(name, path, schema),
      } satisfies Diagnostic;
    }
    const dotted = path.join(".") || "(top level)";
    const received = valueAt(input, path);
    return {
      code: "FD_DATA_SCHEMA",
      severity: "error",
      message: what,
      at:
        received === undefined && path.length
          ? locate(path.slice(0, -1), { key: true })
          : locate(path),
      detail: `${dotted}: ${describeIssue(issue, received)}`,
      hint: hintFor(issue, received, path, schema),
    } satisfies Diagnostic;
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

function describeIssue(issue: z.core.$ZodIssue, received: unknown): string {
  if (typeof received === "number" && !Number.isFinite(received)) {
    return `expected a finite number, got ${String(received)}`;
  }
  if (issue.code === "invalid_type" && issue.path.length === 0 && received == null)
    return "the file is empty";
  if (issue.code === "invalid_type") {
    const got = received == null ? "nothing" : `${typeName(received)} ${JSON.stringify(received)}`;
    return `expected ${issue.expected}, got ${got}`;
  }
  if (issue.code === "invalid_union" && typeof received === "string") {
    return `expected a number or a range, got a string ${JSON.stringify(received)}`;
  }
  return issue.message.replace(/^Invalid input: /, "");
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function hintFor(
  issue: z.core.$ZodIssue,
  received: unknown,
  path: readonly PropertyKey[],
  schema?: z.ZodType,
): string {
  const field = path.at(-1);
  // A refinement carries its own hint: it knows what it refused.
  const own =
    issue.code === "custom" ? (issue.params as { hint?: unknown } | undefined)?.hint : undefined;
  if (typeof own === "string") return own;
  if (path.length === 0 && received == null)
    return "write the file's contents (an editor may have been saving it: save it again)";
  if (typeof received === "number" && !Number.isFinite(received))
    return "write the number as published; NaN and infinity are not figures";
  if (issue.code === "invalid_type") {
    if (received === undefined && path[0] === "figures" && path.length <= 3) {
      const what = path.length === 2 ? "group" : "figure";
      return `the dataset's schema requires the ${what} "${path.slice(1).join(".")}"; add it to the data file or remove it from the schema`;
    }
    if (received === undefined && schema && path.length) {
      const known = knownKeysAt(schema, path.slice(0, -1));
      if (known)
        return `add "${String(field)}"; this entry needs ${known.join(", ")} (some are optional)`;
    }
    if (received === undefined)
      return `add "${String(field)}"; every figure needs value, unit, label, source and status`;
    if (issue.expected === "number" && typeof received === "string") {
      if (received.includes("%"))
        return 'write the number without the percent sign; the unit says "percent"';
      if (/[\d,]+/.test(received))
        return 'write the number without quotes, separators or units: 1340, not "1,340"';
    }
    return `write ${String(field)} as ${issue.expected === "object" ? "a mapping" : `a ${issue.expected}`}`;
  }
  if (issue.code === "invalid_value") {
    const options = issue.values.map((v) => JSON.stringify(v)).join(", ");
    return `use one of ${options}`;
  }
  if (
    issue.code === "invalid_union" &&
    field === "value" &&
    typeof received === "string" &&
    received.includes("%")
  ) {
    return 'write the number without the percent sign or quotes; the unit says "percent"';
  }
  if (issue.code === "invalid_union" && field === "value") {
    return "write a number (27.6) or a range ({ low: 37, high: 180 })";
  }
  return "correct the value so that it matches the figure schema described in the README";
}

function unknownKeyHint(name: string, path: readonly PropertyKey[], schema?: z.ZodType): string {
  const known = (schema && knownKeysAt(schema, path)) ?? fallbackKeys(path);
  if (!known) return "remove the key or check its spelling";
  const near = nearest(name, known);
  return near ? `did you mean "${near}"?` : `the keys allowed here are: ${known.join(", ")}`;
}

/** The keys a (strict) object schema allows at a path, following records and lists. */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let node: unknown = schema;
  for (const segment of path) {
    const def = unwrap(node);
    if (def?.shape && String(segment) in def.shape) node = def.shape[String(segment)];
    else if (def?.type === "record") node = def.valueType;
    else if (def?.type === "array") node = def.element;
    else return undefined;
  }
  const def = unwrap(node);
  return def?.shape ? Object.keys(def.shape) : undefined;
}

interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  valueType?: unknown;
  element?: unknown;
  innerType?: unknown;
  in?: unknown;
}

function unwrap(node: unknown): SchemaDef | undefined {
  let current = node as { def?: SchemaDef; shape?: Record<string, unknown> } | undefined;
  for (let i = 0; i < 10 && current?.def; i++) {
    const def = current.def;
    if (["optional", "default", "nullable", "catch", "readonly", "prefault"].includes(def.type))
      current = def.innerType as typeof current;
    else if (def.type === "pipe") current = def.in as typeof current;
    else return { ...def, shape: current.shape ?? def.shape };
  }
  return undefined;
}

function fallbackKeys(path: readonly PropertyKey[]): readonly string[] | undefined {
  if (path.length === 0) return KNOWN_KEYS.dataset;
  if (path[0] === "sources" && path.length === 2) return KNOWN_KEYS.source;
  if (path[0] === "figures" && path.length === 3) return KNOWN_KEYS.figure;
  return undefined;
}

const KNOWN_KEYS = {
  figure: [
    "value",
    "unit",
    "precision",
    "label",
    "short",
    "noun",
    "qualifier",
    "note",
    "source",
    "locator",
    "status",
    "change",
  ],
  source: ["title", "publisher", "date", "url", "short", "note"],
  dataset: ["title", "figures", "relations", "sources"],
} as const;

import type { Diagnostic, SourcePosition } from "../errors/index.ts";

/**
 * Names that reach into an object's prototype when used as a property: a data file must
 * never be able to write them, whatever the parser does with them.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
]);

/** One segment of a dotted key: letters, digits, `_` and `-`, starting with a letter or `_`. */
export const KEY_SEGMENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** The finding for a key that names an object's prototype, or undefined when it is harmless. */
export function forbiddenKey(name: string, at: SourcePosition): Diagnostic | undefined {
  if (!FORBIDDEN_KEYS.has(name)) return undefined;
  return {
    code: "FD_DATA_KEY_NAME",
    severity: "error",
    message: `The key "${name}" is not allowed in a data file.`,
    at,
    detail: `${[...FORBIDDEN_KEYS].map((k) => `"${k}"`).join(", ")} are reserved names in JavaScript objects`,
    hint: "rename the key; keys are written in lower-case letters, digits and underscores",
  };
}

/** The finding for one segment of a dotted key that breaks the grammar, or undefined. */
export function badKeySegment(key: string, at: SourcePosition): Diagnostic | undefined {
  for (const segment of key.split(".")) {
    const forbidden = forbiddenKey(segment, at);
    if (forbidden) return { ...forbidden, message: `The key "${key}" uses a reserved name.` };
    if (KEY_SEGMENT.test(segment)) continue;
    return {
      code: "FD_DATA_KEY_NAME",
      severity: "error",
      message: segment
        ? `The key "${key}" has a part that is not a name: "${segment}".`
        : `The key "${key}" has an empty part.`,
      at,
      detail:
        "each part of a key (between dots) is letters, digits, _ and -, starting with a letter or _",
      hint: 'write the key as group.name, for example "recidivism.cohort"',
    };
  }
  return undefined;
}

/** The finding for a key written twice in one mapping (or on two CSV rows). */
export function duplicateKey(
  key: string,
  at: SourcePosition,
  first: SourcePosition,
  where = "twice in the same mapping",
): Diagnostic {
  return {
    code: "FD_DATA_DUPLICATE_KEY",
    severity: "error",
    message: `The key "${key}" is written ${where}; the second would silently replace the first.`,
    at,
    related: [first],
    hint: "remove one of them, or rename it if they are different figures",
  };
}

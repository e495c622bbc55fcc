import {
  type Node,
  type ParseError,
  ParseErrorCode,
  parseTree,
  printParseErrorCode,
} from "jsonc-parser";
import { LineCounter } from "yaml";
import type { Diagnostic, SourcePosition } from "../errors/index.ts";
import { duplicateKey, forbiddenKey } from "./keys.ts";
import type { Locate, ParsedFile } from "./positions.ts";

/**
 * Parses JSON strictly (no comments, no trailing commas, which a YAML parser would let
 * through), keeping every node's offset so findings point into the file.
 */
export function parseJsonText(file: string, text: string): ParsedFile {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines.addNewLine(i + 1);
  const position = (offset: number, length: number): SourcePosition => {
    const a = lines.linePos(offset);
    const b = lines.linePos(offset + Math.max(1, length));
    return { file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  const deep = tooDeep(text);
  if (deep !== undefined) {
    return {
      file,
      data: undefined,
      locate: () => position(deep, 1),
      diagnostics: [
        {
          code: "FD_DATA_SYNTAX",
          severity: "error",
          message: "The JSON in this file cannot be read.",
          at: position(deep, 1),
          detail: `lists and objects nested more than ${MAX_DEPTH} levels deep`,
          hint: "a dataset is a few levels deep (figures, group, figure, value); check the brackets",
        },
      ],
    };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const locate = createJsonLocator(root, position);
  // The parser recovers and reports again at every later token; the first error is the one.
  if (errors.length || !root) {
    const error = errors[0] ?? { error: ParseErrorCode.ValueExpected, offset: 0, length: 0 };
    return {
      file,
      data: undefined,
      locate,
      diagnostics: [
        {
          code: "FD_DATA_SYNTAX",
          severity: "error",
          message: "The JSON in this file cannot be read.",
          at: position(error.offset, error.length),
          detail: describeError(error, text),
          hint: hintFor(error, text),
        },
      ],
    };
  }
  const diagnostics = checkKeys(root, position);
  return {
    file,
    data: diagnostics.length ? undefined : toValue(root),
    locate,
    diagnostics,
  };
}

type Position = (offset: number, length: number) => SourcePosition;

/** How deep lists and objects may nest: the parser recurses, and data is a few levels deep. */
const MAX_DEPTH = 64;

/** The offset of the bracket that nests too deep, or undefined; strings are skipped. */
function tooDeep(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === "]" || c === "}") depth--;
  }
  return undefined;
}

function createJsonLocator(root: Node | undefined, position: Position): Locate {
  return (path, options = {}) => {
    let node = root;
    let keyNode: Node | undefined;
    for (const segment of path) {
      if (node?.type === "object") {
        const property = node.children?.find((p) => p.children?.[0]?.value === String(segment));
        const value = property?.children?.[1];
        if (!property) break;
        keyNode = property.children?.[0];
        node = value ?? keyNode;
      } else if (
        node?.type === "array" &&
        typeof segment === "number" &&
        node.children?.[segment]
      ) {
        keyNode = undefined;
        node = node.children[segment];
      } else {
        break;
      }
    }
    const target = options.key && keyNode ? keyNode : node;
    return position(target?.offset ?? 0, target?.length ?? 0);
  };
}

/** Duplicate and reserved keys anywhere in the tree; walked without recursion. */
function checkKeys(root: Node, position: Position): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "object") {
      const seen = new Map<string, Node>();
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (!key) continue;
        const name = String(key.value);
        const at = position(key.offset, key.length);
        const forbidden = forbiddenKey(name, at);
        if (forbidden) out.push(forbidden);
        const earlier = seen.get(name);
        if (earlier) out.push(duplicateKey(name, at, position(earlier.offset, earlier.length)));
        else seen.set(name, key);
        const value = property.children?.[1];
        if (value) stack.push(value);
      }
    } else if (node.type === "array") {
      stack.push(...(node.children ?? []));
    }
  }
  return out.sort((a, b) => a.at!.line - b.at!.line || a.at!.column - b.at!.column);
}

/** The plain value of a checked tree: objects have no prototype, so no key can reach one. */
function toValue(node: Node): unknown {
  if (node.type === "array") return (node.children ?? []).map(toValue);
  if (node.type !== "object") return node.value;
  const out: Record<string, unknown> = Object.create(null);
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value) out[String(key.value)] = toValue(value);
  }
  return out;
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: "unexpected characters",
  InvalidNumberFormat: "a number is not written as JSON writes numbers",
  PropertyNameExpected: "a key in double quotes is expected here",
  ValueExpected: "a value is expected here",
  ColonExpected: "a colon is expected after the key",
  CommaExpected: "a comma is expected between entries",
  CloseBraceExpected: "a closing } is expected",
  CloseBracketExpected: "a closing ] is expected",
  EndOfFileExpected: "the file should end after the first value",
  InvalidCommentToken: "JSON does not allow comments",
  UnexpectedEndOfComment: "JSON does not allow comments",
  UnexpectedEndOfString: "a string is not closed",
  UnexpectedEndOfNumber: "a number is cut short",
  InvalidUnicode: "an invalid \\u escape",
  InvalidEscapeCharacter: "an invalid escape in a string",
  InvalidCharacter: "a character that must be escaped in a string",
};

function isTrailingComma(error: ParseError, text: string): boolean {
  const name = printParseErrorCode(error.error);
  if (name !== "PropertyNameExpected" && name !== "ValueExpected") return false;
  return /,\s*$/.test(text.slice(0, error.offset)) && /^[}\]]/.test(text.slice(error.offset));
}

function describeError(error: ParseError, text: string): string {
  if (isTrailingComma(error, text)) return "a comma after the last entry (a trailing comma)";
  const name = printParseErrorCode(error.error);
  return MESSAGES[name] ?? name;
}

function hintFor(error: ParseError, text: string): string {
  const name = printParseErrorCode(error.error);
  if (isTrailingComma(error, text))
    return "remove the comma: JSON allows none after the last entry";
  if (name === "InvalidCommentToken" || name === "UnexpectedEndOfComment")
    return "remove the comment, or write the data in YAML, where # starts a comment";
  if (name === "InvalidSymbol")
    return "JSON has no NaN, Infinity or unquoted words: write a number, or a string in double quotes";
  return "check the punctuation here: keys and strings in double quotes, commas between entries";
}

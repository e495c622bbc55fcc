import type { SourcePosition } from "../errors/index.ts";

/** Where a piece of text sits on a slide; messages and hints depend on it. */
export type TextContext = "prose" | "heading" | "notes" | "alt" | "chart-title" | "stat-label";

/** Stands for a bound component (`<Value>`, `<Stat>`) inside a run of text. */
export const BOUND = "\uFFFC";
/** Stands for text that is not prose (a `<Literal>`, inline code, an expression). */
export const NEUTRAL = "\u2063";

/** A bound component inside a run: where its placeholder is and which figures it shows. */
export interface BoundMark {
  index: number;
  keys: string[];
}

/**
 * A stretch of prose as a reader sees it (a paragraph, a heading, a title attribute),
 * with the source offset of every character so findings point into the file.
 */
export interface TextRun {
  text: string;
  /** Source offset of each character; one more entry for the end. */
  offsets: number[];
  context: TextContext;
  bound: BoundMark[];
  /** Index of the slide (section) within its file. */
  section: number;
}

/** Builds a run from text nodes and placeholders, aligning each character with the source. */
export class RunBuilder {
  private text = "";
  private readonly offsets: number[] = [];
  private readonly bound: BoundMark[] = [];
  private last = 0;

  constructor(
    private readonly source: string,
    readonly context: TextContext,
    readonly section: number,
  ) {}

  /** Appends a decoded text value found between two source offsets. */
  append(value: string, from: number, to: number): void {
    this.text += value;
    // A loop, not a spread: spreading a long paragraph's offsets overflows the call stack.
    for (const offset of alignText(value, this.source, from, to)) this.offsets.push(offset);
    this.last = to;
  }

  /** Appends one placeholder character standing for the source between two offsets. */
  placeholder(char: string, from: number, to: number, keys?: string[]): void {
    if (keys) this.bound.push({ index: this.text.length, keys });
    this.text += char;
    this.offsets.push(from);
    this.last = to;
  }

  /** The finished run, or undefined when it holds no text at all. */
  finish(): TextRun | undefined {
    if (!this.text.trim()) return undefined;
    return {
      text: this.text,
      offsets: [...this.offsets, this.last],
      context: this.context,
      bound: this.bound,
      section: this.section,
    };
  }
}

/** How far ahead a decoded character is looked for in its source (past an entity, an indent). */
const ALIGN_WINDOW = 256;

/**
 * Source offsets for each character of a decoded value (entities and escapes make the
 * value shorter than its source): each character is found in order in the source slice.
 * The search looks a bounded way ahead, so characters that are not in the source (a long
 * run of `&nbsp;`) cost a window each instead of the rest of the paragraph.
 */
export function alignText(value: string, source: string, from: number, to: number): number[] {
  const out: number[] = [];
  let at = from;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    const stop = Math.min(to, at + ALIGN_WINDOW);
    let k = at;
    while (k < stop && source[k] !== char) k++;
    if (k < stop) {
      out.push(k);
      at = k + 1;
    } else {
      out.push(Math.min(at, Math.max(from, to - 1)));
    }
  }
  return out;
}

/** Turns source offsets into 1-based lines and columns. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(
    readonly file: string,
    source: string,
  ) {
    for (let i = 0; i < source.length; i++) if (source[i] === "\n") this.starts.push(i + 1);
  }

  /** Line and column of an offset. */
  point(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  /** The position of a source span, for a diagnostic. */
  span(from: number, to: number): SourcePosition {
    const a = this.point(from);
    const b = this.point(Math.max(from, to));
    return {
      file: this.file,
      line: a.line,
      column: a.column,
      endLine: b.line,
      endColumn: b.column,
    };
  }
}

/** The source span of characters `start`–`end` of a run. */
export function runSpan(run: TextRun, start: number, end: number): [number, number] {
  const from = run.offsets[start] ?? run.offsets.at(-1)!;
  const lastChar = run.offsets[Math.max(start, end - 1)] ?? from;
  return [from, lastChar + 1];
}

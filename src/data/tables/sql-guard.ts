/** A query refused before or instead of running: what it tried, and what to write instead. */
export class SqlRefused extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = "SqlRefused";
    this.hint = hint;
  }
}

const ALLOWED_START = /^(?:select|with|from|values|table)\b/i;

/** The first word of a query once comments and opening parentheses are skipped. */
export function leadingWord(sql: string): string {
  const text = sql
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/--[^\n]*/g, " ")
    .replace(/^[\s(]+/, "");
  return /^[A-Za-z_]+/.exec(text)?.[0] ?? text.slice(0, 1);
}

/**
 * Refuses a text that is plainly not a query (`copy`, `attach`, `install`, `pragma`, `set`…)
 * before it reaches the engine. The engine's own lock is the real barrier; this gives the
 * author a clear message at the line instead of a permission error.
 */
export function refusal(sql: string): SqlRefused | undefined {
  const word = leadingWord(sql);
  if (ALLOWED_START.test(word)) return undefined;
  const lower = word.toLowerCase();
  const what = lower ? `"${lower}" statement` : "statement";
  return new SqlRefused(
    `a ${what} is not a query`,
    "write a query: select … from <table>, or with … select …; SQL in a dataset can only read its declared tables",
  );
}

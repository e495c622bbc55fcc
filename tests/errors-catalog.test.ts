import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CATALOG } from "../src/errors/index.ts";
import { ROOT } from "./helpers.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("the error catalogue", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const table = readme.slice(readme.indexOf("## Error codes"));

  it("is the README's table of error codes, code by code and title by title", () => {
    const listed = [...table.matchAll(/^\| `(FD_[A-Z0-9_]+)` \| (.+) \|$/gm)].map((m) => [
      m[1],
      m[2]!.replace(/\\\|/g, "|"),
    ]);
    const catalogued = Object.entries(ERROR_CATALOG).map(([code, e]) => [code, e.title]);
    expect(listed).toEqual(catalogued);
  });

  it("holds no code that src/ never reports", () => {
    const source = sourceFiles(path.join(ROOT, "src"))
      .filter((f) => !f.endsWith("catalog.ts"))
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    // FD_ENV_<errno> codes are built from the system error's name.
    const reported = (code: string) =>
      code.startsWith("FD_ENV_")
        ? source.includes(`${code.slice("FD_ENV_".length)}: {`)
        : source.includes(`"${code}"`);
    const unused = Object.keys(ERROR_CATALOG).filter((code) => !reported(code));
    expect(unused).toEqual([]);
  });
});

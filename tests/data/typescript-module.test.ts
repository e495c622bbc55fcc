import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  errorPositionIn,
  importTypeScriptModule,
  TypeScriptModuleError,
} from "../../src/data/typescript-module.ts";
import { ROOT } from "../helpers.ts";

describe("a project's TypeScript modules, imported without a loader hook", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "factdeck-tsmod-"));
    mkdirSync(path.join(work, "data"));
    symlinkSync(path.join(ROOT, "node_modules"), path.join(work, "node_modules"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("loads a module and the relative files it imports, and packages from the project", async () => {
    writeFileSync(path.join(work, "data", "units.ts"), 'export const unit: string = "percent";\n');
    writeFileSync(
      path.join(work, "data", "a.schema.ts"),
      'import { z } from "zod";\nimport { unit } from "./units.ts";\nexport default z.object({ unit: z.literal(unit) });\n',
    );
    const mod = await importTypeScriptModule(path.join(work, "data", "a.schema.ts"));
    const schema = mod.default as { safeParse(v: unknown): { success: boolean } };
    expect(schema.safeParse({ unit: "percent" }).success).toBe(true);
  });

  it("notices an edit to a file the module imports, though the module itself is unchanged", async () => {
    writeFileSync(path.join(work, "data", "units.ts"), 'export const unit: string = "count";\n');
    const mod = await importTypeScriptModule(path.join(work, "data", "a.schema.ts"));
    const schema = mod.default as { safeParse(v: unknown): { success: boolean } };
    expect(schema.safeParse({ unit: "count" }).success).toBe(true);
    expect(schema.safeParse({ unit: "percent" }).success).toBe(false);
  });

  it("reports a syntax error at its own file, line and column", async () => {
    const file = path.join(work, "data", "broken.schema.ts");
    writeFileSync(file, 'import { z } from "zod";\n\nexport default z.object({ a: z.number( });\n');
    const error = await importTypeScriptModule(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeScriptModuleError);
    expect((error as TypeScriptModuleError).at).toMatchObject({ file, line: 3 });
  });

  it("finds the line a module's function threw from, in its TypeScript source", async () => {
    const file = path.join(work, "data", "throws.ts");
    writeFileSync(
      file,
      'type Row = { a: number };\n\nexport default function (rows: Row[]) {\n  if (!rows.length) throw new Error("no rows");\n  return rows;\n}\n',
    );
    const mod = await importTypeScriptModule(file);
    let thrown: unknown;
    try {
      (mod.default as (rows: unknown[]) => unknown)([]);
    } catch (error) {
      thrown = error;
    }
    expect(errorPositionIn(thrown, file)).toMatchObject({ file, line: 4 });
  });
});

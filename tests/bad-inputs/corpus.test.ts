import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { buildSite } from "../../src/build/build.ts";
import { runCliIn } from "../cli-in-process.ts";
import { fixture, ROOT } from "../helpers.ts";

/** One corpus case, as documented in tests/bad-inputs/README.md. */
const caseSchema = z.strictObject({
  about: z.string(),
  command: z.enum(["build", "check"]).default("build"),
  args: z.array(z.string()).default([]),
  files: z.record(z.string(), z.string()).default({}),
  remove: z.array(z.string()).default([]),
  expect: z.strictObject({
    exit: z.number().int(),
    code: z.string().optional(),
    at: z.string().optional(),
    output: z.string().optional(),
    accepted: z.boolean().default(false),
  }),
});

const CASES_DIR = path.join(ROOT, "tests", "bad-inputs", "cases");
const cases = readdirSync(CASES_DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((file) => ({
    name: file.slice(0, -5),
    spec: caseSchema.parse(parse(readFileSync(path.join(CASES_DIR, file), "utf8"))),
  }));

const scratch = path.join(os.tmpdir(), `factdeck-corpus-${process.pid}`);
const base = path.join(scratch, "base");

/** Every file under a folder with its content hash: what "nothing changed" is checked against. */
function snapshot(dir: string, skip: (rel: string) => boolean = () => false): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const child = path.posix.join(rel, name);
      if (skip(child)) continue;
      const stat = lstatSync(path.join(dir, child));
      if (stat.isSymbolicLink()) continue;
      if (stat.isDirectory()) walk(child);
      else
        out.set(
          child,
          createHash("sha256")
            .update(readFileSync(path.join(dir, child)))
            .digest("hex"),
        );
    }
  };
  if (existsSync(dir)) walk("");
  return out;
}

describe("bad-input corpus", () => {
  beforeAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(base, { recursive: true });
    cpSync(fixture("projects", "mini"), base, { recursive: true });
    cpSync(path.join(ROOT, "themes"), path.join(base, "themes"), { recursive: true });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(base, "node_modules"));
    // A good previous build: what every refused case must leave exactly as it was.
    await buildSite({ root: base, quiet: true });
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("holds at least 60 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases)("$name", async ({ name, spec }) => {
    const project = path.join(scratch, "cases", name);
    cpSync(base, project, { recursive: true });
    for (const file of spec.remove) rmSync(path.join(project, file), { force: true });
    for (const [file, text] of Object.entries(spec.files)) {
      mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
      writeFileSync(path.join(project, file), text);
    }
    const distBefore = snapshot(path.join(project, "dist"));
    const projectBefore = snapshot(project, (rel) => rel === "dist" || rel === "node_modules");

    const { exit, output } = await runCliIn(project, [spec.command, ...spec.args]);

    expect(exit, output).toBe(spec.expect.exit);
    if (spec.expect.code) expect(output).toContain(spec.expect.code);
    if (spec.expect.at) expect(output).toContain(spec.expect.at);
    if (spec.expect.output) expect(output).toContain(spec.expect.output);
    expect(output, "a user never sees a stack trace").not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    // No project file may be deleted or changed by any command, whatever it was asked.
    const projectAfter = snapshot(project, (rel) => rel === "dist" || rel === "node_modules");
    for (const [file, hash] of projectBefore) expect(projectAfter.get(file), file).toBe(hash);
    const created = [...projectAfter.keys()].filter((f) => !projectBefore.has(f));
    expect(created, "no command writes outside its output folder").toEqual([]);
    if (spec.expect.accepted) {
      expect(exit).toBe(0);
    } else {
      expect(exit).not.toBe(0);
      expect(Object.fromEntries(snapshot(path.join(project, "dist")))).toEqual(
        Object.fromEntries(distBefore),
      );
    }
    rmSync(project, { recursive: true, force: true });
  });
});

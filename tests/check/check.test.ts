import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { checkProject, createCheckReport } from "../../src/project/index.ts";
import { fixture, printed, ROOT } from "../helpers.ts";

const run = promisify(execFile);
const BIN = path.join(ROOT, "bin", "factdeck.js");

/** Runs `factdeck check` in a project folder, as a presenter would. */
async function factdeckCheck(cwd: string, ...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, [BIN, "check", ...args], { cwd });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout + e.stderr };
  }
}

const copies: string[] = [];

// Inside the repository, so the CLI finds the project's TypeScript settings as it does for users.
const SCRATCH = path.join(ROOT, "node_modules", ".factdeck-check-test");

/** A scratch copy of the clean control project, which checks clean before any edit. */
function copyOfCleanProject(): string {
  mkdirSync(SCRATCH, { recursive: true });
  const dir = mkdtempSync(path.join(SCRATCH, "project-"));
  cpSync(fixture("check", "clean"), dir, { recursive: true });
  copies.push(dir);
  return dir;
}

/** Replaces text in a file of a project and returns the 1-based line of the replacement. */
function edit(root: string, file: string, from: string, to: string): number {
  const full = path.join(root, file);
  const text = readFileSync(full, "utf8");
  const index = text.indexOf(from);
  if (index < 0) throw new Error(`"${from}" not in ${file}`);
  writeFileSync(full, text.slice(0, index) + to + text.slice(index + from.length));
  return text.slice(0, index).split("\n").length;
}

/** The 1-based line of the first line of a file that contains `text`. */
function lineOf(root: string, file: string, text: string): number {
  const lines = readFileSync(path.join(root, file), "utf8").split("\n");
  const index = lines.findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`"${text}" not in ${file}`);
  return index + 1;
}

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("factdeck check", () => {
  it("passes the clean project, then fails when 27.6% is typed into the prose, pointing at it", async () => {
    const root = copyOfCleanProject();
    expect((await factdeckCheck(root)).code).toBe(0);

    const line = edit(
      root,
      "slides/demo/recidivism.mdx",
      '<Value of="recidivism.rearrested"/> were rearrested.',
      "27.6% were rearrested.",
    );
    const { code, stdout } = await factdeckCheck(root);
    expect(code).toBe(1);
    const column = readFileSync(path.join(root, "slides/demo/recidivism.mdx"), "utf8")
      .split("\n")
      [line - 1]!.indexOf("27.6%");
    expect(stdout).toContain(`slides/demo/recidivism.mdx:${line}:${column + 1}`);
    expect(stdout).toContain("FD_CHECK_TYPED_FIGURE");
    expect(stdout).toContain('write <Value of="recidivism.rearrested"/> instead');
    expect(stdout).toMatch(/Check failed: 1 error/);
  });

  it("fails when 27.6% is typed into the speaker notes, naming the notes", async () => {
    const root = copyOfCleanProject();
    const line = edit(
      root,
      "slides/demo/recidivism.mdx",
      "Stress that a rearrest is not a conviction.",
      "Stress that 27.6% is rearrests, not convictions.",
    );
    const { code, stdout } = await factdeckCheck(root);
    expect(code).toBe(1);
    expect(stdout).toContain(`slides/demo/recidivism.mdx:${line}:13`);
    expect(stdout).toContain('"27.6%" in the speaker notes is typed by hand');
    expect(stdout).toContain('<Value of="recidivism.rearrested"/>');
  });

  it("fails when the count 47 becomes 48 while the rate stays 4.3%, naming both lines", async () => {
    const root = copyOfCleanProject();
    const countLine = edit(root, "data/mini.yaml", "value: 47", "value: 48");
    const rateLine = lineOf(root, "data/mini.yaml", "value: 4.3");
    const cohortLine = lineOf(root, "data/mini.yaml", "value: 1093");

    const diagnostics = await checkProject({ root });
    const rate = diagnostics.find((d) => d.code === "FD_RELATION_RATE");
    expect(rate?.severity).toBe("error");
    expect(rate?.at?.line).toBe(rateLine);
    expect(rate?.related?.map((p) => p.line)).toEqual([countLine, cohortLine]);

    const { code, stdout } = await factdeckCheck(root);
    expect(code).toBe(1);
    expect(stdout).toContain(`data/mini.yaml:${rateLine}:`);
    expect(stdout).toContain(`data/mini.yaml:${countLine}:`);
    expect(stdout).toContain("counts out of 1093 that round to 4.3%: 47");
  });

  it("prints JSON with a stable shape for other tools", async () => {
    const { code, stdout } = await factdeckCheck(
      fixture("check", "typed-count"),
      "--format",
      "json",
    );
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      ok: boolean;
      summary: { errors: number; warnings: number };
      findings: Array<Record<string, unknown>>;
    };
    expect(report.ok).toBe(false);
    expect(report.summary).toMatchObject({ errors: 2, warnings: 0 });
    expect(report.findings[0]).toEqual({
      code: "FD_CHECK_TYPED_FIGURE",
      severity: "error",
      message: expect.stringContaining('"1,093"'),
      file: "slides/demo/recidivism.mdx",
      line: 3,
      column: 4,
      endLine: 3,
      endColumn: 9,
      detail: expect.stringContaining("recidivism.cohort"),
      hint: expect.stringContaining('<Value of="recidivism.cohort"/>'),
      related: [],
    });
  });

  it("lists every <Literal> as an info finding in JSON", async () => {
    const { stdout } = await factdeckCheck(fixture("check", "literal"), "--format", "json");
    const report = JSON.parse(stdout) as { findings: Array<{ code: string; severity: string }> };
    const literals = report.findings.filter((f) => f.code === "FD_CHECK_LITERAL");
    expect(literals).toHaveLength(3);
    expect(new Set(literals.map((f) => f.severity))).toEqual(new Set(["info"]));
  });

  it("allows warnings, unless --strict", async () => {
    const dir = fixture("check", "unknown-numbers");
    const plain = await factdeckCheck(dir);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/Check passed: 0 errors, 3 warnings/);
    const strict = await factdeckCheck(dir, "--strict");
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/Check failed \(--strict: warnings count\)/);
  });

  it("reports an audience a deck does not have, as rendering does", async () => {
    const { code, stdout } = await factdeckCheck(fixture("check", "clean"), "--audience", "jurors");
    expect(code).toBe(1);
    expect(stdout).toContain("FD_AUDIENCE_UNKNOWN");
  });

  it("checks the shipped flagship decks clean: no errors", async () => {
    const report = await createCheckReport({ root: ROOT });
    const errors = report.diagnostics.filter((d) => d.severity === "error");
    expect(printed(errors)).toBe("");
    expect(report.checked.map((c) => c.deck)).toContain("ussc-nonproduction");
    expect(report.notChecked).toEqual([]);
  });
});

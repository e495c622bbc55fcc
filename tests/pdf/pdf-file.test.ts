import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type FactdeckError, isFactdeckError } from "../../src/errors/index.ts";
import { removeStaleTemporaries, writeFileAtomic } from "../../src/export/pdf-file.ts";

// Only writeFileSync is replaced, and only when a test asks: a disk that fills up mid-write
// cannot be had on demand.
vi.mock("node:fs", async (original) => {
  const real = await original<typeof import("node:fs")>();
  return { ...real, writeFileSync: vi.fn(real.writeFileSync) };
});

const { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync, readFileSync } = fs;

function thrown(work: () => void): FactdeckError {
  try {
    work();
  } catch (error) {
    if (isFactdeckError(error)) return error;
    throw error;
  }
  throw new Error("expected a FactdeckError");
}

/** A process id that was just used and is no longer running. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ["-e", ""]).pid;
  expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  return pid;
}

describe("writing a PDF", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "factdeck-pdf-file-"));
  });
  afterEach(() => {
    vi.mocked(fs.writeFileSync).mockReset();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes the file whole and leaves nothing else", () => {
    writeFileAtomic(path.join(dir, "slides.pdf"), Buffer.from("%PDF-1.7"));
    expect(readFileSync(path.join(dir, "slides.pdf"), "utf8")).toBe("%PDF-1.7");
    expect(readdirSync(dir)).toEqual(["slides.pdf"]);
  });

  it("names the file and the cause when the disk fills up, and leaves no temporary file", () => {
    const file = path.join(dir, "slides.pdf");
    writeFileSync(file, "the previous export");
    vi.mocked(fs.writeFileSync).mockImplementationOnce((target) => {
      // Half the bytes reach the disk, then it is full.
      fs.appendFileSync(target as string, "%PDF-1.7 half");
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), {
        code: "ENOSPC",
      });
    });
    const error = thrown(() => writeFileAtomic(file, Buffer.from("%PDF-1.7 whole")));
    expect(error.diagnostics).toHaveLength(1);
    const [d] = error.diagnostics;
    expect(d?.code).toBe("FD_PDF_WRITE");
    expect(d?.severity).toBe("error");
    expect(d?.message).toContain("slides.pdf");
    expect(d?.message).toContain("the disk is full");
    expect(d?.hint).toContain("free some space");
    expect(readdirSync(dir)).toEqual(["slides.pdf"]);
    expect(readFileSync(file, "utf8")).toBe("the previous export");
  });

  it("names the file when it may not write there", () => {
    vi.mocked(fs.writeFileSync).mockImplementationOnce(() => {
      throw Object.assign(new Error("EACCES: permission denied, open"), { code: "EACCES" });
    });
    const file = path.join(dir, "handout.pdf");
    const [d] = thrown(() => writeFileAtomic(file, Buffer.from("%PDF"))).diagnostics;
    expect(d?.code).toBe("FD_PDF_WRITE");
    expect(d?.message).toContain("handout.pdf");
    expect(d?.message).toContain("may not write there");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("says a folder is in the way, and leaves no temporary file", () => {
    const file = path.join(dir, "slides.pdf");
    mkdirSync(path.join(file, "inside"), { recursive: true });
    const [d] = thrown(() => writeFileAtomic(file, Buffer.from("%PDF"))).diagnostics;
    expect(d?.code).toBe("FD_PDF_WRITE");
    expect(d?.message).toContain("a folder of that name is in the way");
    expect(readdirSync(dir)).toEqual(["slides.pdf"]);
  });
});

describe("temporary PDFs of exports that were killed", () => {
  let dist: string;
  beforeEach(() => {
    dist = mkdtempSync(path.join(os.tmpdir(), "factdeck-pdf-tmp-"));
    mkdirSync(path.join(dist, "mini", "everyone"), { recursive: true });
  });
  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  it("are removed when their process is gone; a running export's are kept", () => {
    const page = path.join(dist, "mini", "everyone");
    const dead = deadPid();
    const stale = [
      path.join(page, `slides.pdf.tmp-${dead}`),
      path.join(page, `handout.pdf.tmp-${dead}`),
    ];
    // This process is running, and so is pid 1.
    const live = [
      path.join(page, `slides.pdf.tmp-${process.pid}`),
      path.join(page, "handout.pdf.tmp-1"),
    ];
    const others = [path.join(page, "index.html"), path.join(page, "notes.tmp-123")];
    for (const file of [...stale, ...live, ...others]) writeFileSync(file, "x");

    expect(removeStaleTemporaries(dist).sort()).toEqual([...stale].sort());
    for (const file of stale) expect(existsSync(file), file).toBe(false);
    for (const file of [...live, ...others]) expect(existsSync(file), file).toBe(true);
  });

  it("are looked for without failing where there is no built site", () => {
    expect(removeStaleTemporaries(path.join(dist, "nothing-here"))).toEqual([]);
  });
});

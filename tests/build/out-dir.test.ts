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
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build/build.ts";
import { cleanLitter } from "../../src/build/litter.ts";
import { MARKER, readManifest } from "../../src/build/out-dir.ts";
import { type SwapFs, swapIn } from "../../src/build/swap.ts";
import { isFactdeckError } from "../../src/errors/index.ts";
import { runCliIn } from "../cli-in-process.ts";
import { fixture, ROOT } from "../helpers.ts";

const scratch = path.join(os.tmpdir(), `factdeck-out-dir-${process.pid}`);

/** A project with two decks (`mini` and `second`) in a folder of its own under `parent`. */
function createProject(parent: string): string {
  const root = path.join(scratch, parent, "project");
  mkdirSync(root, { recursive: true });
  cpSync(fixture("projects", "mini"), root, { recursive: true });
  cpSync(path.join(ROOT, "themes"), path.join(root, "themes"), { recursive: true });
  symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"));
  cpSync(path.join(root, "slides/mini"), path.join(root, "slides/second"), { recursive: true });
  const deck = path.join(root, "slides/second/deck.yaml");
  writeFileSync(deck, readFileSync(deck, "utf8").replace(/^title: .*$/m, "title: Second deck"));
  mkdirSync(path.join(root, ".git"));
  writeFileSync(path.join(root, ".git/HEAD"), "ref: refs/heads/main\n");
  return root;
}

/** Every file under a folder (symlinks not followed) with its content hash. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const child = path.posix.join(rel, name);
      const stat = lstatSync(path.join(dir, child));
      if (stat.isSymbolicLink()) out[child] = "symlink";
      else if (stat.isDirectory()) walk(child);
      else out[child] = hash(path.join(dir, child));
    }
  };
  walk("");
  return out;
}

function hash(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

beforeAll(() => rmSync(scratch, { recursive: true, force: true }));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("build --out refuses a folder it did not create", () => {
  let root: string;
  let parent: string;
  let home: string;
  const savedHome = process.env.HOME;
  beforeAll(() => {
    root = createProject("refuse");
    parent = path.dirname(root);
    writeFileSync(path.join(parent, "beside-the-project.txt"), "the user's file");
    mkdirSync(path.join(root, "notes"));
    writeFileSync(path.join(root, "notes/keep.txt"), "my notes");
    symlinkSync(root, path.join(parent, "link-to-project"));
    home = path.join(scratch, "home");
    mkdirSync(home, { recursive: true });
    writeFileSync(path.join(home, ".bashrc"), "export PATH");
  });
  afterEach(() => {
    process.env.HOME = savedHome;
  });

  it.each([
    [".", "FD_OUT_UNSAFE", "the project folder itself"],
    ["..", "FD_OUT_UNSAFE", "contains the project"],
    ["data", "FD_OUT_UNSAFE", "the project's data/ folder"],
    ["slides", "FD_OUT_UNSAFE", "the project's slides/ folder"],
    [".git", "FD_OUT_UNSAFE", "the project's .git/ folder"],
    ["../link-to-project", "FD_OUT_UNSAFE", "the project folder itself"],
    ["notes", "FD_OUT_NOT_OURS", "notes/ holds files that factdeck did not write"],
    ["~", "FD_OUT_UNSAFE", "your home folder"],
    ["HOME", "FD_OUT_UNSAFE", "your home folder"],
  ])("--out %s: exit 1, %s, every file still there", async (out, code, message) => {
    process.env.HOME = home;
    const before = { parent: snapshot(parent), home: snapshot(home) };
    const { exit, output } = await runCliIn(root, ["build", "--out", out === "HOME" ? home : out]);
    expect(exit, output).toBe(1);
    expect(output).toContain(code);
    expect(output).toContain(message);
    expect(output).toContain("nothing was deleted");
    expect(snapshot(parent)).toEqual(before.parent);
    expect(snapshot(home)).toEqual(before.home);
  });
});

describe("build --out replaces a folder factdeck made", () => {
  let root: string;
  beforeAll(() => {
    root = createProject("replace");
  });

  it("writes the manifest: decks, and a sha256 of every file the build read", async () => {
    await buildSite({ root, outDir: "site", quiet: true });
    const manifest = readManifest(path.join(root, "site"))!;
    expect(manifest.decks).toEqual(["mini", "second"]);
    expect(Number.isNaN(Date.parse(manifest.builtAt))).toBe(false);
    expect(Object.keys(manifest.inputs).sort()).toEqual(
      [
        "data/mini.yaml",
        "data/sources.yaml",
        ...["closing", "facts", "intro"].flatMap((s) => [
          `slides/mini/${s}.mdx`,
          `slides/second/${s}.mdx`,
        ]),
        "slides/mini/deck.yaml",
        "slides/second/deck.yaml",
        ...readdirSync(path.join(root, "themes"))
          .filter((f) => f.endsWith(".css"))
          .map((f) => `themes/${f}`),
      ].sort(),
    );
    expect(manifest.inputs["data/mini.yaml"]).toBe(hash(path.join(root, "data/mini.yaml")));
  });

  it("replaces a marked folder whole", async () => {
    writeFileSync(path.join(root, "site/stray.txt"), "left from before");
    await buildSite({ root, outDir: "site", quiet: true });
    expect(existsSync(path.join(root, "site/stray.txt"))).toBe(false);
    expect(existsSync(path.join(root, "site/mini/everyone/index.html"))).toBe(true);
  });

  it("replaces a build from before the marker, and an empty folder", async () => {
    rmSync(path.join(root, "site", MARKER));
    await buildSite({ root, outDir: "site", quiet: true });
    expect(readManifest(path.join(root, "site"))?.decks).toEqual(["mini", "second"]);
    mkdirSync(path.join(root, "empty"));
    await buildSite({ root, outDir: "empty", quiet: true });
    expect(existsSync(path.join(root, "empty/index.html"))).toBe(true);
  });

  it("does not take an unmarked build that also holds a file of the user's own", async () => {
    rmSync(path.join(root, "site", MARKER));
    writeFileSync(path.join(root, "site/budget.xlsx"), "not factdeck's");
    const error = await buildSite({ root, outDir: "site", quiet: true }).catch((e) => e);
    expect(isFactdeckError(error) && error.diagnostics[0]?.code).toBe("FD_OUT_NOT_OURS");
    expect(readFileSync(path.join(root, "site/budget.xlsx"), "utf8")).toBe("not factdeck's");
  });
});

describe("litter of killed builds", () => {
  let root: string;
  beforeAll(async () => {
    root = createProject("litter");
    await buildSite({ root, quiet: true });
  });

  it("removes a dead process's staging folder, keeps a same-named folder it did not write", async () => {
    const stale = path.join(root, "dist.tmp-99999999");
    mkdirSync(path.join(stale, "assets"), { recursive: true });
    writeFileSync(path.join(stale, MARKER), JSON.stringify({ factdeck: 1 }));
    const users = path.join(root, "dist.old-99999998");
    mkdirSync(users);
    writeFileSync(path.join(users, "letter.txt"), "mine");
    await buildSite({ root, quiet: true });
    expect(existsSync(stale)).toBe(false);
    expect(readFileSync(path.join(users, "letter.txt"), "utf8")).toBe("mine");
  });

  it("puts back a previous output that a build killed mid-swap had moved aside", () => {
    const aside = path.join(root, "dist.old-99999997");
    cpSync(path.join(root, "dist"), aside, { recursive: true });
    rmSync(path.join(root, "dist"), { recursive: true });
    const report = cleanLitter(path.join(root, "dist"));
    expect(report.restored).toBe(aside);
    expect(readManifest(path.join(root, "dist"))?.decks).toEqual(["mini", "second"]);
    expect(existsSync(aside)).toBe(false);
  });
});

describe("a partial build keeps the rest", () => {
  let root: string;
  const page = (deck: string, audience: string) =>
    readFileSync(path.join(root, "dist", deck, audience, "index.html"), "utf8");
  beforeAll(async () => {
    root = createProject("partial");
    await buildSite({ root, quiet: true });
    writeFileSync(path.join(root, "dist/mini/everyone/slides.pdf"), "%PDF- exported earlier");
  });

  it("build <deck> rebuilds that deck and keeps the other one, listed on the index", async () => {
    const mini = snapshot(path.join(root, "dist/mini"));
    const deck = path.join(root, "slides/second/deck.yaml");
    writeFileSync(
      deck,
      readFileSync(deck, "utf8").replace("title: Second deck", "title: Retitled"),
    );
    await buildSite({ root, deck: "second", quiet: true });
    expect(snapshot(path.join(root, "dist/mini"))).toEqual(mini);
    expect(page("second", "everyone")).toContain("<title>Retitled");
    const index = readFileSync(path.join(root, "dist/index.html"), "utf8");
    for (const href of ["mini/everyone", "mini/experts", "second/everyone", "second/experts"])
      expect(index).toContain(`href="./${href}/"`);
    expect(index).toContain("Retitled");
    const manifest = readManifest(path.join(root, "dist"))!;
    expect(manifest.decks).toEqual(["mini", "second"]);
    expect(manifest.inputs["slides/mini/deck.yaml"]).toBeDefined();
    expect(manifest.inputs["slides/second/deck.yaml"]).toBe(hash(deck));
    // Each kept page still finds the script and styles it was built with.
    for (const [, asset] of page("mini", "experts").matchAll(/"\.\.\/\.\.\/(assets\/[^"]+)"/g))
      expect(existsSync(path.join(root, "dist", asset!)), asset).toBe(true);
  });

  it("build <deck> --audience keeps the deck's other audiences", async () => {
    const everyone = page("mini", "everyone");
    await buildSite({ root, deck: "mini", audience: "experts", quiet: true });
    expect(page("mini", "everyone")).toBe(everyone);
    expect(existsSync(path.join(root, "dist/mini/everyone/slides.pdf"))).toBe(true);
    const index = readFileSync(path.join(root, "dist/index.html"), "utf8");
    expect(index.indexOf('href="./mini/everyone/"')).toBeGreaterThan(0);
    expect(index.indexOf('href="./mini/everyone/"')).toBeLessThan(
      index.indexOf('href="./mini/experts/"'),
    );
  });

  it("a full build drops pages of decks that no longer exist", async () => {
    rmSync(path.join(root, "slides/second"), { recursive: true });
    await buildSite({ root, quiet: true });
    expect(existsSync(path.join(root, "dist/second"))).toBe(false);
    expect(readManifest(path.join(root, "dist"))?.decks).toEqual(["mini"]);
  });
});

describe("swapping the new build in when the machine refuses", () => {
  let dir: string;
  beforeAll(() => {
    dir = path.join(scratch, "swap");
    mkdirSync(dir, { recursive: true });
  });
  const refusal = (code: string) =>
    Object.assign(new Error(`${code}: refused`), { code, syscall: "rename", path: dir });
  /** File operations where the renames `step` names fail the way a hostile machine does. */
  function failing(step: (from: string) => string | undefined): SwapFs {
    return {
      exists: () => true,
      rename: (from) => {
        const code = step(from);
        if (code) throw refusal(code);
      },
      remove: () => {},
    };
  }
  const diagnostic = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (isFactdeckError(error)) return error.diagnostics[0]!;
      throw error;
    }
    throw new Error("the swap was expected to fail");
  };

  it("says the output was not changed when moving it aside fails", () => {
    const fs = failing((from) => (from.endsWith("dist") ? "EBUSY" : undefined));
    const d = diagnostic(() => swapIn(`${dir}/dist.tmp-1`, `${dir}/dist`, dir, fs));
    expect(d.code).toBe("FD_ENV_EBUSY");
    expect(d.detail).toMatch(/^dist\/ was not changed/);
  });

  it("puts the previous output back when the new one cannot take its place, and says so", () => {
    const fs = failing((from) => (from.includes(".tmp-") ? "EACCES" : undefined));
    const d = diagnostic(() => swapIn(`${dir}/dist.tmp-1`, `${dir}/dist`, dir, fs));
    expect(d.code).toBe("FD_ENV_EACCES");
    expect(d.detail).toMatch(/^dist\/ holds the previous output again, unchanged/);
  });

  it("says where both builds are when the previous output cannot be put back", () => {
    const fs = failing((from) =>
      from.includes(".tmp-") ? "EROFS" : from.includes(".old-") ? "EROFS" : undefined,
    );
    const d = diagnostic(() => swapIn(`${dir}/dist.tmp-1`, `${dir}/dist`, dir, fs));
    expect(d.code).toBe("FD_ENV_EROFS");
    expect(d.detail).toContain(`dist/ is missing now: the previous output is in dist.old-`);
    expect(d.detail).not.toContain("not changed");
  });

  it("warns, and succeeds, when only removing the previous output fails", () => {
    const fs: SwapFs = {
      exists: () => true,
      rename: () => {},
      remove: () => {
        throw refusal("ENOSPC");
      },
    };
    expect(swapIn(`${dir}/dist.tmp-1`, `${dir}/dist`, dir, fs)).toMatchObject({
      code: "FD_OUT_OLD_LEFT",
      severity: "warning",
    });
  });
});

describe("errors the machine causes", () => {
  // Nobody may create folders in Linux's /sys, not even root.
  it.runIf(process.platform === "linux")(
    "are a diagnostic with exit 1, not a bug with exit 70",
    async () => {
      const root = createProject("env");
      const { exit, output } = await runCliIn(root, ["build", "--out", "/sys/factdeck-out"]);
      expect(exit, output).toBe(1);
      expect(output).toMatch(/FD_ENV_E[A-Z]+ {2}The system refused/);
      expect(output).toContain("/sys/factdeck-out/ was not changed");
      expect(output).not.toContain("bug in factdeck");
    },
  );
});

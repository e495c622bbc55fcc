import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliRun, runCli } from "./built-page.ts";

// `factdeck pdf` when it cannot print: none of these needs a browser.
describe("factdeck pdf, before it prints", () => {
  let work: string;
  let dist: string;
  let build: CliRun;
  const noBrowser = { CHROME_PATH: "/nonexistent" };

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "factdeck-pdf-cli-"));
    dist = path.join(work, "dist");
    // Only the judges' page: the other audiences are then missing from the built site.
    build = await runCli(
      ["build", "ussc-nonproduction", "--audience", "judges", "--out", dist],
      noBrowser,
    );
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("builds without a browser", () => {
    expect(build.stderr).toBe("");
    expect(build.code).toBe(0);
    expect(existsSync(path.join(dist, "ussc-nonproduction", "judges", "index.html"))).toBe(true);
  });

  it("says how to get a browser when there is none, and fails", async () => {
    const run = await runCli(
      ["pdf", "ussc-nonproduction", "--audience", "judges", "--out", dist],
      noBrowser,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("FD_BROWSER_MISSING");
    expect(run.stderr).toContain('CHROME_PATH is set to "/nonexistent"');
    expect(run.stderr).toContain("sudo apt-get install chromium");
    expect(run.stderr).toContain("building the decks does not need a browser");
    expect(existsSync(path.join(dist, "ussc-nonproduction", "judges", "slides.pdf"))).toBe(false);
  });

  it.each([
    ["/bin/true", "it exited with status 0 before it started"],
    ["/etc/hostname", 'CHROME_PATH is set to "/etc/hostname"'],
  ])(
    "says CHROME_PATH=%s is not a browser, and fails as a user error, not a crash",
    async (chrome, says) => {
      const run = await runCli(
        ["pdf", "ussc-nonproduction", "--audience", "judges", "--out", dist],
        { CHROME_PATH: chrome },
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/FD_PDF_BROWSER|FD_BROWSER_MISSING/);
      expect(run.stderr).toContain(`"${chrome}"`);
      expect(run.stderr).toContain(says);
      expect(run.stderr).toContain("sudo apt-get install chromium");
      expect(run.stderr).not.toContain("bug in factdeck");
    },
  );

  it("says CHROME_PATH names a folder, not a browser", async () => {
    const run = await runCli(["pdf", "ussc-nonproduction", "--audience", "judges", "--out", dist], {
      CHROME_PATH: work,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("FD_BROWSER_MISSING");
    expect(run.stderr).toContain("it is a folder, not a program");
  });

  it("asks for a build when the built site lacks a deck page", async () => {
    // Only the judges page was built: the flagship's other audiences are missing.
    const run = await runCli(["pdf", "ussc-nonproduction", "--out", dist]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("FD_PDF_NOT_BUILT");
    expect(run.stderr).toContain("lacks 2 deck pages to export");
    expect(run.stderr).toMatch(/missing: .*ussc-nonproduction\/probation\/index\.html/);
    expect(run.stderr).toMatch(/hint: run `npx factdeck build --out .*` first/);
  });

  it("asks for a build when there is no built site at all", async () => {
    const run = await runCli(["pdf", "--out", path.join(work, "nothing-here")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("There is no built site in");
  });

  it("refuses a build from an earlier factdeck (no manifest) older than its slides", async () => {
    rmSync(path.join(dist, ".factdeck-build.json"), { force: true });
    const page = path.join(dist, "ussc-nonproduction", "judges", "index.html");
    const long = new Date("2001-01-01T00:00:00Z");
    utimesSync(page, long, long);
    const run = await runCli(["pdf", "ussc-nonproduction", "--audience", "judges", "--out", dist]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("FD_PDF_STALE");
    expect(run.stderr).toMatch(
      /ussc-nonproduction\/judges\/index\.html is older than (slides|data)\//,
    );
  });

  it("refuses a build whose data changed since, by content, and names the file", async () => {
    // What a build records, except that the data it read is not the data there is now.
    const manifest = {
      factdeck: 1,
      builtAt: new Date().toISOString(),
      decks: ["ussc-nonproduction"],
      inputs: { "data/ussc-fy2019.yaml": "0".repeat(64) },
    };
    writeFileSync(path.join(dist, ".factdeck-build.json"), JSON.stringify(manifest));
    const run = await runCli(["pdf", "ussc-nonproduction", "--audience", "judges", "--out", dist]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("FD_PDF_STALE");
    expect(run.stderr).toContain("data/ussc-fy2019.yaml changed since the build");
    expect(run.stderr).toMatch(/hint: run `npx factdeck build --out .*` first/);
  });

  it("suggests the nearest deck for a misspelled one", async () => {
    const run = await runCli(["pdf", "ussc-nonproduktion", "--out", dist]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('There is no deck "ussc-nonproduktion"');
    expect(run.stderr).toContain('did you mean "ussc-nonproduction"?');
  });
});

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser } from "../../src/export/chromium.ts";
import { type DevProject, describeWithBrowser, startDevProject } from "../browser-helpers.ts";

describeWithBrowser("dev server", () => {
  let dev: DevProject;
  let project: string;
  let slide: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dev = await startDevProject("dev");
    project = dev.root;
    slide = path.join(project, "slides", "mini", "facts.mdx");
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  });

  afterAll(async () => {
    await browser?.close();
    await dev?.close();
  });

  const url = () => dev.url;

  it("lists every deck and audience on the index page", async () => {
    await page.goto(url());
    const links = await page
      .locator("a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toContain("./mini/everyone/");
    expect(links).toContain("./mini/experts/");
  });

  it("updates the open deck in place and keeps the current slide when a slide changes", async () => {
    await page.goto(`${url()}mini/everyone/`);
    await page.waitForFunction(() => document.documentElement.dataset.fdReady === "true");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/facts");
    // A marker on window survives an in-place update but not a reload.
    await page.evaluate(() => Object.assign(window, { fdMarker: true }));
    writeFileSync(slide, readFileSync(slide, "utf8").replace("## Facts", "## Facts, edited"));
    await expect
      .poll(() => page.locator("section.present h2").textContent(), { timeout: 15_000 })
      .toBe("Facts, edited");
    expect(await page.evaluate(() => location.hash)).toBe("#/facts");
    expect(await page.evaluate(() => (window as { fdMarker?: boolean }).fdMarker)).toBe(true);
  });

  it("updates figures in place when the data changes", async () => {
    const data = path.join(project, "data", "mini.yaml");
    const good = readFileSync(data, "utf8");
    writeFileSync(data, good.replace("value: 27.6", "value: 31.2"));
    const value = page.locator('section.present .fd-value[data-figure="mini.rearrested"]');
    await expect.poll(() => value.textContent(), { timeout: 15_000 }).toBe("31.2%");
    expect(await page.evaluate(() => (window as { fdMarker?: boolean }).fdMarker)).toBe(true);
    writeFileSync(data, good);
    await expect.poll(() => value.textContent(), { timeout: 15_000 }).toBe("27.6%");
  });

  it("restyles the open deck in place when a theme changes", async () => {
    const theme = path.join(project, "themes", "federal.css");
    const good = readFileSync(theme, "utf8");
    writeFileSync(theme, `${good}\n:root { --fd-bg: #fffbe6; }\n`);
    const background = () =>
      page.evaluate(() => getComputedStyle(document.querySelector(".reveal")!).backgroundColor);
    await expect.poll(background, { timeout: 15_000 }).toBe("rgb(255, 251, 230)");
    expect(await page.evaluate(() => location.hash)).toBe("#/facts");
    expect(await page.evaluate(() => (window as { fdMarker?: boolean }).fdMarker)).toBe(true);
    writeFileSync(theme, good);
    await expect.poll(background, { timeout: 15_000 }).not.toBe("rgb(255, 251, 230)");
  });

  it("shows a slide error in the overlay with the CLI's text, and clears it when fixed", async () => {
    const good = readFileSync(slide, "utf8");
    writeFileSync(slide, good.replace('of="mini.rate"', 'of="mini.rat"'));
    const overlay = page.locator("vite-error-overlay");
    await expect.poll(() => overlay.count(), { timeout: 15_000 }).toBe(1);
    const text = await overlay.evaluate((el) => el.shadowRoot?.textContent ?? "");
    expect(text).toContain("FD_MDX_UNKNOWN_KEY");
    expect(text).toMatch(/slides\/mini\/facts\.mdx:\d+:\d+/);
    expect(text).toContain('did you mean "mini.rate"?');
    writeFileSync(slide, good);
    await expect.poll(() => overlay.count(), { timeout: 15_000 }).toBe(0);
  });
});

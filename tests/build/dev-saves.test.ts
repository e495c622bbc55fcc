import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser } from "../../src/export/chromium.ts";
import { type DevProject, describeWithBrowser, startDevProject } from "../browser-helpers.ts";

// Saves the way editors do them: in bursts, and truncate-then-write. Whatever the order in
// which the watcher reports them, the open page and a fresh load end on the file as saved.
describeWithBrowser("dev server after rapid and partial saves", () => {
  let dev: DevProject;
  let browser: Browser;
  let page: Page;
  let data: string;
  let good: string;
  const withValue = (value: string) => good.replace("value: 27.6", `value: ${value}`);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const poll = { timeout: 30_000, interval: 200 };

  const shown = (p: Page) =>
    p.locator('section.present .fd-value[data-figure="mini.rearrested"]').textContent();
  const overlays = (p: Page) => p.locator("vite-error-overlay").count();
  // Every overlay the page has shown since it was opened, however briefly.
  const overlaysShown = () => page.evaluate(() => (window as { fdOverlays?: number }).fdOverlays);

  async function openFacts(): Promise<Page> {
    const p = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await p.goto(`${dev.url}mini/everyone/#/facts`);
    await p.waitForFunction(() => document.documentElement.dataset.fdReady === "true");
    return p;
  }

  beforeAll(async () => {
    dev = await startDevProject("dev-saves");
    data = path.join(dev.root, "data", "mini.yaml");
    good = readFileSync(data, "utf8");
    browser = await launchBrowser();
    page = await openFacts();
    expect(await shown(page)).toBe("27.6%");
    await page.evaluate(() => {
      // A marker on window survives an in-place update but not a reload.
      Object.assign(window, { fdMarker: true, fdOverlays: 0 });
      new MutationObserver((records) => {
        for (const record of records)
          for (const node of record.addedNodes)
            if (node.nodeName === "VITE-ERROR-OVERLAY")
              Object.assign(window, {
                fdOverlays: (window as { fdOverlays?: number }).fdOverlays! + 1,
              });
      }).observe(document.documentElement, { childList: true, subtree: true });
    });
  });

  afterAll(async () => {
    await browser?.close();
    await dev?.close();
  });

  it("ends on the last of twenty quick saves, in the open page and in a fresh load", async () => {
    const half = good.slice(0, Math.floor(good.length / 2));
    const intermediate = (i: number) =>
      ["", withValue(`${10 + i}.5`), half, withValue('"oops"')][i % 4]!;
    for (let i = 0; i < 19; i++) {
      writeFileSync(data, intermediate(i));
      await sleep(30);
    }
    writeFileSync(data, withValue("42.9"));

    await expect.poll(() => shown(page), poll).toBe("42.9%");
    await expect.poll(() => overlays(page), poll).toBe(0);
    const fresh = await openFacts();
    expect(await shown(fresh)).toBe("42.9%");
    expect(await overlays(fresh)).toBe(0);
    await fresh.close();
    // The fresh load waited for every render to end: nothing older may have come after.
    await expect.poll(() => shown(page), poll).toBe("42.9%");
    expect(await overlays(page)).toBe(0);
    expect(await page.evaluate(() => location.hash)).toBe("#/facts");
    expect(await page.evaluate(() => (window as { fdMarker?: boolean }).fdMarker)).toBe(true);
  }, 120_000);

  it("never shows the overlay for a save that truncates the file and then writes it", async () => {
    const before = await overlaysShown();
    for (let k = 1; k <= 6; k++) {
      const value = `5${k}.${k}`;
      writeFileSync(data, "");
      await sleep(5);
      writeFileSync(data, withValue(value));
      await expect.poll(() => shown(page), poll).toBe(`${value}%`);
    }
    expect(await overlays(page)).toBe(0);
    expect(await overlaysShown()).toBe(before);
    const fresh = await openFacts();
    expect(await shown(fresh)).toBe("56.6%");
    await fresh.close();
    expect(await page.evaluate(() => (window as { fdMarker?: boolean }).fdMarker)).toBe(true);
  }, 120_000);

  it("clears the overlay and shows the new figure once a broken data file is fixed", async () => {
    writeFileSync(data, withValue('"oops"'));
    await expect.poll(() => overlays(page), poll).toBe(1);
    // A page opened while the data is broken shows why, and turns into the deck once fixed.
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await fresh.goto(`${dev.url}mini/everyone/#/facts`);
    await expect(fresh.locator("h1").textContent()).resolves.toBe("The deck cannot be built");
    await expect.poll(() => overlays(fresh), poll).toBe(1);

    writeFileSync(data, withValue("33.3"));
    await expect.poll(() => overlays(page), poll).toBe(0);
    await expect.poll(() => shown(page), poll).toBe("33.3%");
    expect(await page.evaluate(() => location.hash)).toBe("#/facts");
    await expect.poll(() => shown(fresh), poll).toBe("33.3%");
    await expect.poll(() => overlays(fresh), poll).toBe(0);
    await fresh.close();
  }, 120_000);
});

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { createViteConfig } from "../../src/build/vite-config.ts";
import { launchBrowser } from "../../src/export/chromium.ts";
import type { BenchContext, SectionResult } from "../lib/context.ts";
import { type EditPlan, editFigure, editSlide, planEdits } from "../lib/edits.ts";
import { type Row, rowOf } from "../lib/report.ts";
import { summarize } from "../lib/stats.ts";
import type { Workspace } from "../lib/workspace.ts";

/**
 * One timed edit, in milliseconds after the file was written: the watcher reported it,
 * the server sent the update, the page replaced its slides, the next frame began.
 */
export interface EditTiming {
  watchMs: number;
  sentMs: number;
  domMs: number;
  frameMs: number;
}

/** Times the server side of an update: the watcher's event and the update leaving. */
function tapServer(server: ViteDevServer, file: () => string) {
  const taps = { watched: [] as number[], sent: [] as number[] };
  const now = () => performance.timeOrigin + performance.now();
  // First in line, before the factdeck plugin starts its synchronous work.
  server.watcher.prependListener("change", (changed: string) => {
    if (path.resolve(changed) === file()) taps.watched.push(now());
  });
  const send = server.ws.send.bind(server.ws) as (...args: unknown[]) => void;
  server.ws.send = ((...args: unknown[]) => {
    const payload = args[0] as { type?: string; event?: string } | undefined;
    if (payload?.type === "custom" && payload.event === "factdeck:update") taps.sent.push(now());
    send(...args);
  }) as typeof server.ws.send;
  return taps;
}

interface Probe {
  changes: Array<{ t: number; frame?: number; ok: boolean }>;
  marker: string;
}

/** Watches `.slides` for the runtime's in-place update; records when it happened and the next frame. */
async function installProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { fdBench: Probe };
    w.fdBench = { changes: [], marker: "" };
    const slides = document.querySelector(".reveal .slides")!;
    new MutationObserver(() => {
      const change: Probe["changes"][number] = {
        t: performance.timeOrigin + performance.now(),
        ok: !w.fdBench.marker || (slides.textContent ?? "").includes(w.fdBench.marker),
      };
      w.fdBench.changes.push(change);
      requestAnimationFrame(() => {
        change.frame = performance.timeOrigin + performance.now();
      });
    }).observe(slides, { childList: true });
  });
}

/**
 * The page's clock minus this process's (both epoch milliseconds), from the round trip
 * with the least delay; the two clocks start from the wall clock at different moments.
 */
export async function clockOffset(page: Page): Promise<number> {
  let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 };
  for (let i = 0; i < 7; i++) {
    const sent = performance.timeOrigin + performance.now();
    const there = await page.evaluate(() => performance.timeOrigin + performance.now());
    const back = performance.timeOrigin + performance.now();
    if (back - sent < best.rtt) best = { rtt: back - sent, offset: there - (sent + back) / 2 };
  }
  return best.offset;
}

async function timeEdit(
  page: Page,
  write: () => void,
  marker: string,
  offset: number,
  taps: { watched: number[]; sent: number[] },
): Promise<EditTiming | { error: string }> {
  taps.watched.length = 0;
  taps.sent.length = 0;
  const before = await page.evaluate((m) => {
    const w = window as unknown as { fdBench?: Probe };
    if (!w.fdBench) return -1;
    w.fdBench.marker = m;
    return w.fdBench.changes.length;
  }, marker);
  if (before < 0) return { error: "the page reloaded instead of updating in place" };
  const here = performance.timeOrigin + performance.now();
  const written = here + offset;
  write();
  try {
    await page.waitForFunction(
      (n) => {
        const w = window as unknown as { fdBench?: Probe };
        return !w.fdBench || w.fdBench.changes.slice(n).some((c) => c.ok && c.frame);
      },
      before,
      { timeout: 15_000, polling: 50 },
    );
  } catch {
    return { error: "no update reached the page within 15 s" };
  }
  const change = await page.evaluate((n) => {
    const w = window as unknown as { fdBench?: Probe };
    return w.fdBench?.changes.slice(n).find((c) => c.ok && c.frame);
  }, before);
  if (!change) return { error: "the page reloaded instead of updating in place" };
  // The first update sent after the watcher saw the write (one per audience page).
  const watched = taps.watched[0] ?? Number.NaN;
  const sent = taps.sent.find((t) => t >= watched) ?? Number.NaN;
  return {
    watchMs: watched - here,
    sentMs: sent - here,
    domMs: change.t - written,
    frameMs: change.frame! - written,
  };
}

/**
 * Starts `factdeck dev` in the project copy, opens the flagship deck in Chromium and times
 * slide edits and data edits from the file write to the page's slides being replaced.
 */
export async function benchDev(ctx: BenchContext, ws: Workspace): Promise<SectionResult> {
  if (!ctx.browserPath) return { rows: [], skipped: `no browser: ${ctx.noBrowserReason}` };
  let plan: EditPlan;
  try {
    plan = await planEdits(ws.dir);
  } catch (error) {
    return { rows: [], skipped: (error as Error).message };
  }
  const config = createViteConfig({ root: ws.dir });
  const server = await createServer({
    ...config,
    configFile: false,
    server: { ...config.server, port: 0, strictPort: false },
  });
  let editing = plan.slideFile;
  const taps = tapServer(server, () => editing);
  await server.listen();
  const base = server.resolvedUrls?.local[0] ?? "";
  const browser = await launchBrowser();
  const timings: Record<"slide" | "data", EditTiming[]> = { slide: [], data: [] };
  const errors: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${base}${plan.deck}/${plan.audience}/`);
    await page.waitForFunction(() => document.documentElement.dataset.fdReady === "true");
    // Vite may optimise dependencies on first load and reload the page once; let it settle.
    await sleep(1500);
    await page.waitForFunction(() => document.documentElement.dataset.fdReady === "true");
    await installProbe(page);
    const offset = await clockOffset(page);
    ctx.log(`  page clock offset: ${offset.toFixed(2)} ms`);
    const slideText = readFileSync(plan.slideFile, "utf8");
    const dataText = readFileSync(plan.dataFile, "utf8");
    const rounds = ctx.options.warmup + ctx.options.edits;
    for (const kind of ["slide", "data"] as const) {
      editing = path.resolve(kind === "slide" ? plan.slideFile : plan.dataFile);
      for (let i = 0; i < rounds; i++) {
        const edit = kind === "slide" ? editSlide(slideText, i) : undefined;
        const result = await timeEdit(
          page,
          () =>
            kind === "slide"
              ? writeFileSync(plan.slideFile, edit!.text)
              : writeFileSync(plan.dataFile, editFigure(dataText, plan, i)),
          edit?.marker ?? "",
          offset,
          taps,
        );
        if ("error" in result) {
          errors.push(`${kind} edit ${i + 1}: ${result.error}`);
          ctx.log(`  ${kind} edit ${i + 1}: ${result.error}`);
          if (result.error.includes("reloaded")) await installProbe(page).catch(() => undefined);
        } else {
          if (i >= ctx.options.warmup) timings[kind].push(result);
          ctx.log(
            `  ${kind} edit ${i >= ctx.options.warmup ? i - ctx.options.warmup + 1 : "warm-up"}: watcher ${result.watchMs.toFixed(1)} ms, sent ${result.sentMs.toFixed(1)} ms, DOM ${result.domMs.toFixed(1)} ms, frame ${result.frameMs.toFixed(1)} ms`,
          );
        }
        // Let a second watcher event for the same write pass before the next edit.
        await sleep(400);
      }
      if (kind === "slide") writeFileSync(plan.slideFile, slideText);
      else writeFileSync(plan.dataFile, dataText);
      await sleep(600);
    }
  } catch (error) {
    errors.push((error as Error).message);
  } finally {
    await browser.close();
    await server.close();
  }
  const rows: Row[] = [];
  const page = `${plan.deck}/${plan.audience}, ${plan.slideCount} slides`;
  const kinds = [
    ["slide", 100, `${path.basename(plan.slideFile)} on ${page}`],
    ["data", 300, `${plan.figureKey}: a new value each time`],
  ] as const;
  for (const [kind, limit, note] of kinds) {
    const list = timings[kind];
    if (!list.length) continue;
    const section = `dev: ${kind} edit`;
    const of = (pick: (t: EditTiming) => number) => summarize(list.map(pick));
    rows.push(
      rowOf(
        section,
        "write → slides replaced",
        "ms",
        of((t) => t.domMs),
        { op: "<", limit },
        note,
      ),
      rowOf(
        section,
        "→ next frame",
        "ms",
        of((t) => t.frameMs),
      ),
      rowOf(
        section,
        "of which: write → watcher event",
        "ms",
        of((t) => t.watchMs),
      ),
      rowOf(
        section,
        "of which: watcher → update sent (re-render)",
        "ms",
        of((t) => t.sentMs - t.watchMs),
      ),
      rowOf(
        section,
        "of which: sent → slides replaced",
        "ms",
        of((t) => t.domMs - t.sentMs),
      ),
    );
  }
  if (!rows.length)
    return { rows, skipped: errors[0] ?? "no edit reached the page", detail: { errors } };
  return {
    rows,
    detail: {
      plan: {
        ...plan,
        slideFile: path.basename(plan.slideFile),
        dataFile: path.basename(plan.dataFile),
      },
      timings,
      errors,
    },
  };
}

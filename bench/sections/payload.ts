import { launchBrowser } from "../../src/export/chromium.ts";
import { serveStatic } from "../../src/export/serve.ts";
import type { BenchContext, SectionResult } from "../lib/context.ts";
import {
  bytesOf,
  listDeckPages,
  measurePage,
  type PagePayload,
  singleFileOf,
} from "../lib/payload.ts";
import type { Row } from "../lib/report.ts";

/** What one single-file deck may weigh: it travels by email and on USB sticks. */
const SINGLE_FILE_BUDGET = 600_000;

/** A request a deck page made to anywhere but the local server. */
export interface OutsideRequest {
  page: string;
  url: string;
  type: string;
}

/** Sizes of each built deck page, absolute URLs in them, and what a browser requests. */
export async function benchPayload(ctx: BenchContext, siteDir: string): Promise<SectionResult> {
  const pages = listDeckPages(siteDir).map((p): PagePayload => {
    const single = singleFileOf(siteDir, p);
    return { ...measurePage(siteDir, p), single: single ? bytesOf(siteDir, [single]) : undefined };
  });
  if (pages.length === 0) return { rows: [], skipped: `no deck pages in ${siteDir}` };
  const section = "payload";
  const largest = (pick: (p: PagePayload) => number) =>
    pages.reduce((a, b) => (pick(b) > pick(a) ? b : a));
  const js = largest((p) => p.jsOnOpen.gzip);
  const jsAll = largest((p) => p.js.gzip);
  const fetches = pages.flatMap((p) => p.urls.filter((u) => u.use === "fetch"));
  const links = pages.flatMap((p) => p.urls.filter((u) => u.use === "link"));
  const texts = pages.flatMap((p) => p.urls.filter((u) => u.use === "text"));
  const missing = pages.flatMap((p) => p.missing.map((m) => `${p.page}: ${m}`));
  for (const f of fetches) ctx.log(`  ✗ ${f.file} loads ${f.url} (…${f.context}…)`);
  for (const m of missing) ctx.log(`  ✗ a page names a file that is not in the build: ${m}`);

  const rows: Row[] = [
    {
      section,
      measure: `JS loaded when a deck opens, gzip (largest: ${short(js.page)})`,
      unit: "bytes",
      value: js.jsOnOpen.gzip,
      target: { op: "<=", limit: 40_000 },
      note: `what a viewer downloads; ${js.jsOnOpen.files.length} file(s), ${kb(js.jsOnOpen.raw)} raw`,
    },
    {
      section,
      measure: "JS per deck incl. chunks loaded on demand, gzip",
      headline: true,
      unit: "bytes",
      value: jsAll.js.gzip,
      note: `${jsAll.js.files.length} file(s), ${kb(jsAll.js.raw)} raw; the rest loads only when asked for (speaker view)`,
    },
    {
      section,
      measure: "CSS per deck, gzip (largest)",
      headline: true,
      unit: "bytes",
      value: largest((p) => p.css.gzip).css.gzip,
      note: `${kb(largest((p) => p.css.gzip).css.raw)} raw`,
    },
    {
      section,
      measure: "HTML per deck, gzip (largest)",
      headline: true,
      unit: "bytes",
      value: largest((p) => p.html.gzip).html.gzip,
      note: `${kb(largest((p) => p.html.gzip).html.raw)} raw`,
    },
    {
      section,
      measure: "fonts a browser downloads (WOFF2)",
      headline: true,
      unit: "bytes",
      value: largest((p) => p.woff2.raw).woff2.raw,
      note: `${largest((p) => p.fonts.raw).fonts.files.length} font files built, ${kb(largest((p) => p.fonts.raw).fonts.raw)} in all formats`,
    },
    {
      section,
      measure: "http(s) resources named in HTML/CSS/JS",
      unit: "count",
      value: fetches.length,
      target: { op: "<=", limit: 0 },
      note: `plus ${unique(links)} source link(s) (<a href>) and ${unique(texts)} URL string(s) in code`,
    },
  ];
  // The whole deck in one file, to open from disk: everything above, inlined, WOFF2 only.
  for (const p of pages)
    rows.push({
      section,
      measure: `single file ${p.single?.files[0] ?? `${short(p.page)}.html`}`,
      headline: true,
      unit: "bytes",
      value: p.single?.raw,
      target: { op: "<", limit: SINGLE_FILE_BUDGET },
      note: p.single ? `${kb(p.single.gzip)} gzip` : "not built",
    });

  let requests: OutsideRequest[] | undefined;
  let scriptsFetched: Record<string, string[]> | undefined;
  if (!ctx.browserPath) {
    ctx.log(`  browser check skipped: ${ctx.noBrowserReason}`);
    rows.push({
      section,
      measure: "requests outside the page (browser)",
      unit: "count",
      note: "no browser",
    });
  } else {
    const seen = await outsideRequests(
      siteDir,
      pages.map((p) => p.page),
    );
    requests = seen.outside;
    // The browser should fetch exactly the scripts counted as loaded on open.
    for (const p of pages) {
      const fetched = [...(seen.scripts[p.page] ?? [])].sort();
      if (fetched.join() !== p.jsOnOpen.files.join())
        ctx.log(
          `  note: ${p.page} fetched ${fetched.join(", ") || "no script"} on open; the files say ${p.jsOnOpen.files.join(", ")}`,
        );
    }
    scriptsFetched = seen.scripts;
    for (const r of requests) ctx.log(`  ✗ ${r.page} requested ${r.url} (${r.type})`);
    rows.push({
      section,
      measure: "requests outside 127.0.0.1 (browser, screen + print)",
      unit: "count",
      value: requests.length,
      target: { op: "<=", limit: 0 },
      note: `${pages.length} pages opened as served and with ?print-pdf`,
    });
  }
  return {
    rows,
    detail: {
      pages: pages.map(({ urls, ...rest }) => ({
        ...rest,
        urls: urls.filter((u) => u.use !== "namespace"),
      })),
      outsideRequests: requests,
      scriptsFetchedOnOpen: scriptsFetched,
    },
  };
}

/**
 * Opens every deck page from a local server, on screen and in print layout, and lists
 * every request that leaves 127.0.0.1; such requests are answered with an abort.
 */
export async function outsideRequests(
  siteDir: string,
  pages: string[],
): Promise<{ outside: OutsideRequest[]; scripts: Record<string, string[]> }> {
  const server = await serveStatic(siteDir);
  const browser = await launchBrowser();
  const found: OutsideRequest[] = [];
  // Local scripts each page fetched on screen, to compare with what the files say loads on open.
  const scripts: Record<string, string[]> = {};
  try {
    for (const page of pages) {
      for (const query of ["", "?print-pdf"]) {
        const tab = await browser.newPage({ viewport: { width: 1280, height: 720 } });
        await tab.route("**/*", (route) => {
          const url = new URL(route.request().url());
          if (
            url.protocol === "data:" ||
            url.protocol === "blob:" ||
            url.hostname === "127.0.0.1"
          ) {
            if (!query && route.request().resourceType() === "script")
              scripts[page] = [...(scripts[page] ?? []), url.pathname.slice(1)];
            return route.continue();
          }
          found.push({ page: page + query, url: url.href, type: route.request().resourceType() });
          return route.abort();
        });
        // The page by its file name: for `deck/audience/`, sirv would serve the single file
        // `deck/audience.html` that sits beside the folder.
        await tab.goto(`${server.url}/${page}${query}`, { waitUntil: "networkidle" });
        await tab
          .waitForFunction(() => document.documentElement.dataset.fdReady === "true", undefined, {
            timeout: 20_000,
          })
          .catch(() => undefined);
        await tab.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { outside: found, scripts };
}

function unique(list: Array<{ url: string }>): number {
  return new Set(list.map((u) => u.url)).size;
}

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

function short(page: string): string {
  return page.replace(/\/index\.html$/, "");
}

/** One line per deck page: what it downloads, raw and gzip. */
export function formatPayloadTable(pages: readonly PagePayload[]): string {
  const head = [
    "deck page",
    "HTML raw/gzip",
    "JS on open raw/gzip",
    "JS all raw/gzip",
    "CSS raw/gzip",
    "WOFF2 fonts",
    "single file raw/gzip",
  ];
  const both = (b: { raw: number; gzip: number }) => `${kb(b.raw)} / ${kb(b.gzip)}`;
  const cells = pages.map((p) => [
    short(p.page),
    both(p.html),
    both(p.jsOnOpen),
    both(p.js),
    both(p.css),
    `${kb(p.woff2.raw)} (${p.woff2.files.length})`,
    p.single ? both(p.single) : "–",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

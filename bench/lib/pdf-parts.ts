import { launchBrowser } from "../../src/export/chromium.ts";
import { layoutForPrint } from "../../src/export/print-slides.ts";
import { serveStatic } from "../../src/export/serve.ts";
import { median } from "./stats.ts";

/** Medians of the steps of printing one deck page's slides, in milliseconds. */
export interface PdfParts {
  launch: number;
  open: number;
  layout: number;
  pdfTagged: number;
  pdfPlain: number;
}

// tsx keeps function names with a `__name` helper that functions sent to a page need too.
const NAME_HELPER = "globalThis.__name ??= (target) => target;";

/**
 * Times the steps `factdeck pdf` takes for a deck page's slides, one by one: start Chromium,
 * open the page until ready, lay it out for print, and print it as a tagged PDF with an
 * outline (as the export does) and as a plain PDF (to show what tagging costs).
 */
export async function timePdfParts(
  siteDir: string,
  page: string,
  size: { width: number; height: number },
  runs: number,
): Promise<PdfParts> {
  const server = await serveStatic(siteDir);
  const samples: Record<keyof PdfParts, number[]> = {
    launch: [],
    open: [],
    layout: [],
    pdfTagged: [],
    pdfPlain: [],
  };
  const time = async <T>(key: keyof PdfParts, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const value = await work();
    samples[key].push(performance.now() - started);
    return value;
  };
  try {
    for (let i = 0; i < runs; i++) {
      const browser = await time("launch", () => launchBrowser());
      try {
        const tab = await browser.newPage({ viewport: size });
        await tab.addInitScript({ content: NAME_HELPER });
        await time("open", async () => {
          await tab.goto(`${server.url}/${page.replace(/index\.html$/, "")}`);
          await tab.waitForFunction(() => document.documentElement.dataset.fdReady === "true");
        });
        const rootAttributes = await tab.evaluate(() =>
          document.querySelector(".reveal")!.getAttributeNames(),
        );
        await time("layout", () => tab.evaluate(layoutForPrint, { ...size, rootAttributes }));
        await tab.emulateMedia({ media: "screen" });
        const options = {
          width: `${size.width}px`,
          height: `${size.height}px`,
          printBackground: true,
          preferCSSPageSize: true,
        };
        const tagged = () =>
          time("pdfTagged", () => tab.pdf({ ...options, tagged: true, outline: true }));
        const plain = () =>
          time("pdfPlain", () => tab.pdf({ ...options, tagged: false, outline: false }));
        // Alternate which goes first, so neither gains from the other having warmed up.
        if (i % 2 === 0) await tagged().then(plain);
        else await plain().then(tagged);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
  return {
    launch: median(samples.launch),
    open: median(samples.open),
    layout: median(samples.layout),
    pdfTagged: median(samples.pdfTagged),
    pdfPlain: median(samples.pdfPlain),
  };
}

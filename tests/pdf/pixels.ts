import type { Page } from "playwright-core";

/** How far two pictures of the same size are apart, compared as averaged blocks of pixels. */
export interface ImageDifference {
  width: number;
  height: number;
  /** Mean absolute difference per colour channel, 0–255. */
  mean: number;
  /** Share of blocks where some channel differs by more than 32 (a visible change). */
  changed: number;
}

/**
 * Compares two PNGs in blocks of `block`×`block` pixels, averaged first: two rasterisers
 * smooth the edges of text differently, which averages out, while a shifted or missing
 * element does not. The browser decodes the PNGs (a canvas each), so the tests need no image
 * library. Images of different sizes are an error.
 */
export async function compareImages(
  page: Page,
  a: Uint8Array,
  b: Uint8Array,
  block = 4,
): Promise<ImageDifference> {
  const toUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString("base64")}`;
  // Test files may be compiled with esbuild's keepNames, whose helper the page lacks.
  await page.evaluate("globalThis.__name ??= (target) => target");
  return page.evaluate(
    async ([first, second, size]) => {
      const decode = async (url: string) => {
        const image = new Image();
        image.src = url;
        await image.decode();
        const canvas = document.createElement("canvas");
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
        const context = canvas.getContext("2d")!;
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, canvas.width, canvas.height);
      };
      const [x, y] = await Promise.all([decode(first), decode(second)]);
      if (x.width !== y.width || x.height !== y.height)
        throw new Error(`sizes differ: ${x.width}×${x.height} and ${y.width}×${y.height}`);
      const columns = Math.floor(x.width / size);
      const rows = Math.floor(x.height / size);
      let sum = 0;
      let changed = 0;
      for (let by = 0; by < rows; by++) {
        for (let bx = 0; bx < columns; bx++) {
          let most = 0;
          for (let c = 0; c < 3; c++) {
            let dx = 0;
            let dy = 0;
            for (let py = by * size; py < (by + 1) * size; py++) {
              for (let px = bx * size; px < (bx + 1) * size; px++) {
                const i = (py * x.width + px) * 4 + c;
                dx += x.data[i]!;
                dy += y.data[i]!;
              }
            }
            const d = Math.abs(dx - dy) / (size * size);
            sum += d;
            if (d > most) most = d;
          }
          if (most > 32) changed++;
        }
      }
      const blocks = columns * rows;
      return {
        width: x.width,
        height: x.height,
        mean: sum / (blocks * 3),
        changed: changed / blocks,
      };
    },
    [toUrl(a), toUrl(b), block] as const,
  );
}

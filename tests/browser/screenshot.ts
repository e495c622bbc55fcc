import type { Browser } from "playwright-core";

/** Width and height of the greyscale thumbnail two screenshots are compared by. */
export const SIGNATURE_SIZE = { width: 96, height: 54 };

/** How far apart two screenshots are: 0 is identical, 1 is black against white. */
export interface ImageDifference {
  /** Mean absolute difference of the thumbnails' grey levels, 0–1. */
  mean: number;
  /** Share of thumbnail cells whose grey level differs by more than a quarter. */
  changed: number;
}

/**
 * Compares two PNGs loosely: Chromium decodes and shrinks both to a greyscale thumbnail
 * (which forgives antialiasing and a line of text reflowing), then the thumbnails are
 * compared cell by cell.
 */
export async function compareImages(
  browser: Browser,
  a: Buffer,
  b: Buffer,
): Promise<ImageDifference> {
  const page = await browser.newPage();
  try {
    // No named functions inside: the page gets this code as it is, without build helpers.
    return await page.evaluate(
      async ({ images, size }) => {
        const greys: number[][] = [];
        for (const base64 of images) {
          const image = new Image();
          image.src = `data:image/png;base64,${base64}`;
          await image.decode();
          const canvas = document.createElement("canvas");
          canvas.width = size.width;
          canvas.height = size.height;
          const context = canvas.getContext("2d")!;
          context.imageSmoothingEnabled = true;
          context.imageSmoothingQuality = "high";
          context.drawImage(image, 0, 0, size.width, size.height);
          const { data } = context.getImageData(0, 0, size.width, size.height);
          const grey: number[] = [];
          for (let i = 0; i < data.length; i += 4)
            grey.push((0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!) / 255);
          greys.push(grey);
        }
        const [ga, gb] = greys as [number[], number[]];
        let sum = 0;
        let changed = 0;
        for (let i = 0; i < ga.length; i++) {
          const d = Math.abs(ga[i]! - gb[i]!);
          sum += d;
          if (d > 0.25) changed++;
        }
        return { mean: sum / ga.length, changed: changed / ga.length };
      },
      { images: [a.toString("base64"), b.toString("base64")], size: SIGNATURE_SIZE },
    );
  } finally {
    await page.close();
  }
}

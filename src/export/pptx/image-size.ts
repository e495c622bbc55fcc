/** An image PowerPoint can hold, with its size in pixels: PNG, JPEG or GIF. */
export interface RasterImage {
  /** A data URL of the file, as pptxgenjs takes it. */
  data: string;
  width: number;
  height: number;
}

/** The pixel size of a PNG, JPEG or GIF from its header; undefined for any other file. */
export function rasterSize(
  bytes: Buffer,
): { width: number; height: number; type: string } | undefined {
  if (bytes.length > 24 && bytes.readUInt32BE(0) === 0x89504e47)
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), type: "png" };
  if (bytes.length > 10 && bytes.toString("latin1", 0, 3) === "GIF")
    return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8), type: "gif" };
  if (bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    // A JPEG's size is in its first start-of-frame segment (SOF0–SOF15 but DHT, JPG and DAC).
    let at = 2;
    while (at + 9 < bytes.length && bytes[at] === 0xff) {
      const marker = bytes[at + 1]!;
      const length = bytes.readUInt16BE(at + 2);
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
        return {
          width: bytes.readUInt16BE(at + 7),
          height: bytes.readUInt16BE(at + 5),
          type: "jpeg",
        };
      at += 2 + length;
    }
  }
  return undefined;
}

/** A PNG, JPEG or GIF file as a data URL with its size; undefined for a format PowerPoint lacks. */
export function rasterImage(bytes: Buffer): RasterImage | undefined {
  const size = rasterSize(bytes);
  if (!size?.width || !size.height) return undefined;
  return {
    data: `data:image/${size.type};base64,${bytes.toString("base64")}`,
    width: size.width,
    height: size.height,
  };
}

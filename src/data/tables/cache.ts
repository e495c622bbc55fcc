import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/** The SHA-256 of a file's content, read as a stream so a large table is never held whole. */
export function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    // Large reads: hashing 64 KB chunks costs three times as much as 8 MB ones.
    createReadStream(file, { highWaterMark: 8 * 1024 * 1024 })
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

/** A key for values that depend on exactly these parts (texts and other keys). */
export function keyOf(...parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part.length}:${part}\0`);
  return hash.digest("hex");
}

/**
 * Results by the content they were computed from, for this process: a dev server or a
 * second build in the same process pays nothing for tables whose files and queries did not
 * change. Bounded, oldest first out, so a long dev session does not grow without end.
 */
export class ContentCache<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly limit = 2000) {}

  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }

  /** How many results are held. */
  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

import { createHash } from "node:crypto";
import type { RenderedChart } from "./types.ts";

// A long dev session re-renders charts as data changes; old entries beyond this go first.
const LIMIT = 500;
const cache = new Map<string, RenderedChart>();

/** A stable hash of everything a chart's output depends on. */
export function chartCacheKey(parts: unknown): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/** The chart rendered earlier under this key, if any. */
export function cachedChart(key: string): RenderedChart | undefined {
  return cache.get(key);
}

/** Remembers a rendered chart, forgetting the oldest when the cache is full. */
export function cacheChart(key: string, chart: RenderedChart): void {
  cache.set(key, chart);
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
}

/** Forgets every rendered chart (tests, or a full rebuild). */
export function clearChartCache(): void {
  cache.clear();
}

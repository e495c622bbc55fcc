import { parseHTML } from "linkedom";

let shared: Document | undefined;

/** A fresh server-side document for Plot to draw into (linkedom; no browser needed). */
export function createChartDocument(): Document {
  return parseHTML("<!doctype html><html><body></body></html>").document as unknown as Document;
}

/** One document reused by every chart of a build: Plot only creates detached nodes in it. */
export function chartDocument(): Document {
  shared ??= createChartDocument();
  return shared;
}

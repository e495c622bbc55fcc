/** How an absolute URL appears in a built file. */
export type UrlUse =
  /** The browser would request it while showing or printing the page (script, stylesheet, font, image). */
  | "fetch"
  /** A hyperlink a reader may follow (`<a href>`): nothing loads until clicked. */
  | "link"
  /** An XML namespace or DTD identifier: never requested. */
  | "namespace"
  /** Any other string, such as a URL in an error message inside a library. */
  | "text";

/** One absolute URL found in a built file. */
export interface FoundUrl {
  url: string;
  use: UrlUse;
  /** The characters around it, for the report. */
  context: string;
}

const NAMESPACE = /^https?:\/\/(www\.)?w3\.org\//;
// An absolute http(s) URL, or a protocol-relative one where only a resource can stand.
const ABSOLUTE = /https?:\/\/[^\s"'`<>()\\]+/g;
const PROTOCOL_RELATIVE =
  /(?:\b(?:src|href|srcset|poster|data)\s*=\s*["']?|url\(\s*["']?)(\/\/[^\s"'`<>()\\]+)/gi;

/** Every absolute URL in an HTML, CSS or JavaScript file, with how the file uses it. */
export function findUrls(kind: "html" | "css" | "js", text: string): FoundUrl[] {
  const found: FoundUrl[] = [];
  for (const match of text.matchAll(ABSOLUTE)) {
    const at = match.index;
    found.push({
      url: match[0],
      use: classify(kind, text, at, match[0]),
      context: contextOf(text, at, match[0].length),
    });
  }
  for (const match of text.matchAll(PROTOCOL_RELATIVE)) {
    const url = match[1]!;
    const at = match.index + match[0].length - url.length;
    found.push({
      url,
      use: classify(kind, text, at, url),
      context: contextOf(text, at, url.length),
    });
  }
  return found;
}

function classify(kind: "html" | "css" | "js", text: string, at: number, url: string): UrlUse {
  if (NAMESPACE.test(url)) return "namespace";
  const before = text.slice(Math.max(0, at - 200), at);
  if (
    kind === "css" ||
    /<style[^>]*>[^<]*$/i.test(before) ||
    /\bstyle\s*=\s*["'][^"']*$/i.test(before)
  )
    return /(?:url\(\s*["']?|@import\s+["'])$/i.test(before) ? "fetch" : "text";
  if (kind === "html") {
    const tag = /<([a-z][a-z0-9-]*)\b[^<>]*$/i.exec(before);
    if (!tag) return "text";
    const attribute = /\b([a-z:-]+)\s*=\s*["']?[^"'\s]*$/i.exec(before)?.[1]?.toLowerCase();
    if (attribute === "xmlns" || attribute?.startsWith("xmlns:")) return "namespace";
    if (tag[1]!.toLowerCase() === "a" && attribute === "href") return "link";
    if (["src", "href", "srcset", "poster", "data", "content"].includes(attribute ?? ""))
      return attribute === "content" ? "text" : "fetch";
    return "text";
  }
  // JavaScript: only a string that code loads counts as fetched.
  return /(?:\bimport\s*\(\s*|\bfrom\s*|\bimport\s*|\bfetch\s*\(\s*|\bnew\s+URL\s*\(\s*|\.src\s*=\s*|\bimportScripts\s*\(\s*)["'`]$/.test(
    before,
  )
    ? "fetch"
    : "text";
}

function contextOf(text: string, at: number, length: number): string {
  return text
    .slice(Math.max(0, at - 40), Math.min(text.length, at + length + 20))
    .replace(/\s+/g, " ");
}

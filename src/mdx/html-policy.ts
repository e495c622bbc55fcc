import type { Element, Properties } from "hast";
import { defaultSchema, type Schema, sanitize } from "hast-util-sanitize";
import { find, html } from "property-information";

/**
 * The HTML a slide may contain: hast-util-sanitize's GitHub-style default, narrowed
 * (no form inputs, links only to http(s), mailto and the deck itself, images only
 * from the project) and widened by the few things a slide needs (class, figure,
 * small, mark, abbr, aria labels). The README's "What a slide may contain" lists it.
 */
export const SLIDE_SCHEMA: Schema = {
  ...defaultSchema,
  tagNames: [
    ...(defaultSchema.tagNames ?? []).filter((t) => t !== "input"),
    "abbr",
    "caption",
    "cite",
    "figcaption",
    "figure",
    "mark",
    "small",
    "time",
    "u",
  ],
  attributes: {
    ...defaultSchema.attributes,
    "*": [
      ...(defaultSchema.attributes?.["*"] ?? []),
      "className",
      "ariaLabel",
      "ariaHidden",
      "ariaDescribedBy",
      "ariaLabelledBy",
      "style",
    ],
  },
  protocols: {
    cite: ["http", "https"],
    href: ["http", "https", "mailto"],
    longDesc: ["http", "https"],
    // Resources come from the project only: a remote image is fetched at view and print time.
    src: [],
    srcSet: [],
  },
  clobber: [],
  clobberPrefix: "",
  required: {},
};

/** Why an element or attribute is refused; undefined when the policy allows it. */
export type Refusal =
  | { kind: "element" }
  | { kind: "attribute"; name: string; reason: "not-allowed" | "url" | "style" };

/**
 * Checks one HTML element written in a slide against the policy by running the
 * sanitizer over it and reporting what it would have removed.
 */
export function checkHtmlElement(
  tagName: string,
  attributes: Record<string, string | null>,
): Refusal[] {
  const properties: Properties = {};
  const propertyOf = new Map<string, string>();
  for (const [name, value] of Object.entries(attributes)) {
    const info = find(html, name);
    propertyOf.set(info.property, name);
    properties[info.property] = value === null ? true : value;
  }
  const element: Element = { type: "element", tagName, properties, children: [] };
  const clean = sanitize(element, SLIDE_SCHEMA);
  if (clean.type !== "element" || clean.tagName !== tagName) return [{ kind: "element" }];
  const out: Refusal[] = [];
  for (const [property, name] of propertyOf) {
    const kept = clean.properties[property];
    if (kept === undefined || kept === null || kept === false) {
      out.push({
        kind: "attribute",
        name,
        reason: isUrlProperty(property) ? "url" : "not-allowed",
      });
    } else if (property === "style" && !isSafeStyle(String(attributes[name] ?? ""))) {
      out.push({ kind: "attribute", name, reason: "style" });
    } else if (isUrlProperty(property) && !isSafeUrl(property, String(attributes[name] ?? ""))) {
      out.push({ kind: "attribute", name, reason: "url" });
    }
  }
  return out;
}

function isUrlProperty(property: string): boolean {
  return property in (SLIDE_SCHEMA.protocols ?? {});
}

/** Inline styles may set presentation, never fetch or run anything. */
export function isSafeStyle(style: string): boolean {
  return !/url\s*\(|image-set\s*\(|expression\s*\(|@import|javascript:|behavior\s*:|-moz-binding/i.test(
    style.replace(/\\/g, ""),
  );
}

/**
 * True when a URL may appear in a slide: links to http(s), mailto or a place in the
 * project; resources (`src`) only from the project, never from another host.
 */
export function isSafeUrl(property: "href" | "src" | string, url: string): boolean {
  const trimmed = url.trim();
  // Browsers read "//host/x" as a remote address and ignore tabs and newlines inside schemes.
  if (/^[\\/]{2}/.test(trimmed)) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed.replace(/[\t\n\r]/g, ""));
  if (!scheme) return true;
  const allowed = property === "href" ? ["http", "https", "mailto"] : [];
  return allowed.includes(scheme[1]!.toLowerCase());
}

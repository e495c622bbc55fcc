import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import type { Root as HastRoot } from "hast";
import type { Root as MdastRoot } from "mdast";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";
import type { Diagnostic } from "../errors/index.ts";
import type { ComponentReference } from "./references.ts";
import { remarkImages } from "./remark-images.ts";
import { remarkSafeSlides, type SafetyData } from "./remark-safe.ts";
import { remarkSlides, type SlidesData } from "./remark-slides.ts";

/**
 * A slide file parsed into a checked tree, ready to render once per audience. It is
 * never compiled to code: rendering walks the tree, so nothing in a slide is evaluated.
 */
export interface CompiledSlides {
  file: string;
  slideId: string;
  /** The slides as HTML syntax tree, components left as MDX JSX nodes with literal attributes. */
  tree: HastRoot;
  /** Image files the slides show, absolute: the cache does not trust a slide whose image is gone. */
  images: string[];
  /** The checked Markdown tree, one `section` element per slide, for the check to read. */
  mdast: MdastRoot;
  slideCount: number;
  references: ComponentReference[];
  hash: string;
}

/** MDX node types that pass through to the HTML tree, where the renderer maps them to components. */
const MDX_NODES = ["mdxJsxFlowElement", "mdxJsxTextElement"] as const;

const cache = new Map<string, CompiledSlides>();

/** Parses and checks one MDX slide file; cached by content, so an unchanged slide is never parsed twice. */
export async function compileSlides(
  file: string,
  text: string,
  slideId: string,
): Promise<{ compiled?: CompiledSlides; diagnostics: Diagnostic[] }> {
  return compileSlidesSync(file, text, slideId);
}

/** `compileSlides` without the promise: every step is synchronous (the check reads slides this way). */
export function compileSlidesSync(
  file: string,
  text: string,
  slideId: string,
): { compiled?: CompiledSlides; diagnostics: Diagnostic[] } {
  const hash = createHash("sha1").update(slideId).update("\0").update(text).digest("hex");
  const hit = cache.get(`${file}\0${hash}`);
  if (hit?.images.every((image) => existsSync(image))) return { compiled: hit, diagnostics: [] };
  const vfile = new VFile({ path: file, value: text });
  const parser = unified()
    .use(remarkParse)
    .use(remarkMdx)
    // Tables, strikethrough and autolinks as GitHub writes them; footnotes are not for slides.
    .use(remarkGfm, { singleTilde: false })
    .use(remarkSafeSlides)
    .use(remarkImages)
    .use(remarkSlides, { slideId });
  let mdast: MdastRoot;
  let tree: HastRoot;
  try {
    mdast = parser.runSync(parser.parse(vfile), vfile) as MdastRoot;
    tree = toHtmlTree.runSync(structuredClone(mdast), vfile) as HastRoot;
  } catch (error) {
    return { diagnostics: [syntaxDiagnostic(file, error as VFileMessage)] };
  }
  const safety = vfile.data.factdeckSafety as SafetyData;
  const data = vfile.data.factdeck as SlidesData;
  const diagnostics: Diagnostic[] = [
    ...data.esm.map(
      (at): Diagnostic => ({
        code: "FD_MDX_ESM",
        severity: "error",
        message: "A slide cannot import or export code.",
        at: { file, ...at },
        hint: "remove the import/export line; slides use the built-in components Stat, Value, Chart, Notes, Audience",
      }),
    ),
    ...safety.diagnostics,
  ];
  if (diagnostics.length) return { diagnostics };
  const compiled: CompiledSlides = {
    file,
    slideId,
    tree,
    images: (vfile.data.factdeckImages as string[] | undefined) ?? [],
    mdast,
    slideCount: data.slideCount,
    references: data.references,
    hash,
  };
  cache.set(`${file}\0${hash}`, compiled);
  return { compiled, diagnostics };
}

/** Markdown tree → HTML tree; MDX JSX passes through for the renderer to map to components. */
const toHtmlTree = unified().use(remarkRehype, { passThrough: [...MDX_NODES] });

/** Forgets compiled slides (tests, benchmarks). */
export function clearCompileCache(): void {
  cache.clear();
}
function syntaxDiagnostic(file: string, error: VFileMessage): Diagnostic {
  const place = error.place && "start" in error.place ? error.place.start : error.place;
  // For an unclosed tag the message names the opening tag's place, which is the useful one.
  const named = /\((\d+):(\d+)-\d+:\d+\)/.exec(String(error.reason ?? ""));
  const at = named
    ? { line: Number(named[1]), column: Number(named[2]) }
    : { line: place?.line ?? error.line ?? 1, column: place?.column ?? error.column ?? 1 };
  return {
    code: "FD_MDX_SYNTAX",
    severity: "error",
    message: "This slide cannot be read as MDX.",
    at: { file, ...at },
    detail: String(error.reason ?? error.message),
    hint: mdxHint(String(error.reason ?? "")),
  };
}

function mdxHint(reason: string): string {
  if (/closing tag|end of file/i.test(reason))
    return 'a component is opened but not closed; close it with </Name> or write it self-closing: <Value of="…"/>';
  if (/before name|character/i.test(reason))
    return 'a "<" or "{" in prose starts code in MDX; write &lt; or \\{ for the character itself';
  return "check the tags and braces near this position; the MDX section of the README shows the syntax";
}

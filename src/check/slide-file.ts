import path from "node:path";
import type { Image, Nodes, Root } from "mdast";
import type { MdxJsxFlowElement, MdxJsxTextElement } from "mdast-util-mdx-jsx";
import type { SourcePosition } from "../errors/index.ts";
import { compileSlidesSync } from "../mdx/compile.ts";
import {
  BOUND,
  LineIndex,
  NEUTRAL,
  RunBuilder,
  type TextContext,
  type TextRun,
} from "./text-run.ts";

/** One `<Audience>` condition around a node: who sees it. */
export interface AudienceCondition {
  mode: "only" | "except";
  names: string[];
}

/** True when an audience sees a node under these conditions. */
export function isVisibleTo(conditions: readonly AudienceCondition[], audience: string): boolean {
  return conditions.every((c) =>
    c.mode === "only" ? c.names.includes(audience) : !c.names.includes(audience),
  );
}

/** A `<Value>`, `<Stat>` or `<Chart>` and the figures it binds. */
export interface Binding {
  component: string;
  keys: string[];
  at: SourcePosition;
  section: number;
  visibility: AudienceCondition[];
}

/** A `<Literal reason="…">` escape. */
export interface LiteralUse {
  at: SourcePosition;
  text: string;
  reason: string | undefined;
}

/** An image: a markdown image or an `<img>` element; `alt` undefined when missing. */
export interface ImageUse {
  at: SourcePosition;
  alt: string | undefined;
  html: boolean;
}

/** A `<Chart>` as written. */
export interface ChartUse {
  kind: string;
  keys: string[];
  title: string;
  at: SourcePosition;
}

/** One slide of a file (files split at top-level `---`) and the headings it shows. */
export interface SectionInfo {
  index: number;
  at: SourcePosition;
  /** One entry per h1/h2 heading outside the speaker notes, with who sees it. */
  headings: AudienceCondition[][];
}

/** What the check needs from one slide file. */
export interface SlideFile {
  file: string;
  source: string;
  lines: LineIndex;
  runs: TextRun[];
  bindings: Binding[];
  literals: LiteralUse[];
  images: ImageUse[];
  charts: ChartUse[];
  sections: SectionInfo[];
}

interface Walk {
  context: TextContext;
  visibility: AudienceCondition[];
  section: number;
  inNotes: boolean;
}

type Jsx = MdxJsxFlowElement | MdxJsxTextElement;

const PHRASING = new Set([
  "text",
  "emphasis",
  "strong",
  "delete",
  "inlineCode",
  "break",
  "link",
  "linkReference",
  "image",
  "imageReference",
  "mdxJsxTextElement",
  "mdxTextExpression",
  "footnoteReference",
]);

const BINDING_COMPONENTS = new Set(["Value", "Stat", "Chart"]);

/**
 * Reads a slide file's checked syntax tree (the one the renderer uses, parsed once) into
 * runs of prose (with positions), bindings, literals, images, charts and slides;
 * undefined when the file cannot be rendered (the renderer reports why).
 */
export function readSlideFile(file: string, source: string): SlideFile | undefined {
  const hit = cache.get(file);
  if (hit && hit.source === source) return hit.model;
  const { compiled } = compileSlidesSync(file, source, path.basename(file, path.extname(file)));
  if (!compiled) return undefined;
  const model = new SlideFileReader(file, source).read(compiled.mdast);
  cache.set(file, { source, model });
  return model;
}

/** Read files by path; an unchanged file is not read again (the dev server checks often). */
const cache = new Map<string, { source: string; model: SlideFile }>();

class SlideFileReader {
  private readonly model: SlideFile;

  constructor(file: string, source: string) {
    this.model = {
      file,
      source,
      lines: new LineIndex(file, source),
      runs: [],
      bindings: [],
      literals: [],
      images: [],
      charts: [],
      sections: [],
    };
  }

  read(tree: Root): SlideFile {
    // The compiler has split the file into one `section` element per slide.
    tree.children.forEach((node, index) => {
      const children = ("children" in node ? node.children : []) as Nodes[];
      const section: SectionInfo = {
        index,
        at: this.position(children[0] ?? node),
        headings: [],
      };
      this.model.sections.push(section);
      const walk: Walk = { context: "prose", visibility: [], section: index, inNotes: false };
      this.children(children, walk);
    });
    return this.model;
  }

  private get source(): string {
    return this.model.source;
  }

  private position(node: { position?: Nodes["position"] }): SourcePosition {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    return this.model.lines.span(start, end);
  }

  /** Walks block children, gathering consecutive inline nodes into one run. */
  private children(nodes: readonly Nodes[], walk: Walk): void {
    let builder: RunBuilder | undefined;
    const flush = () => {
      const run = builder?.finish();
      if (run) this.model.runs.push(run);
      builder = undefined;
    };
    for (const node of nodes) {
      if (PHRASING.has(node.type)) {
        builder ??= new RunBuilder(this.source, walk.context, walk.section);
        this.inline(node, walk, builder);
      } else {
        flush();
        this.block(node, walk);
      }
    }
    flush();
  }

  private block(node: Nodes, walk: Walk): void {
    switch (node.type) {
      case "heading": {
        if (node.depth <= 2 && !walk.inNotes) this.heading(walk);
        this.children(node.children, { ...walk, context: walk.inNotes ? "notes" : "heading" });
        return;
      }
      case "mdxJsxFlowElement":
        this.element(node, walk);
        return;
      case "code":
      case "mdxFlowExpression":
      case "mdxjsEsm":
      case "html":
      case "thematicBreak":
        return;
      default:
        if ("children" in node) this.children(node.children as Nodes[], walk);
    }
  }

  private heading(walk: Walk): void {
    this.model.sections[walk.section]?.headings.push(walk.visibility);
  }

  private inline(node: Nodes, walk: Walk, builder: RunBuilder): void {
    const from = node.position?.start.offset ?? 0;
    const to = node.position?.end.offset ?? from;
    switch (node.type) {
      case "text":
        builder.append(node.value, from, to);
        return;
      case "break":
        builder.placeholder("\n", from, to);
        return;
      case "image":
        this.markdownImage(node, walk);
        builder.placeholder(NEUTRAL, from, to);
        return;
      case "mdxJsxTextElement":
        this.element(node, walk, builder);
        return;
      case "inlineCode":
      case "mdxTextExpression":
      case "imageReference":
      case "footnoteReference":
        builder.placeholder(NEUTRAL, from, to);
        return;
      default:
        if ("children" in node)
          for (const child of node.children as Nodes[]) this.inline(child, walk, builder);
    }
  }

  /** A component or HTML element, inside a run (`builder`) or on its own. */
  private element(el: Jsx, walk: Walk, builder?: RunBuilder): void {
    const from = el.position?.start.offset ?? 0;
    const to = el.position?.end.offset ?? from;
    const name = el.name ?? "";
    if (BINDING_COMPONENTS.has(name)) {
      const keys = (stringAttribute(el, "of") ?? "").split(/\s+/).filter(Boolean);
      const ofAttr = findAttribute(el, "of");
      this.model.bindings.push({
        component: name,
        keys,
        at: this.position(ofAttr ?? el),
        section: walk.section,
        visibility: walk.visibility,
      });
      builder?.placeholder(BOUND, from, to, keys);
      if (name === "Stat") this.attributeRun(el, "label", "stat-label", walk);
      if (name === "Chart") {
        this.model.charts.push({
          kind: stringAttribute(el, "kind") ?? "",
          keys,
          title: stringAttribute(el, "title") ?? "",
          at: this.position(el),
        });
        this.attributeRun(el, "title", "chart-title", walk);
      }
      return;
    }
    if (name === "Literal") {
      this.model.literals.push({
        at: this.position(el),
        text: this.textOf(el),
        reason: stringAttribute(el, "reason"),
      });
      builder?.placeholder(NEUTRAL, from, to);
      return;
    }
    if (name === "img") {
      this.model.images.push({
        at: this.position(el),
        alt: stringAttribute(el, "alt"),
        html: true,
      });
      this.attributeRun(el, "alt", "alt", walk);
      builder?.placeholder(NEUTRAL, from, to);
      return;
    }
    let inner = walk;
    if (name === "Notes") inner = { ...walk, context: "notes", inNotes: true };
    if (name === "Audience") {
      const only = stringAttribute(el, "only");
      const except = stringAttribute(el, "except");
      const condition: AudienceCondition | undefined =
        only !== undefined
          ? { mode: "only", names: only.split(/\s+/).filter(Boolean) }
          : except !== undefined
            ? { mode: "except", names: except.split(/\s+/).filter(Boolean) }
            : undefined;
      if (condition) inner = { ...walk, visibility: [...walk.visibility, condition] };
    }
    if (/^h[12]$/.test(name) && !walk.inNotes) this.heading(inner);
    if (/^h[1-6]$/.test(name)) inner = { ...inner, context: walk.inNotes ? "notes" : "heading" };
    const children = el.children as Nodes[];
    if (builder && inner.context === builder.context) {
      for (const child of children) this.inline(child, inner, builder);
    } else {
      // Notes or a heading inside a paragraph: its own run, so messages name the right place.
      builder?.placeholder(NEUTRAL, from, to);
      this.children(children, inner);
    }
  }

  private markdownImage(node: Image, walk: Walk): void {
    this.model.images.push({ at: this.position(node), alt: node.alt || undefined, html: false });
    if (!node.alt) return;
    const from = (node.position?.start.offset ?? 0) + 2;
    const to = node.position?.end.offset ?? from;
    const builder = new RunBuilder(this.source, "alt", walk.section);
    builder.append(node.alt, from, to);
    const run = builder.finish();
    if (run) this.model.runs.push(run);
  }

  /** A run for a plain-text attribute (a chart title, a Stat label, alt text). */
  private attributeRun(el: Jsx, name: string, context: TextContext, walk: Walk): void {
    const attr = findAttribute(el, name);
    if (!attr || typeof attr.value !== "string" || !attr.position) return;
    const start = attr.position.start.offset ?? 0;
    const end = attr.position.end.offset ?? start;
    const quote = this.source.slice(start, end).search(/["']/);
    if (quote < 0) return;
    const builder = new RunBuilder(this.source, context, walk.section);
    builder.append(attr.value, start + quote + 1, end - 1);
    const run = builder.finish();
    if (run) this.model.runs.push(run);
  }

  private textOf(node: Nodes): string {
    if (node.type === "text") return node.value;
    if ("children" in node)
      return (node.children as Nodes[]).map((child) => this.textOf(child)).join("");
    return "";
  }
}

function findAttribute(el: Jsx, name: string) {
  for (const attr of el.attributes)
    if (attr.type === "mdxJsxAttribute" && attr.name === name) return attr;
  return undefined;
}

/** An attribute's text value; undefined when absent or written as an expression. */
function stringAttribute(el: Jsx, name: string): string | undefined {
  const attr = findAttribute(el, name);
  if (!attr) return undefined;
  if (attr.value === null) return "";
  return typeof attr.value === "string" ? attr.value : undefined;
}

import type { Parent, PhrasingContent, Root, RootContent } from "mdast";
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from "mdast-util-mdx-jsx";
import type { VFile } from "vfile";
import type { ComponentReference } from "./references.ts";

/** What the plugin leaves on `file.data` for the compiler. */
export interface SlidesData {
  slideCount: number;
  references: ComponentReference[];
  /** Top-level `import`/`export` statements, which slides may not contain. */
  esm: Array<{ line: number; column: number }>;
}

/**
 * Splits a slide file into reveal.js sections at top-level `---` (thematic breaks)
 * and records every component reference with its position.
 */
export function remarkSlides(options: { slideId: string }) {
  return (tree: Root, file: VFile) => {
    unravel(tree);
    const groups: RootContent[][] = [[]];
    const esm: SlidesData["esm"] = [];
    for (const node of tree.children) {
      if (node.type === "thematicBreak") groups.push([]);
      else if (node.type === "mdxjsEsm") esm.push(start(node));
      else groups.at(-1)!.push(node);
    }
    const slides = groups.filter((g) => g.some((n) => n.type !== "mdxFlowExpression"));
    const references: ComponentReference[] = [];
    tree.children = slides.map((children, index) => {
      for (const child of children) collect(child, index, String(file.path), references);
      const id = index === 0 ? options.slideId : `${options.slideId}-${index + 1}`;
      const section: MdxJsxFlowElement = {
        type: "mdxJsxFlowElement",
        name: "section",
        attributes: [attribute("id", id), attribute("data-fd-slide", options.slideId)],
        children: children as MdxJsxFlowElement["children"],
      };
      return section;
    });
    const data: SlidesData = { slideCount: slides.length, references, esm };
    file.data.factdeck = data;
  };
}

/**
 * A paragraph that holds only JSX (a line such as `<p className="x">…</p>`) is the JSX
 * itself, not a paragraph around it, as MDX's own compiler treats it.
 */
function unravel(node: Parent): void {
  const children: RootContent[] = [];
  for (const child of node.children as RootContent[]) {
    if (child.type === "paragraph" && isOnlyJsx(child.children)) {
      for (const inner of child.children) {
        if (inner.type === "mdxJsxTextElement")
          children.push({ ...inner, type: "mdxJsxFlowElement" } as MdxJsxFlowElement);
      }
      continue;
    }
    if ("children" in child) unravel(child as Parent);
    children.push(child);
  }
  node.children = children as Parent["children"];
}

function isOnlyJsx(children: readonly PhrasingContent[]): boolean {
  let jsx = false;
  for (const child of children) {
    if (child.type === "mdxJsxTextElement") jsx = true;
    else if (!(child.type === "text" && child.value.trim() === "")) return false;
  }
  return jsx;
}

function attribute(name: string, value: string): MdxJsxAttribute {
  return { type: "mdxJsxAttribute", name, value };
}

function start(node: { position?: { start: { line: number; column: number } } }) {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

function collect(node: unknown, slide: number, file: string, out: ComponentReference[]): void {
  const n = node as { type: string; children?: unknown[] };
  if (n.type === "mdxJsxFlowElement" || n.type === "mdxJsxTextElement") {
    const el = node as MdxJsxFlowElement | MdxJsxTextElement;
    if (el.name && /^[A-Z]/.test(el.name)) {
      const attributes: ComponentReference["attributes"] = {};
      const attributeAt: ComponentReference["attributeAt"] = {};
      for (const attr of el.attributes) {
        if (attr.type !== "mdxJsxAttribute") continue;
        attributes[attr.name] =
          typeof attr.value === "string" ? attr.value : attr.value === null ? "" : null;
        const p = attr.position ?? el.position;
        if (p)
          attributeAt[attr.name] = {
            file,
            line: p.start.line,
            column: p.start.column,
            endLine: p.end.line,
            endColumn: p.end.column,
          };
      }
      const p = el.position;
      out.push({
        name: el.name,
        attributes,
        attributeAt,
        slide,
        at: {
          file,
          line: p?.start.line ?? 1,
          column: p?.start.column ?? 1,
          endLine: p?.start.line,
          endColumn: (p?.start.column ?? 1) + el.name.length + 1,
        },
      });
    }
  }
  for (const child of n.children ?? []) collect(child, slide, file, out);
}

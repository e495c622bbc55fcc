import path from "node:path";
import type { Definition, Nodes, Root } from "mdast";
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from "mdast-util-mdx-jsx";
import type { VFile } from "vfile";
import { isResolved, resolveImage } from "../data/image-file.ts";
import type { Diagnostic, ErrorCode } from "../errors/index.ts";
import type { SafetyData } from "./remark-safe.ts";

/** Options of `remarkImages`; the project root defaults to the folder above `slides/<deck>/`. */
export interface ImagesOptions {
  root?: string;
}

const CODES: Record<"missing" | "path" | "type", ErrorCode> = {
  missing: "FD_MDX_IMAGE_MISSING",
  path: "FD_MDX_IMAGE_PATH",
  type: "FD_MDX_IMAGE_TYPE",
};

/** Elements whose `src`/`srcset` load an image: what the slide policy lets through. */
const IMAGE_ELEMENTS = new Set(["img", "source"]);

type Positioned = { position?: Nodes["position"] };

/**
 * Resolves every image a slide shows (`![alt](./x.png)`, `<img src>`, `<source srcset>`)
 * against the slide file's folder and rewrites it to the file's URL from the project root
 * (`/slides/<deck>/x.png`), which Vite resolves from any page and bundles with a hash.
 * A path that leaves the project, names no file or no image is refused at its place.
 * Runs after `remarkSafeSlides`, which has already refused remote and `data:` addresses;
 * its findings join that plugin's, since both say what a slide may not load.
 */
export function remarkImages(options: ImagesOptions = {}) {
  return (tree: Root, file: VFile) => {
    const filePath = String(file.path);
    const fromDir = path.dirname(path.resolve(filePath));
    const root = options.root ?? path.resolve(fromDir, "..", "..");
    file.data.factdeckSafety ??= { diagnostics: [] } satisfies SafetyData;
    const diagnostics: Diagnostic[] = (file.data.factdeckSafety as SafetyData).diagnostics;
    // The files the slides show: a cached slide is parsed again when one of them goes away.
    const used: string[] = [];
    file.data.factdeckImages = used;

    /** The written path's URL, or undefined after reporting why it cannot be shown. */
    const resolve = (written: string, node: Positioned): string | undefined => {
      // Addresses with a scheme or a host are remark-safe's to refuse.
      if (/^(?:[a-z][a-z0-9+.-]*:|[\\/]{2})/i.test(written.trim())) return undefined;
      const result = resolveImage(root, fromDir, written);
      if (isResolved(result)) {
        used.push(path.join(root, ...result.url.split("/")));
        return result.url;
      }
      const start = node.position?.start;
      diagnostics.push({
        code: CODES[result.kind],
        severity: "error",
        message: result.message,
        at: {
          file: filePath,
          line: start?.line ?? 1,
          column: start?.column ?? 1,
          endLine: node.position?.end.line,
          endColumn: node.position?.end.column,
        },
        hint: result.hint,
      });
      return undefined;
    };

    const imageLabels = new Set<string>();
    const definitions: Definition[] = [];
    const visit = (node: Nodes) => {
      if (node.type === "image") {
        node.url = resolve(node.url, node) ?? node.url;
      } else if (node.type === "imageReference") {
        imageLabels.add(node.identifier);
      } else if (node.type === "definition") {
        definitions.push(node);
      } else if (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") {
        if (node.name && IMAGE_ELEMENTS.has(node.name)) resolveElement(node, resolve);
      }
      if ("children" in node) for (const child of node.children) visit(child as Nodes);
    };
    visit(tree);
    // `![alt][logo]` with `[logo]: ./logo.png`: the definition is the image's address.
    for (const definition of definitions)
      if (imageLabels.has(definition.identifier))
        definition.url = resolve(definition.url, definition) ?? definition.url;
  };
}

function resolveElement(
  element: MdxJsxFlowElement | MdxJsxTextElement,
  resolve: (written: string, node: Positioned) => string | undefined,
): void {
  for (const attr of element.attributes) {
    if (attr.type !== "mdxJsxAttribute" || typeof attr.value !== "string") continue;
    const at: Positioned = attr.position ? attr : element;
    const name = attr.name.toLowerCase();
    if (name === "src") attr.value = resolve(attr.value, at) ?? attr.value;
    else if (name === "srcset") attr.value = resolveSrcset(attr, at, resolve);
  }
}

/** `a.png 1x, b.png 2x`: each candidate's address resolved, its descriptor kept. */
function resolveSrcset(
  attr: MdxJsxAttribute,
  at: Positioned,
  resolve: (written: string, node: Positioned) => string | undefined,
): string {
  return String(attr.value)
    .split(",")
    .map((candidate) => {
      const [address = "", ...descriptor] = candidate.trim().split(/\s+/);
      if (!address) return candidate.trim();
      return [resolve(address, at) ?? address, ...descriptor].join(" ");
    })
    .join(", ");
}

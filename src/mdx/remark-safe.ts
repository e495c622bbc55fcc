import type { Program } from "estree";
import type { Nodes, Parent, Root } from "mdast";
import type {
  MdxJsxAttribute,
  MdxJsxExpressionAttribute,
  MdxJsxFlowElement,
  MdxJsxTextElement,
} from "mdast-util-mdx-jsx";
import type { VFile } from "vfile";
import type { Diagnostic, ErrorCode, SourcePosition } from "../errors/index.ts";
import { checkHtmlElement, isSafeUrl } from "./html-policy.ts";

/** What the plugin leaves on `file.data` : every refusal, with its place. */
export interface SafetyData {
  diagnostics: Diagnostic[];
}

type Positioned = {
  position?: { start: { line: number; column: number }; end?: { line: number; column: number } };
};

const BIND_HINT =
  'slides are content, not code: bind a figure with <Value of="…"/> or <Stat of="…"/>, use a component, or write \\{ and \\} for the braces themselves';

/**
 * Refuses everything in a slide that would run or fetch: `{expressions}` other than
 * `{/* comments *\/}`, attribute expressions that are not plain literals, spread
 * attributes, HTML outside the slide policy, unsafe URLs. Comments are removed and
 * literal attribute expressions become plain values, so nothing is left to evaluate.
 */
export function remarkSafeSlides() {
  return (tree: Root, file: VFile) => {
    const diagnostics: Diagnostic[] = [];
    const filePath = String(file.path);
    const at = (node: Positioned): SourcePosition => ({
      file: filePath,
      line: node.position?.start.line ?? 1,
      column: node.position?.start.column ?? 1,
      endLine: node.position?.end?.line,
      endColumn: node.position?.end?.column,
    });
    const refuse = (
      node: Positioned,
      code: ErrorCode,
      message: string,
      hint: string,
      detail?: string,
    ) => diagnostics.push({ code, severity: "error", message, at: at(node), hint, detail });

    const visit = (parent: Parent) => {
      const kept: Nodes[] = [];
      for (const child of parent.children as Nodes[]) {
        if (child.type === "mdxFlowExpression" || child.type === "mdxTextExpression") {
          if (!isCommentOnly(child.data?.estree)) {
            refuse(
              child,
              "FD_MDX_EXPRESSION",
              "A slide cannot contain a {…} expression; only {/* comments */} are allowed.",
              BIND_HINT,
              `found {${abbreviate(child.value)}}`,
            );
          }
          continue;
        }
        if (child.type === "mdxJsxFlowElement" || child.type === "mdxJsxTextElement") {
          checkElement(child, refuse);
        } else if (child.type === "link" || child.type === "definition") {
          if (!isSafeUrl("href", child.url))
            refuse(
              child,
              "FD_MDX_URL",
              `This link's address is not allowed in a slide: "${abbreviate(child.url)}".`,
              "links may go to http:, https: or mailto: addresses, or to a place in the deck (#/sources)",
            );
        } else if (child.type === "image") {
          if (!isSafeUrl("src", child.url))
            refuse(
              child,
              "FD_MDX_REMOTE",
              `An image must come from the project, not from "${abbreviate(child.url)}".`,
              "nothing is fetched when a deck is shown or printed: save the image in the project and refer to it by a relative path",
            );
        }
        if ("children" in child) visit(child);
        kept.push(child);
      }
      parent.children = kept as Parent["children"];
    };
    visit(tree);
    const data: SafetyData = { diagnostics };
    file.data.factdeckSafety = data;
  };
}

function checkElement(
  el: MdxJsxFlowElement | MdxJsxTextElement,
  refuse: (
    node: Positioned,
    code: ErrorCode,
    message: string,
    hint: string,
    detail?: string,
  ) => void,
): void {
  const attributes: Record<string, string | null> = {};
  const kept: Array<MdxJsxAttribute | MdxJsxExpressionAttribute> = [];
  for (const attr of el.attributes) {
    if (attr.type === "mdxJsxExpressionAttribute") {
      refuse(
        attr.position ? attr : el,
        "FD_MDX_EXPRESSION",
        `<${el.name ?? ""}> has a {…spread} attribute; slides cannot contain code.`,
        'write each attribute as name="text"',
      );
      continue;
    }
    if (attr.value !== null && typeof attr.value === "object") {
      const literal = literalOf(attr.value.data?.estree);
      if (literal === undefined) {
        refuse(
          attr.position ? attr : el,
          "FD_MDX_EXPRESSION",
          `<${el.name ?? ""} ${attr.name}> must be plain text in quotes, not a {…} expression.`,
          `write ${attr.name}="…"; slides are content, not code`,
          `found {${abbreviate(attr.value.value)}}`,
        );
        continue;
      }
      if (literal === false) continue;
      attr.value = literal === true ? null : String(literal);
    }
    attributes[attr.name] = attr.value as string | null;
    kept.push(attr);
  }
  el.attributes = kept;
  // Components (capitalised) are checked against their own specs; lower-case names are HTML.
  if (!el.name || /^[A-Z]/.test(el.name)) return;
  for (const refusal of checkHtmlElement(el.name, attributes)) {
    if (refusal.kind === "element") {
      refuse(
        el,
        "FD_MDX_HTML",
        `<${el.name}> is not allowed in a slide.`,
        'slides may use the text elements listed under "What a slide may contain" in the README; a chart or figure is a component',
      );
      return;
    }
    const attr = el.attributes.find((a) => a.type === "mdxJsxAttribute" && a.name === refusal.name);
    const target = attr?.position ? attr : el;
    if (refusal.reason === "url") {
      const remote =
        refusal.name === "src" || refusal.name === "srcset" || refusal.name === "srcSet";
      refuse(
        target,
        remote ? "FD_MDX_REMOTE" : "FD_MDX_URL",
        remote
          ? `<${el.name} ${refusal.name}> must name a file in the project, not "${abbreviate(attributes[refusal.name] ?? "")}".`
          : `<${el.name} ${refusal.name}> has an address that is not allowed: "${abbreviate(attributes[refusal.name] ?? "")}".`,
        remote
          ? "nothing is fetched when a deck is shown or printed: save the file in the project and use a relative path"
          : "links may go to http:, https: or mailto: addresses, or to a place in the deck (#/sources)",
      );
    } else if (refusal.reason === "style") {
      refuse(
        target,
        "FD_MDX_HTML",
        `<${el.name} style> may not load anything (url(), @import, expression()).`,
        "set colours and sizes only; images belong in the project, shown with ![alt](./file.png)",
      );
    } else {
      refuse(
        target,
        "FD_MDX_HTML",
        `<${el.name}> cannot have the attribute "${refusal.name}" in a slide.`,
        /^on/i.test(refusal.name)
          ? "slides cannot run scripts: event handlers are refused"
          : 'allowed everywhere: class, id, title, lang, dir, style (no url()), aria-label; see "What a slide may contain" in the README',
      );
    }
  }
}

/** True for `{}` and `{/* … *\/}`: nothing to evaluate. */
function isCommentOnly(program: Program | null | undefined): boolean {
  return !program || program.body.length === 0;
}

/** The value of a `{"text"}`, `{3}` or `{true}` attribute; undefined for anything else. */
function literalOf(program: Program | null | undefined): string | number | boolean | undefined {
  if (program?.body.length !== 1) return undefined;
  const statement = program.body[0]!;
  if (statement.type !== "ExpressionStatement") return undefined;
  const expression = statement.expression;
  if (expression.type === "Literal") {
    const value = expression.value;
    if (typeof value === "string" || typeof value === "boolean") return value;
    if (typeof value === "number" && Number.isFinite(value)) return value;
    return undefined;
  }
  if (expression.type === "TemplateLiteral" && expression.expressions.length === 0)
    return expression.quasis.map((q) => q.value.cooked ?? "").join("");
  return undefined;
}

function abbreviate(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}

import type { Dataset } from "../data/index.ts";
import { type Diagnostic, suggestion } from "../errors/index.ts";
import { COMPONENTS, type ComponentReference } from "./references.ts";
import { checkChartForm, checkTable, type RowsValidation } from "./validate-rows.ts";

/** What references are checked against: the dataset, the deck's audiences, the chart kinds. */
export interface ValidationContext {
  dataset: Pick<Dataset, "figure" | "keys" | "sourceIds">;
  audiences: readonly string[];
  chartKinds: readonly string[];
  /** The dataset's tables and the project's custom charts; none when absent. */
  rows?: RowsValidation;
}

/** Checks every component, attribute, figure key and audience name a slide file uses. */
export function validateReferences(
  refs: readonly ComponentReference[],
  ctx: ValidationContext,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = Object.keys(COMPONENTS);
  for (const ref of refs) {
    const spec = COMPONENTS[ref.name];
    if (!spec) {
      out.push({
        code: "FD_MDX_UNKNOWN_COMPONENT",
        severity: "error",
        message: `Unknown component <${ref.name}>.`,
        at: ref.at,
        hint: suggestion(ref.name, names, "components"),
      });
      continue;
    }
    for (const [attr, value] of Object.entries(ref.attributes)) {
      const at = ref.attributeAt[attr] ?? ref.at;
      if (![...spec.required, ...spec.optional].includes(attr)) {
        out.push({
          code: "FD_MDX_UNKNOWN_ATTRIBUTE",
          severity: "error",
          message: `<${ref.name}> has no attribute "${attr}".`,
          at,
          hint: suggestion(
            attr,
            [...spec.required, ...spec.optional],
            `attributes of <${ref.name}>`,
          ),
        });
      } else if (value === null) {
        out.push({
          code: "FD_MDX_EXPRESSION",
          severity: "error",
          message: `<${ref.name} ${attr}> must be plain text in quotes, not a {…} expression.`,
          at,
          hint: `write ${attr}="…" so the build can check it`,
        });
      }
    }
    for (const attr of spec.required) {
      if (!(attr in ref.attributes)) {
        out.push({
          code: "FD_MDX_MISSING_ATTRIBUTE",
          severity: "error",
          message: `<${ref.name}> needs the attribute "${attr}".`,
          at: ref.at,
          hint: requiredHint(ref.name, attr),
        });
      }
    }
    if (ref.name === "Stat" || ref.name === "Value" || ref.name === "Chart") {
      const keys = (ref.attributes.of ?? "").split(/\s+/).filter(Boolean);
      for (const key of keys) out.push(...checkKey(key, ref, ctx));
    }
    const rows = ctx.rows ?? { tables: [], customCharts: [] };
    if (ref.name === "Chart") out.push(...checkChartForm(ref, rows));
    if (ref.name === "Table") out.push(...checkTable(ref, rows));
    const figureChart = ref.name === "Chart" && ref.attributes.data === undefined;
    if (figureChart && ref.attributes.kind && !ctx.chartKinds.includes(ref.attributes.kind)) {
      out.push({
        code: "FD_MDX_CHART_KIND",
        severity: "error",
        message: `Unknown chart kind "${ref.attributes.kind}".`,
        at: ref.attributeAt.kind ?? ref.at,
        hint: suggestion(ref.attributes.kind, ctx.chartKinds, "chart kinds"),
      });
    }
    if (ref.name === "Audience") out.push(...checkAudience(ref, ctx));
    if (ref.name === "Cite") out.push(...checkSource(ref, ctx));
    if (figureChart) out.push(...checkChartOptions(ref));
    if (ref.name === "Columns") out.push(...checkWidths(ref));
  }
  return out;
}

/** `domain="0 30"` (or "auto") and `mixed="bases"`: the only forms a chart understands. */
function checkChartOptions(ref: ComponentReference): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { domain, mixed } = ref.attributes;
  if (typeof domain === "string" && !/^\s*(auto|\d+(\.\d+)?\s+\d+(\.\d+)?)\s*$/.test(domain)) {
    out.push({
      code: "FD_MDX_ATTRIBUTE_VALUE",
      severity: "error",
      message: `<Chart domain="${domain}"> is not an axis extent.`,
      at: ref.attributeAt.domain ?? ref.at,
      hint: 'write domain="0 30" (from 0 to 30 in the figures\' unit) or domain="auto" (to just above the largest value)',
    });
  }
  if (typeof mixed === "string" && mixed !== "bases") {
    out.push({
      code: "FD_MDX_ATTRIBUTE_VALUE",
      severity: "error",
      message: `<Chart mixed="${mixed}"> is not something a chart may mix.`,
      at: ref.attributeAt.mixed ?? ref.at,
      hint: 'write mixed="bases" to draw shares of different bases on one axis on purpose',
    });
  }
  return out;
}

function checkWidths(ref: ComponentReference): Diagnostic[] {
  const { widths } = ref.attributes;
  if (typeof widths !== "string" || /^\s*\d+(\.\d+)?(\s+\d+(\.\d+)?){1,3}\s*$/.test(widths))
    return [];
  return [
    {
      code: "FD_MDX_ATTRIBUTE_VALUE",
      severity: "error",
      message: `<Columns widths="${widths}"> is not a list of column shares.`,
      at: ref.attributeAt.widths ?? ref.at,
      hint: 'write two to four numbers, one per column: widths="2 1" gives the first column two thirds',
    },
  ];
}

function checkKey(key: string, ref: ComponentReference, ctx: ValidationContext): Diagnostic[] {
  if (ctx.dataset.figure(key)) return [];
  return [
    {
      code: "FD_MDX_UNKNOWN_KEY",
      severity: "error",
      message: `<${ref.name} of="${key}"> names a figure that is not in the dataset.`,
      at: ref.attributeAt.of ?? ref.at,
      hint: suggestion(key, ctx.dataset.keys(), "figures"),
    },
  ];
}

/** `<Cite source>` names a source of the registry (data/sources.yaml), like a figure's `source`. */
function checkSource(ref: ComponentReference, ctx: ValidationContext): Diagnostic[] {
  const id = ref.attributes.source;
  const known = ctx.dataset.sourceIds();
  if (typeof id !== "string" || known.includes(id)) return [];
  return [
    {
      code: "FD_MDX_UNKNOWN_SOURCE",
      severity: "error",
      message: `<Cite source="${id}"> names a source that is not in data/sources.yaml.`,
      at: ref.attributeAt.source ?? ref.at,
      hint: suggestion(id, known, "sources"),
    },
  ];
}

function checkAudience(ref: ComponentReference, ctx: ValidationContext): Diagnostic[] {
  const { only, except } = ref.attributes;
  if ((only === undefined) === (except === undefined)) {
    return [
      {
        code: "FD_MDX_AUDIENCE",
        severity: "error",
        message: '<Audience> needs exactly one of "only" or "except".',
        at: ref.at,
        hint: `write <Audience only="${ctx.audiences[0] ?? "judges"}">…</Audience>`,
      },
    ];
  }
  const attr = only !== undefined ? "only" : "except";
  const names = (only ?? except ?? "").split(/\s+/).filter(Boolean);
  return names
    .filter((name) => !ctx.audiences.includes(name))
    .map((name) => ({
      code: "FD_MDX_UNKNOWN_AUDIENCE",
      severity: "error" as const,
      message: `<Audience ${attr}="…"> names an audience this deck does not have: "${name}".`,
      at: ref.attributeAt[attr] ?? ref.at,
      hint: suggestion(name, ctx.audiences, "audiences"),
    }));
}

function requiredHint(component: string, attr: string): string {
  const examples: Record<string, string> = {
    of: `<${component} of="recidivism.rearrested"/>`,
    kind: '<Chart kind="bars" of="group.a group.b" title="What the chart shows"/>',
    title: '<Chart kind="bars" of="…" title="The takeaway, in words"/>',
    reason: '<Literal reason="a statute section number, not a figure">…</Literal>',
    source: '<Cite source="ussc-2021-report" locator="ch. 3"/>',
  };
  return `for example ${examples[attr] ?? `${attr}="…"`}`;
}

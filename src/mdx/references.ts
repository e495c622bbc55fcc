import type { SourcePosition } from "../errors/index.ts";

/** A component used in a slide, with its literal attributes and where each is written. */
export interface ComponentReference {
  name: string;
  /** Attribute values; `null` when the value is a `{expression}` rather than text. */
  attributes: Record<string, string | null>;
  at: SourcePosition;
  attributeAt: Record<string, SourcePosition>;
  /** Index of the slide (within its file) that holds the reference. */
  slide: number;
}

/** The components a slide may use and the attributes each accepts. */
export const COMPONENTS: Record<string, { required: string[]; optional: string[] }> = {
  Stat: { required: ["of"], optional: ["label"] },
  Value: { required: ["of"], optional: [] },
  // A chart of figures needs kind and of; a chart of rows needs data and kind (or use):
  // validate.ts checks each form's own attributes.
  Chart: {
    required: ["title"],
    optional: [
      "kind",
      "of",
      "domain",
      "mixed",
      "data",
      "x",
      "y",
      "series",
      "facet",
      "sort",
      "label",
      "layout",
      "use",
    ],
  },
  Table: { required: ["data", "title"], optional: ["columns", "sort", "limit"] },
  Notes: { required: [], optional: [] },
  Audience: { required: [], optional: ["only", "except"] },
  Literal: { required: ["reason"], optional: [] },
  Cite: { required: ["source"], optional: ["locator"] },
  Columns: { required: [], optional: ["widths"] },
  Steps: { required: [], optional: [] },
  Agenda: { required: [], optional: [] },
};

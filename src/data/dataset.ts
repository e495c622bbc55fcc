import type { SourcePosition } from "../errors/index.ts";
import type { Locate } from "./positions.ts";
import type { RelationContext } from "./relations.ts";
import type { Figure, Relation, Source } from "./schema.ts";
import type { TableInfo } from "./tables/types.ts";

/** A validated dataset: figures by dot key, the sources they cite, and where each came from. */
export class Dataset implements RelationContext {
  readonly id: string;
  readonly file: string;
  readonly title: string;
  readonly relations: readonly Relation[];
  /**
   * The dataset's tables once read: file or query, sources, row count and column types
   * (rows stay in the build; a table is never shipped). Empty for a dataset without tables.
   */
  readonly tables: readonly TableInfo[];
  private readonly figures: ReadonlyMap<string, Figure>;
  private readonly sourceMap: ReadonlyMap<string, Source>;
  private readonly locate: Locate;
  private readonly sourceLocate: (id: string) => SourcePosition | undefined;

  constructor(init: {
    id: string;
    file: string;
    title: string;
    figures: Map<string, Figure>;
    sources: Map<string, Source>;
    relations: Relation[];
    locate: Locate;
    sourceLocate: (id: string) => SourcePosition | undefined;
    tables?: TableInfo[];
  }) {
    this.id = init.id;
    this.file = init.file;
    this.title = init.title;
    this.figures = init.figures;
    this.sourceMap = init.sources;
    this.relations = init.relations;
    this.locate = init.locate;
    this.sourceLocate = init.sourceLocate;
    this.tables = init.tables ?? [];
  }

  /** A table by name, or undefined. */
  table(name: string): TableInfo | undefined {
    return this.tables.find((t) => t.name === name);
  }

  /** The figure under a dot key, or undefined. */
  figure(key: string): Figure | undefined {
    return this.figures.get(key);
  }

  /** Every figure key, in file order. */
  keys(): string[] {
    return [...this.figures.keys()];
  }

  /** Every figure with its key, in file order. */
  entries(): Array<[string, Figure]> {
    return [...this.figures.entries()];
  }

  /** A registered source by id. */
  source(id: string): Source | undefined {
    return this.sourceMap.get(id);
  }

  /** Every registered source id. */
  sourceIds(): string[] {
    return [...this.sourceMap.keys()];
  }

  /**
   * Where a figure (or one of its fields) is written in the data file. A computed figure's
   * value is written as its query, so "value" points at its `sql`.
   */
  positionOf(key: string, field?: string): SourcePosition | undefined {
    const figure = this.figures.get(key);
    if (!figure) return undefined;
    if (field === "value" && figure.derivation) field = "sql";
    const [group, name] = key.split(".");
    return this.locate(field ? ["figures", group!, name!, field] : ["figures", group!, name!], {
      key: !field,
    });
  }

  /** Where relation number `index` is written. */
  relationPosition(index: number): SourcePosition | undefined {
    return this.locate(["relations", index]);
  }

  /** Where a source is registered. */
  sourcePosition(id: string): SourcePosition | undefined {
    return this.sourceLocate(id);
  }
}

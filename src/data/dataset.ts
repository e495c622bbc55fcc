import type { SourcePosition } from "../errors/index.ts";
import type { Locate } from "./positions.ts";
import type { RelationContext } from "./relations.ts";
import type { Figure, Relation, Source } from "./schema.ts";

/** A validated dataset: figures by dot key, the sources they cite, and where each came from. */
export class Dataset implements RelationContext {
  readonly id: string;
  readonly file: string;
  readonly title: string;
  readonly relations: readonly Relation[];
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
  }) {
    this.id = init.id;
    this.file = init.file;
    this.title = init.title;
    this.figures = init.figures;
    this.sourceMap = init.sources;
    this.relations = init.relations;
    this.locate = init.locate;
    this.sourceLocate = init.sourceLocate;
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

  /** Where a figure (or one of its fields) is written in the data file. */
  positionOf(key: string, field?: string): SourcePosition | undefined {
    if (!this.figures.has(key)) return undefined;
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

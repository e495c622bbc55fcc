export * from "./dataset.ts";
export * from "./deck-config.ts";
export * from "./format.ts";
export * from "./load.ts";
export * from "./parse.ts";
export * from "./relations.ts";
export * from "./schema.ts";
export type { ColumnInfo, TableInfo } from "./tables/types.ts";

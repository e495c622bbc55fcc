export * from "./column-format.ts";
export * from "./resolve.ts";
export * from "./rows.ts";
export type * from "./types.ts";

export * from "./resolve.ts";
export * from "./rows.ts";
export type * from "./types.ts";

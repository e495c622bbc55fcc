export * from "./check.ts";
export * from "./color.ts";
export * from "./tokens.ts";

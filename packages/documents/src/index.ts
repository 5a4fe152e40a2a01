export * from "./import/index.ts";
export type * from "./model/table.ts";
export * from "./read/index.ts";
export * from "./text/index.ts";
export * from "./write/index.ts";

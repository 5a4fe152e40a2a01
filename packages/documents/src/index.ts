export type * from "./model/table.ts";
export * from "./read/index.ts";

export * from "./import/index.ts";
export {
  ALL_CANDIDATES,
  type CandidateName,
  formatExplanation,
  type LayoutExplanation,
  type LayoutOptions,
  type LayoutResult,
  recoverLayout,
} from "./layout/index.ts";
export type * from "./model/table.ts";
export * from "./read/index.ts";
export * from "./text/index.ts";
export * from "./vocabulary/index.ts";
export * from "./write/index.ts";

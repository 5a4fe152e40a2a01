export * from "./errors/domain-error.ts";
export type { Ratio } from "./numbers/decimal.ts";
export * as decimal from "./numbers/decimal.ts";
export type * from "./targets/types.ts";

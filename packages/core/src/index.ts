export * from "./errors/domain-error.ts";
export type { Ratio } from "./numbers/decimal.ts";
export * as decimal from "./numbers/decimal.ts";
export type * from "./targets/types.ts";
export * from "./money/budget.ts";
export * from "./money/money.ts";
export * from "./scoring/input.ts";
export * from "./scoring/scheme.ts";
export * from "./scoring/score.ts";

/**
 * The business rules the web app uses, all from packages/core (never rewritten here).
 * While core's index does not yet export its money, scoring and target modules, they are reached by path;
 * switch these lines to `from "@jixiao/core"` once it does (the import of "@jixiao/core" below also runs the
 * index, which installs core's default target parser and comparison for the scorer).
 */
export { DomainError, decimal, formatLocation } from "@jixiao/core";
export { executionRate, type Light, monitoringLight } from "../../../core/src/money/budget.ts";
export { type Fen, formatWanYuan, formatYuan, parseWanYuan, parseYuan } from "../../../core/src/money/money.ts";
export {
  BUILTIN_SCHEMES,
  type ScoringScheme,
  type TierKey,
} from "../../../core/src/scoring/scheme.ts";
export { computeScores, type EvaluationInput, type ExactEvaluation } from "../../../core/src/scoring/score.ts";
export { parseTarget } from "../../../core/src/targets/parse.ts";
export { renderTarget } from "../../../core/src/targets/render.ts";

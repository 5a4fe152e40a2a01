/**
 * The business rules the web app uses, all from @jixiao/core (never rewritten here): one list, so that what the
 * UI relies on is visible at a glance.
 */
export {
  BUILTIN_SCHEMES,
  computeScores,
  DomainError,
  decimal,
  type EvaluationInput,
  type ExactEvaluation,
  executionRate,
  type Fen,
  formatLocation,
  formatWanYuan,
  formatYuan,
  type Light,
  monitoringLight,
  parseTarget,
  parseWanYuan,
  parseYuan,
  renderTarget,
  type ScoringScheme,
  type TierKey,
} from "@jixiao/core";
/** The indicator library's key of a name (full/half width, spaces, numbering, trailing units folded). */
export { normaliseIndicatorName } from "@jixiao/core/library";

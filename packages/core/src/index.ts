/** Stage deadlines (时间节点): days left and overdue against a given today. */
export * from "./deadlines/index.ts";
export * from "./errors/domain-error.ts";
/** 事前绩效评估 of new projects. */
export * from "./exante/index.ts";
/** Expert and third-party review (专家评审). */
export * from "./expert/index.ts";
export * from "./money/budget.ts";
export * from "./money/money.ts";
/** In-year monitoring (双监控). */
export * from "./monitoring/index.ts";
export type { Ratio } from "./numbers/decimal.ts";
export * as decimal from "./numbers/decimal.ts";
/** Rectification (整改): the life cycle and the items proposed from an evaluation's shortfalls. */
export * from "./rectification/index.ts";
export * from "./review/index.ts";
export * from "./scoring/from-document.ts";
export * from "./scoring/input.ts";
export { type Normalisation, type NormalisedGroup, normalisePoints } from "./scoring/normalise.ts";
export {
  recogniseScheme,
  type SchemeEvidence,
  type SchemeRecognition,
  type SelfEvaluationPart,
  selfEvaluationParts,
} from "./scoring/recognise.ts";
export * from "./scoring/scheme.ts";
export { checkSchemeJson, type SchemeCheck, ScoringSchemeSchema } from "./scoring/scheme-json.ts";
export * from "./scoring/score.ts";
export { suggestPoints } from "./scoring/suggest-points.ts";
export { compareActual, convertUnit } from "./targets/compare.ts";
export { UNITS as MEASURE_UNITS } from "./targets/lexicon.ts";
export { parseCnInt } from "./targets/numerals.ts";
export {
  DEFAULT_OPERATOR_CODES,
  type OperatorCodeTable,
  type ResolvedOperatorCode,
  resolveOperatorCode,
} from "./targets/operator-codes.ts";
export {
  canonicalUnit,
  isShareName,
  normalizeTargetText,
  type ParseHints,
  parseTarget,
  qualityOf,
} from "./targets/parse.ts";
export { renderTarget } from "./targets/render.ts";
export { asksForDate } from "./targets/serial-date.ts";
export type * from "./targets/types.ts";
export { checkTiers } from "./tiers/check.ts";
export { type ParseTiersOptions, parseTiers, tierOf } from "./tiers/parse.ts";
export * from "./tiers/types.ts";
export * from "./versions/diff.ts";
/** The indicator framework's vocabulary (levels 1 and 2), which the rules and the web's pickers share. */
export * from "./vocabulary/indicator-framework.ts";

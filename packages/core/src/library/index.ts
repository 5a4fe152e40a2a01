/** The indicator library (指标库): names normalised, usages grouped with typical values, suggestions, review rules. */
export { buildLibrary, formOf, median, readUsageTarget } from "./build.ts";
export { MAX_TRAILING_BRACKET, normaliseIndicatorName } from "./normalise.ts";
export {
  DEFAULT_LIBRARY_RULE_PARAMS,
  type LibraryHistory,
  type LibraryRuleParams,
  libraryRules,
  type PreviousActual,
} from "./rules.ts";
export { type SuggestOptions, suggestIndicators } from "./suggest.ts";
export type * from "./types.ts";

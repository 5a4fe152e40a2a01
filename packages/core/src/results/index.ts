/** 结果应用: this year's evaluation into next year's budget — the bureau's rules and the recommendation per project. */
export {
  type CarryLink,
  continuingKey,
  type EvaluationFacts,
  type LinkableProject,
  type LinkedBy,
  linkContinuing,
  type NextProject,
  type PreviousProject,
  type Recommendation,
  type RecommendationReason,
  type RecommendationStatus,
  type RecommendOptions,
  recommendBudgets,
} from "./recommend.ts";
export {
  checkResultRules,
  DEFAULT_RESULT_RULES,
  type ExecutionRule,
  type GradeRule,
  RESULT_ACTION_LABELS,
  RESULT_ACTIONS,
  type ResultAction,
  type ResultRules,
  severity,
} from "./rules.ts";

/** Automatic review (绩效目标审核) and consistency checks on a normalised document. */

export { DEFAULT_REVIEW_CONFIG, resolveReviewConfig } from "./config.ts";
export { parseReviewConfig, ReviewConfigSchema } from "./config-schema.ts";
export { RULES, reviewDocument, reviewFindings } from "./engine.ts";
export * from "./types.ts";
export { finalVerdict, overruleVerdict, verdictOf } from "./verdict.ts";

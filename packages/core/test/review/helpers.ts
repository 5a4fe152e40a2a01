import type { ImportedDocument } from "../../src/model/document.ts";
import { resolveReviewConfig } from "../../src/review/config.ts";
import type { ReviewConfigInput, Rule, RuleFinding } from "../../src/review/types.ts";

/** Runs one rule on a document with the default configuration (or the given overrides). */
export function run(rule: Rule, doc: ImportedDocument, config: ReviewConfigInput = {}): RuleFinding[] {
  return rule.check(doc, resolveReviewConfig(config));
}

/**
 * Rectification (整改): a problem found in a review, an evaluation, a monitoring round or by an expert, given to the
 * unit that owns it with a deadline and the measures required; the unit answers with the measures taken and
 * evidence; the reviewer accepts (已验收) or returns (退回) it. The words of the life cycle as data.
 */
import type { LocalizedText } from "../errors/domain-error.ts";

/**
 * 待整改 → (the unit saves its answer) 整改中 → (submits) 已提交 → 已验收, or → 退回 → 整改中/已提交 → …
 * A pending or returned item may also be submitted at once.
 */
export const RECTIFICATION_STATES = ["pending", "in_progress", "submitted", "accepted", "returned"] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];

export const RECTIFICATION_STATE_NAMES: Record<RectificationState, LocalizedText> = {
  pending: { zh: "待整改", en: "To rectify" },
  in_progress: { zh: "整改中", en: "In progress" },
  submitted: { zh: "已提交", en: "Submitted" },
  accepted: { zh: "已验收", en: "Accepted" },
  returned: { zh: "退回", en: "Returned" },
};

/** Where the problem came from. */
export const RECTIFICATION_SOURCES = ["review_finding", "evaluation", "monitoring_warning", "expert_opinion"] as const;
export type RectificationSource = (typeof RECTIFICATION_SOURCES)[number];

export const RECTIFICATION_SOURCE_NAMES: Record<RectificationSource, LocalizedText> = {
  review_finding: { zh: "审核发现", en: "Review finding" },
  evaluation: { zh: "评价结果", en: "Evaluation shortfall" },
  monitoring_warning: { zh: "监控预警", en: "Monitoring warning" },
  expert_opinion: { zh: "专家意见", en: "Expert opinion" },
};

/** The unit's steps (answer, submit) and the reviewer's (accept, return). */
export const RECTIFICATION_ACTIONS = ["answer", "submit", "accept", "return"] as const;
export type RectificationAction = (typeof RECTIFICATION_ACTIONS)[number];

export const RECTIFICATION_ACTION_NAMES: Record<RectificationAction, LocalizedText> = {
  answer: { zh: "填报整改情况", en: "Answer" },
  submit: { zh: "提交整改情况", en: "Submit" },
  accept: { zh: "验收通过", en: "Accept" },
  return: { zh: "退回整改", en: "Return" },
};

/** Who takes a step: the unit (filler) or the reviewer. */
export const RECTIFICATION_ACTOR: Record<RectificationAction, "unit" | "reviewer"> = {
  answer: "unit",
  submit: "unit",
  accept: "reviewer",
  return: "reviewer",
};

/** What kind of shortfall of a self-evaluation an item is about. */
export const SHORTFALL_KINDS = ["missed_target", "grade", "execution"] as const;
export type ShortfallKind = (typeof SHORTFALL_KINDS)[number];

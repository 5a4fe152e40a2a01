/**
 * The review workflow of goals, budgets and self-evaluations (pure rules, no I/O):
 *   draft ──submit──▶ submitted ──approve──▶ approved (frozen)
 *   returned ──submit──▶ submitted ──return──▶ returned
 * Only draft and returned records are editable; nobody approves or returns their own submission.
 */
import type { WorkflowState } from "../db/columns.ts";

export type WorkflowAction = "submit" | "approve" | "return";

export const TRANSITIONS: Record<WorkflowAction, { from: readonly WorkflowState[]; to: WorkflowState }> = {
  submit: { from: ["draft", "returned"], to: "submitted" },
  approve: { from: ["submitted"], to: "approved" },
  return: { from: ["submitted"], to: "returned" },
};

export function isEditable(state: WorkflowState): boolean {
  return state === "draft" || state === "returned";
}

/** The next state, or undefined when the action is not allowed from `state`. */
export function nextState(state: WorkflowState, action: WorkflowAction): WorkflowState | undefined {
  const t = TRANSITIONS[action];
  return t.from.includes(state) ? t.to : undefined;
}

export const STATE_NAMES: Record<WorkflowState, { zh: string; en: string }> = {
  draft: { zh: "草稿", en: "draft" },
  submitted: { zh: "已提交", en: "submitted" },
  approved: { zh: "已审核通过", en: "approved" },
  returned: { zh: "已退回", en: "returned" },
};

export const ACTION_NAMES: Record<WorkflowAction, { zh: string; en: string }> = {
  submit: { zh: "提交", en: "submit" },
  approve: { zh: "审核通过", en: "approve" },
  return: { zh: "退回", en: "return" },
};

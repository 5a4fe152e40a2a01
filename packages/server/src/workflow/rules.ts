/**
 * The two-step review workflow of projects, department goals and self-evaluations (pure rules, no I/O):
 *   draft ──submit──▶ submitted ──unit_approve──▶ unit_approved ──approve──▶ approved (frozen)
 *   returned ──submit──▶ submitted ──return──▶ returned        unit_approved ──return──▶ returned
 * The filler submits; the unit approver (单位审核) approves or returns a submitted record; the reviewer (主管/财政
 * 审核) approves or returns a unit-approved one. Only draft and returned records are editable; nobody
 * approves or returns their own submission, and the reviewer is not the person who unit-approved it.
 */
import type { Permission } from "../accounts/authorize.ts";
import type { WorkflowState } from "../db/columns.ts";

export const WORKFLOW_ACTIONS = ["submit", "unit_approve", "approve", "return"] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export const TRANSITIONS: Record<WorkflowAction, { from: readonly WorkflowState[]; to: WorkflowState }> = {
  submit: { from: ["draft", "returned"], to: "submitted" },
  unit_approve: { from: ["submitted"], to: "unit_approved" },
  approve: { from: ["unit_approved"], to: "approved" },
  return: { from: ["submitted", "unit_approved"], to: "returned" },
};

/** The URL segment of each action: POST /<area>/{id}/<segment>. */
export const ACTION_PATHS: Record<WorkflowAction, string> = {
  submit: "submit",
  unit_approve: "unit-approve",
  approve: "approve",
  return: "return",
};

export function isEditable(state: WorkflowState): boolean {
  return state === "draft" || state === "returned";
}

/** The next state, or undefined when the action is not allowed from `state`. */
export function nextState(state: WorkflowState, action: WorkflowAction): WorkflowState | undefined {
  const t = TRANSITIONS[action];
  return t.from.includes(state) ? t.to : undefined;
}

/**
 * The permissions of which the actor must hold one to take `action` on a record in `state`: submitting is the
 * filler's (business.write), unit approval the unit approver's (business.unit_approve), approval the
 * reviewer's (business.review); a return is the unit approver's at the first stage and the reviewer's at the
 * second, and from a state no return leaves (draft, approved, returned) either role is told the state (409)
 * rather than refused the role (403).
 */
export function permissionsFor(action: WorkflowAction, state: WorkflowState): readonly Permission[] {
  switch (action) {
    case "submit":
      return ["business.write"];
    case "unit_approve":
      return ["business.unit_approve"];
    case "approve":
      return ["business.review"];
    case "return":
      return state === "unit_approved"
        ? ["business.review"]
        : state === "submitted"
          ? ["business.unit_approve"]
          : ["business.unit_approve", "business.review"];
  }
}

export const STATE_NAMES: Record<WorkflowState, { zh: string; en: string }> = {
  draft: { zh: "草稿", en: "draft" },
  submitted: { zh: "已提交，待单位审核", en: "submitted (waiting for the unit approver)" },
  unit_approved: { zh: "单位已审核，待主管/财政审核", en: "unit-approved (waiting for the reviewer)" },
  approved: { zh: "审核通过", en: "approved" },
  returned: { zh: "已退回", en: "returned" },
};

export const ACTION_NAMES: Record<WorkflowAction, { zh: string; en: string }> = {
  submit: { zh: "提交", en: "submit" },
  unit_approve: { zh: "单位审核通过", en: "unit-approve" },
  approve: { zh: "审核通过", en: "approve" },
  return: { zh: "退回", en: "return" },
};

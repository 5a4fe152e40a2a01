/**
 * The checks every workflow step makes, whatever the record (projects, department goals, self-evaluations):
 * the action must be allowed from the current state, nobody reviews their own submission, the reviewer is not
 * the person who unit-approved the record, a return needs a comment. Returns the next state or throws the
 * error to answer. (The role is checked before, by authorize() with `permissionsFor(action, state)`.)
 */
import { DomainError } from "@jixiao/core";
import type { WorkflowState } from "../db/columns.ts";
import { ServerError } from "../http/errors.ts";
import { ACTION_NAMES, nextState, STATE_NAMES, type WorkflowAction } from "./rules.ts";

export function checkTransition(
  current: { workflowState: WorkflowState; submittedBy: string | null; unitApprovedBy?: string | null | undefined },
  action: WorkflowAction,
  actorId: string,
  comment: string | undefined,
): WorkflowState {
  const to = nextState(current.workflowState, action);
  if (!to) {
    throw new ServerError(
      "not_editable",
      {
        zh: `状态为「${STATE_NAMES[current.workflowState].zh}」的记录不能「${ACTION_NAMES[action].zh}」`,
        en: `A ${STATE_NAMES[current.workflowState].en} record cannot be given "${ACTION_NAMES[action].en}"`,
      },
      { details: { state: current.workflowState, action } },
    );
  }
  if (action !== "submit" && current.submittedBy === actorId) {
    throw new DomainError("forbidden", { zh: "不能审核自己提交的记录", en: "You cannot review your own submission" });
  }
  if (current.workflowState === "unit_approved" && action !== "submit" && current.unitApprovedBy === actorId) {
    throw new DomainError("forbidden", {
      zh: "单位审核人不能再作主管/财政审核",
      en: "You unit-approved this record: another reviewer must review it",
    });
  }
  if (action === "return" && !comment?.trim()) {
    throw new DomainError(
      "invalid_input",
      { zh: "退回时须填写意见", en: "A return needs a comment" },
      { field: "comment" },
    );
  }
  return to;
}

export function notEditable(state: WorkflowState): ServerError {
  return new ServerError(
    "not_editable",
    {
      zh: `当前状态为「${STATE_NAMES[state].zh}」，只有草稿或已退回的记录可以修改`,
      en: `The record is ${STATE_NAMES[state].en}: only drafts and returned records can be edited`,
    },
    { details: { state } },
  );
}

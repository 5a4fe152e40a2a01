import type { FlowAction, FlowState } from "./api.ts";

export interface FlowRecord {
  state: FlowState;
  /** Who submitted the record as it stands (nobody acts on their own submission). */
  submittedBy: string | null;
}

export interface FlowUser {
  id: string;
  roles: readonly string[];
}

export function isEditableState(state: FlowState): boolean {
  return state === "draft" || state === "returned";
}

/**
 * The actions the user may take on the record now, as the server allows them: the filler submits a draft or a
 * returned record; the unit approver approves or returns a submitted one; the reviewer approves or returns one
 * the unit has approved; nobody acts on their own submission. (The server checks again, with the organisation.)
 */
export function allowedActions(rec: FlowRecord, user: FlowUser | undefined): FlowAction[] {
  if (!user) return [];
  const has = (r: string) => user.roles.includes(r);
  const own = rec.submittedBy !== null && rec.submittedBy === user.id;
  const out: FlowAction[] = [];
  if (isEditableState(rec.state) && has("filler")) out.push("submit");
  if (own) return out;
  if (rec.state === "submitted" && has("unit_approver")) out.push("unit_approve", "return");
  if (rec.state === "unit_approved" && has("reviewer")) out.push("approve", "return");
  return out;
}

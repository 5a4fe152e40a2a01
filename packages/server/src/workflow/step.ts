/**
 * What every workflow step writes besides the record's own state, in the caller's transaction: the transition
 * (history), a snapshot of the record when it is submitted and when it becomes approved (so two versions can
 * be compared, and the approved one stays frozen), the audit row and the notifications. One place for all kinds of record
 * (projects, department goals, self-evaluations).
 */
import type { Actor } from "../accounts/actor.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../db/open.ts";
import { notifyWorkflowStep } from "../notifications/notify.ts";
import { insertSnapshot, insertTransition } from "./repository.ts";
import type { WorkflowAction } from "./rules.ts";

/** The states in which the record is snapshotted: as submitted and as approved. */
export const SNAPSHOT_STATES: readonly string[] = ["submitted", "approved"];

export interface WorkflowStep {
  entityType: string;
  entityId: string;
  orgId: string;
  actor: Actor;
  action: WorkflowAction;
  from: { state: string; version: number };
  to: { state: string; version: number };
  comment?: string | undefined;
  at: Date;
  /** The record as it is now (with its rows: indicators, items); called only when the step snapshots it. */
  snapshot: () => Promise<unknown> | unknown;
}

export async function recordWorkflowStep(tx: Db, step: WorkflowStep): Promise<void> {
  await insertTransition(tx, {
    entityType: step.entityType,
    entityId: step.entityId,
    orgId: step.orgId,
    fromState: step.from.state,
    toState: step.to.state,
    action: step.action,
    actorId: step.actor.accountId,
    comment: step.comment ?? null,
    entityVersion: step.to.version,
  });
  if (SNAPSHOT_STATES.includes(step.to.state)) {
    await insertSnapshot(tx, {
      entityType: step.entityType,
      entityId: step.entityId,
      entityVersion: step.to.version,
      state: step.to.state,
      snapshot: await step.snapshot(),
    });
  }
  await recordAudit(tx, {
    actor: step.actor,
    orgId: step.orgId,
    action: `workflow.${step.action}`,
    entityType: step.entityType,
    entityId: step.entityId,
    before: step.from,
    after: step.to,
    details: step.comment ? { comment: step.comment } : undefined,
    at: step.at,
  });
  // The notification centre: who has to act next, or whose record came back or through.
  await notifyWorkflowStep(tx, {
    entityType: step.entityType,
    entityId: step.entityId,
    orgId: step.orgId,
    actorId: step.actor.accountId,
    action: step.action,
    comment: step.comment,
    at: step.at,
  });
}

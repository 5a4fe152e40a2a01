/**
 * One workflow step of any reviewable record (projects, department goals, self-evaluations): read it →
 * authorise the role the step needs in the record's current state → the fiscal year must be open → the version
 * must be the one read → the workflow checks (state, own submission, own unit approval, comment) → the
 * state change guarded by version and state → transition, snapshot and audit (recordWorkflowStep), in one
 * transaction.
 */
import type { Actor } from "../accounts/actor.ts";
import { authorize, type Permission } from "../accounts/authorize.ts";
import type { WorkflowState } from "../db/columns.ts";
import { explainMiss, type OwnedRecord, type RecordKind, recordFor } from "../db/editable.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";
import { staleVersion } from "../http/errors.ts";
import { assertOpenYear } from "../years/guard.ts";
import { checkTransition } from "./guard.ts";
import { lastUnitApprover } from "./repository.ts";
import { permissionsFor, type WorkflowAction } from "./rules.ts";
import { recordWorkflowStep } from "./step.ts";

/** A kind of record that goes through the workflow. */
export interface ReviewableKind<R extends OwnedRecord, P> extends RecordKind<R, P> {
  /** Set the state (and the submitter) when version and state still match; the updated row, or undefined. */
  setState(
    tx: Db,
    id: string,
    version: number,
    patch: { workflowState: WorkflowState; submittedBy?: string },
    now: Date,
    fromState: WorkflowState,
  ): Promise<Partial<R> | undefined>;
  /** What a snapshot holds besides the presented record: its rows (indicators, items). */
  snapshotRows(tx: Db, id: string): Promise<Record<string, unknown>>;
  /** A check of the kind's own before the step (after the workflow's): throws to refuse it. */
  checkStep?(
    deps: Pick<Deps, "db"> & Partial<Pick<Deps, "settings">>,
    record: R,
    action: WorkflowAction,
  ): Promise<void>;
}

/** The actor when they hold one of `permissions` on the organisation; else the first permission's refusal. */
function authorizeAny(actor: Actor | undefined, permissions: readonly Permission[], orgPath: string): Actor {
  let refusal: unknown;
  for (const p of permissions) {
    try {
      return authorize(actor, p, { orgPath });
    } catch (e) {
      refusal ??= e;
    }
  }
  throw refusal;
}

export async function transitionRecord<R extends OwnedRecord, P>(
  deps: Pick<Deps, "db" | "now"> & Partial<Pick<Deps, "settings">>,
  actor: Actor | undefined,
  kind: ReviewableKind<R, P>,
  id: string,
  action: WorkflowAction,
  input: { version: number; comment?: string | undefined },
): Promise<P> {
  const current = await recordFor(deps.db, actor, kind, id);
  const a = authorizeAny(actor, permissionsFor(action, current.workflowState), current.orgPath);
  await assertOpenYear(deps.db, current.year);
  if (current.version !== input.version) throw staleVersion(kind.present(current));
  const unitApprovedBy =
    current.workflowState === "unit_approved" ? await lastUnitApprover(deps.db, kind.entityType, id) : null;
  const to = checkTransition({ ...current, unitApprovedBy }, action, a.accountId, input.comment);
  await kind.checkStep?.(deps, current, action);
  return transact(deps.db, async (tx) => {
    const row = await kind.setState(
      tx,
      id,
      input.version,
      { workflowState: to, ...(action === "submit" ? { submittedBy: a.accountId } : {}) },
      deps.now(),
      current.workflowState,
    );
    if (!row) return explainMiss(tx, kind, id, input.version, false);
    const updated: R = { ...current, ...row };
    const after = kind.present(updated);
    await recordWorkflowStep(tx, {
      entityType: kind.entityType,
      entityId: id,
      orgId: current.orgId,
      actor: a,
      action,
      from: { state: current.workflowState, version: current.version },
      to: { state: to, version: updated.version },
      comment: input.comment,
      at: deps.now(),
      snapshot: async () => ({ ...after, ...(await kind.snapshotRows(tx, id)) }),
    });
    return after;
  });
}

/**
 * The one way an editable record of an organisation is read and changed (projects, department goals,
 * self-evaluations): read it → authorise the role on its organisation (404 when invisible, 403 when the role may
 * not) → the fiscal year must be open → a draft or returned record only → the guarded, versioned write → the
 * audit row, in one transaction. When the write matches no row, the reason is told: gone (404), stale (409 with
 * the current record) or no longer editable (409).
 */
import type { LocalizedText } from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import { authorize, type Permission } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Deps } from "../http/context.ts";
import { notFound, staleVersion } from "../http/errors.ts";
import { notEditable } from "../workflow/guard.ts";
import { isEditable } from "../workflow/rules.ts";
import { assertOpenYear } from "../years/guard.ts";
import type { WorkflowState } from "./columns.ts";
import type { Db } from "./open.ts";
import { transact } from "./transaction.ts";

/** What every editable record has: its organisation (and path, for the scope), year, version and state. */
export interface OwnedRecord {
  id: string;
  orgId: string;
  orgPath: string;
  year: number;
  version: number;
  workflowState: WorkflowState;
  submittedBy: string | null;
}

/** One kind of editable record: how it is found and presented, and what it is called (audit, errors). */
export interface RecordKind<R extends OwnedRecord, P> {
  /** The entity type in audit rows, transitions and snapshots: "project", "department_goal"… */
  entityType: string;
  /** Its name in a "not found" message. */
  what: LocalizedText;
  find(db: Db, id: string): Promise<R | undefined>;
  present(row: R): P;
}

/** The record when the actor holds `permission` on its organisation; 404 when invisible, 403 when read-only. */
export async function recordFor<R extends OwnedRecord, P>(
  db: Db,
  actor: Actor | undefined,
  kind: RecordKind<R, P>,
  id: string,
  permission: Permission = "business.read",
): Promise<R> {
  const row = await kind.find(db, id);
  if (!row) {
    authorize(actor, "business.read");
    throw notFound(kind.what);
  }
  authorize(actor, permission, { orgPath: row.orgPath });
  return row;
}

/** Why a versioned write matched no row: gone (404), stale (409 + current), or not editable (409). */
export async function explainMiss<R extends OwnedRecord, P>(
  db: Db,
  kind: RecordKind<R, P>,
  id: string,
  expectedVersion: number,
  needEditable: boolean,
): Promise<never> {
  const now = await kind.find(db, id);
  if (!now) throw notFound(kind.what);
  if (now.version !== expectedVersion) throw staleVersion(kind.present(now));
  if (needEditable && !isEditable(now.workflowState)) throw notEditable(now.workflowState);
  throw staleVersion(kind.present(now));
}

export interface Edit<R, T> {
  /** The audit action: "project.update"… */
  action: string;
  /**
   * The write, guarded by the version and by the editable states; undefined when it matched no row (the
   * helper then tells why). Runs in the transaction.
   */
  write(tx: Db, current: R, actor: Actor): Promise<T | undefined>;
  /** The audit row's before and after. */
  audit(current: R, result: T): { before?: unknown; after?: unknown };
}

/** Change an editable record (draft or returned) of an open year, as the filler; audited in the same transaction. */
export async function editRecord<R extends OwnedRecord, P, T>(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  kind: RecordKind<R, P>,
  id: string,
  version: number,
  edit: Edit<R, T>,
): Promise<T> {
  const current = await recordFor(deps.db, actor, kind, id, "business.write");
  const a = authorize(actor, "business.write", { orgPath: current.orgPath });
  await assertOpenYear(deps.db, current.year);
  if (current.version === version && !isEditable(current.workflowState)) throw notEditable(current.workflowState);
  return transact(deps.db, async (tx) => {
    const result = await edit.write(tx, current, a);
    if (result === undefined) return explainMiss(tx, kind, id, version, true);
    const { before, after } = edit.audit(current, result);
    await recordAudit(tx, {
      actor: a,
      orgId: current.orgId,
      action: edit.action,
      entityType: kind.entityType,
      entityId: id,
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
      at: deps.now(),
    });
    return result;
  });
}

/** SQL for the workflow history (transitions) and the version snapshots of any reviewable record. */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { accounts } from "../accounts/schema.ts";
import type { Db } from "../db/open.ts";
import { recordSnapshots, workflowTransitions } from "./schema.ts";

export async function insertTransition(db: Db, row: typeof workflowTransitions.$inferInsert): Promise<void> {
  await db.insert(workflowTransitions).values(row);
}

export async function insertSnapshot(db: Db, row: typeof recordSnapshots.$inferInsert): Promise<void> {
  await db.insert(recordSnapshots).values(row);
}

/** The account's display name, or its username when the display name is empty. */
const accountName = sql<string | null>`coalesce(nullif(${accounts.displayName}, ''), ${accounts.username})`;

/** The record's transitions, oldest first, each with the name of the account that made it. */
export async function transitionsOf(db: Db, entityType: string, entityId: string) {
  return db
    .select({
      id: workflowTransitions.id,
      fromState: workflowTransitions.fromState,
      toState: workflowTransitions.toState,
      action: workflowTransitions.action,
      actorId: workflowTransitions.actorId,
      actorName: accountName,
      comment: workflowTransitions.comment,
      entityVersion: workflowTransitions.entityVersion,
      createdAt: workflowTransitions.createdAt,
    })
    .from(workflowTransitions)
    .leftJoin(accounts, eq(accounts.id, workflowTransitions.actorId))
    .where(and(eq(workflowTransitions.entityType, entityType), eq(workflowTransitions.entityId, entityId)))
    .orderBy(asc(workflowTransitions.createdAt), asc(workflowTransitions.entityVersion), asc(workflowTransitions.id));
}

/** Who made the latest unit approval of the record (the one that put it in `unit_approved`), if any. */
export async function lastUnitApprover(db: Db, entityType: string, entityId: string): Promise<string | null> {
  const [row] = await db
    .select({ actorId: workflowTransitions.actorId })
    .from(workflowTransitions)
    .where(
      and(
        eq(workflowTransitions.entityType, entityType),
        eq(workflowTransitions.entityId, entityId),
        eq(workflowTransitions.action, "unit_approve"),
      ),
    )
    .orderBy(desc(workflowTransitions.entityVersion), desc(workflowTransitions.createdAt))
    .limit(1);
  return row?.actorId ?? null;
}

/** The transition that produced a snapshot: same record, version and resulting state. */
const snapshotTransition = and(
  eq(workflowTransitions.entityType, recordSnapshots.entityType),
  eq(workflowTransitions.entityId, recordSnapshots.entityId),
  eq(workflowTransitions.entityVersion, recordSnapshots.entityVersion),
  eq(workflowTransitions.toState, recordSnapshots.state),
);

/** The record's snapshots (without their content), oldest first, with who made the step that took each. */
export async function snapshotsOf(db: Db, entityType: string, entityId: string) {
  return db
    .select({
      id: recordSnapshots.id,
      version: recordSnapshots.entityVersion,
      state: recordSnapshots.state,
      createdAt: recordSnapshots.createdAt,
      actorId: workflowTransitions.actorId,
      actorName: accountName,
    })
    .from(recordSnapshots)
    .leftJoin(workflowTransitions, snapshotTransition)
    .leftJoin(accounts, eq(accounts.id, workflowTransitions.actorId))
    .where(and(eq(recordSnapshots.entityType, entityType), eq(recordSnapshots.entityId, entityId)))
    .orderBy(asc(recordSnapshots.entityVersion), asc(recordSnapshots.createdAt), asc(recordSnapshots.id));
}

/** One snapshot of the record with its content, or undefined (also when it belongs to another record). */
export async function findSnapshot(db: Db, entityType: string, entityId: string, snapshotId: string) {
  const [row] = await db
    .select({
      id: recordSnapshots.id,
      version: recordSnapshots.entityVersion,
      state: recordSnapshots.state,
      createdAt: recordSnapshots.createdAt,
      snapshot: recordSnapshots.snapshot,
      actorId: workflowTransitions.actorId,
      actorName: accountName,
    })
    .from(recordSnapshots)
    .leftJoin(workflowTransitions, snapshotTransition)
    .leftJoin(accounts, eq(accounts.id, workflowTransitions.actorId))
    .where(
      and(
        eq(recordSnapshots.id, snapshotId),
        eq(recordSnapshots.entityType, entityType),
        eq(recordSnapshots.entityId, entityId),
      ),
    )
    .limit(1);
  return row;
}

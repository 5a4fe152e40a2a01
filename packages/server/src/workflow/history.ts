/**
 * Reading a record's workflow history and version snapshots, once the caller has checked that the actor may
 * read the record.
 */
import type { Db } from "../db/open.ts";
import { notFound } from "../http/errors.ts";
import { findSnapshot, snapshotsOf, transitionsOf } from "./repository.ts";
import type { Transition } from "./routes.ts";

export async function historyOf(db: Db, entityType: string, entityId: string): Promise<{ items: Transition[] }> {
  const rows = await transitionsOf(db, entityType, entityId);
  return {
    items: rows.map((r) => {
      const at = r.createdAt.toISOString();
      return {
        fromState: r.fromState,
        toState: r.toState,
        action: r.action,
        actorId: r.actorId,
        actorName: r.actorName,
        comment: r.comment,
        entityVersion: r.entityVersion,
        at,
        // The same under the names the web client uses.
        from: r.fromState,
        to: r.toState,
        version: r.entityVersion,
        createdAt: at,
      };
    }),
  };
}

export async function snapshotListOf(db: Db, entityType: string, entityId: string) {
  const rows = await snapshotsOf(db, entityType, entityId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      version: r.version,
      state: r.state,
      createdAt: r.createdAt.toISOString(),
      actorName: r.actorName,
    })),
  };
}

export async function snapshotOf(db: Db, entityType: string, entityId: string, snapshotId: string) {
  const r = await findSnapshot(db, entityType, entityId, snapshotId);
  if (!r) throw notFound({ zh: "版本快照", en: "snapshot" });
  return {
    id: r.id,
    version: r.version,
    state: r.state,
    createdAt: r.createdAt.toISOString(),
    actorName: r.actorName,
    snapshot: r.snapshot,
  };
}

import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/open.ts";
import { recordSnapshots, workflowTransitions } from "./schema.ts";

export async function insertTransition(db: Db, row: typeof workflowTransitions.$inferInsert): Promise<void> {
  await db.insert(workflowTransitions).values(row);
}

export async function insertSnapshot(db: Db, row: typeof recordSnapshots.$inferInsert): Promise<void> {
  await db.insert(recordSnapshots).values(row);
}

export async function transitionsOf(db: Db, entityType: string, entityId: string) {
  return db
    .select()
    .from(workflowTransitions)
    .where(and(eq(workflowTransitions.entityType, entityType), eq(workflowTransitions.entityId, entityId)))
    .orderBy(asc(workflowTransitions.createdAt), asc(workflowTransitions.id));
}

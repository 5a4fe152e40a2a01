/** SQL for rectification items, their evidence files and their steps. */
import { and, asc, desc, eq, inArray, like, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/open.ts";
import { selfEvaluations } from "../evaluations/schema.ts";
import { departmentGoals } from "../indicators/schema.ts";
import { monitoringRecords } from "../monitoring/schema.ts";
import { likePrefix } from "../orgs/repository.ts";
import { organisations } from "../orgs/schema.ts";
import { projects } from "../projects/schema.ts";
import {
  type RectificationAttachmentRow,
  type RectificationItemRow,
  type RectificationStepRow,
  rectificationAttachments,
  rectificationItems,
  rectificationSteps,
} from "./schema.ts";

export type ItemWithOrg = RectificationItemRow & { orgPath: string; orgName: string };

const columns = { i: rectificationItems, orgPath: organisations.path, orgName: organisations.name };
const flat = (r: { i: RectificationItemRow; orgPath: string; orgName: string }): ItemWithOrg => ({
  ...r.i,
  orgPath: r.orgPath,
  orgName: r.orgName,
});

export async function findItem(db: Db, id: string): Promise<ItemWithOrg | undefined> {
  const [row] = await db
    .select(columns)
    .from(rectificationItems)
    .innerJoin(organisations, eq(organisations.id, rectificationItems.orgId))
    .where(eq(rectificationItems.id, id))
    .limit(1);
  return row ? flat(row) : undefined;
}

export interface ItemFilter {
  /** The reader's subtrees (undefined: all). */
  paths?: string[] | undefined;
  underPath?: string | undefined;
  year?: number | undefined;
  states?: string[] | undefined;
  sourceEntityId?: string | undefined;
}

/** Items in the reader's scope, soonest deadline first. */
export async function listItems(db: Db, f: ItemFilter): Promise<ItemWithOrg[]> {
  const conds: SQL[] = [];
  if (f.paths) {
    if (f.paths.length === 0) return [];
    conds.push(or(...f.paths.map((p) => like(organisations.path, likePrefix(p))))!);
  }
  if (f.underPath) conds.push(like(organisations.path, likePrefix(f.underPath)));
  if (f.year !== undefined) conds.push(eq(rectificationItems.year, f.year));
  if (f.states && f.states.length > 0) conds.push(inArray(rectificationItems.state, f.states));
  if (f.sourceEntityId) conds.push(eq(rectificationItems.sourceEntityId, f.sourceEntityId));
  const rows = await db
    .select(columns)
    .from(rectificationItems)
    .innerJoin(organisations, eq(organisations.id, rectificationItems.orgId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(rectificationItems.deadline), asc(organisations.path), asc(rectificationItems.createdAt))
    .limit(2000);
  return rows.map(flat);
}

export async function insertItem(
  db: Db,
  values: typeof rectificationItems.$inferInsert,
): Promise<RectificationItemRow> {
  const [row] = await db.insert(rectificationItems).values(values).returning();
  return row!;
}

export type ItemPatch = Partial<
  Pick<
    RectificationItemRow,
    | "state"
    | "measuresTaken"
    | "answeredBy"
    | "answeredAt"
    | "submittedAt"
    | "reviewComment"
    | "decidedBy"
    | "decidedAt"
  >
>;

/** The versioned write, guarded by the version and the state read. */
export async function updateItem(
  db: Db,
  id: string,
  guard: { version: number; state: string },
  patch: ItemPatch,
  now: Date,
): Promise<RectificationItemRow | undefined> {
  const [row] = await db
    .update(rectificationItems)
    .set({ ...patch, version: sql`${rectificationItems.version} + 1`, updatedAt: now })
    .where(
      and(
        eq(rectificationItems.id, id),
        eq(rectificationItems.version, guard.version),
        eq(rectificationItems.state, guard.state),
      ),
    )
    .returning();
  return row;
}

/** Bumps the version (an attachment added or removed changes the item). */
export async function touchItem(db: Db, id: string, now: Date): Promise<void> {
  await db
    .update(rectificationItems)
    .set({ version: sql`${rectificationItems.version} + 1`, updatedAt: now })
    .where(eq(rectificationItems.id, id));
}

/** The item's next step, numbered after its last one (the item's guarded write serialises its steps). */
export async function insertStep(db: Db, values: Omit<typeof rectificationSteps.$inferInsert, "seq">): Promise<void> {
  await db.insert(rectificationSteps).values({
    ...values,
    seq: sql`(SELECT coalesce(max(${rectificationSteps.seq}), 0) + 1 FROM ${rectificationSteps} WHERE ${rectificationSteps.itemId} = ${values.itemId})`,
  });
}

export async function stepsOf(db: Db, itemIds: string[]): Promise<RectificationStepRow[]> {
  if (itemIds.length === 0) return [];
  return db
    .select()
    .from(rectificationSteps)
    .where(inArray(rectificationSteps.itemId, itemIds))
    .orderBy(asc(rectificationSteps.itemId), asc(rectificationSteps.seq));
}

export type AttachmentMeta = Omit<RectificationAttachmentRow, "data">;

const metaColumns = {
  id: rectificationAttachments.id,
  itemId: rectificationAttachments.itemId,
  fileName: rectificationAttachments.fileName,
  contentType: rectificationAttachments.contentType,
  size: rectificationAttachments.size,
  sha256: rectificationAttachments.sha256,
  uploadedBy: rectificationAttachments.uploadedBy,
  createdAt: rectificationAttachments.createdAt,
};

export async function attachmentsOf(db: Db, itemIds: string[]): Promise<AttachmentMeta[]> {
  if (itemIds.length === 0) return [];
  return db
    .select(metaColumns)
    .from(rectificationAttachments)
    .where(inArray(rectificationAttachments.itemId, itemIds))
    .orderBy(asc(rectificationAttachments.createdAt), asc(rectificationAttachments.fileName));
}

export async function findAttachment(db: Db, id: string): Promise<RectificationAttachmentRow | undefined> {
  const [row] = await db.select().from(rectificationAttachments).where(eq(rectificationAttachments.id, id)).limit(1);
  return row;
}

export async function insertAttachment(
  db: Db,
  values: typeof rectificationAttachments.$inferInsert,
): Promise<AttachmentMeta> {
  const [row] = await db.insert(rectificationAttachments).values(values).returning(metaColumns);
  return row!;
}

export async function deleteAttachment(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .delete(rectificationAttachments)
    .where(eq(rectificationAttachments.id, id))
    .returning({ id: rectificationAttachments.id });
  return rows.length > 0;
}

export type SourceType = "project" | "department_goal" | "self_evaluation" | "monitoring_record";

/** The organisation (and its path) and the year of a record an item may come from; undefined when none. */
export async function sourceRecord(
  db: Db,
  type: SourceType,
  id: string,
): Promise<{ orgId: string; orgPath: string; year: number; name: string | null } | undefined> {
  const table =
    type === "project"
      ? projects
      : type === "department_goal"
        ? departmentGoals
        : type === "self_evaluation"
          ? selfEvaluations
          : monitoringRecords;
  const [row] = await db
    .select({ orgId: table.orgId, orgPath: organisations.path, year: table.year, orgName: organisations.name })
    .from(table)
    .innerJoin(organisations, eq(organisations.id, table.orgId))
    .where(eq(table.id, id))
    .limit(1);
  if (!row) return undefined;
  let name: string | null = row.orgName;
  if (type === "project") {
    const [p] = await db.select({ name: projects.name }).from(projects).where(eq(projects.id, id)).limit(1);
    name = p?.name ?? null;
  }
  return { orgId: row.orgId, orgPath: row.orgPath, year: row.year, name };
}

/** Items of an organisation's subtree and year for the report, by unit then deadline. */
export async function itemsForReport(db: Db, underPath: string, year: number): Promise<ItemWithOrg[]> {
  const rows = await db
    .select(columns)
    .from(rectificationItems)
    .innerJoin(organisations, eq(organisations.id, rectificationItems.orgId))
    .where(and(like(organisations.path, likePrefix(underPath)), eq(rectificationItems.year, year)))
    .orderBy(asc(organisations.path), asc(rectificationItems.deadline), desc(rectificationItems.createdAt));
  return rows.map(flat);
}

/** SQL for duties → activities → activity indicators (the duty-activity goal table). */
import { and, asc, eq, inArray, like, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/open.ts";
import { likePrefix } from "../orgs/repository.ts";
import { organisations } from "../orgs/schema.ts";
import { activities, activityIndicators, duties } from "./schema.ts";

export type DutyRow = typeof duties.$inferSelect;
export type ActivityRow = typeof activities.$inferSelect;
export type ActivityIndicatorRow = typeof activityIndicators.$inferSelect;
export type DutyWithOrg = DutyRow & { orgPath: string; orgName: string };

export async function findDuty(db: Db, id: string): Promise<DutyWithOrg | undefined> {
  const rows = await db
    .select({ d: duties, orgPath: organisations.path, orgName: organisations.name })
    .from(duties)
    .innerJoin(organisations, eq(organisations.id, duties.orgId))
    .where(eq(duties.id, id))
    .limit(1);
  const r = rows[0];
  return r ? { ...r.d, orgPath: r.orgPath, orgName: r.orgName } : undefined;
}

export async function listDuties(
  db: Db,
  f: { scopePaths?: string[]; underPath?: string; year?: number },
): Promise<DutyWithOrg[]> {
  const conds: SQL[] = [];
  if (f.scopePaths) {
    if (f.scopePaths.length === 0) return [];
    conds.push(or(...f.scopePaths.map((p) => like(organisations.path, likePrefix(p))))!);
  }
  if (f.underPath) conds.push(like(organisations.path, likePrefix(f.underPath)));
  if (f.year !== undefined) conds.push(eq(duties.year, f.year));
  const rows = await db
    .select({ d: duties, orgPath: organisations.path, orgName: organisations.name })
    .from(duties)
    .innerJoin(organisations, eq(organisations.id, duties.orgId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(organisations.path), asc(duties.year), asc(duties.sortOrder), asc(duties.id))
    .limit(2000);
  return rows.map((r) => ({ ...r.d, orgPath: r.orgPath, orgName: r.orgName }));
}

export async function activitiesOf(db: Db, dutyIds: string[]) {
  if (dutyIds.length === 0) return { activities: [], indicators: [] };
  const acts = await db
    .select()
    .from(activities)
    .where(inArray(activities.dutyId, dutyIds))
    .orderBy(asc(activities.sortOrder), asc(activities.id));
  const inds =
    acts.length === 0
      ? []
      : await db
          .select()
          .from(activityIndicators)
          .where(
            inArray(
              activityIndicators.activityId,
              acts.map((a) => a.id),
            ),
          )
          .orderBy(asc(activityIndicators.sortOrder), asc(activityIndicators.id));
  return { activities: acts, indicators: inds };
}

export async function insertDuty(db: Db, values: typeof duties.$inferInsert): Promise<DutyRow> {
  const [row] = await db.insert(duties).values(values).returning();
  return row!;
}

export type DutyPatch = Partial<Pick<DutyRow, "name" | "description" | "statedBudget" | "sortOrder">>;

export async function updateDuty(db: Db, id: string, version: number, patch: DutyPatch, now: Date) {
  const rows = await db
    .update(duties)
    .set({ ...patch, version: sql`${duties.version} + 1`, updatedAt: now })
    .where(and(eq(duties.id, id), eq(duties.version, version)))
    .returning();
  return rows[0];
}

export async function deleteDuty(db: Db, id: string, version: number): Promise<boolean> {
  const rows = await db
    .delete(duties)
    .where(and(eq(duties.id, id), eq(duties.version, version)))
    .returning({ id: duties.id });
  return rows.length > 0;
}

export interface NewActivity {
  name: string;
  budget?: string | null | undefined;
  content?: string | null | undefined;
  goal?: string | null | undefined;
  indicators: Omit<typeof activityIndicators.$inferInsert, "activityId" | "sortOrder">[];
}

/** Replace a duty's activities and their indicators as a whole. */
export async function replaceActivities(db: Db, dutyId: string, list: NewActivity[]): Promise<void> {
  await db.delete(activities).where(eq(activities.dutyId, dutyId));
  for (const [i, a] of list.entries()) {
    const [row] = await db
      .insert(activities)
      .values({
        dutyId,
        name: a.name,
        budget: a.budget ?? null,
        content: a.content ?? null,
        goal: a.goal ?? null,
        sortOrder: i,
      })
      .returning({ id: activities.id });
    if (a.indicators.length > 0) {
      await db
        .insert(activityIndicators)
        .values(a.indicators.map((ind, j) => ({ ...ind, activityId: row!.id, sortOrder: j })));
    }
  }
}

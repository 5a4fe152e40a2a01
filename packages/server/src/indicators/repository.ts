/** SQL for the indicator tree of a project. */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/open.ts";
import { type IndicatorRow, indicators } from "./schema.ts";

export async function indicatorsOf(db: Db, owner: { kind: "project" | "goal"; id: string }): Promise<IndicatorRow[]> {
  return db
    .select()
    .from(indicators)
    .where(owner.kind === "project" ? eq(indicators.projectId, owner.id) : eq(indicators.departmentGoalId, owner.id))
    .orderBy(asc(indicators.level), asc(indicators.sortOrder), asc(indicators.createdAt), asc(indicators.id));
}

/** The indicator trees of several projects, each in `indicatorsOf`'s order. */
export async function indicatorsOfProjects(db: Db, projectIds: string[]): Promise<IndicatorRow[]> {
  if (!projectIds.length) return [];
  return db
    .select()
    .from(indicators)
    .where(inArray(indicators.projectId, projectIds))
    .orderBy(
      asc(indicators.projectId),
      asc(indicators.level),
      asc(indicators.sortOrder),
      asc(indicators.createdAt),
      asc(indicators.id),
    );
}

export async function findIndicator(db: Db, id: string): Promise<IndicatorRow | undefined> {
  const rows = await db.select().from(indicators).where(eq(indicators.id, id)).limit(1);
  return rows[0];
}

export async function insertIndicator(db: Db, values: typeof indicators.$inferInsert): Promise<IndicatorRow> {
  const [row] = await db.insert(indicators).values(values).returning();
  return row!;
}

export type IndicatorPatch = Partial<
  Pick<
    IndicatorRow,
    "name" | "description" | "targetText" | "targetParsed" | "unit" | "natureCode" | "weight" | "isCore" | "sortOrder"
  >
>;

export async function updateIndicator(
  db: Db,
  id: string,
  expectedVersion: number,
  patch: IndicatorPatch,
  now: Date,
): Promise<IndicatorRow | undefined> {
  const rows = await db
    .update(indicators)
    .set({ ...patch, version: sql`${indicators.version} + 1`, updatedAt: now })
    .where(and(eq(indicators.id, id), eq(indicators.version, expectedVersion)))
    .returning();
  return rows[0];
}

export async function deleteIndicator(db: Db, id: string, expectedVersion: number): Promise<boolean> {
  const rows = await db
    .delete(indicators)
    .where(and(eq(indicators.id, id), eq(indicators.version, expectedVersion)))
    .returning({ id: indicators.id });
  return rows.length > 0;
}

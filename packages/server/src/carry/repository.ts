/** SQL of the carry-forward: last year's records to carry, the copies, and the mapping rows. */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../db/open.ts";
import { duties } from "../duties/schema.ts";
import { evaluationItems, selfEvaluations } from "../evaluations/schema.ts";
import { departmentGoals, indicators } from "../indicators/schema.ts";
import { projects } from "../projects/schema.ts";
import { type CarriedKind, type CarriedRecordRow, carriedRecords } from "./schema.ts";

export type ProjectRow = typeof projects.$inferSelect;
export type DutyRow = typeof duties.$inferSelect;

/**
 * The continuing projects (延续项目) of an organisation and year: the newest approved revision of each project
 * whose 项目属性 is 经常性, whose attribute or category says 延续, or whose period runs into the next year.
 */
export async function continuingProjects(db: Db, orgId: string, year: number): Promise<ProjectRow[]> {
  return db
    .select()
    .from(projects)
    .where(
      and(
        eq(projects.orgId, orgId),
        eq(projects.year, year),
        eq(projects.workflowState, "approved"),
        sql`NOT EXISTS (SELECT 1 FROM projects np WHERE np.supersedes_id = ${projects.id} AND np.workflow_state = 'approved')`,
        or(
          eq(projects.attribute, "经常性"),
          sql`position('延续' in coalesce(${projects.attribute}, '') || coalesce(${projects.category}, '')) > 0`,
          sql`${projects.endDate} >= ${`${year + 1}-01-01`}::date`,
        ),
      ),
    )
    .orderBy(asc(projects.name), asc(projects.id));
}

export async function dutiesOf(db: Db, orgId: string, year: number): Promise<DutyRow[]> {
  return db
    .select()
    .from(duties)
    .where(and(eq(duties.orgId, orgId), eq(duties.year, year)))
    .orderBy(asc(duties.sortOrder), asc(duties.createdAt), asc(duties.id));
}

/** Names already used in the target year (a record the unit made by hand is not made a second time). */
export async function namesIn(db: Db, kind: CarriedKind, orgId: string, year: number): Promise<Set<string>> {
  const table = kind === "project" ? projects : duties;
  const rows = await db
    .select({ name: table.name })
    .from(table)
    .where(and(eq(table.orgId, orgId), eq(table.year, year)));
  return new Set(rows.map((r) => r.name.trim()));
}

/** Mapping rows whose draft the unit has since deleted: removed, so that record may be carried again. */
export async function forgetDeletedTargets(db: Db, orgId: string, toYear: number): Promise<void> {
  await db
    .delete(carriedRecords)
    .where(
      and(
        eq(carriedRecords.orgId, orgId),
        eq(carriedRecords.toYear, toYear),
        or(
          sql`${carriedRecords.kind} = 'project' AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = ${carriedRecords.targetId})`,
          sql`${carriedRecords.kind} = 'duty' AND NOT EXISTS (SELECT 1 FROM duties d WHERE d.id = ${carriedRecords.targetId})`,
          sql`${carriedRecords.kind} = 'goal' AND NOT EXISTS (SELECT 1 FROM department_goals g WHERE g.id = ${carriedRecords.targetId})`,
        ),
      ),
    );
}

/**
 * Claims a source for the target year: the mapping row is written first (its unique key makes a second or a
 * concurrent run find it taken); returns the new record's id, or undefined when the source was carried already.
 */
export async function claim(
  db: Db,
  row: {
    orgId: string;
    fromYear: number;
    toYear: number;
    kind: CarriedKind;
    sourceId: string;
    createdBy: string;
    now: Date;
  },
): Promise<string | undefined> {
  const targetId = randomUUID();
  const [inserted] = await db
    .insert(carriedRecords)
    .values({
      orgId: row.orgId,
      fromYear: row.fromYear,
      toYear: row.toYear,
      kind: row.kind,
      sourceId: row.sourceId,
      targetId,
      createdBy: row.createdBy,
      createdAt: row.now,
    })
    .onConflictDoNothing({ target: [carriedRecords.kind, carriedRecords.sourceId, carriedRecords.toYear] })
    .returning({ targetId: carriedRecords.targetId });
  return inserted?.targetId;
}

export async function carriedTo(db: Db, orgId: string, toYear: number): Promise<CarriedRecordRow[]> {
  return db
    .select()
    .from(carriedRecords)
    .where(and(eq(carriedRecords.orgId, orgId), eq(carriedRecords.toYear, toYear)))
    .orderBy(
      asc(carriedRecords.kind),
      asc(carriedRecords.createdAt),
      // one run records every item at the same moment: then in the order the run took them (dutiesOf: the duties'
      // order; continuingProjects: by name), not by the records' random ids
      sql`(SELECT ${duties.sortOrder} FROM ${duties} WHERE ${duties.id} = ${carriedRecords.sourceId}) NULLS LAST`,
      sql`(SELECT ${duties.createdAt} FROM ${duties} WHERE ${duties.id} = ${carriedRecords.sourceId}) NULLS LAST`,
      sql`(SELECT ${projects.name} FROM ${projects} WHERE ${projects.id} = ${carriedRecords.sourceId}) NULLS LAST`,
      asc(carriedRecords.sourceId),
    );
}

/** Whose indicator tree: projects' or department goals'. */
export type TreeOwner = "project" | "goal";
const ownerColumn = (owner: TreeOwner) => (owner === "project" ? indicators.projectId : indicators.departmentGoalId);

/** The newest approved revision of an organisation's department-overall goal of a year. */
export async function approvedGoal(db: Db, orgId: string, year: number) {
  const [row] = await db
    .select()
    .from(departmentGoals)
    .where(
      and(
        eq(departmentGoals.orgId, orgId),
        eq(departmentGoals.year, year),
        eq(departmentGoals.workflowState, "approved"),
      ),
    )
    .orderBy(desc(departmentGoals.revision))
    .limit(1);
  return row;
}

export async function goalExists(db: Db, orgId: string, year: number): Promise<boolean> {
  const [row] = await db
    .select({ id: departmentGoals.id })
    .from(departmentGoals)
    .where(and(eq(departmentGoals.orgId, orgId), eq(departmentGoals.year, year)))
    .limit(1);
  return !!row;
}

/** Whole indicator trees of projects or department goals, parents before children. */
export async function treeIndicators(db: Db, owner: TreeOwner, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(indicators)
    .where(inArray(ownerColumn(owner), ids))
    .orderBy(asc(indicators.level), asc(indicators.sortOrder), asc(indicators.createdAt), asc(indicators.id));
}

const level2 = alias(indicators, "l2");
const level1 = alias(indicators, "l1");

/** Level-3 indicators of projects or department goals with their 一级/二级 names. */
export async function leafIndicators(db: Db, owner: TreeOwner, ids: string[]) {
  if (ids.length === 0) return [];
  // The tree's order, as the form prints it; two indicators made in the same instant fall back to their ids.
  return db
    .select({ i: indicators, level2: level2.name, level1: level1.name })
    .from(indicators)
    .leftJoin(level2, eq(level2.id, indicators.parentId))
    .leftJoin(level1, eq(level1.id, level2.parentId))
    .where(and(inArray(ownerColumn(owner), ids), eq(indicators.level, 3)))
    .orderBy(
      asc(level1.sortOrder),
      asc(level2.sortOrder),
      asc(indicators.sortOrder),
      asc(indicators.createdAt),
      asc(indicators.id),
    );
}

/**
 * The actual values of last year's self-evaluations (实际完成值, evaluation_items.actual_text) of projects or of
 * department goals: per record, the evaluation approved (else the one updated last), its items with the indicator
 * they evaluate.
 */
export async function evaluationActuals(db: Db, owner: TreeOwner, ids: string[]) {
  if (ids.length === 0)
    return new Map<string, { indicatorId: string | null; name: string; actualText: string | null }[]>();
  const column = owner === "project" ? selfEvaluations.projectId : selfEvaluations.departmentGoalId;
  const evals = await db
    .select({ id: selfEvaluations.id, projectId: column })
    .from(selfEvaluations)
    .where(and(inArray(column, ids), eq(selfEvaluations.kind, owner === "project" ? "project" : "department")))
    .orderBy(
      desc(sql`(${selfEvaluations.workflowState} = 'approved')`),
      desc(selfEvaluations.updatedAt),
      desc(selfEvaluations.id),
    );
  const chosen = new Map<string, string>();
  for (const e of evals) if (e.projectId && !chosen.has(e.projectId)) chosen.set(e.projectId, e.id);
  const out = new Map<string, { indicatorId: string | null; name: string; actualText: string | null }[]>();
  if (chosen.size === 0) return out;
  const items = await db
    .select({
      evaluationId: evaluationItems.evaluationId,
      indicatorId: evaluationItems.indicatorId,
      name: evaluationItems.name,
      actualText: evaluationItems.actualText,
    })
    .from(evaluationItems)
    .where(inArray(evaluationItems.evaluationId, [...chosen.values()]))
    .orderBy(asc(evaluationItems.sortOrder), asc(evaluationItems.id));
  for (const [projectId, evaluationId] of chosen) {
    out.set(
      projectId,
      items.filter((i) => i.evaluationId === evaluationId),
    );
  }
  return out;
}

/** The names of last year's records, by id. */
export async function sourceNames(db: Db, projectIds: string[], dutyIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (projectIds.length > 0) {
    const rows = await db
      .select({ id: projects.id, name: projects.name })
      .from(projects)
      .where(inArray(projects.id, projectIds));
    for (const p of rows) out.set(p.id, p.name);
  }
  if (dutyIds.length > 0) {
    const rows = await db.select({ id: duties.id, name: duties.name }).from(duties).where(inArray(duties.id, dutyIds));
    for (const d of rows) out.set(d.id, d.name);
  }
  return out;
}

/**
 * SQL of the indicator library: the third-level indicators of the approved goals under a bureau (projects and
 * department-overall goals, across units and years; a project's or goal's newest approved revision only), with
 * their 一级/二级 names — read where they are, never copied — and the bureau's marks.
 */
import type { IndicatorUsage } from "@jixiao/core/library";
import { and, desc, eq, isNotNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { memberships } from "../accounts/schema.ts";
import type { Db } from "../db/open.ts";
import { departmentGoals, indicators } from "../indicators/schema.ts";
import type { OrganisationRow } from "../orgs/schema.ts";
import { organisations } from "../orgs/schema.ts";
import { projects } from "../projects/schema.ts";
import { dutiesFingerprint } from "./duties.ts";
import { type LibraryMarkRow, libraryMarks } from "./schema.ts";

/**
 * A usage with the path of its organisation (to show "where used" only within the reader's scope); one read from an
 * imported document says which record of the document it belongs to (a project's name, null for the department's
 * goal), so the record written from it is not its own history (library/history.ts).
 */
export type StoredUsage = IndicatorUsage & { orgPath: string; documentRecord?: { name: string | null } };

/**
 * The bureau that governs an organisation's library: the nearest organisation at or above it where a reviewer
 * (finance bureau / 主管部门) holds the role; the top of the tree when no reviewer is set up.
 */
export async function governingBureau(db: Db, org: OrganisationRow): Promise<OrganisationRow> {
  const [found] = await db
    .select({ o: organisations })
    .from(organisations)
    .innerJoin(memberships, and(eq(memberships.orgId, organisations.id), eq(memberships.role, "reviewer")))
    .where(sql`starts_with(${org.path}, ${organisations.path})`)
    .orderBy(desc(organisations.depth))
    .limit(1);
  if (found) return found.o;
  const rootId = org.path.split("/")[1] ?? org.id;
  const [root] = await db.select().from(organisations).where(eq(organisations.id, rootId)).limit(1);
  return root ?? org;
}

const level2 = alias(indicators, "level2");
const level1 = alias(indicators, "level1");

/** The usages under `path` (a bureau's subtree), optionally leaving out one record (the one under review). */
export async function usagesUnder(
  db: Db,
  path: string,
  options: { excludeProjectId?: string; excludeGoalId?: string } = {},
): Promise<StoredUsage[]> {
  const approvedProject = and(
    eq(projects.workflowState, "approved"),
    sql`NOT EXISTS (SELECT 1 FROM projects np WHERE np.supersedes_id = ${projects.id} AND np.workflow_state = 'approved')`,
    options.excludeProjectId ? sql`${projects.id} <> ${options.excludeProjectId}` : undefined,
  );
  const approvedGoal = and(
    eq(departmentGoals.workflowState, "approved"),
    sql`NOT EXISTS (SELECT 1 FROM department_goals ng WHERE ng.org_id = ${departmentGoals.orgId} AND ng.year = ${departmentGoals.year} AND ng.revision > ${departmentGoals.revision} AND ng.workflow_state = 'approved')`,
    options.excludeGoalId ? sql`${departmentGoals.id} <> ${options.excludeGoalId}` : undefined,
  );
  const rows = await db
    .select({
      name: indicators.name,
      targetText: indicators.targetText,
      unit: indicators.unit,
      level2: level2.name,
      level1: level1.name,
      projectId: projects.id,
      projectName: projects.name,
      projectYear: projects.year,
      goalId: departmentGoals.id,
      goalYear: departmentGoals.year,
      orgId: organisations.id,
      orgName: organisations.name,
      orgPath: organisations.path,
    })
    .from(indicators)
    .leftJoin(level2, eq(level2.id, indicators.parentId))
    .leftJoin(level1, eq(level1.id, level2.parentId))
    .leftJoin(projects, eq(projects.id, indicators.projectId))
    .leftJoin(departmentGoals, eq(departmentGoals.id, indicators.departmentGoalId))
    .innerJoin(organisations, sql`${organisations.id} = coalesce(${projects.orgId}, ${departmentGoals.orgId})`)
    .where(
      and(
        eq(indicators.level, 3),
        sql`starts_with(${organisations.path}, ${path})`,
        or(and(isNotNull(projects.id), approvedProject), and(isNotNull(departmentGoals.id), approvedGoal)),
      ),
    );
  return rows.map((r) => ({
    name: r.name,
    level1: r.level1,
    level2: r.level2,
    targetText: r.targetText,
    unit: r.unit,
    year: (r.projectYear ?? r.goalYear)!,
    source: r.projectId
      ? { kind: "project", id: r.projectId, name: r.projectName!, orgId: r.orgId, orgName: r.orgName }
      : { kind: "goal", id: r.goalId!, name: `${r.orgName} 部门整体绩效目标`, orgId: r.orgId, orgName: r.orgName },
    orgPath: r.orgPath,
  }));
}

/** The marks in force for an organisation: those of the bureaus at or above it, the nearest one's per key. */
export async function marksAbove(db: Db, org: OrganisationRow): Promise<(LibraryMarkRow & { orgName: string })[]> {
  const rows = await db
    .select({ m: libraryMarks, orgName: organisations.name })
    .from(libraryMarks)
    .innerJoin(organisations, eq(organisations.id, libraryMarks.orgId))
    .where(sql`starts_with(${org.path}, ${organisations.path})`)
    .orderBy(desc(organisations.depth), libraryMarks.key);
  const seen = new Set<string>();
  const out: (LibraryMarkRow & { orgName: string })[] = [];
  for (const r of rows) {
    if (seen.has(r.m.key)) continue;
    seen.add(r.m.key);
    out.push({ ...r.m, orgName: r.orgName });
  }
  return out;
}

export async function findMark(db: Db, orgId: string, key: string): Promise<LibraryMarkRow | undefined> {
  const [row] = await db
    .select()
    .from(libraryMarks)
    .where(and(eq(libraryMarks.orgId, orgId), eq(libraryMarks.key, key)))
    .limit(1);
  return row;
}

export async function upsertMark(
  db: Db,
  values: {
    orgId: string;
    key: string;
    name: string;
    mark: LibraryMarkRow["mark"];
    note: string | null;
    markedBy: string;
    now: Date;
  },
): Promise<LibraryMarkRow> {
  const [row] = await db
    .insert(libraryMarks)
    .values({ ...values, createdAt: values.now, updatedAt: values.now })
    .onConflictDoUpdate({
      target: [libraryMarks.orgId, libraryMarks.key],
      set: {
        name: values.name,
        mark: values.mark,
        note: values.note,
        markedBy: values.markedBy,
        updatedAt: values.now,
        version: sql`${libraryMarks.version} + 1`,
      },
    })
    .returning();
  return row!;
}

export async function deleteMark(db: Db, id: string): Promise<void> {
  await db.delete(libraryMarks).where(eq(libraryMarks.id, id));
}

/**
 * What changes when the library under `path` changes: the approved projects and department goals (their number and
 * last change — an approved record's indicators cannot change without a new revision), the duties counted with an
 * approved department goal (library/duties.ts: they stay editable) and the organisations (a move changes the
 * subtree). Cheap next to building the library, so a built library is kept while this stays the same.
 */
export async function libraryFingerprint(db: Db, path: string): Promise<string> {
  const [p] = await db
    .select({ n: sql<string>`count(*)::text`, at: sql<string | null>`max(${projects.updatedAt})::text` })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.orgId))
    .where(and(eq(projects.workflowState, "approved"), sql`starts_with(${organisations.path}, ${path})`));
  const [g] = await db
    .select({ n: sql<string>`count(*)::text`, at: sql<string | null>`max(${departmentGoals.updatedAt})::text` })
    .from(departmentGoals)
    .innerJoin(organisations, eq(organisations.id, departmentGoals.orgId))
    .where(and(eq(departmentGoals.workflowState, "approved"), sql`starts_with(${organisations.path}, ${path})`));
  const [o] = await db
    .select({ n: sql<string>`count(*)::text`, at: sql<string | null>`max(${organisations.updatedAt})::text` })
    .from(organisations)
    .where(sql`starts_with(${organisations.path}, ${path})`);
  return [p?.n, p?.at, g?.n, g?.at, o?.n, o?.at, await dutiesFingerprint(db, path)].join("|");
}

/** SQL for monitoring rounds, records and their indicator rows; execution figures are read from budget_execution. */
import { aliasedTable, and, asc, desc, eq, inArray, like, or, type SQL, sql } from "drizzle-orm";
import { budgetExecution } from "../budgets/schema.ts";
import type { WorkflowState } from "../db/columns.ts";
import type { Db } from "../db/open.ts";
import { departmentGoals, indicators } from "../indicators/schema.ts";
import { likePrefix } from "../orgs/repository.ts";
import { organisations } from "../orgs/schema.ts";
import { projects } from "../projects/schema.ts";
import {
  type MonitoringActionRow,
  type MonitoringIndicatorRow,
  type MonitoringRecordRow,
  type MonitoringRoundRow,
  monitoringActions,
  monitoringIndicators,
  monitoringRecords,
  monitoringRounds,
} from "./schema.ts";

/** The name a department-goal record goes by where a project record shows its project's name. */
export const DEPARTMENT_RECORD_NAME = "部门整体绩效";

export type RoundWithOrg = MonitoringRoundRow & { orgPath: string; orgName: string };
export type RecordWithOrg = MonitoringRecordRow & {
  /** project: 项目支出绩效运行监控表; department: 部门整体绩效运行监控表. */
  kind: "project" | "department";
  orgPath: string;
  orgName: string;
  projectName: string;
  projectCode: string | null;
  annualFunds: string | null;
  cutoffMonth: number;
  deadline: string;
  yellowBehind: string;
  redBehind: string;
  roundOrgId: string;
};

const roundColumns = { r: monitoringRounds, orgPath: organisations.path, orgName: organisations.name };

export async function findRound(db: Db, id: string): Promise<RoundWithOrg | undefined> {
  const [row] = await db
    .select(roundColumns)
    .from(monitoringRounds)
    .innerJoin(organisations, eq(organisations.id, monitoringRounds.orgId))
    .where(eq(monitoringRounds.id, id))
    .limit(1);
  return row ? { ...row.r, orgPath: row.orgPath, orgName: row.orgName } : undefined;
}

/**
 * Rounds a reader sees: those whose subtree holds one of `paths` (a unit sees the round its bureau opened) or lies
 * inside one of them (a bureau sees the rounds of its sub-bureaus); all when `paths` is undefined.
 */
export async function listRounds(
  db: Db,
  f: { paths?: string[]; underPath?: string; year?: number },
): Promise<RoundWithOrg[]> {
  const conds: SQL[] = [];
  if (f.paths) {
    if (f.paths.length === 0) return [];
    conds.push(
      or(
        ...f.paths.map(
          (p) => or(like(organisations.path, likePrefix(p)), sql`starts_with(${p}, ${organisations.path})`)!,
        ),
      )!,
    );
  }
  if (f.underPath) {
    conds.push(
      or(like(organisations.path, likePrefix(f.underPath)), sql`starts_with(${f.underPath}, ${organisations.path})`)!,
    );
  }
  if (f.year !== undefined) conds.push(eq(monitoringRounds.year, f.year));
  const rows = await db
    .select(roundColumns)
    .from(monitoringRounds)
    .innerJoin(organisations, eq(organisations.id, monitoringRounds.orgId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(monitoringRounds.year), desc(monitoringRounds.cutoffMonth), asc(organisations.path))
    .limit(500);
  return rows.map((r) => ({ ...r.r, orgPath: r.orgPath, orgName: r.orgName }));
}

export async function insertRound(db: Db, values: typeof monitoringRounds.$inferInsert): Promise<MonitoringRoundRow> {
  const [row] = await db.insert(monitoringRounds).values(values).returning();
  return row!;
}

/**
 * The current revisions of the year's projects in the subtree (an adjusted project counts once, as adjusted);
 * with `exceptRound`, only those the round has no record of (nor of the revision they adjust).
 */
export async function currentProjectsUnder(db: Db, underPath: string, year: number, exceptRound?: string) {
  return db
    .select({ id: projects.id, orgId: projects.orgId, name: projects.name })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.orgId))
    .where(
      and(
        like(organisations.path, likePrefix(underPath)),
        eq(projects.year, year),
        sql`NOT EXISTS (SELECT 1 FROM projects later WHERE later.supersedes_id = ${projects.id})`,
        exceptRound === undefined
          ? undefined
          : sql`NOT EXISTS (SELECT 1 FROM monitoring_records m WHERE m.round_id = ${exceptRound}
                 AND (m.project_id = ${projects.id} OR m.project_id = ${projects.supersedesId}))`,
      ),
    )
    .orderBy(asc(organisations.path), asc(projects.name));
}

/**
 * The current revisions of the year's department goals (部门整体) in the subtree; with `exceptRound`, only those
 * of organisations the round has no department record of.
 */
export async function currentGoalsUnder(db: Db, underPath: string, year: number, exceptRound?: string) {
  return db
    .select({ id: departmentGoals.id, orgId: departmentGoals.orgId, name: organisations.name })
    .from(departmentGoals)
    .innerJoin(organisations, eq(organisations.id, departmentGoals.orgId))
    .where(
      and(
        like(organisations.path, likePrefix(underPath)),
        eq(departmentGoals.year, year),
        sql`NOT EXISTS (SELECT 1 FROM department_goals later WHERE later.org_id = ${departmentGoals.orgId}
              AND later.year = ${departmentGoals.year} AND later.revision > ${departmentGoals.revision})`,
        exceptRound === undefined
          ? undefined
          : sql`NOT EXISTS (SELECT 1 FROM monitoring_records m WHERE m.round_id = ${exceptRound}
                 AND m.department_goal_id IS NOT NULL AND m.org_id = ${departmentGoals.orgId})`,
      ),
    )
    .orderBy(asc(organisations.path));
}

const parent = aliasedTable(indicators, "parent");
const grand = aliasedTable(indicators, "grand");

/** The level-3 indicators of the projects with their level-1 and level-2 names, in the tree's order. */
export interface LeafIndicator {
  id: string;
  projectId: string | null;
  departmentGoalId: string | null;
  name: string;
  targetText: string | null;
  unit: string | null;
  weight: string | null;
  level2: string | null;
  level1: string | null;
}

export async function leafIndicatorsOf(
  db: Db,
  owners: { projectIds?: string[]; goalIds?: string[] },
): Promise<LeafIndicator[]> {
  const conds: SQL[] = [];
  if (owners.projectIds?.length) conds.push(inArray(indicators.projectId, owners.projectIds));
  if (owners.goalIds?.length) conds.push(inArray(indicators.departmentGoalId, owners.goalIds));
  if (conds.length === 0) return [];
  return db
    .select({
      id: indicators.id,
      projectId: indicators.projectId,
      departmentGoalId: indicators.departmentGoalId,
      name: indicators.name,
      targetText: indicators.targetText,
      unit: indicators.unit,
      weight: indicators.weight,
      level2: parent.name,
      level1: grand.name,
    })
    .from(indicators)
    .leftJoin(parent, eq(parent.id, indicators.parentId))
    .leftJoin(grand, eq(grand.id, parent.parentId))
    .where(and(or(...conds), eq(indicators.level, 3)))
    .orderBy(asc(grand.sortOrder), asc(parent.sortOrder), asc(indicators.sortOrder), asc(indicators.createdAt));
}

export async function insertRecord(
  db: Db,
  values: typeof monitoringRecords.$inferInsert,
): Promise<MonitoringRecordRow> {
  const [row] = await db.insert(monitoringRecords).values(values).returning();
  return row!;
}

export async function insertIndicatorRows(db: Db, rows: (typeof monitoringIndicators.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(monitoringIndicators).values(rows);
}

const recordColumns = {
  m: monitoringRecords,
  orgPath: organisations.path,
  orgName: organisations.name,
  projectName: sql<string>`coalesce(${projects.name}, ${DEPARTMENT_RECORD_NAME})`,
  projectCode: projects.code,
  annualFunds: projects.annualFunds,
  cutoffMonth: monitoringRounds.cutoffMonth,
  deadline: monitoringRounds.deadline,
  yellowBehind: monitoringRounds.yellowBehind,
  redBehind: monitoringRounds.redBehind,
  roundOrgId: monitoringRounds.orgId,
};

type RecordSelect = {
  m: MonitoringRecordRow;
  orgPath: string;
  orgName: string;
  projectName: string;
  projectCode: string | null;
  annualFunds: string | null;
  cutoffMonth: number;
  deadline: string;
  yellowBehind: string;
  redBehind: string;
  roundOrgId: string;
};
const flat = ({ m, ...rest }: RecordSelect): RecordWithOrg => ({
  ...m,
  ...rest,
  kind: m.departmentGoalId ? "department" : "project",
});

function recordQuery(db: Db) {
  return db
    .select(recordColumns)
    .from(monitoringRecords)
    .innerJoin(organisations, eq(organisations.id, monitoringRecords.orgId))
    .leftJoin(projects, eq(projects.id, monitoringRecords.projectId))
    .innerJoin(monitoringRounds, eq(monitoringRounds.id, monitoringRecords.roundId));
}

export async function findRecord(db: Db, id: string): Promise<RecordWithOrg | undefined> {
  const [row] = await recordQuery(db).where(eq(monitoringRecords.id, id)).limit(1);
  return row ? flat(row) : undefined;
}

/** The round's records in organisations the reader covers (`paths`; all when undefined). */
export async function recordsOfRound(db: Db, roundId: string, paths?: string[]): Promise<RecordWithOrg[]> {
  const conds: SQL[] = [eq(monitoringRecords.roundId, roundId)];
  if (paths) {
    if (paths.length === 0) return [];
    conds.push(or(...paths.map((p) => like(organisations.path, likePrefix(p))))!);
  }
  const rows = await recordQuery(db)
    .where(and(...conds))
    .orderBy(asc(organisations.path), sql`${projects.name} NULLS FIRST`);
  return rows.map(flat);
}

export async function indicatorRowsOf(db: Db, recordIds: string[]): Promise<MonitoringIndicatorRow[]> {
  if (recordIds.length === 0) return [];
  return db
    .select()
    .from(monitoringIndicators)
    .where(inArray(monitoringIndicators.recordId, recordIds))
    .orderBy(asc(monitoringIndicators.recordId), asc(monitoringIndicators.sortOrder));
}

export type RecordPatch = Partial<
  Pick<
    MonitoringRecordRow,
    "projectedExecuted" | "executionReason" | "executionMeasures" | "workflowState" | "submittedBy"
  >
>;

/** The versioned write: guarded by the version, and by the editable states or the expected state. */
export async function updateRecord(
  db: Db,
  id: string,
  version: number,
  patch: RecordPatch,
  now: Date,
  guard: { editableOnly?: boolean; fromState?: WorkflowState } = {},
): Promise<MonitoringRecordRow | undefined> {
  const conds: SQL[] = [eq(monitoringRecords.id, id), eq(monitoringRecords.version, version)];
  if (guard.editableOnly) conds.push(inArray(monitoringRecords.workflowState, ["draft", "returned"]));
  if (guard.fromState) conds.push(eq(monitoringRecords.workflowState, guard.fromState));
  const [row] = await db
    .update(monitoringRecords)
    .set({ ...patch, version: sql`${monitoringRecords.version} + 1`, updatedAt: now })
    .where(and(...conds))
    .returning();
  return row;
}

export type IndicatorFillPatch = Partial<
  Pick<
    MonitoringIndicatorRow,
    "progress" | "forecast" | "likelihood" | "deviationCategory" | "deviationReason" | "correctiveMeasures"
  >
>;

export async function updateIndicatorRow(db: Db, recordId: string, id: string, patch: IndicatorFillPatch) {
  if (Object.keys(patch).length === 0) return;
  await db
    .update(monitoringIndicators)
    .set(patch)
    .where(and(eq(monitoringIndicators.id, id), eq(monitoringIndicators.recordId, recordId)));
}

/**
 * The execution rows of the year the records read: a project record its project's rows (scope project), a
 * department record its organisation's total rows (scope total); monthly ones are cumulative 1–N月 figures.
 */
export async function executionRowsFor(
  db: Db,
  records: readonly Pick<RecordWithOrg, "projectId" | "departmentGoalId" | "orgId">[],
  year: number,
): Promise<ExecutionRow[]> {
  const projectIds = records.flatMap((r) => (r.projectId ? [r.projectId] : []));
  const orgIds = records.flatMap((r) => (r.departmentGoalId ? [r.orgId] : []));
  const conds: SQL[] = [];
  if (projectIds.length) {
    conds.push(and(inArray(budgetExecution.projectId, projectIds), eq(budgetExecution.scope, "project"))!);
  }
  if (orgIds.length) {
    conds.push(
      and(
        inArray(budgetExecution.orgId, orgIds),
        eq(budgetExecution.scope, "total"),
        sql`${budgetExecution.projectId} IS NULL`,
      )!,
    );
  }
  if (conds.length === 0) return [];
  return db
    .select()
    .from(budgetExecution)
    .where(and(eq(budgetExecution.year, year), or(...conds)));
}

export type ExecutionRow = typeof budgetExecution.$inferSelect;

/** The rows of `rows` that a record reads (see `executionRowsFor`). */
export function executionOf(
  r: Pick<RecordWithOrg, "projectId" | "departmentGoalId" | "orgId">,
  rows: readonly ExecutionRow[],
): ExecutionRow[] {
  return r.projectId
    ? rows.filter((e) => e.scope === "project" && e.projectId === r.projectId)
    : rows.filter((e) => e.scope === "total" && e.projectId === null && e.orgId === r.orgId);
}

// ---- Actions of the bureau ---------------------------------------------------------------------------------

export async function insertAction(
  db: Db,
  values: typeof monitoringActions.$inferInsert,
): Promise<MonitoringActionRow> {
  const [row] = await db.insert(monitoringActions).values(values).returning();
  return row!;
}

export async function actionsOf(db: Db, recordIds: string[]): Promise<MonitoringActionRow[]> {
  if (recordIds.length === 0) return [];
  return db
    .select()
    .from(monitoringActions)
    .where(inArray(monitoringActions.recordId, recordIds))
    .orderBy(desc(monitoringActions.createdAt), desc(monitoringActions.id));
}

export async function findAction(db: Db, id: string): Promise<MonitoringActionRow | undefined> {
  const [row] = await db.select().from(monitoringActions).where(eq(monitoringActions.id, id)).limit(1);
  return row;
}

/** Marks an action read (已阅) once; undefined when it already was. */
export async function acknowledgeAction(db: Db, id: string, by: string, at: Date) {
  const [row] = await db
    .update(monitoringActions)
    .set({ acknowledgedAt: at, acknowledgedBy: by })
    .where(and(eq(monitoringActions.id, id), sql`${monitoringActions.acknowledgedAt} IS NULL`))
    .returning();
  return row;
}

/**
 * What the reader is told of (the notification list): the bureau's actions on records in `paths`, and the records
 * of rounds in `writePaths` still to file (draft or returned) with their deadline, newest first.
 */
export async function actionsUnder(db: Db, paths: string[] | undefined, limit: number) {
  if (paths && paths.length === 0) return [];
  return db
    .select({
      a: monitoringActions,
      orgName: organisations.name,
      roundId: monitoringRecords.roundId,
      projectName: sql<string>`coalesce(${projects.name}, ${DEPARTMENT_RECORD_NAME})`,
      deadline: monitoringRounds.deadline,
      cutoffMonth: monitoringRounds.cutoffMonth,
      year: monitoringRounds.year,
    })
    .from(monitoringActions)
    .innerJoin(monitoringRecords, eq(monitoringRecords.id, monitoringActions.recordId))
    .innerJoin(monitoringRounds, eq(monitoringRounds.id, monitoringRecords.roundId))
    .innerJoin(organisations, eq(organisations.id, monitoringActions.orgId))
    .leftJoin(projects, eq(projects.id, monitoringRecords.projectId))
    .where(paths ? or(...paths.map((p) => like(organisations.path, likePrefix(p)))) : undefined)
    .orderBy(desc(monitoringActions.createdAt), desc(monitoringActions.id))
    .limit(limit);
}

/** Records in `paths` still to file (draft or returned), with their round's deadline, soonest first. */
export async function recordsToFile(db: Db, paths: string[] | undefined, limit: number) {
  if (paths && paths.length === 0) return [];
  const rows = await recordQuery(db)
    .where(
      and(
        inArray(monitoringRecords.workflowState, ["draft", "returned"]),
        paths ? or(...paths.map((p) => like(organisations.path, likePrefix(p)))) : undefined,
      ),
    )
    .orderBy(asc(monitoringRounds.deadline), asc(organisations.path), sql`${projects.name} NULLS FIRST`)
    .limit(limit);
  return rows.map(flat);
}

/** SQL for monitoring rounds, records and their indicator rows; execution figures are read from budget_execution. */
import { aliasedTable, and, asc, desc, eq, inArray, like, or, type SQL, sql } from "drizzle-orm";
import { budgetExecution } from "../budgets/schema.ts";
import type { WorkflowState } from "../db/columns.ts";
import type { Db } from "../db/open.ts";
import { indicators } from "../indicators/schema.ts";
import { likePrefix } from "../orgs/repository.ts";
import { organisations } from "../orgs/schema.ts";
import { projects } from "../projects/schema.ts";
import {
  type MonitoringIndicatorRow,
  type MonitoringRecordRow,
  type MonitoringRoundRow,
  monitoringIndicators,
  monitoringRecords,
  monitoringRounds,
} from "./schema.ts";

export type RoundWithOrg = MonitoringRoundRow & { orgPath: string; orgName: string };
export type RecordWithOrg = MonitoringRecordRow & {
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

/** The current revisions of the year's projects in the subtree (an adjusted project counts once, as adjusted). */
export async function currentProjectsUnder(db: Db, underPath: string, year: number) {
  return db
    .select({ id: projects.id, orgId: projects.orgId, name: projects.name })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, projects.orgId))
    .where(
      and(
        like(organisations.path, likePrefix(underPath)),
        eq(projects.year, year),
        sql`NOT EXISTS (SELECT 1 FROM projects later WHERE later.supersedes_id = ${projects.id})`,
      ),
    )
    .orderBy(asc(organisations.path), asc(projects.name));
}

const parent = aliasedTable(indicators, "parent");
const grand = aliasedTable(indicators, "grand");

/** The level-3 indicators of the projects with their level-1 and level-2 names, in the tree's order. */
export interface LeafIndicator {
  id: string;
  projectId: string | null;
  name: string;
  targetText: string | null;
  unit: string | null;
  weight: string | null;
  level2: string | null;
  level1: string | null;
}

export async function leafIndicatorsOf(db: Db, projectIds: string[]): Promise<LeafIndicator[]> {
  if (projectIds.length === 0) return [];
  return db
    .select({
      id: indicators.id,
      projectId: indicators.projectId,
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
    .where(and(inArray(indicators.projectId, projectIds), eq(indicators.level, 3)))
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
  projectName: projects.name,
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
const flat = ({ m, ...rest }: RecordSelect): RecordWithOrg => ({ ...m, ...rest });

function recordQuery(db: Db) {
  return db
    .select(recordColumns)
    .from(monitoringRecords)
    .innerJoin(organisations, eq(organisations.id, monitoringRecords.orgId))
    .innerJoin(projects, eq(projects.id, monitoringRecords.projectId))
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
    .orderBy(asc(organisations.path), asc(projects.name));
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

/** The projects' execution rows of the year (scope project): monthly ones are cumulative 1–N月 figures. */
export async function projectExecutionRows(
  db: Db,
  projectIds: string[],
  year: number,
): Promise<(typeof budgetExecution.$inferSelect)[]> {
  if (projectIds.length === 0) return [];
  return db
    .select()
    .from(budgetExecution)
    .where(
      and(
        inArray(budgetExecution.projectId, projectIds),
        eq(budgetExecution.year, year),
        eq(budgetExecution.scope, "project"),
      ),
    );
}

/** The stage deadlines' SQL, and what is still to file for each stage under an organisation. */
import type { SettableStage } from "@jixiao/core";
import { and, eq, sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/open.ts";
import { likePrefix } from "../orgs/repository.ts";
import { type StageDeadlineRow, stageDeadlines } from "./schema.ts";

export interface DeadlineWithOrg extends StageDeadlineRow {
  orgPath: string;
  orgName: string;
}

const WITH_ORG = sql`SELECT d.id, d.org_id AS "orgId", d.year, d.stage, d.due_date::text AS "dueDate", d.note,
                            d.set_by AS "setBy", d.version, d.created_at AS "createdAt", d.updated_at AS "updatedAt",
                            o.path AS "orgPath", o.name AS "orgName"
                       FROM stage_deadlines d JOIN organisations o ON o.id = d.org_id`;

/** The deadlines set at the organisation at `orgPath` or above it (of a year, when given). */
export async function deadlinesCovering(db: Db, orgPath: string, year?: number): Promise<DeadlineWithOrg[]> {
  return queryRows<DeadlineWithOrg>(
    db,
    sql`${WITH_ORG} WHERE left(${orgPath}, length(o.path)) = o.path
         ${year === undefined ? sql`` : sql`AND d.year = ${year}`}
         ORDER BY length(o.path), d.year, d.stage`,
  );
}

export async function findDeadline(
  db: Db,
  orgId: string,
  year: number,
  stage: SettableStage,
): Promise<StageDeadlineRow | undefined> {
  const [row] = await db
    .select()
    .from(stageDeadlines)
    .where(and(eq(stageDeadlines.orgId, orgId), eq(stageDeadlines.year, year), eq(stageDeadlines.stage, stage)))
    .limit(1);
  return row;
}

export async function upsertDeadline(
  db: Db,
  v: {
    orgId: string;
    year: number;
    stage: SettableStage;
    dueDate: string;
    note: string | null;
    setBy: string;
    at: Date;
  },
): Promise<StageDeadlineRow> {
  const [row] = await db
    .insert(stageDeadlines)
    .values({ ...v, createdAt: v.at, updatedAt: v.at })
    .onConflictDoUpdate({
      target: [stageDeadlines.orgId, stageDeadlines.year, stageDeadlines.stage],
      set: {
        dueDate: v.dueDate,
        note: v.note,
        setBy: v.setBy,
        updatedAt: v.at,
        version: sql`${stageDeadlines.version} + 1`,
      },
    })
    .returning();
  return row!;
}

export async function deleteDeadline(db: Db, id: string): Promise<void> {
  await db.delete(stageDeadlines).where(eq(stageDeadlines.id, id));
}

export interface PendingCounts {
  /** Projects and department goals not yet submitted (draft or returned). */
  goals: number;
  /** Self-evaluations not yet submitted. */
  self_evaluation: number;
}

/** What is still to file (draft or returned) under the organisation at `underPath` in the year, per stage. */
export async function pendingUnder(db: Db, underPath: string, year: number): Promise<PendingCounts> {
  const [row] = await queryRows<{ goals: string; evaluations: string }>(
    db,
    sql`SELECT
          (SELECT count(*) FROM projects x JOIN organisations o ON o.id = x.org_id
            WHERE x.year = ${year} AND x.workflow_state IN ('draft', 'returned') AND o.path LIKE ${likePrefix(underPath)})
          + (SELECT count(*) FROM department_goals x JOIN organisations o ON o.id = x.org_id
            WHERE x.year = ${year} AND x.workflow_state IN ('draft', 'returned') AND o.path LIKE ${likePrefix(underPath)})
          AS goals,
          (SELECT count(*) FROM self_evaluations x JOIN organisations o ON o.id = x.org_id
            WHERE x.year = ${year} AND x.workflow_state IN ('draft', 'returned') AND o.path LIKE ${likePrefix(underPath)})
          AS evaluations`,
  );
  return { goals: Number(row?.goals ?? 0), self_evaluation: Number(row?.evaluations ?? 0) };
}

export interface RoundDue {
  roundId: string;
  orgId: string;
  orgName: string;
  year: number;
  cutoffMonth: number;
  deadline: string;
  /** Its records under the organisation still to file (draft or returned). */
  pending: number;
}

/** The monitoring rounds the organisation takes part in (opened at it or above), of a year when given. */
export async function roundsCovering(db: Db, orgPath: string, year?: number): Promise<RoundDue[]> {
  const rows = await queryRows<RoundDue & { pending: string }>(
    db,
    sql`SELECT r.id AS "roundId", r.org_id AS "orgId", o.name AS "orgName", r.year, r.cutoff_month AS "cutoffMonth",
               r.deadline::text AS deadline,
               (SELECT count(*) FROM monitoring_records m JOIN organisations mo ON mo.id = m.org_id
                 WHERE m.round_id = r.id AND m.workflow_state IN ('draft', 'returned')
                   AND mo.path LIKE ${likePrefix(orgPath)}) AS pending
          FROM monitoring_rounds r JOIN organisations o ON o.id = r.org_id
         WHERE left(${orgPath}, length(o.path)) = o.path ${year === undefined ? sql`` : sql`AND r.year = ${year}`}
         ORDER BY r.deadline, r.cutoff_month`,
  );
  return rows.map((r) => ({ ...r, pending: Number(r.pending) }));
}

/** The SQL of 结果应用: the rules in force, next year's projects, this year's projects with their stored scores, trends. */
import { and, eq, sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/open.ts";
import { likePrefix } from "../orgs/repository.ts";
import { type ResultRulesRow, resultRules } from "./schema.ts";

export interface StoredRules extends ResultRulesRow {
  orgName: string;
  orgPath: string;
}

/** The rule sets of a year at the organisation, above it and inside its subtree (the deepest above a unit applies). */
export async function rulesAround(db: Db, path: string, year: number): Promise<StoredRules[]> {
  const rows = await queryRows<{
    id: string;
    org_id: string;
    year: number;
    rules: ResultRulesRow["rules"];
    updated_by: string | null;
    version: number;
    created_at: Date | string;
    updated_at: Date | string;
    org_name: string;
    org_path: string;
  }>(
    db,
    sql`SELECT r.*, o.name AS org_name, o.path AS org_path
          FROM result_rules r JOIN organisations o ON o.id = r.org_id
         WHERE r.year = ${year} AND (starts_with(${path}, o.path) OR o.path LIKE ${likePrefix(path)})
         ORDER BY o.depth DESC`,
  );
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    year: Number(r.year),
    rules: r.rules,
    updatedBy: r.updated_by,
    version: Number(r.version),
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    orgName: r.org_name,
    orgPath: r.org_path,
  }));
}

/** The rule set stored at the organisation itself for the year. */
export async function findRules(db: Db, orgId: string, year: number): Promise<ResultRulesRow | undefined> {
  const [row] = await db
    .select()
    .from(resultRules)
    .where(and(eq(resultRules.orgId, orgId), eq(resultRules.year, year)));
  return row;
}

export async function upsertRules(
  db: Db,
  v: { orgId: string; year: number; rules: ResultRulesRow["rules"]; updatedBy: string; now: Date },
): Promise<ResultRulesRow> {
  const [row] = await db
    .insert(resultRules)
    .values({
      orgId: v.orgId,
      year: v.year,
      rules: v.rules,
      updatedBy: v.updatedBy,
      createdAt: v.now,
      updatedAt: v.now,
    })
    .onConflictDoUpdate({
      target: [resultRules.orgId, resultRules.year],
      set: { rules: v.rules, updatedBy: v.updatedBy, updatedAt: v.now, version: sql`${resultRules.version} + 1` },
    })
    .returning();
  return row!;
}

export interface ProjectFacts {
  id: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  code: string | null;
  name: string;
  annualFunds: string | null;
  supersedesId: string | null;
  workflowState: string;
  /** No later revision adjusts it. */
  current: boolean;
}

/** Every revision of the year's projects in the subtree (in the order of the units, then names). */
export async function projectsUnder(db: Db, path: string, year: number): Promise<ProjectFacts[]> {
  const rows = await queryRows<{
    id: string;
    org_id: string;
    org_name: string;
    org_path: string;
    code: string | null;
    name: string;
    annual_funds: string | null;
    supersedes_id: string | null;
    workflow_state: string;
    current: boolean;
  }>(
    db,
    sql`SELECT p.id, p.org_id, o.name AS org_name, o.path AS org_path, p.code, p.name,
               p.annual_funds::text AS annual_funds, p.supersedes_id, p.workflow_state,
               NOT EXISTS (SELECT 1 FROM projects later WHERE later.supersedes_id = p.id) AS current
          FROM projects p JOIN organisations o ON o.id = p.org_id
         WHERE o.path LIKE ${likePrefix(path)} AND p.year = ${year}
         ORDER BY o.path, p.name, p.revision`,
  );
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    orgPath: r.org_path,
    code: r.code,
    name: r.name,
    annualFunds: r.annual_funds,
    supersedesId: r.supersedes_id,
    workflowState: r.workflow_state,
    current: r.current === true || String(r.current) === "true",
  }));
}

export interface EvaluationRow {
  id: string;
  projectId: string;
  total: string | null;
  grade: string | null;
  budget: string | null;
  executed: string | null;
  workflowState: string;
}

/** The year's project self-evaluations in the subtree with their stored score (total, grade) and funds. */
export async function projectEvaluationsUnder(db: Db, path: string, year: number): Promise<EvaluationRow[]> {
  return queryRows<EvaluationRow>(
    db,
    sql`SELECT s.id, s.project_id AS "projectId", trim_scale(round(s.score_total, 4))::text AS total,
               s.score_grade AS grade, s.full_year_budget::text AS budget, s.executed::text AS executed,
               s.workflow_state AS "workflowState"
          FROM self_evaluations s JOIN organisations o ON o.id = s.org_id
         WHERE o.path LIKE ${likePrefix(path)} AND s.year = ${year} AND s.kind = 'project'
           AND s.project_id IS NOT NULL
         ORDER BY s.updated_at DESC`,
  );
}

/** The projects carried forward to the year in the subtree (source of last year → draft of this year). */
export async function carriedProjects(db: Db, path: string, year: number) {
  return queryRows<{ sourceId: string; targetId: string }>(
    db,
    sql`SELECT c.source_id AS "sourceId", c.target_id AS "targetId"
          FROM carried_records c JOIN organisations o ON o.id = c.org_id
         WHERE o.path LIKE ${likePrefix(path)} AND c.to_year = ${year} AND c.kind = 'project'`,
  );
}

export interface TrendRow {
  unitId: string | null;
  year: number;
  count: number;
  sum: string | null;
  /** Σ 全年预算数 and Σ 全年执行数 of the project self-evaluations that have both (元). */
  budget: string | null;
  spent: string | null;
  perBand: number[];
}

/**
 * Self-evaluation figures per direct child unit (its subtree; the organisation's own as its own) and year, for the
 * years from..to: count, exact sum of the stored totals, count per grade, the project evaluations' funds.
 */
export async function scoreTrend(
  db: Db,
  org: { id: string; path: string },
  from: number,
  to: number,
  grades: readonly string[],
): Promise<TrendRow[]> {
  const perBand = grades.map(
    (g, i) => sql`count(*) FILTER (WHERE u.grade = ${g})::text AS ${sql.identifier(`band_${i}`)}`,
  );
  const rows = await queryRows<Record<string, string | null> & { unit_id: string; year: number }>(
    db,
    sql`SELECT u.unit_id, u.year, count(*)::text AS n, sum(u.total)::text AS sum,
               sum(u.budget) FILTER (WHERE u.kind = 'project' AND u.executed IS NOT NULL)::text AS budget,
               sum(u.executed) FILTER (WHERE u.kind = 'project' AND u.budget IS NOT NULL)::text AS spent,
               ${sql.join(perBand, sql`, `)}
          FROM (SELECT CASE WHEN o.path = ${org.path} THEN ${org.id}
                            ELSE split_part(substr(o.path, length(${org.path}) + 1), '/', 1) END AS unit_id,
                       s.year, s.kind, s.score_total AS total, s.score_grade AS grade,
                       s.full_year_budget AS budget, s.executed
                  FROM self_evaluations s JOIN organisations o ON o.id = s.org_id
                 WHERE o.path LIKE ${likePrefix(org.path)} AND s.year BETWEEN ${from} AND ${to}
                   AND s.score_total IS NOT NULL) u
         GROUP BY u.unit_id, u.year`,
  );
  return rows.map((r) => ({
    unitId: r.unit_id,
    year: Number(r.year),
    count: Number(r.n),
    sum: r.sum ?? null,
    budget: r.budget ?? null,
    spent: r.spent ?? null,
    perBand: grades.map((_, i) => Number(r[`band_${i}`] ?? 0)),
  }));
}

/**
 * Department execution (scope total) per direct child unit and year: each organisation's full-year figures, or,
 * during a year without them, its latest 1–N月 figures (as the dashboard's execution chart reads them).
 */
export async function executionTrend(db: Db, org: { id: string; path: string }, from: number, to: number) {
  const rows = await queryRows<{ unit_id: string; year: number; budget: string; spent: string }>(
    db,
    sql`SELECT CASE WHEN l.path = ${org.path} THEN ${org.id}
                    ELSE split_part(substr(l.path, length(${org.path}) + 1), '/', 1) END AS unit_id,
               l.year, sum(l.budget)::text AS budget, sum(l.spent)::text AS spent
          FROM (SELECT DISTINCT ON (e.org_id, e.year) o.path, e.year,
                       coalesce(e.determined_budget, coalesce(e.initial_budget, 0) + coalesce(e.adjustment, 0)) AS budget,
                       coalesce(e.executed, 0) AS spent
                  FROM budget_execution e JOIN organisations o ON o.id = e.org_id
                 WHERE o.path LIKE ${likePrefix(org.path)} AND e.year BETWEEN ${from} AND ${to} AND e.scope = 'total'
                 ORDER BY e.org_id, e.year, (e.month IS NULL) DESC, e.month DESC) l
         GROUP BY 1, l.year`,
  );
  return rows.map((r) => ({ unitId: r.unit_id, year: Number(r.year), budget: r.budget, spent: r.spent }));
}

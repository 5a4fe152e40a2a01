/** Roll-ups over an organisation's subtree, in SQL (sums of numeric stay exact). */
import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/open.ts";
import { likePrefix } from "../orgs/repository.ts";

export interface ExecutionRow {
  orgId: string;
  orgName: string;
  budget: string;
  spent: string;
  asOf: Date | null;
}

/** Full-year department execution (scope total, no month) of every unit in the subtree that has figures. */
export async function executionBySubtree(db: Db, underPath: string, year: number): Promise<ExecutionRow[]> {
  const rows = await queryRows<{
    org_id: string;
    org_name: string;
    budget: string;
    spent: string;
    as_of: Date | string | null;
  }>(
    db,
    sql`SELECT o.id AS org_id, o.name AS org_name,
               sum(coalesce(e.determined_budget, coalesce(e.initial_budget, 0) + coalesce(e.adjustment, 0)))::text AS budget,
               sum(coalesce(e.executed, 0))::text AS spent,
               max(e.updated_at) AS as_of
          FROM budget_execution e JOIN organisations o ON o.id = e.org_id
         WHERE o.path LIKE ${likePrefix(underPath)} AND e.year = ${year} AND e.scope = 'total' AND e.month IS NULL
         GROUP BY o.id, o.name, o.path
         ORDER BY o.path`,
  );
  return rows.map((r) => ({
    orgId: r.org_id,
    orgName: r.org_name,
    budget: r.budget,
    spent: r.spent,
    asOf: r.as_of === null ? null : new Date(r.as_of),
  }));
}

export interface ScoreRow {
  id: string;
  name: string;
  orgName: string;
  /**
   * The stored result's total (core's `scoreEvaluation`, stored when the record was saved) as decimal text, at most
   * 4 decimals, trailing zeros dropped (`85.5`).
   */
  total: string;
  /** Its grade ("" when the result has none). */
  grade: string;
  /** 总分 as the document states it, shown beside the computed one; the same decimal text. */
  statedTotal: string | null;
}

/** A score band of the scheme's grades, as SQL bounds: `min <= total < below` (no `below` for the top band). */
export interface ScoreBand {
  grade: string;
  min: string;
  below?: string;
}

/**
 * The one stored score (issue 12): the total and grade of the stored result, never recomputed here — read from the
 * columns the database generates from it (migration 0015), not by opening each result's JSON.
 */
const TOTAL = sql`s.score_total`;
const GRADE = sql`s.score_grade`;

/**
 * A numeric as core's `toDecimalString(x, 4)` writes it: rounded half away from zero to 4 decimals (numeric's
 * `round` does that), trailing zeros and a bare point dropped (`trim_scale`). Done by the database, so that the rows
 * go out as they come in.
 */
const decimal4 = (x: SQL) => sql`trim_scale(round(${x}, 4))::text`;

/** In one of the bands: by the stored grade (the scheme's own bands decided it when the score was stored). */
function inBands(bands: readonly ScoreBand[], grade: SQL = GRADE) {
  return sql`${grade} IN (${sql.join(
    bands.map((b) => sql`${b.grade}`),
    sql`, `,
  )})`;
}

/** A row of the list with its unit's path: the list's first sort key, which a page's cursor carries. */
export type ScoreRowAt = ScoreRow & { orgPath: string };

/**
 * The self-evaluations of the subtree that have a stored score (core's result), in the order of the units' paths
 * and names, already in the shape the API answers (with the unit's path beside); a page of them (`limit`/`offset`,
 * or `after` a row: keyset) and only those in `bands` when given. The count of all is asked apart
 * (`countScoresBySubtree`) and only when the page does not tell it: `count(*) over ()` made the database keep every
 * row before the LIMIT. With a LIMIT the database reads the units in path order (the path index) and sorts only
 * within each unit (an incremental sort), so a page costs about its own rows; `after` starts that walk at the
 * cursor's unit (`o.path >= …` is what the index can use; the row comparison decides within the unit).
 */
export async function scoresBySubtree(
  db: Db,
  underPath: string,
  year: number,
  opts: {
    limit?: number;
    offset?: number;
    bands?: readonly ScoreBand[];
    after?: { path: string; name: string; id: string };
  } = {},
): Promise<ScoreRowAt[]> {
  const name = sql`coalesce(p.name, o.name || ' 部门整体')`;
  const after = opts.after
    ? sql`AND o.path >= ${opts.after.path}
          AND (o.path, ${name}, s.id) > (${opts.after.path}, ${opts.after.name}, ${opts.after.id}::uuid)`
    : sql``;
  return queryRows<ScoreRowAt>(
    db,
    sql`SELECT s.id, ${name} AS name, o.name AS "orgName",
               ${decimal4(TOTAL)} AS total, coalesce(${GRADE}, '') AS grade,
               ${decimal4(sql`s.stated_total`)} AS "statedTotal", o.path AS "orgPath"
          FROM self_evaluations s
          JOIN organisations o ON o.id = s.org_id
          LEFT JOIN projects p ON p.id = s.project_id
         WHERE o.path LIKE ${likePrefix(underPath)} AND s.year = ${year} AND ${TOTAL} IS NOT NULL
           ${opts.bands ? sql`AND (${inBands(opts.bands)})` : sql``} ${after}
         ORDER BY o.path, name, s.id
         ${opts.limit === undefined ? sql`` : sql`LIMIT ${opts.limit}`}
         ${opts.offset ? sql`OFFSET ${opts.offset}` : sql``}`,
  );
}

/** The count of evaluations with a total in the subtree (and in `bands` when given). */
export async function countScoresBySubtree(
  db: Db,
  underPath: string,
  year: number,
  bands?: readonly ScoreBand[],
): Promise<number> {
  const [row] = await queryRows<{ n: string }>(
    db,
    sql`SELECT count(*)::text AS n
          FROM self_evaluations s JOIN organisations o ON o.id = s.org_id
         WHERE o.path LIKE ${likePrefix(underPath)} AND s.year = ${year} AND ${TOTAL} IS NOT NULL
           ${bands ? sql`AND (${inBands(bands)})` : sql``}`,
  );
  return Number(row?.n ?? 0);
}

export interface ScoreSummaryRow {
  /** The direct child unit the figures are of (its whole subtree), the organisation itself (its own), or null: all. */
  unitId: string | null;
  count: number;
  /** Exact sum and minimum of the totals (numeric as text); null when there is none. */
  sum: string | null;
  min: string | null;
  /** Count per band, in the order of `bands`. */
  perBand: number[];
}

/**
 * Self-evaluation figures of the subtree grouped by the direct child unit they fall under (the organisation's own
 * as its own group) and in all: count, exact sum and minimum of the totals, count per band — one pass in SQL.
 */
export async function scoreSummaryBySubtree(
  db: Db,
  org: { id: string; path: string },
  year: number,
  bands: readonly ScoreBand[],
): Promise<ScoreSummaryRow[]> {
  const perBand = bands.map(
    (b, i) => sql`count(*) FILTER (WHERE ${inBands([b], sql`u.grade`)})::text AS ${sql.identifier(`band_${i}`)}`,
  );
  const rows = await queryRows<Record<string, string | null> & { unit_id: string | null; everything: number }>(
    db,
    sql`SELECT u.unit_id, grouping(u.unit_id) AS everything, count(*)::text AS n,
               sum(u.total)::text AS sum, min(u.total)::text AS min, ${sql.join(perBand, sql`, `)}
          FROM (SELECT CASE WHEN o.path = ${org.path} THEN ${org.id}
                            ELSE split_part(substr(o.path, length(${org.path}) + 1), '/', 1) END AS unit_id,
                       ${TOTAL} AS total, ${GRADE} AS grade
                  FROM self_evaluations s JOIN organisations o ON o.id = s.org_id
                 WHERE o.path LIKE ${likePrefix(org.path)} AND s.year = ${year} AND ${TOTAL} IS NOT NULL) u
         GROUP BY GROUPING SETS ((u.unit_id), ())`,
  );
  return rows.map((r) => ({
    unitId: Number(r.everything) === 1 ? null : r.unit_id,
    count: Number(r.n),
    sum: r.sum ?? null,
    min: r.min ?? null,
    perBand: bands.map((_, i) => Number(r[`band_${i}`] ?? 0)),
  }));
}

/** The direct children of an organisation, in the tree's order. */
export async function childUnits(db: Db, orgId: string): Promise<{ id: string; name: string }[]> {
  return queryRows<{ id: string; name: string }>(
    db,
    sql`SELECT id, name FROM organisations WHERE parent_id = ${orgId} ORDER BY sort_order, code, name`,
  );
}

export interface TodoCounts {
  projects: number;
  goals: number;
  evaluations: number;
  budgets: number;
  /** 绩效运行监控表: also the drafts the filler has still to fill. */
  monitoring: number;
}

/**
 * Records waiting for the actor, by kind (projects, department goals, self-evaluations, department budgets,
 * monitoring records): submitted ones to unit-approve, unit-approved ones to review (neither their own submission,
 * nor for the reviewer their own unit approval), returned ones to fix; and monitoring records still draft, to fill.
 */
export async function todoCount(
  db: Db,
  q: {
    underPath: string;
    year: number;
    accountId: string;
    unitApprovePaths: string[] | "all";
    reviewPaths: string[] | "all";
    writePaths: string[] | "all";
  },
): Promise<TodoCounts> {
  const inPaths = (paths: string[] | "all") =>
    paths === "all"
      ? sql`TRUE`
      : paths.length === 0
        ? sql`FALSE`
        : sql.join(
            paths.map((p) => sql`o.path LIKE ${likePrefix(p)}`),
            sql` OR `,
          );
  const rows = await queryRows<{ kind: keyof TodoCounts; n: string }>(
    db,
    sql`WITH items AS (
          SELECT 'projects' AS kind, 'project' AS entity_type, id, version, org_id, workflow_state, submitted_by
            FROM projects WHERE year = ${q.year}
          UNION ALL
          SELECT 'goals', 'department_goal', id, version, org_id, workflow_state, submitted_by
            FROM department_goals WHERE year = ${q.year}
          UNION ALL
          SELECT 'evaluations', 'self_evaluation', id, version, org_id, workflow_state, submitted_by
            FROM self_evaluations WHERE year = ${q.year}
          UNION ALL
          SELECT 'budgets', 'department_budget', id, version, org_id, workflow_state, submitted_by
            FROM department_budgets WHERE year = ${q.year}
          UNION ALL
          SELECT 'monitoring', 'monitoring_record', id, version, org_id, workflow_state, submitted_by
            FROM monitoring_records WHERE year = ${q.year}
        )
        SELECT i.kind, count(*)::text AS n
          FROM items i JOIN organisations o ON o.id = i.org_id
         WHERE o.path LIKE ${likePrefix(q.underPath)}
           AND ((i.workflow_state = 'submitted' AND i.submitted_by IS DISTINCT FROM ${q.accountId}::uuid AND (${inPaths(q.unitApprovePaths)}))
             OR (i.workflow_state = 'unit_approved' AND i.submitted_by IS DISTINCT FROM ${q.accountId}::uuid AND (${inPaths(q.reviewPaths)})
                 -- not the reviewer's own unit approval (the step that made this version)
                 AND NOT EXISTS (SELECT 1 FROM workflow_transitions t
                                  WHERE t.entity_type = i.entity_type AND t.entity_id = i.id
                                    AND t.entity_version = i.version AND t.action = 'unit_approve'
                                    AND t.actor_id = ${q.accountId}::uuid))
             OR (i.workflow_state = 'returned' AND (${inPaths(q.writePaths)}))
             OR (i.kind = 'monitoring' AND i.workflow_state = 'draft' AND (${inPaths(q.writePaths)})))
         GROUP BY i.kind`,
  );
  const counts: TodoCounts = { projects: 0, goals: 0, evaluations: 0, budgets: 0, monitoring: 0 };
  for (const r of rows) counts[r.kind] = Number(r.n);
  return counts;
}

/** Roll-ups over an organisation's subtree, in SQL (sums of numeric stay exact). */
import { sql } from "drizzle-orm";
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
  total: string | null;
}

export async function scoresBySubtree(db: Db, underPath: string, year: number): Promise<ScoreRow[]> {
  const rows = await queryRows<{ id: string; name: string; org_name: string; total: string | null }>(
    db,
    sql`SELECT s.id, coalesce(p.name, o.name || ' 部门整体') AS name, o.name AS org_name,
               coalesce(s.stated_total, s.computed_total)::text AS total
          FROM self_evaluations s
          JOIN organisations o ON o.id = s.org_id
          LEFT JOIN projects p ON p.id = s.project_id
         WHERE o.path LIKE ${likePrefix(underPath)} AND s.year = ${year}
         ORDER BY o.path, name`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, orgName: r.org_name, total: r.total }));
}

/** Projects waiting for the actor: submitted ones to review (not their own), returned ones to fix. */
export async function todoCount(
  db: Db,
  q: {
    underPath: string;
    year: number;
    accountId: string;
    reviewPaths: string[] | "all";
    writePaths: string[] | "all";
  },
): Promise<number> {
  const inPaths = (paths: string[] | "all") =>
    paths === "all"
      ? sql`TRUE`
      : paths.length === 0
        ? sql`FALSE`
        : sql.join(
            paths.map((p) => sql`o.path LIKE ${likePrefix(p)}`),
            sql` OR `,
          );
  const [row] = await queryRows<{ n: string }>(
    db,
    sql`SELECT count(*)::text AS n
          FROM projects pr JOIN organisations o ON o.id = pr.org_id
         WHERE o.path LIKE ${likePrefix(q.underPath)} AND pr.year = ${q.year}
           AND ((pr.workflow_state = 'submitted' AND pr.submitted_by IS DISTINCT FROM ${q.accountId}::uuid AND (${inPaths(q.reviewPaths)}))
             OR (pr.workflow_state = 'returned' AND (${inPaths(q.writePaths)})))`,
  );
  return Number(row?.n ?? 0);
}

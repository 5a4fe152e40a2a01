/**
 * Department execution per unit of a subtree at the latest figures (issue 16). During the year: the unit's latest
 * monthly row (1–N月, cumulative) when it has one, else its full-year row; once the year is over
 * (`yearOver`), the full-year row (the year's final figures) when there is one. A monthly row without budget figures
 * takes the full-year row's budget. Amounts stay exact (numeric as text).
 */
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/open.ts";
import { likePrefix } from "../orgs/repository.ts";

export interface LatestExecutionRow {
  orgId: string;
  orgName: string;
  budget: string;
  spent: string;
  /** The month of the monthly row read; null when the full-year row was read. */
  month: number | null;
  asOf: Date | null;
}

export async function latestExecutionBySubtree(
  db: Db,
  underPath: string,
  year: number,
  yearOver: boolean,
): Promise<LatestExecutionRow[]> {
  const under = likePrefix(underPath);
  const rows = await queryRows<{
    org_id: string;
    org_name: string;
    budget: string;
    spent: string;
    month: number | null;
    as_of: Date | string | null;
    use_month: boolean;
  }>(
    db,
    sql`WITH figures AS (
          SELECT e.org_id, e.month, e.executed, e.updated_at,
                 coalesce(e.determined_budget,
                          CASE WHEN e.initial_budget IS NULL AND e.adjustment IS NULL THEN NULL
                               ELSE coalesce(e.initial_budget, 0) + coalesce(e.adjustment, 0) END) AS budget
            FROM budget_execution e JOIN organisations o ON o.id = e.org_id
           WHERE o.path LIKE ${under} AND e.year = ${year} AND e.scope = 'total'
        ),
        latest AS (
          SELECT DISTINCT ON (org_id) org_id, month, budget, executed, updated_at
            FROM figures WHERE month IS NOT NULL AND executed IS NOT NULL
           ORDER BY org_id, month DESC
        ),
        full_year AS (SELECT org_id, budget, executed, updated_at FROM figures WHERE month IS NULL)
        SELECT o.id AS org_id, o.name AS org_name, b.use_month,
               coalesce(CASE WHEN b.use_month THEN l.budget END, f.budget, 0)::text AS budget,
               coalesce(CASE WHEN b.use_month THEN l.executed ELSE f.executed END, 0)::text AS spent,
               CASE WHEN b.use_month THEN l.month END AS month,
               CASE WHEN b.use_month THEN l.updated_at ELSE f.updated_at END AS as_of
          FROM organisations o
          LEFT JOIN latest l ON l.org_id = o.id
          LEFT JOIN full_year f ON f.org_id = o.id
          CROSS JOIN LATERAL (
            SELECT l.org_id IS NOT NULL AND (f.org_id IS NULL OR NOT ${yearOver}) AS use_month
          ) b
         WHERE o.path LIKE ${under} AND (l.org_id IS NOT NULL OR f.org_id IS NOT NULL)
         ORDER BY o.path`,
  );
  return rows.map((r) => ({
    orgId: r.org_id,
    orgName: r.org_name,
    budget: r.budget,
    spent: r.spent,
    month: r.month === null ? null : Number(r.month),
    asOf: r.as_of === null ? null : new Date(r.as_of),
  }));
}

/** The last day of a month as `YYYY-MM-DD`. */
export function monthEnd(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

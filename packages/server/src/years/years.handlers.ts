import type { RouteHandler } from "@hono/zod-openapi";
import { DomainError } from "@jixiao/core";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Actor } from "../accounts/actor.ts";
import { authorize, requireActor, scopeOf } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { PG_UNIQUE_VIOLATION, pgError } from "../db/errors.ts";
import { type Db, queryRows } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import type { AppEnv } from "../http/context.ts";
import { notFound, staleVersion } from "../http/errors.ts";
import { likePrefix } from "../orgs/repository.ts";
import { fiscalYears } from "./schema.ts";
import type { createYearRoute, listYearsRoute, updateYearRoute } from "./years.routes.ts";

/**
 * The years that hold a record (project, department goal, self-evaluation, department budget) of an organisation
 * the actor may read: the web app opens on the latest of them.
 */
async function yearsWithData(db: Db, actor: Actor): Promise<Set<number>> {
  const scope = scopeOf(actor, "business.read");
  if (!scope.all && scope.paths.length === 0) return new Set();
  const within = scope.all
    ? sql`TRUE`
    : sql.join(
        scope.paths.map((p) => sql`o.path LIKE ${likePrefix(p)}`),
        sql` OR `,
      );
  const rows = await queryRows<{ year: number }>(
    db,
    sql`SELECT DISTINCT r.year FROM (
          SELECT year, org_id FROM projects UNION ALL SELECT year, org_id FROM department_goals
          UNION ALL SELECT year, org_id FROM self_evaluations UNION ALL SELECT year, org_id FROM department_budgets
        ) r JOIN organisations o ON o.id = r.org_id WHERE ${within}`,
  );
  return new Set(rows.map((r) => Number(r.year)));
}

export const listYearsHandler: RouteHandler<typeof listYearsRoute, AppEnv> = async (c) => {
  const actor = requireActor(c.var.actor);
  const { db, now } = c.var.deps;
  const rows = await db.select().from(fiscalYears).orderBy(desc(fiscalYears.year));
  const withData = await yearsWithData(db, actor);
  const thisYear = now().getFullYear();
  const current = rows.find((r) => r.year === thisYear)?.year ?? rows.find((r) => r.status === "open")?.year;
  return c.json(
    {
      items: rows.map((r) => ({
        year: r.year,
        status: r.status as "open" | "closed",
        current: r.year === current,
        version: r.version,
        hasData: withData.has(r.year),
      })),
    },
    200,
  );
};

const present = (r: typeof fiscalYears.$inferSelect, now: Date) => ({
  year: r.year,
  status: r.status as "open" | "closed",
  current: r.year === now.getFullYear(),
  version: r.version,
});

export const createYearHandler: RouteHandler<typeof createYearRoute, AppEnv> = async (c) => {
  const actor = authorize(c.var.actor, "orgs.manage");
  const { year } = c.req.valid("json");
  const { db, now } = c.var.deps;
  try {
    const row = await transact(db, async (tx) => {
      const [r] = await tx.insert(fiscalYears).values({ year }).returning();
      await recordAudit(tx, {
        actor,
        action: "year.create",
        entityType: "fiscal_year",
        entityId: String(year),
        after: r,
        at: now(),
      });
      return r!;
    });
    return c.json(present(row, now()), 201);
  } catch (e) {
    if (pgError(e)?.code === PG_UNIQUE_VIOLATION) {
      throw new DomainError("conflict", { zh: `预算年度 ${year} 已存在`, en: `Fiscal year ${year} exists already` });
    }
    throw e;
  }
};

export const updateYearHandler: RouteHandler<typeof updateYearRoute, AppEnv> = async (c) => {
  const actor = authorize(c.var.actor, "orgs.manage");
  const { year } = c.req.valid("param");
  const { status, version } = c.req.valid("json");
  const { db, now } = c.var.deps;
  const row = await transact(db, async (tx) => {
    const [before] = await tx.select().from(fiscalYears).where(eq(fiscalYears.year, year));
    if (!before) throw notFound({ zh: "预算年度", en: "fiscal year" });
    const [r] = await tx
      .update(fiscalYears)
      .set({ status, version: sql`${fiscalYears.version} + 1`, updatedAt: now() })
      .where(and(eq(fiscalYears.year, year), eq(fiscalYears.version, version)))
      .returning();
    if (!r) throw staleVersion(present(before, now()));
    await recordAudit(tx, {
      actor,
      action: "year.update",
      entityType: "fiscal_year",
      entityId: String(year),
      before,
      after: r,
      at: now(),
    });
    return r;
  });
  return c.json(present(row, now()), 200);
};

import type { RouteHandler } from "@hono/zod-openapi";
import { desc } from "drizzle-orm";
import { requireActor } from "../accounts/authorize.ts";
import type { AppEnv } from "../http/context.ts";
import { fiscalYears } from "./schema.ts";
import type { listYearsRoute } from "./years.routes.ts";

export const listYearsHandler: RouteHandler<typeof listYearsRoute, AppEnv> = async (c) => {
  requireActor(c.var.actor);
  const { db, now } = c.var.deps;
  const rows = await db.select().from(fiscalYears).orderBy(desc(fiscalYears.year));
  const thisYear = now().getFullYear();
  const current = rows.find((r) => r.year === thisYear)?.year ?? rows.find((r) => r.status === "open")?.year;
  return c.json(
    { items: rows.map((r) => ({ year: r.year, status: r.status as "open" | "closed", current: r.year === current })) },
    200,
  );
};

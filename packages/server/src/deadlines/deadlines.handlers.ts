import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import type * as r from "./deadlines.routes.ts";
import { clearDeadline, listDeadlines, setDeadline } from "./deadlines.service.ts";

export const listDeadlinesHandler: RouteHandler<typeof r.listDeadlinesRoute, AppEnv> = async (c) => {
  const { orgId, year } = c.req.valid("query");
  return c.json(await listDeadlines(c.var.deps, c.var.actor, orgId, year), 200);
};

export const setDeadlineHandler: RouteHandler<typeof r.setDeadlineRoute, AppEnv> = async (c) =>
  c.json(await setDeadline(c.var.deps, c.var.actor, c.req.valid("json")), 200);

export const clearDeadlineHandler: RouteHandler<typeof r.clearDeadlineRoute, AppEnv> = async (c) =>
  c.json(await clearDeadline(c.var.deps, c.var.actor, c.req.valid("query")), 200);

import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import type { executionRollupRoute, scoreRollupRoute, todoCountRoute } from "./rollups.routes.ts";
import { executionRollup, scoreRollup, todo } from "./rollups.service.ts";

export const executionRollupHandler: RouteHandler<typeof executionRollupRoute, AppEnv> = async (c) => {
  const { orgId, year } = c.req.valid("query");
  return c.json(await executionRollup(c.var.deps, c.var.actor, orgId, year), 200);
};

export const scoreRollupHandler: RouteHandler<typeof scoreRollupRoute, AppEnv> = async (c) => {
  const { orgId, year } = c.req.valid("query");
  return c.json(await scoreRollup(c.var.deps, c.var.actor, orgId, year), 200);
};

export const todoCountHandler: RouteHandler<typeof todoCountRoute, AppEnv> = async (c) => {
  const { orgId, year } = c.req.valid("query");
  return c.json(await todo(c.var.deps, c.var.actor, orgId, year), 200);
};

import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import type { executionRollupRoute, scoreRollupRoute, scoreSummaryRoute, todoCountRoute } from "./rollups.routes.ts";
import { executionRollup, scoreRollup, scoreSummary, todo } from "./rollups.service.ts";

export const executionRollupHandler: RouteHandler<typeof executionRollupRoute, AppEnv> = async (c) => {
  const { orgId, year } = c.req.valid("query");
  return c.json(await executionRollup(c.get("deps"), c.get("actor"), orgId, year), 200);
};

export const scoreRollupHandler: RouteHandler<typeof scoreRollupRoute, AppEnv> = async (c) => {
  const { orgId, year, page, pageSize, grade, cursor } = c.req.valid("query");
  const paging = {
    ...(page === undefined ? {} : { page }),
    ...(pageSize === undefined ? {} : { pageSize }),
    ...(grade === undefined ? {} : { grade }),
    ...(cursor === undefined ? {} : { cursor }),
  };
  return c.json(await scoreRollup(c.get("deps"), c.get("actor"), orgId, year, paging), 200);
};

export const scoreSummaryHandler: RouteHandler<typeof scoreSummaryRoute, AppEnv> = async (c) => {
  const { orgId, year } = c.req.valid("query");
  return c.json(await scoreSummary(c.get("deps"), c.get("actor"), orgId, year), 200);
};

export const todoCountHandler: RouteHandler<typeof todoCountRoute, AppEnv> = async (c) => {
  const { orgId, year } = c.req.valid("query");
  return c.json(await todo(c.get("deps"), c.get("actor"), orgId, year), 200);
};

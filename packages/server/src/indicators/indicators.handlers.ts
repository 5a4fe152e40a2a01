import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import type {
  createIndicatorRoute,
  deleteIndicatorRoute,
  getIndicatorRoute,
  listIndicatorsRoute,
  updateIndicatorRoute,
} from "./indicators.routes.ts";
import {
  createIndicator,
  deleteIndicatorFor,
  getIndicator,
  listIndicators,
  updateIndicatorFor,
} from "./indicators.service.ts";
import { parsedTarget } from "./target.ts";

export const listIndicatorsHandler: RouteHandler<typeof listIndicatorsRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json({ items: await listIndicators(c.var.deps, c.var.actor, id) }, 200);
};

export const createIndicatorHandler: RouteHandler<typeof createIndicatorRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  const created = await createIndicator(c.var.deps, c.var.actor, id, {
    ...body,
    targetParsed: parsedTarget(body.targetText),
  });
  return c.json(created, 201);
};

export const getIndicatorHandler: RouteHandler<typeof getIndicatorRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json(await getIndicator(c.var.deps, c.var.actor, id), 200);
};

export const updateIndicatorHandler: RouteHandler<typeof updateIndicatorRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  const patch = body.targetText === undefined ? body : { ...body, targetParsed: parsedTarget(body.targetText) };
  return c.json(await updateIndicatorFor(c.var.deps, c.var.actor, id, patch), 200);
};

export const deleteIndicatorHandler: RouteHandler<typeof deleteIndicatorRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  await deleteIndicatorFor(c.var.deps, c.var.actor, id, c.req.valid("query").version);
  return c.body(null, 204);
};

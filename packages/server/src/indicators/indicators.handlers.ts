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

export const listIndicatorsHandler: RouteHandler<typeof listIndicatorsRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json({ items: await listIndicators(c.var.deps, c.var.actor, { kind: "project", id }) }, 200);
};

export const createIndicatorHandler: RouteHandler<typeof createIndicatorRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json(await createIndicator(c.var.deps, c.var.actor, { kind: "project", id }, c.req.valid("json")), 201);
};

export const getIndicatorHandler: RouteHandler<typeof getIndicatorRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json(await getIndicator(c.var.deps, c.var.actor, id), 200);
};

export const updateIndicatorHandler: RouteHandler<typeof updateIndicatorRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  return c.json(await updateIndicatorFor(c.var.deps, c.var.actor, id, c.req.valid("json")), 200);
};

export const deleteIndicatorHandler: RouteHandler<typeof deleteIndicatorRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  await deleteIndicatorFor(c.var.deps, c.var.actor, id, c.req.valid("query").version);
  return c.body(null, 204);
};

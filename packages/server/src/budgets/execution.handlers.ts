import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import type * as r from "./execution.routes.ts";
import {
  createExecution,
  deleteExecutionFor,
  getExecution,
  listExecutionFor,
  updateExecutionFor,
} from "./execution.service.ts";

export const listExecutionHandler: RouteHandler<typeof r.listExecutionRoute, AppEnv> = async (c) =>
  c.json(await listExecutionFor(c.var.deps, c.var.actor, c.req.valid("query")), 200);

export const getExecutionHandler: RouteHandler<typeof r.getExecutionRoute, AppEnv> = async (c) =>
  c.json(await getExecution(c.var.deps, c.var.actor, c.req.valid("param").id), 200);

export const createExecutionHandler: RouteHandler<typeof r.createExecutionRoute, AppEnv> = async (c) =>
  c.json(await createExecution(c.var.deps, c.var.actor, c.req.valid("json")), 201);

export const updateExecutionHandler: RouteHandler<typeof r.updateExecutionRoute, AppEnv> = async (c) =>
  c.json(await updateExecutionFor(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200);

export const deleteExecutionHandler: RouteHandler<typeof r.deleteExecutionRoute, AppEnv> = async (c) => {
  await deleteExecutionFor(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("query").version);
  return c.body(null, 204);
};

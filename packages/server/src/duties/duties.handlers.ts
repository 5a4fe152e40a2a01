import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import type * as r from "./duties.routes.ts";
import {
  createDuty,
  deleteDutyFor,
  getDuty,
  listDutiesFor,
  reorderDutiesFor,
  replaceActivitiesFor,
  updateDutyFor,
} from "./duties.service.ts";

export const listDutiesHandler: RouteHandler<typeof r.listDutiesRoute, AppEnv> = async (c) =>
  c.json(await listDutiesFor(c.var.deps, c.var.actor, c.req.valid("query")), 200);

export const getDutyHandler: RouteHandler<typeof r.getDutyRoute, AppEnv> = async (c) =>
  c.json(await getDuty(c.var.deps, c.var.actor, c.req.valid("param").id), 200);

export const createDutyHandler: RouteHandler<typeof r.createDutyRoute, AppEnv> = async (c) =>
  c.json(await createDuty(c.var.deps, c.var.actor, c.req.valid("json")), 201);

export const updateDutyHandler: RouteHandler<typeof r.updateDutyRoute, AppEnv> = async (c) =>
  c.json(await updateDutyFor(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200);

export const replaceActivitiesHandler: RouteHandler<typeof r.replaceActivitiesRoute, AppEnv> = async (c) =>
  c.json(await replaceActivitiesFor(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200);

export const deleteDutyHandler: RouteHandler<typeof r.deleteDutyRoute, AppEnv> = async (c) => {
  await deleteDutyFor(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("query").version);
  return c.body(null, 204);
};

export const reorderDutiesHandler: RouteHandler<typeof r.reorderDutiesRoute, AppEnv> = async (c) =>
  c.json(await reorderDutiesFor(c.var.deps, c.var.actor, c.req.valid("json")), 200);

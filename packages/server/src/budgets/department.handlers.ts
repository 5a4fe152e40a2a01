import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import type * as r from "./department.routes.ts";
import {
  createBudget,
  deleteBudgetFor,
  getBudget,
  getSections,
  listBudgetsFor,
  replaceSectionsFor,
  updateBudgetFor,
} from "./department.service.ts";

export const listBudgetsHandler: RouteHandler<typeof r.listBudgetsRoute, AppEnv> = async (c) =>
  c.json(await listBudgetsFor(c.var.deps, c.var.actor, c.req.valid("query")), 200);

export const getBudgetHandler: RouteHandler<typeof r.getBudgetRoute, AppEnv> = async (c) =>
  c.json(await getBudget(c.var.deps, c.var.actor, c.req.valid("param").id), 200);

export const createBudgetHandler: RouteHandler<typeof r.createBudgetRoute, AppEnv> = async (c) =>
  c.json(await createBudget(c.var.deps, c.var.actor, c.req.valid("json")), 201);

export const updateBudgetHandler: RouteHandler<typeof r.updateBudgetRoute, AppEnv> = async (c) =>
  c.json(await updateBudgetFor(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200);

export const replaceSectionsHandler: RouteHandler<typeof r.replaceSectionsRoute, AppEnv> = async (c) =>
  c.json(await replaceSectionsFor(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200);

export const deleteBudgetHandler: RouteHandler<typeof r.deleteBudgetRoute, AppEnv> = async (c) => {
  await deleteBudgetFor(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("query").version);
  return c.body(null, 204);
};

export const getSectionsHandler: RouteHandler<typeof r.getSectionsRoute, AppEnv> = async (c) =>
  c.json(await getSections(c.var.deps, c.var.actor, c.req.valid("param").id), 200);

import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import { historyOf, snapshotListOf, snapshotOf } from "../workflow/history.ts";
import type * as r from "./department.routes.ts";
import {
  BUDGETS,
  budgetFor,
  createBudget,
  deleteBudgetFor,
  getBudget,
  getSections,
  listBudgetsFor,
  replaceSectionsFor,
  reviseBudget,
  transitionBudget,
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

export const submitBudgetHandler: RouteHandler<typeof r.submitBudgetRoute, AppEnv> = async (c) =>
  c.json(await transitionBudget(c.var.deps, c.var.actor, c.req.valid("param").id, "submit", c.req.valid("json")), 200);

export const unitApproveBudgetHandler: RouteHandler<typeof r.unitApproveBudgetRoute, AppEnv> = async (c) =>
  c.json(
    await transitionBudget(c.var.deps, c.var.actor, c.req.valid("param").id, "unit_approve", c.req.valid("json")),
    200,
  );

export const approveBudgetHandler: RouteHandler<typeof r.approveBudgetRoute, AppEnv> = async (c) =>
  c.json(await transitionBudget(c.var.deps, c.var.actor, c.req.valid("param").id, "approve", c.req.valid("json")), 200);

export const returnBudgetHandler: RouteHandler<typeof r.returnBudgetRoute, AppEnv> = async (c) =>
  c.json(await transitionBudget(c.var.deps, c.var.actor, c.req.valid("param").id, "return", c.req.valid("json")), 200);

export const reviseBudgetHandler: RouteHandler<typeof r.reviseBudgetRoute, AppEnv> = async (c) =>
  c.json(await reviseBudget(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 201);

export const budgetHistoryHandler: RouteHandler<typeof r.budgetHistoryRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  await budgetFor(c.var.deps.db, c.var.actor, id);
  return c.json(await historyOf(c.var.deps.db, BUDGETS.entityType, id), 200);
};

export const budgetSnapshotsHandler: RouteHandler<typeof r.budgetSnapshotsRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  await budgetFor(c.var.deps.db, c.var.actor, id);
  return c.json(await snapshotListOf(c.var.deps.db, BUDGETS.entityType, id), 200);
};

export const budgetSnapshotHandler: RouteHandler<typeof r.budgetSnapshotRoute, AppEnv> = async (c) => {
  const { id, snapshotId } = c.req.valid("param");
  await budgetFor(c.var.deps.db, c.var.actor, id);
  return c.json(await snapshotOf(c.var.deps.db, BUDGETS.entityType, id, snapshotId), 200);
};

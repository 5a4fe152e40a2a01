import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import { createIndicator, listIndicators } from "../indicators/indicators.service.ts";
import { historyOf, snapshotListOf, snapshotOf } from "../workflow/history.ts";
import type * as r from "./goals.routes.ts";
import { createGoal, deleteGoalFor, goalFor, listGoalsFor, transitionGoal, updateGoalFor } from "./goals.service.ts";
import { presentGoal } from "./presenters.ts";

export const listGoalsHandler: RouteHandler<typeof r.listGoalsRoute, AppEnv> = async (c) =>
  c.json(await listGoalsFor(c.var.deps, c.var.actor, c.req.valid("query")), 200);

export const getGoalHandler: RouteHandler<typeof r.getGoalRoute, AppEnv> = async (c) =>
  c.json(presentGoal(await goalFor(c.var.deps.db, c.var.actor, c.req.valid("param").id)), 200);

export const createGoalHandler: RouteHandler<typeof r.createGoalRoute, AppEnv> = async (c) =>
  c.json(await createGoal(c.var.deps, c.var.actor, c.req.valid("json")), 201);

export const updateGoalHandler: RouteHandler<typeof r.updateGoalRoute, AppEnv> = async (c) =>
  c.json(await updateGoalFor(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200);

export const deleteGoalHandler: RouteHandler<typeof r.deleteGoalRoute, AppEnv> = async (c) => {
  await deleteGoalFor(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("query").version);
  return c.body(null, 204);
};

export const submitGoalHandler: RouteHandler<typeof r.submitGoalRoute, AppEnv> = async (c) =>
  c.json(await transitionGoal(c.var.deps, c.var.actor, c.req.valid("param").id, "submit", c.req.valid("json")), 200);

export const unitApproveGoalHandler: RouteHandler<typeof r.unitApproveGoalRoute, AppEnv> = async (c) =>
  c.json(
    await transitionGoal(c.var.deps, c.var.actor, c.req.valid("param").id, "unit_approve", c.req.valid("json")),
    200,
  );

export const approveGoalHandler: RouteHandler<typeof r.approveGoalRoute, AppEnv> = async (c) =>
  c.json(await transitionGoal(c.var.deps, c.var.actor, c.req.valid("param").id, "approve", c.req.valid("json")), 200);

export const returnGoalHandler: RouteHandler<typeof r.returnGoalRoute, AppEnv> = async (c) =>
  c.json(await transitionGoal(c.var.deps, c.var.actor, c.req.valid("param").id, "return", c.req.valid("json")), 200);

export const goalHistoryHandler: RouteHandler<typeof r.goalHistoryRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  await goalFor(c.var.deps.db, c.var.actor, id);
  return c.json(await historyOf(c.var.deps.db, "department_goal", id), 200);
};

export const goalSnapshotsHandler: RouteHandler<typeof r.goalSnapshotsRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  await goalFor(c.var.deps.db, c.var.actor, id);
  return c.json(await snapshotListOf(c.var.deps.db, "department_goal", id), 200);
};

export const goalSnapshotHandler: RouteHandler<typeof r.goalSnapshotRoute, AppEnv> = async (c) => {
  const { id, snapshotId } = c.req.valid("param");
  await goalFor(c.var.deps.db, c.var.actor, id);
  return c.json(await snapshotOf(c.var.deps.db, "department_goal", id, snapshotId), 200);
};

export const listGoalIndicatorsHandler: RouteHandler<typeof r.listGoalIndicatorsRoute, AppEnv> = async (c) =>
  c.json({ items: await listIndicators(c.var.deps, c.var.actor, { kind: "goal", id: c.req.valid("param").id }) }, 200);

export const createGoalIndicatorHandler: RouteHandler<typeof r.createGoalIndicatorRoute, AppEnv> = async (c) =>
  c.json(
    await createIndicator(c.var.deps, c.var.actor, { kind: "goal", id: c.req.valid("param").id }, c.req.valid("json")),
    201,
  );

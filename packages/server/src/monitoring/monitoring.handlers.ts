import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import { historyOf, snapshotListOf, snapshotOf } from "../workflow/history.ts";
import type { WorkflowAction } from "../workflow/rules.ts";
import type * as r from "./monitoring.routes.ts";
import {
  getRecord,
  getRound,
  listRoundsFor,
  monitoringRecordFor,
  openRound,
  recordForecast,
  transitionMonitoringRecord,
  updateRecordFor,
  warningList,
} from "./monitoring.service.ts";

const ENTITY = "monitoring_record";

export const listRoundsHandler: RouteHandler<typeof r.listRoundsRoute, AppEnv> = async (c) =>
  c.json(await listRoundsFor(c.var.deps, c.var.actor, c.req.valid("query")), 200);

export const openRoundHandler: RouteHandler<typeof r.openRoundRoute, AppEnv> = async (c) =>
  c.json(await openRound(c.var.deps, c.var.actor, c.req.valid("json")), 201);

export const getRoundHandler: RouteHandler<typeof r.getRoundRoute, AppEnv> = async (c) =>
  c.json(await getRound(c.var.deps, c.var.actor, c.req.valid("param").id), 200);

export const warningsHandler: RouteHandler<typeof r.warningsRoute, AppEnv> = async (c) =>
  c.json(await warningList(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("query")), 200);

export const getRecordHandler: RouteHandler<typeof r.getRecordRoute, AppEnv> = async (c) =>
  c.json(await getRecord(c.var.deps, c.var.actor, c.req.valid("param").id), 200);

export const updateRecordHandler: RouteHandler<typeof r.updateRecordRoute, AppEnv> = async (c) =>
  c.json(await updateRecordFor(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200);

export const forecastHandler: RouteHandler<typeof r.forecastRoute, AppEnv> = async (c) =>
  c.json(await recordForecast(c.var.deps, c.var.actor, c.req.valid("param").id), 200);

const step =
  (action: WorkflowAction): RouteHandler<typeof r.submitRecordRoute, AppEnv> =>
  async (c) =>
    c.json(
      await transitionMonitoringRecord(c.var.deps, c.var.actor, c.req.valid("param").id, action, c.req.valid("json")),
      200,
    );

export const submitRecordHandler = step("submit");
export const unitApproveRecordHandler = step("unit_approve");
export const approveRecordHandler = step("approve");
export const returnRecordHandler = step("return");

export const recordHistoryHandler: RouteHandler<typeof r.recordHistoryRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  await monitoringRecordFor(c.var.deps.db, c.var.actor, id);
  return c.json(await historyOf(c.var.deps.db, ENTITY, id), 200);
};

export const recordSnapshotsHandler: RouteHandler<typeof r.recordSnapshotsRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  await monitoringRecordFor(c.var.deps.db, c.var.actor, id);
  return c.json(await snapshotListOf(c.var.deps.db, ENTITY, id), 200);
};

export const recordSnapshotHandler: RouteHandler<typeof r.recordSnapshotRoute, AppEnv> = async (c) => {
  const { id, snapshotId } = c.req.valid("param");
  await monitoringRecordFor(c.var.deps.db, c.var.actor, id);
  return c.json(await snapshotOf(c.var.deps.db, ENTITY, id, snapshotId), 200);
};

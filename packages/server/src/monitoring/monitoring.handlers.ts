import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import { sendFile } from "../http/download.ts";
import { historyOf, snapshotListOf, snapshotOf } from "../workflow/history.ts";
import type { WorkflowAction } from "../workflow/rules.ts";
import { acknowledge, listActions, notifications, sendAction } from "./actions.service.ts";
import { exportMonitoringRecord, exportMonitoringRound } from "./export.service.ts";
import type * as r from "./monitoring.routes.ts";
import {
  getRecord,
  getRound,
  listRoundsFor,
  monitoringRecordFor,
  openRound,
  recordForecast,
  syncRound,
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

export const syncRoundHandler: RouteHandler<typeof r.syncRoundRoute, AppEnv> = async (c) =>
  c.json(await syncRound(c.var.deps, c.var.actor, c.req.valid("param").id), 200);

export const exportRecordHandler: RouteHandler<typeof r.exportRecordRoute, AppEnv> = async (c) =>
  sendFile(
    c,
    await exportMonitoringRecord(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("query").format),
  );

export const exportRoundHandler: RouteHandler<typeof r.exportRoundRoute, AppEnv> = async (c) =>
  sendFile(
    c,
    await exportMonitoringRound(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("query").format),
  );

export const listActionsHandler: RouteHandler<typeof r.listActionsRoute, AppEnv> = async (c) =>
  c.json(await listActions(c.var.deps, c.var.actor, c.req.valid("param").id), 200);

export const sendActionHandler: RouteHandler<typeof r.sendActionRoute, AppEnv> = async (c) =>
  c.json(await sendAction(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 201);

export const acknowledgeActionHandler: RouteHandler<typeof r.acknowledgeActionRoute, AppEnv> = async (c) =>
  c.json(await acknowledge(c.var.deps, c.var.actor, c.req.valid("param").id), 200);

export const notificationsHandler: RouteHandler<typeof r.notificationsRoute, AppEnv> = async (c) =>
  c.json(await notifications(c.var.deps, c.var.actor), 200);

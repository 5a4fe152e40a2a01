import { createRouter } from "../http/router.ts";
import * as h from "./goals.handlers.ts";
import * as r from "./goals.routes.ts";

export const goalsRouter = createRouter()
  .openapi(r.listGoalsRoute, h.listGoalsHandler)
  .openapi(r.getGoalRoute, h.getGoalHandler)
  .openapi(r.createGoalRoute, h.createGoalHandler)
  .openapi(r.updateGoalRoute, h.updateGoalHandler)
  .openapi(r.deleteGoalRoute, h.deleteGoalHandler)
  .openapi(r.submitGoalRoute, h.submitGoalHandler)
  .openapi(r.unitApproveGoalRoute, h.unitApproveGoalHandler)
  .openapi(r.approveGoalRoute, h.approveGoalHandler)
  .openapi(r.returnGoalRoute, h.returnGoalHandler)
  .openapi(r.goalHistoryRoute, h.goalHistoryHandler)
  .openapi(r.goalSnapshotsRoute, h.goalSnapshotsHandler)
  .openapi(r.goalSnapshotRoute, h.goalSnapshotHandler)
  .openapi(r.listGoalIndicatorsRoute, h.listGoalIndicatorsHandler)
  .openapi(r.createGoalIndicatorRoute, h.createGoalIndicatorHandler);

import { createRouter } from "../http/router.ts";
import * as dh from "./department.handlers.ts";
import * as dr from "./department.routes.ts";
import * as h from "./execution.handlers.ts";
import * as r from "./execution.routes.ts";

export const budgetsRouter = createRouter()
  .openapi(dr.listBudgetsRoute, dh.listBudgetsHandler)
  .openapi(dr.getBudgetRoute, dh.getBudgetHandler)
  .openapi(dr.createBudgetRoute, dh.createBudgetHandler)
  .openapi(dr.updateBudgetRoute, dh.updateBudgetHandler)
  .openapi(dr.getSectionsRoute, dh.getSectionsHandler)
  .openapi(dr.replaceSectionsRoute, dh.replaceSectionsHandler)
  .openapi(dr.deleteBudgetRoute, dh.deleteBudgetHandler)
  .openapi(dr.submitBudgetRoute, dh.submitBudgetHandler)
  .openapi(dr.unitApproveBudgetRoute, dh.unitApproveBudgetHandler)
  .openapi(dr.approveBudgetRoute, dh.approveBudgetHandler)
  .openapi(dr.returnBudgetRoute, dh.returnBudgetHandler)
  .openapi(dr.reviseBudgetRoute, dh.reviseBudgetHandler)
  .openapi(dr.budgetHistoryRoute, dh.budgetHistoryHandler)
  .openapi(dr.budgetSnapshotsRoute, dh.budgetSnapshotsHandler)
  .openapi(dr.budgetSnapshotRoute, dh.budgetSnapshotHandler)
  .openapi(r.listExecutionRoute, h.listExecutionHandler)
  .openapi(r.getExecutionRoute, h.getExecutionHandler)
  .openapi(r.createExecutionRoute, h.createExecutionHandler)
  .openapi(r.updateExecutionRoute, h.updateExecutionHandler)
  .openapi(r.deleteExecutionRoute, h.deleteExecutionHandler);

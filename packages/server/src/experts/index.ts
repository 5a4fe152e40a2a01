import { createRouter } from "../http/router.ts";
import * as h from "./experts.handlers.ts";
import * as r from "./experts.routes.ts";

/** Expert and third-party review (专家评审) and 事前绩效评估. */
export const expertsRouter = createRouter()
  .openapi(r.listFormsRoute, h.listFormsHandler)
  .openapi(r.createFormRoute, h.createFormHandler)
  .openapi(r.listExpertsRoute, h.listExpertsHandler)
  .openapi(r.listAssignmentsRoute, h.listAssignmentsHandler)
  .openapi(r.assignRoute, h.assignHandler)
  .openapi(r.getAssignmentRoute, h.getAssignmentHandler)
  .openapi(r.exportAssignmentRoute, h.exportAssignmentHandler)
  .openapi(r.decideRoute, h.decideHandler)
  .openapi(r.myTasksRoute, h.myTasksHandler)
  .openapi(r.getTaskRoute, h.getTaskHandler)
  .openapi(r.saveTaskRoute, h.saveTaskHandler)
  .openapi(r.submitTaskRoute, h.submitTaskHandler)
  .openapi(r.getExanteRoute, h.getExanteHandler)
  .openapi(r.saveExanteRoute, h.saveExanteHandler)
  .openapi(r.exportExanteRoute, h.exportExanteHandler);

import { createRouter } from "../http/router.ts";
import * as h from "./evaluations.handlers.ts";
import * as r from "./evaluations.routes.ts";

export const evaluationsRouter = createRouter()
  .openapi(r.listEvaluationsRoute, h.listEvaluationsHandler)
  .openapi(r.getEvaluationRoute, h.getEvaluationHandler)
  .openapi(r.createEvaluationRoute, h.createEvaluationHandler)
  .openapi(r.startDepartmentEvaluationRoute, h.startDepartmentEvaluationHandler)
  .openapi(r.updateEvaluationRoute, h.updateEvaluationHandler)
  .openapi(r.replaceItemsRoute, h.replaceItemsHandler)
  .openapi(r.deleteEvaluationRoute, h.deleteEvaluationHandler)
  .openapi(r.submitEvaluationRoute, h.submitEvaluationHandler)
  .openapi(r.unitApproveEvaluationRoute, h.unitApproveEvaluationHandler)
  .openapi(r.approveEvaluationRoute, h.approveEvaluationHandler)
  .openapi(r.returnEvaluationRoute, h.returnEvaluationHandler)
  .openapi(r.evaluationHistoryRoute, h.evaluationHistoryHandler)
  .openapi(r.evaluationSnapshotsRoute, h.evaluationSnapshotsHandler)
  .openapi(r.evaluationSnapshotRoute, h.evaluationSnapshotHandler)
  .openapi(r.evaluationScoresRoute, h.evaluationScoresHandler)
  .openapi(r.listSchemesRoute, h.listSchemesHandler)
  .openapi(r.defineSchemeRoute, h.defineSchemeHandler);

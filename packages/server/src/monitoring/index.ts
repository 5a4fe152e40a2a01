import { createRouter } from "../http/router.ts";
import * as h from "./monitoring.handlers.ts";
import * as r from "./monitoring.routes.ts";

export const monitoringRouter = createRouter()
  .openapi(r.listRoundsRoute, h.listRoundsHandler)
  .openapi(r.openRoundRoute, h.openRoundHandler)
  .openapi(r.getRoundRoute, h.getRoundHandler)
  .openapi(r.warningsRoute, h.warningsHandler)
  .openapi(r.getRecordRoute, h.getRecordHandler)
  .openapi(r.updateRecordRoute, h.updateRecordHandler)
  .openapi(r.forecastRoute, h.forecastHandler)
  .openapi(r.submitRecordRoute, h.submitRecordHandler)
  .openapi(r.unitApproveRecordRoute, h.unitApproveRecordHandler)
  .openapi(r.approveRecordRoute, h.approveRecordHandler)
  .openapi(r.returnRecordRoute, h.returnRecordHandler)
  .openapi(r.recordHistoryRoute, h.recordHistoryHandler)
  .openapi(r.recordSnapshotsRoute, h.recordSnapshotsHandler)
  .openapi(r.recordSnapshotRoute, h.recordSnapshotHandler);

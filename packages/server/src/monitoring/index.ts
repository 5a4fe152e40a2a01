import { createRouter } from "../http/router.ts";
import * as h from "./monitoring.handlers.ts";
import * as r from "./monitoring.routes.ts";

// The notification route comes before /monitoring/records/{id}-like paths only by habit: its path has no parameter.
export const monitoringRouter = createRouter()
  .openapi(r.notificationsRoute, h.notificationsHandler)
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
  .openapi(r.recordSnapshotRoute, h.recordSnapshotHandler)
  .openapi(r.syncRoundRoute, h.syncRoundHandler)
  .openapi(r.exportRoundRoute, h.exportRoundHandler)
  .openapi(r.exportRecordRoute, h.exportRecordHandler)
  .openapi(r.listActionsRoute, h.listActionsHandler)
  .openapi(r.sendActionRoute, h.sendActionHandler)
  .openapi(r.acknowledgeActionRoute, h.acknowledgeActionHandler);

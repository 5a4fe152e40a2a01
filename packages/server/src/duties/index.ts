import { createRouter } from "../http/router.ts";
import * as h from "./duties.handlers.ts";
import * as r from "./duties.routes.ts";

export const dutiesRouter = createRouter()
  .openapi(r.listDutiesRoute, h.listDutiesHandler)
  .openapi(r.getDutyRoute, h.getDutyHandler)
  .openapi(r.createDutyRoute, h.createDutyHandler)
  .openapi(r.updateDutyRoute, h.updateDutyHandler)
  .openapi(r.replaceActivitiesRoute, h.replaceActivitiesHandler)
  .openapi(r.deleteDutyRoute, h.deleteDutyHandler)
  .openapi(r.reorderDutiesRoute, h.reorderDutiesHandler);

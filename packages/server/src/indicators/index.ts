import { createRouter } from "../http/router.ts";
import * as h from "./indicators.handlers.ts";
import * as r from "./indicators.routes.ts";

export const indicatorsRouter = createRouter()
  .openapi(r.listIndicatorsRoute, h.listIndicatorsHandler)
  .openapi(r.createIndicatorRoute, h.createIndicatorHandler)
  .openapi(r.getIndicatorRoute, h.getIndicatorHandler)
  .openapi(r.updateIndicatorRoute, h.updateIndicatorHandler)
  .openapi(r.deleteIndicatorRoute, h.deleteIndicatorHandler);

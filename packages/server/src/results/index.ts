import { createRouter } from "../http/router.ts";
import * as h from "./results.handlers.ts";
import * as r from "./results.routes.ts";

export const resultsRouter = createRouter()
  .openapi(r.getRulesRoute, h.getRulesHandler)
  .openapi(r.putRulesRoute, h.putRulesHandler)
  .openapi(r.recommendationsRoute, h.recommendationsHandler)
  .openapi(r.summaryRoute, h.summaryHandler)
  .openapi(r.summaryExportRoute, h.summaryExportHandler)
  .openapi(r.trendsRoute, h.trendsHandler);

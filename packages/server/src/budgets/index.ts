import { createRouter } from "../http/router.ts";
import * as h from "./execution.handlers.ts";
import * as r from "./execution.routes.ts";

export const budgetsRouter = createRouter()
  .openapi(r.listExecutionRoute, h.listExecutionHandler)
  .openapi(r.getExecutionRoute, h.getExecutionHandler)
  .openapi(r.createExecutionRoute, h.createExecutionHandler)
  .openapi(r.updateExecutionRoute, h.updateExecutionHandler)
  .openapi(r.deleteExecutionRoute, h.deleteExecutionHandler);

import { createRouter } from "../http/router.ts";
import * as h from "./carry.handlers.ts";
import * as r from "./carry.routes.ts";

export const carryRouter = createRouter()
  .openapi(r.runCarryForwardRoute, h.runCarryForwardHandler)
  .openapi(r.previousValuesRoute, h.previousValuesHandler);

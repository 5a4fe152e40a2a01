import { createRouter } from "../http/router.ts";
import * as h from "./deadlines.handlers.ts";
import * as r from "./deadlines.routes.ts";

export const deadlinesRouter = createRouter()
  .openapi(r.listDeadlinesRoute, h.listDeadlinesHandler)
  .openapi(r.setDeadlineRoute, h.setDeadlineHandler)
  .openapi(r.clearDeadlineRoute, h.clearDeadlineHandler);

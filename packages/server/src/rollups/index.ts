import { createRouter } from "../http/router.ts";
import { executionRollupHandler, scoreRollupHandler, todoCountHandler } from "./rollups.handlers.ts";
import { executionRollupRoute, scoreRollupRoute, todoCountRoute } from "./rollups.routes.ts";

export const rollupsRouter = createRouter()
  .openapi(executionRollupRoute, executionRollupHandler)
  .openapi(scoreRollupRoute, scoreRollupHandler)
  .openapi(todoCountRoute, todoCountHandler);

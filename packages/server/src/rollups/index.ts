import { createRouter } from "../http/router.ts";
import {
  executionRollupHandler,
  scoreRollupHandler,
  scoreSummaryHandler,
  todoCountHandler,
} from "./rollups.handlers.ts";
import { executionRollupRoute, scoreRollupRoute, scoreSummaryRoute, todoCountRoute } from "./rollups.routes.ts";

export const rollupsRouter = createRouter()
  .openapi(executionRollupRoute, executionRollupHandler)
  .openapi(scoreSummaryRoute, scoreSummaryHandler)
  .openapi(scoreRollupRoute, scoreRollupHandler)
  .openapi(todoCountRoute, todoCountHandler);

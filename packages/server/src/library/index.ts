import { createRouter } from "../http/router.ts";
import * as h from "./library.handlers.ts";
import * as r from "./library.routes.ts";

export const libraryRouter = createRouter()
  .openapi(r.suggestionsRoute, h.suggestionsHandler)
  .openapi(r.entriesRoute, h.entriesHandler)
  .openapi(r.marksRoute, h.marksHandler)
  .openapi(r.setMarkRoute, h.setMarkHandler)
  .openapi(r.exportRoute, h.exportHandler);

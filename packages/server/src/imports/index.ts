import { createRouter } from "../http/router.ts";
import * as h from "./imports.handlers.ts";
import * as r from "./imports.routes.ts";

export { registerImportJobs } from "./imports.service.ts";

export const importsRouter = createRouter()
  .openapi(r.uploadImportRoute, h.uploadImportHandler)
  .openapi(r.getImportRoute, h.getImportHandler)
  .openapi(r.commitImportRoute, h.commitImportHandler);

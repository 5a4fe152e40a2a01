import { createRouter } from "../http/router.ts";
import { listAuditHandler } from "./audit.handlers.ts";
import { listAuditRoute } from "./audit.routes.ts";

export const auditRouter = createRouter().openapi(listAuditRoute, listAuditHandler);

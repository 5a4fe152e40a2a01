import { createRouter } from "../http/router.ts";
import * as h from "./projects.handlers.ts";
import * as r from "./projects.routes.ts";

export const projectsRouter = createRouter()
  .openapi(r.listProjectsRoute, h.listProjectsHandler)
  .openapi(r.getProjectRoute, h.getProjectHandler)
  .openapi(r.createProjectRoute, h.createProjectHandler)
  .openapi(r.updateProjectRoute, h.updateProjectHandler)
  .openapi(r.deleteProjectRoute, h.deleteProjectHandler)
  .openapi(r.submitProjectRoute, h.submitProjectHandler)
  .openapi(r.unitApproveProjectRoute, h.unitApproveProjectHandler)
  .openapi(r.approveProjectRoute, h.approveProjectHandler)
  .openapi(r.returnProjectRoute, h.returnProjectHandler)
  .openapi(r.projectHistoryRoute, h.projectHistoryHandler)
  .openapi(r.projectSnapshotsRoute, h.projectSnapshotsHandler)
  .openapi(r.projectSnapshotRoute, h.projectSnapshotHandler)
  .openapi(r.reviseProjectRoute, h.reviseProjectHandler);

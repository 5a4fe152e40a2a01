import { createRouter } from "../http/router.ts";
import {
  createOrgHandler,
  deleteOrgHandler,
  getOrgHandler,
  listOrgsHandler,
  updateOrgHandler,
} from "./orgs.handlers.ts";
import { createOrgRoute, deleteOrgRoute, getOrgRoute, listOrgsRoute, updateOrgRoute } from "./orgs.routes.ts";

export const orgsRouter = createRouter()
  .openapi(listOrgsRoute, listOrgsHandler)
  .openapi(getOrgRoute, getOrgHandler)
  .openapi(createOrgRoute, createOrgHandler)
  .openapi(updateOrgRoute, updateOrgHandler)
  .openapi(deleteOrgRoute, deleteOrgHandler);

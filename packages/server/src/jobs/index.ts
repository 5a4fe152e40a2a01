import { createRouter } from "../http/router.ts";
import { getJobHandler } from "./jobs.handlers.ts";
import { getJobRoute } from "./jobs.routes.ts";

export const jobsRouter = createRouter().openapi(getJobRoute, getJobHandler);

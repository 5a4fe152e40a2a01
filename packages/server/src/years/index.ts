import { createRouter } from "../http/router.ts";
import { listYearsHandler } from "./years.handlers.ts";
import { listYearsRoute } from "./years.routes.ts";

export const yearsRouter = createRouter().openapi(listYearsRoute, listYearsHandler);

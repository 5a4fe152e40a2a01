import { createRouter } from "../http/router.ts";
import { createYearHandler, listYearsHandler, updateYearHandler } from "./years.handlers.ts";
import { createYearRoute, listYearsRoute, updateYearRoute } from "./years.routes.ts";

export const yearsRouter = createRouter()
  .openapi(listYearsRoute, listYearsHandler)
  .openapi(createYearRoute, createYearHandler)
  .openapi(updateYearRoute, updateYearHandler);

import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";

export const YearSchema = z
  .object({ year: z.number().int(), status: z.enum(["open", "closed"]), current: z.boolean() })
  .openapi("FiscalYear");

export const listYearsRoute = createRoute({
  method: "get",
  path: "/years",
  tags: ["years"],
  summary: "预算年度 / fiscal years (any signed-in person)",
  responses: {
    200: {
      description: "Fiscal years, newest first",
      content: { "application/json": { schema: z.object({ items: z.array(YearSchema) }) } },
    },
    ...errorResponses(401, 403),
  },
});

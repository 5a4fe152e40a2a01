import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";

export const YearSchema = z
  .object({
    year: z.number().int(),
    status: z.enum(["open", "closed"]),
    current: z.boolean(),
    version: z.number().int(),
    hasData: z
      .boolean()
      .optional()
      .openapi({ description: "In the list: whether the year holds a record of an organisation you may read" }),
  })
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

export const createYearRoute = createRoute({
  method: "post",
  path: "/years",
  tags: ["years"],
  summary: "新增预算年度（系统管理员）/ add a fiscal year (sysadmin)",
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ year: z.number().int().min(2000).max(2100) }) } },
    },
  },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: YearSchema } } },
    ...errorResponses(400, 401, 403, 409),
  },
});

export const updateYearRoute = createRoute({
  method: "patch",
  path: "/years/{year}",
  tags: ["years"],
  summary: "开启或关闭预算年度（系统管理员）/ open or close a fiscal year (sysadmin)",
  request: {
    params: z.object({
      year: z.coerce
        .number()
        .int()
        .openapi({ param: { name: "year", in: "path" } }),
    }),
    body: {
      required: true,
      content: {
        "application/json": { schema: z.object({ status: z.enum(["open", "closed"]), version: z.number().int() }) },
      },
    },
  },
  responses: {
    200: { description: "Updated", content: { "application/json": { schema: YearSchema } } },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

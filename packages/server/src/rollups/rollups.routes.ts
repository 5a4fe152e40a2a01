import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";
import { Money } from "../projects/presenters.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const Query = z.object({ orgId: z.string().uuid(), year: z.coerce.number().int().min(2000).max(2100) });

export const executionRollupRoute = createRoute({
  method: "get",
  path: "/rollups/execution",
  tags: ["rollups"],
  summary: "预算执行汇总 / full-year budget execution of each unit in the organisation's subtree",
  request: { query: Query },
  responses: {
    200: {
      description: "Budget (预算确定数) and execution (执行数) per unit, in 元",
      content: json(
        z
          .object({
            asOf: z.string().openapi({ example: "2026-07-31" }),
            items: z.array(z.object({ orgId: z.string().uuid(), orgName: z.string(), budget: Money, spent: Money })),
          })
          .openapi("ExecutionRollup"),
      ),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const scoreRollupRoute = createRoute({
  method: "get",
  path: "/rollups/scores",
  tags: ["rollups"],
  summary: "自评得分汇总 / self-evaluation totals and grades in the organisation's subtree",
  request: { query: Query },
  responses: {
    200: {
      description: "Totals (stated, else computed) and grades",
      content: json(
        z
          .object({
            items: z.array(
              z.object({
                id: z.string().uuid(),
                name: z.string(),
                orgName: z.string(),
                total: z.string(),
                grade: z.string(),
              }),
            ),
          })
          .openapi("ScoreRollup"),
      ),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const todoCountRoute = createRoute({
  method: "get",
  path: "/workflow/todo/count",
  tags: ["workflow"],
  summary: "待办数 / projects waiting for you: submitted ones to review, returned ones to fix",
  request: { query: Query },
  responses: {
    200: { description: "The count", content: json(z.object({ count: z.number().int() })) },
    ...errorResponses(400, 401, 403, 404),
  },
});

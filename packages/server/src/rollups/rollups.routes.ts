import { createRoute, z } from "@hono/zod-openapi";
import { DEADLINE_STAGES } from "@jixiao/core";
import { DeadlineStatusSchema } from "../deadlines/deadlines.routes.ts";
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

const ScoreQuery = Query.extend({
  page: z.coerce.number().int().min(1).optional().openapi({ description: "1-based page (default 1)" }),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .optional()
    .openapi({ description: "Evaluations per page (default 100; the whole list is paged)" }),
  grade: z
    .string()
    .max(40)
    .optional()
    .openapi({ description: "Only these grades, comma-separated (优,良,中,差)", example: "中,差" }),
  cursor: z.string().max(4000).optional().openapi({
    description:
      "The page after the one that gave this token (its nextCursor), at the same cost at any depth; `page` then only numbers the answer and `total` is the count the first page gave. Without it, `page` is read with OFFSET",
  }),
});

export const scoreRollupRoute = createRoute({
  method: "get",
  path: "/rollups/scores",
  tags: ["rollups"],
  summary:
    "自评得分汇总 / self-evaluation totals and grades in the organisation's subtree, a page at a time (100 unless pageSize says)",
  request: { query: ScoreQuery },
  responses: {
    200: {
      description:
        "A page of the stored scores of the self-evaluations (core's result when it was saved: total and grade) with the stated total beside each, in the order of the units; total counts all pages",
      content: json(
        z
          .object({
            items: z.array(
              z.object({
                id: z.string().uuid(),
                name: z.string(),
                orgName: z.string(),
                total: z.string().openapi({ description: "The stored result's total (computed by core)" }),
                grade: z.string().openapi({ description: "The stored result's grade" }),
                statedTotal: z.string().nullable().openapi({ description: "总分 as stated, shown beside" }),
              }),
            ),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
            nextCursor: z.string().nullable().openapi({
              description:
                "The next page's token (keyset pagination); null on the last page. Pass it as `cursor` with the same orgId, year and grade",
            }),
          })
          .openapi("ScoreRollup"),
      ),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

const Decimal = z.string().openapi({ example: "86.5" });
const ScoreFigures = z.object({
  count: z.number().int().openapi({ description: "Evaluations with a total" }),
  grades: z.record(z.string(), z.number().int()).openapi({
    description: "Count per grade of the scoring scheme",
    example: { 优: 3, 良: 5, 中: 1, 差: 0 },
  }),
  mean: Decimal.nullable().openapi({ description: "Exact mean, at most 4 decimals (rounded half away from zero)" }),
  min: Decimal.nullable(),
});

export const scoreSummaryRoute = createRoute({
  method: "get",
  path: "/rollups/scores/summary",
  tags: ["rollups"],
  summary: "自评得分分布 / grade distribution, mean and minimum per direct child unit and in all",
  request: { query: Query },
  responses: {
    200: {
      description:
        "Per direct child unit (its subtree; the organisation's own evaluations as a row with own: true) and in all",
      content: json(
        z
          .object({
            orgId: z.string().uuid(),
            orgName: z.string(),
            year: z.number().int(),
            grades: z
              .array(z.object({ grade: z.string(), min: Decimal, below: Decimal.optional() }))
              .openapi({ description: "The grades, best first: min ≤ total < below" }),
            total: ScoreFigures,
            units: z.array(ScoreFigures.extend({ orgId: z.string().uuid(), orgName: z.string(), own: z.boolean() })),
          })
          .openapi("ScoreSummary"),
      ),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const todoCountRoute = createRoute({
  method: "get",
  path: "/workflow/todo/count",
  tags: ["workflow"],
  summary:
    "待办数 / records waiting for you: submitted ones to unit-approve (unit approver), unit-approved ones to review (reviewer), returned ones to fix (filler), monitoring records still to fill (filler), 整改 items to answer or to accept",
  request: { query: Query },
  responses: {
    200: {
      description: "The count (all kinds) and the count of each kind",
      content: json(
        z.object({
          count: z.number().int(),
          projects: z.number().int(),
          goals: z.number().int(),
          evaluations: z.number().int(),
          budgets: z.number().int(),
          monitoring: z.number().int().openapi({ description: "绩效运行监控表 to fill, fix or approve" }),
          rectification: z
            .number()
            .int()
            .openapi({ description: "整改 items to answer (the unit) or to accept or return (the reviewer)" }),
          rectificationOverdue: z
            .number()
            .int()
            .openapi({ description: "of those, the ones past their deadline (逾期), not accepted yet" }),
          deadlines: z
            .array(
              DeadlineStatusSchema.extend({
                stage: z.enum(DEADLINE_STAGES),
                stageName: z.string(),
                stageNameEn: z.string(),
                pending: z.number().int().openapi({ description: "still to file under the unit" }),
              }),
            )
            .openapi({
              description: "the stage deadlines that apply, with days left (剩余N天) or overdue (已逾期N天)",
            }),
        }),
      ),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

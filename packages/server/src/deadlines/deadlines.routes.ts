import { createRoute, z } from "@hono/zod-openapi";
import { DEADLINE_STAGES, SETTABLE_STAGES } from "@jixiao/core";
import { errorResponses } from "../http/errors.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

export const DeadlineStatusSchema = z
  .object({
    dueDate: z.string().openapi({ example: "2026-03-05" }),
    daysLeft: z.number().int().openapi({ description: "days from today to the deadline (0 today, negative overdue)" }),
    overdue: z.boolean(),
    dueSoon: z.boolean().openapi({ description: "within 3 days" }),
    label: z.string().openapi({ example: "剩余3天" }),
    labelEn: z.string().openapi({ example: "3 days left" }),
  })
  .openapi("DeadlineStatus");

const StageSchema = z
  .object({
    stage: z.enum(DEADLINE_STAGES),
    stageName: z.string(),
    stageNameEn: z.string(),
    status: DeadlineStatusSchema.nullable(),
    setAt: z.object({ orgId: z.string().uuid(), orgName: z.string(), own: z.boolean() }).nullable(),
    note: z.string().nullable(),
    pending: z.number().int().openapi({ description: "records still to file (draft or returned) under the unit" }),
    round: z.object({ id: z.string().uuid(), cutoffMonth: z.number().int(), orgName: z.string() }).nullable(),
  })
  .openapi("StageDeadline");

const Items = z.object({ items: z.array(StageSchema) });
const Year = z.coerce.number().int().min(2000).max(2100);
const Stage = z.enum(SETTABLE_STAGES).openapi({ description: "goals 目标申报 | self_evaluation 绩效自评" });

export const listDeadlinesRoute = createRoute({
  method: "get",
  path: "/deadlines",
  tags: ["deadlines"],
  summary:
    "时间节点 / the stage deadlines that apply to a unit in a year (goals, each monitoring round, self-evaluation), with days left and what is still to file",
  request: { query: z.object({ orgId: z.string().uuid(), year: Year }) },
  responses: {
    200: {
      description: "Deadlines",
      content: json(
        Items.extend({
          orgId: z.string().uuid(),
          orgName: z.string(),
          year: z.number().int(),
          today: z.string(),
          canSet: z.boolean().openapi({ description: "you review this unit: you may set its deadlines" }),
        }).openapi("StageDeadlines"),
      ),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const setDeadlineRoute = createRoute({
  method: "put",
  path: "/deadlines",
  tags: ["deadlines"],
  summary: "设定截止日期（审核人）/ set a stage's deadline for your subtree (reviewer); audited",
  request: {
    body: {
      required: true,
      content: json(
        z
          .object({
            orgId: z.string().uuid(),
            year: z.number().int().min(2000).max(2100),
            stage: Stage,
            dueDate: z.string().openapi({ example: "2026-03-31" }),
            note: z.string().max(500).nullable().optional(),
          })
          .openapi("SetStageDeadline"),
      ),
    },
  },
  responses: {
    200: { description: "The unit's deadlines after the change", content: json(Items) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const clearDeadlineRoute = createRoute({
  method: "delete",
  path: "/deadlines",
  tags: ["deadlines"],
  summary: "取消截止日期（审核人）/ clear a deadline set at the unit (the one above applies again); audited",
  request: { query: z.object({ orgId: z.string().uuid(), year: Year, stage: Stage }) },
  responses: {
    200: { description: "The unit's deadlines after the change", content: json(Items) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const Kind = z.enum(["duty", "project", "goal"]);

export const CarryForwardResultSchema = z
  .object({
    orgId: z.string().uuid(),
    fromYear: z.number().int(),
    toYear: z.number().int(),
    items: z.array(
      z.object({
        kind: Kind,
        sourceId: z.string().uuid(),
        name: z.string(),
        status: z.enum(["created", "already_carried", "same_name"]).openapi({
          description: "created now; carried by an earlier run; or the unit already has a record of that name",
        }),
        targetId: z.string().uuid().nullable(),
        indicators: z.number().int(),
      }),
    ),
    created: z.object({
      duties: z.number().int(),
      activities: z.number().int(),
      activityIndicators: z.number().int(),
      projects: z.number().int(),
      goals: z.number().int(),
      indicators: z.number().int().openapi({ description: "Of the projects and department goals, every level" }),
    }),
  })
  .openapi("CarryForwardResult");

export const CarryForwardPreviousSchema = z
  .object({
    fromYear: z.number().int(),
    toYear: z.number().int(),
    items: z.array(
      z.object({
        kind: Kind,
        sourceId: z.string().uuid(),
        targetId: z.string().uuid(),
        name: z.string(),
        indicators: z.array(
          z.object({
            key: z.string().openapi({ description: "Normalised name, to match the new year's indicator" }),
            name: z.string(),
            level1: z.string().nullable(),
            level2: z.string().nullable(),
            activity: z.string().nullable(),
            previousTarget: z.string().nullable(),
            previousActual: z.string().nullable().openapi({ description: "Last year's 实际完成值 as written" }),
          }),
        ),
      }),
    ),
  })
  .openapi("CarryForwardPrevious");

export const runCarryForwardRoute = createRoute({
  method: "post",
  path: "/carry-forward",
  tags: ["carry-forward"],
  summary:
    "结转上年 / start a year from the last: duties, activities, continuing projects, the department-overall goal and their indicators copied as drafts (the unit's filler; idempotent)",
  request: {
    body: {
      required: true,
      content: json(
        z
          .object({
            orgId: z.string().uuid(),
            year: z.number().int().min(2001).max(2100).openapi({ description: "The new year (copied from year − 1)" }),
          })
          .openapi("RunCarryForward"),
      ),
    },
  },
  responses: {
    200: { description: "What was made and what was skipped, per record", content: json(CarryForwardResultSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const previousValuesRoute = createRoute({
  method: "get",
  path: "/carry-forward",
  tags: ["carry-forward"],
  summary: "上年目标与实际 / the records carried to a year, with last year's target and actual of each indicator",
  request: {
    query: z.object({ orgId: z.string().uuid(), year: z.coerce.number().int().min(2001).max(2100) }),
  },
  responses: {
    200: { description: "Carried records", content: json(CarryForwardPreviousSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

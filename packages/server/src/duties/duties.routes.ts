import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";
import { Money } from "../projects/presenters.ts";
import { IdParam } from "../projects/projects.routes.ts";
import { DutySchema } from "./presenters.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const text = (max: number) => z.string().max(max).nullable().optional();

const DutyFields = z.object({
  name: z.string().trim().min(1).max(200),
  description: text(5000),
  statedBudget: Money.nullable().optional(),
  sortOrder: z.number().int().optional(),
});

const ActivityInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    budget: Money.nullable().optional(),
    content: text(5000),
    goal: text(5000),
    indicators: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(200),
          targetText: text(500),
          actualText: text(500).openapi({
            description: "实际完成值: the tier it reaches by the standards is computed (core's tierOf) and stored",
          }),
          standards: z
            .object({ 优: text(200), 良: text(200), 中: text(200), 差: text(200) })
            .optional()
            .openapi({ description: "The four-tier standards as written, e.g. 95%以上 / 90%以上 / 85%以上 / 85%以下" }),
        }),
      )
      .max(200)
      .default([]),
  })
  .openapi("ActivityInput");

export const listDutiesRoute = createRoute({
  method: "get",
  path: "/duties",
  tags: ["duties"],
  summary: "部门职责-工作活动 / duties with their activities and indicators, in your scope",
  request: { query: z.object({ orgId: z.string().uuid().optional(), year: z.coerce.number().int().optional() }) },
  responses: {
    200: { description: "Duties", content: json(z.object({ items: z.array(DutySchema) })) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const getDutyRoute = createRoute({
  method: "get",
  path: "/duties/{id}",
  tags: ["duties"],
  summary: "部门职责 / one duty with its activities",
  request: { params: IdParam },
  responses: {
    200: { description: "The duty", content: json(DutySchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const createDutyRoute = createRoute({
  method: "post",
  path: "/duties",
  tags: ["duties"],
  summary: "新建部门职责（填报）/ create a duty (filler)",
  request: {
    body: {
      required: true,
      content: json(DutyFields.extend({ orgId: z.string().uuid(), year: z.number().int().min(2000).max(2100) })),
    },
  },
  responses: {
    201: { description: "Created", content: json(DutySchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const updateDutyRoute = createRoute({
  method: "patch",
  path: "/duties/{id}",
  tags: ["duties"],
  summary: "修改部门职责 / update a duty; 409 with the current record when stale",
  request: {
    params: IdParam,
    body: { required: true, content: json(DutyFields.partial().extend({ version: z.number().int() })) },
  },
  responses: {
    200: { description: "Updated", content: json(DutySchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const replaceActivitiesRoute = createRoute({
  method: "put",
  path: "/duties/{id}/activities",
  tags: ["duties"],
  summary: "保存工作活动及指标 / replace the duty's activities and their indicators (bumps the duty's version)",
  request: {
    params: IdParam,
    body: {
      required: true,
      content: json(z.object({ version: z.number().int(), activities: z.array(ActivityInput).max(200) })),
    },
  },
  responses: {
    200: { description: "Saved", content: json(DutySchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const deleteDutyRoute = createRoute({
  method: "delete",
  path: "/duties/{id}",
  tags: ["duties"],
  summary: "删除部门职责 / delete a duty with its activities",
  request: { params: IdParam, query: z.object({ version: z.coerce.number().int() }) },
  responses: {
    204: { description: "Deleted" },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const reorderDutiesRoute = createRoute({
  method: "post",
  path: "/duties/reorder",
  tags: ["duties"],
  summary:
    "调整部门职责顺序 / put the duties of one organisation and year in the given order (each with the version read; 409 with the current list when one is stale)",
  request: {
    body: {
      required: true,
      content: json(
        z
          .object({
            orgId: z.string().uuid(),
            year: z.number().int().min(2000).max(2100),
            items: z
              .array(z.object({ id: z.string().uuid(), version: z.number().int() }))
              .min(1)
              .max(500),
          })
          .openapi("ReorderDuties"),
      ),
    },
  },
  responses: {
    200: { description: "The duties in their new order", content: json(z.object({ items: z.array(DutySchema) })) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

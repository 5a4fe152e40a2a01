import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";
import { Money } from "../projects/presenters.ts";
import { IdParam } from "../projects/projects.routes.ts";
import { EXECUTION_SCOPES, ExecutionSchema } from "./execution.presenters.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const Figures = z.object({
  initialBudget: Money.nullable().optional(),
  adjustment: Money.nullable().optional(),
  determinedBudget: Money.nullable().optional(),
  executed: Money.nullable().optional(),
});

export const listExecutionRoute = createRoute({
  method: "get",
  path: "/execution",
  tags: ["budgets"],
  summary: "预算执行数据 / execution figures in your scope, with core's checks (年初 + 调整 = 确定, 执行率)",
  request: {
    query: z.object({
      orgId: z.string().uuid().optional(),
      year: z.coerce.number().int().optional(),
      scope: z.enum(EXECUTION_SCOPES).optional(),
      month: z.coerce.number().int().min(0).max(12).optional().openapi({ description: "1–12; 0 = the full year only" }),
    }),
  },
  responses: {
    200: { description: "Figures", content: json(z.object({ items: z.array(ExecutionSchema) })) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const getExecutionRoute = createRoute({
  method: "get",
  path: "/execution/{id}",
  tags: ["budgets"],
  summary: "一条预算执行数据 / one row of execution figures",
  request: { params: IdParam },
  responses: {
    200: { description: "The figures", content: json(ExecutionSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const createExecutionRoute = createRoute({
  method: "post",
  path: "/execution",
  tags: ["budgets"],
  summary: "填报预算执行数据（填报）/ report execution figures (filler); one row per organisation, year, scope, month",
  request: {
    body: {
      required: true,
      content: json(
        Figures.extend({
          orgId: z.string().uuid(),
          year: z.number().int().min(2000).max(2100),
          scope: z.enum(EXECUTION_SCOPES),
          projectId: z.string().uuid().nullable().optional(),
          month: z.number().int().min(1).max(12).nullable().optional(),
        }).openapi("CreateBudgetExecution"),
      ),
    },
  },
  responses: {
    201: { description: "Created", content: json(ExecutionSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const updateExecutionRoute = createRoute({
  method: "patch",
  path: "/execution/{id}",
  tags: ["budgets"],
  summary: "修改预算执行数据 / update execution figures; 409 with the current record when stale",
  request: { params: IdParam, body: { required: true, content: json(Figures.extend({ version: z.number().int() })) } },
  responses: {
    200: { description: "Updated", content: json(ExecutionSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const deleteExecutionRoute = createRoute({
  method: "delete",
  path: "/execution/{id}",
  tags: ["budgets"],
  summary: "删除预算执行数据 / delete a row of execution figures",
  request: { params: IdParam, query: z.object({ version: z.coerce.number().int() }) },
  responses: {
    204: { description: "Deleted" },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

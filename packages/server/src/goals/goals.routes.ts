import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";
import { IndicatorSchema } from "../indicators/presenters.ts";
import { IdParam } from "../projects/projects.routes.ts";
import { historyRoute, snapshotRoute, snapshotsRoute, workflowActionRoute } from "../workflow/routes.ts";
import { GoalSchema } from "./presenters.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const Fields = z.object({
  annualGoal: z.string().max(10000).nullable().optional(),
  midTermGoal: z.string().max(10000).nullable().optional(),
});

export const listGoalsRoute = createRoute({
  method: "get",
  path: "/goals",
  tags: ["goals"],
  summary: "部门整体绩效目标 / department-overall goals in your scope",
  request: { query: z.object({ orgId: z.string().uuid().optional(), year: z.coerce.number().int().optional() }) },
  responses: {
    200: { description: "Goals", content: json(z.object({ items: z.array(GoalSchema) })) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const getGoalRoute = createRoute({
  method: "get",
  path: "/goals/{id}",
  tags: ["goals"],
  summary: "部门整体绩效目标 / one department goal",
  request: { params: IdParam },
  responses: {
    200: { description: "The goal", content: json(GoalSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const createGoalRoute = createRoute({
  method: "post",
  path: "/goals",
  tags: ["goals"],
  summary: "新建部门整体绩效目标（填报）/ create (filler); one per organisation and year",
  request: {
    body: {
      required: true,
      content: json(Fields.extend({ orgId: z.string().uuid(), year: z.number().int().min(2000).max(2100) })),
    },
  },
  responses: {
    201: { description: "Created", content: json(GoalSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const updateGoalRoute = createRoute({
  method: "patch",
  path: "/goals/{id}",
  tags: ["goals"],
  summary: "修改部门整体绩效目标 / update a draft or returned goal; 409 with the current record when stale",
  request: { params: IdParam, body: { required: true, content: json(Fields.extend({ version: z.number().int() })) } },
  responses: {
    200: { description: "Updated", content: json(GoalSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const deleteGoalRoute = createRoute({
  method: "delete",
  path: "/goals/{id}",
  tags: ["goals"],
  summary: "删除部门整体绩效目标 / delete a draft or returned goal",
  request: { params: IdParam, query: z.object({ version: z.coerce.number().int() }) },
  responses: {
    204: { description: "Deleted" },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const submitGoalRoute = workflowActionRoute(
  "goals",
  "submit",
  GoalSchema,
  "提交部门整体绩效目标 / submit (filler): → submitted (待单位审核)",
);
export const unitApproveGoalRoute = workflowActionRoute(
  "goals",
  "unit_approve",
  GoalSchema,
  "单位审核通过 / unit-approve a submitted goal (unit approver; not your own submission)",
);
export const approveGoalRoute = workflowActionRoute(
  "goals",
  "approve",
  GoalSchema,
  "审核通过 / approve a unit-approved goal (reviewer; not your own submission nor your unit approval)",
);
export const returnGoalRoute = workflowActionRoute(
  "goals",
  "return",
  GoalSchema,
  "退回 / return with a comment: a submitted goal by the unit approver, a unit-approved one by the reviewer",
);
export const goalHistoryRoute = historyRoute("goals", "流转记录 / the goal's workflow history, with names");
export const goalSnapshotsRoute = snapshotsRoute("goals", "版本快照 / the goal's versions as submitted and approved");
export const goalSnapshotRoute = snapshotRoute(
  "goals",
  "版本快照 / one version of the goal with its indicator rows, to compare versions",
);

export const listGoalIndicatorsRoute = createRoute({
  method: "get",
  path: "/goals/{id}/indicators",
  tags: ["indicators"],
  summary: "部门整体绩效指标 / the goal's indicator tree",
  request: { params: IdParam },
  responses: {
    200: { description: "Indicators", content: json(z.object({ items: z.array(IndicatorSchema) })) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const createGoalIndicatorRoute = createRoute({
  method: "post",
  path: "/goals/{id}/indicators",
  tags: ["indicators"],
  summary: "新增部门整体绩效指标 / add an indicator to an editable goal (filler); edit and delete via /indicators/{id}",
  request: {
    params: IdParam,
    body: {
      required: true,
      content: json(
        z.object({
          level: z.number().int().min(1).max(3),
          parentId: z.string().uuid().nullable().optional(),
          name: z.string().trim().min(1).max(100),
          description: z.string().max(2000).nullable().optional(),
          targetText: z.string().max(500).nullable().optional(),
          unit: z.string().max(50).nullable().optional(),
          natureCode: z.string().max(20).nullable().optional(),
          weight: z
            .string()
            .regex(/^\d{1,12}(\.\d{1,4})?$/)
            .refine((w) => Number(w) > 0, "分值须大于 0 / the weight must be > 0")
            .nullable()
            .optional(),
          isCore: z.boolean().optional(),
          sortOrder: z.number().int().optional(),
        }),
      ),
    },
  },
  responses: {
    201: { description: "Created", content: json(IndicatorSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

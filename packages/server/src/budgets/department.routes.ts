import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";
import { Money } from "../projects/presenters.ts";
import { IdParam } from "../projects/projects.routes.ts";
import { historyRoute, snapshotRoute, snapshotsRoute, workflowActionRoute } from "../workflow/routes.ts";
import { BudgetSchema, BudgetSectionsSchema, SectionsSchema } from "./department.presenters.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const Header = z.object({
  incomeTotal: Money.nullable().optional(),
  expenditureTotal: Money.nullable().optional(),
  operatingFunds: Money.nullable().optional().openapi({ description: "机关运行经费" }),
  notes: z.string().max(20000).nullable().optional(),
});

export const listBudgetsRoute = createRoute({
  method: "get",
  path: "/budgets",
  tags: ["budgets"],
  summary: "部门预算 / department budgets in your scope, with their sections and what does not add up",
  request: { query: z.object({ orgId: z.string().uuid().optional(), year: z.coerce.number().int().optional() }) },
  responses: {
    200: { description: "Budgets", content: json(z.object({ items: z.array(BudgetSchema) })) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const getBudgetRoute = createRoute({
  method: "get",
  path: "/budgets/{id}",
  tags: ["budgets"],
  summary: "部门预算 / one department budget",
  request: { params: IdParam },
  responses: {
    200: { description: "The budget", content: json(BudgetSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const createBudgetRoute = createRoute({
  method: "post",
  path: "/budgets",
  tags: ["budgets"],
  summary: "新建部门预算（填报）/ create a department budget (filler); one per organisation and year",
  request: {
    body: {
      required: true,
      content: json(Header.extend({ orgId: z.string().uuid(), year: z.number().int().min(2000).max(2100) })),
    },
  },
  responses: {
    201: { description: "Created", content: json(BudgetSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const updateBudgetRoute = createRoute({
  method: "patch",
  path: "/budgets/{id}",
  tags: ["budgets"],
  summary: "修改部门预算 / update the header; 409 with the current record when stale",
  request: { params: IdParam, body: { required: true, content: json(Header.extend({ version: z.number().int() })) } },
  responses: {
    200: { description: "Updated", content: json(BudgetSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const replaceSectionsRoute = createRoute({
  method: "put",
  path: "/budgets/{id}/sections",
  tags: ["budgets"],
  summary: "保存预算明细 / replace income, spending, 三公, procurement and assets as a whole",
  request: {
    params: IdParam,
    body: { required: true, content: json(SectionsSchema.extend({ version: z.number().int() })) },
  },
  responses: {
    200: { description: "Saved", content: json(BudgetSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const deleteBudgetRoute = createRoute({
  method: "delete",
  path: "/budgets/{id}",
  tags: ["budgets"],
  summary: "删除部门预算 / delete a department budget",
  request: { params: IdParam, query: z.object({ version: z.coerce.number().int() }) },
  responses: {
    204: { description: "Deleted" },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const getSectionsRoute = createRoute({
  method: "get",
  path: "/budgets/{id}/sections",
  tags: ["budgets"],
  summary:
    "预算明细 / the budget's income, spending, 三公, procurement and assets, with the budget's version and what does not add up",
  request: { params: IdParam },
  responses: {
    200: { description: "The sections", content: json(BudgetSectionsSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const submitBudgetRoute = workflowActionRoute(
  "budgets",
  "submit",
  BudgetSchema,
  "提交部门预算 / submit (filler): → submitted (待单位审核); the sections are then frozen until returned",
);
export const unitApproveBudgetRoute = workflowActionRoute(
  "budgets",
  "unit_approve",
  BudgetSchema,
  "单位审核通过 / unit-approve a submitted budget (unit approver; not your own submission)",
);
export const approveBudgetRoute = workflowActionRoute(
  "budgets",
  "approve",
  BudgetSchema,
  "审核通过 / approve a unit-approved budget (reviewer; not your own submission nor your unit approval)",
);
export const returnBudgetRoute = workflowActionRoute(
  "budgets",
  "return",
  BudgetSchema,
  "退回 / return with a comment: a submitted budget by the unit approver, a unit-approved one by the reviewer",
);
export const reviseBudgetRoute = createRoute({
  method: "post",
  path: "/budgets/{id}/revise",
  tags: ["workflow"],
  summary:
    "预算调整 / adjust an approved budget (filler): a new draft revision with its sections; the approved one stays as it is",
  request: { params: IdParam, body: { required: true, content: json(z.object({ version: z.number().int() })) } },
  responses: {
    201: { description: "The new draft revision", content: json(BudgetSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
export const budgetHistoryRoute = historyRoute("budgets", "流转记录 / the budget's workflow history, with names");
export const budgetSnapshotsRoute = snapshotsRoute(
  "budgets",
  "版本快照 / the budget's versions as submitted and approved",
);
export const budgetSnapshotRoute = snapshotRoute(
  "budgets",
  "版本快照 / one version of the budget with its sections, to compare versions",
);

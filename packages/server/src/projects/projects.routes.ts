import { createRoute, z } from "@hono/zod-openapi";
import { WORKFLOW_STATES } from "../db/columns.ts";
import { errorResponses } from "../http/errors.ts";
import { historyRoute, snapshotRoute, snapshotsRoute, workflowActionRoute } from "../workflow/routes.ts";
import { Money, ProjectSchema } from "./presenters.ts";
import { PROJECT_SORTS } from "./repository.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
export const IdParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
});
const text = (max: number) => z.string().trim().max(max).nullable().optional();
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable()
  .optional();

export const ProjectFields = z.object({
  code: text(50),
  name: z.string().trim().min(1).max(200),
  implementingUnit: text(200),
  attribute: text(20),
  category: text(100),
  startDate: isoDate,
  endDate: isoDate,
  totalFunds: Money.nullable().optional(),
  annualFunds: Money.nullable().optional(),
  fiscalFunds: Money.nullable().optional(),
  carryOverFunds: Money.nullable().optional(),
  otherFunds: Money.nullable().optional(),
  purpose: text(5000),
  annualGoal: text(5000),
  midTermGoal: text(5000),
});

export const CreateProjectBody = ProjectFields.extend({
  orgId: z.string().uuid(),
  year: z.number().int().min(2000).max(2100),
}).openapi("CreateProject");

export const UpdateProjectBody = ProjectFields.partial()
  .extend({ version: z.number().int().openapi({ description: "The version you read (optimistic lock)" }) })
  .openapi("UpdateProject");

export const ProjectPage = z
  .object({
    items: z.array(ProjectSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    nextCursor: z.string().nullable().openapi({
      description:
        "The next page's token (keyset pagination: the same cost at any depth); null on the last page. Pass it as `cursor` with the same filter and sort",
    }),
  })
  .openapi("ProjectPage");

export const listProjectsRoute = createRoute({
  method: "get",
  path: "/projects",
  tags: ["projects"],
  summary: "项目列表 / projects in your scope: filter, sort, page",
  request: {
    query: z.object({
      orgId: z.string().uuid().optional().openapi({ description: "Only this organisation's subtree" }),
      year: z.coerce.number().int().optional(),
      state: z.enum(WORKFLOW_STATES).optional(),
      q: z.string().max(100).optional(),
      sort: z.enum(PROJECT_SORTS).default("name"),
      order: z.enum(["asc", "desc"]).default("asc"),
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().max(2000).optional().openapi({
        description:
          "The page after the one that gave this token (its nextCursor), with the same filter and sort (else 400); `page` then only numbers the answer and `total` is the count the first page gave. Without it, `page` is read with OFFSET",
      }),
    }),
  },
  responses: {
    200: { description: "A page of projects", content: json(ProjectPage) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const getProjectRoute = createRoute({
  method: "get",
  path: "/projects/{id}",
  tags: ["projects"],
  summary: "项目 / one project",
  request: { params: IdParam },
  responses: {
    200: { description: "The project", content: json(ProjectSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const createProjectRoute = createRoute({
  method: "post",
  path: "/projects",
  tags: ["projects"],
  summary: "新建项目（填报）/ create a project (filler)",
  request: { body: { required: true, content: json(CreateProjectBody) } },
  responses: {
    201: { description: "Created", content: json(ProjectSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const updateProjectRoute = createRoute({
  method: "patch",
  path: "/projects/{id}",
  tags: ["projects"],
  summary: "修改项目（草稿或已退回）/ update a draft or returned project; 409 with the current record when stale",
  request: { params: IdParam, body: { required: true, content: json(UpdateProjectBody) } },
  responses: {
    200: { description: "Updated", content: json(ProjectSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const deleteProjectRoute = createRoute({
  method: "delete",
  path: "/projects/{id}",
  tags: ["projects"],
  summary: "删除项目（草稿或已退回）/ delete a draft or returned project",
  request: { params: IdParam, query: z.object({ version: z.coerce.number().int() }) },
  responses: {
    204: { description: "Deleted" },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const submitProjectRoute = workflowActionRoute(
  "projects",
  "submit",
  ProjectSchema,
  "提交 / submit a draft or returned project (filler): → submitted (待单位审核)",
);
export const unitApproveProjectRoute = workflowActionRoute(
  "projects",
  "unit_approve",
  ProjectSchema,
  "单位审核通过 / unit-approve a submitted project (unit approver; not your own submission): → unit_approved",
);
export const approveProjectRoute = workflowActionRoute(
  "projects",
  "approve",
  ProjectSchema,
  "审核通过 / approve a unit-approved project (reviewer; not your own submission nor your unit approval); the approved version is frozen",
);
export const returnProjectRoute = workflowActionRoute(
  "projects",
  "return",
  ProjectSchema,
  "退回 / return with a comment: a submitted project by the unit approver, a unit-approved one by the reviewer",
);

export const projectHistoryRoute = historyRoute("projects", "流转记录 / the project's workflow history, with names");
export const projectSnapshotsRoute = snapshotsRoute(
  "projects",
  "版本快照 / the project's versions as submitted and as approved",
);
export const projectSnapshotRoute = snapshotRoute(
  "projects",
  "版本快照 / one version of the project with its indicator rows, to compare versions",
);

export const reviseProjectRoute = createRoute({
  method: "post",
  path: "/projects/{id}/revise",
  tags: ["workflow"],
  summary:
    "调整已审核项目 / adjust an approved project: a new draft revision with its indicators; the approved one stays frozen",
  request: { params: IdParam, body: { required: true, content: json(z.object({ version: z.number().int() })) } },
  responses: {
    201: { description: "The new draft revision", content: json(ProjectSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

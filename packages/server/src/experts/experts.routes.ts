import { createRoute, z } from "@hono/zod-openapi";
import { EXANTE_CONCLUSIONS } from "@jixiao/core";
import { EXPORT_FORMATS } from "@jixiao/documents";
import { officeFileResponse } from "../http/download.ts";
import { errorResponses } from "../http/errors.ts";
import { IdParam } from "../projects/projects.routes.ts";
import {
  AssignmentDetailSchema,
  AssignmentSummarySchema,
  ExanteViewSchema,
  ExpertAccountSchema,
  FormChoiceSchema,
  FormSchema,
  SubjectSchema,
  TaskDetailSchema,
  TaskSummarySchema,
} from "./presenters.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const Score = z.string().max(12).openapi({ example: "18.5" });
const Percent = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, "百分数，最多两位小数 / a percentage with at most 2 decimals")
  .openapi({ example: "20" });
const OrgQuery = z.object({ orgId: z.string().uuid() });
const TAGS = ["experts"];

export const listFormsRoute = createRoute({
  method: "get",
  path: "/expert-forms",
  tags: TAGS,
  summary:
    "评分表 / the scoring forms a reviewer may choose for a record of this organisation (built-in and the bureau's)",
  request: { query: OrgQuery },
  responses: {
    200: { description: "Forms", content: json(z.object({ items: z.array(FormChoiceSchema) })) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const createFormRoute = createRoute({
  method: "post",
  path: "/expert-forms",
  tags: TAGS,
  summary: "定义评分表（审核人）/ define a bureau scoring form: sections, indicators, maximum points",
  request: {
    body: {
      required: true,
      content: json(
        z.object({ orgId: z.string().uuid(), subject: SubjectSchema, form: FormSchema }).openapi("NewExpertForm"),
      ),
    },
  },
  responses: {
    201: { description: "Defined", content: json(FormChoiceSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const listExpertsRoute = createRoute({
  method: "get",
  path: "/experts",
  tags: TAGS,
  summary: "评审专家 / the experts a reviewer may assign a record of this organisation to",
  request: { query: OrgQuery },
  responses: {
    200: { description: "Experts", content: json(z.object({ items: z.array(ExpertAccountSchema) })) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const listAssignmentsRoute = createRoute({
  method: "get",
  path: "/expert-assignments",
  tags: TAGS,
  summary: "专家评审任务（审核人）/ the expert assignments in your review scope",
  request: {
    query: z.object({
      orgId: z.string().uuid().optional(),
      year: z.coerce.number().int().optional(),
      entityId: z.string().uuid().optional().openapi({ description: "the assignments of one record" }),
    }),
  },
  responses: {
    200: { description: "Assignments", content: json(z.object({ items: z.array(AssignmentSummarySchema) })) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const assignRoute = createRoute({
  method: "post",
  path: "/expert-assignments",
  tags: TAGS,
  summary: "委托专家评审（审核人）/ assign a record to experts with a deadline and a scoring form",
  request: {
    body: {
      required: true,
      content: json(
        z
          .object({
            subject: SubjectSchema,
            entityId: z.string().uuid().openapi({ description: "the project or self-evaluation" }),
            expertIds: z.array(z.string().uuid()).min(1).max(20),
            formId: z.string().max(80).openapi({ example: "builtin:goal-review" }),
            deadline: z.string().openapi({ example: "2025-03-31" }),
            thresholdPercent: Percent.optional().openapi({
              description: "divergence threshold, % of an item's maximum (20)",
            }),
            note: z.string().max(2000).nullable().optional(),
            points: z
              .record(z.string(), Score)
              .optional()
              .openapi({ description: "事前评估: points per dimension (20 each when not given)" }),
          })
          .openapi("NewExpertAssignment"),
      ),
    },
  },
  responses: {
    201: { description: "Assigned", content: json(AssignmentDetailSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const getAssignmentRoute = createRoute({
  method: "get",
  path: "/expert-assignments/{id}",
  tags: TAGS,
  summary: "专家评分对比（审核人）/ the experts' scores side by side with their average and divergences",
  request: { params: IdParam },
  responses: {
    200: { description: "The assignment", content: json(AssignmentDetailSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const decideRoute = createRoute({
  method: "post",
  path: "/expert-assignments/{id}/decision",
  tags: TAGS,
  summary: "采纳或不采纳专家意见（审核人）/ adopt the experts' result or not, with a reason",
  request: {
    params: IdParam,
    body: {
      required: true,
      content: json(
        z
          .object({ version: z.number().int(), adopted: z.boolean(), reason: z.string().max(2000) })
          .openapi("ExpertDecision"),
      ),
    },
  },
  responses: {
    200: { description: "Decided", content: json(AssignmentDetailSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const myTasksRoute = createRoute({
  method: "get",
  path: "/expert/tasks",
  tags: TAGS,
  summary: "我的评审任务（专家）/ the expert's own to-do list",
  responses: {
    200: { description: "Tasks", content: json(z.object({ items: z.array(TaskSummarySchema) })) },
    ...errorResponses(401, 403),
  },
});

export const getTaskRoute = createRoute({
  method: "get",
  path: "/expert/tasks/{id}",
  tags: TAGS,
  summary: "评审任务（专家）/ one of the expert's tasks: the record, the form, the expert's scores",
  request: { params: IdParam },
  responses: {
    200: { description: "The task", content: json(TaskDetailSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

const TaskBody = z
  .object({
    version: z.number().int(),
    scores: z.record(z.string(), Score),
    opinion: z.string().max(5000).nullable().optional(),
  })
  .openapi("ExpertScores");

export const saveTaskRoute = createRoute({
  method: "put",
  path: "/expert/tasks/{id}",
  tags: TAGS,
  summary: "保存评分（专家）/ save scores and opinion (items may stay blank; no score may be wrong)",
  request: { params: IdParam, body: { required: true, content: json(TaskBody) } },
  responses: {
    200: { description: "Saved", content: json(TaskDetailSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const submitTaskRoute = createRoute({
  method: "post",
  path: "/expert/tasks/{id}/submit",
  tags: TAGS,
  summary: "提交评分（专家）/ submit: every item scored and an opinion written",
  request: { params: IdParam, body: { required: true, content: json(TaskBody) } },
  responses: {
    200: { description: "Submitted", content: json(TaskDetailSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const getExanteRoute = createRoute({
  method: "get",
  path: "/projects/{id}/exante",
  tags: TAGS,
  summary: "事前绩效评估 / a project's ex-ante assessment (null when none yet) and whether the project is new",
  request: { params: IdParam },
  responses: {
    200: { description: "The assessment", content: json(ExanteViewSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const saveExanteRoute = createRoute({
  method: "put",
  path: "/projects/{id}/exante",
  tags: TAGS,
  summary:
    "填写事前绩效评估（审核人）/ score the five dimensions; the conclusion is derived, or overridden with a reason",
  request: {
    params: IdParam,
    body: {
      required: true,
      content: json(
        z
          .object({
            version: z.number().int().optional().openapi({ description: "the version read; absent the first time" }),
            points: z.record(z.string(), Score).optional(),
            scores: z.record(z.string(), Score),
            thresholds: z.object({ support: Percent, partial: Percent }).optional(),
            conclusion: z.enum(EXANTE_CONCLUSIONS).nullable().optional(),
            overrideReason: z.string().max(2000).nullable().optional(),
            opinion: z.string().max(5000).nullable().optional(),
          })
          .openapi("ExanteInput"),
      ),
    },
  },
  responses: {
    200: { description: "Saved", content: json(ExanteViewSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const exportAssignmentRoute = createRoute({
  method: "get",
  path: "/expert-assignments/{id}/export",
  tags: TAGS,
  summary:
    "专家评审意见汇总表（审核人）/ the experts' scores side by side with the averages, their opinions and the adoption decision as xlsx, docx or PDF (audited)",
  request: {
    params: IdParam,
    query: z.object({ format: z.enum(EXPORT_FORMATS).default("xlsx") }),
  },
  responses: {
    200: officeFileResponse(),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const exportExanteRoute = createRoute({
  method: "get",
  path: "/projects/{id}/exante/export",
  tags: TAGS,
  summary:
    "导出事前绩效评估表 / a project's ex-ante assessment (five dimensions, points and scores, total, conclusion, opinion) as xlsx, docx or PDF; 404 when none yet (audited)",
  request: {
    params: IdParam,
    query: z.object({ format: z.enum(EXPORT_FORMATS).default("xlsx") }),
  },
  responses: {
    200: officeFileResponse(),
    ...errorResponses(400, 401, 403, 404),
  },
});

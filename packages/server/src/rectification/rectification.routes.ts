import { createRoute, z } from "@hono/zod-openapi";
import { RECTIFICATION_SOURCES, RECTIFICATION_STATES, SHORTFALL_KINDS } from "@jixiao/core";
import { EXPORT_FORMATS } from "@jixiao/documents";
import { officeFileResponse } from "../http/download.ts";
import { errorResponses } from "../http/errors.ts";
import { IdParam } from "../projects/projects.routes.ts";
import { AttachmentSchema, ItemDetailSchema, ItemSchema, SOURCE_TYPES } from "./presenters.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const TAGS = ["rectification"];
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
  .openapi({ example: "2025-06-30" });
const Long = z.string().max(4000);

const Counts = z.object({
  total: z.number().int(),
  overdue: z.number().int(),
  ...Object.fromEntries(RECTIFICATION_STATES.map((s) => [s, z.number().int()])),
}) as unknown as z.ZodObject<
  { total: z.ZodNumber; overdue: z.ZodNumber } & Record<(typeof RECTIFICATION_STATES)[number], z.ZodNumber>
>;

export const listItemsRoute = createRoute({
  method: "get",
  path: "/rectification/items",
  tags: TAGS,
  summary:
    "整改事项 / rectification items in your scope (soonest deadline first), with counts by state and overdue; filters: unit subtree, year, states, overdue, source record",
  request: {
    query: z.object({
      orgId: z.string().uuid().optional(),
      year: z.coerce.number().int().optional(),
      state: z
        .string()
        .optional()
        .openapi({ description: `comma-separated: ${RECTIFICATION_STATES.join(",")}` }),
      overdue: z
        .enum(["true", "false"])
        .optional()
        .openapi({ description: "true: only items past their deadline and not accepted" }),
      sourceEntityId: z.string().uuid().optional(),
    }),
  },
  responses: {
    200: {
      description: "Items",
      content: json(z.object({ counts: Counts, items: z.array(ItemSchema) })),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const createItemRoute = createRoute({
  method: "post",
  path: "/rectification/items",
  tags: TAGS,
  summary:
    "新建整改事项（审核人）/ create an item for a unit of your subtree (reviewer): from a review finding, an evaluation, a monitoring warning or an expert opinion; with a source record, its unit and year are the record's",
  request: {
    body: {
      required: true,
      content: json(
        z
          .object({
            orgId: z.string().uuid().optional(),
            year: z.number().int().min(2000).max(2100).optional(),
            sourceKind: z.enum(RECTIFICATION_SOURCES),
            sourceEntityType: z.enum(SOURCE_TYPES).nullable().optional(),
            sourceEntityId: z.string().uuid().nullable().optional(),
            sourceRef: z.string().max(500).nullable().optional(),
            shortfall: z.enum(SHORTFALL_KINDS).nullable().optional(),
            problem: Long.min(1),
            requiredMeasures: Long.min(1),
            deadline: Day,
          })
          .openapi("CreateRectificationItem"),
      ),
    },
  },
  responses: {
    201: { description: "Created (待整改)", content: json(ItemSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

const ProposalSchema = z.object({
  key: z.string().openapi({ description: "grade / execution / indicator:<index>" }),
  shortfall: z.enum(SHORTFALL_KINDS),
  problem: z.string(),
  requiredMeasures: z.string(),
  indicator: z.string().nullable(),
  created: z.boolean().openapi({ description: "an item for it exists already" }),
});

export const proposalsRoute = createRoute({
  method: "get",
  path: "/rectification/evaluations/{id}/proposals",
  tags: TAGS,
  summary:
    "整改建议 / the items core proposes from a self-evaluation's stored score: missed targets, grade 中/差, execution below 90%",
  request: { params: IdParam },
  responses: {
    200: {
      description: "Proposals",
      content: json(
        z
          .object({
            evaluationId: z.string().uuid(),
            orgId: z.string().uuid(),
            orgName: z.string(),
            year: z.number().int(),
            title: z.string(),
            scored: z.boolean(),
            grade: z.string().nullable(),
            total: z.number().nullable(),
            executionRate: z.string().nullable(),
            proposals: z.array(ProposalSchema),
          })
          .openapi("RectificationProposals"),
      ),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const createFromEvaluationRoute = createRoute({
  method: "post",
  path: "/rectification/evaluations/{id}/items",
  tags: TAGS,
  summary:
    "按自评结果生成整改事项（审核人）/ create the proposed items of a self-evaluation (reviewer): those not created yet, or the chosen keys, with the proposals' texts or your own",
  request: {
    params: IdParam,
    body: {
      required: true,
      content: json(
        z
          .object({
            deadline: Day,
            keys: z.array(z.string().max(40)).max(500).optional(),
            texts: z
              .record(z.string(), z.object({ problem: Long.optional(), requiredMeasures: Long.optional() }))
              .optional(),
          })
          .openapi("CreateRectificationFromEvaluation"),
      ),
    },
  },
  responses: {
    201: { description: "Created", content: json(z.object({ items: z.array(ItemSchema) })) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const getItemRoute = createRoute({
  method: "get",
  path: "/rectification/items/{id}",
  tags: TAGS,
  summary: "整改事项 / one item with its evidence files and its steps",
  request: { params: IdParam },
  responses: {
    200: { description: "The item", content: json(ItemDetailSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

const stepRoute = <B extends z.ZodType>(action: string, summary: string, body: B) =>
  createRoute({
    method: "post",
    path: `/rectification/items/{id}/${action}`,
    tags: TAGS,
    summary,
    request: { params: IdParam, body: { required: true, content: json(body) } },
    responses: {
      200: { description: "The item after the step", content: json(ItemDetailSchema) },
      ...errorResponses(400, 401, 403, 404, 409),
    },
  });

export const answerItemRoute = stepRoute(
  "answer",
  "填报整改情况（填报）/ save the measures taken (filler): → 整改中",
  z.object({ version: z.number().int(), measuresTaken: Long.nullable() }).openapi("AnswerRectificationItem"),
);
export const submitItemRoute = stepRoute(
  "submit",
  "提交整改情况（填报）/ submit the answer (filler): → 已提交; the measures taken may be given here",
  z.object({ version: z.number().int(), measuresTaken: Long.nullable().optional() }).openapi("SubmitRectificationItem"),
);
export const acceptItemRoute = stepRoute(
  "accept",
  "验收通过（审核人）/ accept a submitted item (reviewer): → 已验收",
  z.object({ version: z.number().int(), comment: Long.nullable().optional() }).openapi("AcceptRectificationItem"),
);
export const returnItemRoute = stepRoute(
  "return",
  "退回整改（审核人）/ return a submitted item with a comment (reviewer): → 退回",
  z.object({ version: z.number().int(), comment: Long.min(1) }).openapi("ReturnRectificationItem"),
);

export const uploadAttachmentRoute = createRoute({
  method: "post",
  path: "/rectification/items/{id}/attachments",
  tags: TAGS,
  summary:
    "上传整改佐证材料（填报）/ attach an evidence file (filler, while the item is 待整改, 整改中 or 退回): multipart/form-data (field `file`) or the raw bytes with `fileName`; at most 10 MB, 20 files per item",
  request: {
    params: IdParam,
    query: z.object({ fileName: z.string().max(255).optional() }),
    body: {
      // Plain OpenAPI schemas: the handler streams the body after authorising (imports/receive.ts).
      required: true,
      content: {
        "application/octet-stream": { schema: { type: "string", format: "binary" } },
        "multipart/form-data": {
          schema: { type: "object", properties: { file: { type: "string", format: "binary" } }, required: ["file"] },
        },
      },
    },
  },
  responses: {
    201: { description: "Attached", content: json(AttachmentSchema) },
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});

const AttachmentParam = z.object({
  attachmentId: z
    .string()
    .uuid()
    .openapi({ param: { name: "attachmentId", in: "path" } }),
});

export const getAttachmentRoute = createRoute({
  method: "get",
  path: "/rectification/attachments/{attachmentId}",
  tags: TAGS,
  summary: "下载佐证材料 / download an evidence file (any reader of its item)",
  request: { params: AttachmentParam },
  responses: {
    200: {
      description: "The file",
      content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const deleteAttachmentRoute = createRoute({
  method: "delete",
  path: "/rectification/attachments/{attachmentId}",
  tags: TAGS,
  summary: "删除佐证材料（填报）/ remove an evidence file (filler, while the item is answerable)",
  request: { params: AttachmentParam },
  responses: { 204: { description: "Removed" }, ...errorResponses(400, 401, 403, 404, 409) },
});

export const reportRoute = createRoute({
  method: "get",
  path: "/rectification/report",
  tags: TAGS,
  summary:
    "整改情况报告 / the rectification report of a unit's subtree and year as xlsx, docx or PDF: per unit by state and overdue, and every item (audited)",
  request: {
    query: z.object({
      orgId: z.string().uuid(),
      year: z.coerce.number().int().min(2000).max(2100),
      format: z.enum(EXPORT_FORMATS).default("xlsx"),
    }),
  },
  responses: {
    200: officeFileResponse(),
    ...errorResponses(400, 401, 403, 404),
  },
});

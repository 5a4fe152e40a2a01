import { createRoute, z } from "@hono/zod-openapi";
import { EXPORT_FORMATS, LAYOUTS } from "@jixiao/documents";
import { officeFileResponse } from "../http/download.ts";
import { errorResponses } from "../http/errors.ts";
import { JOB_STATES } from "../jobs/schema.ts";
import { BATCH_DOCUMENTS, BATCH_TYPES } from "./batch.service.ts";
import { EXPORT_TYPES } from "./exports.service.ts";

export const exportRecordRoute = createRoute({
  method: "get",
  path: "/exports/{type}/{id}",
  tags: ["exports"],
  summary:
    "导出文书 / a stored project, department goal, self-evaluation, duty table (the duty's organisation and year) or department budget (its 部门预算信息公开, audited) as the official document in xlsx, docx or PDF; Content-Disposition with the Chinese file name (RFC 5987)",
  request: {
    params: z.object({
      type: z.enum(EXPORT_TYPES).openapi({ param: { name: "type", in: "path" } }),
      id: z
        .string()
        .uuid()
        .openapi({ param: { name: "id", in: "path" } }),
    }),
    query: z.object({
      format: z.enum(EXPORT_FORMATS).default("xlsx"),
      as: z
        .enum(LAYOUTS)
        .optional()
        .openapi({ description: "The layout (docs/export.md); by default the record's own" }),
    }),
  },
  responses: {
    200: officeFileResponse(),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

const BatchErrorSchema = z.object({
  organisation: z.string(),
  document: z.string(),
  record: z.string(),
  format: z.enum(EXPORT_FORMATS),
  message: z.string(),
  messageEn: z.string(),
});

export const BatchResultSchema = z
  .object({
    orgId: z.string().uuid(),
    orgName: z.string(),
    year: z.number().int(),
    documents: z.array(z.enum(BATCH_DOCUMENTS)),
    formats: z.array(z.enum(EXPORT_FORMATS)),
    counts: z.object({
      records: z.number().int(),
      files: z.number().int(),
      errors: z.number().int(),
      byDocument: z.record(z.string(), z.number().int()),
    }),
    zip: z.object({ fileName: z.string(), size: z.number().int(), sha256: z.string() }),
    files: z.array(
      z.object({
        path: z.string(),
        organisation: z.string(),
        document: z.enum(BATCH_DOCUMENTS),
        type: z.enum(BATCH_TYPES),
        id: z.string().uuid(),
      }),
    ),
    errors: z.array(BatchErrorSchema),
  })
  .openapi("BatchExportResult");

export const BatchJobSchema = z
  .object({
    id: z.string().uuid(),
    state: z.enum(JOB_STATES),
    done: z.number().int(),
    total: z.number().int().nullable(),
    message: z.string().nullable(),
    result: BatchResultSchema.nullable(),
    error: z.unknown(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi("BatchExportJob");

const JobIdParam = z.object({
  jobId: z
    .string()
    .uuid()
    .openapi({ param: { name: "jobId", in: "path" } }),
});

export const startBatchRoute = createRoute({
  method: "post",
  path: "/exports/batch",
  tags: ["exports"],
  summary:
    "批量导出 / start a batch export of an organisation's subtree for a year (business.read on the organisation): a background job writing every document asked for in each format into one zip; audited (export.batch) when done",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              orgId: z.string().uuid(),
              year: z.number().int().min(2000).max(2100),
              documents: z.array(z.enum(BATCH_DOCUMENTS)).min(1).optional().openapi({
                description: "Which documents; by default every kind the stored records can be written as",
              }),
              formats: z
                .array(z.enum(EXPORT_FORMATS))
                .min(1)
                .default(["xlsx"])
                .openapi({ description: "pdf only when the server has LibreOffice or a CJK font (400 otherwise)" }),
            })
            .openapi("BatchExportInput"),
        },
      },
    },
  },
  responses: {
    202: {
      description: "Started",
      content: { "application/json": { schema: z.object({ jobId: z.string().uuid() }) } },
    },
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
});

export const getBatchRoute = createRoute({
  method: "get",
  path: "/exports/batch/{jobId}",
  tags: ["exports"],
  summary:
    "批量导出进度 / a batch export's state, progress (done of total, current item) and result (its starter only)",
  request: { params: JobIdParam },
  responses: {
    200: { description: "The batch job", content: { "application/json": { schema: BatchJobSchema } } },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const getBatchFileRoute = createRoute({
  method: "get",
  path: "/exports/batch/{jobId}/file",
  tags: ["exports"],
  summary: "下载批量导出压缩包 / the batch's zip (its starter only); 409 until the job has completed",
  request: { params: JobIdParam },
  responses: {
    200: {
      description: "The zip",
      content: { "application/zip": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

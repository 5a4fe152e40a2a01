import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";
import { IdParam } from "../projects/projects.routes.ts";
import { ImportSchema } from "./presenters.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

export const uploadImportRoute = createRoute({
  method: "post",
  path: "/imports",
  tags: ["imports"],
  summary:
    "上传文件导入（预览）/ upload a Word, Excel, PDF or text file: a stored preview of what a commit will create or update, with the problems and their locations. Body: the file as multipart/form-data (field `file`) or the raw bytes with `fileName` in the query. 202 with a job when the file is large.",
  request: {
    query: z.object({
      orgId: z.string().uuid(),
      year: z.coerce.number().int().min(2000).max(2100),
      fileName: z.string().max(255).optional().openapi({ description: "The file's name for a raw body" }),
    }),
    body: {
      // Plain OpenAPI schemas, not zod: no validator may read the body — the handler streams it to storage after
      // the caller is authorised (imports/receive.ts), multipart included.
      required: true,
      content: {
        "application/octet-stream": { schema: { type: "string", format: "binary" } },
        "multipart/form-data": {
          schema: {
            type: "object",
            properties: { file: { type: "string", format: "binary" } },
            required: ["file"],
          },
        },
      },
    },
  },
  responses: {
    201: { description: "The preview", content: json(ImportSchema) },
    202: {
      description: "Large file: read by a background job (jobId); poll the import or the job",
      content: json(ImportSchema),
    },
    ...errorResponses(400, 401, 403, 404, 413, 422, 429),
  },
});

export const getImportRoute = createRoute({
  method: "get",
  path: "/imports/{id}",
  tags: ["imports"],
  summary: "导入预览 / an import: its preview, or what its commit did",
  request: { params: IdParam },
  responses: {
    200: { description: "The import", content: json(ImportSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const CommitResultSchema = z
  .object({
    unchanged: z.boolean().openapi({ description: "true when the same file was already committed here" }),
    message: z.string(),
    messageEn: z.string(),
    import: ImportSchema,
  })
  .openapi("ImportCommit");

export const commitImportRoute = createRoute({
  method: "post",
  path: "/imports/{id}/commit",
  tags: ["imports"],
  summary:
    "提交导入 / commit an import in one transaction into its organisation and year (audited with the file's SHA-256); the same file again changes nothing. A document with several units: the chosen organisation is the department, every other unit goes into the organisation named in `unitOrgs`, else one under it with the same code or name, else a new child created in the same transaction",
  request: {
    params: IdParam,
    body: {
      required: false,
      content: json(
        z.object({
          unitOrgs: z
            .record(z.string().min(1).max(200), z.string().uuid())
            .optional()
            .openapi({
              description:
                "Document unit (its name or code, as in the preview's `units`) → organisation id; each must be the chosen organisation or under it, and in your scope",
              example: { 河北省赵县公安交通警察大队: "00000000-0000-4000-8000-000000000000" },
            }),
        }),
      ),
    },
  },
  responses: {
    200: { description: "Committed, or unchanged", content: json(CommitResultSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

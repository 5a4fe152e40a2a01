import { createRoute, z } from "@hono/zod-openapi";
import { EXPORT_FORMATS } from "@jixiao/documents";
import { errorResponses } from "../http/errors.ts";
import { IdParam } from "../projects/projects.routes.ts";
import { PUBLISH_TYPES } from "./publications.service.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

export const PublicationSchema = z
  .object({
    id: z.string().uuid(),
    type: z.enum(PUBLISH_TYPES),
    entityId: z.string().uuid(),
    entityVersion: z.number().int(),
    orgId: z.string().uuid(),
    orgName: z.string(),
    year: z.number().int(),
    title: z.string(),
    files: z.record(z.string(), z.object({ fileName: z.string(), size: z.number().int(), sha256: z.string() })),
    snapshotSha256: z
      .string()
      .nullable()
      .openapi({ description: "SHA-256 of the published document's canonical JSON (keys sorted at every level)" }),
    publishedAt: z.string(),
    withdrawnAt: z.string().nullable(),
    withdrawReason: z.string().nullable(),
  })
  .openapi("Publication");

export const publishRoute = createRoute({
  method: "post",
  path: "/publications",
  tags: ["publications"],
  summary:
    "公开 / publish an approved project, department goal, self-evaluation or department budget (its 部门预算信息公开) (reviewer): a frozen snapshot with the rendered files' hashes; audited",
  request: {
    body: {
      required: true,
      content: json(z.object({ type: z.enum(PUBLISH_TYPES), id: z.string().uuid() }).openapi("PublishInput")),
    },
  },
  responses: {
    201: { description: "Published", content: json(PublicationSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const withdrawRoute = createRoute({
  method: "post",
  path: "/publications/{id}/withdraw",
  tags: ["publications"],
  summary: "撤回公开 / withdraw a publication with a reason (approver, reviewer); audited",
  request: {
    params: IdParam,
    body: { required: true, content: json(z.object({ reason: z.string().trim().min(1).max(2000) })) },
  },
  responses: {
    200: { description: "Withdrawn", content: json(PublicationSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const publicListRoute = createRoute({
  method: "get",
  path: "/public/publications",
  tags: ["public"],
  summary: "公开文件（无需登录）/ published documents, no sign-in: by organisation, year or organisation name",
  request: {
    query: z.object({
      orgId: z.string().uuid().optional(),
      year: z.coerce.number().int().optional(),
      q: z.string().max(100).optional(),
    }),
  },
  responses: {
    200: { description: "Published documents", content: json(z.object({ items: z.array(PublicationSchema) })) },
    ...errorResponses(400),
  },
});

export const publicOneRoute = createRoute({
  method: "get",
  path: "/public/publications/{id}",
  tags: ["public"],
  summary: "公开文件内容 / one published document (the frozen normalised document), no sign-in",
  request: { params: IdParam },
  responses: {
    200: {
      description: "The publication and its document",
      content: json(z.object({ publication: PublicationSchema, document: z.unknown() })),
    },
    ...errorResponses(400, 404),
  },
});

export const publicFileRoute = createRoute({
  method: "get",
  path: "/public/publications/{id}/file",
  tags: ["public"],
  summary:
    "下载公开文件 / download a published document as xlsx, docx or PDF, no sign-in: the very bytes whose SHA-256 the publication records (xlsx, docx kept at publication; PDF kept at its first download)",
  request: { params: IdParam, query: z.object({ format: z.enum(EXPORT_FORMATS).default("pdf") }) },
  responses: {
    200: {
      description: "The file",
      content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...errorResponses(400, 404),
  },
});

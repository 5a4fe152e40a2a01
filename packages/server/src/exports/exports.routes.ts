import { createRoute, z } from "@hono/zod-openapi";
import { EXPORT_FORMATS, LAYOUTS } from "@jixiao/documents";
import { errorResponses } from "../http/errors.ts";
import { EXPORT_TYPES } from "./exports.service.ts";

export const exportRecordRoute = createRoute({
  method: "get",
  path: "/exports/{type}/{id}",
  tags: ["exports"],
  summary:
    "导出文书 / a stored project, department goal, self-evaluation or duty table (the duty's organisation and year) as the official document in xlsx, docx or PDF; Content-Disposition with the Chinese file name (RFC 5987)",
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
    200: {
      description: "The file",
      content: {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
          schema: z.string().openapi({ format: "binary" }),
        },
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
          schema: z.string().openapi({ format: "binary" }),
        },
        "application/pdf": { schema: z.string().openapi({ format: "binary" }) },
      },
    },
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

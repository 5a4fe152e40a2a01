import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";

export const AuditEventSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    orgId: z.string().nullable(),
    action: z.string(),
    entityType: z.string().nullable(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    ip: z.string().nullable(),
    details: z.unknown(),
  })
  .openapi("AuditEvent");

export const listAuditRoute = createRoute({
  method: "get",
  path: "/audit",
  tags: ["audit"],
  summary: "审计记录（审计管理员）/ the audit trail, newest first (auditor only)",
  request: {
    query: z.object({
      action: z
        .string()
        .max(100)
        .optional()
        .openapi({ description: "Exact action, or a prefix ending in `.` (e.g. `auth.`)" }),
      entityType: z.string().max(50).optional(),
      entityId: z.string().max(100).optional(),
      actorId: z.string().uuid().optional(),
      orgId: z.string().uuid().optional(),
      from: z.string().datetime({ offset: true }).optional(),
      to: z.string().datetime({ offset: true }).optional(),
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: {
    200: {
      description: "A page of audit events",
      content: {
        "application/json": {
          schema: z.object({ items: z.array(AuditEventSchema), page: z.number().int(), pageSize: z.number().int() }),
        },
      },
    },
    ...errorResponses(400, 401, 403),
  },
});

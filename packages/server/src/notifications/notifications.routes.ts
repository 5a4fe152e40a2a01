import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";
import { IdParam } from "../projects/projects.routes.ts";
import { NOTIFICATION_KINDS } from "./schema.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

const NotificationSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(NOTIFICATION_KINDS).openapi({
      description:
        "assignment 分配 | submitted 待审核 | returned 退回 | approved 通过 | warning 预警 | deadline 截止提醒",
    }),
    title: z.string(),
    titleEn: z.string(),
    link: z.string().nullable().openapi({ description: "where the web app shows it" }),
    orgId: z.string().uuid().nullable(),
    entityType: z.string().nullable(),
    entityId: z.string().uuid().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi("Notification");

export const listNotificationsRoute = createRoute({
  method: "get",
  path: "/notifications",
  tags: ["notifications"],
  summary:
    "通知中心 / your notifications, newest first, with the unread count (assignments, submissions to review, returns, approvals, monitoring warnings, approaching and overdue deadlines)",
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).optional(),
      unread: z
        .enum(["1", "0", "true", "false"])
        .optional()
        .transform((v) => v === "1" || v === "true"),
    }),
  },
  responses: {
    200: {
      description: "Notifications",
      content: json(
        z.object({ unread: z.number().int(), items: z.array(NotificationSchema) }).openapi("Notifications"),
      ),
    },
    ...errorResponses(400, 401, 403),
  },
});

export const readNotificationRoute = createRoute({
  method: "post",
  path: "/notifications/{id}/read",
  tags: ["notifications"],
  summary: "标为已读 / mark one of your notifications read",
  request: { params: IdParam },
  responses: {
    200: {
      description: "Read",
      content: json(NotificationSchema.extend({ unread: z.number().int() })),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const readAllNotificationsRoute = createRoute({
  method: "post",
  path: "/notifications/read-all",
  tags: ["notifications"],
  summary: "全部标为已读 / mark all your notifications read",
  responses: {
    200: {
      description: "How many were marked",
      content: json(z.object({ marked: z.number().int(), unread: z.number().int() })),
    },
    ...errorResponses(401, 403),
  },
});

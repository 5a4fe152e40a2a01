import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import type * as r from "./notifications.routes.ts";
import { listNotifications, readAllNotifications, readNotification } from "./notifications.service.ts";

export const listNotificationsHandler: RouteHandler<typeof r.listNotificationsRoute, AppEnv> = async (c) =>
  c.json(await listNotifications(c.var.deps, c.var.actor, c.req.valid("query")), 200);

export const readNotificationHandler: RouteHandler<typeof r.readNotificationRoute, AppEnv> = async (c) =>
  c.json(await readNotification(c.var.deps, c.var.actor, c.req.valid("param").id), 200);

export const readAllNotificationsHandler: RouteHandler<typeof r.readAllNotificationsRoute, AppEnv> = async (c) =>
  c.json(await readAllNotifications(c.var.deps, c.var.actor), 200);

import { createRouter } from "../http/router.ts";
import * as h from "./notifications.handlers.ts";
import * as r from "./notifications.routes.ts";

export { forwardInBackground, forwardingSettled } from "./webhook.ts";

// read-all before {id}/read: both are POSTs of their own path, no clash either way.
export const notificationsRouter = createRouter()
  .openapi(r.listNotificationsRoute, h.listNotificationsHandler)
  .openapi(r.readAllNotificationsRoute, h.readAllNotificationsHandler)
  .openapi(r.readNotificationRoute, h.readNotificationHandler);

import { api } from "../../api/client.ts";

export type NotificationKind = "assignment" | "submitted" | "returned" | "approved" | "warning" | "deadline";

/** One notification as GET /notifications gives it. */
export interface Notification {
  id: string;
  kind: NotificationKind;
  title: string;
  titleEn: string;
  /** Where the web app shows its subject. */
  link: string | null;
  orgId: string | null;
  createdAt: string;
  readAt: string | null;
}

export const notificationEndpoints = {
  list: () => api.get<{ unread: number; items: Notification[] }>("/notifications?limit=50"),
  read: (id: string) => api.post<Notification & { unread: number }>(`/notifications/${id}/read`),
  readAll: () => api.post<{ marked: number; unread: number }>("/notifications/read-all"),
};

export const KIND_NAMES: Record<NotificationKind, [string, string, string]> = {
  assignment: ["任务", "Assigned", "blue"],
  submitted: ["待审核", "To review", "geekblue"],
  returned: ["退回", "Returned", "orange"],
  approved: ["通过", "Approved", "green"],
  warning: ["预警", "Warning", "red"],
  deadline: ["截止提醒", "Deadline", "gold"],
};

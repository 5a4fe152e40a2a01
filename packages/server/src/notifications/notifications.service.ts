/**
 * The notification centre of the signed-in person: their notifications, newest first, with the unread count; mark
 * one read or all. Reading the list first makes the reminders of approaching and overdue deadlines that are due
 * (reminders.ts). Each person sees only their own: another's notification is "not found".
 */
import type { Actor } from "../accounts/actor.ts";
import { requireActor } from "../accounts/authorize.ts";
import type { Deps } from "../http/context.ts";
import { notFound } from "../http/errors.ts";
import { remindDeadlines } from "./reminders.ts";
import { findNotification, markAllRead, markRead, notificationsOf, unreadCount } from "./repository.ts";
import type { NotificationRow } from "./schema.ts";

const NOTIFICATION = { zh: "通知", en: "notification" };

export function presentNotification(n: NotificationRow) {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    titleEn: n.titleEn,
    link: n.link,
    orgId: n.orgId,
    entityType: n.entityType,
    entityId: n.entityId,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

export async function listNotifications(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  q: { limit?: number | undefined; unread?: boolean | undefined },
) {
  const a = requireActor(actor);
  await remindDeadlines(deps.db, a, deps.now());
  const [rows, unread] = await Promise.all([
    notificationsOf(deps.db, a.accountId, q.limit ?? 50),
    unreadCount(deps.db, a.accountId),
  ]);
  return {
    unread,
    items: rows.filter((n) => !q.unread || n.readAt === null).map(presentNotification),
  };
}

export async function readNotification(deps: Pick<Deps, "db" | "now">, actor: Actor | undefined, id: string) {
  const a = requireActor(actor);
  const n = await findNotification(deps.db, id);
  if (!n || n.accountId !== a.accountId) throw notFound(NOTIFICATION);
  const row = await markRead(deps.db, id, deps.now());
  return { ...presentNotification(row ?? n), unread: await unreadCount(deps.db, a.accountId) };
}

export async function readAllNotifications(deps: Pick<Deps, "db" | "now">, actor: Actor | undefined) {
  const a = requireActor(actor);
  const marked = await markAllRead(deps.db, a.accountId, deps.now());
  return { marked, unread: await unreadCount(deps.db, a.accountId) };
}

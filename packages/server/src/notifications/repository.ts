/** The notifications' SQL: recipients by role over an organisation, insert (once per dedupe key), list, mark read. */
import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Role } from "../accounts/schema.ts";
import { type Db, queryRows } from "../db/open.ts";
import { type NotificationRow, notifications } from "./schema.ts";

export type NewNotification = typeof notifications.$inferInsert;

/**
 * The enabled accounts holding one of `roles` at the organisation or above it (a membership covers its subtree),
 * except `except`.
 */
export async function accountsCovering(
  db: Db,
  orgId: string,
  roles: readonly Role[],
  except?: string | null,
): Promise<string[]> {
  if (roles.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT DISTINCT a.id
          FROM accounts a
          JOIN memberships m ON m.account_id = a.id
          JOIN organisations mo ON mo.id = m.org_id
          JOIN organisations t ON t.id = ${orgId}::uuid
         WHERE NOT a.disabled
           AND m.role IN (${sql.join(
             roles.map((r) => sql`${r}`),
             sql`, `,
           )})
           AND left(t.path, length(mo.path)) = mo.path
           AND a.id IS DISTINCT FROM ${except ?? null}::uuid
         ORDER BY a.id`,
  );
  return rows.map((r) => r.id);
}

/** Insert notifications; a row whose (account, dedupe key) exists already is skipped. The rows inserted. */
export async function insertNotifications(db: Db, rows: NewNotification[]): Promise<NotificationRow[]> {
  if (rows.length === 0) return [];
  return db
    .insert(notifications)
    .values(rows)
    .onConflictDoNothing({ target: [notifications.accountId, notifications.dedupeKey] })
    .returning();
}

export async function notificationsOf(db: Db, accountId: string, limit: number): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.accountId, accountId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

export async function unreadCount(db: Db, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export async function findNotification(db: Db, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id)).limit(1);
  return row;
}

/** Mark one read (if unread); the row as it is now. */
export async function markRead(db: Db, id: string, at: Date): Promise<NotificationRow | undefined> {
  await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.id, id), isNull(notifications.readAt)));
  return findNotification(db, id);
}

/** Mark every unread one of the account read; how many were. */
export async function markAllRead(db: Db, accountId: string, at: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.accountId, accountId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/**
 * Claim the notifications the webhook has still to forward (never tried, written since `since`): each is claimed by
 * one caller only (sending), so two requests finishing at once never send one twice.
 */
export async function claimForWebhook(db: Db, since: Date, limit: number): Promise<NotificationRow[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`UPDATE notifications SET webhook_state = 'sending'
         WHERE id IN (SELECT id FROM notifications
                       WHERE webhook_state IS NULL AND created_at >= ${since.toISOString()}::timestamptz
                       ORDER BY created_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
           AND webhook_state IS NULL
        RETURNING id`,
  );
  if (rows.length === 0) return [];
  return db
    .select()
    .from(notifications)
    .where(
      sql`${notifications.id} IN (${sql.join(
        rows.map((r) => sql`${r.id}::uuid`),
        sql`, `,
      )})`,
    )
    .orderBy(notifications.createdAt, notifications.id);
}

export async function setWebhookState(db: Db, id: string, state: "sent" | "failed", attempts: number): Promise<void> {
  await db
    .update(notifications)
    .set({ webhookState: state, webhookAttempts: attempts })
    .where(eq(notifications.id, id));
}

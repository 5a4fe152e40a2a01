/**
 * The in-app notification centre: one row per recipient account. Written in the transaction of what it tells of
 * (a workflow step, a monitoring action, a round opened, an expert assignment) or, for approaching and overdue
 * deadlines, when the recipient's list is read (once per deadline and phase: `dedupe_key`). When a webhook is set,
 * each row of the last day is also forwarded (webhook_state NULL → sending → sent | failed).
 */
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "../accounts/schema.ts";
import { createdAt, id } from "../db/columns.ts";
import { organisations } from "../orgs/schema.ts";

export const NOTIFICATION_KINDS = ["assignment", "submitted", "returned", "approved", "warning", "deadline"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** The organisation the notification is about (the record's unit, the deadline's organisation). */
    orgId: uuid("org_id").references(() => organisations.id, { onDelete: "cascade" }),
    kind: text("kind").$type<NotificationKind>().notNull(),
    title: text("title").notNull(),
    titleEn: text("title_en").notNull(),
    /** Where the web app shows the subject (a path of the web app), if anywhere. */
    link: text("link"),
    entityType: text("entity_type"),
    entityId: uuid("entity_id"),
    /** Makes a reminder once-only per recipient (deadline:<stage>:<org>:<year>:<date>:<phase>). */
    dedupeKey: text("dedupe_key"),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true }),
    /** Forwarding to the webhook: NULL not yet tried; sending, sent, failed (after the bounded retries). */
    webhookState: text("webhook_state"),
    webhookAttempts: integer("webhook_attempts").notNull().default(0),
  },
  (t) => [
    index("notifications_account_idx").on(t.accountId, t.createdAt),
    uniqueIndex("notifications_dedupe_uq").on(t.accountId, t.dedupeKey),
    // What the webhook has still to forward (rows of the last day, never tried).
    index("notifications_webhook_idx").on(t.createdAt).where(sql`${t.webhookState} IS NULL`),
    check(
      "notifications_kind_ck",
      sql`${t.kind} IN ('assignment', 'submitted', 'returned', 'approved', 'warning', 'deadline')`,
    ),
  ],
);
export type NotificationRow = typeof notifications.$inferSelect;

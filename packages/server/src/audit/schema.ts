/**
 * The audit trail: append-only. A trigger (migration 0001) refuses UPDATE and DELETE on it, so not even the
 * application can change history. Written in the same transaction as the change it records.
 */
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    orgId: uuid("org_id"),
    /** e.g. `project.create`, `project.update`, `workflow.submit`, `auth.login`, `auth.failure`, `auth.lockout`. */
    action: text("action").notNull(),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    details: jsonb("details"),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
    index("audit_events_org_idx").on(t.orgId),
  ],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;

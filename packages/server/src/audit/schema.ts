/**
 * The audit trail: append-only. A trigger (migration 0001) refuses UPDATE and DELETE on it, so not even the
 * application can change history. Written in the same transaction as the change it records.
 * Tamper-evident (migration 0011): a BEFORE INSERT trigger numbers every row in chain order (`chain_seq`, under a
 * transaction lock) and stores `hash` = SHA-256 of the previous row's hash and this row's fields, so a rewritten,
 * removed or inserted row breaks every later hash (`jixiao audit verify`, and a check at start; see audit/chain.ts).
 */
import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

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
    /** Position in the hash chain, set by the database trigger (not by the application). */
    chainSeq: bigint("chain_seq", { mode: "bigint" }),
    /** SHA-256 (hex) over the previous row's hash and this row's fields, set by the database trigger. */
    hash: text("hash"),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
    index("audit_events_org_idx").on(t.orgId),
    uniqueIndex("audit_events_chain_seq_uq").on(t.chainSeq),
  ],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;

/**
 * Workflow transitions (draft → submitted → approved / returned) of any reviewable record, and the frozen
 * snapshots of approved versions (an adjustment makes a new revision; the approved snapshot stays).
 */
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "../db/columns.ts";
import { organisations } from "../orgs/schema.ts";

export const workflowTransitions = pgTable(
  "workflow_transitions",
  {
    id: id(),
    entityType: text("entity_type").notNull(),
    entityId: uuid("entity_id").notNull(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    fromState: text("from_state").notNull(),
    toState: text("to_state").notNull(),
    action: text("action").notNull(),
    actorId: uuid("actor_id").notNull(),
    comment: text("comment"),
    /** The record's version at the moment of the transition. */
    entityVersion: integer("entity_version").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("workflow_transitions_entity_idx").on(t.entityType, t.entityId)],
);

export const recordSnapshots = pgTable(
  "record_snapshots",
  {
    id: id(),
    entityType: text("entity_type").notNull(),
    entityId: uuid("entity_id").notNull(),
    entityVersion: integer("entity_version").notNull(),
    state: text("state").notNull(),
    snapshot: jsonb("snapshot").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("record_snapshots_uq").on(t.entityType, t.entityId, t.entityVersion, t.state)],
);

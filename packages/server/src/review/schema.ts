/**
 * Reviewers' decisions on the automatic review (绩效目标审核): the engine's verdict at the time, and the
 * reviewer's — accepted as it is, or overruled with a comment. Append-only: the latest row is the decision.
 */
import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "../orgs/schema.ts";

export const reviewDecisions = pgTable(
  "review_decisions",
  {
    /** In insertion order: the highest is the decision that stands. */
    id: bigserial("id", { mode: "number" }).primaryKey(),
    entityType: text("entity_type").notNull(),
    entityId: uuid("entity_id").notNull(),
    /** The record's version the review ran on (imports have none: 0). */
    entityVersion: integer("entity_version").notNull(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    engineVerdict: text("engine_verdict").notNull(),
    enginePoints: integer("engine_points").notNull(),
    reviewerVerdict: text("reviewer_verdict").notNull(),
    comment: text("comment"),
    /** The findings' counts by severity at the time of the decision. */
    counts: jsonb("counts").notNull(),
    decidedBy: uuid("decided_by").notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("review_decisions_entity_idx").on(t.entityType, t.entityId),
    check("review_decisions_type_ck", sql`${t.entityType} IN ('project', 'goal', 'evaluation', 'import')`),
    check("review_decisions_verdict_ck", sql`${t.reviewerVerdict} IN ('优', '良', '中', '差')`),
  ],
);

export type ReviewDecisionRow = typeof reviewDecisions.$inferSelect;

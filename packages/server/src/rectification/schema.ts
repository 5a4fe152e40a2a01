/**
 * Rectification (整改, issue 17): a problem found in a review, a self-evaluation, a monitoring round or by an
 * expert, given by a reviewer to the unit that owns it (`org_id`) with the measures required and a deadline. The unit
 * answers with the measures taken and evidence files; the reviewer accepts or returns it. Every step is a row of
 * `rectification_steps` (the item's history, with the reviewer's comments) beside its audit row.
 */
import { sql } from "drizzle-orm";
import {
  check,
  customType,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, version } from "../db/columns.ts";
import { organisations } from "../orgs/schema.ts";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

export const rectificationItems = pgTable(
  "rectification_items",
  {
    id: id(),
    /** The unit that must rectify. */
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    /** The year the problem belongs to (the evaluated or monitored year). */
    year: integer("year").notNull(),
    /** review_finding / evaluation / monitoring_warning / expert_opinion */
    sourceKind: text("source_kind").notNull(),
    /** The record the problem was found on (project, department_goal, self_evaluation, monitoring_record). */
    sourceEntityType: text("source_entity_type"),
    sourceEntityId: uuid("source_entity_id"),
    /** What in the record: a finding's rule, an indicator, a proposal key (`indicator:3`), an expert's name. */
    sourceRef: text("source_ref"),
    /** missed_target / grade / execution, for evaluation shortfalls. */
    shortfall: text("shortfall"),
    /** 问题 */
    problem: text("problem").notNull(),
    /** 整改要求 */
    requiredMeasures: text("required_measures").notNull(),
    /** 整改期限 */
    deadline: date("deadline").notNull(),
    state: text("state").notNull().default("pending"),
    /** 已采取的整改措施 (the unit's answer) */
    measuresTaken: text("measures_taken"),
    answeredBy: uuid("answered_by"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    /** The reviewer's last decision: its comment, who and when. */
    reviewComment: text("review_comment"),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("rectification_items_org_year_idx").on(t.orgId, t.year),
    index("rectification_items_source_idx").on(t.sourceEntityId),
    check(
      "rectification_items_state_ck",
      sql`${t.state} IN ('pending', 'in_progress', 'submitted', 'accepted', 'returned')`,
    ),
    check(
      "rectification_items_source_ck",
      sql`${t.sourceKind} IN ('review_finding', 'evaluation', 'monitoring_warning', 'expert_opinion')`,
    ),
    check(
      "rectification_items_shortfall_ck",
      sql`${t.shortfall} IS NULL OR ${t.shortfall} IN ('missed_target', 'grade', 'execution')`,
    ),
  ],
);

/** Evidence files (整改佐证材料) the unit attaches to its answer; small files kept in the database. */
export const rectificationAttachments = pgTable(
  "rectification_attachments",
  {
    id: id(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => rectificationItems.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    data: bytea("data").notNull(),
    uploadedBy: uuid("uploaded_by"),
    createdAt: createdAt(),
  },
  (t) => [index("rectification_attachments_item_idx").on(t.itemId)],
);

/** The item's history: every step with who, when, the states and the comment. */
export const rectificationSteps = pgTable(
  "rectification_steps",
  {
    id: id(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => rectificationItems.id, { onDelete: "cascade" }),
    /** 1, 2, 3… within the item: the order of its steps (several may share a timestamp). */
    seq: integer("seq").notNull().default(0),
    /** create / answer / submit / accept / return / attach / detach */
    action: text("action").notNull(),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    comment: text("comment"),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("rectification_steps_item_idx").on(t.itemId, t.at),
    uniqueIndex("rectification_steps_item_seq_uq").on(t.itemId, t.seq),
  ],
);

export type RectificationItemRow = typeof rectificationItems.$inferSelect;
export type RectificationAttachmentRow = typeof rectificationAttachments.$inferSelect;
export type RectificationStepRow = typeof rectificationSteps.$inferSelect;

/**
 * Expert and third-party review (专家评审 / 第三方评价) and 事前绩效评估.
 * A reviewer assigns a record (a project's goals, a self-evaluation, or a new project's ex-ante assessment) to one
 * or more experts with a deadline and a scoring form (kept with the assignment as it was chosen); each expert
 * has one review row (scores by item key, opinion); the reviewer adopts the experts' result or not, with a reason.
 * A project's ex-ante assessment is one row, filled by the reviewer or taken from an adopted expert assignment.
 */
import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "../accounts/schema.ts";
import { createdAt, id, updatedAt, version } from "../db/columns.ts";
import { organisations } from "../orgs/schema.ts";
import { projects } from "../projects/schema.ts";
import { fiscalYears } from "../years/schema.ts";

export const EXPERT_SUBJECTS = ["project_goals", "self_evaluation", "exante"] as const;
export type ExpertSubject = (typeof EXPERT_SUBJECTS)[number];
export const ASSIGNMENT_STATES = ["open", "adopted", "not_adopted"] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];
export const REVIEW_STATES = ["pending", "submitted"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** A bureau's own scoring forms (the built-in ones live in @jixiao/core). */
export const expertForms = pgTable(
  "expert_forms",
  {
    id: id(),
    /** The bureau (reviewer's organisation) whose subtree may use the form. */
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    subject: text("subject").$type<ExpertSubject>().notNull(),
    /** The form as data (core `ScoringForm`), checked when defined. */
    definition: jsonb("definition").notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    index("expert_forms_org_idx").on(t.orgId),
    check("expert_forms_subject_ck", sql`${t.subject} IN ('project_goals', 'self_evaluation', 'exante')`),
  ],
);

export const expertAssignments = pgTable(
  "expert_assignments",
  {
    id: id(),
    /** The record's organisation. */
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    subject: text("subject").$type<ExpertSubject>().notNull(),
    /** The project (project_goals, exante) or the self-evaluation. */
    entityId: uuid("entity_id").notNull(),
    /** The record's name when assigned. */
    title: text("title").notNull(),
    /** A built-in form's id (`builtin:…`) or a bureau form's id. */
    formId: text("form_id").notNull(),
    /** The form as it was when assigned. */
    form: jsonb("form").notNull(),
    /** Experts diverge on an item when their scores spread more than this share (%) of its maximum. */
    thresholdPercent: numeric("threshold_percent", { precision: 5, scale: 2 }).notNull().default("20"),
    deadline: date("deadline").notNull(),
    note: text("note"),
    state: text("state").$type<AssignmentState>().notNull().default("open"),
    decisionReason: text("decision_reason"),
    /** The experts' average total when adopted. */
    adoptedTotal: numeric("adopted_total", { precision: 8, scale: 2 }),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("expert_assignments_org_year_idx").on(t.orgId, t.year),
    index("expert_assignments_entity_idx").on(t.entityId),
    check("expert_assignments_subject_ck", sql`${t.subject} IN ('project_goals', 'self_evaluation', 'exante')`),
    check("expert_assignments_state_ck", sql`${t.state} IN ('open', 'adopted', 'not_adopted')`),
    check("expert_assignments_threshold_ck", sql`${t.thresholdPercent} BETWEEN 0 AND 100`),
  ],
);

/** One expert's review of an assignment. */
export const expertReviews = pgTable(
  "expert_reviews",
  {
    id: id(),
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => expertAssignments.id, { onDelete: "cascade" }),
    expertId: uuid("expert_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "restrict" }),
    /** Scores by item key, decimal text. */
    scores: jsonb("scores").$type<Record<string, string>>().notNull().default({}),
    opinion: text("opinion"),
    state: text("state").$type<ReviewState>().notNull().default("pending"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("expert_reviews_assignment_expert_uq").on(t.assignmentId, t.expertId),
    index("expert_reviews_expert_idx").on(t.expertId),
    check("expert_reviews_state_ck", sql`${t.state} IN ('pending', 'submitted')`),
  ],
);

/** 事前绩效评估 of a project: one per project. */
export const exanteAssessments = pgTable(
  "exante_assessments",
  {
    id: id(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    /** Points per dimension, scores per dimension, thresholds (percent): as the core's ExanteAssessment. */
    points: jsonb("points").notNull(),
    scores: jsonb("scores").notNull(),
    thresholds: jsonb("thresholds").notNull(),
    total: numeric("total", { precision: 8, scale: 2 }).notNull(),
    fullMarks: numeric("full_marks", { precision: 8, scale: 2 }).notNull(),
    derived: text("derived").notNull(),
    conclusion: text("conclusion").notNull(),
    overrideReason: text("override_reason"),
    opinion: text("opinion"),
    /** Who filled it: the reviewer, or the experts of an adopted assignment. */
    source: text("source").notNull().default("reviewer"),
    assignmentId: uuid("assignment_id").references(() => expertAssignments.id, { onDelete: "set null" }),
    assessedBy: uuid("assessed_by"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("exante_assessments_project_uq").on(t.projectId),
    check("exante_assessments_conclusion_ck", sql`${t.conclusion} IN ('予以支持', '部分支持', '不予支持')`),
    check("exante_assessments_derived_ck", sql`${t.derived} IN ('予以支持', '部分支持', '不予支持')`),
    check("exante_assessments_source_ck", sql`${t.source} IN ('reviewer', 'experts')`),
  ],
);

export type ExpertFormRow = typeof expertForms.$inferSelect;
export type ExpertAssignmentRow = typeof expertAssignments.$inferSelect;
export type ExpertReviewRow = typeof expertReviews.$inferSelect;
export type ExanteAssessmentRow = typeof exanteAssessments.$inferSelect;

/**
 * Stage deadlines (时间节点) of a fiscal year, set by the bureau (a reviewer) for its subtree: the date by which the
 * units must have filed their goals (目标申报) or self-evaluations (绩效自评). The monitoring stage takes each round's
 * own deadline (monitoring_rounds.deadline). One deadline per organisation, year and stage; the nearest one above
 * or at an organisation applies to it.
 */
import { sql } from "drizzle-orm";
import { check, date, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, version } from "../db/columns.ts";
import { organisations } from "../orgs/schema.ts";
import { fiscalYears } from "../years/schema.ts";

export const stageDeadlines = pgTable(
  "stage_deadlines",
  {
    id: id(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    /** goals | self_evaluation */
    stage: text("stage").$type<"goals" | "self_evaluation">().notNull(),
    dueDate: date("due_date").notNull(),
    note: text("note"),
    setBy: uuid("set_by"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("stage_deadlines_org_year_stage_uq").on(t.orgId, t.year, t.stage),
    check("stage_deadlines_stage_ck", sql`${t.stage} IN ('goals', 'self_evaluation')`),
  ],
);
export type StageDeadlineRow = typeof stageDeadlines.$inferSelect;

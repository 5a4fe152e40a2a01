/**
 * Projects (项目) with their goal declaration (绩效目标申报): funds split by source, purpose, annual and
 * mid-term goals. The indicator tree hangs off a project in `indicators/schema.ts`.
 */
import { type AnyPgColumn, date, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, money, updatedAt, version, workflowState, workflowStateCheck } from "../db/columns.ts";
import { organisations } from "../orgs/schema.ts";
import { fiscalYears } from "../years/schema.ts";

export const projects = pgTable(
  "projects",
  {
    id: id(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    code: text("code"),
    name: text("name").notNull(),
    /** 实施单位 as written (may differ from the owning organisation's name). */
    implementingUnit: text("implementing_unit"),
    /** 项目属性: 经常性 / 一次性 / 阶段性 */
    attribute: text("attribute"),
    category: text("category"),
    startDate: date("start_date"),
    endDate: date("end_date"),
    /** 项目资金总额 (whole project period) */
    totalFunds: money("total_funds"),
    /** 年度资金申请总额 = 当年财政拨款 + 上年结转 + 其他资金 (kept as written; checked, not forced). */
    annualFunds: money("annual_funds"),
    fiscalFunds: money("fiscal_funds"),
    carryOverFunds: money("carry_over_funds"),
    otherFunds: money("other_funds"),
    purpose: text("purpose"),
    annualGoal: text("annual_goal"),
    midTermGoal: text("mid_term_goal"),
    workflowState: workflowState(),
    /** Goal revision: an adjustment after approval makes a new revision; the approved one stays frozen. */
    revision: integer("revision").notNull().default(1),
    /** The approved revision this one adjusts (预算调整); that one stays frozen. */
    supersedesId: uuid("supersedes_id").references((): AnyPgColumn => projects.id, { onDelete: "restrict" }),
    createdBy: uuid("created_by"),
    submittedBy: uuid("submitted_by"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("projects_org_year_idx").on(t.orgId, t.year),
    index("projects_name_idx").on(t.name),
    // The list's page by year and state in order of annual funds (largest first), read in index order and stopped
    // at the page; org_id last (after the unique id it orders nothing) so that the subtree filter reads no table row.
    index("projects_year_state_funds_idx").on(t.year, t.workflowState, t.annualFunds.desc().nullsLast(), t.id, t.orgId),
    uniqueIndex("projects_supersedes_uq").on(t.supersedesId),
    workflowStateCheck("projects", t.workflowState),
  ],
);

export type ProjectRow = typeof projects.$inferSelect;

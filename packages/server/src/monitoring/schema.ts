/**
 * In-year monitoring (绩效运行监控, 双监控). A finance bureau (a reviewer at the top of a subtree) opens a round for a
 * year and a cut-off month (1–N月) with a deadline and its warning thresholds; every current project of the year in
 * the subtree gets a monitoring record, with one row per level-3 indicator (copied when the round opens, so that the
 * form keeps the goals it was filled against). The record goes through the two-step workflow. Execution to the
 * cut-off is not stored here: it is read from `budget_execution` (scope project, cumulative monthly rows).
 */
import { sql } from "drizzle-orm";
import { check, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import {
  createdAt,
  id,
  money,
  quantity,
  updatedAt,
  version,
  workflowState,
  workflowStateCheck,
} from "../db/columns.ts";
import { departmentGoals, indicators } from "../indicators/schema.ts";
import { organisations } from "../orgs/schema.ts";
import { projects } from "../projects/schema.ts";
import { fiscalYears } from "../years/schema.ts";

export const monitoringRounds = pgTable(
  "monitoring_rounds",
  {
    id: id(),
    /** The root of the monitored subtree (the bureau's organisation or one below it). */
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    /** 1–N月: the figures are as of the end of this month. */
    cutoffMonth: integer("cutoff_month").notNull(),
    /** The date the units must have filed by. */
    deadline: date("deadline").notNull(),
    title: text("title"),
    /** Percentage points behind time progress from which execution is yellow / red. */
    yellowBehind: numeric("yellow_behind", { precision: 6, scale: 2 }).notNull().default("10"),
    redBehind: numeric("red_behind", { precision: 6, scale: 2 }).notNull().default("20"),
    createdBy: uuid("created_by"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("monitoring_rounds_org_year_month_uq").on(t.orgId, t.year, t.cutoffMonth),
    check("monitoring_rounds_month_ck", sql`${t.cutoffMonth} BETWEEN 1 AND 12`),
    check("monitoring_rounds_thresholds_ck", sql`${t.yellowBehind} > 0 AND ${t.redBehind} >= ${t.yellowBehind}`),
  ],
);

/**
 * 项目支出绩效运行监控表: one per project and round; or 部门整体绩效运行监控表: one per department goal and round
 * (exactly one of project_id and department_goal_id).
 */
export const monitoringRecords = pgTable(
  "monitoring_records",
  {
    id: id(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => monitoringRounds.id, { onDelete: "cascade" }),
    /** The project's organisation (the unit that fills the record). */
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "cascade" }),
    /** The department goal (部门整体) the record monitors; its execution is the organisation's total rows. */
    departmentGoalId: uuid("department_goal_id").references(() => departmentGoals.id, { onDelete: "cascade" }),
    /** 全年预计执行数 as the unit expects it; NULL: the pace to the cut-off is projected. */
    projectedExecuted: money("projected_executed"),
    /** 执行偏差原因 and 纠偏措施 of the record's execution. */
    executionReason: text("execution_reason"),
    executionMeasures: text("execution_measures"),
    workflowState: workflowState(),
    submittedBy: uuid("submitted_by"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("monitoring_records_round_project_uq").on(t.roundId, t.projectId),
    uniqueIndex("monitoring_records_round_goal_uq").on(t.roundId, t.departmentGoalId),
    index("monitoring_records_org_idx").on(t.orgId),
    check("monitoring_records_owner_ck", sql`(${t.projectId} IS NULL) <> (${t.departmentGoalId} IS NULL)`),
    workflowStateCheck("monitoring_records", t.workflowState),
  ],
);

/** One level-3 indicator of a monitoring record: the goal as it stood when the round opened, and what is filled. */
export const monitoringIndicators = pgTable(
  "monitoring_indicators",
  {
    id: id(),
    recordId: uuid("record_id")
      .notNull()
      .references(() => monitoringRecords.id, { onDelete: "cascade" }),
    indicatorId: uuid("indicator_id").references(() => indicators.id, { onDelete: "set null" }),
    level1: text("level1"),
    level2: text("level2"),
    name: text("name").notNull(),
    /** 年度指标值 as written. */
    targetText: text("target_text"),
    unit: text("unit"),
    points: quantity("points"),
    /** 1–N月完成值 */
    progress: text("progress"),
    /** 全年预计完成值 */
    forecast: text("forecast"),
    /** 完成目标可能性: 确定能 / 有可能 / 完全不可能 */
    likelihood: text("likelihood"),
    /** 偏差原因: 经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他 */
    deviationCategory: text("deviation_category"),
    deviationReason: text("deviation_reason"),
    correctiveMeasures: text("corrective_measures"),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [
    index("monitoring_indicators_record_idx").on(t.recordId),
    check(
      "monitoring_indicators_likelihood_ck",
      sql`${t.likelihood} IS NULL OR ${t.likelihood} IN ('确定能', '有可能', '完全不可能')`,
    ),
    check(
      "monitoring_indicators_category_ck",
      sql`${t.deviationCategory} IS NULL OR ${t.deviationCategory} IN ('经费保障', '制度保障', '人员保障', '硬件条件保障', '其他')`,
    ),
  ],
);

/** What the bureau did about a record: a notice, a demand for 纠偏, a proposal to reduce (调减) or defer (暂缓). */
export const MONITORING_ACTIONS = ["notice", "require_correction", "propose_reduce", "propose_defer"] as const;
export type MonitoringActionKind = (typeof MONITORING_ACTIONS)[number];

export const monitoringActions = pgTable(
  "monitoring_actions",
  {
    id: id(),
    recordId: uuid("record_id")
      .notNull()
      .references(() => monitoringRecords.id, { onDelete: "cascade" }),
    /** The record's organisation (the unit addressed). */
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    kind: text("kind").$type<MonitoringActionKind>().notNull(),
    /** What the unit is told: the reason, what to do. */
    message: text("message").notNull(),
    /** 调减: the amount proposed to be cut (元). */
    amount: money("amount"),
    createdBy: uuid("created_by").notNull(),
    createdByName: text("created_by_name").notNull(),
    createdAt: createdAt(),
    /** When the unit acknowledged it (已阅), and who. */
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: uuid("acknowledged_by"),
  },
  (t) => [
    index("monitoring_actions_record_idx").on(t.recordId),
    index("monitoring_actions_org_idx").on(t.orgId),
    check(
      "monitoring_actions_kind_ck",
      sql`${t.kind} IN ('notice', 'require_correction', 'propose_reduce', 'propose_defer')`,
    ),
  ],
);

export type MonitoringActionRow = typeof monitoringActions.$inferSelect;
export type MonitoringRoundRow = typeof monitoringRounds.$inferSelect;
export type MonitoringRecordRow = typeof monitoringRecords.$inferSelect;
export type MonitoringIndicatorRow = typeof monitoringIndicators.$inferSelect;

/**
 * The indicator tree (一级 / 二级 / 三级) of a project or of a department's overall goals. Level-3 rows carry
 * the target as written (`targetText`) and as parsed by @jixiao/core (`targetParsed`, jsonb), and a weight.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, quantity, updatedAt, version, workflowState, workflowStateCheck } from "../db/columns.ts";
import { organisations } from "../orgs/schema.ts";
import { projects } from "../projects/schema.ts";
import { fiscalYears } from "../years/schema.ts";

/** 部门整体绩效目标: one per organisation, year and revision. */
export const departmentGoals = pgTable(
  "department_goals",
  {
    id: id(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    revision: integer("revision").notNull().default(1),
    annualGoal: text("annual_goal"),
    midTermGoal: text("mid_term_goal"),
    workflowState: workflowState(),
    submittedBy: uuid("submitted_by"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("department_goals_org_year_rev_uq").on(t.orgId, t.year, t.revision),
    workflowStateCheck("department_goals", t.workflowState),
  ],
);

export const indicators = pgTable(
  "indicators",
  {
    id: id(),
    /** Exactly one owner: a project or a department goal. */
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "cascade" }),
    departmentGoalId: uuid("department_goal_id").references(() => departmentGoals.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => indicators.id, { onDelete: "cascade" }),
    level: integer("level").notNull(),
    name: text("name").notNull(),
    /** 指标解释 */
    description: text("description"),
    /** 指标值 as written, e.g. `≥90百分比`, `2024年12月30日前`, `符合相关规定`. */
    targetText: text("target_text"),
    /** The target parsed by @jixiao/core (TargetValue), or NULL when not parsed yet. */
    targetParsed: jsonb("target_parsed"),
    unit: text("unit"),
    /** 指标性质 code as written (e.g. seed 003's 001–004), kept for the configurable code table. */
    natureCode: text("nature_code"),
    weight: quantity("weight"),
    isCore: boolean("is_core").notNull().default(false),
    sortOrder: integer("sort_order").notNull().default(0),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("indicators_project_idx").on(t.projectId),
    index("indicators_goal_idx").on(t.departmentGoalId),
    index("indicators_parent_idx").on(t.parentId),
    check("indicators_level_ck", sql`${t.level} BETWEEN 1 AND 3`),
    check("indicators_owner_ck", sql`(${t.projectId} IS NULL) <> (${t.departmentGoalId} IS NULL)`),
    check("indicators_weight_ck", sql`${t.weight} IS NULL OR ${t.weight} > 0`),
  ],
);

export type IndicatorRow = typeof indicators.$inferSelect;

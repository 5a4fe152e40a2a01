/**
 * Self-evaluations (单位自评, 财预〔2020〕10号) of a project or of the department as a whole: budget figures,
 * per-indicator results (actual as written + parsed, stated and computed scores side by side, override and
 * deviation reasons) and the narratives.
 */
import { sql } from "drizzle-orm";
import {
  check,
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

export const selfEvaluations = pgTable(
  "self_evaluations",
  {
    id: id(),
    kind: text("kind").notNull(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    projectId: uuid("project_id").references(() => projects.id, { onDelete: "restrict" }),
    departmentGoalId: uuid("department_goal_id").references(() => departmentGoals.id, { onDelete: "restrict" }),
    /** 年初预算数, 全年预算数 (A), 全年执行数 (B) */
    initialBudget: money("initial_budget"),
    fullYearBudget: money("full_year_budget"),
    executed: money("executed"),
    /** Points for the execution rate (10 nationally; 20 in some regions). */
    executionPoints: quantity("execution_points"),
    /** Name of the scoring scheme used (a variant is data, not code). */
    scheme: text("scheme"),
    statedTotal: quantity("stated_total"),
    computedTotal: quantity("computed_total"),
    statedGrade: text("stated_grade"),
    conclusion: text("conclusion"),
    goalsMet: text("goals_met"),
    goalsNotMet: text("goals_not_met"),
    problems: text("problems"),
    improvements: text("improvements"),
    /**
     * The one stored score (issue 12): exactly what core's `scoreEvaluation` returned for `scoreInput` under the
     * scheme `scoreSchemeId` (version `scoreSchemeVersion`; 0 for a built-in scheme), computed when the record was
     * last saved or submitted. Every view (API, dashboard, roll-ups, exports, publications) shows this result.
     */
    scoreResult: jsonb("score_result"),
    /**
     * The stored result's total and grade, kept by the database beside it (generated, never written): the roll-ups
     * read these instead of opening every result's JSON (3–4 KB each, compressed), which was most of their time.
     */
    scoreTotal: numeric("score_total").generatedAlwaysAs(sql`("score_result" ->> 'total')::numeric`),
    scoreGrade: text("score_grade").generatedAlwaysAs(sql`("score_result" ->> 'grade')`),
    scoreInput: jsonb("score_input"),
    /** What the score API says beside the result: assumptions made, problems, the item ids in result order. */
    scoreNotes: jsonb("score_notes"),
    scoreSchemeId: text("score_scheme_id"),
    scoreSchemeVersion: integer("score_scheme_version"),
    scoredAt: timestamp("scored_at", { withTimezone: true }),
    workflowState: workflowState(),
    submittedBy: uuid("submitted_by"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("self_evaluations_org_year_idx").on(t.orgId, t.year),
    /** One 部门整体 self-evaluation per organisation and year (department-once.ts claims it first, with its message). */
    uniqueIndex("self_evaluations_department_org_year_uq").on(t.orgId, t.year).where(sql`${t.kind} = 'department'`),
    check("self_evaluations_kind_ck", sql`${t.kind} IN ('project', 'department')`),
    workflowStateCheck("self_evaluations", t.workflowState),
  ],
);

export const evaluationItems = pgTable(
  "evaluation_items",
  {
    id: id(),
    evaluationId: uuid("evaluation_id")
      .notNull()
      .references(() => selfEvaluations.id, { onDelete: "cascade" }),
    indicatorId: uuid("indicator_id").references(() => indicators.id, { onDelete: "set null" }),
    /** Snapshot of the indicator as evaluated (the goal may later be adjusted). */
    level1: text("level1"),
    level2: text("level2"),
    name: text("name").notNull(),
    targetText: text("target_text"),
    actualText: text("actual_text"),
    actualParsed: jsonb("actual_parsed"),
    points: quantity("points"),
    statedScore: quantity("stated_score"),
    computedScore: quantity("computed_score"),
    overrideReason: text("override_reason"),
    deviationReason: text("deviation_reason"),
    /** 经费 / 制度 / 人员 / 硬件条件保障 / 其他 */
    deviationCause: text("deviation_cause"),
    sortOrder: integer("sort_order").notNull().default(0),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("evaluation_items_evaluation_idx").on(t.evaluationId)],
);

/**
 * A scoring scheme a finance bureau (a reviewer at the top of a tree) defines for its subtree and year: core's
 * `ScoringScheme` as data. Each change is a new version; the highest version is the one in force. Evaluations of
 * organisations under `org_id` in `year` are scored with the nearest such scheme above them.
 */
export const scoringSchemes = pgTable(
  "scoring_schemes",
  {
    id: id(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    /** The scheme's own id (`scheme.id` of the definition). */
    schemeId: text("scheme_id").notNull(),
    version: integer("version").notNull(),
    definition: jsonb("definition").notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("scoring_schemes_org_year_version_uq").on(t.orgId, t.year, t.version)],
);

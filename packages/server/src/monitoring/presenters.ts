import { z } from "@hono/zod-openapi";
import { DEVIATION_CATEGORIES, LIKELIHOODS } from "@jixiao/core";
import { WORKFLOW_STATES } from "../db/columns.ts";
import type { Assessment } from "./assess.ts";
import type { RecordWithOrg, RoundWithOrg } from "./repository.ts";
import type { MonitoringIndicatorRow } from "./schema.ts";

const LIGHTS = ["green", "yellow", "red"] as const;

export const RoundSchema = z
  .object({
    id: z.string().uuid(),
    orgId: z.string().uuid(),
    orgName: z.string(),
    year: z.number().int(),
    cutoffMonth: z.number().int().openapi({ description: "1–N月: figures as of the end of this month" }),
    deadline: z.string().openapi({ example: "2024-07-15" }),
    title: z.string().nullable(),
    yellowBehind: z.string().openapi({ description: "points behind time progress from which execution is yellow" }),
    redBehind: z.string().openapi({ description: "points behind time progress from which execution is red" }),
    timeProgress: z.string().openapi({ description: "cut-off month ÷ 12, percent with two decimals" }),
    daysLeft: z.number().int().openapi({ description: "days from today to the deadline (negative: overdue)" }),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi("MonitoringRound");
export type Round = z.infer<typeof RoundSchema>;

const trimNum = (v: string) => (v.includes(".") ? v.replace(/0+$/, "").replace(/\.$/, "") : v);

const DAY = 86_400_000;

/** Whole days from `now`'s date (UTC) to the deadline. */
export function daysLeft(deadline: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - today) / DAY);
}

export function presentRound(r: RoundWithOrg, now: Date): Round {
  return {
    id: r.id,
    orgId: r.orgId,
    orgName: r.orgName,
    year: r.year,
    cutoffMonth: r.cutoffMonth,
    deadline: r.deadline,
    title: r.title,
    yellowBehind: trimNum(r.yellowBehind),
    redBehind: trimNum(r.redBehind),
    timeProgress: ((r.cutoffMonth * 10000) / 12 / 100).toFixed(2),
    daysLeft: daysLeft(r.deadline, now),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
  };
}

const ReasonSchema = z.object({
  code: z.string(),
  light: z.enum(["yellow", "red"]),
  path: z.string(),
  zh: z.string(),
  en: z.string(),
});

export const ExecutionSchema = z.object({
  month: z.number().int().nullable().openapi({ description: "the month of the 1–N月 row read (≤ the cut-off)" }),
  sourceId: z.string().uuid().nullable().openapi({ description: "the budget_execution row read" }),
  budget: z.string().nullable(),
  executed: z.string().nullable(),
  rate: z.string().nullable().openapi({ description: "执行率 percent, two decimals" }),
  projected: z.string().nullable().openapi({ description: "全年预计执行数 (the unit's, else the pace)" }),
  projectedBasis: z.enum(["unit", "pace"]).nullable(),
});

/** The warning-list row of a record: what the bureau sorts and acts on. */
export const WarningRowSchema = z
  .object({
    id: z.string().uuid(),
    orgId: z.string().uuid(),
    orgName: z.string(),
    kind: z.enum(["project", "department"]).openapi({
      description: "project: 项目支出绩效运行监控表; department: 部门整体绩效运行监控表",
    }),
    projectId: z.string().uuid().nullable(),
    departmentGoalId: z.string().uuid().nullable(),
    projectName: z.string().openapi({ description: "the project's name, or 部门整体绩效 for a department record" }),
    workflowState: z.enum(WORKFLOW_STATES),
    version: z.number().int(),
    light: z.enum(LIGHTS),
    executionLight: z.enum(LIGHTS).nullable(),
    behind: z.string().nullable().openapi({ description: "points behind time progress (negative: ahead)" }),
    timeProgress: z.string(),
    execution: ExecutionSchema,
    reasons: z.array(ReasonSchema),
  })
  .openapi("MonitoringWarning");
export type WarningRow = z.infer<typeof WarningRowSchema>;

/** A row of the warning list: also whether it is overdue (past the deadline and not submitted). */
export const WarningItemSchema = WarningRowSchema.extend({
  overdue: z.boolean().openapi({ description: "past the round's deadline and still draft or returned" }),
  actions: z.number().int().openapi({ description: "how many notices and proposals the bureau sent about it" }),
}).openapi("MonitoringWarningItem");

export function presentWarning(r: RecordWithOrg, a: Assessment): WarningRow {
  return {
    id: r.id,
    orgId: r.orgId,
    orgName: r.orgName,
    kind: r.kind,
    projectId: r.projectId,
    departmentGoalId: r.departmentGoalId,
    projectName: r.projectName,
    workflowState: r.workflowState,
    version: r.version,
    light: a.light,
    executionLight: a.executionLight,
    behind: a.behind,
    timeProgress: a.time.percent,
    execution: a.execution,
    reasons: a.reasons,
  };
}

export const MonitoringIndicatorSchema = z
  .object({
    id: z.string().uuid(),
    indicatorId: z.string().uuid().nullable(),
    level1: z.string().nullable(),
    level2: z.string().nullable(),
    name: z.string(),
    target: z.string().nullable(),
    unit: z.string().nullable(),
    points: z.string().nullable(),
    progress: z.string().nullable(),
    forecast: z.string().nullable(),
    likelihood: z.enum(LIKELIHOODS).nullable(),
    deviationCategory: z.enum(DEVIATION_CATEGORIES).nullable(),
    deviationReason: z.string().nullable(),
    correctiveMeasures: z.string().nullable(),
    forecastMet: z.boolean().nullable().openapi({ description: "the forecast meets the target (null: cannot tell)" }),
    needsCorrection: z.boolean().openapi({ description: "a 偏差原因 and 纠偏措施 are required" }),
  })
  .openapi("MonitoringIndicator");

const ProblemSchema = z.object({ code: z.string(), path: z.string(), zh: z.string(), en: z.string() });

export const RecordSchema = WarningRowSchema.extend({
  roundId: z.string().uuid(),
  submittedBy: z.string().uuid().nullable().openapi({ description: "who submitted it (nobody reviews their own)" }),
  year: z.number().int(),
  cutoffMonth: z.number().int(),
  deadline: z.string(),
  projectedExecuted: z.string().nullable(),
  executionReason: z.string().nullable(),
  executionMeasures: z.string().nullable(),
  indicators: z.array(MonitoringIndicatorSchema),
  problems: z.array(ProblemSchema).openapi({ description: "what submission would still refuse" }),
  updatedAt: z.string(),
}).openapi("MonitoringRecord");
export type RecordView = z.infer<typeof RecordSchema>;

const trimOpt = (v: string | null) => (v === null ? null : trimNum(v));

export function presentRecord(r: RecordWithOrg, rows: readonly MonitoringIndicatorRow[], a: Assessment): RecordView {
  return {
    ...presentWarning(r, a),
    roundId: r.roundId,
    submittedBy: r.submittedBy,
    year: r.year,
    cutoffMonth: r.cutoffMonth,
    deadline: r.deadline,
    projectedExecuted: r.projectedExecuted,
    executionReason: r.executionReason,
    executionMeasures: r.executionMeasures,
    indicators: rows.map((x, i) => ({
      id: x.id,
      indicatorId: x.indicatorId,
      level1: x.level1,
      level2: x.level2,
      name: x.name,
      target: x.targetText,
      unit: x.unit,
      points: trimOpt(x.points),
      progress: x.progress,
      forecast: x.forecast,
      likelihood: x.likelihood as RecordView["indicators"][number]["likelihood"],
      deviationCategory: x.deviationCategory as RecordView["indicators"][number]["deviationCategory"],
      deviationReason: x.deviationReason,
      correctiveMeasures: x.correctiveMeasures,
      forecastMet: a.indicators[i]?.forecastMet ?? null,
      needsCorrection: a.indicators[i]?.needsCorrection ?? false,
    })),
    problems: a.problems("submit"),
    updatedAt: r.updatedAt.toISOString(),
  };
}

import { z } from "@hono/zod-openapi";
import { WORKFLOW_STATES } from "../db/columns.ts";
import { Money } from "../projects/presenters.ts";
import type { EvaluationItemRow, EvaluationListRow } from "./repository.ts";

/** Points and scores: exact decimal text, at most 4 decimals. */
export const Points = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,4})?$/, "分值须为非负数，最多四位小数 / a non-negative number with at most 4 decimals")
  .openapi({ example: "10" });

export const EvaluationItemSchema = z
  .object({
    id: z.string().uuid(),
    indicatorId: z.string().uuid().nullable(),
    level1: z.string().nullable(),
    level2: z.string().nullable(),
    name: z.string(),
    targetText: z.string().nullable(),
    actualText: z.string().nullable(),
    actualParsed: z.unknown(),
    points: z.string().nullable(),
    statedScore: z.string().nullable(),
    computedScore: z.string().nullable(),
    overrideReason: z.string().nullable(),
    deviationReason: z.string().nullable(),
    deviationCause: z.string().nullable(),
  })
  .openapi("EvaluationItem");

export const EvaluationSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(["project", "department"]),
    orgId: z.string().uuid(),
    orgName: z.string(),
    year: z.number().int(),
    projectId: z.string().uuid().nullable(),
    projectName: z.string().nullable(),
    initialBudget: Money.nullable(),
    fullYearBudget: Money.nullable(),
    executed: Money.nullable(),
    executionPoints: z.string().nullable(),
    scheme: z.string().nullable(),
    statedTotal: z.string().nullable(),
    computedTotal: z
      .string()
      .nullable()
      .openapi({ description: "The stored score's total (core's result when the record was last saved)" }),
    computedGrade: z.string().nullable().openapi({ description: "The stored score's grade" }),
    scoreScheme: z
      .object({ id: z.string(), version: z.number().int() })
      .nullable()
      .openapi({ description: "The scheme the stored score used (version 0: built into core)" }),
    scoredAt: z.string().nullable(),
    statedGrade: z.string().nullable(),
    conclusion: z.string().nullable(),
    goalsMet: z.string().nullable(),
    goalsNotMet: z.string().nullable(),
    problems: z.string().nullable(),
    improvements: z.string().nullable(),
    state: z.enum(WORKFLOW_STATES),
    submittedBy: z.string().uuid().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("SelfEvaluation");

export const EvaluationWithItemsSchema = EvaluationSchema.extend({ items: z.array(EvaluationItemSchema) }).openapi(
  "SelfEvaluationWithItems",
);

export type Evaluation = z.infer<typeof EvaluationSchema>;

/** A full row or a list row: the grade is the stored result's, as the database keeps it beside it (`score_grade`). */
export function presentEvaluation(r: EvaluationListRow): Evaluation {
  return {
    id: r.id,
    kind: r.kind as "project" | "department",
    orgId: r.orgId,
    orgName: r.orgName,
    year: r.year,
    projectId: r.projectId,
    projectName: r.projectName,
    initialBudget: r.initialBudget,
    fullYearBudget: r.fullYearBudget,
    executed: r.executed,
    executionPoints: r.executionPoints,
    scheme: r.scheme,
    statedTotal: r.statedTotal,
    computedTotal: r.computedTotal,
    computedGrade: r.scoreGrade,
    scoreScheme: r.scoreSchemeId ? { id: r.scoreSchemeId, version: r.scoreSchemeVersion ?? 0 } : null,
    scoredAt: r.scoredAt ? r.scoredAt.toISOString() : null,
    statedGrade: r.statedGrade,
    conclusion: r.conclusion,
    goalsMet: r.goalsMet,
    goalsNotMet: r.goalsNotMet,
    problems: r.problems,
    improvements: r.improvements,
    state: r.workflowState,
    submittedBy: r.submittedBy,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function presentItem(r: EvaluationItemRow): z.infer<typeof EvaluationItemSchema> {
  return {
    id: r.id,
    indicatorId: r.indicatorId,
    level1: r.level1,
    level2: r.level2,
    name: r.name,
    targetText: r.targetText,
    actualText: r.actualText,
    actualParsed: r.actualParsed ?? null,
    points: r.points,
    statedScore: r.statedScore,
    computedScore: r.computedScore,
    overrideReason: r.overrideReason,
    deviationReason: r.deviationReason,
    deviationCause: r.deviationCause,
  };
}

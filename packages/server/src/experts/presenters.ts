/** Wire shapes of the expert review and the ex-ante assessment (zod: the OpenAPI document is generated from them). */
import { z } from "@hono/zod-openapi";
import { decimal, EXANTE_CONCLUSIONS } from "@jixiao/core";
import { daysLeft } from "../monitoring/presenters.ts";
import type { AssignmentWithOrg } from "./repository.ts";
import { ASSIGNMENT_STATES, EXPERT_SUBJECTS, type ExanteAssessmentRow, REVIEW_STATES } from "./schema.ts";

const Points = z.string().openapi({ example: "20" });

export const FormSchema = z
  .object({
    name: z.string().min(1).max(200),
    sections: z
      .array(
        z.object({
          key: z.string().min(1).max(40),
          name: z.string().min(1).max(200),
          maxPoints: Points,
          guidance: z.string().max(1000).optional(),
          indicators: z
            .array(
              z.object({
                key: z.string().min(1).max(40),
                name: z.string().min(1).max(200),
                maxPoints: Points,
                guidance: z.string().max(1000).optional(),
              }),
            )
            .max(100)
            .optional(),
        }),
      )
      .min(1)
      .max(50),
  })
  .openapi("ExpertScoringForm");

export const SubjectSchema = z.enum(EXPERT_SUBJECTS).openapi({
  description:
    "project_goals: a project's goals; self_evaluation: a self-evaluation; exante: a new project's 事前绩效评估",
});

export const FormChoiceSchema = z
  .object({
    id: z.string().openapi({ description: "builtin:… or a bureau form's id" }),
    name: z.string(),
    subject: SubjectSchema,
    builtin: z.boolean(),
    fullMarks: z.string(),
    form: FormSchema,
  })
  .openapi("ExpertFormChoice");

export const ExpertAccountSchema = z
  .object({ id: z.string().uuid(), username: z.string(), displayName: z.string(), orgName: z.string() })
  .openapi("ExpertAccount");

/** What the experts read of the record: its name, figures, narrative and indicator rows. */
export const RecordContentSchema = z
  .object({
    kind: z.enum(["project", "self_evaluation"]),
    name: z.string(),
    orgName: z.string(),
    year: z.number().int(),
    fields: z.array(z.object({ label: z.string(), value: z.string() })),
    rows: z.array(
      z.object({
        level1: z.string().nullable(),
        level2: z.string().nullable(),
        name: z.string(),
        target: z.string().nullable(),
        actual: z.string().nullable(),
        points: z.string().nullable(),
        score: z.string().nullable(),
      }),
    ),
  })
  .openapi("ExpertRecordContent");
export type RecordContent = z.infer<typeof RecordContentSchema>;

const SheetCheckSchema = z.object({
  complete: z.boolean(),
  total: z.string(),
  fullMarks: z.string(),
  problems: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string() })),
});

export const ReviewSchema = z
  .object({
    id: z.string().uuid(),
    expertId: z.string().uuid(),
    expertName: z.string(),
    state: z.enum(REVIEW_STATES),
    scores: z.record(z.string(), z.string()),
    opinion: z.string().nullable(),
    submittedAt: z.string().nullable(),
    total: z.string().nullable().openapi({ description: "the sheet's total once every item is scored" }),
    version: z.number().int(),
  })
  .openapi("ExpertReview");

export const AssignmentSummarySchema = z
  .object({
    id: z.string().uuid(),
    orgId: z.string().uuid(),
    orgName: z.string(),
    year: z.number().int(),
    subject: SubjectSchema,
    entityId: z.string().uuid(),
    title: z.string(),
    formId: z.string(),
    formName: z.string(),
    deadline: z.string(),
    daysLeft: z.number().int().openapi({ description: "days to the deadline (negative: overdue)" }),
    thresholdPercent: z.string(),
    state: z.enum(ASSIGNMENT_STATES),
    experts: z.array(z.object({ id: z.string().uuid(), name: z.string(), state: z.enum(REVIEW_STATES) })),
    submitted: z.number().int(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi("ExpertAssignmentSummary");

const ComparisonSchema = z.object({
  experts: z.array(z.string()).openapi({ description: "the experts' names, in the order of each item's scores" }),
  items: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      sectionKey: z.string(),
      sectionName: z.string(),
      maxPoints: z.string(),
      scores: z.array(z.string().nullable()),
      average: z.string().nullable(),
      spread: z.string().nullable(),
      diverges: z.boolean(),
    }),
  ),
  totals: z.array(z.string().nullable()),
  averageTotal: z.string().nullable(),
  totalSpread: z.string().nullable(),
  totalDiverges: z.boolean(),
  fullMarks: z.string(),
  thresholdPercent: z.string(),
  diverging: z.array(z.string()),
});

export const AssignmentDetailSchema = AssignmentSummarySchema.extend({
  form: FormSchema,
  note: z.string().nullable(),
  reviews: z.array(ReviewSchema),
  comparison: ComparisonSchema.openapi({ description: "the submitted sheets side by side" }),
  decisionReason: z.string().nullable(),
  adoptedTotal: z.string().nullable(),
  decidedAt: z.string().nullable(),
  record: RecordContentSchema,
}).openapi("ExpertAssignment");

export const TaskSummarySchema = z
  .object({
    id: z.string().uuid().openapi({ description: "the expert's review id" }),
    assignmentId: z.string().uuid(),
    subject: SubjectSchema,
    title: z.string(),
    orgName: z.string(),
    year: z.number().int(),
    deadline: z.string(),
    daysLeft: z.number().int(),
    state: z.enum(REVIEW_STATES),
    assignmentState: z.enum(ASSIGNMENT_STATES),
    formName: z.string(),
    version: z.number().int(),
  })
  .openapi("ExpertTaskSummary");

export const TaskDetailSchema = TaskSummarySchema.extend({
  form: FormSchema,
  note: z.string().nullable(),
  scores: z.record(z.string(), z.string()),
  opinion: z.string().nullable(),
  check: SheetCheckSchema,
  record: RecordContentSchema,
}).openapi("ExpertTask");

const ConclusionSchema = z.enum(EXANTE_CONCLUSIONS);

export const ExanteSchema = z
  .object({
    projectId: z.string().uuid(),
    points: z.record(z.string(), z.string()),
    scores: z.record(z.string(), z.string()),
    thresholds: z.object({ support: z.string(), partial: z.string() }),
    total: z.string(),
    fullMarks: z.string(),
    percent: z.string(),
    derived: ConclusionSchema.openapi({ description: "the conclusion the score earns" }),
    conclusion: ConclusionSchema,
    overridden: z.boolean(),
    overrideReason: z.string().nullable(),
    opinion: z.string().nullable(),
    source: z.enum(["reviewer", "experts"]),
    assignmentId: z.string().uuid().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("ExanteAssessment");

export const ExanteViewSchema = z
  .object({
    assessment: ExanteSchema.nullable(),
    isNew: z.boolean().openapi({
      description: "a new project: not an adjustment, continuing no project of last year (carried, same code or name)",
    }),
    required: z.boolean().openapi({
      description:
        "approving the goals needs a 事前绩效评估 (the deployment requires one — JIXIAO_EXANTE_REQUIRED — and this is a new project of a unit whose last year is in Jixiao): without one the approval is refused with 409 exante_missing",
    }),
    dimensions: z.array(
      z.object({ key: z.string(), name: z.string(), en: z.string(), guidance: z.string(), defaultPoints: z.string() }),
    ),
    defaultThresholds: z.object({ support: z.string(), partial: z.string() }),
  })
  .openapi("ExanteView");

const trim = (v: string) => (v.includes(".") ? v.replace(/0+$/, "").replace(/\.$/, "") : v);

export function presentSummary(
  a: AssignmentWithOrg,
  experts: { id: string; name: string; state: (typeof REVIEW_STATES)[number] }[],
  now: Date,
): z.infer<typeof AssignmentSummarySchema> {
  return {
    id: a.id,
    orgId: a.orgId,
    orgName: a.orgName,
    year: a.year,
    subject: a.subject,
    entityId: a.entityId,
    title: a.title,
    formId: a.formId,
    formName: (a.form as { name: string }).name,
    deadline: a.deadline,
    daysLeft: daysLeft(a.deadline, now),
    thresholdPercent: trim(a.thresholdPercent),
    state: a.state,
    experts,
    submitted: experts.filter((e) => e.state === "submitted").length,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
  };
}

export function presentExante(row: ExanteAssessmentRow): z.infer<typeof ExanteSchema> {
  const derived = row.derived as z.infer<typeof ConclusionSchema>;
  const conclusion = row.conclusion as z.infer<typeof ConclusionSchema>;
  const total = row.total;
  const full = row.fullMarks;
  return {
    projectId: row.projectId,
    points: row.points as Record<string, string>,
    scores: row.scores as Record<string, string>,
    thresholds: row.thresholds as { support: string; partial: string },
    total,
    fullMarks: full,
    percent: percentText(total, full),
    derived,
    conclusion,
    overridden: derived !== conclusion,
    overrideReason: row.overrideReason,
    opinion: row.opinion,
    source: row.source as "reviewer" | "experts",
    assignmentId: row.assignmentId,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function percentText(total: string, full: string): string {
  const t = decimal.parseDecimal(total);
  const f = decimal.parseDecimal(full);
  if (!t || !f || decimal.isZero(f)) return "0.00";
  return decimal.toFixed(decimal.div(decimal.mul(t, decimal.fromInt(100)), f), 2);
}

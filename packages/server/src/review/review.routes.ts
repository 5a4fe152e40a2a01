import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../http/errors.ts";
import { DECISION_TYPES, REVIEW_TYPES } from "./review.service.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const VERDICT = z.enum(["优", "良", "中", "差"]);

export const ReviewParams = z.object({
  type: z.enum(REVIEW_TYPES).openapi({ param: { name: "type", in: "path" } }),
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
});

const FindingSchema = z
  .object({
    rule: z.string(),
    category: z.string(),
    severity: z.enum(["error", "warning", "info"]),
    message: z.string(),
    messageEn: z.string(),
    location: z.record(z.string(), z.unknown()),
    details: z.record(z.string(), z.unknown()).optional(),
    record: z
      .object({
        type: z.enum([
          "project",
          "goal",
          "evaluation",
          "indicator",
          "evaluation_item",
          "duty",
          "activity",
          "activity_indicator",
          "budget_execution",
        ]),
        id: z.string().uuid(),
        field: z.string().optional(),
      })
      .optional()
      .openapi({
        description:
          "The stored row the finding concerns (an indicator, an evaluation item, an activity indicator, a monitoring figure), or the record itself when the finding is about it as a whole (with `field`, e.g. `funds`); absent for an import's preview",
      }),
    fix: z
      .object({
        kind: z.string(),
        label: z.object({ zh: z.string(), en: z.string() }),
        scheme: z.string(),
        path: z.string(),
        points: z.array(z.string().nullable()),
        changes: z.array(
          z.object({
            index: z.number().int(),
            name: z.string(),
            from: z.string(),
            to: z.string(),
            location: z.record(z.string(), z.unknown()),
            record: z.object({ type: z.string(), id: z.string().uuid(), field: z.string().optional() }).optional(),
          }),
        ),
      })
      .optional()
      .openapi({
        description:
          "A one-click fix, when the rule gives one (scoring.points-match-scheme: the points per indicator that follow the scheme); each change names its stored row",
      }),
  })
  .openapi("ReviewFinding");

export const ReviewSchema = z
  .object({
    target: z.object({ type: z.enum(REVIEW_TYPES), id: z.string().uuid(), version: z.number().int() }),
    findings: z.array(FindingSchema),
    counts: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
    verdict: VERDICT.nullable().openapi({
      description: "优/良/中/差; null when too little of an imported document was read to judge it (未能判断)",
    }),
    verdictPoints: z.number().nullable(),
    reasons: z.array(z.object({ zh: z.string(), en: z.string() })),
    decision: z
      .object({
        verdict: VERDICT.nullable(),
        reviewerVerdict: VERDICT.nullable(),
        comment: z.string().nullable(),
        decidedBy: z.string().uuid().nullable(),
        decidedAt: z.string().nullable(),
        current: z.boolean(),
      })
      .nullable(),
  })
  .openapi("Review");

const DecisionParams = z.object({
  type: z.enum(DECISION_TYPES).openapi({ param: { name: "type", in: "path" } }),
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
});

export const runReviewRoute = createRoute({
  method: "get",
  path: "/reviews/{type}/{id}",
  tags: ["review"],
  summary:
    "自动审核 / run core's review on a stored project, department goal, self-evaluation, duty → activity table (of the duty's organisation and year) or import preview: findings (rule, severity, message, location, the stored row they point to), the verdict 优/良/中/差 and the latest reviewer decision",
  request: { params: ReviewParams },
  responses: {
    200: { description: "The review", content: json(ReviewSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const decideReviewRoute = createRoute({
  method: "post",
  path: "/reviews/{type}/{id}/decision",
  tags: ["review"],
  summary:
    "审核结论 / the reviewer's decision (approver, reviewer): accept the engine's verdict, or overrule it with a comment; audited",
  request: {
    params: DecisionParams,
    body: {
      required: true,
      content: json(
        z
          .object({ reviewerVerdict: VERDICT, comment: z.string().trim().max(2000).optional() })
          .openapi("ReviewDecisionInput"),
      ),
    },
  },
  responses: {
    200: { description: "The review with the stored decision", content: json(ReviewSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

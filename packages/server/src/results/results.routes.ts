import { createRoute, z } from "@hono/zod-openapi";
import { RESULT_ACTIONS } from "@jixiao/core/results";
import { EXPORT_FORMATS } from "@jixiao/documents";
import { officeFileResponse } from "../http/download.ts";
import { errorResponses } from "../http/errors.ts";
import { Money } from "../projects/presenters.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const Year = z.coerce.number().int().min(2000).max(2100);
const Percent = z.string().max(12).openapi({ description: "A percentage 0–100 as decimal text", example: "30" });
const Action = z.enum(RESULT_ACTIONS).openapi({
  description:
    "prioritise 优先保障 · maintain 维持 · adjust 适当调整 · rectify_or_cut 压减或整改 · cut 压减 · cancel 取消",
});
const Text = z.object({ zh: z.string(), en: z.string() });

export const ResultRulesSchema = z
  .object({
    grades: z
      .array(
        z.object({
          grade: z.string().max(20),
          action: Action,
          cutPercent: Percent.nullable(),
          rectification: z.boolean().openapi({ description: "整改 required before the funds continue" }),
        }),
      )
      .max(20),
    execution: z
      .array(
        z.object({
          below: Percent.openapi({ description: "Applies when last year's execution rate is below this %" }),
          action: Action,
          cutPercent: Percent.nullable(),
          cutUnspent: z.boolean().openapi({ description: "Cut at least the unspent share (1 − 执行率)" }),
        }),
      )
      .max(20),
  })
  .openapi("ResultRules");

const RulesView = z
  .object({
    orgId: z.string().uuid(),
    year: z.number().int(),
    source: z.enum(["own", "inherited", "default"]),
    definedAt: z.object({ orgId: z.string().uuid(), orgName: z.string() }).nullable(),
    rules: ResultRulesSchema,
    version: z.number().int().nullable().openapi({ description: "Of the organisation's own set; null when none" }),
    updatedAt: z.string().nullable(),
  })
  .openapi("ResultRulesView");

const Query = z.object({
  orgId: z.string().uuid(),
  year: Year.openapi({ description: "The budget year (next year)" }),
});

export const getRulesRoute = createRoute({
  method: "get",
  path: "/results/rules",
  tags: ["results"],
  summary:
    "结果应用规则 / the rules in force for an organisation's budget year (own, inherited or the defaults; reviewer)",
  request: { query: Query },
  responses: { 200: { description: "The rules", content: json(RulesView) }, ...errorResponses(400, 401, 403, 404) },
});

export const putRulesRoute = createRoute({
  method: "put",
  path: "/results/rules",
  tags: ["results"],
  summary: "设置结果应用规则 / set the bureau's rules for a budget year (the reviewer at the bureau; audited)",
  request: {
    body: {
      required: true,
      content: json(
        z
          .object({
            orgId: z.string().uuid(),
            year: z.number().int().min(2000).max(2100),
            rules: ResultRulesSchema,
            version: z
              .number()
              .int()
              .min(0)
              .optional()
              .openapi({ description: "The version read (0 when none was stored): a later change answers 409" }),
          })
          .openapi("PutResultRules"),
      ),
    },
  },
  responses: {
    200: { description: "The rules as stored", content: json(RulesView) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const RecommendationSchema = z
  .object({
    projectId: z.string().uuid(),
    project: z.object({
      id: z.string().uuid(),
      name: z.string(),
      orgId: z.string().uuid(),
      orgName: z.string(),
      workflowState: z.string(),
    }),
    status: z.enum(["recommended", "new", "not_evaluated"]),
    previous: z
      .object({
        projectId: z.string().uuid(),
        name: z.string(),
        linkedBy: z.enum(["carry_forward", "code", "name"]),
      })
      .nullable(),
    evaluation: z
      .object({
        id: z.string().uuid(),
        total: z.string().nullable(),
        grade: z.string().nullable(),
        executionRate: z.string().nullable().openapi({ description: "Percent, 2 decimals" }),
        approved: z.boolean(),
      })
      .nullable(),
    action: Action.nullable(),
    actionLabel: Text.nullable(),
    rectificationRequired: z.boolean(),
    cutPercent: z.string().nullable(),
    baseline: Money.nullable().openapi({ description: "Last year's 全年预算数 (else 年度资金), 元" }),
    ceiling: Money.nullable().openapi({ description: "baseline × (1 − cut), rounded down to the fen, 元" }),
    requested: Money.nullable(),
    reduction: Money.nullable().openapi({ description: "How much the request exceeds the ceiling, 元" }),
    reasons: z.array(
      z.object({
        rule: z.enum(["grade", "execution", "new", "not_evaluated", "no_rule", "not_approved"]),
        zh: z.string(),
        en: z.string(),
      }),
    ),
    rulesFrom: z.object({ orgId: z.string().uuid(), orgName: z.string() }).nullable(),
  })
  .openapi("BudgetRecommendation");

export const recommendationsRoute = createRoute({
  method: "get",
  path: "/results/recommendations",
  tags: ["results"],
  summary:
    "结果应用建议 / each project of the budget year in the subtree with its recommendation from last year's evaluation",
  request: { query: Query.extend({ projectId: z.string().uuid().optional() }) },
  responses: {
    200: {
      description: "One per current project of the year",
      content: json(
        z.object({
          orgId: z.string().uuid(),
          year: z.number().int(),
          fromYear: z.number().int(),
          items: z.array(RecommendationSchema),
        }),
      ),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

const Figures = z.object({
  projects: z.number().int(),
  recommended: z.number().int(),
  newProjects: z.number().int(),
  notEvaluated: z.number().int(),
  grades: z.record(z.string(), z.number().int()),
  actions: z.record(z.string(), z.number().int()),
  rectification: z.number().int(),
  requested: Money,
  affected: Money.openapi({ description: "Σ requested of the projects to cut (压减, 压减或整改, 取消), 元" }),
  prioritised: Money,
  reduction: Money.openapi({ description: "Σ of the requests above their ceiling, 元" }),
});

export const summaryRoute = createRoute({
  method: "get",
  path: "/results/summary",
  tags: ["results"],
  summary: "结果应用情况 / counts by grade and recommendation and the amounts affected, per unit and in all",
  request: { query: Query },
  responses: {
    200: {
      description: "Per unit that has projects in the year, and in all (amounts in 元)",
      content: json(
        z
          .object({
            orgId: z.string().uuid(),
            orgName: z.string(),
            year: z.number().int(),
            fromYear: z.number().int(),
            grades: z.array(z.string()),
            total: Figures,
            units: z.array(Figures.extend({ orgId: z.string().uuid(), orgName: z.string() })),
          })
          .openapi("ResultsSummary"),
      ),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const summaryExportRoute = createRoute({
  method: "get",
  path: "/results/summary/export",
  tags: ["results", "exports"],
  summary: "导出结果应用情况表 / the summary and the projects' recommendations as xlsx, docx or PDF (audited)",
  request: { query: Query.extend({ format: z.enum(EXPORT_FORMATS).default("xlsx") }) },
  responses: {
    200: officeFileResponse("The summary"),
    ...errorResponses(400, 401, 403, 404),
  },
});

const TrendPoint = z.object({
  year: z.number().int(),
  evaluations: z.number().int(),
  meanScore: z.string().nullable(),
  grades: z.record(z.string(), z.number().int()),
});

export const trendsRoute = createRoute({
  method: "get",
  path: "/rollups/trends",
  tags: ["rollups"],
  summary: "跨年度趋势 / scores, grade counts and execution rates per unit over the years",
  request: {
    query: z.object({ orgId: z.string().uuid(), from: Year, to: Year }),
  },
  responses: {
    200: {
      description:
        "Per direct child unit (and the organisation's own, when it has figures) and year; execution from the department's figures (full-year, else the latest 1–N月), else the project self-evaluations",
      content: json(
        z
          .object({
            orgId: z.string().uuid(),
            orgName: z.string(),
            from: z.number().int(),
            to: z.number().int(),
            grades: z.array(z.string()),
            years: z.array(z.number().int()),
            total: z.array(TrendPoint),
            units: z.array(
              z.object({
                orgId: z.string().uuid(),
                orgName: z.string(),
                points: z.array(
                  TrendPoint.extend({
                    executionRate: z.string().nullable(),
                    executionSource: z.enum(["department", "projects"]).nullable(),
                  }),
                ),
              }),
            ),
          })
          .openapi("Trends"),
      ),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

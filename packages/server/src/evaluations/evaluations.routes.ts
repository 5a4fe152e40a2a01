import { createRoute, z } from "@hono/zod-openapi";
import { BUILTIN_SCHEMES } from "@jixiao/core";
import { WORKFLOW_STATES } from "../db/columns.ts";
import { errorResponses } from "../http/errors.ts";
import { Money } from "../projects/presenters.ts";
import { IdParam } from "../projects/projects.routes.ts";
import { historyRoute, snapshotRoute, snapshotsRoute, workflowActionRoute } from "../workflow/routes.ts";
import { EvaluationSchema, EvaluationWithItemsSchema, Points } from "./presenters.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const text = (max: number) => z.string().trim().max(max).nullable().optional();

const Fields = z.object({
  initialBudget: Money.nullable().optional(),
  fullYearBudget: Money.nullable().optional(),
  executed: Money.nullable().optional(),
  executionPoints: Points.nullable().optional(),
  scheme: z
    .enum(Object.keys(BUILTIN_SCHEMES) as [string, ...string[]])
    .nullable()
    .optional()
    .openapi({ description: "the scoring scheme's id in @jixiao/core (national-project, department-2080)" }),
  statedTotal: Points.nullable().optional(),
  statedGrade: text(10),
  conclusion: text(10000),
  goalsMet: text(10000),
  goalsNotMet: text(10000),
  problems: text(10000),
  improvements: text(10000),
});

const ItemInput = z
  .object({
    indicatorId: z.string().uuid().nullable().optional(),
    level1: text(50),
    level2: text(50),
    name: z.string().trim().min(1).max(100),
    targetText: text(500),
    actualText: text(500),
    points: Points.nullable().optional(),
    statedScore: Points.nullable().optional(),
    overrideReason: text(2000),
    deviationReason: text(2000),
    deviationCause: z.enum(["经费", "制度", "人员", "硬件条件保障", "其他"]).nullable().optional(),
  })
  .openapi("EvaluationItemInput");

const Page = z.object({
  items: z.array(EvaluationSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  nextCursor: z.string().nullable().openapi({
    description:
      "The next page's token (keyset pagination: the same cost at any depth); null on the last page. Pass it as `cursor` with the same filter",
  }),
});

export const listEvaluationsRoute = createRoute({
  method: "get",
  path: "/evaluations",
  tags: ["evaluations"],
  summary: "自评列表 / self-evaluations in your scope",
  request: {
    query: z.object({
      orgId: z.string().uuid().optional(),
      year: z.coerce.number().int().optional(),
      kind: z.enum(["project", "department"]).optional(),
      state: z.enum(WORKFLOW_STATES).optional(),
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().max(2000).optional().openapi({
        description:
          "The page after the one that gave this token (its nextCursor), with the same filter (else 400); `page` then only numbers the answer and `total` is the count the first page gave. Without it, `page` is read with OFFSET",
      }),
    }),
  },
  responses: {
    200: { description: "A page of self-evaluations", content: json(Page) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const getEvaluationRoute = createRoute({
  method: "get",
  path: "/evaluations/{id}",
  tags: ["evaluations"],
  summary: "自评（含指标）/ one self-evaluation with its indicator rows",
  request: { params: IdParam },
  responses: {
    200: { description: "The self-evaluation", content: json(EvaluationWithItemsSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const createEvaluationRoute = createRoute({
  method: "post",
  path: "/evaluations",
  tags: ["evaluations"],
  summary:
    "新建自评（填报）/ create a project or department self-evaluation (filler); 409 when the organisation has its department self-evaluation of the year",
  request: {
    body: {
      required: true,
      content: json(
        Fields.extend({
          kind: z.enum(["project", "department"]),
          orgId: z.string().uuid(),
          year: z.number().int().min(2000).max(2100),
          projectId: z.string().uuid().nullable().optional(),
        }).openapi("CreateSelfEvaluation"),
      ),
    },
  },
  responses: {
    201: { description: "Created", content: json(EvaluationSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const startDepartmentEvaluationRoute = createRoute({
  method: "post",
  path: "/evaluations/department",
  tags: ["evaluations"],
  summary:
    "开始部门整体自评（填报）/ start the organisation's department self-evaluation of the year from its department goal's indicators; 409 when it has one",
  request: {
    body: {
      required: true,
      content: json(
        z
          .object({ orgId: z.string().uuid(), year: z.number().int().min(2000).max(2100) })
          .openapi("StartDepartmentSelfEvaluation"),
      ),
    },
  },
  responses: {
    201: { description: "Started, with its rows", content: json(EvaluationWithItemsSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const updateEvaluationRoute = createRoute({
  method: "patch",
  path: "/evaluations/{id}",
  tags: ["evaluations"],
  summary: "修改自评（草稿或已退回）/ update figures and narratives; 409 with the current record when stale",
  request: {
    params: IdParam,
    body: {
      required: true,
      content: json(Fields.extend({ version: z.number().int() }).openapi("UpdateSelfEvaluation")),
    },
  },
  responses: {
    200: { description: "Updated", content: json(EvaluationSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const replaceItemsRoute = createRoute({
  method: "put",
  path: "/evaluations/{id}/items",
  tags: ["evaluations"],
  summary: "保存自评指标表 / replace the indicator rows as a whole (bumps the evaluation's version)",
  request: {
    params: IdParam,
    body: {
      required: true,
      content: json(z.object({ version: z.number().int(), items: z.array(ItemInput).max(500) })),
    },
  },
  responses: {
    200: { description: "Saved", content: json(EvaluationWithItemsSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const deleteEvaluationRoute = createRoute({
  method: "delete",
  path: "/evaluations/{id}",
  tags: ["evaluations"],
  summary: "删除自评（草稿或已退回）/ delete a draft or returned self-evaluation",
  request: { params: IdParam, query: z.object({ version: z.coerce.number().int() }) },
  responses: {
    204: { description: "Deleted" },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const submitEvaluationRoute = workflowActionRoute(
  "evaluations",
  "submit",
  EvaluationSchema,
  "提交自评 / submit (filler): → submitted (待单位审核)",
);
export const unitApproveEvaluationRoute = workflowActionRoute(
  "evaluations",
  "unit_approve",
  EvaluationSchema,
  "自评单位审核通过 / unit-approve a submitted self-evaluation (unit approver; not your own submission)",
);
export const approveEvaluationRoute = workflowActionRoute(
  "evaluations",
  "approve",
  EvaluationSchema,
  "自评审核通过 / approve a unit-approved self-evaluation (reviewer; not your own submission nor your unit approval)",
);
export const returnEvaluationRoute = workflowActionRoute(
  "evaluations",
  "return",
  EvaluationSchema,
  "退回自评 / return with a comment: a submitted one by the unit approver, a unit-approved one by the reviewer",
);
export const evaluationHistoryRoute = historyRoute(
  "evaluations",
  "流转记录 / the self-evaluation's workflow history, with names",
);
export const evaluationSnapshotsRoute = snapshotsRoute(
  "evaluations",
  "版本快照 / the self-evaluation's versions as submitted and approved",
);
export const evaluationSnapshotRoute = snapshotRoute(
  "evaluations",
  "版本快照 / one version of the self-evaluation with its items, to compare versions",
);

export const EvaluationScoresSchema = z
  .object({
    computable: z.boolean(),
    result: z.unknown().nullable().openapi({
      description:
        "core's ScoreResult: per indicator the suggested score beside the stated one (difference, basis, formula), the groups' sums, the execution score, total and grade beside the stated total and grade, the differences",
    }),
    assumptions: z.array(z.object({ zh: z.string(), en: z.string() })),
    problems: z.array(z.object({ message: z.string(), messageEn: z.string(), path: z.string().optional() })),
    itemIds: z.array(z.string().uuid()).openapi({ description: "The stored items in the order of result.indicators" }),
    scheme: z
      .object({ id: z.string(), version: z.number().int(), orgId: z.string().uuid().nullable() })
      .nullable()
      .openapi({
        description: "The scheme used: built into core (version 0, orgId null) or a finance bureau's for its subtree",
      }),
    input: z.unknown().nullable().openapi({
      description:
        "The input given to scoreEvaluation (docs/score-input.md): `jixiao score` on it gives the same result",
    }),
    scoredAt: z
      .string()
      .nullable()
      .openapi({ description: "When the stored result was computed (null: never stored, computed for this answer)" }),
  })
  .openapi("EvaluationScores");

export const evaluationScoresRoute = createRoute({
  method: "get",
  path: "/evaluations/{id}/scores",
  tags: ["evaluations"],
  summary:
    "自评计分 / the stored score: core's result as computed when the record was last saved or submitted (per item, groups, total, grade beside the stated ones), its input and scheme",
  request: { params: IdParam },
  responses: {
    200: { description: "The scores", content: json(EvaluationScoresSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

// ---- Scoring schemes of a finance bureau for its subtree and year ---------------------------------------------

const SchemeViewSchema = z
  .object({
    id: z.string().uuid(),
    orgId: z.string().uuid(),
    orgName: z.string(),
    year: z.number().int(),
    schemeId: z.string(),
    version: z.number().int(),
    definition: z.unknown().openapi({ description: "core's scheme object (docs/score-input.md § scheme)" }),
    createdAt: z.string(),
  })
  .openapi("ScoringSchemeDefinition");

export const defineSchemeRoute = createRoute({
  method: "post",
  path: "/scoring-schemes",
  tags: ["evaluations"],
  summary:
    "定义评分方案（财政/主管审核）/ a reviewer at the top of a tree defines the scoring scheme of its subtree and year (a new version each time, validated by core, audited)",
  request: {
    body: {
      required: true,
      content: json(
        z
          .object({
            orgId: z.string().uuid(),
            year: z.number().int().min(2000).max(2100),
            definition: z.record(z.string(), z.unknown()).openapi({
              description:
                "A scheme object as the score input takes it: id, name, extends, execution, groups, whenMissing, qualitative, rounding, grades…",
              example: {
                id: "sichuan-2024",
                name: "四川（权重90 + 执行率10）",
                extends: "national-project",
                execution: { points: 10 },
                groups: [
                  { level1: "output", points: 50 },
                  { level1: "effect", points: 30 },
                  { level1: "satisfaction", points: 10 },
                ],
              },
            }),
          })
          .openapi("DefineScoringScheme"),
      ),
    },
  },
  responses: {
    201: { description: "Defined (a new version)", content: json(SchemeViewSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const listSchemesRoute = createRoute({
  method: "get",
  path: "/scoring-schemes",
  tags: ["evaluations"],
  summary: "评分方案 / the schemes defined at and above an organisation for a year; the one in force first",
  request: {
    query: z.object({ orgId: z.string().uuid(), year: z.coerce.number().int() }),
  },
  responses: {
    200: {
      description: "The schemes",
      content: json(
        z.object({
          inForce: SchemeViewSchema.nullable(),
          items: z.array(SchemeViewSchema),
          builtin: z.array(z.object({ id: z.string(), name: z.object({ zh: z.string(), en: z.string() }) })),
        }),
      ),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

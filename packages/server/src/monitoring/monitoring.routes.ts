import { createRoute, z } from "@hono/zod-openapi";
import { DEVIATION_CATEGORIES, LIKELIHOODS } from "@jixiao/core";
import { EXPORT_FORMATS } from "@jixiao/documents";
import { errorResponses } from "../http/errors.ts";
import { Money } from "../projects/presenters.ts";
import { IdParam } from "../projects/projects.routes.ts";
import { historyRoute, snapshotRoute, snapshotsRoute, workflowActionRoute } from "../workflow/routes.ts";
import { RecordSchema, RoundSchema, WarningItemSchema } from "./presenters.ts";
import { MONITORING_ACTIONS } from "./schema.ts";

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
const Points = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, "百分点，最多两位小数 / percentage points with at most 2 decimals")
  .openapi({ example: "10" });
const AREA = "monitoring/records";

export const listRoundsRoute = createRoute({
  method: "get",
  path: "/monitoring/rounds",
  tags: ["monitoring"],
  summary: "绩效运行监控轮次 / monitoring rounds you take part in (your subtree's, and those opened above it)",
  request: { query: z.object({ orgId: z.string().uuid().optional(), year: z.coerce.number().int().optional() }) },
  responses: {
    200: { description: "Rounds", content: json(z.object({ items: z.array(RoundSchema) })) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const openRoundRoute = createRoute({
  method: "post",
  path: "/monitoring/rounds",
  tags: ["monitoring"],
  summary:
    "开展绩效运行监控（审核人）/ open a round for your subtree (reviewer): a record for every current project of the year in it",
  request: {
    body: {
      required: true,
      content: json(
        z
          .object({
            orgId: z.string().uuid(),
            year: z.number().int().min(2000).max(2100),
            cutoffMonth: z.number().int().min(1).max(12).openapi({ description: "1–N月" }),
            deadline: z.string().openapi({ example: "2024-07-15" }),
            title: z.string().max(200).nullable().optional(),
            yellowBehind: Points.optional().openapi({ description: "default 10 points behind time progress" }),
            redBehind: Points.optional().openapi({ description: "default 20 points behind time progress" }),
          })
          .openapi("OpenMonitoringRound"),
      ),
    },
  },
  responses: {
    201: {
      description: "Opened",
      content: json(RoundSchema.extend({ records: z.number().int() })),
    },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const getRoundRoute = createRoute({
  method: "get",
  path: "/monitoring/rounds/{id}",
  tags: ["monitoring"],
  summary: "监控轮次 / one round",
  request: { params: IdParam },
  responses: { 200: { description: "The round", content: json(RoundSchema) }, ...errorResponses(400, 401, 403, 404) },
});

export const warningsRoute = createRoute({
  method: "get",
  path: "/monitoring/rounds/{id}/warnings",
  tags: ["monitoring"],
  summary: "预警清单 / the round's records in your scope with their traffic lights (default: worst first)",
  request: {
    params: IdParam,
    query: z.object({
      sort: z.enum(["light", "behind", "rate", "org", "project", "state"]).optional(),
      order: z.enum(["asc", "desc"]).optional(),
      light: z.string().optional().openapi({ description: "comma-separated: red,yellow,green" }),
    }),
  },
  responses: {
    200: {
      description: "The warning list",
      content: json(
        z.object({
          round: RoundSchema,
          counts: z.object({ red: z.number().int(), yellow: z.number().int(), green: z.number().int() }),
          units: z
            .array(
              z.object({
                orgId: z.string().uuid(),
                orgName: z.string(),
                light: z.enum(["green", "yellow", "red"]).openapi({ description: "the worst of its records" }),
                red: z.number().int(),
                yellow: z.number().int(),
                green: z.number().int(),
              }),
            )
            .openapi({ description: "per unit, worst first" }),
          items: z.array(WarningItemSchema),
        }),
      ),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const getRecordRoute = createRoute({
  method: "get",
  path: "/monitoring/records/{id}",
  tags: ["monitoring"],
  summary: "绩效运行监控表 / one record with its indicators, execution to the cut-off, light and open problems",
  request: { params: IdParam },
  responses: { 200: { description: "The record", content: json(RecordSchema) }, ...errorResponses(400, 401, 403, 404) },
});

const Text = z.string().max(2000).nullable().optional();

export const updateRecordRoute = createRoute({
  method: "patch",
  path: "/monitoring/records/{id}",
  tags: ["monitoring"],
  summary:
    "填报监控表（填报）/ fill a draft or returned record (filler): per indicator 1–N月完成值, 全年预计完成值, 完成目标可能性, 偏差原因, 纠偏措施",
  request: {
    params: IdParam,
    body: {
      required: true,
      content: json(
        z
          .object({
            version: z.number().int(),
            projectedExecuted: Money.nullable().optional().openapi({ description: "全年预计执行数 (元)" }),
            executionReason: Text,
            executionMeasures: Text,
            indicators: z
              .array(
                z.object({
                  id: z.string().uuid(),
                  progress: z.string().max(200).nullable().optional(),
                  forecast: z.string().max(200).nullable().optional(),
                  likelihood: z.enum(LIKELIHOODS).nullable().optional(),
                  deviationCategory: z.enum(DEVIATION_CATEGORIES).nullable().optional(),
                  deviationReason: Text,
                  correctiveMeasures: Text,
                }),
              )
              .max(500)
              .optional(),
          })
          .openapi("FillMonitoringRecord"),
      ),
    },
  },
  responses: {
    200: { description: "Updated", content: json(RecordSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const forecastRoute = createRoute({
  method: "get",
  path: "/monitoring/records/{id}/forecast",
  tags: ["monitoring"],
  summary:
    "全年预计得分 / the year-end forecast: core's scoreEvaluation on the 全年预计完成值 and the projected execution, with the reasons",
  request: { params: IdParam },
  responses: {
    200: {
      description: "The forecast",
      content: json(
        z
          .object({
            recordId: z.string().uuid(),
            projectName: z.string(),
            computable: z.boolean(),
            scheme: z.object({ id: z.string(), version: z.number().int() }),
            problems: z.array(z.object({ message: z.string(), messageEn: z.string(), path: z.string().optional() })),
            forecast: z
              .object({
                total: z.number(),
                grade: z.string().nullable(),
                executionRate: z.string().nullable(),
                executionScore: z.number().nullable(),
                reasons: z.array(
                  z.object({
                    kind: z.enum(["execution", "indicator", "group"]),
                    index: z.number().int().nullable(),
                    indicatorId: z.string().uuid().nullable(),
                    name: z.string(),
                    points: z.string(),
                    score: z.string(),
                    lost: z.string(),
                    zh: z.string(),
                    en: z.string(),
                  }),
                ),
                assumptions: z.array(
                  z.object({
                    index: z.number().int(),
                    indicatorId: z.string().uuid().nullable(),
                    zh: z.string(),
                    en: z.string(),
                  }),
                ),
                result: z.unknown().openapi({ description: "core's ScoreResult of the forecast" }),
              })
              .nullable(),
          })
          .openapi("MonitoringForecast"),
      ),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const submitRecordRoute = workflowActionRoute(
  AREA,
  "submit",
  RecordSchema,
  "提交监控表 / submit (filler); 422 with every field still missing",
);
export const unitApproveRecordRoute = workflowActionRoute(
  AREA,
  "unit_approve",
  RecordSchema,
  "单位审核通过 / unit-approve a submitted record (unit approver)",
);
export const approveRecordRoute = workflowActionRoute(
  AREA,
  "approve",
  RecordSchema,
  "审核通过 / approve a unit-approved record (reviewer)",
);
export const returnRecordRoute = workflowActionRoute(
  AREA,
  "return",
  RecordSchema,
  "退回 / return with a comment (e.g. 要求纠偏): a submitted record by the unit approver, a unit-approved one by the reviewer",
);
export const recordHistoryRoute = historyRoute(AREA, "流转记录 / the record's workflow history");
export const recordSnapshotsRoute = snapshotsRoute(AREA, "版本快照 / the record as submitted and approved");
export const recordSnapshotRoute = snapshotRoute(AREA, "版本快照 / one version of the record");

// ---- Records added after the round opened ------------------------------------------------------------------

export const syncRoundRoute = createRoute({
  method: "post",
  path: "/monitoring/rounds/{id}/sync",
  tags: ["monitoring"],
  summary:
    "补充监控表（审核人）/ add the records the round lacks: projects and department goals of the subtree entered or adjusted after it opened",
  request: { params: IdParam },
  responses: {
    200: {
      description: "How many records were added",
      content: json(z.object({ added: z.number().int(), projects: z.number().int(), departments: z.number().int() })),
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

// ---- The form out --------------------------------------------------------------------------------------------

const FileContent = {
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    schema: z.string().openapi({ format: "binary" }),
  },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    schema: z.string().openapi({ format: "binary" }),
  },
  "application/pdf": { schema: z.string().openapi({ format: "binary" }) },
};
const FormatQuery = z.object({ format: z.enum(EXPORT_FORMATS).default("xlsx") });

export const exportRecordRoute = createRoute({
  method: "get",
  path: "/monitoring/records/{id}/export",
  tags: ["monitoring", "exports"],
  summary:
    "导出绩效运行监控表 / the record as the official 项目支出（部门整体）绩效运行监控表 in xlsx, docx or PDF (audited)",
  request: { params: IdParam, query: FormatQuery },
  responses: {
    200: { description: "The file", content: FileContent },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const exportRoundRoute = createRoute({
  method: "get",
  path: "/monitoring/rounds/{id}/export",
  tags: ["monitoring", "exports"],
  summary:
    "批量导出监控表 / the round's records in your scope as one zip (a folder per unit, 清单.txt), in xlsx, docx or PDF (audited)",
  request: { params: IdParam, query: FormatQuery },
  responses: {
    200: {
      description: "The zip",
      content: { "application/zip": { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

// ---- The bureau's actions and the notification centre -----------------------------------------------------

export const ActionSchema = z
  .object({
    id: z.string().uuid(),
    recordId: z.string().uuid(),
    orgId: z.string().uuid(),
    kind: z.enum(MONITORING_ACTIONS),
    kindName: z.string(),
    kindNameEn: z.string(),
    message: z.string(),
    amount: z.string().nullable().openapi({ description: "调减 amount in 元 (propose_reduce only)" }),
    createdBy: z.string().uuid(),
    createdByName: z.string(),
    createdAt: z.string(),
    acknowledgedAt: z.string().nullable().openapi({ description: "when the unit marked it read (已阅)" }),
  })
  .openapi("MonitoringAction");

export const listActionsRoute = createRoute({
  method: "get",
  path: "/monitoring/records/{id}/actions",
  tags: ["monitoring"],
  summary: "财政处理意见 / the bureau's notices and proposals on the record, newest first (the unit sees them)",
  request: { params: IdParam },
  responses: {
    200: { description: "The actions", content: json(z.object({ items: z.array(ActionSchema) })) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const sendActionRoute = createRoute({
  method: "post",
  path: "/monitoring/records/{id}/actions",
  tags: ["monitoring"],
  summary:
    "处理预警（审核人）/ act on a warning: notice (提醒), require_correction (要求纠偏), propose_reduce (建议调减, with the amount) or propose_defer (建议暂缓), with the reason; audited, shown to the unit",
  request: {
    params: IdParam,
    body: {
      required: true,
      content: json(
        z
          .object({
            kind: z.enum(MONITORING_ACTIONS),
            message: z.string().min(1).max(2000),
            amount: Money.nullable().optional().openapi({ description: "元; required for propose_reduce only" }),
          })
          .openapi("SendMonitoringAction"),
      ),
    },
  },
  responses: {
    201: { description: "Sent", content: json(ActionSchema) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export const acknowledgeActionRoute = createRoute({
  method: "post",
  path: "/monitoring/actions/{id}/acknowledge",
  tags: ["monitoring"],
  summary: "已阅（填报）/ the unit marks the bureau's action read (filler of the record's organisation), once",
  request: { params: IdParam },
  responses: {
    200: { description: "Acknowledged", content: json(ActionSchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const notificationsRoute = createRoute({
  method: "get",
  path: "/monitoring/notifications",
  tags: ["monitoring"],
  summary:
    "通知中心 / your notifications: the bureau's actions on records you read, and the monitoring records you must file with the days left (overdue, due within 7 days)",
  responses: {
    200: {
      description: "Notifications",
      content: json(
        z
          .object({
            unread: z.number().int(),
            overdue: z.number().int(),
            dueSoon: z.number().int(),
            notices: z.array(
              ActionSchema.extend({
                roundId: z.string().uuid(),
                orgName: z.string(),
                projectName: z.string(),
                year: z.number().int(),
                cutoffMonth: z.number().int(),
              }),
            ),
            reminders: z.array(
              z.object({
                recordId: z.string().uuid(),
                roundId: z.string().uuid(),
                orgName: z.string(),
                projectName: z.string(),
                year: z.number().int(),
                cutoffMonth: z.number().int(),
                deadline: z.string(),
                workflowState: z.string(),
                daysLeft: z.number().int(),
                overdue: z.boolean(),
                dueSoon: z.boolean(),
                zh: z.string(),
                en: z.string(),
              }),
            ),
          })
          .openapi("MonitoringNotifications"),
      ),
    },
    ...errorResponses(401, 403),
  },
});

/** What the API says of a rectification item: never the raw row; state and source also in words; overdue computed. */
import { z } from "@hono/zod-openapi";
import {
  daysOverdue,
  isAnswerable,
  RECTIFICATION_SOURCE_NAMES,
  RECTIFICATION_SOURCES,
  RECTIFICATION_STATE_NAMES,
  RECTIFICATION_STATES,
  type RectificationSource,
  type RectificationState,
  SHORTFALL_KINDS,
} from "@jixiao/core";
import type { AttachmentMeta, ItemWithOrg } from "./repository.ts";
import type { RectificationStepRow } from "./schema.ts";

export const SOURCE_TYPES = ["project", "department_goal", "self_evaluation", "monitoring_record"] as const;

export const AttachmentSchema = z
  .object({
    id: z.string().uuid(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    uploadedAt: z.string(),
  })
  .openapi("RectificationAttachment");

export const StepSchema = z
  .object({
    action: z.string().openapi({ description: "create / answer / submit / accept / return / attach / detach" }),
    fromState: z.enum(RECTIFICATION_STATES).nullable(),
    toState: z.enum(RECTIFICATION_STATES),
    comment: z.string().nullable(),
    actorName: z.string().nullable(),
    at: z.string(),
  })
  .openapi("RectificationStep");

export const ItemSchema = z
  .object({
    id: z.string().uuid(),
    orgId: z.string().uuid(),
    orgName: z.string(),
    year: z.number().int(),
    source: z.object({
      kind: z.enum(RECTIFICATION_SOURCES),
      name: z.string().openapi({ description: "审核发现 / 评价结果 / 监控预警 / 专家意见" }),
      entityType: z.enum(SOURCE_TYPES).nullable(),
      entityId: z.string().uuid().nullable(),
      ref: z.string().nullable(),
      shortfall: z.enum(SHORTFALL_KINDS).nullable(),
    }),
    problem: z.string(),
    requiredMeasures: z.string(),
    deadline: z.string().openapi({ example: "2025-06-30" }),
    state: z.enum(RECTIFICATION_STATES),
    stateName: z.string().openapi({ description: "待整改 / 整改中 / 已提交 / 已验收 / 退回" }),
    overdue: z.boolean().openapi({ description: "past the deadline and not accepted" }),
    daysOverdue: z.number().int(),
    answerable: z.boolean().openapi({ description: "the unit may still change its answer and evidence" }),
    measuresTaken: z.string().nullable(),
    answeredAt: z.string().nullable(),
    submittedAt: z.string().nullable(),
    reviewComment: z.string().nullable(),
    decidedAt: z.string().nullable(),
    attachments: z.number().int().openapi({ description: "how many evidence files" }),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("RectificationItem");

export const ItemDetailSchema = ItemSchema.extend({
  attachmentList: z.array(AttachmentSchema),
  steps: z.array(StepSchema),
}).openapi("RectificationItemDetail");

export type ItemView = z.infer<typeof ItemSchema>;

/** Today as YYYY-MM-DD (UTC, as the monitoring deadlines). */
export const todayOf = (now: Date) => now.toISOString().slice(0, 10);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentItem(r: ItemWithOrg, now: Date, attachments = 0): ItemView {
  const state = r.state as RectificationState;
  const kind = r.sourceKind as RectificationSource;
  const late = daysOverdue({ state, deadline: r.deadline }, todayOf(now));
  return {
    id: r.id,
    orgId: r.orgId,
    orgName: r.orgName,
    year: r.year,
    source: {
      kind,
      name: RECTIFICATION_SOURCE_NAMES[kind].zh,
      entityType: (r.sourceEntityType as (typeof SOURCE_TYPES)[number] | null) ?? null,
      entityId: r.sourceEntityId,
      ref: r.sourceRef,
      shortfall: (r.shortfall as (typeof SHORTFALL_KINDS)[number] | null) ?? null,
    },
    problem: r.problem,
    requiredMeasures: r.requiredMeasures,
    deadline: r.deadline,
    state,
    stateName: RECTIFICATION_STATE_NAMES[state].zh,
    overdue: late > 0,
    daysOverdue: late,
    answerable: isAnswerable(state),
    measuresTaken: r.measuresTaken,
    answeredAt: iso(r.answeredAt),
    submittedAt: iso(r.submittedAt),
    reviewComment: r.reviewComment,
    decidedAt: iso(r.decidedAt),
    attachments,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function presentAttachment(a: AttachmentMeta) {
  return {
    id: a.id,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    sha256: a.sha256,
    uploadedAt: a.createdAt.toISOString(),
  };
}

export function presentStep(s: RectificationStepRow) {
  return {
    action: s.action,
    fromState: (s.fromState as RectificationState | null) ?? null,
    toState: s.toState as RectificationState,
    comment: s.comment,
    actorName: s.actorName,
    at: s.at.toISOString(),
  };
}

import { API_BASE, api, uploadRaw } from "../../api/client.ts";

export const STATES = ["pending", "in_progress", "submitted", "accepted", "returned"] as const;
export type RectState = (typeof STATES)[number];
export const SOURCES = ["review_finding", "evaluation", "monitoring_warning", "expert_opinion"] as const;
export type RectSource = (typeof SOURCES)[number];

export const STATE_TEXT: Record<RectState, [string, string, string]> = {
  pending: ["待整改", "To rectify", "default"],
  in_progress: ["整改中", "In progress", "processing"],
  submitted: ["已提交", "Submitted", "blue"],
  accepted: ["已验收", "Accepted", "success"],
  returned: ["退回", "Returned", "warning"],
};
export const SOURCE_TEXT: Record<RectSource, [string, string]> = {
  review_finding: ["审核发现", "Review finding"],
  evaluation: ["评价结果", "Evaluation shortfall"],
  monitoring_warning: ["监控预警", "Monitoring warning"],
  expert_opinion: ["专家意见", "Expert opinion"],
};

/** A rectification item as GET /rectification/items gives it. */
export interface RectItem {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  source: {
    kind: RectSource;
    name: string;
    entityType: string | null;
    entityId: string | null;
    ref: string | null;
    shortfall: string | null;
  };
  problem: string;
  requiredMeasures: string;
  deadline: string;
  state: RectState;
  stateName: string;
  overdue: boolean;
  daysOverdue: number;
  answerable: boolean;
  measuresTaken: string | null;
  answeredAt: string | null;
  submittedAt: string | null;
  reviewComment: string | null;
  decidedAt: string | null;
  attachments: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface Step {
  action: string;
  fromState: RectState | null;
  toState: RectState;
  comment: string | null;
  actorName: string | null;
  at: string;
}

export type RectItemDetail = RectItem & { attachmentList: Attachment[]; steps: Step[] };

export type Counts = Record<RectState, number> & { total: number; overdue: number };

export interface Proposal {
  key: string;
  shortfall: "missed_target" | "grade" | "execution";
  problem: string;
  requiredMeasures: string;
  indicator: string | null;
  created: boolean;
}

export interface Proposals {
  evaluationId: string;
  orgName: string;
  year: number;
  title: string;
  scored: boolean;
  grade: string | null;
  total: number | null;
  executionRate: string | null;
  proposals: Proposal[];
}

/** The rectification endpoints (packages/server/src/rectification). */
export const rectificationEndpoints = {
  list: (q: { orgId?: string; year?: number; state?: string; overdue?: "true" | "false" }) =>
    api.get<{ counts: Counts; items: RectItem[] }>("/rectification/items", { query: q }),
  create: (body: {
    orgId: string;
    year?: number;
    sourceKind: RectSource;
    sourceEntityType?: string;
    sourceEntityId?: string;
    sourceRef?: string | null;
    problem: string;
    requiredMeasures: string;
    deadline: string;
  }) => api.post<RectItem>("/rectification/items", body),
  get: (id: string) => api.get<RectItemDetail>(`/rectification/items/${id}`),
  answer: (id: string, body: { version: number; measuresTaken: string | null }) =>
    api.post<RectItemDetail>(`/rectification/items/${id}/answer`, body),
  submit: (id: string, body: { version: number; measuresTaken?: string | null }) =>
    api.post<RectItemDetail>(`/rectification/items/${id}/submit`, body),
  accept: (id: string, body: { version: number; comment?: string | null }) =>
    api.post<RectItemDetail>(`/rectification/items/${id}/accept`, body),
  return: (id: string, body: { version: number; comment: string }) =>
    api.post<RectItemDetail>(`/rectification/items/${id}/return`, body),
  attach: (id: string, file: File) =>
    uploadRaw<Attachment>(`/rectification/items/${id}/attachments`, file, { fileName: file.name }),
  detach: (attachmentId: string) => api.delete<void>(`/rectification/attachments/${attachmentId}`),
  attachmentUrl: (attachmentId: string) => `${API_BASE}/rectification/attachments/${attachmentId}`,
  proposals: (evaluationId: string) => api.get<Proposals>(`/rectification/evaluations/${evaluationId}/proposals`),
  fromEvaluation: (evaluationId: string, body: { deadline: string; keys?: string[] }) =>
    api.post<{ items: RectItem[] }>(`/rectification/evaluations/${evaluationId}/items`, body),
  reportUrl: (orgId: string, year: number, format: "xlsx" | "docx" | "pdf") =>
    `${API_BASE}/rectification/report?orgId=${orgId}&year=${year}&format=${format}`,
};

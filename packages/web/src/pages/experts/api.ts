import type { ExanteConclusion, ScoringForm } from "@jixiao/core";
import { API_BASE, api } from "../../api/client.ts";

/** The expert review and 事前绩效评估 endpoints (packages/server/src/experts). */
export type Subject = "project_goals" | "self_evaluation" | "exante";
export type AssignmentState = "open" | "adopted" | "not_adopted";
export type ReviewState = "pending" | "submitted";
export type Conclusion = ExanteConclusion;

export interface FormChoice {
  id: string;
  name: string;
  subject: Subject;
  builtin: boolean;
  fullMarks: string;
  form: ScoringForm;
}

export interface ExpertAccount {
  id: string;
  username: string;
  displayName: string;
  orgName: string;
}

export interface RecordContent {
  kind: "project" | "self_evaluation";
  name: string;
  orgName: string;
  year: number;
  fields: { label: string; value: string }[];
  rows: {
    level1: string | null;
    level2: string | null;
    name: string;
    target: string | null;
    actual: string | null;
    points: string | null;
    score: string | null;
  }[];
}

export interface AssignmentSummary {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  subject: Subject;
  entityId: string;
  title: string;
  formId: string;
  formName: string;
  deadline: string;
  daysLeft: number;
  thresholdPercent: string;
  state: AssignmentState;
  experts: { id: string; name: string; state: ReviewState }[];
  submitted: number;
  version: number;
  createdAt: string;
}

export interface Review {
  id: string;
  expertId: string;
  expertName: string;
  state: ReviewState;
  scores: Record<string, string>;
  opinion: string | null;
  submittedAt: string | null;
  total: string | null;
  version: number;
}

export interface ComparedItem {
  key: string;
  name: string;
  sectionKey: string;
  sectionName: string;
  maxPoints: string;
  scores: (string | null)[];
  average: string | null;
  spread: string | null;
  diverges: boolean;
}

export interface AssignmentDetail extends AssignmentSummary {
  form: ScoringForm;
  note: string | null;
  reviews: Review[];
  comparison: {
    experts: string[];
    items: ComparedItem[];
    totals: (string | null)[];
    averageTotal: string | null;
    totalSpread: string | null;
    totalDiverges: boolean;
    fullMarks: string;
    thresholdPercent: string;
    diverging: string[];
  };
  decisionReason: string | null;
  adoptedTotal: string | null;
  decidedAt: string | null;
  record: RecordContent;
}

export interface TaskSummary {
  id: string;
  assignmentId: string;
  subject: Subject;
  title: string;
  orgName: string;
  year: number;
  deadline: string;
  daysLeft: number;
  state: ReviewState;
  assignmentState: AssignmentState;
  formName: string;
  version: number;
}

export interface TaskDetail extends TaskSummary {
  form: ScoringForm;
  note: string | null;
  scores: Record<string, string>;
  opinion: string | null;
  check: { complete: boolean; total: string; fullMarks: string; problems: { key: string; zh: string; en: string }[] };
  record: RecordContent;
}

export interface Exante {
  projectId: string;
  points: Record<string, string>;
  scores: Record<string, string>;
  thresholds: { support: string; partial: string };
  total: string;
  fullMarks: string;
  percent: string;
  derived: Conclusion;
  conclusion: Conclusion;
  overridden: boolean;
  overrideReason: string | null;
  opinion: string | null;
  source: "reviewer" | "experts";
  assignmentId: string | null;
  version: number;
  updatedAt: string;
}

export interface ExanteView {
  assessment: Exante | null;
  isNew: boolean;
  /** Approving the goals needs it (the server refuses with 409 exante_missing without one). */
  required: boolean;
  dimensions: { key: string; name: string; en: string; guidance: string; defaultPoints: string }[];
  defaultThresholds: { support: string; partial: string };
}

export const expertEndpoints = {
  forms: (orgId: string) => api.get<{ items: FormChoice[] }>("/expert-forms", { query: { orgId } }),
  experts: (orgId: string) => api.get<{ items: ExpertAccount[] }>("/experts", { query: { orgId } }),
  assignments: (q: { orgId?: string; year?: number; entityId?: string }) =>
    api.get<{ items: AssignmentSummary[] }>("/expert-assignments", { query: { ...q } }),
  assign: (body: {
    subject: Subject;
    entityId: string;
    expertIds: string[];
    formId: string;
    deadline: string;
    thresholdPercent?: string;
    note?: string | null;
  }) => api.post<AssignmentDetail>("/expert-assignments", body),
  assignment: (id: string) => api.get<AssignmentDetail>(`/expert-assignments/${id}`),
  /** 专家评审意见汇总表: the scores side by side, the averages, opinions and the decision (the reviewer's). */
  exportUrl: (id: string, format: "xlsx" | "docx" | "pdf") =>
    `${API_BASE}/expert-assignments/${id}/export?format=${format}`,
  decide: (id: string, body: { version: number; adopted: boolean; reason: string }) =>
    api.post<AssignmentDetail>(`/expert-assignments/${id}/decision`, body),
  tasks: () => api.get<{ items: TaskSummary[] }>("/expert/tasks"),
  task: (id: string) => api.get<TaskDetail>(`/expert/tasks/${id}`),
  saveTask: (id: string, body: { version: number; scores: Record<string, string>; opinion?: string | null }) =>
    api.put<TaskDetail>(`/expert/tasks/${id}`, body),
  submitTask: (id: string, body: { version: number; scores: Record<string, string>; opinion?: string | null }) =>
    api.post<TaskDetail>(`/expert/tasks/${id}/submit`, body),
  exante: (projectId: string) => api.get<ExanteView>(`/projects/${projectId}/exante`),
  /** The 事前绩效评估表 as a file (GET /projects/{id}/exante/export). */
  exanteExportUrl: (projectId: string, format: "xlsx" | "docx" | "pdf") =>
    `/api/v1/projects/${encodeURIComponent(projectId)}/exante/export?format=${format}`,
  saveExante: (
    projectId: string,
    body: {
      version?: number;
      scores: Record<string, string>;
      conclusion?: Conclusion | null;
      overrideReason?: string | null;
      opinion?: string | null;
    },
  ) => api.put<ExanteView>(`/projects/${projectId}/exante`, body),
};

export const SUBJECT_TEXT: Record<Subject, [string, string]> = {
  project_goals: ["项目绩效目标", "Project goals"],
  self_evaluation: ["绩效自评", "Self-evaluation"],
  exante: ["事前绩效评估", "Ex-ante assessment"],
};

export const STATE_TEXT: Record<AssignmentState, [string, string]> = {
  open: ["评审中", "Under review"],
  adopted: ["已采纳", "Adopted"],
  not_adopted: ["未采纳", "Not adopted"],
};

export const REVIEW_STATE_TEXT: Record<ReviewState, [string, string]> = {
  pending: ["待评分", "To score"],
  submitted: ["已提交", "Submitted"],
};

import { API_BASE, api } from "../../api/client.ts";
import type { FlowState } from "../../components/workflow/index.ts";

export type Light = "green" | "yellow" | "red";
export const LIKELIHOODS = ["确定能", "有可能", "完全不可能"] as const;
export const DEVIATION_CATEGORIES = ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"] as const;

/** A monitoring round as GET /monitoring/rounds gives it. */
export interface Round {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  cutoffMonth: number;
  deadline: string;
  title: string | null;
  yellowBehind: string;
  redBehind: string;
  timeProgress: string;
  /** Days from today to the deadline (negative: overdue). */
  daysLeft: number;
  version: number;
}

export interface Reason {
  code: string;
  light: "yellow" | "red";
  path: string;
  zh: string;
  en: string;
}

export interface Execution {
  month: number | null;
  budget: string | null;
  executed: string | null;
  rate: string | null;
  projected: string | null;
  projectedBasis: "unit" | "pace" | null;
}

export interface WarningRow {
  id: string;
  orgId: string;
  orgName: string;
  /** project: 项目支出绩效运行监控表; department: 部门整体绩效运行监控表 (projectName 部门整体绩效). */
  kind: "project" | "department";
  projectId: string | null;
  departmentGoalId: string | null;
  projectName: string;
  workflowState: FlowState;
  version: number;
  light: Light;
  executionLight: Light | null;
  behind: string | null;
  timeProgress: string;
  execution: Execution;
  reasons: Reason[];
}

/** A unit's worst light in a round and its records' count per light. */
export interface UnitLight {
  orgId: string;
  orgName: string;
  light: Light;
  red: number;
  yellow: number;
  green: number;
}

export interface MonitoringIndicator {
  id: string;
  level1: string | null;
  level2: string | null;
  name: string;
  target: string | null;
  unit: string | null;
  points: string | null;
  progress: string | null;
  forecast: string | null;
  likelihood: (typeof LIKELIHOODS)[number] | null;
  deviationCategory: (typeof DEVIATION_CATEGORIES)[number] | null;
  deviationReason: string | null;
  correctiveMeasures: string | null;
  forecastMet: boolean | null;
  needsCorrection: boolean;
}

export interface Problem {
  code: string;
  path: string;
  zh: string;
  en: string;
}

export interface MonitoringRecord extends WarningRow {
  roundId: string;
  submittedBy: string | null;
  year: number;
  cutoffMonth: number;
  deadline: string;
  projectedExecuted: string | null;
  executionReason: string | null;
  executionMeasures: string | null;
  indicators: MonitoringIndicator[];
  problems: Problem[];
}

export interface ForecastReason {
  kind: "execution" | "indicator" | "group";
  name: string;
  points: string;
  score: string;
  lost: string;
  zh: string;
  en: string;
}

export interface Forecast {
  computable: boolean;
  problems: { message: string; messageEn: string; path?: string }[];
  forecast: {
    total: number;
    grade: string | null;
    executionRate: string | null;
    reasons: ForecastReason[];
    assumptions: { zh: string; en: string }[];
  } | null;
}

export const ACTION_KINDS = ["notice", "require_correction", "propose_reduce", "propose_defer"] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export const ACTION_NAMES: Record<ActionKind, [string, string]> = {
  notice: ["提醒", "Notice"],
  require_correction: ["要求纠偏", "Require corrective action"],
  propose_reduce: ["建议调减预算", "Propose a budget reduction"],
  propose_defer: ["建议暂缓实施", "Propose deferral"],
};

/** The bureau's action on a record (notice, 要求纠偏, 建议调减 / 暂缓), as the unit sees it. */
export interface MonitoringAction {
  id: string;
  recordId: string;
  kind: ActionKind;
  kindName: string;
  kindNameEn: string;
  message: string;
  amount: string | null;
  createdByName: string;
  createdAt: string;
  acknowledgedAt: string | null;
}

export interface Notifications {
  unread: number;
  overdue: number;
  dueSoon: number;
  notices: (MonitoringAction & { orgName: string; projectName: string; year: number; cutoffMonth: number })[];
  reminders: {
    recordId: string;
    orgName: string;
    projectName: string;
    deadline: string;
    daysLeft: number;
    overdue: boolean;
    dueSoon: boolean;
    zh: string;
    en: string;
  }[];
}

export type ExportFormat = "xlsx" | "docx" | "pdf";
/** Download links (the session cookie is enough for a read). */
export const exportUrls = {
  record: (id: string, format: ExportFormat) => `${API_BASE}/monitoring/records/${id}/export?format=${format}`,
  round: (id: string, format: ExportFormat) => `${API_BASE}/monitoring/rounds/${id}/export?format=${format}`,
};

export type IndicatorFill = Pick<
  MonitoringIndicator,
  "id" | "progress" | "forecast" | "likelihood" | "deviationCategory" | "deviationReason" | "correctiveMeasures"
>;

/** The monitoring endpoints (packages/server/src/monitoring). */
export const monitoringEndpoints = {
  rounds: (orgId: string, year: number) =>
    api.get<{ items: Round[] }>("/monitoring/rounds", { query: { orgId, year } }),
  open: (body: {
    orgId: string;
    year: number;
    cutoffMonth: number;
    deadline: string;
    title?: string;
    yellowBehind?: string;
    redBehind?: string;
  }) => api.post<Round & { records: number }>("/monitoring/rounds", body),
  warnings: (roundId: string) =>
    api.get<{
      round: Round;
      counts: Record<Light, number>;
      units: UnitLight[];
      items: (WarningRow & { overdue: boolean; actions: number })[];
    }>(`/monitoring/rounds/${roundId}/warnings`),
  record: (id: string) => api.get<MonitoringRecord>(`/monitoring/records/${id}`),
  fill: (
    id: string,
    body: {
      version: number;
      projectedExecuted?: string | null;
      executionReason?: string | null;
      executionMeasures?: string | null;
      indicators?: IndicatorFill[];
    },
  ) => api.patch<MonitoringRecord>(`/monitoring/records/${id}`, body),
  forecast: (id: string) => api.get<Forecast>(`/monitoring/records/${id}/forecast`),
  sync: (roundId: string) =>
    api.post<{ added: number; projects: number; departments: number }>(`/monitoring/rounds/${roundId}/sync`, {}),
  actions: (id: string) => api.get<{ items: MonitoringAction[] }>(`/monitoring/records/${id}/actions`),
  sendAction: (id: string, body: { kind: ActionKind; message: string; amount?: string | null }) =>
    api.post<MonitoringAction>(`/monitoring/records/${id}/actions`, body),
  acknowledge: (actionId: string) => api.post<MonitoringAction>(`/monitoring/actions/${actionId}/acknowledge`, {}),
  notifications: () => api.get<Notifications>("/monitoring/notifications"),
};

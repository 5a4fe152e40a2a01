import { api } from "../../api/client.ts";
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
  projectId: string;
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
      items: (WarningRow & { overdue: boolean })[];
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
};

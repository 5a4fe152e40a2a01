import { api } from "../../api/client.ts";

/** What a rule recommends (core RESULT_ACTIONS), mildest first. */
export const ACTIONS = ["prioritise", "maintain", "adjust", "rectify_or_cut", "cut", "cancel"] as const;
export type ResultAction = (typeof ACTIONS)[number];

export const ACTION_TEXT: Record<ResultAction, [string, string, string]> = {
  prioritise: ["优先保障", "Prioritise", "green"],
  maintain: ["维持", "Maintain", "blue"],
  adjust: ["适当调整", "Adjust", "cyan"],
  rectify_or_cut: ["压减或整改", "Cut or rectify", "orange"],
  cut: ["压减", "Cut", "red"],
  cancel: ["取消", "Cancel", "magenta"],
};

export interface GradeRule {
  grade: string;
  action: ResultAction;
  cutPercent: string | null;
  rectification: boolean;
}
export interface ExecutionRule {
  below: string;
  action: ResultAction;
  cutPercent: string | null;
  cutUnspent: boolean;
}
export interface ResultRules {
  grades: GradeRule[];
  execution: ExecutionRule[];
}
export interface RulesView {
  orgId: string;
  year: number;
  source: "own" | "inherited" | "default";
  definedAt: { orgId: string; orgName: string } | null;
  rules: ResultRules;
  version: number | null;
  updatedAt: string | null;
}

export interface Recommendation {
  projectId: string;
  project: { id: string; name: string; orgId: string; orgName: string; workflowState: string };
  status: "recommended" | "new" | "not_evaluated";
  previous: { projectId: string; name: string; linkedBy: "carry_forward" | "code" | "name" } | null;
  evaluation: {
    id: string;
    total: string | null;
    grade: string | null;
    executionRate: string | null;
    approved: boolean;
  } | null;
  action: ResultAction | null;
  actionLabel: { zh: string; en: string } | null;
  rectificationRequired: boolean;
  cutPercent: string | null;
  baseline: string | null;
  ceiling: string | null;
  requested: string | null;
  reduction: string | null;
  reasons: { rule: string; zh: string; en: string }[];
  rulesFrom: { orgId: string; orgName: string } | null;
}

export interface SummaryFigures {
  projects: number;
  recommended: number;
  newProjects: number;
  notEvaluated: number;
  grades: Record<string, number>;
  actions: Record<ResultAction, number>;
  rectification: number;
  requested: string;
  affected: string;
  prioritised: string;
  reduction: string;
}
export interface Summary {
  orgId: string;
  orgName: string;
  year: number;
  fromYear: number;
  grades: string[];
  total: SummaryFigures;
  units: (SummaryFigures & { orgId: string; orgName: string })[];
}

export interface TrendPoint {
  year: number;
  evaluations: number;
  meanScore: string | null;
  grades: Record<string, number>;
}
export interface Trends {
  orgId: string;
  orgName: string;
  from: number;
  to: number;
  grades: string[];
  years: number[];
  total: TrendPoint[];
  units: {
    orgId: string;
    orgName: string;
    points: (TrendPoint & { executionRate: string | null; executionSource: "department" | "projects" | null })[];
  }[];
}

/** 结果应用 (packages/server/src/results) and the cross-year trends. */
export const resultsEndpoints = {
  rules: (orgId: string, year: number) => api.get<RulesView>("/results/rules", { query: { orgId, year } }),
  saveRules: (orgId: string, year: number, rules: ResultRules, version: number) =>
    api.put<RulesView>("/results/rules", { orgId, year, rules, version }),
  recommendations: (orgId: string, year: number, projectId?: string) =>
    api.get<{ orgId: string; year: number; fromYear: number; items: Recommendation[] }>("/results/recommendations", {
      query: { orgId, year, projectId },
    }),
  summary: (orgId: string, year: number) => api.get<Summary>("/results/summary", { query: { orgId, year } }),
  exportUrl: (orgId: string, year: number) =>
    `/api/v1/results/summary/export?orgId=${encodeURIComponent(orgId)}&year=${year}`,
  trends: (orgId: string, from: number, to: number) =>
    api.get<Trends>("/rollups/trends", { query: { orgId, from, to } }),
};

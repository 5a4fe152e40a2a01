import type { Recommendation as CoreRecommendation, ResultAction, ResultRules } from "@jixiao/core/results";
import { api } from "../../api/client.ts";

/** The rules and the recommendation are core's (packages/core/src/results): their types, not restated here. */
export type {
  ExecutionRule,
  GradeRule,
  ResultAction,
  ResultRules,
} from "@jixiao/core/results";

export interface RulesView {
  orgId: string;
  year: number;
  source: "own" | "inherited" | "default";
  definedAt: { orgId: string; orgName: string } | null;
  rules: ResultRules;
  version: number | null;
  updatedAt: string | null;
}

/** Core's recommendation of a project (figures, action, reasons) as the server computes it, with the project. */
export interface Recommendation extends CoreRecommendation {
  project: { id: string; name: string; orgId: string; orgName: string; workflowState: string };
  actionLabel: { zh: string; en: string } | null;
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
  exportUrl: (orgId: string, year: number, format: "xlsx" | "docx" | "pdf" = "xlsx") =>
    `/api/v1/results/summary/export?orgId=${encodeURIComponent(orgId)}&year=${year}&format=${format}`,
  trends: (orgId: string, from: number, to: number) =>
    api.get<Trends>("/rollups/trends", { query: { orgId, from, to } }),
};

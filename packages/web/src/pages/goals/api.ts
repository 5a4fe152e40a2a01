import { api } from "../../api/client.ts";
import type { Indicator, IndicatorFields } from "../../api/endpoints.ts";
import type { FlowState } from "../../components/workflow/index.ts";

/** 部门整体绩效目标 as GET /goals gives it. */
export interface Goal {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  revision: number;
  annualGoal: string | null;
  midTermGoal: string | null;
  state: FlowState;
  submittedBy: string | null;
  version: number;
  updatedAt: string;
}

/** The department-overall goal endpoints (packages/server/src/goals); indicators edit via /indicators/{id}. */
export const goalEndpoints = {
  list: (orgId: string, year: number) => api.get<{ items: Goal[] }>("/goals", { query: { orgId, year } }),
  get: (id: string) => api.get<Goal>(`/goals/${id}`),
  create: (body: { orgId: string; year: number; annualGoal?: string | null; midTermGoal?: string | null }) =>
    api.post<Goal>("/goals", body),
  update: (id: string, body: { version: number; annualGoal?: string | null; midTermGoal?: string | null }) =>
    api.patch<Goal>(`/goals/${id}`, body),
  indicators: (id: string) => api.get<{ items: Indicator[] }>(`/goals/${id}/indicators`),
  createIndicator: (goalId: string, body: IndicatorFields & { level: number; parentId: string | null; name: string }) =>
    api.post<Indicator>(`/goals/${goalId}/indicators`, body),
};

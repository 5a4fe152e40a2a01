import { api } from "../../api/client.ts";
import type { Duty as BaseDuty } from "../../api/endpoints.ts";

/** A duty as GET /duties gives it, with the sum of its activities and the check of its stated budget. */
export type Duty = BaseDuty & {
  activitiesBudget?: string;
  problems?: { code: string; message: string; messageEn: string }[];
};

export interface ActivityInput {
  name: string;
  budget: string | null;
  content: string | null;
  goal: string | null;
  indicators: {
    name: string;
    targetText: string | null;
    actualText: string | null;
    standards: { 优: string | null; 良: string | null; 中: string | null; 差: string | null };
  }[];
}

export interface DutyFields {
  name?: string;
  description?: string | null;
  statedBudget?: string | null;
  sortOrder?: number;
}

/** The duty endpoints (packages/server/src/duties): amounts are exact 元 decimal strings. */
export const dutyEndpoints = {
  list: (orgId: string, year: number) => api.get<{ items: Duty[] }>("/duties", { query: { orgId, year } }),
  get: (id: string) => api.get<Duty>(`/duties/${id}`),
  create: (body: DutyFields & { orgId: string; year: number; name: string }) => api.post<Duty>("/duties", body),
  update: (id: string, body: DutyFields & { version: number }) => api.patch<Duty>(`/duties/${id}`, body),
  saveActivities: (id: string, version: number, activities: ActivityInput[]) =>
    api.put<Duty>(`/duties/${id}/activities`, { version, activities }),
  remove: (id: string, version: number) => api.delete<void>(`/duties/${id}`, { query: { version } }),
  reorder: (orgId: string, year: number, items: { id: string; version: number }[]) =>
    api.post<{ items: Duty[] }>("/duties/reorder", { orgId, year, items }),
};

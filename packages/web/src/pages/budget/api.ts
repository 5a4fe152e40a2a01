import { api } from "../../api/client.ts";
import type { DepartmentBudget, WorkflowState } from "../../api/endpoints.ts";

type S = DepartmentBudget["sections"];

/** The sections as PUT /budgets/{id}/sections takes them (amounts: exact 元 decimal strings). */
export interface SectionsInput {
  income: { category: string; amount: string; priorAmount: string | null }[];
  spending: {
    kind: "basic" | "project";
    subkind: "personnel" | "public" | null;
    classCode: string | null;
    name: string;
    amount: string;
    priorAmount: string | null;
  }[];
  threePublic: {
    abroad: string;
    vehiclePurchase: string;
    vehicleOperation: string;
    reception: string;
    priorAbroad: string | null;
    priorVehiclePurchase: string | null;
    priorVehicleOperation: string | null;
    priorReception: string | null;
    statedTotal: string | null;
    changeReason: string | null;
  } | null;
  procurement: {
    catalogCode: string;
    itemName: string;
    category: "goods" | "works" | "services" | null;
    quantity: string | null;
    unit: string | null;
    unitPrice: string | null;
    amount: string;
    fundingSource: string | null;
  }[];
  assets: {
    buildings: string;
    vehicles: string;
    other: string;
    statedTotal: string | null;
    vehicleCount: number | null;
    buildingArea: string | null;
  } | null;
}

export interface BudgetHeader {
  incomeTotal: string | null;
  expenditureTotal: string | null;
  operatingFunds: string | null;
  notes: string | null;
}

/** GET /budgets: the budget with every field the server gives (procurement category, building area…). */
export type Budget = Omit<DepartmentBudget, "sections"> & {
  sections: Omit<S, "procurement" | "assets"> & {
    procurement: (S["procurement"][number] & { category?: "goods" | "works" | "services" | null })[];
    assets: (NonNullable<S["assets"]> & { buildingArea?: string | null }) | null;
  };
  state: WorkflowState;
  /** Who submitted the current round (the workflow buttons hide the review steps from them). */
  submittedBy: string | null;
};

/** The department budget endpoints (packages/server/src/budgets). */
export const budgetApi = {
  list: (orgId: string, year: number) => api.get<{ items: Budget[] }>("/budgets", { query: { orgId, year } }),
  create: (orgId: string, year: number) => api.post<Budget>("/budgets", { orgId, year }),
  update: (id: string, body: Partial<BudgetHeader> & { version: number }) => api.patch<Budget>(`/budgets/${id}`, body),
  saveSections: (id: string, version: number, sections: SectionsInput) =>
    api.put<Budget>(`/budgets/${id}/sections`, { version, ...sections }),
  /** POST /budgets/{id}/revise (预算调整): a new draft revision of the approved latest one; 409 when one is open. */
  revise: (id: string, version: number) => api.post<Budget>(`/budgets/${id}/revise`, { version }),
};

export type ExecutionScope = "total" | "basic" | "project_spending" | "project";

/** GET /execution: one row of execution figures with core's rate and problems. */
export interface Execution {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  scope: ExecutionScope;
  projectId: string | null;
  month: number | null;
  initialBudget: string | null;
  adjustment: string | null;
  determinedBudget: string | null;
  executed: string | null;
  rate: string | null;
  problems: { code: string; message: string; messageEn: string }[];
  version: number;
  updatedAt: string;
}

export interface ExecutionFigures {
  initialBudget: string | null;
  adjustment: string | null;
  determinedBudget: string | null;
  executed: string | null;
}

/** The execution endpoints (packages/server/src/budgets/execution.*): the full year is month 0 in the query. */
export const executionApi = {
  list: (orgId: string, year: number) =>
    api.get<{ items: Execution[] }>("/execution", { query: { orgId, year, month: 0 } }),
  create: (body: ExecutionFigures & { orgId: string; year: number; scope: ExecutionScope }) =>
    api.post<Execution>("/execution", body),
  update: (id: string, body: ExecutionFigures & { version: number }) => api.patch<Execution>(`/execution/${id}`, body),
};

import { api } from "../../api/client.ts";

/**
 * The workflow endpoints, the same for every reviewable record: projects, department goals (/goals) and
 * self-evaluations (/evaluations). Two review steps: the unit approver, then the reviewer of a parent
 * organisation (主管/财政).
 */

export type WorkflowArea = "projects" | "goals" | "evaluations" | "budgets" | "monitoring/records";

/** The five states; only draft and returned records are editable. */
export type FlowState = "draft" | "submitted" | "unit_approved" | "approved" | "returned";

export type FlowAction = "submit" | "unit_approve" | "approve" | "return";

/** The URL segment of an action. */
const ACTION_PATH: Record<FlowAction, string> = {
  submit: "submit",
  unit_approve: "unit-approve",
  approve: "approve",
  return: "return",
};

/** One step of a record's history. */
export interface FlowStep {
  action: FlowAction;
  from: FlowState;
  to: FlowState;
  actorId: string;
  /** The actor's display name; absent from an older server (then the id is shown). */
  actorName: string | null;
  comment: string | null;
  version: number;
  createdAt: string;
}

/** A frozen copy of the record, taken at every submission and every approval. */
export interface SnapshotInfo {
  id: string;
  version: number;
  state: FlowState;
  createdAt: string;
}

type RawStep = Partial<FlowStep> & {
  fromState?: FlowState;
  toState?: FlowState;
  entityVersion?: number;
  at?: string;
};

/** The step as the contract has it, also from a server that still names the fields fromState/toState/at. */
function normalizeStep(r: RawStep): FlowStep {
  return {
    action: r.action ?? "submit",
    from: r.from ?? r.fromState ?? "draft",
    to: r.to ?? r.toState ?? "submitted",
    actorId: r.actorId ?? "",
    actorName: r.actorName ?? null,
    comment: r.comment ?? null,
    version: r.version ?? r.entityVersion ?? 0,
    createdAt: r.createdAt ?? r.at ?? "",
  };
}

function itemsOf<T>(r: T[] | { items: T[] }): T[] {
  return Array.isArray(r) ? r : r.items;
}

export function workflowEndpoints(area: WorkflowArea) {
  return {
    act: <T>(id: string, action: FlowAction, version: number, comment?: string) =>
      api.post<T>(`/${area}/${id}/${ACTION_PATH[action]}`, { version, ...(comment ? { comment } : {}) }),
    history: async (id: string): Promise<FlowStep[]> =>
      itemsOf(await api.get<RawStep[] | { items: RawStep[] }>(`/${area}/${id}/transitions`)).map(normalizeStep),
    snapshots: async (id: string): Promise<SnapshotInfo[]> =>
      itemsOf(await api.get<SnapshotInfo[] | { items: SnapshotInfo[] }>(`/${area}/${id}/snapshots`)),
    snapshot: (id: string, snapshotId: string) =>
      api.get<SnapshotInfo & { snapshot: unknown }>(`/${area}/${id}/snapshots/${snapshotId}`),
  };
}

/** Tells the header that the to-do count may have changed. */
export function todoChanged(): void {
  window.dispatchEvent(new Event("jixiao:todo-changed"));
}

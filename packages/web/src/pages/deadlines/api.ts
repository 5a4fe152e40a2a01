import { api } from "../../api/client.ts";

export type Stage = "goals" | "monitoring" | "self_evaluation";
export type SettableStage = "goals" | "self_evaluation";

export interface DeadlineStatus {
  dueDate: string;
  /** Days from today to the deadline: 0 today, negative overdue. */
  daysLeft: number;
  overdue: boolean;
  dueSoon: boolean;
  /** 剩余N天 / 今天截止 / 已逾期N天 */
  label: string;
  labelEn: string;
}

export interface StageDeadline {
  stage: Stage;
  stageName: string;
  stageNameEn: string;
  status: DeadlineStatus | null;
  setAt: { orgId: string; orgName: string; own: boolean } | null;
  note: string | null;
  /** Still to file under the unit (draft or returned). */
  pending: number;
  round: { id: string; cutoffMonth: number; orgName: string } | null;
}

export interface StageDeadlines {
  orgId: string;
  orgName: string;
  year: number;
  today: string;
  canSet: boolean;
  items: StageDeadline[];
}

export const deadlineEndpoints = {
  list: (orgId: string, year: number) =>
    api.get<StageDeadlines>(`/deadlines?orgId=${encodeURIComponent(orgId)}&year=${year}`),
  set: (input: { orgId: string; year: number; stage: SettableStage; dueDate: string; note?: string | null }) =>
    api.put<{ items: StageDeadline[] }>("/deadlines", input),
  clear: (orgId: string, year: number, stage: SettableStage) =>
    api.delete<{ items: StageDeadline[] }>(`/deadlines?orgId=${encodeURIComponent(orgId)}&year=${year}&stage=${stage}`),
};

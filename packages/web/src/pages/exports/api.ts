import { API_BASE, api } from "../../api/client.ts";

/** The documents a batch can hold (server: packages/server/src/exports/batch.service.ts). */
export const BATCH_DOCUMENTS = [
  ["project-goals", "项目绩效目标表", "Project goal tables"],
  ["department-goals", "部门整体绩效目标表", "Department goal tables"],
  ["duty-activity-goals", "部门职责-工作活动绩效目标表", "Duty → activity goal tables"],
  ["department-self-evaluation", "部门整体绩效自评表", "Department self-evaluations"],
  ["project-self-evaluation", "项目支出绩效自评表", "Project self-evaluations"],
  ["monitoring-records", "绩效运行监控表", "Monitoring records"],
] as const;
export type BatchDocument = (typeof BATCH_DOCUMENTS)[number][0];
export type BatchFormat = "xlsx" | "docx" | "pdf";

export interface BatchError {
  organisation: string;
  document: string;
  record: string;
  format: BatchFormat;
  message: string;
  messageEn: string;
}

export interface BatchJob {
  id: string;
  state: "queued" | "running" | "completed" | "failed";
  done: number;
  total: number | null;
  message: string | null;
  result: {
    orgName: string;
    year: number;
    counts: { records: number; files: number; errors: number };
    zip: { fileName: string; size: number; sha256: string };
    files: { path: string; organisation: string; document: BatchDocument }[];
    errors: BatchError[];
  } | null;
  error: { message?: string; messageEn?: string } | null;
}

/** The batch export endpoints (POST /exports/batch, GET /exports/batch/{jobId}, …/file). */
export const batchEndpoints = {
  start: (body: { orgId: string; year: number; documents: BatchDocument[]; formats: BatchFormat[] }) =>
    api.post<{ jobId: string }>("/exports/batch", body),
  get: (jobId: string) => api.get<BatchJob>(`/exports/batch/${jobId}`),
  fileUrl: (jobId: string) => `${API_BASE}/exports/batch/${jobId}/file`,
};

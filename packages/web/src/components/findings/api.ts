/**
 * The review API (GET /reviews/{type}/{id}, POST …/decision) as the findings components use it: core's findings
 * on the stored record, each pointing to the stored row it concerns (`record`), the verdict and the decision.
 */
import { api } from "../../api/client.ts";

export type ReviewType = "project" | "goal" | "evaluation" | "import" | "duty";
/** What a reviewer's decision can be recorded on (a duty table is reviewed but takes no decision). */
export const DECISION_TYPES: readonly ReviewType[] = ["project", "goal", "evaluation", "import"];
export type Severity = "error" | "warning" | "info";
export type Verdict = "优" | "良" | "中" | "差";
export const VERDICTS: readonly Verdict[] = ["优", "良", "中", "差"];

/** The stored row a finding concerns, or the record itself (`field`: the part of it, e.g. `funds`). */
export interface RecordRef {
  type: string;
  id: string;
  field?: string;
}

export interface ReviewFinding {
  rule: string;
  category: string;
  severity: Severity;
  message: string;
  messageEn: string;
  location: Record<string, string | number>;
  details?: Record<string, string | number | boolean>;
  record?: RecordRef;
  /** A one-click fix (scoring.points-match-scheme): new points per row, each change naming its stored row. */
  fix?: {
    kind: string;
    label: { zh: string; en: string };
    changes: { index: number; name: string; from: string; to: string; record?: RecordRef }[];
  };
}

export interface ReviewDecisionView {
  /** The engine's verdict at the time; null when it could not judge. */
  verdict: Verdict | null;
  reviewerVerdict: Verdict | null;
  comment: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  /** Taken on the record's current version (false: the record changed since). */
  current: boolean;
}

export interface Review {
  target: { type: ReviewType; id: string; version: number };
  findings: ReviewFinding[];
  counts: Record<Severity, number>;
  /** Null when too little of an imported document was read (未能判断). */
  verdict: Verdict | null;
  verdictPoints: number | null;
  reasons: { zh: string; en: string }[];
  decision: ReviewDecisionView | null;
}

export const reviewEndpoints = {
  get: (type: ReviewType, id: string) => api.get<Review>(`/reviews/${type}/${id}`),
  decide: (type: ReviewType, id: string, body: { reviewerVerdict: Verdict; comment?: string }) =>
    api.post<Review>(`/reviews/${type}/${id}/decision`, body),
};

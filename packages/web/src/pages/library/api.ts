import { api } from "../../api/client.ts";

/** One suggestion of the indicator library (GET /library/suggestions). */
export interface LibrarySuggestion {
  key: string;
  name: string;
  level1?: string;
  level2?: string;
  unit?: string;
  typicalTarget?: string;
  uses: number;
  mark?: "recommended" | "not_allowed";
  match: "exact" | "prefix" | "contains" | "subsequence";
}

/** Last year's target and actual of one indicator of a carried record (GET /carry-forward). */
export interface PreviousIndicator {
  key: string;
  name: string;
  level1: string | null;
  level2: string | null;
  activity: string | null;
  previousTarget: string | null;
  previousActual: string | null;
}

export interface CarriedRecord {
  kind: "duty" | "project";
  sourceId: string;
  targetId: string;
  name: string;
  indicators: PreviousIndicator[];
}

export interface CarryForwardResult {
  fromYear: number;
  toYear: number;
  items: {
    kind: "duty" | "project";
    sourceId: string;
    name: string;
    status: "created" | "already_carried" | "same_name";
    targetId: string | null;
    indicators: number;
  }[];
  created: { duties: number; activities: number; activityIndicators: number; projects: number; indicators: number };
}

/** The indicator library (packages/server/src/library) and the carry-forward (packages/server/src/carry). */
export const libraryEndpoints = {
  suggestions: (orgId: string, q: string, signal?: AbortSignal) =>
    api.get<{ bureau: { id: string; name: string }; items: LibrarySuggestion[] }>("/library/suggestions", {
      query: { orgId, q, limit: 8 },
      ...(signal ? { signal } : {}),
    }),
  carryForward: (orgId: string, year: number) => api.post<CarryForwardResult>("/carry-forward", { orgId, year }),
  carried: (orgId: string, year: number) =>
    api.get<{ fromYear: number; toYear: number; items: CarriedRecord[] }>("/carry-forward", { query: { orgId, year } }),
};

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
  kind: "duty" | "project" | "goal";
  sourceId: string;
  targetId: string;
  name: string;
  indicators: PreviousIndicator[];
}

export interface CarryForwardResult {
  fromYear: number;
  toYear: number;
  items: {
    kind: "duty" | "project" | "goal";
    sourceId: string;
    name: string;
    status: "created" | "already_carried" | "same_name";
    targetId: string | null;
    indicators: number;
  }[];
  created: {
    duties: number;
    activities: number;
    activityIndicators: number;
    projects: number;
    goals: number;
    indicators: number;
  };
}

export type LibraryMark = "recommended" | "not_allowed";

export interface LibraryMarkView {
  id: string;
  orgId: string;
  orgName: string;
  key: string;
  name: string;
  mark: LibraryMark;
  note: string | null;
  version: number;
  updatedAt: string;
}

/** One entry of the library (GET /library/entries): every use of one normalised name. */
export interface LibraryEntry {
  key: string;
  name: string;
  names: { value: string; count: number }[];
  uses: number;
  level1: { value: string; count: number }[];
  level2: { value: string; count: number }[];
  forms: { value: string; count: number }[];
  units: { value: string; count: number }[];
  typical: { unit: string; count: number; median: string; min: string; max: string }[];
  typicalTarget: string | null;
  years: { first: number; last: number };
  mark: LibraryMarkView | null;
  usedIn: {
    kind: "project" | "goal" | "duty" | "document";
    id: string;
    name: string;
    orgName: string | null;
    year: number;
    targetText: string | null;
  }[];
  usedElsewhere: number;
}

/** The indicator library (packages/server/src/library) and the carry-forward (packages/server/src/carry). */
export const libraryEndpoints = {
  suggestions: (orgId: string, q: string, signal?: AbortSignal) =>
    api.get<{ bureau: { id: string; name: string }; items: LibrarySuggestion[] }>("/library/suggestions", {
      query: { orgId, q, limit: 8 },
      ...(signal ? { signal } : {}),
    }),
  /** The library (or the entries matching `q`) as a file (GET /library/export). */
  exportUrl: (orgId: string, q: string | undefined, format: "xlsx" | "docx" | "pdf") =>
    `/api/v1/library/export?${new URLSearchParams({ orgId, ...(q ? { q } : {}), format })}`,
  entries: (orgId: string, q: string | undefined) =>
    api.get<{ bureau: { id: string; name: string }; total: number; items: LibraryEntry[] }>("/library/entries", {
      query: { orgId, q: q || undefined, limit: 200 },
    }),
  setMark: (orgId: string, name: string, mark: LibraryMark | null) =>
    api.put<{ key: string; mark: LibraryMarkView | null }>("/library/marks", { orgId, name, mark }),
  carryForward: (orgId: string, year: number) => api.post<CarryForwardResult>("/carry-forward", { orgId, year }),
  carried: (orgId: string, year: number) =>
    api.get<{ fromYear: number; toYear: number; items: CarriedRecord[] }>("/carry-forward", { query: { orgId, year } }),
};

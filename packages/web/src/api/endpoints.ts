import { api } from "./client.ts";

/**
 * The endpoints the web app uses, typed. Where the server does not have an endpoint yet, this is the shape
 * the UI expects (listed in the report of the session that wrote it); change both sides together.
 */

export type Role = "filler" | "unit_approver" | "reviewer" | "viewer" | "sysadmin" | "secadmin" | "auditor";

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  memberships?: { role: Role; orgId: string | null }[];
  /** The initial password must be changed before anything else. */
  mustChangePassword?: boolean;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Org {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
}

export interface FiscalYear {
  year: number;
  current?: boolean;
}

/** Amounts are exact decimal text in 元 (never floats on the wire). */
export interface ExecutionRow {
  orgId: string;
  orgName: string;
  budget: string;
  spent: string;
}

export interface ExecutionRollup {
  /** ISO date the execution figures stand at. */
  asOf: string;
  items: ExecutionRow[];
}

export interface ScoreRollup {
  items: { id: string; name: string; orgName: string; total: string; grade: string }[];
}

export const endpoints = {
  /** POST /auth/login → the session (the cookie is set by the server, HTTP-only). */
  login: (username: string, password: string) =>
    api.post<Session>("/auth/login", { username, password }, { noRelogin: true }),
  /** GET /auth/session → the current session, 401 when signed out. */
  session: () => api.get<Session>("/auth/session", { noRelogin: true }),
  logout: () => api.post<void>("/auth/logout", undefined, { noRelogin: true }),
  /** POST /auth/password → 204; the server applies the password rules and ends the account's other sessions. */
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>("/auth/password", { currentPassword, newPassword }),
  /** GET /orgs → the organisations the user may see (their subtree), flat with parent ids. */
  orgs: () => api.get<{ items: Org[] }>("/orgs"),
  /** GET /years → the fiscal years. */
  years: () => api.get<{ items: FiscalYear[] }>("/years"),
  /** GET /workflow/todo/count → how many items wait for this user in the organisation and year. */
  todoCount: (orgId: string, year: number) =>
    api.get<{ count: number }>("/workflow/todo/count", { query: { orgId, year } }),
  /** GET /rollups/execution → budget execution of each unit under the organisation. */
  executionRollup: (orgId: string, year: number) =>
    api.get<ExecutionRollup>("/rollups/execution", { query: { orgId, year } }),
  /** GET /rollups/scores → self-evaluation totals and grades under the organisation. */
  scoreRollup: (orgId: string, year: number) => api.get<ScoreRollup>("/rollups/scores", { query: { orgId, year } }),
};

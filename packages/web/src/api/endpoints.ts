import type { ScoringScheme } from "@jixiao/core";
import { api, uploadRaw } from "./client.ts";

/**
 * The endpoints the web app uses, typed. Where the server does not have an endpoint yet, this is the shape
 * the UI expects (listed in the report of the session that wrote it); change both sides together.
 */

export type Role = "filler" | "unit_approver" | "reviewer" | "viewer" | "expert" | "sysadmin" | "secadmin" | "auditor";

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
  /** Whether the year holds a record of an organisation the user may read. */
  hasData?: boolean;
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
  /** `total` and `grade`: the stored score (core's result when the record was saved); `statedTotal` beside it. */
  items: { id: string; name: string; orgName: string; total: string; grade: string; statedTotal?: string | null }[];
  /** The count of all evaluations (of the grades asked for), over every page. */
  total: number;
  page: number;
  pageSize: number;
  /** The next page's token (`cursor`); null on the last page. */
  nextCursor: string | null;
}

/** Count, count per grade, exact mean and minimum (decimal text) of self-evaluation totals. */
export interface ScoreFigures {
  count: number;
  grades: Record<string, number>;
  mean: string | null;
  min: string | null;
}

export interface ScoreSummary {
  orgId: string;
  orgName: string;
  year: number;
  /** The grades, best first: min ≤ total < below. */
  grades: { grade: string; min: string; below?: string }[];
  total: ScoreFigures;
  /** Per direct child unit (its subtree); the organisation's own evaluations as a row with own: true. */
  units: (ScoreFigures & { orgId: string; orgName: string; own: boolean })[];
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
    api.get<{
      count: number;
      projects: number;
      goals: number;
      evaluations: number;
      budgets: number;
      /** 整改 items to answer or to accept, and the overdue ones among them. */
      rectification: number;
      rectificationOverdue: number;
      monitoring: number;
    }>("/workflow/todo/count", {
      query: { orgId, year },
    }),
  /** GET /rollups/execution → budget execution of each unit under the organisation. */
  executionRollup: (orgId: string, year: number) =>
    api.get<ExecutionRollup>("/rollups/execution", { query: { orgId, year } }),
  /** GET /rollups/scores, a page of the evaluations of some grades (comma-separated: 中,差). */
  scorePage: (orgId: string, year: number, q: { grade: string; page: number; pageSize: number }) =>
    api.get<ScoreRollup>("/rollups/scores", { query: { orgId, year, ...q } }),
  /** GET /rollups/scores/summary → grade counts, mean and minimum per direct child unit and in all. */
  scoreSummary: (orgId: string, year: number) =>
    api.get<ScoreSummary>("/rollups/scores/summary", { query: { orgId, year } }),
};

export type WorkflowState = "draft" | "submitted" | "unit_approved" | "approved" | "returned";

/** GET /projects/{id}: amounts in 元 as exact decimal text. */
export interface Project {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  code: string | null;
  name: string;
  implementingUnit: string | null;
  attribute: string | null;
  category: string | null;
  startDate: string | null;
  endDate: string | null;
  totalFunds: string | null;
  annualFunds: string | null;
  fiscalFunds: string | null;
  carryOverFunds: string | null;
  otherFunds: string | null;
  purpose: string | null;
  annualGoal: string | null;
  midTermGoal: string | null;
  state: WorkflowState;
  revision: number;
  /** The approved revision this one adjusts (预算调整). */
  supersedesId: string | null;
  /** The later revision that adjusts this approved one, if any. */
  supersededById: string | null;
  submittedBy: string | null;
  version: number;
  updatedAt: string;
}

/** The project's own fields as the server takes them. */
export type ProjectFieldsBody = Pick<
  Project,
  | "code"
  | "name"
  | "implementingUnit"
  | "totalFunds"
  | "annualFunds"
  | "fiscalFunds"
  | "carryOverFunds"
  | "otherFunds"
  | "purpose"
  | "annualGoal"
  | "midTermGoal"
>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type ProjectSort = "name" | "code" | "updatedAt" | "annualFunds" | "state";

export interface ProjectQuery {
  orgId?: string;
  year?: number;
  state?: WorkflowState;
  q?: string;
  sort?: string;
  order?: "asc" | "desc";
  page?: number;
  /** The keyset token of the page asked (the `nextCursor` of the page before it), instead of `page`. */
  cursor?: string;
  pageSize?: number;
}

export interface Indicator {
  id: string;
  projectId: string | null;
  parentId: string | null;
  level: 1 | 2 | 3;
  name: string;
  description: string | null;
  targetText: string | null;
  targetParsed: unknown;
  unit: string | null;
  natureCode: string | null;
  weight: string | null;
  isCore: boolean;
  sortOrder: number;
  version: number;
  updatedAt: string;
}

export interface IndicatorFields {
  name?: string;
  description?: string | null;
  targetText?: string | null;
  unit?: string | null;
  weight?: string | null;
  sortOrder?: number;
}

export interface Transition {
  fromState: WorkflowState;
  toState: WorkflowState;
  action: "submit" | "approve" | "return";
  actorId: string;
  comment: string | null;
  entityVersion: number;
  at: string;
}

export const projectEndpoints = {
  list: (q: ProjectQuery) => api.get<Page<Project> & { nextCursor: string | null }>("/projects", { query: { ...q } }),
  get: (id: string) => api.get<Project>(`/projects/${id}`),
  /** POST /projects: a draft project of an organisation and year (amounts in 元 as exact decimal text). */
  create: (body: Partial<ProjectFieldsBody> & { orgId: string; year: number; name: string }) =>
    api.post<Project>("/projects", body),
  /** PATCH /projects/{id}: the fields sent, with the version read (409 when someone saved first). */
  update: (id: string, body: Partial<ProjectFieldsBody> & { version: number }) =>
    api.patch<Project>(`/projects/${id}`, body),
  indicators: (id: string) => api.get<{ items: Indicator[] }>(`/projects/${id}/indicators`),
  createIndicator: (
    projectId: string,
    body: IndicatorFields & { level: number; parentId: string | null; name: string },
  ) => api.post<Indicator>(`/projects/${projectId}/indicators`, body),
  updateIndicator: (id: string, body: IndicatorFields & { version: number }) =>
    api.patch<Indicator>(`/indicators/${id}`, body),
  deleteIndicator: (id: string, version: number) => api.delete<void>(`/indicators/${id}`, { query: { version } }),
  transition: (id: string, action: "submit" | "approve" | "return", version: number, comment?: string) =>
    api.post<Project>(`/projects/${id}/${action}`, { version, comment }),
  history: (id: string) => api.get<{ items: Transition[] }>(`/projects/${id}/transitions`),
  /** POST /projects/{id}/revise (预算调整): a new draft revision of an approved project; 409 when one is open. */
  revise: (id: string, version: number) => api.post<Project>(`/projects/${id}/revise`, { version }),
};

export interface Account {
  id: string;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  locked: boolean;
  disabled: boolean;
  memberships: { id: string; role: Role; orgId: string | null }[];
  version: number;
}

export interface AuditEvent {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  orgId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  details: unknown;
}

export interface AuditQuery {
  action?: string;
  entityType?: string;
  entityId?: string;
  orgId?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export const adminEndpoints = {
  accounts: () => api.get<{ items: Account[] }>("/accounts"),
  createAccount: (username: string, displayName: string, initialPassword: string) =>
    api.post<Account>("/accounts", { username, displayName, initialPassword }),
  grant: (id: string, role: Role, orgId: string | null) =>
    api.post<Account>(`/accounts/${id}/memberships`, { role, orgId }),
  revoke: (id: string, membershipId: string) => api.delete<void>(`/accounts/${id}/memberships/${membershipId}`),
  unlock: (id: string) => api.post<void>(`/accounts/${id}/unlock`),
  resetPassword: (id: string, initialPassword: string) =>
    api.post<void>(`/accounts/${id}/password`, { initialPassword }),
  setDisabled: (id: string, disabled: boolean) => api.post<Account>(`/accounts/${id}/disabled`, { disabled }),
  audit: (q: AuditQuery) =>
    api.get<{ items: AuditEvent[]; page: number; pageSize: number }>("/audit", { query: { ...q } }),
};

export interface EvaluationItem {
  id: string;
  indicatorId: string | null;
  level1: string | null;
  level2: string | null;
  name: string;
  targetText: string | null;
  actualText: string | null;
  points: string | null;
  statedScore: string | null;
  computedScore: string | null;
  overrideReason: string | null;
  deviationReason: string | null;
  deviationCause: string | null;
}

export interface Evaluation {
  id: string;
  kind: "project" | "department";
  orgId: string;
  orgName: string;
  year: number;
  projectId: string | null;
  projectName: string | null;
  initialBudget: string | null;
  fullYearBudget: string | null;
  executed: string | null;
  executionPoints: string | null;
  scheme: string | null;
  statedTotal: string | null;
  /** The stored score's total and grade (core's result when the record was last saved or submitted). */
  computedTotal: string | null;
  computedGrade?: string | null;
  scoreScheme?: { id: string; version: number } | null;
  scoredAt?: string | null;
  statedGrade: string | null;
  conclusion: string | null;
  goalsMet: string | null;
  goalsNotMet: string | null;
  problems: string | null;
  improvements: string | null;
  state: WorkflowState;
  submittedBy: string | null;
  version: number;
  updatedAt: string;
}

export type EvaluationItemInput = Omit<EvaluationItem, "id" | "computedScore">;

export const evaluationEndpoints = {
  /** A project's self-evaluation; the department's (one per organisation and year) is made by startDepartment. */
  create: (body: Partial<Evaluation> & { kind: "project"; orgId: string; year: number }) =>
    api.post<Evaluation>("/evaluations", body),
  /** The organisation's 部门整体 self-evaluation of the year, its rows the year's department goal's indicators. */
  startDepartment: (body: { orgId: string; year: number }) =>
    api.post<Evaluation & { items: EvaluationItem[] }>("/evaluations/department", body),
  list: (q: { orgId?: string; year?: number; page?: number; pageSize?: number }) =>
    api.get<Page<Evaluation>>("/evaluations", { query: { ...q } }),
  get: (id: string) => api.get<Evaluation & { items: EvaluationItem[] }>(`/evaluations/${id}`),
  update: (id: string, body: Partial<Evaluation> & { version: number }) =>
    api.patch<Evaluation>(`/evaluations/${id}`, body),
  saveItems: (id: string, version: number, items: EvaluationItemInput[]) =>
    api.put<Evaluation & { items: EvaluationItem[] }>(`/evaluations/${id}/items`, { version, items }),
  /** GET /evaluations/{id}/scores → the stored score (core's result as stored, its input and scheme). */
  scores: (id: string) => api.get<StoredScores>(`/evaluations/${id}/scores`),
};

/** The stored score of a self-evaluation: core's `ScoreResult` as the server stored it. */
export interface StoredScores {
  computable: boolean;
  result: StoredResult | null;
  assumptions: { zh: string; en: string }[];
  problems: { message: string; messageEn: string; path?: string }[];
  itemIds: string[];
  scheme: { id: string; version: number; orgId: string | null } | null;
  input: unknown;
  scoredAt: string | null;
}

/** The parts of core's ScoreResult the page reads (the rest is shown as it is). */
export interface StoredResult {
  /** The scheme the server scored with, its whole definition included (a bureau's own scheme too). */
  scheme: { id: string; name: { zh: string; en: string }; definition?: ScoringScheme };
  executionRate?: string;
  executionPoints: number;
  executionScore?: number;
  indicators: { index: number; name: string; points: number; score?: number; statedScore?: number }[];
  groups: { level1: string; name: string; nameEn: string; points: number; weightSum: number; score: number }[];
  total: number;
  grade?: string;
  statedTotal?: number;
  statedGrade?: string;
  normalisation?: { lines?: { zh: string; en: string }[] };
}

/** A field a submission still needs (422 submission_incomplete, `details.fields`). */
export interface FieldProblem {
  path: string;
  field: string;
  itemId?: string;
  message: string;
  messageEn: string;
}

export interface BudgetProblem {
  code: string;
  message: string;
  messageEn: string;
  path: string;
}

export interface DepartmentBudget {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  revision: number;
  incomeTotal: string | null;
  expenditureTotal: string | null;
  operatingFunds: string | null;
  notes: string | null;
  state: WorkflowState;
  sections: {
    income: { category: string; amount: string; priorAmount?: string | null }[];
    spending: {
      kind: "basic" | "project";
      subkind?: "personnel" | "public" | null;
      classCode?: string | null;
      name: string;
      amount: string;
      priorAmount?: string | null;
    }[];
    threePublic: {
      abroad: string;
      vehiclePurchase: string;
      vehicleOperation: string;
      reception: string;
      priorAbroad?: string | null;
      priorVehiclePurchase?: string | null;
      priorVehicleOperation?: string | null;
      priorReception?: string | null;
      statedTotal?: string | null;
      changeReason?: string | null;
    } | null;
    procurement: {
      catalogCode: string;
      itemName: string;
      quantity?: string | null;
      unit?: string | null;
      unitPrice?: string | null;
      amount: string;
      fundingSource?: string | null;
    }[];
    assets: {
      buildings: string;
      vehicles: string;
      other: string;
      statedTotal?: string | null;
      vehicleCount?: number | null;
    } | null;
  };
  problems: BudgetProblem[];
  version: number;
  updatedAt: string;
}

export interface Duty {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  name: string;
  description: string | null;
  statedBudget?: string | null;
  sortOrder: number;
  activities: {
    id: string;
    name: string;
    budget?: string | null;
    content: string | null;
    goal: string | null;
    indicators: {
      id: string;
      name: string;
      targetText: string | null;
      standards: { 优: string | null; 良: string | null; 中: string | null; 差: string | null };
      /** 实际完成值 and the tier it reached by the standards, as stored when saved. */
      actualText?: string | null;
      tierReached?: "优" | "良" | "中" | "差" | null;
      problems: { code: string; severity: "error" | "warning"; message: string; messageEn: string }[];
    }[];
  }[];
  version: number;
  updatedAt: string;
}

export const budgetEndpoints = {
  list: (q: { orgId?: string; year?: number }) =>
    api.get<{ items: DepartmentBudget[] }>("/budgets", { query: { ...q } }),
  duties: (q: { orgId?: string; year?: number }) => api.get<{ items: Duty[] }>("/duties", { query: { ...q } }),
};

export interface ImportProblem {
  severity: "error" | "warning" | "info";
  code: string;
  message: string;
  messageEn: string;
  location: Record<string, unknown>;
}

/** The import's coverage (packages/documents/src/import/coverage.ts): share in %, unread places. */
export interface ImportCoverage {
  lines: { total: number; read: number };
  textLines: number;
  tables: { total: number; read: number };
  share: string;
  threshold: string;
  figures: number;
  sufficient: boolean;
  reasons: { zh: string; en: string }[];
  unread: {
    what: "table" | "rows" | "lines";
    location: Record<string, string | number>;
    toRow?: number;
    lines: number;
    text: string;
  }[];
  unreadOmitted?: number;
}

export interface ImportPreview {
  id: string;
  orgId: string;
  year: number;
  fileName: string;
  size: number;
  state: "reading" | "preview" | "failed" | "committed";
  kind: string | null;
  kinds: string[];
  /** How much of the document was read (null for previews stored before coverage existed). */
  coverage: ImportCoverage | null;
  /** The evidence for each kind, most confident first. */
  recognition: { kind: string; recognised: boolean; confidence: number; reasons: { zh: string; en: string }[] }[];
  problems: ImportProblem[];
  plan: {
    /** `organisation`: a unit of the document and its organisation (several units, seed 001). */
    kind: "organisation" | "project" | "duty" | "evaluation" | "budget";
    name: string;
    /** `match`: the unit's organisation exists (matched by code or name, or mapped). */
    action: "create" | "update" | "skip" | "match";
    reason?: string;
    reasonEn?: string;
    indicators: number;
    unit?: string;
    orgId?: string;
    /** A budget: rows per section after the commit (and now, for an update). */
    sections?: Record<"income" | "spending" | "threePublic" | "procurement" | "assets", number>;
    replaces?: Record<"income" | "spending" | "threePublic" | "procurement" | "assets", number>;
  }[];
  /** The document's units and their organisations (the department = the chosen one; the others under it). */
  units?: {
    unit: string;
    code?: string;
    action: "department" | "mapped" | "matched" | "create";
    orgId?: string;
    orgName?: string;
    orgCode?: string;
  }[];
  created: Record<string, string[]> | null;
  alreadyImportedAs: string | null;
  error: unknown;
  jobId: string | null;
}

export const importEndpoints = {
  upload: (file: File, orgId: string, year: number) =>
    uploadRaw<ImportPreview>("/imports", file, { orgId, year, fileName: file.name }),
  get: (id: string) => api.get<ImportPreview>(`/imports/${id}`),
  commit: (id: string) =>
    api.post<{ unchanged: boolean; message: string; messageEn: string; import: ImportPreview }>(
      `/imports/${id}/commit`,
    ),
};

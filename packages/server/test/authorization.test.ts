/**
 * The authorisation matrix: every route × every role (and anonymous) × own / foreign organisation, with the
 * expected status. A route missing from the matrix fails the test, so new routes must be added here.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BUILTIN_FORMS, parseEvaluationInput, scoreEvaluation } from "@jixiao/core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { membershipsOf } from "../src/accounts/repository.ts";
import { accounts } from "../src/accounts/schema.ts";
import { insertBudget } from "../src/budgets/department.repository.ts";
import { insertExecution } from "../src/budgets/execution.repository.ts";
import type { WorkflowState } from "../src/db/columns.ts";
import { stageDeadlines } from "../src/deadlines/schema.ts";
import { insertDuty } from "../src/duties/repository.ts";
import { insertEvaluation } from "../src/evaluations/repository.ts";
import { evaluationItems } from "../src/evaluations/schema.ts";
import { insertAssignment, insertReviews, upsertExante } from "../src/experts/repository.ts";
import { insertGoal } from "../src/goals/repository.ts";
import { readUpload } from "../src/imports/read.ts";
import { imports } from "../src/imports/schema.ts";
import { insertIndicator } from "../src/indicators/repository.ts";
import { jobs } from "../src/jobs/schema.ts";
import { insertAction, insertRecord, insertRound } from "../src/monitoring/repository.ts";
import { notifications } from "../src/notifications/schema.ts";
import { insertOrganisation } from "../src/orgs/repository.ts";
import type { OrganisationRow } from "../src/orgs/schema.ts";
import { insertProject } from "../src/projects/repository.ts";
import { publications } from "../src/publications/schema.ts";
import { insertItem as insertRectificationItem } from "../src/rectification/repository.ts";
import { rectificationAttachments } from "../src/rectification/schema.ts";
import { recordSnapshots } from "../src/workflow/schema.ts";
import { fiscalYears } from "../src/years/schema.ts";
import { type Client, createAccount, PASSWORD, type TestApp, testApp } from "./support/app.ts";
import { STORES } from "./support/stores.ts";

const ROLES = [
  "anonymous",
  "filler",
  "approver",
  "reviewer",
  "viewer",
  "expert",
  "sysadmin",
  "secadmin",
  "auditor",
] as const;
type RoleName = (typeof ROLES)[number];
type Target = "own" | "foreign";
const BUSINESS: RoleName[] = ["filler", "approver", "reviewer", "viewer"];
const ADMINS: RoleName[] = ["sysadmin", "secadmin", "auditor"];

interface Req {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}
interface Case {
  /** As in the OpenAPI document: `get /api/v1/projects/{id}`. */
  route: string;
  make(ctx: Ctx, target: Target, role: RoleName): Promise<Req>;
  expect(role: RoleName, target: Target): number;
}
interface Ctx {
  t: TestApp;
  org(target: Target): OrganisationRow;
  project(target: Target, state?: WorkflowState): Promise<{ id: string }>;
  indicator(target: Target): Promise<{ id: string }>;
  evaluation(target: Target, state?: WorkflowState): Promise<{ id: string }>;
  execution(target: Target): Promise<{ id: string }>;
  duty(target: Target): Promise<{ id: string }>;
  budget(target: Target, state?: WorkflowState): Promise<{ id: string }>;
  goal(target: Target, state?: WorkflowState): Promise<{ id: string; orgId: string }>;
  /** A monitoring round on a fresh leaf organisation (one round per organisation, year and month). */
  round(target: Target): Promise<{ id: string }>;
  monitoringRecord(target: Target, state?: WorkflowState): Promise<{ id: string }>;
  /** A snapshot of a fresh record of the kind (entity type as stored: project, department_goal, self_evaluation). */
  snapshot(target: Target, kind: Area): Promise<{ recordId: string; id: string }>;
  importPreview(target: Target): Promise<{ id: string }>;
  publication(target: Target): Promise<{ id: string }>;
  fillerId: string;
}

/** Business record routes: readable by the four business roles in scope; admins and foreigners see nothing. */
const read =
  (ok = 200) =>
  (role: RoleName, target: Target) =>
    role === "anonymous" ? 401 : target === "own" && BUSINESS.includes(role) ? ok : 404;
const write = (ok: number) => (role: RoleName, target: Target) =>
  role === "anonymous" ? 401 : target === "foreign" || ADMINS.includes(role) ? 404 : role === "filler" ? ok : 403;
/** A business action of one role on the own organisation's records: 200 for it, 403 for the other business roles. */
const roleOnly = (allowed: RoleName) => (role: RoleName, target: Target) =>
  role === "anonymous" ? 401 : target === "foreign" || ADMINS.includes(role) ? 404 : role === allowed ? 200 : 403;
/** The unit approver's step (单位审核): unit-approve, or return a submitted record. */
const unitReview = roleOnly("approver");
/** The reviewer's step (主管/财政审核): approve or return a unit-approved record; also review decisions, publishing. */
const review = roleOnly("reviewer");
/** Either review stage's role (the automatic review's decision is recorded by both). */
const eitherReview = (role: RoleName, target: Target) =>
  unitReview(role, target) === 200 ? 200 : review(role, target);
const only = (allowed: RoleName[], ok: number) => (role: RoleName) =>
  role === "anonymous" ? 401 : allowed.includes(role) ? ok : 403;
const orgManage = (ok: number) => (role: RoleName, target: Target) =>
  role === "anonymous" ? 401 : role === "sysadmin" ? ok : target === "foreign" && BUSINESS.includes(role) ? 404 : 403;

type Area = "projects" | "goals" | "evaluations" | "budgets" | "monitoring/records";
const ENTITY_TYPE: Record<Area, string> = {
  projects: "project",
  goals: "department_goal",
  evaluations: "self_evaluation",
  budgets: "department_budget",
  "monitoring/records": "monitoring_record",
};
const record = (ctx: Ctx, area: Area, target: Target, state?: WorkflowState) =>
  area === "projects"
    ? ctx.project(target, state)
    : area === "goals"
      ? ctx.goal(target, state)
      : area === "budgets"
        ? ctx.budget(target, state)
        : area === "monitoring/records"
          ? ctx.monitoringRecord(target, state)
          : ctx.evaluation(target, state);

/** The workflow routes every reviewable area has (the submit, update and delete cases are each area's own). */
const workflowCases = (area: Area): Case[] => [
  {
    route: `post /api/v1/${area}/{id}/unit-approve`,
    make: async (ctx, target) => ({
      method: "POST",
      path: `/${area}/${(await record(ctx, area, target, "submitted")).id}/unit-approve`,
      body: { version: 1 },
    }),
    expect: unitReview,
  },
  {
    route: `post /api/v1/${area}/{id}/approve`,
    make: async (ctx, target) => ({
      method: "POST",
      path: `/${area}/${(await record(ctx, area, target, "unit_approved")).id}/approve`,
      body: { version: 1 },
    }),
    expect: review,
  },
  {
    // The return of the stage the role acts on: a submitted record for the unit approver (and the roles that
    // may not), a unit-approved one for the reviewer. The other stage is the "return by stage" test below.
    route: `post /api/v1/${area}/{id}/return`,
    make: async (ctx, target, role) => ({
      method: "POST",
      path: `/${area}/${(await record(ctx, area, target, role === "reviewer" ? "unit_approved" : "submitted")).id}/return`,
      body: { version: 1, comment: "请补充" },
    }),
    expect: (role, target) =>
      role === "anonymous"
        ? 401
        : target === "foreign" || ADMINS.includes(role)
          ? 404
          : role === "approver" || role === "reviewer"
            ? 200
            : 403,
  },
  {
    route: `get /api/v1/${area}/{id}/transitions`,
    make: async (ctx, target) => ({
      method: "GET",
      path: `/${area}/${(await record(ctx, area, target)).id}/transitions`,
    }),
    expect: read(),
  },
  {
    route: `get /api/v1/${area}/{id}/snapshots`,
    make: async (ctx, target) => ({
      method: "GET",
      path: `/${area}/${(await ctx.snapshot(target, area)).recordId}/snapshots`,
    }),
    expect: read(),
  },
  {
    route: `get /api/v1/${area}/{id}/snapshots/{snapshotId}`,
    make: async (ctx, target) => {
      const s = await ctx.snapshot(target, area);
      return { method: "GET", path: `/${area}/${s.recordId}/snapshots/${s.id}` };
    },
    expect: read(),
  },
];

/**
 * Expert review (experts/). The matrix's `expert` holds the expert role at the city (own side); an expert of the
 * foreign province owns the foreign side's reviews. An expert sees only its own reviews: every other route is
 * 403 or 404 for it (the loop below derives that for the routes without an `expert` expectation of their own).
 */
const expertIds = { own: "", foreign: "" };
const GOAL_FORM = BUILTIN_FORMS.find((b) => b.id === "builtin:goal-review")!.form;
const FULL_SCORES = { complete: "20", relevant: "20", suitable: "20", feasible: "20" };
async function expertReview(ctx: Ctx, target: Target, state: "pending" | "submitted" = "pending") {
  const db = ctx.t.deps.db;
  const p = await ctx.project(target);
  const a = await insertAssignment(db, {
    orgId: ctx.org(target).id,
    year: 2024,
    subject: "project_goals",
    entityId: p.id,
    title: "矩阵",
    formId: "builtin:goal-review",
    form: GOAL_FORM,
    deadline: "2026-12-31",
  });
  const [r] = await insertReviews(db, [
    {
      assignmentId: a.id,
      expertId: expertIds[target],
      state,
      ...(state === "submitted" ? { scores: FULL_SCORES, opinion: "矩阵" } : {}),
    },
  ]);
  return { assignmentId: a.id, reviewId: r!.id, projectId: p.id };
}
/** A reviewer's action on the record's organisation; 404 for the expert, which sees no organisation. */
const reviewOf = (ok: number) => (role: RoleName, target: Target) =>
  role === "expert" ? 404 : review(role, target) === 200 ? ok : review(role, target);
/** The expert's own task: 200 for it; another expert's is 404; every other role may not (403). */
const ownTask = (role: RoleName, target: Target) =>
  role === "anonymous" ? 401 : role !== "expert" ? 403 : target === "own" ? 200 : 404;

const EXPERT_CASES: Case[] = [
  {
    route: "get /api/v1/expert-forms",
    make: async (ctx, target) => ({ method: "GET", path: `/expert-forms?orgId=${ctx.org(target).id}` }),
    expect: reviewOf(200),
  },
  {
    route: "post /api/v1/expert-forms",
    make: async (ctx, target) => ({
      method: "POST",
      path: "/expert-forms",
      body: { orgId: ctx.org(target).id, subject: "project_goals", form: GOAL_FORM },
    }),
    expect: reviewOf(201),
  },
  {
    route: "get /api/v1/experts",
    make: async (ctx, target) => ({ method: "GET", path: `/experts?orgId=${ctx.org(target).id}` }),
    expect: reviewOf(200),
  },
  {
    route: "get /api/v1/expert-assignments",
    make: async (ctx, target) => ({ method: "GET", path: `/expert-assignments?orgId=${ctx.org(target).id}` }),
    expect: (r, target) => (r === "anonymous" ? 401 : r !== "reviewer" ? 403 : target === "own" ? 200 : 404),
  },
  {
    route: "post /api/v1/expert-assignments",
    make: async (ctx, target) => ({
      method: "POST",
      path: "/expert-assignments",
      body: {
        subject: "project_goals",
        entityId: (await ctx.project(target)).id,
        expertIds: [expertIds[target]],
        formId: "builtin:goal-review",
        deadline: "2026-12-31",
      },
    }),
    expect: reviewOf(201),
  },
  {
    route: "get /api/v1/expert-assignments/{id}",
    make: async (ctx, target) => ({
      method: "GET",
      path: `/expert-assignments/${(await expertReview(ctx, target)).assignmentId}`,
    }),
    expect: reviewOf(200),
  },
  {
    route: "get /api/v1/expert-assignments/{id}/export",
    make: async (ctx, target) => ({
      method: "GET",
      path: `/expert-assignments/${(await expertReview(ctx, target, "submitted")).assignmentId}/export?format=xlsx`,
    }),
    expect: reviewOf(200),
  },
  {
    route: "post /api/v1/expert-assignments/{id}/decision",
    make: async (ctx, target) => ({
      method: "POST",
      path: `/expert-assignments/${(await expertReview(ctx, target, "submitted")).assignmentId}/decision`,
      body: { version: 1, adopted: true, reason: "矩阵" },
    }),
    expect: reviewOf(200),
  },
  {
    route: "get /api/v1/expert/tasks",
    make: async () => ({ method: "GET", path: "/expert/tasks" }),
    expect: (r) => (r === "anonymous" ? 401 : r === "expert" ? 200 : 403),
  },
  {
    route: "get /api/v1/expert/tasks/{id}",
    make: async (ctx, target) => ({
      method: "GET",
      path: `/expert/tasks/${(await expertReview(ctx, target)).reviewId}`,
    }),
    expect: ownTask,
  },
  {
    route: "put /api/v1/expert/tasks/{id}",
    make: async (ctx, target) => ({
      method: "PUT",
      path: `/expert/tasks/${(await expertReview(ctx, target)).reviewId}`,
      body: { version: 1, scores: { complete: "18" } },
    }),
    expect: ownTask,
  },
  {
    route: "post /api/v1/expert/tasks/{id}/submit",
    make: async (ctx, target) => ({
      method: "POST",
      path: `/expert/tasks/${(await expertReview(ctx, target)).reviewId}/submit`,
      body: { version: 1, scores: FULL_SCORES, opinion: "同意" },
    }),
    expect: ownTask,
  },
  {
    route: "get /api/v1/projects/{id}/exante",
    make: async (ctx, target) => ({ method: "GET", path: `/projects/${(await ctx.project(target)).id}/exante` }),
    expect: read(),
  },
  {
    route: "get /api/v1/projects/{id}/exante/export",
    make: async (ctx, target) => {
      const p = await ctx.project(target);
      const org = ctx.org(target);
      await upsertExante(
        ctx.t.deps.db,
        {
          projectId: p.id,
          orgId: org.id,
          year: 2024,
          points: { necessity: "20", economy: "20", goals: "20", feasibility: "20", compliance: "20" },
          scores: { necessity: "18", economy: "16", goals: "15", feasibility: "17", compliance: "18" },
          thresholds: { support: "80", partial: "60" },
          total: "84",
          fullMarks: "100",
          derived: "予以支持",
          conclusion: "予以支持",
        },
        undefined,
        new Date(),
      );
      return { method: "GET", path: `/projects/${p.id}/exante/export?format=xlsx` };
    },
    expect: read(),
  },
  {
    route: "put /api/v1/projects/{id}/exante",
    make: async (ctx, target) => ({
      method: "PUT",
      path: `/projects/${(await ctx.project(target)).id}/exante`,
      body: { scores: { necessity: "18", economy: "16", goals: "15", feasibility: "17", compliance: "18" } },
    }),
    expect: reviewOf(200),
  },
];

/** Routes whose expectations name the expert themselves (the others derive it: see `expertWant`). */
const EXPERT_ROUTES = new Set(EXPERT_CASES.map((c) => c.route));
/** The expert's status where the route does not say: what every signed-in role gets, else a refusal (403 or 404). */
const DENIED = -1;
/** Routes every other signed-in role may use but the expert not: it sees no organisation. */
const EXPERT_REFUSED = new Set(["get /api/v1/orgs", "get /api/v1/orgs/{id}"]);
function expertWant(c: Case, target: Target): number {
  if (EXPERT_ROUTES.has(c.route)) return c.expect("expert", target);
  if (EXPERT_REFUSED.has(c.route)) return DENIED;
  const others = ROLES.filter((r) => r !== "anonymous" && r !== "expert").map((r) => c.expect(r, target));
  return others.every((s) => s === others[0]) ? others[0]! : DENIED;
}

/**
 * Rectification (整改): the reviewer above a unit creates and decides items, the unit's filler answers them (and
 * attaches evidence), every business role of the unit reads them.
 */
async function rectificationItem(ctx: Ctx, target: Target, state: "pending" | "submitted" = "pending") {
  return insertRectificationItem(ctx.t.deps.db, {
    orgId: ctx.org(target).id,
    year: 2024,
    sourceKind: "expert_opinion",
    problem: "矩阵",
    requiredMeasures: "矩阵",
    deadline: "2026-06-30",
    state,
    ...(state === "submitted" ? { measuresTaken: "已整改" } : {}),
  });
}
async function scoredEvaluation(ctx: Ctx, target: Target) {
  const parsed = parseEvaluationInput({
    scheme: "national-project",
    budget: { budget: "100", executed: "80" },
    indicators: [{ level1: "产出指标", name: "矩阵", target: "≥10人", actual: "5人", points: 90 }],
  });
  if (!parsed.ok) throw new Error("matrix evaluation");
  // One department self-evaluation per organisation and year: a new leaf organisation for each.
  const leaf = await insertOrganisation(
    ctx.t.deps.db,
    { parentId: ctx.org(target).id, code: randomUUID(), name: "自评单位" },
    ctx.org(target),
  );
  return insertEvaluation(ctx.t.deps.db, {
    kind: "department",
    orgId: leaf.id,
    year: 2024,
    scoreResult: scoreEvaluation(parsed.value),
  });
}
function rectificationCases(): Case[] {
  const item = (path: string, method = "POST", body?: unknown, state?: "submitted") => ({
    make: async (ctx: Ctx, target: Target) => ({
      method,
      path: `/rectification/items/${(await rectificationItem(ctx, target, state)).id}${path}`,
      ...(body === undefined ? {} : { body }),
    }),
  });
  const attachment = async (ctx: Ctx, target: Target) => {
    const i = await rectificationItem(ctx, target);
    const [a] = await ctx.t.deps.db
      .insert(rectificationAttachments)
      .values({
        itemId: i.id,
        fileName: "证据.txt",
        contentType: "text/plain",
        size: 2,
        sha256: "x",
        data: new Uint8Array([1, 2]),
      })
      .returning();
    return a!;
  };
  return [
    {
      route: "get /api/v1/rectification/items",
      make: async (ctx, target) => ({ method: "GET", path: `/rectification/items?orgId=${ctx.org(target).id}` }),
      expect: (r, target) => (r === "anonymous" ? 401 : ADMINS.includes(r) ? 403 : target === "foreign" ? 404 : 200),
    },
    {
      route: "post /api/v1/rectification/items",
      make: async (ctx, target) => ({
        method: "POST",
        path: "/rectification/items",
        body: {
          orgId: ctx.org(target).id,
          year: 2024,
          sourceKind: "review_finding",
          problem: "矩阵",
          requiredMeasures: "矩阵",
          deadline: "2026-06-30",
        },
      }),
      expect: (role, target) => (review(role, target) === 200 ? 201 : review(role, target)),
    },
    {
      route: "get /api/v1/rectification/report",
      make: async (ctx, target) => ({
        method: "GET",
        path: `/rectification/report?orgId=${ctx.org(target).id}&year=2024&format=xlsx`,
      }),
      expect: read(),
    },
    {
      route: "get /api/v1/rectification/evaluations/{id}/proposals",
      make: async (ctx, target) => ({
        method: "GET",
        path: `/rectification/evaluations/${(await scoredEvaluation(ctx, target)).id}/proposals`,
      }),
      expect: read(),
    },
    {
      route: "post /api/v1/rectification/evaluations/{id}/items",
      make: async (ctx, target) => ({
        method: "POST",
        path: `/rectification/evaluations/${(await scoredEvaluation(ctx, target)).id}/items`,
        body: { deadline: "2026-06-30" },
      }),
      expect: (role, target) => (review(role, target) === 200 ? 201 : review(role, target)),
    },
    { route: "get /api/v1/rectification/items/{id}", ...item("", "GET"), expect: read() },
    {
      route: "post /api/v1/rectification/items/{id}/answer",
      ...item("/answer", "POST", { version: 1, measuresTaken: "已整改" }),
      expect: write(200),
    },
    {
      route: "post /api/v1/rectification/items/{id}/submit",
      ...item("/submit", "POST", { version: 1, measuresTaken: "已整改" }),
      expect: write(200),
    },
    {
      route: "post /api/v1/rectification/items/{id}/accept",
      ...item("/accept", "POST", { version: 1 }, "submitted"),
      expect: review,
    },
    {
      route: "post /api/v1/rectification/items/{id}/return",
      ...item("/return", "POST", { version: 1, comment: "请补充" }, "submitted"),
      expect: review,
    },
    {
      route: "post /api/v1/rectification/items/{id}/attachments",
      make: async (ctx, target) => ({
        method: "POST",
        path: `/rectification/items/${(await rectificationItem(ctx, target)).id}/attachments?fileName=${encodeURIComponent("证据.txt")}`,
        body: "整改佐证",
        headers: { "Content-Type": "application/octet-stream" },
      }),
      expect: write(201),
    },
    {
      route: "get /api/v1/rectification/attachments/{attachmentId}",
      make: async (ctx, target) => ({
        method: "GET",
        path: `/rectification/attachments/${(await attachment(ctx, target)).id}`,
      }),
      expect: read(),
    },
    {
      route: "delete /api/v1/rectification/attachments/{attachmentId}",
      make: async (ctx, target) => ({
        method: "DELETE",
        path: `/rectification/attachments/${(await attachment(ctx, target)).id}`,
      }),
      expect: write(204),
    },
  ];
}

const CASES: Case[] = [
  ...EXPERT_CASES,
  ...workflowCases("projects"),
  ...workflowCases("goals"),
  ...workflowCases("evaluations"),
  ...workflowCases("budgets"),
  ...workflowCases("monitoring/records"),
  {
    route: "get /api/v1/monitoring/rounds",
    make: async (ctx, target) => ({ method: "GET", path: `/monitoring/rounds?orgId=${ctx.org(target).id}` }),
    expect: (r, target) => (r === "anonymous" ? 401 : ADMINS.includes(r) ? 403 : target === "foreign" ? 404 : 200),
  },
  {
    // The reviewer of the subtree opens a round; on a fresh leaf organisation, so that each one is new.
    route: "post /api/v1/monitoring/rounds",
    make: async (ctx, target) => {
      const leaf = await insertOrganisation(
        ctx.t.deps.db,
        { parentId: ctx.org(target).id, code: randomUUID(), name: "监控单位" },
        ctx.org(target),
      );
      return {
        method: "POST",
        path: "/monitoring/rounds",
        body: { orgId: leaf.id, year: 2024, cutoffMonth: 6, deadline: "2024-07-15" },
      };
    },
    expect: (role, target) =>
      role === "anonymous"
        ? 401
        : target === "foreign" || ADMINS.includes(role)
          ? 404
          : role === "reviewer"
            ? 201
            : 403,
  },
  {
    route: "get /api/v1/monitoring/rounds/{id}",
    make: async (ctx, target) => ({ method: "GET", path: `/monitoring/rounds/${(await ctx.round(target)).id}` }),
    expect: read(),
  },
  {
    route: "get /api/v1/monitoring/rounds/{id}/warnings",
    make: async (ctx, target) => ({
      method: "GET",
      path: `/monitoring/rounds/${(await ctx.round(target)).id}/warnings?sort=behind`,
    }),
    expect: read(),
  },
  {
    route: "get /api/v1/monitoring/records/{id}",
    make: async (ctx, target) => ({
      method: "GET",
      path: `/monitoring/records/${(await ctx.monitoringRecord(target)).id}`,
    }),
    expect: read(),
  },
  {
    route: "patch /api/v1/monitoring/records/{id}",
    make: async (ctx, target) => ({
      method: "PATCH",
      path: `/monitoring/records/${(await ctx.monitoringRecord(target)).id}`,
      body: { version: 1, executionReason: "采购延迟" },
    }),
    expect: write(200),
  },
  {
    route: "get /api/v1/monitoring/records/{id}/forecast",
    make: async (ctx, target) => ({
      method: "GET",
      path: `/monitoring/records/${(await ctx.monitoringRecord(target)).id}/forecast`,
    }),
    expect: read(),
  },
  {
    route: "post /api/v1/monitoring/records/{id}/submit",
    make: async (ctx, target) => ({
      method: "POST",
      path: `/monitoring/records/${(await ctx.monitoringRecord(target)).id}/submit`,
      body: { version: 1 },
    }),
    expect: write(200),
  },
  {
    route: "post /api/v1/monitoring/rounds/{id}/sync",
    make: async (ctx, target) => ({
      method: "POST",
      path: `/monitoring/rounds/${(await ctx.round(target)).id}/sync`,
    }),
    expect: roleOnly("reviewer"),
  },
  {
    route: "get /api/v1/monitoring/rounds/{id}/export",
    make: async (ctx, target) => ({
      method: "GET",
      path: `/monitoring/rounds/${(await ctx.round(target)).id}/export?format=xlsx`,
    }),
    expect: read(),
  },
  {
    route: "get /api/v1/monitoring/records/{id}/export",
    make: async (ctx, target) => ({
      method: "GET",
      path: `/monitoring/records/${(await ctx.monitoringRecord(target)).id}/export?format=docx`,
    }),
    expect: read(),
  },
  {
    route: "get /api/v1/monitoring/records/{id}/actions",
    make: async (ctx, target) => ({
      method: "GET",
      path: `/monitoring/records/${(await ctx.monitoringRecord(target)).id}/actions`,
    }),
    expect: read(),
  },
  {
    // The bureau acts on a record: the reviewer of the subtree only (the unit sees the record: 403, not 404).
    route: "post /api/v1/monitoring/records/{id}/actions",
    make: async (ctx, target) => ({
      method: "POST",
      path: `/monitoring/records/${(await ctx.monitoringRecord(target)).id}/actions`,
      body: { kind: "require_correction", message: "请报送纠偏措施" },
    }),
    expect: (role, target) =>
      role === "anonymous"
        ? 401
        : target === "foreign" || ADMINS.includes(role)
          ? 404
          : role === "reviewer"
            ? 201
            : 403,
  },
  {
    // The unit's filler marks the bureau's action read.
    route: "post /api/v1/monitoring/actions/{id}/acknowledge",
    make: async (ctx, target) => {
      const record = await ctx.monitoringRecord(target);
      const action = await insertAction(ctx.t.deps.db, {
        recordId: record.id,
        orgId: ctx.org(target).id,
        kind: "notice",
        message: "请关注执行进度",
        createdBy: ctx.fillerId,
        createdByName: "reviewer",
      });
      return { method: "POST", path: `/monitoring/actions/${action.id}/acknowledge` };
    },
    expect: write(200),
  },
  {
    // Each person's own notifications: no organisation to be foreign to; administrators have none.
    route: "get /api/v1/monitoring/notifications",
    make: async () => ({ method: "GET", path: "/monitoring/notifications" }),
    expect: (role) => (role === "anonymous" ? 401 : ADMINS.includes(role) ? 403 : 200),
  },
  // Stage deadlines (issue 16 part 6): read by the unit's business roles, set and cleared by its reviewer.
  {
    route: "get /api/v1/deadlines",
    make: async (ctx, target) => ({ method: "GET", path: `/deadlines?orgId=${ctx.org(target).id}&year=2024` }),
    expect: read(),
  },
  {
    route: "put /api/v1/deadlines",
    make: async (ctx, target) => ({
      method: "PUT",
      path: "/deadlines",
      body: { orgId: ctx.org(target).id, year: 2024, stage: "goals", dueDate: "2024-03-31" },
    }),
    expect: review,
  },
  {
    route: "delete /api/v1/deadlines",
    make: async (ctx, target) => {
      await ctx.t.deps.db
        .insert(stageDeadlines)
        .values({ orgId: ctx.org(target).id, year: 2024, stage: "self_evaluation", dueDate: "2025-04-30" })
        .onConflictDoNothing();
      return { method: "DELETE", path: `/deadlines?orgId=${ctx.org(target).id}&year=2024&stage=self_evaluation` };
    },
    expect: review,
  },
  // Each person's own notification centre: no organisation to be foreign to; another's notification is not found.
  {
    route: "get /api/v1/notifications",
    make: async () => ({ method: "GET", path: "/notifications" }),
    expect: (role) => (role === "anonymous" ? 401 : 200),
  },
  {
    route: "post /api/v1/notifications/{id}/read",
    make: async (ctx) => {
      const [n] = await ctx.t.deps.db
        .insert(notifications)
        .values({ accountId: ctx.fillerId, kind: "deadline", title: "提醒", titleEn: "reminder" })
        .returning();
      return { method: "POST", path: `/notifications/${n!.id}/read` };
    },
    expect: (role) => (role === "anonymous" ? 401 : role === "filler" ? 200 : 404),
  },
  {
    route: "post /api/v1/notifications/read-all",
    make: async () => ({ method: "POST", path: "/notifications/read-all" }),
    expect: (role) => (role === "anonymous" ? 401 : 200),
  },
  ...rectificationCases(),
  { route: "get /api/v1/health", make: async () => ({ method: "GET", path: "/health" }), expect: () => 200 },
  {
    route: "post /api/v1/auth/login",
    make: async () => ({ method: "POST", path: "/auth/login", body: { username: "viewer", password: PASSWORD } }),
    expect: () => 200,
  },
  {
    route: "get /api/v1/auth/session",
    make: async () => ({ method: "GET", path: "/auth/session" }),
    expect: (r) => (r === "anonymous" ? 401 : 200),
  },
  {
    route: "post /api/v1/auth/logout",
    make: async () => ({ method: "POST", path: "/auth/logout" }),
    expect: (r) => (r === "anonymous" ? 401 : 204),
  },
  {
    route: "post /api/v1/auth/password",
    make: async () => ({
      method: "POST",
      path: "/auth/password",
      body: { currentPassword: "Not-the-password-1", newPassword: "Another-Password-2" },
    }),
    expect: (r) => (r === "anonymous" ? 401 : 400),
  },
  {
    route: "get /api/v1/accounts",
    make: async () => ({ method: "GET", path: "/accounts" }),
    expect: only(["sysadmin", "secadmin"], 200),
  },
  {
    route: "post /api/v1/accounts",
    make: async () => ({
      method: "POST",
      path: "/accounts",
      body: { username: `u${randomUUID().slice(0, 8)}`, displayName: "新账户", initialPassword: "Initial-Pass-1" },
    }),
    expect: only(["sysadmin"], 201),
  },
  {
    route: "post /api/v1/accounts/{id}/memberships",
    make: async (ctx, target) => {
      const acc = await createAccount(ctx.t.deps.db, { username: `m${randomUUID().slice(0, 8)}`, roles: [] });
      return {
        method: "POST",
        path: `/accounts/${acc.id}/memberships`,
        body: { role: "viewer", orgId: ctx.org(target).id },
      };
    },
    expect: only(["secadmin"], 201),
  },
  {
    route: "delete /api/v1/accounts/{id}/memberships/{membershipId}",
    make: async (ctx, target) => {
      const acc = await createAccount(ctx.t.deps.db, {
        username: `d${randomUUID().slice(0, 8)}`,
        roles: [{ role: "viewer", orgId: ctx.org(target).id }],
      });
      const [m] = await membershipsOf(ctx.t.deps.db, acc.id);
      return { method: "DELETE", path: `/accounts/${acc.id}/memberships/${m!.id}` };
    },
    expect: only(["secadmin"], 204),
  },
  {
    route: "post /api/v1/accounts/{id}/unlock",
    make: async (ctx) => {
      const acc = await createAccount(ctx.t.deps.db, { username: `l${randomUUID().slice(0, 8)}`, roles: [] });
      return { method: "POST", path: `/accounts/${acc.id}/unlock` };
    },
    expect: only(["secadmin"], 204),
  },
  {
    route: "post /api/v1/accounts/{id}/password",
    make: async (ctx) => {
      const acc = await createAccount(ctx.t.deps.db, { username: `p${randomUUID().slice(0, 8)}`, roles: [] });
      return { method: "POST", path: `/accounts/${acc.id}/password`, body: { initialPassword: "Reset-Pass-2026" } };
    },
    expect: only(["sysadmin"], 204),
  },
  {
    route: "post /api/v1/accounts/{id}/disabled",
    make: async (ctx) => {
      const acc = await createAccount(ctx.t.deps.db, { username: `x${randomUUID().slice(0, 8)}`, roles: [] });
      return { method: "POST", path: `/accounts/${acc.id}/disabled`, body: { disabled: true } };
    },
    expect: only(["sysadmin"], 200),
  },
  {
    route: "get /api/v1/orgs",
    make: async (ctx, target) => ({ method: "GET", path: `/orgs?under=${ctx.org(target).id}` }),
    expect: (r, target) => (r === "anonymous" ? 401 : target === "foreign" && BUSINESS.includes(r) ? 404 : 200),
  },
  {
    route: "get /api/v1/orgs/{id}",
    make: async (ctx, target) => ({ method: "GET", path: `/orgs/${ctx.org(target).id}` }),
    expect: (r, target) => (r === "anonymous" ? 401 : target === "foreign" && BUSINESS.includes(r) ? 404 : 200),
  },
  {
    route: "post /api/v1/orgs",
    make: async (ctx, target) => ({
      method: "POST",
      path: "/orgs",
      body: { parentId: ctx.org(target).id, code: randomUUID(), name: "新机构" },
    }),
    expect: (r) => (r === "anonymous" ? 401 : r === "sysadmin" ? 201 : 403),
  },
  {
    route: "patch /api/v1/orgs/{id}",
    make: async (ctx, target) => {
      const leaf = await insertOrganisation(
        ctx.t.deps.db,
        { parentId: ctx.org(target).id, code: randomUUID(), name: "叶" },
        ctx.org(target),
      );
      return { method: "PATCH", path: `/orgs/${leaf.id}`, body: { version: 1, name: "叶（改）" } };
    },
    expect: orgManage(200),
  },
  {
    route: "delete /api/v1/orgs/{id}",
    make: async (ctx, target) => {
      const leaf = await insertOrganisation(
        ctx.t.deps.db,
        { parentId: ctx.org(target).id, code: randomUUID(), name: "叶" },
        ctx.org(target),
      );
      return { method: "DELETE", path: `/orgs/${leaf.id}?version=1` };
    },
    expect: orgManage(204),
  },
  {
    route: "get /api/v1/years",
    make: async () => ({ method: "GET", path: "/years" }),
    expect: (r) => (r === "anonymous" ? 401 : 200),
  },
  {
    route: "post /api/v1/years",
    make: async () => ({ method: "POST", path: "/years", body: { year: nextYear() } }),
    expect: (r) => (r === "anonymous" ? 401 : r === "sysadmin" ? 201 : 403),
  },
  {
    route: "patch /api/v1/years/{year}",
    make: async (ctx) => {
      const year = nextYear();
      await ctx.t.deps.db.insert(fiscalYears).values({ year });
      return { method: "PATCH", path: `/years/${year}`, body: { status: "closed", version: 1 } };
    },
    expect: (r) => (r === "anonymous" ? 401 : r === "sysadmin" ? 200 : 403),
  },
  {
    route: "get /api/v1/projects",
    make: async (ctx, target) => ({ method: "GET", path: `/projects?orgId=${ctx.org(target).id}` }),
    expect: (r, target) => (r === "anonymous" ? 401 : ADMINS.includes(r) ? 403 : target === "foreign" ? 404 : 200),
  },
  {
    route: "post /api/v1/projects",
    make: async (ctx, target) => ({
      method: "POST",
      path: "/projects",
      body: { orgId: ctx.org(target).id, year: 2024, name: "矩阵项目" },
    }),
    expect: write(201),
  },
  {
    route: "get /api/v1/projects/{id}",
    make: async (ctx, target) => ({ method: "GET", path: `/projects/${(await ctx.project(target)).id}` }),
    expect: read(),
  },
  {
    route: "patch /api/v1/projects/{id}",
    make: async (ctx, target) => ({
      method: "PATCH",
      path: `/projects/${(await ctx.project(target)).id}`,
      body: { version: 1, name: "改名" },
    }),
    expect: write(200),
  },
  {
    route: "delete /api/v1/projects/{id}",
    make: async (ctx, target) => ({ method: "DELETE", path: `/projects/${(await ctx.project(target)).id}?version=1` }),
    expect: write(204),
  },
  {
    route: "post /api/v1/projects/{id}/submit",
    make: async (ctx, target) => ({
      method: "POST",
      path: `/projects/${(await ctx.project(target)).id}/submit`,
      body: { version: 1 },
    }),
    expect: write(200),
  },
  {
    route: "post /api/v1/projects/{id}/revise",
    make: async (ctx, target) => ({
      method: "POST",
      path: `/projects/${(await ctx.project(target, "approved")).id}/revise`,
      body: { version: 1 },
    }),
    expect: write(201),
  },
  {
    route: "get /api/v1/projects/{id}/indicators",
    make: async (ctx, target) => ({ method: "GET", path: `/projects/${(await ctx.project(target)).id}/indicators` }),
    expect: read(),
  },
  {
    route: "post /api/v1/projects/{id}/indicators",
    make: async (ctx, target) => ({
      method: "POST",
      path: `/projects/${(await ctx.project(target)).id}/indicators`,
      body: { level: 1, name: "产出指标" },
    }),
    expect: write(201),
  },
  {
    route: "get /api/v1/indicators/{id}",
    make: async (ctx, target) => ({ method: "GET", path: `/indicators/${(await ctx.indicator(target)).id}` }),
    expect: read(),
  },
  {
    route: "patch /api/v1/indicators/{id}",
    make: async (ctx, target) => ({
      method: "PATCH",
      path: `/indicators/${(await ctx.indicator(target)).id}`,
      body: { version: 1, name: "改" },
    }),
    expect: write(200),
  },
  {
    route: "delete /api/v1/indicators/{id}",
    make: async (ctx, target) => ({
      method: "DELETE",
      path: `/indicators/${(await ctx.indicator(target)).id}?version=1`,
    }),
    expect: write(204),
  },
  ...["execution", "scores", "scores/summary"].map((what) => ({
    route: `get /api/v1/rollups/${what}`,
    make: async (ctx: Ctx, target: Target) => ({
      method: "GET",
      path: `/rollups/${what}?orgId=${ctx.org(target).id}&year=2024`,
    }),
    expect: read(),
  })),
  {
    route: "get /api/v1/workflow/todo/count",
    make: async (ctx, target) => ({
      method: "GET",
      path: `/workflow/todo/count?orgId=${ctx.org(target).id}&year=2024`,
    }),
    expect: read(),
  },
  {
    route: "get /api/v1/evaluations",
    make: async (ctx, target) => ({ method: "GET", path: `/evaluations?orgId=${ctx.org(target).id}` }),
    expect: (r, target) => (r === "anonymous" ? 401 : ADMINS.includes(r) ? 403 : target === "foreign" ? 404 : 200),
  },
  {
    route: "post /api/v1/evaluations",
    make: async (ctx, target) => {
      // One department self-evaluation per organisation and year: a new leaf organisation for each.
      const leaf = await insertOrganisation(
        ctx.t.deps.db,
        { parentId: ctx.org(target).id, code: randomUUID(), name: "自评单位" },
        ctx.org(target),
      );
      return { method: "POST", path: "/evaluations", body: { kind: "department", orgId: leaf.id, year: 2024 } };
    },
    expect: write(201),
  },
  {
    route: "post /api/v1/evaluations/department",
    make: async (ctx, target) => {
      // a goal with an indicator on a leaf organisation of its own (one department self-evaluation per organisation)
      const goal = await ctx.goal(target);
      const db = ctx.t.deps.db;
      const l1 = await insertIndicator(db, { departmentGoalId: goal.id, level: 1, name: "产出指标" });
      const l2 = await insertIndicator(db, { departmentGoalId: goal.id, parentId: l1.id, level: 2, name: "数量指标" });
      await insertIndicator(db, {
        departmentGoalId: goal.id,
        parentId: l2.id,
        level: 3,
        name: "指标",
        targetText: "≥1个",
      });
      return { method: "POST", path: "/evaluations/department", body: { orgId: goal.orgId, year: 2024 } };
    },
    expect: write(201),
  },
  {
    route: "get /api/v1/evaluations/{id}",
    make: async (ctx, target) => ({ method: "GET", path: `/evaluations/${(await ctx.evaluation(target)).id}` }),
    expect: read(),
  },
  {
    route: "patch /api/v1/evaluations/{id}",
    make: async (ctx, target) => ({
      method: "PATCH",
      path: `/evaluations/${(await ctx.evaluation(target)).id}`,
      body: { version: 1, problems: "问题" },
    }),
    expect: write(200),
  },
  {
    route: "put /api/v1/evaluations/{id}/items",
    make: async (ctx, target) => ({
      method: "PUT",
      path: `/evaluations/${(await ctx.evaluation(target)).id}/items`,
      body: { version: 1, items: [{ name: "指标" }] },
    }),
    expect: write(200),
  },
  {
    route: "delete /api/v1/evaluations/{id}",
    make: async (ctx, target) => ({
      method: "DELETE",
      path: `/evaluations/${(await ctx.evaluation(target)).id}?version=1`,
    }),
    expect: write(204),
  },
  {
    route: "post /api/v1/evaluations/{id}/submit",
    make: async (ctx, target) => ({
      method: "POST",
      path: `/evaluations/${(await ctx.evaluation(target)).id}/submit`,
      body: { version: 1 },
    }),
    expect: write(200),
  },
  {
    route: "get /api/v1/execution",
    make: async (ctx, target) => ({ method: "GET", path: `/execution?orgId=${ctx.org(target).id}` }),
    expect: (r, target) => (r === "anonymous" ? 401 : ADMINS.includes(r) ? 403 : target === "foreign" ? 404 : 200),
  },
  {
    route: "post /api/v1/execution",
    make: async (ctx, target) => ({
      method: "POST",
      path: "/execution",
      body: { orgId: ctx.org(target).id, year: 2024, scope: "total", month: nextMonth(), executed: "1.00" },
    }),
    expect: write(201),
  },
  {
    route: "get /api/v1/execution/{id}",
    make: async (ctx, target) => ({ method: "GET", path: `/execution/${(await ctx.execution(target)).id}` }),
    expect: read(),
  },
  {
    route: "patch /api/v1/execution/{id}",
    make: async (ctx, target) => ({
      method: "PATCH",
      path: `/execution/${(await ctx.execution(target)).id}`,
      body: { version: 1, executed: "2.00" },
    }),
    expect: write(200),
  },
  {
    route: "delete /api/v1/execution/{id}",
    make: async (ctx, target) => ({
      method: "DELETE",
      path: `/execution/${(await ctx.execution(target)).id}?version=1`,
    }),
    expect: write(204),
  },
  {
    route: "get /api/v1/duties",
    make: async (ctx, target) => ({ method: "GET", path: `/duties?orgId=${ctx.org(target).id}` }),
    expect: (r, target) => (r === "anonymous" ? 401 : ADMINS.includes(r) ? 403 : target === "foreign" ? 404 : 200),
  },
  {
    route: "post /api/v1/duties",
    make: async (ctx, target) => ({
      method: "POST",
      path: "/duties",
      body: { orgId: ctx.org(target).id, year: 2024, name: "职责" },
    }),
    expect: write(201),
  },
  {
    route: "get /api/v1/duties/{id}",
    make: async (ctx, target) => ({ method: "GET", path: `/duties/${(await ctx.duty(target)).id}` }),
    expect: read(),
  },
  {
    route: "patch /api/v1/duties/{id}",
    make: async (ctx, target) => ({
      method: "PATCH",
      path: `/duties/${(await ctx.duty(target)).id}`,
      body: { version: 1, name: "改" },
    }),
    expect: write(200),
  },
  {
    route: "put /api/v1/duties/{id}/activities",
    make: async (ctx, target) => ({
      method: "PUT",
      path: `/duties/${(await ctx.duty(target)).id}/activities`,
      body: { version: 1, activities: [{ name: "活动", indicators: [] }] },
    }),
    expect: write(200),
  },
  {
    route: "delete /api/v1/duties/{id}",
    make: async (ctx, target) => ({ method: "DELETE", path: `/duties/${(await ctx.duty(target)).id}?version=1` }),
    expect: write(204),
  },
  {
    route: "get /api/v1/budgets",
    make: async (ctx, target) => ({ method: "GET", path: `/budgets?orgId=${ctx.org(target).id}` }),
    expect: (r, target) => (r === "anonymous" ? 401 : ADMINS.includes(r) ? 403 : target === "foreign" ? 404 : 200),
  },
  {
    route: "post /api/v1/budgets",
    make: async (ctx, target) => ({
      method: "POST",
      path: "/budgets",
      body: { orgId: ctx.org(target).id, year: 2025 },
    }),
    expect: write(201),
  },
  {
    route: "get /api/v1/budgets/{id}",
    make: async (ctx, target) => ({ method: "GET", path: `/budgets/${(await ctx.budget(target)).id}` }),
    expect: read(),
  },
  {
    route: "patch /api/v1/budgets/{id}",
    make: async (ctx, target) => ({
      method: "PATCH",
      path: `/budgets/${(await ctx.budget(target)).id}`,
      body: { version: 1, notes: "说明" },
    }),
    expect: write(200),
  },
  {
    route: "put /api/v1/budgets/{id}/sections",
    make: async (ctx, target) => ({
      method: "PUT",
      path: `/budgets/${(await ctx.budget(target)).id}/sections`,
      body: { version: 1, income: [{ category: "一般公共预算拨款", amount: "1.00" }] },
    }),
    expect: write(200),
  },
  {
    route: "delete /api/v1/budgets/{id}",
    make: async (ctx, target) => ({ method: "DELETE", path: `/budgets/${(await ctx.budget(target)).id}?version=1` }),
    expect: write(204),
  },
  {
    route: "get /api/v1/goals",
    make: async (ctx, target) => ({ method: "GET", path: `/goals?orgId=${ctx.org(target).id}` }),
    expect: (r, target) => (r === "anonymous" ? 401 : ADMINS.includes(r) ? 403 : target === "foreign" ? 404 : 200),
  },
  {
    route: "post /api/v1/goals",
    make: async (ctx, target) => ({ method: "POST", path: "/goals", body: { orgId: ctx.org(target).id, year: 2025 } }),
    expect: write(201),
  },
  {
    route: "get /api/v1/goals/{id}",
    make: async (ctx, target) => ({ method: "GET", path: `/goals/${(await ctx.goal(target)).id}` }),
    expect: read(),
  },
  {
    route: "patch /api/v1/goals/{id}",
    make: async (ctx, target) => ({
      method: "PATCH",
      path: `/goals/${(await ctx.goal(target)).id}`,
      body: { version: 1, annualGoal: "目标" },
    }),
    expect: write(200),
  },
  {
    route: "delete /api/v1/goals/{id}",
    make: async (ctx, target) => ({ method: "DELETE", path: `/goals/${(await ctx.goal(target)).id}?version=1` }),
    expect: write(204),
  },
  {
    route: "post /api/v1/goals/{id}/submit",
    make: async (ctx, target) => ({
      method: "POST",
      path: `/goals/${(await ctx.goal(target)).id}/submit`,
      body: { version: 1 },
    }),
    expect: write(200),
  },
  {
    route: "get /api/v1/goals/{id}/indicators",
    make: async (ctx, target) => ({ method: "GET", path: `/goals/${(await ctx.goal(target)).id}/indicators` }),
    expect: read(),
  },
  {
    route: "post /api/v1/goals/{id}/indicators",
    make: async (ctx, target) => ({
      method: "POST",
      path: `/goals/${(await ctx.goal(target)).id}/indicators`,
      body: { level: 1, name: "产出指标" },
    }),
    expect: write(201),
  },
  {
    route: "get /api/v1/jobs/{id}",
    make: async (ctx, target, role) => {
      // "own": a job this person started; "foreign": one started by a filler of the foreign organisation.
      const owner = target === "own" && role !== "anonymous" ? role : "foreignFiller";
      const [acc] = await ctx.t.deps.db.select().from(accounts).where(eq(accounts.username, owner));
      const [job] = await ctx.t.deps.db
        .insert(jobs)
        .values({ name: "export", payload: {}, createdBy: acc!.id })
        .returning();
      return { method: "GET", path: `/jobs/${job!.id}` };
    },
    expect: (r, target) => (r === "anonymous" ? 401 : target === "own" ? 200 : 404),
  },
  {
    route: "post /api/v1/budgets/{id}/submit",
    make: async (ctx, target) => ({
      method: "POST",
      path: `/budgets/${(await ctx.budget(target)).id}/submit`,
      body: { version: 1 },
    }),
    expect: write(200),
  },
  {
    route: "post /api/v1/budgets/{id}/revise",
    make: async (ctx, target) => ({
      method: "POST",
      path: `/budgets/${(await ctx.budget(target, "approved")).id}/revise`,
      body: { version: 1 },
    }),
    expect: write(201),
  },
  {
    route: "get /api/v1/budgets/{id}/sections",
    make: async (ctx, target) => ({ method: "GET", path: `/budgets/${(await ctx.budget(target)).id}/sections` }),
    expect: read(),
  },
  {
    route: "post /api/v1/duties/reorder",
    make: async (ctx, target) => {
      // The whole order of one organisation and year: a new leaf organisation with one duty each time.
      const leaf = await insertOrganisation(
        ctx.t.deps.db,
        { parentId: ctx.org(target).id, code: randomUUID(), name: "职责单位" },
        ctx.org(target),
      );
      const d = await insertDuty(ctx.t.deps.db, { orgId: leaf.id, year: 2024, name: "职责" });
      return {
        method: "POST",
        path: "/duties/reorder",
        body: { orgId: leaf.id, year: 2024, items: [{ id: d.id, version: d.version }] },
      };
    },
    expect: write(200),
  },
  {
    // The test app runs no background jobs: a permitted start is refused as a conflict (409) after the checks.
    route: "post /api/v1/exports/batch",
    make: async (ctx, target) => ({
      method: "POST",
      path: "/exports/batch",
      body: { orgId: ctx.org(target).id, year: 2024, formats: ["xlsx"] },
    }),
    expect: (r, target) => (r === "anonymous" ? 401 : ADMINS.includes(r) ? 403 : target === "foreign" ? 404 : 409),
  },
  ...(["", "/file"] as const).map(
    (suffix): Case => ({
      // "own": a batch this person started; "foreign": one started by a filler of the foreign organisation.
      route: `get /api/v1/exports/batch/{jobId}${suffix}`,
      make: async (ctx, target, role) => {
        const owner = target === "own" && role !== "anonymous" ? role : "foreignFiller";
        const [acc] = await ctx.t.deps.db.select().from(accounts).where(eq(accounts.username, owner));
        const [job] = await ctx.t.deps.db
          .insert(jobs)
          .values({ name: "export.batch", payload: {}, createdBy: acc!.id })
          .returning();
        return { method: "GET", path: `/exports/batch/${job!.id}${suffix}` };
      },
      // A batch not yet completed has no file (409).
      expect: (r, target) => (r === "anonymous" ? 401 : target === "foreign" ? 404 : suffix ? 409 : 200),
    }),
  ),
  {
    route: "post /api/v1/imports",
    make: async (ctx, target) => ({
      method: "POST",
      path: `/imports?orgId=${ctx.org(target).id}&year=2024&fileName=004.txt`,
      body: SEED_004,
      headers: { "Content-Type": "application/octet-stream" },
    }),
    expect: write(201),
  },
  {
    route: "get /api/v1/imports/{id}",
    make: async (ctx, target) => ({ method: "GET", path: `/imports/${(await ctx.importPreview(target)).id}` }),
    expect: read(200),
  },
  {
    route: "post /api/v1/imports/{id}/commit",
    make: async (ctx, target) => ({ method: "POST", path: `/imports/${(await ctx.importPreview(target)).id}/commit` }),
    expect: write(200),
  },
  {
    route: "get /api/v1/reviews/{type}/{id}",
    make: async (ctx, target) => ({ method: "GET", path: `/reviews/project/${(await ctx.project(target)).id}` }),
    expect: read(200),
  },
  {
    route: "post /api/v1/reviews/{type}/{id}/decision",
    make: async (ctx, target) => ({
      method: "POST",
      path: `/reviews/project/${(await ctx.project(target)).id}/decision`,
      body: { reviewerVerdict: "良", comment: "矩阵" },
    }),
    expect: eitherReview,
  },
  {
    route: "get /api/v1/evaluations/{id}/scores",
    make: async (ctx, target) => ({ method: "GET", path: `/evaluations/${(await ctx.evaluation(target)).id}/scores` }),
    expect: read(200),
  },
  {
    route: "get /api/v1/scoring-schemes",
    make: async (ctx, target) => ({ method: "GET", path: `/scoring-schemes?orgId=${ctx.org(target).id}&year=2024` }),
    expect: read(200),
  },
  {
    // Only the reviewer at the top of their tree (the city here) defines a scheme for its subtree; the city is not
    // visible to the unit's roles (404), nor a foreign tree to anyone.
    route: "post /api/v1/scoring-schemes",
    make: async (ctx, target) => ({
      method: "POST",
      path: "/scoring-schemes",
      body: {
        orgId: target === "own" ? ctx.t.world.city.id : ctx.org(target).id,
        year: 2024,
        definition: { id: "matrix-scheme", extends: "national-project" },
      },
    }),
    expect: (role, target) => (role === "anonymous" ? 401 : target === "own" && role === "reviewer" ? 201 : 404),
  },
  {
    route: "get /api/v1/library/suggestions",
    make: async (ctx, target) => ({ method: "GET", path: `/library/suggestions?orgId=${ctx.org(target).id}&q=x` }),
    expect: read(200),
  },
  {
    route: "get /api/v1/library/entries",
    make: async (ctx, target) => ({ method: "GET", path: `/library/entries?orgId=${ctx.org(target).id}` }),
    expect: read(200),
  },
  {
    route: "get /api/v1/library/marks",
    make: async (ctx, target) => ({ method: "GET", path: `/library/marks?orgId=${ctx.org(target).id}` }),
    expect: read(200),
  },
  {
    route: "get /api/v1/library/export",
    make: async (ctx, target) => ({ method: "GET", path: `/library/export?orgId=${ctx.org(target).id}&format=xlsx` }),
    expect: read(200),
  },
  {
    // Like a scoring scheme: only the reviewer at the bureau (the city) marks its library's entries.
    route: "put /api/v1/library/marks",
    make: async (ctx, target) => ({
      method: "PUT",
      path: "/library/marks",
      body: {
        orgId: target === "own" ? ctx.t.world.city.id : ctx.org(target).id,
        name: "矩阵指标",
        mark: "recommended",
      },
    }),
    expect: (role, target) => (role === "anonymous" ? 401 : target === "own" && role === "reviewer" ? 200 : 404),
  },
  {
    route: "post /api/v1/carry-forward",
    make: async (ctx, target) => ({
      method: "POST",
      path: "/carry-forward",
      body: { orgId: ctx.org(target).id, year: 2025 },
    }),
    expect: write(200),
  },
  {
    route: "get /api/v1/carry-forward",
    make: async (ctx, target) => ({ method: "GET", path: `/carry-forward?orgId=${ctx.org(target).id}&year=2025` }),
    expect: read(200),
  },
  {
    route: "get /api/v1/results/rules",
    make: async (ctx, target) => ({ method: "GET", path: `/results/rules?orgId=${ctx.org(target).id}&year=2025` }),
    expect: review,
  },
  {
    // Like the library's marks: only the reviewer at the bureau (the city) sets its rules.
    route: "put /api/v1/results/rules",
    make: async (ctx, target) => ({
      method: "PUT",
      path: "/results/rules",
      body: {
        orgId: target === "own" ? ctx.t.world.city.id : ctx.org(target).id,
        year: 2025,
        rules: { grades: [{ grade: "差", action: "cut", cutPercent: "30", rectification: true }], execution: [] },
      },
    }),
    expect: (role, target) => (role === "anonymous" ? 401 : target === "own" && role === "reviewer" ? 200 : 404),
  },
  {
    route: "get /api/v1/results/recommendations",
    make: async (ctx, target) => ({
      method: "GET",
      path: `/results/recommendations?orgId=${ctx.org(target).id}&year=2025`,
    }),
    expect: read(200),
  },
  {
    route: "get /api/v1/results/summary",
    make: async (ctx, target) => ({ method: "GET", path: `/results/summary?orgId=${ctx.org(target).id}&year=2025` }),
    expect: read(200),
  },
  {
    route: "get /api/v1/results/summary/export",
    make: async (ctx, target) => ({
      method: "GET",
      path: `/results/summary/export?orgId=${ctx.org(target).id}&year=2025`,
    }),
    expect: read(200),
  },
  {
    route: "get /api/v1/rollups/trends",
    make: async (ctx, target) => ({
      method: "GET",
      path: `/rollups/trends?orgId=${ctx.org(target).id}&from=2024&to=2025`,
    }),
    expect: read(200),
  },
  {
    route: "get /api/v1/exports/{type}/{id}",
    make: async (ctx, target) => ({
      method: "GET",
      path: `/exports/duties/${(await ctx.duty(target)).id}?format=xlsx`,
    }),
    expect: read(200),
  },
  {
    route: "post /api/v1/publications",
    make: async (ctx, target) => ({
      method: "POST",
      path: "/publications",
      body: { type: "project", id: (await ctx.project(target, "approved")).id },
    }),
    expect: (role, target) => (review(role, target) === 200 ? 201 : review(role, target)),
  },
  {
    route: "post /api/v1/publications/{id}/withdraw",
    make: async (ctx, target) => ({
      method: "POST",
      path: `/publications/${(await ctx.publication(target)).id}/withdraw`,
      body: { reason: "矩阵" },
    }),
    expect: review,
  },
  {
    route: "get /api/v1/public/publications",
    make: async () => ({ method: "GET", path: "/public/publications?year=2024" }),
    expect: () => 200,
  },
  {
    route: "get /api/v1/public/publications/{id}",
    make: async (ctx, target) => ({
      method: "GET",
      path: `/public/publications/${(await ctx.publication(target)).id}`,
    }),
    expect: () => 200,
  },
  {
    route: "get /api/v1/public/publications/{id}/file",
    make: async (ctx, target) => ({
      method: "GET",
      path: `/public/publications/${(await ctx.publication(target)).id}/file?format=docx`,
    }),
    expect: () => 200,
  },
  {
    route: "get /api/v1/audit",
    make: async () => ({ method: "GET", path: "/audit" }),
    expect: only(["auditor"], 200),
  },
];

/** A different month for each row the create case makes, so the unique key never collides. */
let monthCounter = 0;
const nextMonth = () => (monthCounter++ % 12) + 1;
/** A fresh fiscal year for each year case. */
let yearCounter = 2030;
const nextYear = () => yearCounter++;

const SEED_004 = readFileSync(join(import.meta.dirname, "../../../fixtures/seeds/004_8649601bbeaed617.txt"), "utf8");
let importResult: Awaited<ReturnType<typeof readUpload>> | undefined;

const STATUS_CODE: Record<number, string> = { 401: "unauthenticated", 403: "forbidden", 404: "not_found" };

describe.each(STORES)("authorisation matrix on %s", (kind) => {
  let t: TestApp;
  let ctx: Ctx;
  const clients = new Map<RoleName, Client>();
  beforeAll(async () => {
    t = await testApp(kind);
    // each store is a database of its own: its year cases start again (nine roles × two targets per case)
    yearCounter = 2030;
    const fillerAccount = await t.as("filler");
    const fillerId = (await fillerAccount.get("/auth/session")).body.user.id as string;
    ctx = {
      t,
      fillerId,
      org: (target) => (target === "own" ? t.world.unit : t.world.foreign),
      async project(target, state = "draft") {
        return insertProject(t.deps.db, {
          orgId: ctx.org(target).id,
          year: 2024,
          name: "矩阵",
          workflowState: state,
          submittedBy: state === "draft" ? null : fillerId,
        });
      },
      async evaluation(target, state = "draft") {
        // Complete enough to be submitted (the server's submission rules): figures, narratives, one row met.
        // One department self-evaluation per organisation and year: a new leaf organisation for each.
        const leaf = await insertOrganisation(
          t.deps.db,
          { parentId: ctx.org(target).id, code: randomUUID(), name: "自评单位" },
          ctx.org(target),
        );
        const e = await insertEvaluation(t.deps.db, {
          kind: "department",
          orgId: leaf.id,
          year: 2024,
          workflowState: state,
          submittedBy: state === "draft" ? null : fillerId,
          fullYearBudget: "100.00",
          executed: "100.00",
          conclusion: "完成年度目标",
          improvements: "持续改进",
        });
        await t.deps.db.insert(evaluationItems).values({
          evaluationId: e.id,
          level1: "满意度指标",
          name: "群众满意度",
          targetText: "≥90%",
          actualText: "95%",
          points: "10",
        });
        return e;
      },
      async goal(target, state = "draft") {
        // One goal per organisation and year: a new leaf organisation for each.
        const leaf = await insertOrganisation(
          t.deps.db,
          { parentId: ctx.org(target).id, code: randomUUID(), name: "目标单位" },
          ctx.org(target),
        );
        return insertGoal(t.deps.db, {
          orgId: leaf.id,
          year: 2024,
          workflowState: state,
          submittedBy: state === "draft" ? null : fillerId,
        });
      },
      async budget(target, state = "draft") {
        // One budget per organisation and year: a new leaf organisation for each.
        const leaf = await insertOrganisation(
          t.deps.db,
          { parentId: ctx.org(target).id, code: randomUUID(), name: "预算单位" },
          ctx.org(target),
        );
        return insertBudget(t.deps.db, {
          orgId: leaf.id,
          year: 2024,
          workflowState: state,
          submittedBy: state === "draft" ? null : fillerId,
        });
      },
      async round(target) {
        const leaf = await insertOrganisation(
          t.deps.db,
          { parentId: ctx.org(target).id, code: randomUUID(), name: "监控轮次单位" },
          ctx.org(target),
        );
        return insertRound(t.deps.db, { orgId: leaf.id, year: 2024, cutoffMonth: 6, deadline: "2024-07-15" });
      },
      async monitoringRecord(target, state = "draft") {
        const round = await ctx.round(target);
        const p = await ctx.project(target);
        return insertRecord(t.deps.db, {
          roundId: round.id,
          orgId: ctx.org(target).id,
          year: 2024,
          projectId: p.id,
          workflowState: state,
          submittedBy: state === "draft" ? null : fillerId,
        });
      },
      async duty(target) {
        return insertDuty(t.deps.db, { orgId: ctx.org(target).id, year: 2024, name: "职责" });
      },
      async execution(target) {
        // A fresh project per row keeps the (organisation, year, scope, project, month) key unique.
        const p = await ctx.project(target);
        return insertExecution(t.deps.db, { orgId: ctx.org(target).id, year: 2024, scope: "project", projectId: p.id });
      },
      async importPreview(target) {
        importResult ??= await readUpload(new TextEncoder().encode(SEED_004), "004.txt");
        const [row] = await t.deps.db
          .insert(imports)
          .values({
            orgId: ctx.org(target).id,
            year: 2024,
            fileName: "004.txt",
            sha256: randomUUID(),
            size: SEED_004.length,
            state: "preview",
            result: importResult,
            plan: [],
          })
          .returning();
        return row!;
      },
      async publication(target) {
        const p = await ctx.project(target, "approved");
        const [row] = await t.deps.db
          .insert(publications)
          .values({
            entityType: "project",
            entityId: p.id,
            entityVersion: 1,
            orgId: ctx.org(target).id,
            year: 2024,
            title: "矩阵",
            document: {
              file: "x",
              format: "records",
              kinds: ["project-goals"],
              organisations: [],
              dutyGoals: [],
              projects: [{ name: "矩阵", indicators: [], location: { file: "x" } }],
              projectSelfEvaluations: [],
              paragraphs: [],
              unmapped: [],
            },
            files: {},
            publishedBy: fillerId,
          })
          .returning();
        return row!;
      },
      async snapshot(target, area) {
        const r = await record(ctx, area, target, "submitted");
        const [row] = await t.deps.db
          .insert(recordSnapshots)
          .values({ entityType: ENTITY_TYPE[area], entityId: r.id, entityVersion: 1, state: "submitted", snapshot: {} })
          .returning();
        return { recordId: r.id, id: row!.id };
      },
      async indicator(target) {
        const p = await ctx.project(target);
        return insertIndicator(t.deps.db, { projectId: p.id, level: 1, name: "产出指标" });
      },
    };
    expertIds.own = (
      await createAccount(t.deps.db, { username: "expert", roles: [{ role: "expert", orgId: t.world.city.id }] })
    ).id;
    expertIds.foreign = (
      await createAccount(t.deps.db, {
        username: "foreignExpert",
        roles: [{ role: "expert", orgId: t.world.foreign.id }],
      })
    ).id;
    for (const role of ROLES) {
      const username = role === "anonymous" ? undefined : role;
      clients.set(role, username ? await t.as(username) : t.client());
    }
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("covers every route of the OpenAPI document", async () => {
    const doc = (await t.client().req("GET", "/api/openapi.json")).body;
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    expect(CASES.map((c) => c.route).sort()).toEqual(routes.sort());
  });

  it("lets each stage's role alone return a record: the unit approver a submitted one, the reviewer a unit-approved one", async () => {
    const failures: string[] = [];
    for (const area of ["projects", "goals", "evaluations", "budgets", "monitoring/records"] as Area[]) {
      for (const state of ["submitted", "unit_approved"] as WorkflowState[]) {
        for (const role of ["filler", "approver", "reviewer", "viewer"] as RoleName[]) {
          const r = await clients
            .get(role)!
            .post(`/${area}/${(await record(ctx, area, "own", state)).id}/return`, { version: 1, comment: "退回" });
          const want = (state === "submitted" ? unitReview : review)(role, "own");
          if (r.status !== want) failures.push(`${area} ${state} return by ${role}: ${r.status} (want ${want})`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("gives every route × role × own/foreign organisation its expected status", { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    for (const c of CASES) {
      const started = performance.now();
      for (const role of ROLES) {
        for (const target of ["own", "foreign"] as Target[]) {
          const req = await c.make(ctx, target, role);
          // Login and logout change the session: use a fresh client so the other cases keep theirs.
          const fresh = c.route.endsWith("/logout") || c.route.endsWith("/login");
          const client = fresh ? (role === "anonymous" ? t.client() : await t.as(role)) : clients.get(role)!;
          const r = await client.req(req.method, `/api/v1${req.path}`, req.body, req.headers);
          const want = role === "expert" ? expertWant(c, target) : c.expect(role, target);
          if (want === DENIED) {
            if (r.status !== 403 && r.status !== 404)
              failures.push(`${c.route} as expert on ${target}: ${r.status} (want 403/404)`);
            else if (r.body?.error?.code !== STATUS_CODE[r.status])
              failures.push(`${c.route} as expert on ${target}: code ${r.body?.error?.code}`);
          } else if (r.status !== want) {
            failures.push(`${c.route} as ${role} on ${target}: ${r.status} (want ${want}) ${JSON.stringify(r.body)}`);
          } else if (STATUS_CODE[want] && r.body?.error?.code !== STATUS_CODE[want]) {
            failures.push(`${c.route} as ${role} on ${target}: code ${r.body?.error?.code}`);
          }
        }
      }
      if (process.env.MATRIX_TIMING) console.log(kind, c.route, Math.round(performance.now() - started));
    }
    expect(failures).toEqual([]);
    expect(t.errors).toEqual([]);
  });
});

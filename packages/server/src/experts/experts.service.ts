/**
 * Expert review use-cases. The reviewer of a record's subtree (business.review) lists the forms and experts
 * available there, defines a bureau form, assigns the record to experts with a deadline and a form, sees their
 * sheets side by side and adopts the result or not with a reason. An expert (expert.score) sees only their own
 * reviews: anything else is 404 (another expert's review) or 403 (every other area). Every change is audited in
 * its transaction.
 */
import {
  assertSheet,
  assessExante,
  BUILTIN_FORMS,
  checkForm,
  checkSheet,
  compareSheets,
  DomainError,
  type ExantePoints,
  exanteForm,
  type ScoringForm,
} from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import { authorize, scopeOf } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";

/** What the use-cases need of the dependencies (the demo seed calls them with these two). */
type AppDeps = Pick<Deps, "db" | "now">;

import { invalidInput, notFound, ServerError, staleVersion } from "../http/errors.ts";
import { daysLeft } from "../monitoring/presenters.ts";
import { notifyAccounts } from "../notifications/notify.ts";
import { organisationFor, visibleSubtree } from "../orgs/access.ts";
import { assertOpenYear } from "../years/guard.ts";
import { presentSummary } from "./presenters.ts";
import { findSubject, recordContent } from "./record.ts";
import {
  type AssignmentWithOrg,
  expertsCovering,
  findAssignment,
  findForm,
  findReview,
  formsCovering,
  insertAssignment,
  insertForm,
  insertReviews,
  listAssignments,
  type ReviewWithExpert,
  reviewsOf,
  reviewsOfExpert,
  updateAssignment,
  updateReview,
  upsertExante,
} from "./repository.ts";
import type { ExpertSubject } from "./schema.ts";

const ASSIGNMENT = { zh: "专家评审任务", en: "expert assignment" };
const TASK = { zh: "评审任务", en: "review task" };
const FORM = { zh: "评分表", en: "scoring form" };
const RECORD: Record<ExpertSubject, { zh: string; en: string }> = {
  project_goals: { zh: "项目", en: "project" },
  exante: { zh: "项目", en: "project" },
  self_evaluation: { zh: "绩效自评", en: "self-evaluation" },
};
/** The ex-ante form is made from its dimensions' points (the assignment may give other points than 20 each). */
export const EXANTE_FORM_ID = "builtin:exante";

// ---- forms and experts available to a reviewer ----------------------------------------------------------

export async function listForms(deps: AppDeps, actor: Actor | undefined, q: { orgId: string }) {
  const { org } = await visibleSubtree(deps, actor, q.orgId, "business.review");
  const own = await formsCovering(deps.db, org.path);
  const builtins = [...BUILTIN_FORMS, { id: EXANTE_FORM_ID, subject: "exante" as const, form: exanteForm() }].map(
    (b) => ({
      id: b.id,
      name: b.form.name,
      subject: b.subject,
      builtin: true,
      fullMarks: checkForm(b.form).total,
      form: b.form,
    }),
  );
  const mine = own.map((f) => {
    const form = f.definition as ScoringForm;
    return { id: f.id, name: f.name, subject: f.subject, builtin: false, fullMarks: checkForm(form).total, form };
  });
  return { items: [...builtins, ...mine] };
}

export async function createForm(
  deps: AppDeps,
  actor: Actor | undefined,
  input: { orgId: string; subject: ExpertSubject; form: ScoringForm },
) {
  const { actor: a, org } = await organisationFor(deps.db, actor, input.orgId, "business.review");
  const { total } = checkForm(input.form);
  const row = await transact(deps.db, async (tx) => {
    const created = await insertForm(tx, {
      orgId: org.id,
      name: input.form.name,
      subject: input.subject,
      definition: input.form,
      createdBy: a.accountId,
    });
    await recordAudit(tx, {
      actor: a,
      orgId: org.id,
      action: "expert.form.create",
      entityType: "expert_form",
      entityId: created.id,
      after: { name: input.form.name, subject: input.subject, fullMarks: total },
      at: deps.now(),
    });
    return created;
  });
  return { id: row.id, name: row.name, subject: row.subject, builtin: false, fullMarks: total, form: input.form };
}

export async function listExperts(deps: AppDeps, actor: Actor | undefined, q: { orgId: string }) {
  const { org } = await visibleSubtree(deps, actor, q.orgId, "business.review");
  return { items: await expertsCovering(deps.db, org.path) };
}

// ---- assignments (the reviewer) -------------------------------------------------------------------------

export interface AssignInput {
  subject: ExpertSubject;
  entityId: string;
  expertIds: string[];
  formId: string;
  deadline: string;
  thresholdPercent?: string | undefined;
  note?: string | null | undefined;
  /** For 事前绩效评估: points per dimension (20 each when not given). */
  points?: Partial<ExantePoints> | undefined;
}

async function formFor(db: Db, input: AssignInput, orgPath: string): Promise<ScoringForm> {
  if (input.subject === "exante") {
    if (input.formId !== EXANTE_FORM_ID) {
      throw invalidInput(
        { zh: "事前绩效评估使用事前评估评分表", en: "An ex-ante assessment uses the ex-ante form" },
        { field: "formId" },
      );
    }
    return exanteForm(input.points);
  }
  const builtin = BUILTIN_FORMS.find((b) => b.id === input.formId);
  if (builtin) return builtin.form;
  const own = /^[0-9a-f-]{36}$/i.test(input.formId) ? await findForm(db, input.formId) : undefined;
  // A bureau's form is usable in its subtree only.
  if (!own || !orgPath.startsWith(own.orgPath)) throw notFound(FORM);
  return own.definition as ScoringForm;
}

export async function assign(deps: AppDeps, actor: Actor | undefined, input: AssignInput) {
  const record = await findSubject(deps.db, input.subject, input.entityId);
  if (!record) {
    authorize(actor, "business.review");
    throw notFound(RECORD[input.subject]);
  }
  const a = authorize(actor, "business.review", { orgPath: record.orgPath });
  await assertOpenYear(deps.db, record.year);
  const form = await formFor(deps.db, input, record.orgPath);
  checkForm(form);
  compareSheets(form, [], input.thresholdPercent ?? "20"); // checks the threshold
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.deadline) || Number.isNaN(Date.parse(input.deadline))) {
    throw invalidInput(
      { zh: "截止日期格式应为 YYYY-MM-DD", en: "The deadline must be YYYY-MM-DD" },
      { field: "deadline" },
    );
  }
  const ids = [...new Set(input.expertIds)];
  if (ids.length === 0) {
    throw invalidInput({ zh: "请至少选择一位专家", en: "Choose at least one expert" }, { field: "expertIds" });
  }
  const pool = new Map((await expertsCovering(deps.db, record.orgPath)).map((e) => [e.id, e]));
  const outside = ids.filter((id) => !pool.has(id));
  if (outside.length > 0) {
    throw invalidInput(
      { zh: "所选账户不是本单位可用的评审专家", en: "A chosen account is not an expert available to this unit" },
      { field: "expertIds" },
    );
  }
  const created = await transact(deps.db, async (tx) => {
    const row = await insertAssignment(tx, {
      orgId: record.orgId,
      year: record.year,
      subject: input.subject,
      entityId: input.entityId,
      title: record.title,
      formId: input.formId,
      form,
      thresholdPercent: input.thresholdPercent ?? "20",
      deadline: input.deadline,
      note: input.note ?? null,
      createdBy: a.accountId,
    });
    await insertReviews(
      tx,
      ids.map((expertId) => ({ assignmentId: row.id, expertId })),
    );
    await notifyAccounts(tx, ids, {
      kind: "assignment",
      orgId: record.orgId,
      title: {
        zh: `专家评审任务：「${record.title}」，截止 ${input.deadline}`,
        en: `Expert review assigned: "${record.title}", due ${input.deadline}`,
      },
      link: "/experts",
      entity: { type: "expert_assignment", id: row.id },
      at: deps.now(),
    });
    await recordAudit(tx, {
      actor: a,
      orgId: record.orgId,
      action: "expert.assign",
      entityType: "expert_assignment",
      entityId: row.id,
      after: {
        title: record.title,
        subject: input.subject,
        form: form.name,
        deadline: input.deadline,
        experts: ids.map((id) => pool.get(id)!.displayName),
      },
      at: deps.now(),
    });
    return row;
  });
  return getAssignment(deps, a, created.id);
}

export async function listAssignmentsFor(
  deps: AppDeps,
  actor: Actor | undefined,
  q: { orgId?: string | undefined; year?: number | undefined; entityId?: string | undefined },
) {
  const a = authorize(actor, "business.review");
  const scope = scopeOf(a, "business.review");
  let underPath: string | undefined;
  if (q.orgId) underPath = (await visibleSubtree(deps, a, q.orgId, "business.review")).org.path;
  const rows = await listAssignments(deps.db, {
    ...(scope.all ? {} : { scopePaths: scope.paths }),
    ...(underPath ? { underPath } : {}),
    ...(q.year === undefined ? {} : { year: q.year }),
    ...(q.entityId ? { entityId: q.entityId } : {}),
  });
  const reviews = await reviewsOf(
    deps.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) =>
      presentSummary(
        r,
        reviews
          .filter((v) => v.assignmentId === r.id)
          .map((v) => ({ id: v.expertId, name: v.expertName, state: v.state })),
        deps.now(),
      ),
    ),
  };
}

async function assignmentFor(db: Db, actor: Actor | undefined, id: string) {
  const row = await findAssignment(db, id);
  if (!row) {
    authorize(actor, "business.review");
    throw notFound(ASSIGNMENT);
  }
  return { actor: authorize(actor, "business.review", { orgPath: row.orgPath }), row };
}

function presentReview(form: ScoringForm, r: ReviewWithExpert) {
  const check = checkSheet(form, r.scores);
  return {
    id: r.id,
    expertId: r.expertId,
    expertName: r.expertName,
    state: r.state,
    scores: r.scores,
    opinion: r.opinion,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    total: check.complete ? check.total : null,
    version: r.version,
  };
}

async function detail(deps: AppDeps, row: AssignmentWithOrg) {
  const form = row.form as ScoringForm;
  const reviews = await reviewsOf(deps.db, [row.id]);
  const submitted = reviews.filter((r) => r.state === "submitted");
  const comparison = compareSheets(
    form,
    submitted.map((r) => ({ expert: r.expertName, scores: r.scores })),
    row.thresholdPercent,
  );
  const record = await recordContent(deps.db, row.subject, row.entityId);
  return {
    ...presentSummary(
      row,
      reviews.map((v) => ({ id: v.expertId, name: v.expertName, state: v.state })),
      deps.now(),
    ),
    form,
    note: row.note,
    reviews: reviews.map((r) => presentReview(form, r)),
    comparison: { ...comparison, thresholdPercent: presentSummary(row, [], deps.now()).thresholdPercent },
    decisionReason: row.decisionReason,
    adoptedTotal: row.adoptedTotal,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    record: record ?? {
      kind: "project" as const,
      name: row.title,
      orgName: row.orgName,
      year: row.year,
      fields: [],
      rows: [],
    },
  };
}

export async function getAssignment(deps: AppDeps, actor: Actor | undefined, id: string) {
  const { row } = await assignmentFor(deps.db, actor, id);
  return detail(deps, row);
}

/** Adopt the experts' result or not, with a reason; adopting an ex-ante assignment records the assessment. */
export async function decide(
  deps: AppDeps,
  actor: Actor | undefined,
  id: string,
  input: { version: number; adopted: boolean; reason: string },
) {
  const { actor: a, row } = await assignmentFor(deps.db, actor, id);
  await assertOpenYear(deps.db, row.year);
  if (row.state !== "open") {
    throw new ServerError("not_editable", {
      zh: "该专家评审已作出采纳决定",
      en: "The experts' result was already decided on",
    });
  }
  const reason = input.reason.trim();
  if (!reason) {
    throw invalidInput({ zh: "请说明采纳或不采纳的理由", en: "Give the reason for the decision" }, { field: "reason" });
  }
  const form = row.form as ScoringForm;
  const reviews = await reviewsOf(deps.db, [row.id]);
  const submitted = reviews.filter((r) => r.state === "submitted");
  if (submitted.length === 0) {
    throw new DomainError("conflict", {
      zh: "尚无专家提交评分，不能作出采纳决定",
      en: "No expert has submitted scores yet",
    });
  }
  const comparison = compareSheets(
    form,
    submitted.map((r) => ({ expert: r.expertName, scores: r.scores })),
    row.thresholdPercent,
  );
  const now = deps.now();
  await transact(deps.db, async (tx) => {
    const updated = await updateAssignment(
      tx,
      row.id,
      input.version,
      {
        state: input.adopted ? "adopted" : "not_adopted",
        decisionReason: reason,
        adoptedTotal: input.adopted ? comparison.averageTotal : null,
        decidedBy: a.accountId,
        decidedAt: now,
      },
      now,
    );
    if (!updated) throw staleVersion(await detail(deps, row));
    if (input.adopted && row.subject === "exante") {
      const points = Object.fromEntries(form.sections.map((s) => [s.key, s.maxPoints])) as ExantePoints;
      const scores = Object.fromEntries(comparison.items.map((i) => [i.key, i.average ?? "0"]));
      const assessed = assessExante({ points, scores });
      await upsertExante(
        tx,
        {
          projectId: row.entityId,
          orgId: row.orgId,
          year: row.year,
          points: assessed.points,
          scores: assessed.scores,
          thresholds: assessed.thresholds,
          total: assessed.total,
          fullMarks: assessed.fullMarks,
          derived: assessed.derived,
          conclusion: assessed.conclusion,
          overrideReason: null,
          opinion: submitted.map((r) => `${r.expertName}：${r.opinion ?? ""}`).join("\n"),
          source: "experts",
          assignmentId: row.id,
          assessedBy: a.accountId,
        },
        undefined,
        now,
      );
    }
    await recordAudit(tx, {
      actor: a,
      orgId: row.orgId,
      action: input.adopted ? "expert.adopt" : "expert.reject",
      entityType: "expert_assignment",
      entityId: row.id,
      before: { state: row.state },
      after: {
        state: updated.state,
        title: row.title,
        reason,
        averageScore: comparison.averageTotal,
        experts: submitted.length,
        diverging: comparison.diverging.length,
      },
      at: now,
    });
  });
  return getAssignment(deps, a, row.id);
}

// ---- the expert's own tasks ------------------------------------------------------------------------------

function presentTaskSummary(
  r: { id: string; state: "pending" | "submitted"; version: number },
  a: AssignmentWithOrg | (Omit<AssignmentWithOrg, "orgPath"> & { orgPath?: string }),
  now: Date,
) {
  return {
    id: r.id,
    assignmentId: a.id,
    subject: a.subject,
    title: a.title,
    orgName: a.orgName,
    year: a.year,
    deadline: a.deadline,
    daysLeft: daysLeft(a.deadline, now),
    state: r.state,
    assignmentState: a.state,
    formName: (a.form as { name: string }).name,
    version: r.version,
  };
}

export async function myTasks(deps: AppDeps, actor: Actor | undefined) {
  const a = authorize(actor, "expert.score");
  const rows = await reviewsOfExpert(deps.db, a.accountId);
  return { items: rows.map((x) => presentTaskSummary(x.r, { ...x.a, orgName: x.orgName }, deps.now())) };
}

/** The expert's own review and its assignment; any other review is 404 (its existence is not revealed). */
async function taskFor(db: Db, actor: Actor | undefined, id: string) {
  const a = authorize(actor, "expert.score");
  const review = await findReview(db, id);
  if (!review || review.expertId !== a.accountId) throw notFound(TASK);
  const assignment = await findAssignment(db, review.assignmentId);
  if (!assignment) throw notFound(TASK);
  return { actor: a, review, assignment };
}

async function taskView(deps: AppDeps, review: ReviewWithExpert, assignment: AssignmentWithOrg) {
  const form = assignment.form as ScoringForm;
  const record = await recordContent(deps.db, assignment.subject, assignment.entityId);
  return {
    ...presentTaskSummary(review, assignment, deps.now()),
    form,
    note: assignment.note,
    scores: review.scores,
    opinion: review.opinion,
    check: checkSheet(form, review.scores),
    record: record ?? {
      kind: "project" as const,
      name: assignment.title,
      orgName: assignment.orgName,
      year: assignment.year,
      fields: [],
      rows: [],
    },
  };
}

export async function getTask(deps: AppDeps, actor: Actor | undefined, id: string) {
  const { review, assignment } = await taskFor(deps.db, actor, id);
  return taskView(deps, review, assignment);
}

function assertOpenTask(review: ReviewWithExpert, assignment: AssignmentWithOrg) {
  if (assignment.state !== "open" || review.state !== "pending") {
    throw new ServerError("not_editable", {
      zh: review.state === "submitted" ? "评分已提交，不能再修改" : "该评审已结束，不能再修改",
      en: review.state === "submitted" ? "The scores were submitted: no more changes" : "The review is closed",
    });
  }
}

/** Save the expert's scores and opinion (a draft: items may stay blank, but no score may be wrong). */
export async function saveTask(
  deps: AppDeps,
  actor: Actor | undefined,
  id: string,
  input: { version: number; scores: Record<string, string>; opinion?: string | null | undefined; submit?: boolean },
) {
  const { actor: a, review, assignment } = await taskFor(deps.db, actor, id);
  assertOpenTask(review, assignment);
  const form = assignment.form as ScoringForm;
  const scores = Object.fromEntries(Object.entries(input.scores).filter(([, v]) => v.trim() !== ""));
  const submit = input.submit === true;
  const check = assertSheet(form, scores, { complete: submit });
  const opinion = input.opinion === undefined ? review.opinion : input.opinion;
  if (submit && !opinion?.trim()) {
    throw invalidInput(
      { zh: "提交前请填写评审意见", en: "Write your opinion before submitting" },
      { field: "opinion" },
    );
  }
  const now = deps.now();
  await transact(deps.db, async (tx) => {
    const updated = await updateReview(
      tx,
      review.id,
      input.version,
      { scores, opinion: opinion ?? null, ...(submit ? { state: "submitted", submittedAt: now } : {}) },
      now,
    );
    if (!updated) throw staleVersion(await taskView(deps, review, assignment));
    await recordAudit(tx, {
      actor: a,
      orgId: assignment.orgId,
      action: submit ? "expert.review.submit" : "expert.review.save",
      entityType: "expert_review",
      entityId: review.id,
      before: { scores: review.scores, opinion: review.opinion, state: review.state },
      after: { title: assignment.title, scores, opinion, state: updated.state, score: check.total },
      at: now,
    });
  });
  return getTask(deps, a, id);
}

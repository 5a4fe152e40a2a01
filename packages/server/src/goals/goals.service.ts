/** Department-overall goal use-cases: like project goals (same workflow guard), owned by an organisation and year. */
import { DomainError } from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import { authorize, type Permission, scopeOf } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { isReferenceViolation, PG_UNIQUE_VIOLATION, pgError } from "../db/errors.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";
import { notFound, staleVersion } from "../http/errors.ts";
import { findOrganisation } from "../orgs/repository.ts";
import { checkTransition, notEditable } from "../workflow/guard.ts";
import { isEditable, type WorkflowAction } from "../workflow/rules.ts";
import { recordWorkflowStep } from "../workflow/step.ts";
import { assertOpenYear } from "../years/guard.ts";
import { type Goal, presentGoal } from "./presenters.ts";
import { deleteGoal, findGoal, type GoalWithOrg, insertGoal, listGoals, updateGoal } from "./repository.ts";

const GOAL = { zh: "部门整体绩效目标", en: "department goal" };

export async function goalFor(
  db: Db,
  actor: Actor | undefined,
  id: string,
  permission: Permission = "business.read",
): Promise<GoalWithOrg> {
  const row = await findGoal(db, id);
  if (!row) {
    authorize(actor, "business.read");
    throw notFound(GOAL);
  }
  authorize(actor, permission, { orgPath: row.orgPath });
  return row;
}

export async function listGoalsFor(
  deps: Deps,
  actor: Actor | undefined,
  q: { orgId?: string | undefined; year?: number | undefined },
) {
  const a = authorize(actor, "business.read");
  const scope = scopeOf(a, "business.read");
  let underPath: string | undefined;
  if (q.orgId) {
    const org = await findOrganisation(deps.db, q.orgId);
    if (!org) throw notFound({ zh: "组织机构", en: "organisation" });
    authorize(a, "business.read", { orgPath: org.path });
    underPath = org.path;
  }
  const rows = await listGoals(deps.db, {
    ...(scope.all ? {} : { scopePaths: scope.paths }),
    ...(underPath ? { underPath } : {}),
    ...(q.year === undefined ? {} : { year: q.year }),
  });
  return { items: rows.map(presentGoal) };
}

export async function createGoal(
  deps: Deps,
  actor: Actor | undefined,
  input: {
    orgId: string;
    year: number;
    annualGoal?: string | null | undefined;
    midTermGoal?: string | null | undefined;
  },
): Promise<Goal> {
  const org = await findOrganisation(deps.db, input.orgId);
  if (!org) {
    authorize(actor, "business.write");
    throw notFound({ zh: "组织机构", en: "organisation" });
  }
  const a = authorize(actor, "business.write", { orgPath: org.path });
  await assertOpenYear(deps.db, input.year);
  try {
    return await transact(deps.db, async (tx) => {
      const row = await insertGoal(tx, { ...input, createdAt: deps.now(), updatedAt: deps.now() });
      const after = presentGoal({ ...row, orgPath: org.path, orgName: org.name });
      await recordAudit(tx, {
        actor: a,
        orgId: org.id,
        action: "goal.create",
        entityType: "department_goal",
        entityId: row.id,
        after,
        at: deps.now(),
      });
      return after;
    });
  } catch (e) {
    if (pgError(e)?.code === PG_UNIQUE_VIOLATION) {
      throw new DomainError("conflict", {
        zh: "该单位该年度已有部门整体绩效目标",
        en: "This organisation already has overall goals for the year",
      });
    }
    if (isReferenceViolation(e)) {
      throw new DomainError(
        "invalid_input",
        { zh: `预算年度 ${input.year} 不存在`, en: `Fiscal year ${input.year} does not exist` },
        { field: "year" },
      );
    }
    throw e;
  }
}

async function explainMiss(db: Db, id: string, version: number): Promise<never> {
  const now = await findGoal(db, id);
  if (!now) throw notFound(GOAL);
  if (now.version !== version) throw staleVersion(presentGoal(now));
  throw notEditable(now.workflowState);
}

export async function updateGoalFor(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  input: { version: number; annualGoal?: string | null | undefined; midTermGoal?: string | null | undefined },
): Promise<Goal> {
  const current = await goalFor(deps.db, actor, id, "business.write");
  const a = authorize(actor, "business.write", { orgPath: current.orgPath });
  await assertOpenYear(deps.db, current.year);
  const { version, ...patch } = input;
  if (current.version === version && !isEditable(current.workflowState)) throw notEditable(current.workflowState);
  return transact(deps.db, async (tx) => {
    const row = await updateGoal(tx, id, version, patch, deps.now(), { editableOnly: true });
    if (!row) return explainMiss(tx, id, version);
    const after = presentGoal({ ...current, ...row });
    await recordAudit(tx, {
      actor: a,
      orgId: current.orgId,
      action: "goal.update",
      entityType: "department_goal",
      entityId: id,
      before: presentGoal(current),
      after,
      at: deps.now(),
    });
    return after;
  });
}

export async function deleteGoalFor(deps: Deps, actor: Actor | undefined, id: string, version: number) {
  const current = await goalFor(deps.db, actor, id, "business.write");
  const a = authorize(actor, "business.write", { orgPath: current.orgPath });
  await assertOpenYear(deps.db, current.year);
  if (current.version === version && !isEditable(current.workflowState)) throw notEditable(current.workflowState);
  await transact(deps.db, async (tx) => {
    if (!(await deleteGoal(tx, id, version))) return explainMiss(tx, id, version);
    await recordAudit(tx, {
      actor: a,
      orgId: current.orgId,
      action: "goal.delete",
      entityType: "department_goal",
      entityId: id,
      before: presentGoal(current),
      at: deps.now(),
    });
  });
}

export async function transitionGoal(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  action: WorkflowAction,
  input: { version: number; comment?: string | undefined },
): Promise<Goal> {
  const permission: Permission = action === "submit" ? "business.write" : "business.review";
  const current = await goalFor(deps.db, actor, id, permission);
  const a = authorize(actor, permission, { orgPath: current.orgPath });
  await assertOpenYear(deps.db, current.year);
  if (current.version !== input.version) throw staleVersion(presentGoal(current));
  const to = checkTransition(current, action, a.accountId, input.comment);
  return transact(deps.db, async (tx) => {
    const row = await updateGoal(
      tx,
      id,
      input.version,
      { workflowState: to, ...(action === "submit" ? { submittedBy: a.accountId } : {}) },
      deps.now(),
      { fromState: current.workflowState },
    );
    if (!row) return explainMiss(tx, id, input.version);
    const after = presentGoal({ ...current, ...row });
    await recordWorkflowStep(tx, {
      entityType: "department_goal",
      entityId: id,
      orgId: current.orgId,
      actor: a,
      action,
      from: { state: current.workflowState, version: current.version },
      to: { state: to, version: row.version },
      comment: input.comment,
      at: deps.now(),
      snapshot: () => after,
    });
    return after;
  });
}

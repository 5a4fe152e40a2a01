/** Department-overall goal use-cases: like project goals (same workflow guard), owned by an organisation and year. */
import { DomainError } from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import { authorize, type Permission, scopeOf } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { editRecord, recordFor } from "../db/editable.ts";
import { isReferenceViolation, PG_UNIQUE_VIOLATION, pgError } from "../db/errors.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";
import { notFound } from "../http/errors.ts";
import { presentIndicator } from "../indicators/presenters.ts";
import { indicatorsOf } from "../indicators/repository.ts";
import { writableOrganisation } from "../orgs/access.ts";
import { findOrganisation } from "../orgs/repository.ts";
import type { WorkflowAction } from "../workflow/rules.ts";
import { type ReviewableKind, transitionRecord } from "../workflow/transition.ts";
import { type Goal, presentGoal } from "./presenters.ts";
import { deleteGoal, findGoal, type GoalWithOrg, insertGoal, listGoals, updateGoal } from "./repository.ts";

/** Department goals as an editable, reviewable kind of record (db/editable.ts, workflow/transition.ts). */
const GOALS: ReviewableKind<GoalWithOrg, Goal> = {
  entityType: "department_goal",
  what: { zh: "部门整体绩效目标", en: "department goal" },
  find: findGoal,
  present: presentGoal,
  setState: (tx, id, version, patch, now, fromState) => updateGoal(tx, id, version, patch, now, { fromState }),
  snapshotRows: async (tx, id) => ({
    indicators: (await indicatorsOf(tx, { kind: "goal", id })).map(presentIndicator),
  }),
};

export function goalFor(
  db: Db,
  actor: Actor | undefined,
  id: string,
  permission: Permission = "business.read",
): Promise<GoalWithOrg> {
  return recordFor(db, actor, GOALS, id, permission);
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
  const { actor: a, org } = await writableOrganisation(deps.db, actor, input.orgId, input.year);
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

export function updateGoalFor(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  input: { version: number; annualGoal?: string | null | undefined; midTermGoal?: string | null | undefined },
): Promise<Goal> {
  const { version, ...patch } = input;
  return editRecord(deps, actor, GOALS, id, version, {
    action: "goal.update",
    write: async (tx, current) => {
      const row = await updateGoal(tx, id, version, patch, deps.now(), { editableOnly: true });
      return row && presentGoal({ ...current, ...row });
    },
    audit: (current, after) => ({ before: presentGoal(current), after }),
  });
}

export async function deleteGoalFor(deps: Deps, actor: Actor | undefined, id: string, version: number) {
  await editRecord(deps, actor, GOALS, id, version, {
    action: "goal.delete",
    write: async (tx) => ((await deleteGoal(tx, id, version)) ? true : undefined),
    audit: (current) => ({ before: presentGoal(current) }),
  });
}

export function transitionGoal(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  action: WorkflowAction,
  input: { version: number; comment?: string | undefined },
): Promise<Goal> {
  return transitionRecord(deps, actor, GOALS, id, action, input);
}

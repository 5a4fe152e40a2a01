/** Department budget use-cases: the header and its sections (saved as a whole), kept as written and checked. */
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
import { writableOrganisation } from "../orgs/access.ts";
import { findOrganisation } from "../orgs/repository.ts";
import type { WorkflowAction } from "../workflow/rules.ts";
import { type ReviewableKind, transitionRecord } from "../workflow/transition.ts";
import { type Budget, presentBudget, presentSections } from "./department.presenters.ts";
import {
  type BudgetPatch,
  type BudgetWithOrg,
  deleteBudget,
  findBudget,
  insertBudget,
  listBudgets,
  replaceSections,
  type Sections,
  type SectionsInput,
  sectionsOf,
  updateBudget,
} from "./department.repository.ts";

/** A budget with its sections: what the API shows, snapshots and exports. */
export type BudgetRecord = BudgetWithOrg & { sections: Sections };

async function findBudgetRecord(db: Db, id: string): Promise<BudgetRecord | undefined> {
  const b = await findBudget(db, id);
  return b && { ...b, sections: await sectionsOf(db, b.id) };
}

/** Department budgets as an editable, reviewable kind of record (db/editable.ts, workflow/transition.ts). */
export const BUDGETS: ReviewableKind<BudgetRecord, Budget> = {
  entityType: "department_budget",
  what: { zh: "部门预算", en: "department budget" },
  find: findBudgetRecord,
  present: (b) => presentBudget(b, b.sections),
  setState: (tx, id, version, patch, now, fromState) => updateBudget(tx, id, version, patch, now, { fromState }),
  // The presented budget already holds its sections.
  snapshotRows: async () => ({}),
};

/** The budget when the actor holds `permission` on its organisation; 404 when invisible, 403 when read-only. */
export function budgetFor(
  db: Db,
  actor: Actor | undefined,
  id: string,
  permission: Permission = "business.read",
): Promise<BudgetRecord> {
  return recordFor(db, actor, BUDGETS, id, permission);
}

const present = async (db: Db, b: BudgetWithOrg) => presentBudget(b, await sectionsOf(db, b.id));

export async function listBudgetsFor(
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
  const rows = await listBudgets(deps.db, {
    ...(scope.all ? {} : { scopePaths: scope.paths }),
    ...(underPath ? { underPath } : {}),
    ...(q.year === undefined ? {} : { year: q.year }),
  });
  const items = [];
  for (const r of rows) items.push(await present(deps.db, r));
  return { items };
}

export async function getBudget(deps: Deps, actor: Actor | undefined, id: string) {
  return BUDGETS.present(await budgetFor(deps.db, actor, id));
}

export async function getSections(deps: Deps, actor: Actor | undefined, id: string) {
  const b = await budgetFor(deps.db, actor, id);
  return presentSections(b, b.sections);
}
export async function createBudget(
  deps: Deps,
  actor: Actor | undefined,
  input: BudgetPatch & { orgId: string; year: number },
) {
  const { actor: a, org } = await writableOrganisation(deps.db, actor, input.orgId, input.year);
  try {
    return await transact(deps.db, async (tx) => {
      const row = await insertBudget(tx, { ...input, createdAt: deps.now(), updatedAt: deps.now() });
      const after = await present(tx, { ...row, orgPath: org.path, orgName: org.name });
      await recordAudit(tx, {
        actor: a,
        orgId: org.id,
        action: "budget.create",
        entityType: "department_budget",
        entityId: row.id,
        after,
        at: deps.now(),
      });
      return after;
    });
  } catch (e) {
    if (pgError(e)?.code === PG_UNIQUE_VIOLATION) {
      throw new DomainError("conflict", {
        zh: "该单位该年度已有部门预算",
        en: "This organisation already has a budget for the year",
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

export function updateBudgetFor(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  input: BudgetPatch & { version: number },
): Promise<Budget> {
  const { version, ...patch } = input;
  return editRecord(deps, actor, BUDGETS, id, version, {
    action: "budget.update",
    write: async (tx, current) => {
      const row = await updateBudget(tx, id, version, patch, deps.now(), { editableOnly: true });
      return row && present(tx, { ...current, ...row });
    },
    audit: (current, after) => ({ before: BUDGETS.present(current), after }),
  });
}

/** Replace the sections as a whole (a draft or returned budget), bumping the budget's version. */
export function replaceSectionsFor(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  input: SectionsInput & { version: number },
): Promise<Budget> {
  const { version, ...sections } = input;
  return editRecord(deps, actor, BUDGETS, id, version, {
    action: "budget.sections",
    write: async (tx, current) => {
      const row = await updateBudget(tx, id, version, {}, deps.now(), { editableOnly: true });
      if (!row) return undefined;
      await replaceSections(tx, id, sections);
      return present(tx, { ...current, ...row });
    },
    audit: (current, after) => ({ before: BUDGETS.present(current), after }),
  });
}

export async function deleteBudgetFor(deps: Deps, actor: Actor | undefined, id: string, version: number) {
  await editRecord(deps, actor, BUDGETS, id, version, {
    action: "budget.delete",
    write: async (tx) => ((await deleteBudget(tx, id, version)) ? true : undefined),
    audit: (current) => ({ before: BUDGETS.present(current) }),
  });
}

/** A workflow step (submit, unit-approve, approve, return) with its transition, snapshot and audit row. */
export function transitionBudget(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  action: WorkflowAction,
  input: { version: number; comment?: string | undefined },
): Promise<Budget> {
  return transitionRecord(deps, actor, BUDGETS, id, action, input);
}

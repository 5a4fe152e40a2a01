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
import { notFound, staleVersion } from "../http/errors.ts";
import { writableOrganisation } from "../orgs/access.ts";
import { findOrganisation } from "../orgs/repository.ts";
import { findProject } from "../projects/repository.ts";
import type { WorkflowAction } from "../workflow/rules.ts";
import { type ReviewableKind, transitionRecord } from "../workflow/transition.ts";
import { assertOpenYear } from "../years/guard.ts";
import { type Budget, presentBudget, presentSections } from "./department.presenters.ts";
import {
  type BudgetPatch,
  type BudgetWithOrg,
  deleteBudget,
  findBudget,
  insertBudget,
  latestRevision,
  listBudgets,
  replaceSections,
  type Sections,
  type SectionsInput,
  sectionsOf,
  updateBudget,
} from "./department.repository.ts";
import { insertSections } from "./sections.repository.ts";

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

/**
 * Every project a section line names must be visible to the actor and belong to the budget's organisation
 * (or below it): otherwise 404 at the line's field — the same answer for another organisation's project as for
 * one that does not exist (issue 15).
 */
async function checkProjectReferences(db: Db, actor: Actor | undefined, budgetOrgPath: string, s: SectionsInput) {
  const refs: [string, string][] = [];
  s.spending.forEach((l, i) => {
    if (l.projectId) refs.push([`spending.${i}.projectId`, l.projectId]);
  });
  s.procurement.forEach((l, i) => {
    if (l.projectId) refs.push([`procurement.${i}.projectId`, l.projectId]);
  });
  if (refs.length === 0) return;
  const scope = actor ? scopeOf(actor, "business.read") : { all: false as const, paths: [] };
  for (const [field, projectId] of refs) {
    const p = await findProject(db, projectId);
    const visible =
      p?.orgPath.startsWith(budgetOrgPath) === true && (scope.all || scope.paths.some((x) => p.orgPath.startsWith(x)));
    if (!visible) {
      throw new DomainError(
        "not_found",
        { zh: "项目不存在或无权查看", en: "The project does not exist or is not visible to you" },
        { field },
      );
    }
  }
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
      await checkProjectReferences(tx, actor, current.orgPath, sections);
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

/**
 * An adjustment (预算调整) of an approved budget: a new draft revision (revision + 1) with the header and every
 * section copied; the approved revision stays as it is (approved, published, with its snapshots). Only the latest
 * revision of the organisation's year is adjusted, one adjustment at a time.
 */
export async function reviseBudget(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  input: { version: number },
): Promise<Budget> {
  const current = await budgetFor(deps.db, actor, id, "business.write");
  const a = authorize(actor, "business.write", { orgPath: current.orgPath });
  await assertOpenYear(deps.db, current.year);
  if (current.version !== input.version) throw staleVersion(BUDGETS.present(current));
  if (current.workflowState !== "approved") {
    throw new DomainError("conflict", {
      zh: "只有已审核通过的部门预算才能调整；草稿或已退回的预算直接修改即可",
      en: "Only an approved department budget is adjusted; edit a draft or returned one directly",
    });
  }
  const latest = await latestRevision(deps.db, current.orgId, current.year);
  if (latest && latest.revision > current.revision) throw alreadyAdjusted(latest);
  try {
    return await transact(deps.db, async (tx) => {
      const row = await insertBudget(tx, {
        orgId: current.orgId,
        year: current.year,
        revision: current.revision + 1,
        incomeTotal: current.incomeTotal,
        expenditureTotal: current.expenditureTotal,
        operatingFunds: current.operatingFunds,
        notes: current.notes,
        createdAt: deps.now(),
        updatedAt: deps.now(),
      });
      const s = current.sections;
      const line = <T extends { id: string; budgetId: string; sortOrder: number }>({
        id: _i,
        budgetId: _b,
        sortOrder: _o,
        ...rest
      }: T) => rest;
      const one = <T extends { budgetId: string }>(r: T | null) => {
        if (!r) return null;
        const { budgetId: _b, ...rest } = r;
        return rest;
      };
      await insertSections(tx, row.id, {
        income: s.income.map(line),
        spending: s.spending.map(line),
        threePublic: one(s.threePublic),
        procurement: s.procurement.map(line),
        assets: one(s.assets),
      });
      const after = await present(tx, { ...row, orgPath: current.orgPath, orgName: current.orgName });
      await recordAudit(tx, {
        actor: a,
        orgId: current.orgId,
        action: "budget.revise",
        entityType: BUDGETS.entityType,
        entityId: row.id,
        before: { supersedes: current.id, revision: current.revision },
        after,
        at: deps.now(),
      });
      return after;
    });
  } catch (e) {
    // Another adjustment of the year was written between the read above and this one.
    if (pgError(e)?.code === PG_UNIQUE_VIOLATION) throw alreadyAdjusted(undefined);
    throw e;
  }
}

/** A later revision exists: while it is open it is the one to edit, once approved the one to adjust. */
function alreadyAdjusted(later: { revision: number; workflowState: string } | undefined): DomainError {
  return later?.workflowState === "approved"
    ? new DomainError("conflict", {
        zh: `该部门预算已调整为第 ${later.revision} 版并已审核通过；如需再次调整，请在第 ${later.revision} 版上调整`,
        en: `This budget was adjusted as revision ${later.revision}, which is approved; adjust revision ${later.revision} instead`,
      })
    : new DomainError("conflict", {
        zh: later
          ? `该部门预算已有一个进行中的调整（第 ${later.revision} 版），请在该版本上修改`
          : "该部门预算已有一个进行中的调整",
        en: later
          ? `An adjustment of this budget is already under way (revision ${later.revision}); edit that one`
          : "An adjustment of this budget is already under way",
      });
}

/** Department budget use-cases: the header and its sections (saved as a whole), kept as written and checked. */
import { DomainError } from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import { authorize, scopeOf } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { isReferenceViolation, PG_UNIQUE_VIOLATION, pgError } from "../db/errors.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";
import { notFound, staleVersion } from "../http/errors.ts";
import { findOrganisation } from "../orgs/repository.ts";
import { notEditable } from "../workflow/guard.ts";
import { isEditable } from "../workflow/rules.ts";
import { assertOpenYear } from "../years/guard.ts";
import { presentBudget, presentSections } from "./department.presenters.ts";
import {
  type BudgetPatch,
  type BudgetWithOrg,
  deleteBudget,
  findBudget,
  insertBudget,
  listBudgets,
  replaceSections,
  type SectionsInput,
  sectionsOf,
  updateBudget,
} from "./department.repository.ts";

const BUDGET = { zh: "部门预算", en: "department budget" };

export async function budgetFor(
  db: Db,
  actor: Actor | undefined,
  id: string,
  permission: "business.read" | "business.write",
) {
  const row = await findBudget(db, id);
  if (!row) {
    authorize(actor, "business.read");
    throw notFound(BUDGET);
  }
  authorize(actor, permission, { orgPath: row.orgPath });
  return row;
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
  return present(deps.db, await budgetFor(deps.db, actor, id, "business.read"));
}

export async function getSections(deps: Deps, actor: Actor | undefined, id: string) {
  const b = await budgetFor(deps.db, actor, id, "business.read");
  return presentSections(b, await sectionsOf(deps.db, b.id));
}

export async function createBudget(
  deps: Deps,
  actor: Actor | undefined,
  input: BudgetPatch & { orgId: string; year: number },
) {
  const org = await findOrganisation(deps.db, input.orgId);
  if (!org) {
    authorize(actor, "business.write");
    throw notFound({ zh: "组织机构", en: "organisation" });
  }
  const a = authorize(actor, "business.write", { orgPath: org.path });
  await assertOpenYear(deps.db, input.year);
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

async function explainMiss(db: Db, id: string): Promise<never> {
  const now = await findBudget(db, id);
  if (!now) throw notFound(BUDGET);
  throw staleVersion(await present(db, now));
}

async function write(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  version: number,
  action: string,
  change: (tx: Db) => Promise<void>,
  patch: BudgetPatch = {},
) {
  const current = await budgetFor(deps.db, actor, id, "business.write");
  const a = authorize(actor, "business.write", { orgPath: current.orgPath });
  await assertOpenYear(deps.db, current.year);
  if (current.version === version && !isEditable(current.workflowState)) throw notEditable(current.workflowState);
  const before = await present(deps.db, current);
  return transact(deps.db, async (tx) => {
    const row = await updateBudget(tx, id, version, patch, deps.now());
    if (!row) return explainMiss(tx, id);
    await change(tx);
    const after = await present(tx, { ...current, ...row });
    await recordAudit(tx, {
      actor: a,
      orgId: current.orgId,
      action,
      entityType: "department_budget",
      entityId: id,
      before,
      after,
      at: deps.now(),
    });
    return after;
  });
}

export const updateBudgetFor = (
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  input: BudgetPatch & { version: number },
) => {
  const { version, ...patch } = input;
  return write(deps, actor, id, version, "budget.update", async () => {}, patch);
};

export const replaceSectionsFor = (
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  input: SectionsInput & { version: number },
) => {
  const { version, ...sections } = input;
  return write(deps, actor, id, version, "budget.sections", (tx) => replaceSections(tx, id, sections));
};

export async function deleteBudgetFor(deps: Deps, actor: Actor | undefined, id: string, version: number) {
  const current = await budgetFor(deps.db, actor, id, "business.write");
  const a = authorize(actor, "business.write", { orgPath: current.orgPath });
  await assertOpenYear(deps.db, current.year);
  if (current.version === version && !isEditable(current.workflowState)) throw notEditable(current.workflowState);
  const before = await present(deps.db, current);
  await transact(deps.db, async (tx) => {
    if (!(await deleteBudget(tx, id, version))) return explainMiss(tx, id);
    await recordAudit(tx, {
      actor: a,
      orgId: current.orgId,
      action: "budget.delete",
      entityType: "department_budget",
      entityId: id,
      before,
      at: deps.now(),
    });
  });
}

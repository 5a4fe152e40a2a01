/** Budget execution use-cases: figures as reported (kept even when they do not add up; core's checks say so). */
import { DomainError } from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import { authorize, scopeOf } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { isReferenceViolation, PG_UNIQUE_VIOLATION, pgError } from "../db/errors.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";
import { notFound, staleVersion } from "../http/errors.ts";
import { writableOrganisation } from "../orgs/access.ts";
import { findOrganisation } from "../orgs/repository.ts";
import { findProject } from "../projects/repository.ts";
import { assertOpenYear } from "../years/guard.ts";
import { presentExecution } from "./execution.presenters.ts";
import {
  deleteExecution,
  type ExecutionPatch,
  type ExecutionWithOrg,
  findExecution,
  insertExecution,
  listExecution,
  updateExecution,
} from "./execution.repository.ts";

const EXECUTION = { zh: "预算执行数据", en: "execution figures" };

async function executionFor(
  db: Db,
  actor: Actor | undefined,
  id: string,
  permission: "business.read" | "business.write",
) {
  const row = await findExecution(db, id);
  if (!row) {
    authorize(actor, "business.read");
    throw notFound(EXECUTION);
  }
  authorize(actor, permission, { orgPath: row.orgPath });
  return row;
}

export async function listExecutionFor(
  deps: Deps,
  actor: Actor | undefined,
  q: { orgId?: string | undefined; year?: number | undefined; scope?: string | undefined; month?: number | undefined },
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
  const rows = await listExecution(deps.db, {
    ...(scope.all ? {} : { scopePaths: scope.paths }),
    ...(underPath ? { underPath } : {}),
    ...(q.year === undefined ? {} : { year: q.year }),
    ...(q.scope ? { scope: q.scope } : {}),
    ...(q.month === undefined ? {} : { month: q.month === 0 ? null : q.month }),
  });
  return { items: rows.map(presentExecution) };
}

export async function getExecution(deps: Deps, actor: Actor | undefined, id: string) {
  return presentExecution(await executionFor(deps.db, actor, id, "business.read"));
}

export async function createExecution(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  input: ExecutionPatch & {
    orgId: string;
    year: number;
    scope: string;
    projectId?: string | null;
    month?: number | null;
  },
) {
  const { actor: a, org } = await writableOrganisation(deps.db, actor, input.orgId, input.year);
  if ((input.scope === "project") !== Boolean(input.projectId)) {
    throw new DomainError(
      "invalid_input",
      {
        zh: "范围为单个项目时须指定项目，其他范围不指定",
        en: "Scope `project` needs a project; other scopes take none",
      },
      { field: "projectId" },
    );
  }
  if (input.projectId) {
    const p = await findProject(deps.db, input.projectId);
    if (!p || p.orgId !== org.id) {
      throw new DomainError(
        "invalid_input",
        { zh: "项目不属于该单位", en: "The project is not this organisation's" },
        { field: "projectId" },
      );
    }
  }
  try {
    return await transact(deps.db, async (tx) => {
      const row = await insertExecution(tx, {
        ...input,
        projectId: input.projectId ?? null,
        month: input.month ?? null,
        createdAt: deps.now(),
        updatedAt: deps.now(),
      });
      const after = presentExecution({ ...row, orgPath: org.path, orgName: org.name });
      await recordAudit(tx, {
        actor: a,
        orgId: org.id,
        action: "execution.create",
        entityType: "budget_execution",
        entityId: row.id,
        after,
        at: deps.now(),
      });
      return after;
    });
  } catch (e) {
    if (pgError(e)?.code === PG_UNIQUE_VIOLATION) {
      throw new DomainError("conflict", {
        zh: "该单位、年度、范围和月份的执行数据已存在，请修改原记录",
        en: "Figures for this organisation, year, scope and month exist already: update them",
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
  const now = await findExecution(db, id);
  if (!now) throw notFound(EXECUTION);
  throw staleVersion(presentExecution(now));
}

export async function updateExecutionFor(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  input: ExecutionPatch & { version: number },
) {
  const current: ExecutionWithOrg = await executionFor(deps.db, actor, id, "business.write");
  const a = authorize(actor, "business.write", { orgPath: current.orgPath });
  await assertOpenYear(deps.db, current.year);
  const { version, ...patch } = input;
  return transact(deps.db, async (tx) => {
    const row = await updateExecution(tx, id, version, patch, deps.now());
    if (!row) return explainMiss(tx, id);
    const after = presentExecution({ ...current, ...row });
    await recordAudit(tx, {
      actor: a,
      orgId: current.orgId,
      action: "execution.update",
      entityType: "budget_execution",
      entityId: id,
      before: presentExecution(current),
      after,
      at: deps.now(),
    });
    return after;
  });
}

export async function deleteExecutionFor(deps: Deps, actor: Actor | undefined, id: string, version: number) {
  const current = await executionFor(deps.db, actor, id, "business.write");
  const a = authorize(actor, "business.write", { orgPath: current.orgPath });
  await assertOpenYear(deps.db, current.year);
  await transact(deps.db, async (tx) => {
    if (!(await deleteExecution(tx, id, version))) return explainMiss(tx, id);
    await recordAudit(tx, {
      actor: a,
      orgId: current.orgId,
      action: "execution.delete",
      entityType: "budget_execution",
      entityId: id,
      before: presentExecution(current),
      at: deps.now(),
    });
  });
}

/** Project use-cases: authorise (role + organisation scope) → act with optimistic locking → audit, one transaction. */
import { DomainError } from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import { authorize, type Permission, scopeOf } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { editRecord, recordFor } from "../db/editable.ts";
import { isReferenceViolation, PG_UNIQUE_VIOLATION, pgError } from "../db/errors.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import { assertExanteForApproval } from "../experts/record.ts";
import type { Deps } from "../http/context.ts";
import { staleVersion } from "../http/errors.ts";
import { presentIndicator } from "../indicators/presenters.ts";
import { indicatorsOf } from "../indicators/repository.ts";
import { indicators } from "../indicators/schema.ts";
import { visibleSubtree, writableOrganisation } from "../orgs/access.ts";
import { notEditable } from "../workflow/guard.ts";
import type { WorkflowAction } from "../workflow/rules.ts";
import { type ReviewableKind, transitionRecord } from "../workflow/transition.ts";
import { assertOpenYear } from "../years/guard.ts";
import { type Project, presentProject } from "./presenters.ts";
import {
  deleteProject,
  findProject,
  insertProject,
  listProjects,
  type ProjectFilter,
  type ProjectPatch,
  type ProjectWithOrg,
  updateProject,
} from "./repository.ts";

/** Projects as an editable, reviewable kind of record (db/editable.ts, workflow/transition.ts). */
const PROJECTS: ReviewableKind<ProjectWithOrg, Project> = {
  entityType: "project",
  what: { zh: "项目", en: "project" },
  find: findProject,
  present: presentProject,
  setState: (tx, id, version, patch, now, fromState) => updateProject(tx, id, version, patch, now, { fromState }),
  snapshotRows: async (tx, id) => ({
    indicators: (await indicatorsOf(tx, { kind: "project", id })).map(presentIndicator),
  }),
  // where the deployment requires it, a new project's goals are approved only with its 事前绩效评估 (issue 17)
  checkStep: (deps, p, action) =>
    action === "approve" && deps.settings?.exanteRequired ? assertExanteForApproval(deps.db, p.id) : Promise.resolve(),
};

/** The project when the actor holds `permission` on its organisation; 404 when invisible, 403 when read-only. */
export function projectFor(
  db: Db,
  actor: Actor | undefined,
  id: string,
  permission: Permission = "business.read",
): Promise<ProjectWithOrg> {
  return recordFor(db, actor, PROJECTS, id, permission);
}

export { notEditable };

export async function listProjectsFor(
  deps: Deps,
  actor: Actor | undefined,
  q: Omit<ProjectFilter, "scopePaths" | "underPath"> & { orgId?: string },
): Promise<{ items: Project[]; total: number; page: number; pageSize: number }> {
  const a = authorize(actor, "business.read");
  const scope = scopeOf(a, "business.read");
  const underPath = q.orgId ? (await visibleSubtree(deps, a, q.orgId, "business.read")).org.path : undefined;
  const { orgId: _orgId, ...rest } = q;
  const result = await listProjects(deps.db, {
    ...rest,
    ...(scope.all ? {} : { scopePaths: scope.paths }),
    ...(underPath ? { underPath } : {}),
  });
  return { items: result.items.map(presentProject), total: result.total, page: q.page, pageSize: q.pageSize };
}

export type ProjectInput = Omit<ProjectPatch, "workflowState" | "submittedBy" | "revision" | "year"> & { name: string };

export async function createProject(
  deps: Deps,
  actor: Actor | undefined,
  input: ProjectInput & { orgId: string; year: number },
): Promise<Project> {
  const { actor: a, org } = await writableOrganisation(deps.db, actor, input.orgId, input.year);
  try {
    return await transact(deps.db, async (tx) => {
      const row = await insertProject(tx, {
        ...input,
        createdBy: a.accountId,
        updatedAt: deps.now(),
        createdAt: deps.now(),
      });
      const after = presentProject({ ...row, orgName: org.name });
      await recordAudit(tx, {
        actor: a,
        orgId: org.id,
        action: "project.create",
        entityType: "project",
        entityId: row.id,
        after,
        at: deps.now(),
      });
      return after;
    });
  } catch (e) {
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

export function updateProjectFor(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  input: Partial<ProjectInput> & { version: number },
): Promise<Project> {
  const { version, ...patch } = input;
  return editRecord(deps, actor, PROJECTS, id, version, {
    action: "project.update",
    write: async (tx, current) => {
      const row = await updateProject(tx, id, version, patch, deps.now(), { editableOnly: true });
      return row && presentProject({ ...row, orgName: current.orgName });
    },
    audit: (current, after) => ({ before: presentProject(current), after }),
  });
}

export async function deleteProjectFor(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  version: number,
): Promise<void> {
  await editRecord(deps, actor, PROJECTS, id, version, {
    action: "project.delete",
    write: async (tx) => ((await deleteProject(tx, id, version, { editableOnly: true })) ? true : undefined),
    audit: (current) => ({ before: presentProject(current) }),
  });
}

export function transitionProject(
  deps: Pick<Deps, "db" | "now">,
  actor: Actor | undefined,
  id: string,
  action: WorkflowAction,
  input: { version: number; comment?: string | undefined },
): Promise<Project> {
  return transitionRecord(deps, actor, PROJECTS, id, action, input);
}

/**
 * An adjustment (预算调整) of an approved project: a new draft revision, copied with its indicator tree; the
 * approved revision stays as it is (frozen, with its snapshot). One open adjustment at a time.
 */
export async function reviseProject(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  input: { version: number },
): Promise<Project> {
  const current = await projectFor(deps.db, actor, id, "business.write");
  const a = authorize(actor, "business.write", { orgPath: current.orgPath });
  await assertOpenYear(deps.db, current.year);
  if (current.version !== input.version) throw staleVersion(presentProject(current));
  if (current.workflowState !== "approved") {
    throw new DomainError("conflict", {
      zh: "只有已审核通过的项目才能调整；草稿或已退回的项目直接修改即可",
      en: "Only an approved project is adjusted; edit a draft or returned one directly",
    });
  }
  if (current.supersededById) throw alreadyAdjusted(await findProject(deps.db, current.supersededById));
  try {
    return await transact(deps.db, async (tx) => {
      const {
        id: _id,
        orgPath: _p,
        orgName,
        version: _v,
        createdAt: _c,
        updatedAt: _u,
        workflowState: _w,
        submittedBy: _s,
        ...fields
      } = current;
      const row = await insertProject(tx, {
        ...fields,
        revision: current.revision + 1,
        supersedesId: current.id,
        createdBy: a.accountId,
        createdAt: deps.now(),
        updatedAt: deps.now(),
      });
      const copied = new Map<string, string>();
      for (const ind of await indicatorsOf(tx, { kind: "project", id })) {
        const { id: oldId, version: _iv, createdAt: _ic, updatedAt: _iu, ...rest } = ind;
        const [n] = await tx
          .insert(indicators)
          .values({
            ...rest,
            projectId: row.id,
            parentId: ind.parentId ? (copied.get(ind.parentId) ?? null) : null,
            createdAt: deps.now(),
            updatedAt: deps.now(),
          })
          .returning({ id: indicators.id });
        copied.set(oldId, n!.id);
      }
      const after = presentProject({ ...row, orgName });
      await recordAudit(tx, {
        actor: a,
        orgId: current.orgId,
        action: "project.revise",
        entityType: "project",
        entityId: row.id,
        before: { supersedes: current.id, revision: current.revision },
        after,
        at: deps.now(),
      });
      return after;
    });
  } catch (e) {
    // Another adjustment was written between the read above and this one.
    if (pgError(e)?.code === PG_UNIQUE_VIOLATION) throw alreadyAdjusted(undefined);
    throw e;
  }
}

/** A revision is adjusted once: while that adjustment is open it is the one to edit, once approved the one to adjust. */
function alreadyAdjusted(later: ProjectWithOrg | undefined): DomainError {
  return later?.workflowState === "approved"
    ? new DomainError("conflict", {
        zh: `该项目已调整为第 ${later.revision} 版并已审核通过；如需再次调整，请在第 ${later.revision} 版上调整`,
        en: `This project was adjusted as revision ${later.revision}, which is approved; adjust revision ${later.revision} instead`,
      })
    : new DomainError("conflict", {
        zh: "该项目已有一个进行中的调整",
        en: "An adjustment of this project is already under way",
      });
}

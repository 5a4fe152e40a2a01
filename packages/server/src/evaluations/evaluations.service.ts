/**
 * Self-evaluation use-cases (单位自评): authorise on the organisation → act with optimistic locking → audit,
 * one transaction; the same workflow checks as goals (workflow/guard.ts). Items are replaced as a whole
 * (the grid is saved at once) and bump the evaluation's version.
 */
import { BUILTIN_SCHEMES, DomainError, parseTarget, suggestPoints } from "@jixiao/core";
import { and, desc, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.ts";
import { authorize, type Permission, scopeOf } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { editRecord, recordFor } from "../db/editable.ts";
import { isReferenceViolation } from "../db/errors.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import { findGoal } from "../goals/repository.ts";
import type { Deps } from "../http/context.ts";
import { indicatorLeaves } from "../indicators/leaves.ts";
import { findIndicator, indicatorsOf } from "../indicators/repository.ts";
import { departmentGoals } from "../indicators/schema.ts";
import { visibleSubtree, writableOrganisation } from "../orgs/access.ts";
import { findProject } from "../projects/repository.ts";
import type { WorkflowAction } from "../workflow/rules.ts";
import { type ReviewableKind, transitionRecord } from "../workflow/transition.ts";
import { decodeEvaluationCursor, encodeEvaluationCursor, evaluationFilterKey } from "./cursor.ts";
import { claimDepartmentYear } from "./department-once.ts";
import { type Evaluation, presentEvaluation, presentItem } from "./presenters.ts";
import {
  deleteEvaluation,
  type EvaluationFilter,
  type EvaluationPatch,
  type EvaluationWithOrg,
  findEvaluation,
  insertEvaluation,
  itemsOf,
  listEvaluations,
  replaceItems,
  updateEvaluation,
} from "./repository.ts";
import { storeComputedScores } from "./scores.ts";
import { submissionProblems, submissionRefused } from "./submission.ts";

/** Self-evaluations as an editable, reviewable kind of record (db/editable.ts, workflow/transition.ts). */
const EVALUATIONS: ReviewableKind<EvaluationWithOrg, Evaluation> = {
  entityType: "self_evaluation",
  what: { zh: "自评", en: "self-evaluation" },
  find: findEvaluation,
  present: presentEvaluation,
  setState: (tx, id, version, patch, now, fromState) => updateEvaluation(tx, id, version, patch, now, { fromState }),
  snapshotRows: async (tx, id) => ({ items: (await itemsOf(tx, id)).map(presentItem) }),
};

export function evaluationFor(
  db: Db,
  actor: Actor | undefined,
  id: string,
  permission: Permission = "business.read",
): Promise<EvaluationWithOrg> {
  return recordFor(db, actor, EVALUATIONS, id, permission);
}

export async function getEvaluation(deps: Deps, actor: Actor | undefined, id: string) {
  const row = await evaluationFor(deps.db, actor, id);
  return { ...presentEvaluation(row), items: (await itemsOf(deps.db, id)).map(presentItem) };
}

export async function listEvaluationsFor(
  deps: Deps,
  actor: Actor | undefined,
  q: Omit<EvaluationFilter, "scopePaths" | "underPath" | "after" | "knownTotal"> & { orgId?: string; cursor?: string },
) {
  const a = authorize(actor, "business.read");
  const scope = scopeOf(a, "business.read");
  // the organisation's path from the actor cache, as the project list reads it (orgs/access.ts)
  const underPath = q.orgId ? (await visibleSubtree(deps, a, q.orgId, "business.read")).org.path : undefined;
  const { orgId: _o, cursor, ...rest } = q;
  const filter = evaluationFilterKey(q);
  const after = cursor === undefined ? undefined : decodeEvaluationCursor(cursor, filter);
  const r = await listEvaluations(deps.db, {
    ...rest,
    ...(scope.all ? {} : { scopePaths: scope.paths }),
    ...(underPath ? { underPath } : {}),
    ...(after ? { after: { year: after.year, path: after.path, id: after.id }, knownTotal: after.total } : {}),
  });
  // A full page has a next one (perhaps empty): its token is this page's last row, with the count.
  const last = r.items.length === q.pageSize ? r.items[r.items.length - 1] : undefined;
  const nextCursor = last
    ? encodeEvaluationCursor({ year: last.year, path: last.orgPath, id: last.id, total: r.total, filter })
    : null;
  return { items: r.items.map(presentEvaluation), total: r.total, page: q.page, pageSize: q.pageSize, nextCursor };
}

export type EvaluationInput = Omit<
  EvaluationPatch,
  | "workflowState"
  | "submittedBy"
  | "computedTotal"
  | "scoreResult"
  | "scoreInput"
  | "scoreNotes"
  | "scoreSchemeId"
  | "scoreSchemeVersion"
  | "scoredAt"
>;

/**
 * Creates a self-evaluation as the filler writes it: a project's (of a project of the organisation) or the
 * department's — one per organisation and year, however it is made (department-once.ts).
 */
export async function createEvaluation(
  deps: Deps,
  actor: Actor | undefined,
  input: EvaluationInput & { kind: "project" | "department"; orgId: string; year: number; projectId?: string | null },
): Promise<Evaluation> {
  const { actor: a, org } = await writableOrganisation(deps.db, actor, input.orgId, input.year);
  if (input.kind === "project") {
    const project = input.projectId ? await findProject(deps.db, input.projectId) : undefined;
    if (!project || project.orgId !== org.id) {
      throw new DomainError(
        "invalid_input",
        { zh: "项目自评须指定本单位的项目", en: "A project self-evaluation needs a project of this organisation" },
        { field: "projectId" },
      );
    }
  } else if (input.projectId) {
    throw new DomainError(
      "invalid_input",
      { zh: "部门整体自评不关联项目", en: "A department self-evaluation has no project" },
      { field: "projectId" },
    );
  }
  try {
    return await transact(deps.db, async (tx) => {
      if (input.kind === "department") await claimDepartmentYear(tx, org.id, input.year);
      const row = await insertEvaluation(tx, {
        ...input,
        projectId: input.projectId ?? null,
        createdAt: deps.now(),
        updatedAt: deps.now(),
      });
      const after = presentEvaluation({ ...row, orgPath: org.path, orgName: org.name, projectName: null });
      await recordAudit(tx, {
        actor: a,
        orgId: org.id,
        action: "evaluation.create",
        entityType: "self_evaluation",
        entityId: row.id,
        after,
        at: deps.now(),
      });
      return await findEvaluation(tx, row.id).then((r) => (r ? presentEvaluation(r) : after));
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

/** The scheme a 部门整体 self-evaluation started from the year's goal is scored under. */
export const DEPARTMENT_SCHEME = "department-2080";

/**
 * Starts the organisation's 部门整体 self-evaluation of the year (issue 13): a draft under the 部门整体 scheme whose rows
 * are the level-3 indicators of the year's 部门整体绩效目标 (its latest revision) — names, targets and points as
 * written, the scheme's proposal where the goal states none — in one transaction with its audit. One per organisation
 * and year (department-once.ts): a second start (two tabs, two people at once) is refused (409), and nothing more is
 * made; a department self-evaluation made otherwise — POST /evaluations, an imported document — counts too.
 */
export async function startDepartmentEvaluation(
  deps: Deps,
  actor: Actor | undefined,
  input: { orgId: string; year: number },
): Promise<Evaluation & { items: ReturnType<typeof presentItem>[] }> {
  const { actor: a, org } = await writableOrganisation(deps.db, actor, input.orgId, input.year);
  return transact(deps.db, async (tx) => {
    await claimDepartmentYear(tx, org.id, input.year);
    const [goal] = await tx
      .select()
      .from(departmentGoals)
      .where(and(eq(departmentGoals.orgId, org.id), eq(departmentGoals.year, input.year)))
      .orderBy(desc(departmentGoals.revision))
      .limit(1);
    const rows = goal ? indicatorLeaves(await indicatorsOf(tx, { kind: "goal", id: goal.id })) : [];
    if (rows.length === 0) {
      throw new DomainError(
        "invalid_input",
        goal
          ? {
              zh: `本单位 ${input.year} 年度的部门整体绩效目标尚无三级指标：请先在「部门整体目标」中填写指标`,
              en: `The department-overall goal of ${input.year} has no indicators yet`,
            }
          : {
              zh: `本单位 ${input.year} 年度尚无部门整体绩效目标：请先在「部门整体目标」中填报目标及其指标`,
              en: `The organisation has no department-overall goal for ${input.year} yet`,
            },
        { field: "year" },
      );
    }
    const scheme = BUILTIN_SCHEMES[DEPARTMENT_SCHEME]!;
    const suggested = suggestPoints(
      scheme,
      rows.map((r) => r.level1),
    );
    const row = await insertEvaluation(tx, {
      kind: "department",
      orgId: org.id,
      year: input.year,
      scheme: DEPARTMENT_SCHEME,
      createdAt: deps.now(),
      updatedAt: deps.now(),
    });
    await replaceItems(
      tx,
      row.id,
      rows.map(({ row: ind, level1, level2 }, i) => ({
        evaluationId: row.id,
        indicatorId: ind.id,
        level1: level1 ?? null,
        level2: level2 ?? null,
        name: ind.name,
        targetText: ind.targetText,
        points: ind.weight ?? suggested[i] ?? null,
        sortOrder: i,
      })),
    );
    const current = (await findEvaluation(tx, row.id))!;
    await storeComputedScores(tx, current, deps.now());
    const fresh = presentEvaluation((await findEvaluation(tx, row.id)) ?? current);
    const items = (await itemsOf(tx, row.id)).map(presentItem);
    await recordAudit(tx, {
      actor: a,
      orgId: org.id,
      action: "evaluation.create",
      entityType: "self_evaluation",
      entityId: row.id,
      after: { ...fresh, departmentGoalId: goal!.id, items },
      at: deps.now(),
    });
    return { ...fresh, items };
  });
}

export function updateEvaluationFor(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  input: EvaluationInput & { version: number },
): Promise<Evaluation> {
  const { version, ...patch } = input;
  return editRecord(deps, actor, EVALUATIONS, id, version, {
    action: "evaluation.update",
    write: async (tx, current) => {
      const row = await updateEvaluation(tx, id, version, patch, deps.now(), { editableOnly: true });
      if (!row) return undefined;
      // The figures changed: the stored score is computed again from the record as it now is.
      await storeComputedScores(tx, { ...current, ...row }, deps.now());
      const fresh = await findEvaluation(tx, id);
      return presentEvaluation(fresh ?? { ...current, ...row });
    },
    audit: (current, after) => ({ before: presentEvaluation(current), after }),
  });
}

export interface ItemInput {
  indicatorId?: string | null | undefined;
  level1?: string | null | undefined;
  level2?: string | null | undefined;
  name: string;
  targetText?: string | null | undefined;
  actualText?: string | null | undefined;
  points?: string | null | undefined;
  statedScore?: string | null | undefined;
  overrideReason?: string | null | undefined;
  deviationReason?: string | null | undefined;
  deviationCause?: string | null | undefined;
}

/**
 * An item may name only an indicator of its own record: of the evaluated project, or (a department's
 * self-evaluation) of a project or department goal of the same organisation. Any other — another organisation's,
 * or one that does not exist — is 404 at its field, the same answer for both (issue 15).
 */
async function checkIndicatorReferences(
  db: Db,
  evaluation: { orgId: string; projectId: string | null },
  items: ItemInput[],
): Promise<void> {
  for (const [i, it] of items.entries()) {
    if (!it.indicatorId) continue;
    const ind = await findIndicator(db, it.indicatorId);
    let own = false;
    if (ind && evaluation.projectId) own = ind.projectId === evaluation.projectId;
    else if (ind?.projectId) own = (await findProject(db, ind.projectId))?.orgId === evaluation.orgId;
    else if (ind?.departmentGoalId) own = (await findGoal(db, ind.departmentGoalId))?.orgId === evaluation.orgId;
    if (!own)
      throw new DomainError(
        "not_found",
        {
          zh: `第 ${i + 1} 行的指标不存在或不属于本自评`,
          en: `The indicator of row ${i + 1} does not exist or is not this record's`,
        },
        { field: `items.${i}.indicatorId` },
      );
  }
}

export async function replaceItemsFor(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  input: { version: number; items: ItemInput[] },
) {
  const saved = await editRecord(deps, actor, EVALUATIONS, id, input.version, {
    action: "evaluation.items",
    write: async (tx, current) => {
      const row = await updateEvaluation(tx, id, input.version, {}, deps.now(), { editableOnly: true });
      if (!row) return undefined;
      const before = (await itemsOf(tx, id)).map(presentItem);
      await checkIndicatorReferences(tx, current, input.items);
      await replaceItems(
        tx,
        id,
        input.items.map((it, i) => ({
          ...it,
          evaluationId: id,
          actualParsed: it.actualText ? parseTarget(it.actualText, { year: current.year }) : null,
          sortOrder: i,
        })),
      );
      await storeComputedScores(tx, { ...current, ...row }, deps.now());
      const items = (await itemsOf(tx, id)).map(presentItem);
      const fresh = await findEvaluation(tx, id);
      return {
        before,
        items,
        version: row.version,
        evaluation: presentEvaluation(fresh ?? { ...current, ...row }),
      };
    },
    audit: (current, r) => ({
      before: { version: current.version, items: r.before },
      after: { version: r.version, items: r.items },
    }),
  });
  return { ...saved.evaluation, items: saved.items };
}

export async function deleteEvaluationFor(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  version: number,
): Promise<void> {
  await editRecord(deps, actor, EVALUATIONS, id, version, {
    action: "evaluation.delete",
    write: async (tx) => ((await deleteEvaluation(tx, id, version)) ? true : undefined),
    audit: (current) => ({ before: presentEvaluation(current) }),
  });
}

export async function transitionEvaluation(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  action: WorkflowAction,
  input: { version: number; comment?: string | undefined },
): Promise<Evaluation> {
  if (action === "submit") {
    // Score the record as it is and store that result (what every view will show), then check what a
    // submission needs; a refusal lists every failing field. The workflow's own checks (role, state, version)
    // come first, so that a stale or foreign submission is told so rather than what is missing.
    const current = await evaluationFor(deps.db, actor, id, "business.write");
    if (
      current.version === input.version &&
      (current.workflowState === "draft" || current.workflowState === "returned")
    ) {
      const scores = await transact(deps.db, (tx) => storeComputedScores(tx, current, deps.now()));
      const problems = submissionProblems(current, await itemsOf(deps.db, id), scores);
      if (problems.length > 0) throw submissionRefused(problems);
    }
  }
  return transitionRecord(deps, actor, EVALUATIONS, id, action, input);
}

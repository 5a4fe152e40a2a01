/**
 * Indicator use-cases. An indicator belongs to a project or to a department's overall goals (its owner):
 * reading needs business.read on the owner's organisation, writing needs business.write and the owner
 * editable (draft or returned).
 */

import { DomainError } from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import { authorize } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import type { WorkflowState } from "../db/columns.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import { goalFor } from "../goals/goals.service.ts";
import type { Deps } from "../http/context.ts";
import { notFound, staleVersion } from "../http/errors.ts";
import { projectFor } from "../projects/projects.service.ts";
import { notEditable } from "../workflow/guard.ts";
import { isEditable } from "../workflow/rules.ts";
import { assertOpenYear } from "../years/guard.ts";
import { type Indicator, presentIndicator } from "./presenters.ts";
import {
  deleteIndicator,
  findIndicator,
  type IndicatorPatch,
  indicatorsOf,
  insertIndicator,
  updateIndicator,
} from "./repository.ts";
import type { IndicatorRow } from "./schema.ts";
import { parsedTarget } from "./target.ts";

const INDICATOR = { zh: "绩效指标", en: "indicator" };

export type OwnerRef = { kind: "project" | "goal"; id: string };

/** What the indicators hang off: its organisation, year and workflow state. */
export interface Owner extends OwnerRef {
  orgId: string;
  orgPath: string;
  year: number;
  workflowState: WorkflowState;
}

/** The owner when the actor holds `permission` on it (404 when invisible, 403 when not allowed). */
export async function ownerFor(
  db: Db,
  actor: Actor | undefined,
  ref: OwnerRef,
  permission: "business.read" | "business.write",
): Promise<Owner> {
  const row =
    ref.kind === "project"
      ? await projectFor(db, actor, ref.id, permission)
      : await goalFor(db, actor, ref.id, permission);
  return { ...ref, orgId: row.orgId, orgPath: row.orgPath, year: row.year, workflowState: row.workflowState };
}

export async function listIndicators(deps: Deps, actor: Actor | undefined, ref: OwnerRef): Promise<Indicator[]> {
  await ownerFor(deps.db, actor, ref, "business.read");
  return (await indicatorsOf(deps.db, ref)).map(presentIndicator);
}

async function indicatorFor(
  db: Db,
  actor: Actor | undefined,
  id: string,
  permission: "business.read" | "business.write",
): Promise<{ indicator: IndicatorRow; project: Owner }> {
  const indicator = await findIndicator(db, id);
  const ref: OwnerRef | undefined = indicator?.projectId
    ? { kind: "project", id: indicator.projectId }
    : indicator?.departmentGoalId
      ? { kind: "goal", id: indicator.departmentGoalId }
      : undefined;
  if (!indicator || !ref) {
    authorize(actor, "business.read");
    throw notFound(INDICATOR);
  }
  return { indicator, project: await ownerFor(db, actor, ref, permission) };
}

export async function getIndicator(deps: Deps, actor: Actor | undefined, id: string): Promise<Indicator> {
  return presentIndicator((await indicatorFor(deps.db, actor, id, "business.read")).indicator);
}

export type IndicatorInput = IndicatorPatch & { name: string; level: number; parentId?: string | null };

export async function createIndicator(
  deps: Deps,
  actor: Actor | undefined,
  ref: OwnerRef,
  input: IndicatorInput,
): Promise<Indicator> {
  const project = await ownerFor(deps.db, actor, ref, "business.write");
  const a = authorize(actor, "business.write", { orgPath: project.orgPath });
  await assertOpenYear(deps.db, project.year);
  if (!isEditable(project.workflowState)) throw notEditable(project.workflowState);
  if (input.parentId) {
    const parent = await findIndicator(deps.db, input.parentId);
    const sameOwner = ref.kind === "project" ? parent?.projectId === ref.id : parent?.departmentGoalId === ref.id;
    if (!parent || !sameOwner) {
      throw new DomainError(
        "invalid_input",
        { zh: "上级指标不属于同一项目或目标", en: "The parent indicator belongs to another project or goal" },
        { field: "parentId" },
      );
    }
    if (parent.level !== input.level - 1) {
      throw new DomainError(
        "invalid_input",
        {
          zh: `${input.level} 级指标的上级须为 ${input.level - 1} 级`,
          en: `A level-${input.level} indicator needs a level-${input.level - 1} parent`,
        },
        { field: "parentId" },
      );
    }
  } else if (input.level !== 1) {
    throw new DomainError(
      "invalid_input",
      { zh: "二、三级指标须有上级指标", en: "Level 2 and 3 indicators need a parent" },
      { field: "parentId" },
    );
  }
  return transact(deps.db, async (tx) => {
    const row = await insertIndicator(tx, {
      ...input,
      targetParsed: parsedTarget(input.targetText, project.year),
      ...(ref.kind === "project" ? { projectId: ref.id } : { departmentGoalId: ref.id }),
      createdAt: deps.now(),
      updatedAt: deps.now(),
    });
    const after = presentIndicator(row);
    await recordAudit(tx, {
      actor: a,
      orgId: project.orgId,
      action: "indicator.create",
      entityType: "indicator",
      entityId: row.id,
      after,
      at: deps.now(),
    });
    return after;
  });
}

async function explainMiss(db: Db, id: string): Promise<never> {
  const now = await findIndicator(db, id);
  if (!now) throw notFound(INDICATOR);
  throw staleVersion(presentIndicator(now));
}

export async function updateIndicatorFor(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  input: IndicatorPatch & { version: number },
): Promise<Indicator> {
  const { indicator, project } = await indicatorFor(deps.db, actor, id, "business.write");
  const a = authorize(actor, "business.write", { orgPath: project.orgPath });
  await assertOpenYear(deps.db, project.year);
  if (!isEditable(project.workflowState)) throw notEditable(project.workflowState);
  const { version, ...fields } = input;
  const patch =
    fields.targetText === undefined
      ? fields
      : { ...fields, targetParsed: parsedTarget(fields.targetText, project.year) };
  return transact(deps.db, async (tx) => {
    const row = await updateIndicator(tx, id, version, patch, deps.now());
    if (!row) return explainMiss(tx, id);
    const after = presentIndicator(row);
    await recordAudit(tx, {
      actor: a,
      orgId: project.orgId,
      action: "indicator.update",
      entityType: "indicator",
      entityId: id,
      before: presentIndicator(indicator),
      after,
      at: deps.now(),
    });
    return after;
  });
}

export async function deleteIndicatorFor(
  deps: Deps,
  actor: Actor | undefined,
  id: string,
  version: number,
): Promise<void> {
  const { indicator, project } = await indicatorFor(deps.db, actor, id, "business.write");
  const a = authorize(actor, "business.write", { orgPath: project.orgPath });
  await assertOpenYear(deps.db, project.year);
  if (!isEditable(project.workflowState)) throw notEditable(project.workflowState);
  await transact(deps.db, async (tx) => {
    if (!(await deleteIndicator(tx, id, version))) return explainMiss(tx, id);
    await recordAudit(tx, {
      actor: a,
      orgId: project.orgId,
      action: "indicator.delete",
      entityType: "indicator",
      entityId: id,
      before: presentIndicator(indicator),
      at: deps.now(),
    });
  });
}

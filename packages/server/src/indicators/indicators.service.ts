/**
 * Indicator use-cases. An indicator belongs to a project: reading needs business.read on the project's
 * organisation, writing needs business.write and the project editable (draft or returned).
 */

import { DomainError } from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import { authorize } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../db/open.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";
import { notFound, staleVersion } from "../http/errors.ts";
import { notEditable, projectFor } from "../projects/projects.service.ts";
import { findProject, type ProjectWithOrg } from "../projects/repository.ts";
import { isEditable } from "../workflow/rules.ts";
import { type Indicator, presentIndicator } from "./presenters.ts";
import {
  deleteIndicator,
  findIndicator,
  type IndicatorPatch,
  indicatorsOfProject,
  insertIndicator,
  updateIndicator,
} from "./repository.ts";
import type { IndicatorRow } from "./schema.ts";
import { parsedTarget } from "./target.ts";

const INDICATOR = { zh: "绩效指标", en: "indicator" };

export async function listIndicators(deps: Deps, actor: Actor | undefined, projectId: string): Promise<Indicator[]> {
  await projectFor(deps.db, actor, projectId);
  return (await indicatorsOfProject(deps.db, projectId)).map(presentIndicator);
}

async function indicatorFor(
  db: Db,
  actor: Actor | undefined,
  id: string,
  permission: "business.read" | "business.write",
): Promise<{ indicator: IndicatorRow; project: ProjectWithOrg }> {
  const indicator = await findIndicator(db, id);
  const project = indicator?.projectId ? await findProject(db, indicator.projectId) : undefined;
  if (!indicator || !project) {
    authorize(actor, "business.read");
    throw notFound(INDICATOR);
  }
  authorize(actor, permission, { orgPath: project.orgPath });
  return { indicator, project };
}

export async function getIndicator(deps: Deps, actor: Actor | undefined, id: string): Promise<Indicator> {
  return presentIndicator((await indicatorFor(deps.db, actor, id, "business.read")).indicator);
}

export type IndicatorInput = IndicatorPatch & { name: string; level: number; parentId?: string | null };

export async function createIndicator(
  deps: Deps,
  actor: Actor | undefined,
  projectId: string,
  input: IndicatorInput,
): Promise<Indicator> {
  const project = await projectFor(deps.db, actor, projectId, "business.write");
  const a = authorize(actor, "business.write", { orgPath: project.orgPath });
  if (!isEditable(project.workflowState)) throw notEditable(project.workflowState);
  if (input.parentId) {
    const parent = await findIndicator(deps.db, input.parentId);
    if (!parent || parent.projectId !== projectId) {
      throw new DomainError(
        "invalid_input",
        { zh: "上级指标不属于该项目", en: "The parent indicator is not in this project" },
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
      projectId,
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

/**
 * 事前绩效评估 of a project: read by everyone who reads the project (the reviewer sees it before approving a new
 * project's goals), filled or changed by the reviewer (business.review), scored and concluded by @jixiao/core,
 * audited. An adopted expert assignment on the project writes it too (experts.service.ts).
 */
import {
  assessExante,
  DEFAULT_EXANTE_POINTS,
  DEFAULT_EXANTE_THRESHOLDS,
  EXANTE_DIMENSIONS,
  type ExanteConclusion,
  type ExantePoints,
  type ExanteThresholds,
} from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import { authorize } from "../accounts/authorize.ts";
import { recordAudit } from "../audit/audit.ts";
import { transact } from "../db/transaction.ts";
import type { Deps } from "../http/context.ts";

/** What the use-cases need of the dependencies (the demo seed calls them with these two). */
type AppDeps = Pick<Deps, "db" | "now"> & Partial<Pick<Deps, "settings">>;

import { notFound, staleVersion } from "../http/errors.ts";
import { findProject } from "../projects/repository.ts";
import { assertOpenYear } from "../years/guard.ts";
import { presentExante } from "./presenters.ts";
import { exanteRequirement } from "./record.ts";
import { exanteOf, upsertExante } from "./repository.ts";

const PROJECT = { zh: "项目", en: "project" };

async function projectFor(
  deps: AppDeps,
  actor: Actor | undefined,
  id: string,
  permission: "business.read" | "business.review",
) {
  const p = await findProject(deps.db, id);
  if (!p) {
    authorize(actor, permission);
    throw notFound(PROJECT);
  }
  return { actor: authorize(actor, permission, { orgPath: p.orgPath }), project: p };
}

async function view(deps: AppDeps, projectId: string) {
  const [row, need] = await Promise.all([exanteOf(deps.db, projectId), exanteRequirement(deps.db, projectId)]);
  return {
    assessment: row ? presentExante(row) : null,
    isNew: need.isNew,
    required: need.required && deps.settings?.exanteRequired === true,
    dimensions: EXANTE_DIMENSIONS.map((d) => ({
      key: d.key,
      name: d.name,
      en: d.en,
      guidance: d.guidance,
      defaultPoints: DEFAULT_EXANTE_POINTS[d.key],
    })),
    defaultThresholds: DEFAULT_EXANTE_THRESHOLDS,
  };
}

export async function getExante(deps: AppDeps, actor: Actor | undefined, projectId: string) {
  await projectFor(deps, actor, projectId, "business.read");
  return view(deps, projectId);
}

export interface ExanteSaveInput {
  /** The version read; absent for the first assessment. */
  version?: number | undefined;
  points?: Partial<ExantePoints> | undefined;
  scores: Record<string, string>;
  thresholds?: ExanteThresholds | undefined;
  /** A conclusion other than the derived one needs `overrideReason`. */
  conclusion?: ExanteConclusion | null | undefined;
  overrideReason?: string | null | undefined;
  opinion?: string | null | undefined;
}

export async function saveExante(deps: AppDeps, actor: Actor | undefined, projectId: string, input: ExanteSaveInput) {
  const { actor: a, project } = await projectFor(deps, actor, projectId, "business.review");
  await assertOpenYear(deps.db, project.year);
  const assessed = assessExante({
    points: input.points,
    scores: input.scores,
    thresholds: input.thresholds,
    override: input.conclusion ? { conclusion: input.conclusion, reason: input.overrideReason ?? "" } : null,
  });
  const before = await exanteOf(deps.db, projectId);
  if (before && input.version === undefined) throw staleVersion(await view(deps, projectId));
  const now = deps.now();
  await transact(deps.db, async (tx) => {
    const row = await upsertExante(
      tx,
      {
        projectId,
        orgId: project.orgId,
        year: project.year,
        points: assessed.points,
        scores: assessed.scores,
        thresholds: assessed.thresholds,
        total: assessed.total,
        fullMarks: assessed.fullMarks,
        derived: assessed.derived,
        conclusion: assessed.conclusion,
        overrideReason: assessed.overrideReason,
        opinion: input.opinion?.trim() || null,
        source: "reviewer",
        assignmentId: null,
        assessedBy: a.accountId,
      },
      input.version,
      now,
    );
    if (!row) throw staleVersion(await view(deps, projectId));
    await recordAudit(tx, {
      actor: a,
      orgId: project.orgId,
      action: "exante.save",
      entityType: "exante_assessment",
      entityId: row.id,
      before: before
        ? {
            score: before.total,
            conclusion: before.conclusion,
            scores: before.scores,
            overrideReason: before.overrideReason,
          }
        : undefined,
      after: {
        project: project.name,
        score: assessed.total,
        fullMarks: assessed.fullMarks,
        conclusion: assessed.conclusion,
        derived: assessed.derived,
        scores: assessed.scores,
        overrideReason: assessed.overrideReason,
      },
      at: now,
    });
  });
  return view(deps, projectId);
}

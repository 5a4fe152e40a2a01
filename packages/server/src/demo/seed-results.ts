/**
 * The demo's 结果应用 (issue 17 point 2): the 2024 self-evaluations of two of 警务保障处's projects, approved with
 * their actual values and scored by core like every other, and the 2025 budget year they feed:
 * - 2024年度交通管理信息系统运维 (the red light of the 1–6月 round) ends the year at 52% executed with its task rate
 *   missed; its 2025 continuation 2025年度交通管理信息系统运维 (a draft, linked by name) is recommended 压减 — the
 *   unspent share under the execution rule, 整改 required under the grade's;
 * - 2024年度警用车辆维护 (approved, 经常性) scores high: once 结转上年 carries it into 2025, its draft is recommended
 *   优先保障 through the carry-forward link;
 * - 2025年度执法站点建设 is new: no evaluation, 事前绩效评估 applies.
 * The demo reviewer sets 天津市公安交通管理局's rules for 2025 through the service (checked and audited as in the app).
 */
import { DEFAULT_RESULT_RULES } from "@jixiao/core/results";
import { and, eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.ts";
import type { Db } from "../db/open.ts";
import { findEvaluation } from "../evaluations/repository.ts";
import { evaluationItems, selfEvaluations } from "../evaluations/schema.ts";
import { storeComputedScores } from "../evaluations/scores.ts";
import { insertIndicator } from "../indicators/repository.ts";
import { parsedTarget } from "../indicators/target.ts";
import type { OrganisationRow } from "../orgs/schema.ts";
import { insertProject } from "../projects/repository.ts";
import { projects } from "../projects/schema.ts";
import { updateRules } from "../results/results.service.ts";

export const RESULTS_DEMO_YEAR = 2025;
/** The 2025 project the demo's recommendation shows on (linked by name to 2024's). */
export const RESULTS_DEMO_PROJECT = "2025年度交通管理信息系统运维";

/** 2024 evaluations: 全年预算数, 全年执行数 (元) and the one indicator's actual value. */
const EVALUATED: Record<string, { budget: string; executed: string; actual: string; deviation?: string }> = {
  "2024年度警用车辆维护": { budget: "450000.00", executed: "441000.00", actual: "98%" },
  "2024年度交通管理信息系统运维": {
    budget: "800000.00",
    executed: "416000.00",
    actual: "70%",
    deviation: "运维服务合同续签延迟，下半年才恢复全面运维，部分系统升级任务顺延至次年。",
  },
};

export async function loadResultsDemo(
  tx: Db,
  now: Date,
  people: { reviewer: Actor },
  where: { bureau: OrganisationRow; unit: OrganisationRow },
): Promise<{ evaluations: string[]; projects: string[] }> {
  const evaluations: string[] = [];
  const existing = await tx
    .select({ id: projects.id, name: projects.name })
    .from(projects)
    .where(and(eq(projects.orgId, where.unit.id), eq(projects.year, 2024)));
  for (const [name, e] of Object.entries(EVALUATED)) {
    const project = existing.find((p) => p.name === name);
    if (!project) continue;
    const [row] = await tx
      .insert(selfEvaluations)
      .values({
        kind: "project",
        orgId: where.unit.id,
        year: 2024,
        projectId: project.id,
        scheme: "national-project",
        initialBudget: e.budget,
        fullYearBudget: e.budget,
        executed: e.executed,
        workflowState: "approved",
        conclusion: `${name}年度绩效自评已完成。`,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: selfEvaluations.id });
    await tx.insert(evaluationItems).values({
      evaluationId: row!.id,
      level1: "产出指标",
      level2: "数量指标",
      name: "任务完成率",
      targetText: "≥95%",
      actualText: e.actual,
      actualParsed: parsedTarget(e.actual, 2024),
      points: "10",
      deviationReason: e.deviation ?? null,
      sortOrder: 0,
    });
    await storeComputedScores(tx, (await findEvaluation(tx, row!.id))!, now);
    evaluations.push(row!.id);
  }

  // 2025: the continuation (same name but the year) and a new project, drafts of the unit
  const made: string[] = [];
  for (const [name, funds] of [
    [RESULTS_DEMO_PROJECT, "850000.00"],
    ["2025年度执法站点建设", "600000.00"],
  ] as const) {
    const p = await insertProject(tx, {
      orgId: where.unit.id,
      year: RESULTS_DEMO_YEAR,
      name,
      implementingUnit: where.unit.name,
      annualFunds: funds,
      fiscalFunds: funds,
      createdAt: now,
      updatedAt: now,
    });
    const i1 = await insertIndicator(tx, { projectId: p.id, level: 1, name: "产出指标", sortOrder: 0 });
    const i2 = await insertIndicator(tx, {
      projectId: p.id,
      parentId: i1.id,
      level: 2,
      name: "数量指标",
      sortOrder: 1,
    });
    await insertIndicator(tx, {
      projectId: p.id,
      parentId: i2.id,
      level: 3,
      name: "任务完成率",
      targetText: "≥95%",
      targetParsed: parsedTarget("≥95%", RESULTS_DEMO_YEAR),
      weight: "10",
      sortOrder: 2,
    });
    made.push(p.id);
  }

  // the bureau's rules for 2025: the defaults, with 良 → 适当调整 when execution is below 85%
  await updateRules({ db: tx, now: () => now }, people.reviewer, {
    orgId: where.bureau.id,
    year: RESULTS_DEMO_YEAR,
    rules: {
      grades: DEFAULT_RESULT_RULES.grades,
      execution: [
        { below: "60", action: "cut", cutPercent: null, cutUnspent: true },
        { below: "85", action: "adjust", cutPercent: null, cutUnspent: false },
      ],
    },
  });
  return { evaluations, projects: made };
}

/**
 * The demo's deadlines and its 部门整体 monitoring record (issue 16 part 6). The demo reviewer, as the 天津 bureau,
 * sets two stage deadlines through the service (audited like the app's own requests), relative to the day the demo
 * is loaded so that they stay telling:
 * - 目标申报 of the current year, due in 2 days → approaching: the unit's filler is reminded (剩余2天) the first time
 *   they open the notification centre;
 * - 绩效自评 of last year, 4 days past → overdue (已逾期4天) in the deadline list and the to-do tooltip.
 * The 2024 round (seed-monitoring.ts) gets the unit's department-overall goal: the goal with its indicators, then the
 * reviewer's 同步 adds its 部门整体绩效运行监控表 (the round's workflow steps and action already notify people).
 */
import { dateOf } from "@jixiao/core";
import type { Actor } from "../accounts/actor.ts";
import type { Db } from "../db/open.ts";
import { setDeadline } from "../deadlines/deadlines.service.ts";
import { insertGoal } from "../goals/repository.ts";
import { insertIndicator } from "../indicators/repository.ts";
import { syncRound } from "../monitoring/monitoring.service.ts";
import type { OrganisationRow } from "../orgs/schema.ts";

const DAY = 86_400_000;

/** The demo's years with deadlines: the current one (目标申报) and the one before (绩效自评), within 2024–2026. */
export function demoDeadlineYears(now: Date): { goals: number; selfEvaluation: number } {
  const y = Math.min(Math.max(now.getUTCFullYear(), 2025), 2026);
  return { goals: y, selfEvaluation: y - 1 };
}

export async function loadDeadlinesDemo(
  db: Db,
  now: Date,
  people: { reviewer: Actor },
  orgs: { bureau: OrganisationRow; unit: OrganisationRow },
  monitoring: { roundId: string; year: number },
): Promise<void> {
  const deps = { db, now: () => now };
  const years = demoDeadlineYears(now);
  await setDeadline(deps, people.reviewer, {
    orgId: orgs.bureau.id,
    year: years.goals,
    stage: "goals",
    dueDate: dateOf(new Date(now.getTime() + 2 * DAY)),
    note: "请各单位按时完成项目绩效目标和部门整体绩效目标申报",
  });
  await setDeadline(deps, people.reviewer, {
    orgId: orgs.bureau.id,
    year: years.selfEvaluation,
    stage: "self_evaluation",
    dueDate: dateOf(new Date(now.getTime() - 4 * DAY)),
    note: "上年度项目支出和部门整体绩效自评",
  });

  // 警务保障处's department-overall goal of the round's year, then its record in the round.
  const goal = await insertGoal(db, {
    orgId: orgs.unit.id,
    year: monitoring.year,
    annualGoal: "保障全局警务装备、车辆和信息系统运转，支撑交通管理勤务。",
    createdAt: now,
    updatedAt: now,
  });
  const rows: [string, string, string, string, string][] = [
    ["产出指标", "数量指标", "警用车辆保障台数", "≥120台", "30"],
    ["产出指标", "时效指标", "信息系统故障修复时限", "≤24小时", "20"],
    ["效益指标", "社会效益指标", "交通事故接处警及时率", "≥95%", "30"],
    ["满意度指标", "服务对象满意度指标", "基层单位满意度", "≥90%", "20"],
  ];
  for (const [i, [l1, l2, name, target, weight]] of rows.entries()) {
    const a = await insertIndicator(db, { departmentGoalId: goal.id, level: 1, name: l1, sortOrder: i });
    const b = await insertIndicator(db, { departmentGoalId: goal.id, level: 2, name: l2, parentId: a.id });
    await insertIndicator(db, {
      departmentGoalId: goal.id,
      level: 3,
      name,
      parentId: b.id,
      targetText: target,
      weight,
    });
  }
  await syncRound(deps, people.reviewer, monitoring.roundId);
}

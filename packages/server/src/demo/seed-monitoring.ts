/**
 * The demo's in-year monitoring (双监控, issue 16): the demo reviewer opens the 2024 round for 1–6月 over
 * 天津市公安交通管理局, the unit's filler enters each project's cumulative monthly execution and fills three records,
 * one of them submitted and unit-approved. Everything goes through the services (checked and audited like the
 * app's own requests); the lights are not stored but computed by core from these figures:
 * - 警用车辆维护: 50% executed at 50% time progress, its indicator on track → green;
 * - 教育训练: execution on pace, but 组织培训人数 only 有可能 (92 of ≥100 expected) → yellow;
 * - 执勤装备购置: 35% executed, 15 points behind → yellow; 交通安全宣传: ahead of time, not yet filled → green;
 * - 交通管理信息系统运维: 20% executed, 30 points behind → red;
 * - the flawed draft has no execution figure yet → yellow (nothing to judge the pace by).
 * The reviewer has acted on the red one: 要求纠偏, with a date (shown to the unit on the record and in its
 * notifications, not yet read).
 */
import type { Actor } from "../accounts/actor.ts";
import { createExecution } from "../budgets/execution.service.ts";
import type { Db } from "../db/open.ts";
import { sendAction } from "../monitoring/actions.service.ts";
import {
  type IndicatorFill,
  openRound,
  transitionMonitoringRecord,
  updateRecordFor,
} from "../monitoring/monitoring.service.ts";
import { currentProjectsUnder, indicatorRowsOf, recordsOfRound } from "../monitoring/repository.ts";
import type { OrganisationRow } from "../orgs/schema.ts";

export const DEMO_MONITORING_YEAR = 2024;
export const DEMO_MONITORING_MONTH = 6;

/** Cumulative 1–N月 executed (元) of each demo project, months 1 to 6. */
const EXECUTED: Record<string, string[]> = {
  "2024年度警用车辆维护": ["30000.00", "70000.00", "110000.00", "150000.00", "185000.00", "225000.00"],
  "2024年度教育训练": ["40000.00", "85000.00", "120000.00", "160000.00", "200000.00", "235000.00"],
  "2024年度执勤装备购置": ["0.00", "0.00", "30000.00", "60000.00", "90000.00", "105000.00"],
  "2024年度交通安全宣传": ["12000.00", "24000.00", "36000.00", "48000.00", "57000.00", "66000.00"],
  "2024年度交通管理信息系统运维": ["20000.00", "45000.00", "70000.00", "100000.00", "130000.00", "160000.00"],
};

type Fill = Omit<IndicatorFill, "id">;

/** What the unit fills, per project and indicator name. */
const FILLS: Record<
  string,
  { indicators: Record<string, Fill>; executionReason?: string; executionMeasures?: string }
> = {
  "2024年度警用车辆维护": {
    indicators: { 任务完成率: { progress: "52%", forecast: "96%", likelihood: "确定能" } },
  },
  "2024年度教育训练": {
    indicators: {
      教育训练经费使用规定: { progress: "符合相关规定", forecast: "符合相关规定", likelihood: "确定能" },
      确定年内开展培训时间: { progress: "已完成两个阶段", forecast: "分阶段进行", likelihood: "确定能" },
      组织培训人数: {
        progress: "46人",
        forecast: "92人",
        likelihood: "有可能",
        deviationCategory: "人员保障",
        deviationReason: "二季度执勤任务重，部分民警辅警未能按计划参训。",
        correctiveMeasures: "下半年增开两期轮训班，分批组织未参训人员参加。",
      },
      培训费: { progress: "420元/人/天", forecast: "450元/人/天", likelihood: "确定能" },
      提高队伍专业化水平: { progress: "作用显著", forecast: "作用显著", likelihood: "确定能" },
      学员满意度: { progress: "93%", forecast: "92%", likelihood: "确定能" },
    },
  },
  "2024年度交通管理信息系统运维": {
    indicators: {
      任务完成率: {
        progress: "40%",
        forecast: "90%",
        likelihood: "有可能",
        deviationCategory: "经费保障",
        deviationReason: "运维服务合同续签延迟，上半年仅支付基础运维费用。",
        correctiveMeasures: "督促7月内完成合同签订，按季度考核支付运维费用。",
      },
    },
    executionReason: "运维服务合同续签延迟，合同款未能按进度支付。",
    executionMeasures: "7月内完成合同签订并支付上半年运维费用，9月底前执行率达到70%。",
  },
};

/** Opens and fills the demo's monitoring round; `people` are the demo accounts' actors (filler, approver, reviewer). */
export async function loadMonitoringDemo(
  db: Db,
  now: Date,
  people: { filler: Actor; approver: Actor; reviewer: Actor },
  orgs: { bureau: OrganisationRow; unit: OrganisationRow },
): Promise<{ roundId: string; records: number }> {
  const deps = { db, now: () => now };
  for (const p of await currentProjectsUnder(db, orgs.unit.path, DEMO_MONITORING_YEAR)) {
    const executed = EXECUTED[p.name];
    if (!executed) continue;
    for (const [i, amount] of executed.entries()) {
      await createExecution(deps, people.filler, {
        orgId: orgs.unit.id,
        year: DEMO_MONITORING_YEAR,
        scope: "project",
        projectId: p.id,
        month: i + 1,
        executed: amount,
      });
    }
  }
  const round = await openRound(deps, people.reviewer, {
    orgId: orgs.bureau.id,
    year: DEMO_MONITORING_YEAR,
    cutoffMonth: DEMO_MONITORING_MONTH,
    deadline: `${DEMO_MONITORING_YEAR}-07-15`,
    title: `${DEMO_MONITORING_YEAR}年1–${DEMO_MONITORING_MONTH}月项目支出绩效运行监控`,
  });
  for (const record of await recordsOfRound(db, round.id)) {
    const fill = FILLS[record.projectName];
    if (!fill) continue;
    const rows = await indicatorRowsOf(db, [record.id]);
    const saved = await updateRecordFor(deps, people.filler, record.id, {
      version: record.version,
      executionReason: fill.executionReason ?? null,
      executionMeasures: fill.executionMeasures ?? null,
      indicators: rows.flatMap((row) => {
        const f = fill.indicators[row.name];
        return f ? [{ id: row.id, ...f }] : [];
      }),
    });
    if (record.projectName === "2024年度交通管理信息系统运维") {
      await sendAction(deps, people.reviewer, record.id, {
        kind: "require_correction",
        message: "执行进度落后时间进度 30 个百分点，请于 7 月 31 日前报送纠偏措施并加快合同签订与支付。",
      });
    }
    // The green one goes the whole way through the unit: submitted by the filler, approved by the unit approver.
    if (record.projectName === "2024年度警用车辆维护") {
      const submitted = await transitionMonitoringRecord(deps, people.filler, record.id, "submit", {
        version: saved.version,
      });
      await transitionMonitoringRecord(deps, people.approver, record.id, "unit_approve", {
        version: submitted.version,
      });
    }
  }
  return { roundId: round.id, records: round.records };
}

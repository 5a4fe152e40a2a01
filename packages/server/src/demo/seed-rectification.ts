/**
 * The demo's rectification (整改, issue 17): the demo reviewer of 天津市公安交通管理局 gives 警务保障处 one item in each
 * state, through the services (checked, with their steps and audit rows, as in the app):
 * - 待整改: the red light of the 1–6月 monitoring round (交通管理信息系统运维, execution 30 points behind);
 * - 待整改 and overdue: an expert's opinion whose deadline passed a week ago;
 * - 整改中: the missed 群众满意度 target of the flawed draft's self-evaluation, proposed by core, answered but not submitted;
 * - 已提交: a review finding on the flawed project (no 满意度 weight of its own), answered with evidence;
 * - 退回: the same kind of finding, returned by the reviewer for want of evidence;
 * - 已验收: an expert's opinion, answered, returned once, answered again and accepted.
 */
import type { Actor } from "../accounts/actor.ts";
import type { Db } from "../db/open.ts";
import { receiveBytes } from "../imports/receive.ts";
import { recordsOfRound } from "../monitoring/repository.ts";
import type { OrganisationRow } from "../orgs/schema.ts";
import { addAttachment, createFromEvaluation, createItem, stepItem } from "../rectification/rectification.service.ts";

export const DEMO_RECTIFICATION_YEAR = 2024;
const RED_PROJECT = "2024年度交通管理信息系统运维";

const day = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

export async function loadRectificationDemo(
  db: Db,
  now: Date,
  people: { filler: Actor; reviewer: Actor },
  at: {
    unit: OrganisationRow;
    /** The demo's monitoring round (its red record is one item's source), the flawed project and its self-evaluation. */
    monitoringRoundId: string;
    flawedProjectId: string;
    flawedEvaluationId: string;
  },
): Promise<{ items: number }> {
  const deps = { db, now: () => now };
  const { filler, reviewer } = people;
  const base = { orgId: at.unit.id, year: DEMO_RECTIFICATION_YEAR };
  const versions = new Map<string, number>();
  const step = async (
    who: Actor,
    id: string,
    action: "answer" | "submit" | "accept" | "return",
    body: { measuresTaken?: string; comment?: string } = {},
  ) => {
    const r = await stepItem(deps, who, id, action, { version: versions.get(id) ?? 1, ...body });
    versions.set(id, r.version);
    return r;
  };
  const evidence = async (id: string, name: string, text: string) => {
    await addAttachment(deps, filler, id, receiveBytes(name, new TextEncoder().encode(text)), undefined);
    versions.set(id, (versions.get(id) ?? 1) + 1);
  };
  let n = 0;

  // 待整改: the monitoring round's red light.
  const red = (await recordsOfRound(db, at.monitoringRoundId)).find((r) => r.projectName === RED_PROJECT);
  if (red) {
    await createItem(deps, reviewer, {
      sourceKind: "monitoring_warning",
      sourceEntityType: "monitoring_record",
      sourceEntityId: red.id,
      sourceRef: "1–6月红灯",
      problem: "交通管理信息系统运维 1–6 月预算执行落后时间进度 30 个百分点，亮红灯",
      requiredMeasures: "分析执行滞后的原因，制定后续支付计划，三季度末执行率不低于 70%；确难执行的资金及时申请调减",
      deadline: day(now, 30),
    });
    n++;
  }

  // 待整改, overdue.
  await createItem(deps, reviewer, {
    ...base,
    sourceKind: "expert_opinion",
    sourceRef: "2024年重点项目专家评审组",
    problem: "执勤装备购置项目的数量指标与采购计划不一致，成本指标缺失",
    requiredMeasures: "按采购计划修订数量指标，补充单位成本指标并说明测算依据",
    deadline: day(now, -7),
  });
  n++;

  // 整改中: proposed by core from the flawed self-evaluation (群众满意度 88%, below ≥90%), answered.
  const proposed = await createFromEvaluation(deps, reviewer, at.flawedEvaluationId, { deadline: day(now, 45) });
  for (const item of proposed.items) {
    versions.set(item.id, item.version);
    await step(filler, item.id, "answer", {
      measuresTaken: "已组织两次群众满意度回访，正在梳理群众反映集中的拥堵路段问题并制定改进方案。",
    });
    n++;
  }

  // 已提交: a review finding answered with evidence and submitted.
  const submitted = await createItem(deps, reviewer, {
    sourceKind: "review_finding",
    sourceEntityType: "project",
    sourceEntityId: at.flawedProjectId,
    sourceRef: "指标权重合计不为 100",
    problem: "2024年度道路交通秩序整治绩效目标中各级指标分值合计为 80，不等于 100",
    requiredMeasures: "按产出 50、效益 30、满意度 10 的分值重新设置指标权重，报送修订后的绩效目标表",
    deadline: day(now, 20),
  });
  versions.set(submitted.id, submitted.version);
  await step(filler, submitted.id, "answer", { measuresTaken: "已按规定分值重新设置各级指标权重，合计 100。" });
  await evidence(
    submitted.id,
    "修订后的绩效目标表.txt",
    "2024年度道路交通秩序整治 绩效目标表（修订稿）：产出 50，效益 30，满意度 10。",
  );
  await step(filler, submitted.id, "submit");
  n++;

  // 退回: answered without evidence and returned.
  const returned = await createItem(deps, reviewer, {
    sourceKind: "review_finding",
    sourceEntityType: "project",
    sourceEntityId: at.flawedProjectId,
    sourceRef: "定性指标不明确",
    problem: "「交通违法行为查处率」的指标值为「较好」，未量化",
    requiredMeasures: "将查处率改为可衡量的百分比目标（如 ≥95%），并说明依据",
    deadline: day(now, 15),
  });
  versions.set(returned.id, returned.version);
  await step(filler, returned.id, "submit", { measuresTaken: "已修改。" });
  await step(reviewer, returned.id, "return", { comment: "未说明修改后的目标值及测算依据，请补充佐证材料。" });
  n++;

  // 已验收: the whole cycle, returned once.
  const accepted = await createItem(deps, reviewer, {
    ...base,
    sourceKind: "expert_opinion",
    sourceRef: "2024年重点项目专家评审组",
    problem: "教育训练项目培训费标准高于本地区规定",
    requiredMeasures: "按本地区培训费标准重新测算并调整预算",
    deadline: day(now, 10),
  });
  versions.set(accepted.id, accepted.version);
  await step(filler, accepted.id, "submit", { measuresTaken: "已调整培训费标准。" });
  await step(reviewer, accepted.id, "return", { comment: "请说明调整后的标准和金额。" });
  await step(filler, accepted.id, "answer", {
    measuresTaken: "已按每人每天 450 元的标准重新测算，培训费预算由 18 万元调减为 15.6 万元。",
  });
  await evidence(
    accepted.id,
    "培训费测算表.txt",
    "培训费测算：80 人 × 4 天 × 450 元 = 14.4 万元，另教材 1.2 万元，合计 15.6 万元。",
  );
  await step(filler, accepted.id, "submit");
  await step(reviewer, accepted.id, "accept", { comment: "整改到位。" });
  n++;

  return { items: n };
}

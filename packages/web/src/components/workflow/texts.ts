import { type Lang, useI18n } from "../../i18n.tsx";
import type { FlowAction, FlowState } from "./api.ts";

/** The workflow's texts, Chinese first (kept here beside the components; the language comes from i18n.tsx). */
const TEXTS = {
  submit: ["提交审核", "Submit"],
  unitApprove: ["单位审核通过", "Approve for the unit"],
  approve: ["审核通过", "Approve"],
  return: ["退回", "Return"],
  returnTitle: ["退回并说明意见", "Return with a comment"],
  returnPlaceholder: ["请说明需要修改的内容（必填）", "What needs to change (required)"],
  returnNeedsComment: ["退回须填写意见", "A return needs a comment"],
  returnedWith: ["退回意见", "Returned with the comment"],
  returnedBy: ["退回人", "Returned by"],
  history: ["流转记录", "History"],
  noHistory: ["尚未提交", "Not submitted yet"],
  version: ["版本", "version"],
  me: ["我", "me"],
  changes: ["本次修改", "What changed"],
  changesFrom: ["对比", "Compare"],
  changesTo: ["与", "with"],
  current: ["当前内容", "the current record"],
  noChanges: ["两个版本之间没有修改。", "Nothing changed between the two versions."],
  noSnapshots: ["尚无提交或审核的版本可供对比。", "No submitted or approved version to compare yet."],
  snapshotsUnavailable: ["服务器尚未提供版本记录。", "The server does not provide versions yet."],
  added: ["新增", "Added"],
  removed: ["删除", "Removed"],
  changed: ["修改", "Changed"],
  field: ["项目信息", "Field"],
  empty: ["（空）", "(empty)"],
  sinceReturn: ["自退回的版本以来", "since the returned version"],
  done: ["已完成", "Done"],
  confirmSubmitTitle: ["确认提交审核？", "Submit for review?"],
  confirmSubmit: [
    "提交后记录将锁定，不能再修改，由单位审核人审核；如需修改须等审核人退回。",
    "Once submitted the record is locked and goes to the unit approver; it can be changed again only after a return.",
  ],
  confirmUnitApproveTitle: ["确认单位审核通过？", "Approve for the unit?"],
  confirmUnitApprove: [
    "通过后记录将送主管部门/财政审核，本单位不能再修改或退回。",
    "Once approved for the unit the record goes to the reviewer; the unit can no longer change or return it.",
  ],
  confirmApproveTitle: ["确认审核通过？", "Approve?"],
  confirmApprove: [
    "通过后记录成为定稿（审核通过），不能再修改；此后只能通过预算调整另起新版本。",
    "Once approved the record is final and can no longer be changed; only an adjustment starts a new version.",
  ],
  confirmCancel: ["取消", "Cancel"],
} satisfies Record<string, [string, string]>;

export type FlowText = keyof typeof TEXTS;

export function useFlowText(): { lang: Lang; zh: boolean; tx: (k: FlowText) => string } {
  const { lang } = useI18n();
  const i = lang === "zh" ? 0 : 1;
  return { lang, zh: lang === "zh", tx: (k) => TEXTS[k][i] };
}

export const STATE_TEXT: Record<FlowState, [string, string]> = {
  draft: ["草稿", "Draft"],
  submitted: ["已提交，待单位审核", "Submitted, awaiting the unit"],
  unit_approved: ["单位已审核，待主管/财政审核", "Unit approved, awaiting review"],
  approved: ["审核通过", "Approved"],
  returned: ["已退回", "Returned"],
};

/** What the history says a step did. */
export const ACTION_TEXT: Record<FlowAction, [string, string]> = {
  submit: ["提交", "Submitted"],
  unit_approve: ["单位审核通过", "Approved for the unit"],
  approve: ["审核通过", "Approved"],
  return: ["退回", "Returned"],
};

/** What the message after an action says. */
export const ACTION_DONE: Record<FlowAction, [string, string]> = {
  submit: ["已提交，待单位审核", "Submitted: the unit approver reviews it next"],
  unit_approve: ["单位已审核，待主管/财政审核", "Approved for the unit: the reviewer reviews it next"],
  approve: ["已审核通过", "Approved"],
  return: ["已退回", "Returned"],
};

/** Names of the compared fields of projects, goals and self-evaluations (and their rows). */
export const FIELD_TEXT: Record<string, [string, string]> = {
  code: ["项目编码", "Code"],
  name: ["名称", "Name"],
  implementingUnit: ["实施单位", "Implementing unit"],
  attribute: ["项目属性", "Attribute"],
  category: ["项目类别", "Category"],
  startDate: ["开始日期", "Start"],
  endDate: ["结束日期", "End"],
  totalFunds: ["项目总额", "Total funds"],
  annualFunds: ["年度资金总额", "Annual funds"],
  fiscalFunds: ["财政拨款", "Fiscal funds"],
  carryOverFunds: ["上年结转", "Carried over"],
  otherFunds: ["其他资金", "Other funds"],
  purpose: ["项目概况与用途", "Purpose"],
  annualGoal: ["年度目标", "Annual goal"],
  midTermGoal: ["中期目标", "Mid-term goal"],
  level1: ["一级指标", "Level 1"],
  level2: ["二级指标", "Level 2"],
  targetText: ["指标值", "Target"],
  unit: ["计量单位", "Unit"],
  weight: ["分值", "Points"],
  points: ["分值", "Points"],
  description: ["指标内容", "Description"],
  actualText: ["实际完成值", "Actual"],
  statedScore: ["得分", "Score"],
  overrideReason: ["调整理由", "Reason for the override"],
  deviationReason: ["偏差原因", "Deviation cause"],
  initialBudget: ["年初预算数", "Initial budget"],
  fullYearBudget: ["全年预算数", "Annual budget"],
  executed: ["全年执行数", "Spent"],
  executionPoints: ["预算执行率分值", "Execution points"],
  scheme: ["评分方案", "Scoring scheme"],
  statedTotal: ["自评得分", "Stated total"],
  statedGrade: ["自评等级", "Stated grade"],
  conclusion: ["总体完成情况", "Overall result"],
  goalsMet: ["已完成的目标", "Goals met"],
  goalsNotMet: ["未完成的目标", "Goals not met"],
  problems: ["存在问题", "Problems"],
  improvements: ["改进措施", "Improvements"],
  overallGoal: ["整体绩效目标", "Overall goal"],
  notes: ["说明", "Notes"],
};

export function fieldName(field: string, lang: Lang): string {
  const t = FIELD_TEXT[field];
  return t ? t[lang === "zh" ? 0 : 1] : field;
}

/**
 * The audit trail said in words: an action code (`workflow.return`) as what was done (退回), a record type
 * (`project`) by its name (项目), and what an event kept before and after (or its details) as lines
 * 「label」: value, amounts (kept in 元) shown in 万元 with thousands separators and 2 decimals.
 */
import { formatWanYuan, parseYuan } from "@jixiao/core";
import type { Lang } from "../i18n.tsx";
import { fieldLabel, hasFieldLabel } from "./fieldLabels.ts";

const ACTION: Record<string, [string, string]> = {
  "auth.login": ["登录", "Signed in"],
  "auth.logout": ["退出登录", "Signed out"],
  "auth.failure": ["登录失败", "Failed sign-in"],
  "auth.lockout": ["账户因多次登录失败被锁定", "Account locked after failed sign-ins"],
  "auth.password_change": ["修改密码", "Changed the password"],
  "account.create": ["创建账户", "Created an account"],
  "account.bootstrap": ["创建首个管理员账户", "Created the first administrator"],
  "account.unlock": ["解锁账户", "Unlocked an account"],
  "account.password_reset": ["重置密码", "Reset a password"],
  "account.update": ["修改账户", "Changed an account"],
  "account.disable": ["停用账户", "Disabled an account"],
  "account.enable": ["启用账户", "Enabled an account"],
  "role.grant": ["授予角色", "Granted a role"],
  "role.revoke": ["撤销角色", "Revoked a role"],
  "workflow.submit": ["提交审核", "Submitted"],
  "workflow.unit_approve": ["单位审核通过", "Approved for the unit"],
  "workflow.approve": ["审核通过", "Approved"],
  "workflow.return": ["退回", "Returned"],
  "demo.load": ["载入演示数据", "Loaded the demo data"],
  "audit.read": ["查阅审计记录", "Read the audit trail"],
  "request.refused": ["请求被拒绝", "Request refused"],
  "scoring_scheme.define": ["定义评分方案", "Defined a scoring scheme"],
  "evaluation.items": ["修改自评指标", "Changed the self-evaluation's indicators"],
  "duty.reorder": ["调整职责顺序", "Reordered duties"],
  "duty.activities": ["修改职责活动", "Changed the duty's activities"],
  "budget.sections": ["修改预算内容", "Changed the budget's sections"],
  "budget.revise": ["预算调整", "Adjusted the budget"],
  "project.revise": ["项目调整", "Adjusted the project"],
  "import.upload": ["上传导入文件", "Uploaded a file to import"],
  "import.commit": ["确认导入", "Committed an import"],
  "export.batch": ["批量导出", "Batch export"],
  "publication.publish": ["公开", "Published"],
  "publication.withdraw": ["撤回公开", "Withdrew a publication"],
  "library.mark": ["标记指标库条目", "Marked a library entry"],
  "library.unmark": ["清除指标库标记", "Cleared a library mark"],
  "carry_forward.run": ["结转上年", "Carried last year forward"],
  "project.carry_forward": ["由上年结转项目", "Project carried from last year"],
  "duty.carry_forward": ["由上年结转职责", "Duty carried from last year"],
  "goal.carry_forward": ["由上年结转部门整体目标", "Overall goal carried from last year"],
  "monitoring.round.open": ["开展绩效运行监控", "Opened a monitoring round"],
  "monitoring.record.update": ["填报绩效运行监控表", "Filled a monitoring record"],
  "monitoring.round.sync": ["补充绩效运行监控表", "Added monitoring records to a round"],
  "monitoring.action.notice": ["发送监控提醒", "Sent a monitoring notice"],
  "monitoring.action.require_correction": ["要求纠偏", "Required corrective action"],
  "monitoring.action.propose_reduce": ["建议调减预算", "Proposed a budget reduction"],
  "monitoring.action.propose_defer": ["建议暂缓实施", "Proposed deferral"],
  "monitoring.action.acknowledge": ["已阅财政处理意见", "Acknowledged the bureau's action"],
  "export.monitoring": ["导出绩效运行监控表", "Exported a monitoring record"],
  "export.monitoring_round": ["批量导出绩效运行监控表", "Exported a monitoring round"],
  "rectification.create": ["下达整改事项", "Created a rectification item"],
  "rectification.answer": ["填报整改情况", "Answered a rectification item"],
  "rectification.submit": ["提交整改情况", "Submitted a rectification answer"],
  "rectification.accept": ["整改验收通过", "Accepted a rectification"],
  "rectification.return": ["退回整改", "Returned a rectification"],
  "rectification.attach": ["上传整改佐证材料", "Attached rectification evidence"],
  "rectification.detach": ["删除整改佐证材料", "Removed rectification evidence"],
  "export.rectification": ["导出整改情况报告", "Exported the rectification report"],
  "results.rules.update": ["设置结果应用规则", "Set the rules for using the results"],
  "export.results_summary": ["导出结果应用情况表", "Exported the use of results"],
  "expert.form.create": ["定义专家评分表", "Defined an expert scoring form"],
  "expert.assign": ["委托专家评审", "Assigned a record to experts"],
  "expert.review.save": ["保存专家评分", "Saved an expert's scores"],
  "expert.review.submit": ["提交专家评分", "Submitted an expert's scores"],
  "expert.adopt": ["采纳专家评审意见", "Adopted the experts' result"],
  "expert.reject": ["不采纳专家评审意见", "Did not adopt the experts' result"],
  "exante.save": ["填写事前绩效评估", "Filled the ex-ante assessment"],
  "export.expert_review": ["导出专家评审意见汇总表", "Exported the experts' review summary"],
  "deadline.set": ["设置时间节点", "Set a stage deadline"],
  "deadline.clear": ["取消时间节点", "Cleared a stage deadline"],
};

const ENTITY: Record<string, [string, string]> = {
  account: ["账户", "Account"],
  membership: ["角色授予", "Role"],
  organisation: ["单位", "Organisation"],
  org: ["单位", "Organisation"],
  fiscal_year: ["年度", "Fiscal year"],
  year: ["年度", "Fiscal year"],
  project: ["项目", "Project"],
  indicator: ["绩效指标", "Indicator"],
  self_evaluation: ["绩效自评", "Self-evaluation"],
  evaluation: ["绩效自评", "Self-evaluation"],
  department_budget: ["部门预算", "Department budget"],
  budget: ["部门预算", "Department budget"],
  budget_execution: ["预算执行", "Budget execution"],
  execution: ["预算执行", "Budget execution"],
  department_goal: ["部门整体绩效目标", "Department goal"],
  goal: ["部门整体绩效目标", "Department goal"],
  duty: ["职责活动", "Duty"],
  import: ["导入", "Import"],
  export: ["导出", "Export"],
  job: ["后台任务", "Job"],
  scoring_scheme: ["评分方案", "Scoring scheme"],
  publication: ["信息公开", "Publication"],
  library_mark: ["指标库标记", "Library mark"],
  monitoring: ["绩效运行监控", "In-year monitoring"],
  monitoring_round: ["监控轮次", "Monitoring round"],
  monitoring_record: ["绩效运行监控表", "Monitoring record"],
  result_rules: ["结果应用规则", "Rules for using the results"],
  rectification: ["整改", "Rectification"],
  rectification_item: ["整改事项", "Rectification item"],
  expert_form: ["专家评分表", "Expert scoring form"],
  expert_assignment: ["专家评审任务", "Expert assignment"],
  expert_review: ["专家评分", "Expert review"],
  exante_assessment: ["事前绩效评估", "Ex-ante assessment"],
  stage_deadline: ["时间节点", "Stage deadline"],
  auth: ["登录", "Sign-in"],
  role: ["角色", "Role"],
  workflow: ["审核", "Review"],
  audit: ["审计记录", "Audit trail"],
  request: ["请求", "Request"],
  demo: ["演示数据", "Demo data"],
};

const VERB: Record<string, [string, string]> = {
  create: ["新建", "Created"],
  update: ["修改", "Changed"],
  delete: ["删除", "Deleted"],
};

/** 退回, 新建项目, 修改部门预算… (an unknown code is shown as it is). */
export function auditActionText(action: string, lang: Lang): string {
  const i = lang === "zh" ? 0 : 1;
  const known = ACTION[action];
  if (known) return known[i];
  const [area = "", verb = ""] = action.split(".");
  const e = ENTITY[area];
  const v = VERB[verb];
  if (e && v) return lang === "zh" ? `${v[0]}${e[0]}` : `${v[1]} ${e[1].toLowerCase()}`;
  if (action.startsWith("export.") && e)
    return lang === "zh" ? `导出（${action.slice(7)}）` : `Export (${action.slice(7)})`;
  // A code not known here yet: what it is about in words, the code beside.
  if (e) return lang === "zh" ? `${e[0]}（${action}）` : `${e[1]} (${action})`;
  return action;
}

/** 项目, 部门预算… */
export function entityTypeText(type: string, lang: Lang): string {
  return ENTITY[type]?.[lang === "zh" ? 0 : 1] ?? type;
}

/** Fields whose values are amounts in 元. */
const MONEY = /(Funds|Budget|Amount|Price)$|^(executed|adjustment|amount|budget|total|priorYear|currentYear)$/;

const ROLE: Record<string, [string, string]> = {
  filler: ["填报员", "Filler"],
  unit_approver: ["单位审核人", "Unit approver"],
  reviewer: ["财政/主管审核人", "Reviewer"],
  viewer: ["只读", "Viewer"],
  expert: ["评审专家", "Expert"],
  admin: ["管理员", "Administrator"],
  auditor: ["审计员", "Auditor"],
};

const STATE: Record<string, [string, string]> = {
  draft: ["草稿", "Draft"],
  submitted: ["已提交，待单位审核", "Submitted"],
  unit_approved: ["单位已审核，待主管/财政审核", "Unit approved"],
  approved: ["审核通过", "Approved"],
  returned: ["已退回", "Returned"],
};

/** A value as read: amounts in 万元, roles and states by name, yes/no, lists joined. */
export function auditValueText(key: string, value: unknown, lang: Lang): string {
  const zh = lang === "zh";
  if (value === null || value === undefined || value === "") return zh ? "（空）" : "(empty)";
  if (typeof value === "boolean") return value ? (zh ? "是" : "yes") : zh ? "否" : "no";
  if (MONEY.test(key) && (typeof value === "string" || typeof value === "number")) {
    try {
      return `${formatWanYuan(parseYuan(String(value)))} ${zh ? "万元" : "10k yuan"}`;
    } catch {
      // not an amount after all: as it is
    }
  }
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string" && UUID.test(v)))
    return zh ? `${value.length} 个` : `${value.length}`;
  if (typeof value === "string" && key === "reason" && REASON[value]) return REASON[value][zh ? 0 : 1];
  if (typeof value === "string") {
    const named =
      (key === "role" || key === "roles" ? ROLE[value] : undefined) ??
      (key.endsWith("tate") ? STATE[value] : undefined);
    if (named) return named[zh ? 0 : 1];
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(value).toLocaleString(zh ? "zh-CN" : "en-GB");
    return value;
  }
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== "object" || v === null))
      return value.map((v) => auditValueText(key, v, lang)).join(zh ? "、" : ", ");
    return zh ? `${value.length} 项` : `${value.length} items`;
  }
  if (typeof value === "object") {
    const n = Object.keys(value).length;
    return zh ? `${n} 项内容` : `${n} fields`;
  }
  return String(value);
}

/** Keys of events' details (what the event says beside the record), by label. */
const DETAIL: Record<string, [string, string]> = {
  organisations: ["单位", "Organisations"],
  projects: ["项目", "Projects"],
  budgets: ["部门预算", "Budgets"],
  accounts: ["账户", "Accounts"],
  monitoringRounds: ["监控轮次", "Monitoring rounds"],
  records: ["监控表", "Records"],
  comment: ["意见", "Comment"],
  failures: ["连续失败次数", "Failures in a row"],
  documents: ["文书", "Documents"],
  formats: ["格式", "Formats"],
  count: ["数量", "Count"],
  rows: ["行数", "Rows"],
  from: ["原值", "From"],
  to: ["新值", "To"],
  query: ["查询条件", "Query"],
  method: ["方法", "Method"],
  path: ["地址", "Path"],
  status: ["状态码", "Status"],
  code: ["错误代码", "Code"],
  leftOutBefore: ["此前未记录的次数", "Left out before"],
};
const REASON: Record<string, [string, string]> = {
  wrong_password: ["密码错误", "wrong password"],
  unknown_user: ["用户名不存在", "unknown user"],
  disabled: ["账户已停用", "account disabled"],
  locked: ["账户已锁定", "account locked"],
  address_limited: ["该地址登录失败过多", "too many failures from the address"],
};

/** A key's label: the form's, else the details', else the key. */
function keyLabel(k: string, lang: Lang): string {
  if (hasFieldLabel(k)) return fieldLabel(k, lang);
  return DETAIL[k]?.[lang === "zh" ? 0 : 1] ?? k;
}

/** A details key's label: the details', else the form's, else the key. */
function detailLabel(k: string, lang: Lang): string {
  return DETAIL[k]?.[lang === "zh" ? 0 : 1] ?? keyLabel(k, lang);
}

/** Keys that are internal and say nothing to the reader. */
const INTERNAL = /^(id|.*Id|version|createdAt|updatedAt|createdBy|updatedBy|passwordHash|hash|salt)$/;

export interface AuditLine {
  field: string;
  label: string;
  before?: string;
  after?: string;
}

/**
 * The lines of an event: for an object before/after, each field that differs (label, before, after); a field
 * only after (a creation) or only before (a deletion) is listed with its one side. Internal keys are left out.
 */
export function auditLines(before: unknown, after: unknown, lang: Lang): AuditLine[] {
  const obj = (v: unknown): Record<string, unknown> =>
    v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const b = obj(before);
  const a = obj(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !INTERNAL.test(k));
  const lines: AuditLine[] = [];
  for (const k of keys) {
    const inB = k in b;
    const inA = k in a;
    if (inB && inA && JSON.stringify(b[k]) === JSON.stringify(a[k])) continue;
    lines.push({
      field: k,
      label: keyLabel(k, lang),
      ...(inB ? { before: auditValueText(k, b[k], lang) } : {}),
      ...(inA ? { after: auditValueText(k, a[k], lang) } : {}),
    });
  }
  return lines;
}

/** An event's details (reason, counts, the user name of a failed sign-in…) as 「label」：value, joined. */
export function auditDetailsText(details: unknown, lang: Lang): string {
  if (details === null || details === undefined) return "";
  if (typeof details !== "object" || Array.isArray(details)) return auditValueText("details", details, lang);
  return Object.entries(details as Record<string, unknown>)
    .filter(([k]) => !INTERNAL.test(k))
    .map(([k, v]) => `${detailLabel(k, lang)}${lang === "zh" ? "：" : ": "}${auditValueText(k, v, lang)}`)
    .join(lang === "zh" ? "；" : "; ");
}

/**
 * Field names as the interface shows them: the server names a field by its code (`changeReason`, `password`);
 * messages, the audit trail and comparisons show the label the form shows (调整原因, 密码). A code without a label
 * is shown as it is.
 */
import { FIELD_TEXT } from "../components/workflow/texts.ts";
import type { Lang } from "../i18n.tsx";

const MORE: Record<string, [string, string]> = {
  // the 三公 reason, the one form that has it, labels it 增减原因
  changeReason: ["增减原因", "Why it changed"],
  reason: ["原因", "Reason"],
  comment: ["意见", "Comment"],
  password: ["密码", "Password"],
  currentPassword: ["当前密码", "Current password"],
  newPassword: ["新密码", "New password"],
  username: ["用户名", "User name"],
  displayName: ["姓名", "Name"],
  roles: ["角色", "Roles"],
  role: ["角色", "Role"],
  orgId: ["单位", "Organisation"],
  parentId: ["上级单位", "Parent organisation"],
  year: ["年度", "Year"],
  version: ["版本", "Version"],
  state: ["状态", "State"],
  title: ["标题", "Title"],
  content: ["内容", "Content"],
  amount: ["金额", "Amount"],
  quantity: ["数量", "Quantity"],
  unitPrice: ["单价", "Unit price"],
  adjustment: ["调整数", "Adjustment"],
  determinedBudget: ["预算确定数", "Final budget"],
  budget: ["预算数", "Budget"],
  total: ["合计", "Total"],
  priorYear: ["上年数", "Prior year"],
  currentYear: ["本年数", "This year"],
  month: ["月份", "Month"],
  scope: ["范围", "Scope"],
  item: ["项目", "Item"],
  items: ["明细", "Items"],
  lines: ["明细行", "Lines"],
  sections: ["预算内容", "Budget sections"],
  headcount: ["编制人数", "Headcount"],
  funds: ["资金", "Funds"],
  target: ["指标值", "Target"],
  indicators: ["绩效指标", "Indicators"],
  activities: ["活动", "Activities"],
  duty: ["职责", "Duty"],
  entityId: ["记录", "Record"],
  type: ["类型", "Type"],
  kind: ["类型", "Kind"],
  text: ["文字", "Text"],
  file: ["文件", "File"],
  format: ["格式", "Format"],
  procurementItem: ["采购品目", "Procurement item"],
  overallGoal: ["整体绩效目标", "Overall goal"],
  locked: ["锁定", "Locked"],
  failedLogins: ["连续登录失败次数", "Failed sign-ins"],
  lockedUntil: ["锁定至", "Locked until"],
  mustChangePassword: ["须修改密码", "Must change the password"],
  enabled: ["启用", "Enabled"],
  disabled: ["停用", "Disabled"],
  current: ["当前年度", "Current year"],
  closed: ["已关闭", "Closed"],
  revision: ["版次", "Revision"],
};

/** The label of a field code (the last part of a path such as `sections.lines.0.changeReason`). */
export function fieldLabel(code: string, lang: Lang): string {
  const t = MORE[code] ?? FIELD_TEXT[code];
  return t ? t[lang === "zh" ? 0 : 1] : code;
}

/** Whether a field code has a label (else it is shown as it is). */
export function hasFieldLabel(code: string): boolean {
  return code in MORE || code in FIELD_TEXT;
}

/**
 * Where in a request body a path points, said as the form says it: `sections.lines.2.changeReason` →
 * 第 3 行「调整原因」 (rows counted from 1).
 */
export function pathLabel(path: string, lang: Lang): string {
  const parts = path.split(".").filter(Boolean);
  const field = [...parts].reverse().find((p) => !/^\d+$/.test(p));
  const index = [...parts].reverse().find((p) => /^\d+$/.test(p));
  const name = field ? fieldLabel(field, lang) : path;
  if (lang === "zh") return `${index !== undefined ? `第 ${Number(index) + 1} 行` : ""}「${name}」`;
  return `${index !== undefined ? `row ${Number(index) + 1}, ` : ""}"${name}"`;
}

/**
 * A validation message of the server's schema library (English, e.g. "Too big: expected string to have <=2000
 * characters") in Chinese; a message it does not know is said as a general format error with the original beside.
 */
export function validationMessageZh(message: string): string {
  const m = message.trim();
  for (const [pattern, say] of RULES) {
    const r = m.match(pattern);
    if (r) return say(r);
  }
  if (/[\u4e00-\u9fff]/.test(m)) return m;
  return `格式错误（${m}）`;
}

/** The schema library's messages and what they say in Chinese, tried in order. */
const RULES: [RegExp, (r: RegExpMatchArray) => string][] = [
  [/^Too big: expected string to have <=?(\d+) characters?/i, (r) => `过长：最多 ${r[1]} 个字`],
  [
    /^Too small: expected string to have >=?(\d+) characters?/i,
    (r) => (r[1] === "1" ? "不能为空" : `过短：至少 ${r[1]} 个字`),
  ],
  [/^Too big: expected array to have <=?(\d+) items?/i, (r) => `过多：最多 ${r[1]} 项`],
  [/^Too small: expected array to have >=?(\d+) items?/i, (r) => `过少：至少 ${r[1]} 项`],
  [
    /^Too big: expected (?:number|int|bigint) to be <(=?)(-?[\d.]+)/i,
    (r) => (r[1] ? `不能大于 ${r[2]}` : `须小于 ${r[2]}`),
  ],
  [
    /^Too small: expected (?:number|int|bigint) to be >(=?)(-?[\d.]+)/i,
    (r) => (r[1] ? `不能小于 ${r[2]}` : `须大于 ${r[2]}`),
  ],
  [/^Invalid input: expected \w+, received undefined|^Required$/i, () => "必填"],
  [/^Invalid input: expected (\w+), received \w+/i, (r) => `格式错误：应为${TYPE_ZH[r[1]!.toLowerCase()] ?? r[1]}`],
  [/^Invalid (option|enum value)/i, () => "不是可选的值"],
  [/^Invalid uuid/i, () => "编号格式错误"],
  [/^Invalid (string|date|datetime|ISO date)/i, () => "格式错误"],
  [/^Unrecognized keys?/i, () => "含有不认识的字段"],
];

const TYPE_ZH: Record<string, string> = {
  string: "文字",
  number: "数字",
  int: "整数",
  boolean: "是/否",
  array: "列表",
  object: "对象",
  date: "日期",
};

/**
 * A server text that says both languages in one string ("查找文书 / finding the documents"): the side of the
 * interface language. A text that is not such a pair is kept whole.
 */
export function oneLanguage(text: string, lang: Lang): string {
  const m = text.match(/^(.*[\u4e00-\u9fff].*?)\s+\/\s+([\x20-\x7e]+)$/);
  if (!m) return text;
  return lang === "zh" ? m[1]!.trim() : m[2]!.trim();
}

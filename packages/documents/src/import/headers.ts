/**
 * Header synonyms: the names one column goes by in different regions' forms. Headers are compared after
 * `norm` (no whitespace, no bracketed notes such as `(A)`, `(万元)`, `（调增为“+”…）`).
 */
import type { Table } from "../model/table.ts";
import { norm } from "./context.ts";

export const HEADER_SYNONYMS = {
  level1: ["一级指标"],
  level2: ["二级指标"],
  name: ["三级指标", "指标名称", "绩效指标名称"],
  description: ["绩效指标描述", "指标解释", "指标描述", "指标内容", "指标说明"],
  target: ["年初目标值", "年度指标值", "指标值", "目标值", "年度目标值", "全年指标值", "年度指标值（年度）"],
  actual: ["实际完成值", "全年完成值", "完成值", "实际值", "全年实际完成值", "实际完成情况"],
  weight: ["分值", "权重", "指标权重", "指标分值"],
  score: ["得分", "指标得分", "自评得分"],
  unit: ["度量单位", "计量单位", "单位"],
  operatorCode: ["指标性质", "计算符号", "符号"],
  deviation: ["偏差原因分析及改进措施", "偏差原因分析", "偏差原因", "未完成原因", "偏差原因分析及改进措施说明"],
  initial: ["年初预算数", "年初预算"],
  adjustment: ["预算调整数", "调整数", "调整预算数"],
  budget: ["预算确定数", "全年预算数", "调整后预算数", "预算数", "全年预算"],
  executed: ["执行数", "全年执行数", "实际执行数", "执行金额"],
  rate: ["执行率"],
  note: ["情况说明", "备注", "说明"],
  activity: ["职责活动", "职责及活动", "工作活动"],
  annualBudget: ["年度预算数", "年度预算"],
  content: ["内容描述", "活动内容"],
  goal: ["绩效目标"],
  indicator: ["绩效指标"],
  standards: ["评价标准"],
} as const;

export type HeaderField = keyof typeof HEADER_SYNONYMS;

const LOOKUP = new Map<string, HeaderField>();
for (const [field, names] of Object.entries(HEADER_SYNONYMS) as [HeaderField, readonly string[]][]) {
  for (const n of names) if (!LOOKUP.has(norm(n))) LOOKUP.set(norm(n), field);
}

/** The field a header names, if any. */
export function headerField(text: string): HeaderField | undefined {
  return LOOKUP.get(norm(text));
}

/** Maps the columns of a header row to fields (first column wins for each field). */
export function mapColumns(headers: string[]): Map<HeaderField, number> {
  const map = new Map<HeaderField, number>();
  headers.forEach((h, i) => {
    const f = headerField(h);
    if (f && !map.has(f)) map.set(f, i);
  });
  return map;
}

/** The first row (from `from`) holding all the given fields as headers, with its column map. */
export function findHeaderRow(
  table: Table,
  required: HeaderField[],
  from = 0,
): { row: number; columns: Map<HeaderField, number> } | undefined {
  for (let r = from; r < table.rows.length; r++) {
    const columns = mapColumns(table.rows[r]!.map((c) => c.text));
    if (required.every((f) => columns.has(f))) return { row: r, columns };
  }
  return undefined;
}

/** Whether any cell of the table, normalised, equals one of the texts. */
export function tableHas(table: Table, ...texts: string[]): boolean {
  const wanted = new Set(texts.map(norm));
  return table.rows.some((row) => row.some((c) => wanted.has(norm(c.text))));
}

/**
 * The column vocabulary, as data: what a column of a budget-performance table means (`COLUMN_MEANINGS`), and the
 * names it is printed under in each template (`COLUMN_SYNONYMS`: one row per name and meaning, with the
 * templates the name was seen in). Adding a province is adding rows here; the recognisers (through
 * import/headers.ts) and the layout stage (through `headerScore`) read only this table.
 *
 * Names are compared after `normHeader` (no whitespace, no bracketed notes such as `(A)`, `(万元)`,
 * `（调增为“+”…）`, no trailing colon), except the rows marked `exact`, compared with their bracket kept
 * (`调整预算数(A)` is the budget the rate is computed on, while a bare `调整预算数` is the adjustment).
 *
 * Order matters: when two rows give the same name, the first one wins (a bare `年度预算数` is a duty table's
 * annual budget, as the recognisers expect, before anything else).
 */

import { formLabel } from "./form-labels.ts";

/** What a column means. */

export type ColumnField =
  | "level1"
  | "level2"
  | "name"
  | "description"
  | "target"
  | "actual"
  | "weight"
  | "score"
  | "unit"
  | "operatorCode"
  | "deviation"
  | "initial"
  | "adjustment"
  | "budget"
  | "executed"
  | "rate"
  | "note"
  | "activity"
  | "annualBudget"
  | "content"
  | "goal"
  | "indicator"
  | "standards"
  | "project"
  | "department"
  | "implementer"
  | "coefficient"
  | "rateWeight"
  | "rateScore"
  | "expectedGoal"
  | "basis"
  | "balance"
  | "carriedOver"
  | "recovered";

/** The shape of the values a column holds, used by the layout stage to place cells under their header. */
export type ValueShape =
  /** A level-1 name of the indicator framework (产出指标, 效益指标 (30分)) or a scheme's section (决策, 管理). */
  | "level1"
  /** A level-2 name (数量指标, 社会效益指标). */
  | "level2"
  /** A number, an amount, a percentage or `-`. */
  | "number"
  /** A target or actual value: `≥50个`, `100%`, `符合要求`, `=100.00(%)`. */
  | "value"
  /** A measurement unit: 个, %, 万元, 人次. */
  | "unit"
  /** 指标性质: ≥ ≤ = symbols, numeric codes (001) or 定量/定性. */
  | "code"
  /** Free text: names, descriptions, reasons. */
  | "text";

export interface ColumnMeaning {
  field: ColumnField;
  zh: string;
  en: string;
  shape: ValueShape;
}

/** Templates a column name was seen in. `national` is 财预〔2020〕10号 (and its 绩效目标表 of 财预〔2021〕101号). */
export type TemplateId =
  | "national"
  | "sichuan"
  | "chongqing"
  | "ningxia"
  | "yunnan"
  | "hubei"
  | "hebei"
  | "tianjin"
  | "anhui"
  | "hunan"
  | "shaanxi"
  | "jiangsu"
  | "common";

export const TEMPLATES: Record<TemplateId, { zh: string; en: string }> = {
  national: { zh: "全国（财预〔2020〕10号）", en: "national (Cai Yu [2020] No. 10)" },
  sichuan: { zh: "四川", en: "Sichuan" },
  chongqing: { zh: "重庆", en: "Chongqing" },
  ningxia: { zh: "宁夏", en: "Ningxia" },
  yunnan: { zh: "云南", en: "Yunnan" },
  hubei: { zh: "湖北", en: "Hubei" },
  hebei: { zh: "河北", en: "Hebei" },
  tianjin: { zh: "天津", en: "Tianjin" },
  anhui: { zh: "安徽", en: "Anhui" },
  hunan: { zh: "湖南", en: "Hunan" },
  shaanxi: { zh: "陕西", en: "Shaanxi" },
  jiangsu: { zh: "江苏", en: "Jiangsu" },
  common: { zh: "通用", en: "common" },
};

export const COLUMN_MEANINGS: readonly ColumnMeaning[] = [
  { field: "level1", zh: "一级指标", en: "level-1 indicator", shape: "level1" },
  { field: "level2", zh: "二级指标", en: "level-2 indicator", shape: "level2" },
  { field: "name", zh: "三级指标", en: "indicator", shape: "text" },
  { field: "description", zh: "指标描述", en: "description", shape: "text" },
  { field: "target", zh: "指标值", en: "target", shape: "value" },
  { field: "actual", zh: "实际完成值", en: "actual", shape: "value" },
  { field: "weight", zh: "分值", en: "weight", shape: "number" },
  { field: "score", zh: "得分", en: "score", shape: "number" },
  { field: "unit", zh: "度量单位", en: "unit", shape: "unit" },
  { field: "operatorCode", zh: "指标性质", en: "operator / kind", shape: "code" },
  { field: "deviation", zh: "偏差原因", en: "deviation reason", shape: "text" },
  { field: "initial", zh: "年初预算数", en: "initial budget", shape: "number" },
  { field: "adjustment", zh: "预算调整数", en: "adjustment", shape: "number" },
  { field: "budget", zh: "全年预算数", en: "budget", shape: "number" },
  { field: "executed", zh: "全年执行数", en: "executed", shape: "number" },
  { field: "rate", zh: "执行率", en: "execution rate", shape: "number" },
  { field: "note", zh: "说明", en: "note", shape: "text" },
  { field: "activity", zh: "职责活动", en: "duty / activity", shape: "text" },
  { field: "annualBudget", zh: "年度预算数", en: "annual budget", shape: "number" },
  { field: "content", zh: "内容描述", en: "content", shape: "text" },
  { field: "goal", zh: "绩效目标", en: "goal", shape: "text" },
  { field: "indicator", zh: "绩效指标", en: "indicators", shape: "text" },
  { field: "standards", zh: "评价标准", en: "standards", shape: "text" },
  { field: "project", zh: "项目名称", en: "project", shape: "text" },
  { field: "department", zh: "主管部门", en: "department", shape: "text" },
  { field: "implementer", zh: "实施单位", en: "implementing unit", shape: "text" },
  { field: "coefficient", zh: "得分系数", en: "score coefficient", shape: "number" },
  { field: "rateWeight", zh: "执行率权重", en: "execution-rate weight", shape: "number" },
  { field: "rateScore", zh: "执行率得分", en: "execution-rate score", shape: "number" },
  { field: "expectedGoal", zh: "预期目标", en: "expected goal", shape: "text" },
  { field: "basis", zh: "指标值确定依据", en: "basis of the target", shape: "text" },
  // what of a budget was not paid, and what became of it (苏州's 市级财政资金使用情况): read, no figure of the form's
  { field: "balance", zh: "结余数", en: "unspent balance", shape: "number" },
  { field: "carriedOver", zh: "结转数", en: "carried over", shape: "number" },
  { field: "recovered", zh: "财政收回数", en: "recovered by the treasury", shape: "number" },
];

export interface ColumnSynonym {
  field: ColumnField;
  /** The name as printed. */
  text: string;
  /** Where the name was seen. */
  templates: readonly TemplateId[];
  /** Compared with its bracketed part kept (see the module comment). */
  exact?: boolean;
  /**
   * A name cut to its first characters (一级 for 一级指标): known as a whole cell, never looked for inside text whose
   * cells are glued, where `二级指标名称` would read as 二级 + 指标名称 as well as 二级指标 + 名称.
   */
  cut?: boolean;
}

const s = (field: ColumnField, templates: TemplateId[], ...texts: string[]): ColumnSynonym[] =>
  texts.map((text) => ({ field, text, templates }));

/**
 * The names. The first block keeps the order the recognisers were built with (the first meaning of a name
 * wins); later blocks only add names.
 */
export const COLUMN_SYNONYMS: readonly ColumnSynonym[] = [
  ...s("level1", ["national"], "一级指标"),
  ...s("level2", ["national"], "二级指标"),
  ...s("name", ["national"], "三级指标"),
  ...s("name", ["common"], "指标名称", "绩效指标名称", "指标内容"),
  ...s("description", ["tianjin"], "绩效指标描述"),
  ...s("description", ["common"], "指标解释", "指标描述", "指标内容", "指标说明"),
  ...s("target", ["hubei"], "年初目标值"),
  ...s("target", ["national"], "年度指标值"),
  ...s("target", ["yunnan", "tianjin"], "指标值"),
  ...s("target", ["common"], "目标值", "年度目标值", "全年指标值", "年度指标值（年度）"),
  ...s("actual", ["national", "hubei", "yunnan"], "实际完成值"),
  ...s("actual", ["common"], "全年完成值", "完成值", "实际值", "全年实际完成值", "实际完成情况"),
  ...s("weight", ["national"], "分值"),
  ...s("weight", ["sichuan"], "权重"),
  ...s("weight", ["common"], "指标权重", "指标分值"),
  ...s("score", ["national"], "得分"),
  ...s("score", ["common"], "指标得分", "自评得分"),
  ...s("unit", ["yunnan"], "度量单位"),
  ...s("unit", ["common"], "计量单位", "单位"),
  ...s("operatorCode", ["yunnan"], "指标性质"),
  ...s("operatorCode", ["common"], "计算符号", "符号"),
  ...s("deviation", ["national", "yunnan"], "偏差原因分析及改进措施"),
  ...s(
    "deviation",
    ["common"],
    "偏差原因分析",
    "偏差原因",
    "未完成原因",
    "偏差原因分析及改进措施说明",
    "未完成原因及改进措施",
  ),
  ...s("initial", ["national", "yunnan"], "年初预算数"),
  ...s("initial", ["common"], "年初预算"),
  ...s("adjustment", ["yunnan"], "预算调整数"),
  ...s("adjustment", ["common"], "调整数", "调整预算数"),
  ...s("budget", ["yunnan"], "预算确定数"),
  ...s("budget", ["national"], "全年预算数"),
  ...s("budget", ["common"], "调整后预算数", "预算数", "全年预算"),
  ...s("executed", ["yunnan"], "执行数"),
  ...s("executed", ["national"], "全年执行数"),
  ...s("executed", ["common"], "实际执行数", "执行金额"),
  ...s("rate", ["national", "yunnan"], "执行率"),
  ...s("note", ["yunnan"], "情况说明"),
  ...s("note", ["common"], "备注", "说明"),
  ...s("activity", ["hebei"], "职责活动"),
  ...s("activity", ["common"], "职责及活动", "工作活动"),
  ...s("annualBudget", ["hebei"], "年度预算数"),
  ...s("annualBudget", ["common"], "年度预算"),
  ...s("content", ["hebei"], "内容描述"),
  ...s("content", ["common"], "活动内容"),
  ...s("goal", ["hebei"], "绩效目标"),
  ...s("indicator", ["hebei"], "绩效指标"),
  ...s("standards", ["hebei"], "评价标准"),

  // Added for the provinces' forms (issue 11): only names the block above does not give.
  { field: "budget", text: "调整预算数(A)", templates: ["common"], exact: true },
  ...s("executed", ["sichuan"], "预算执行数"),
  ...s("executed", ["common"], "全年执行"),
  ...s("rate", ["sichuan"], "预算执行率"),
  ...s("target", ["national"], "预期指标值"),
  ...s("target", ["common"], "年初指标值", "指标值及单位"),
  ...s("actual", ["common"], "实际完成指标值"),
  ...s("deviation", ["common"], "未完成原因分析", "原因", "偏差原因分析及改进措施（说明）"),
  ...s("project", ["national"], "项目名称"),
  ...s("project", ["common"], "项目支出名称"),
  ...s("department", ["national"], "主管部门"),
  ...s("department", ["common"], "部门名称"),
  ...s("department", ["common"], "主管部门及代码", "预算部门"),
  ...s("implementer", ["national"], "实施单位"),
  ...s("implementer", ["common"], "项目实施单位", "预算单位"),
  ...s("coefficient", ["chongqing"], "得分系数"),
  ...s("rateWeight", ["chongqing"], "执行率权重"),
  ...s("rateScore", ["chongqing"], "执行率得分"),
  ...s("expectedGoal", ["national"], "预期目标"),
  // a department's goal list (部门预算项目绩效目标申报表: 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 …)
  ...s("implementer", ["sichuan"], "单位名称"),
  ...s("goal", ["sichuan"], "年度目标"),
  // seen in the corpus (安徽 2023 绩效目标自评表)
  ...s("actual", ["anhui"], "全年实际值"),
  ...s("deviation", ["anhui"], "未完成原因及拟采取的改进措施"),
  // 河北's 2020 预算项目绩效自评表: 单项指标实际完成值, and 自评得分 over 单项指标得分 | 权重占比(%) | 单项指标折算得分 (the
  // weighted score is no indicator's score: the first score column wins)
  ...s("actual", ["hebei"], "单项指标实际完成值"),
  ...s("score", ["hebei"], "单项指标得分", "单项指标折算得分"),
  ...s("weight", ["hebei"], "权重占比"),
  // its 完成 / 未完成 beside the actual: a remark on the indicator, no value of it
  ...s("note", ["hebei"], "单项指标完成情况"),
  // 湖南 衡山's 县级专项资金绩效目标自评表
  ...s("deviation", ["common"], "未完成原因和改进措施"),
  // where a goal table's target comes from (计划标准 / 行业标准 / 历史标准): the 申报表 of several provinces
  ...s("basis", ["national"], "指标值确定依据"),
  ...s("basis", ["common"], "绩效标准", "指标值设定依据", "指标值确定依据及说明"),
  // the year's expected value of a goal table (湖北 鄂州 绩效目标表: 绩效标准 | 当年预期实现值)
  ...s("target", ["hubei"], "当年预期实现值"),
  ...s("target", ["common"], "预期实现值", "年度预期实现值", "当年预期目标值", "预期目标值"),
  // 江西's 绩效目标表: 一级 | 二级 | 三级 | 计算符号 | 目标值 | 度量单位 | 指标值说明 (what the value means, per indicator)
  ...s("description", ["common"], "指标值说明", "目标值说明"),
  // 宁夏 银川's 项目支出绩效自评表 (its OCR reads the wrapped cell as 考值参分)
  ...s("weight", ["ningxia"], "参考分值"),
  // 江苏 苏州's 市级财政支出项目绩效自评表: 项目类别 | 指标名称 | 目标值 | 权重 | 实际完成值 | 自评分; its funds 财政拨款数 |
  // 实际支付数 (市级财政资金使用情况)
  ...s("level1", ["jiangsu"], "项目类别"),
  ...s("score", ["jiangsu"], "自评分"),
  ...s("adjustment", ["jiangsu"], "当年使用上年结余、结转及当年调整预算数"),
  ...s("budget", ["jiangsu"], "财政拨款数"),
  ...s("executed", ["jiangsu"], "实际支付数"),
  ...s("balance", ["jiangsu"], "指标结余数", "资金结余、结转数", "资金结余数"),
  ...s("carriedOver", ["jiangsu"], "结转数"),
  ...s("recovered", ["jiangsu"], "财政收回数"),
  // 甘肃's 省级部门预算项目支出绩效目标表: 一级指标 | 二级指标 | 三级指标 | 指标目标值
  ...s("target", ["common"], "指标目标值"),
  // the level headers cut to their first characters (安徽 淮北 绩效目标表, one cell a line: `一级 |` for 一级指标, a
  // narrow cell wrapped and only its first line kept; 江西's 一级 | 二级 | 三级)
  ...s("level1", ["anhui"], "一级").map((n) => ({ ...n, cut: true })),
  ...s("level2", ["anhui"], "二级").map((n) => ({ ...n, cut: true })),
  ...s("name", ["anhui"], "三级").map((n) => ({ ...n, cut: true })),
  // 江西's 整体支出绩效自评表 (南昌 2021): 分解目标 | 自评权重 | 二级指标 | … | 偏差及原因分析, its 自评权重 cells each a
  // 一级 name with the group's points (管理指标30): the 一级 column
  ...s("level1", ["common"], "自评权重"),
  ...s("deviation", ["common"], "偏差及原因分析"),
];

/** Whether `text` is a name cut to its first characters (see `ColumnSynonym.cut`). */
export function isCutName(text: string): boolean {
  return COLUMN_SYNONYMS.some((n) => n.cut === true && n.text === text);
}

/**
 * Row labels that name a scheme's sections (the level 1 of a scheme that is not the national 产出/效益/满意度):
 * Ningxia's 决策 / 管理 (过程) / 产出 / 效益 with their own weights.
 */
export interface SectionName {
  key: "decision" | "process" | "input" | "output" | "effect" | "satisfaction" | "cost";
  text: string;
  templates: readonly TemplateId[];
}

export const SECTION_NAMES: readonly SectionName[] = [
  { key: "decision", text: "决策", templates: ["ningxia"] },
  { key: "decision", text: "决策指标", templates: ["ningxia"] },
  { key: "process", text: "过程", templates: ["ningxia"] },
  { key: "process", text: "过程指标", templates: ["ningxia"] },
  { key: "process", text: "管理", templates: ["ningxia"] },
  { key: "process", text: "管理指标", templates: ["ningxia"] },
  { key: "output", text: "产出", templates: ["national", "ningxia"] },
  { key: "output", text: "产出指标", templates: ["national", "ningxia"] },
  { key: "effect", text: "效益", templates: ["national", "ningxia"] },
  { key: "effect", text: "效益指标", templates: ["national", "ningxia"] },
  { key: "satisfaction", text: "满意度", templates: ["national"] },
  { key: "satisfaction", text: "满意度指标", templates: ["national"] },
  { key: "cost", text: "成本", templates: ["national"] },
  { key: "cost", text: "成本指标", templates: ["national"] },
  // 苏州's 投入 / 产出 / 结果 framework (市级财政支出项目绩效自评表: 投入目标(28 分), 产出目标, 结果目标)
  { key: "input", text: "投入", templates: ["jiangsu"] },
  { key: "input", text: "投入目标", templates: ["jiangsu"] },
  { key: "input", text: "投入指标", templates: ["jiangsu"] },
  { key: "output", text: "产出目标", templates: ["jiangsu"] },
  { key: "effect", text: "结果", templates: ["jiangsu"] },
  { key: "effect", text: "结果目标", templates: ["jiangsu"] },
  { key: "effect", text: "结果指标", templates: ["jiangsu"] },
];

const SECTION_OF = new Map(SECTION_NAMES.map((s) => [s.text, s] as const));

/**
 * The scheme section a row label names with its points (投入目标(28 分), 决策(20分)), a parent heading with its own
 * points glued before it (项目绩效实现情况(80 分)投入目标(28 分): the part of the form that holds the sections).
 * Undefined for a label without points: a bare 产出 or 管理 may be an indicator's words.
 */
export function sectionWithPoints(text: string): SectionName | undefined {
  const t = text.replace(/[\s\u3000]+/g, "");
  const m =
    /^(?:[\u4e00-\u9fff]{2,10}情况[(（]\d+(?:\.\d+)?分[)）])?([\u4e00-\u9fff]{2,6})[(（]\d+(?:\.\d+)?分[)）]$/.exec(t);
  return m ? SECTION_OF.get(m[1]!) : undefined;
}

/** Fields that label a form's value beside them (项目名称 禁毒经费) rather than head a column. */
/**
 * A place's name heading a value column of its own (a per-place target table: 一级 | 二级 | 三级 | 指标方向 | 笏石街道办 |
 * 埭头镇, 福建 莆田): two to eight characters ending in a place word. Such a column is a target column where the header
 * has none of its own (`placeTargets`).
 */
export const PLACE_NAME = /^[\u4e00-\u9fff]{1,6}(?:街道办事处|街道办|办事处|街道|社区|镇|乡|村|县|区)$/;

export const FORM_LABELS: ReadonlySet<ColumnField> = new Set<ColumnField>(["project", "department", "implementer"]);

/** A header as compared: no whitespace, no bracketed notes, no trailing colon. */
export function normHeader(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, "")
    .replace(/[（(][^（）()]*[)）]/g, "")
    .replace(/[：:]$/, "")
    .trim();
}

/** A header compared with its brackets kept (full-width brackets as ASCII). */
function normExact(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")");
}

const MEANING = new Map<ColumnField, ColumnMeaning>(COLUMN_MEANINGS.map((m) => [m.field, m]));

const LOOKUP = new Map<string, ColumnField>();
const EXACT = new Map<string, ColumnField>();
for (const row of COLUMN_SYNONYMS) {
  if (row.exact) {
    const k = normExact(row.text);
    if (!EXACT.has(k)) EXACT.set(k, row.field);
  } else {
    const k = normHeader(row.text);
    if (!LOOKUP.has(k)) LOOKUP.set(k, row.field);
  }
}

/**
 * OCR of a header cell whose name was wrapped over two or three lines sometimes reads the lines' characters out
 * of order (考值参分 for 参考分值, 年成值全完值 for 全年完成值, a character read twice). A cell that is no known name
 * but holds exactly the characters of one (at least four different ones; at most one character repeated) means
 * what that name means — when every name with those characters means the same.
 */
const SCRAMBLED = new Map<string, { field: ColumnField; length: number }[]>();
const charKey = (text: string) => [...new Set(text)].sort().join("");
for (const row of COLUMN_SYNONYMS) {
  const k = normHeader(row.text);
  const key = charKey(k);
  if (key.length < 4) continue;
  const list = SCRAMBLED.get(key) ?? [];
  // the name's meaning as looked up (a name given two meanings means the first)
  const field = row.exact ? EXACT.get(normExact(row.text)) : LOOKUP.get(k);
  if (field !== undefined) list.push({ field, length: [...k].length });
  SCRAMBLED.set(key, list);
}

/** The lengths of the names in SCRAMBLED: a text of no such length (or one more) is none of them. */
const SCRAMBLED_LENGTHS = new Set([...SCRAMBLED.values()].flatMap((list) => list.map((n) => n.length)));

/** The field of a name whose characters came out of order (see SCRAMBLED), or undefined. */
export function scrambledField(text: string): ColumnField | undefined {
  const k = normHeader(text);
  const length = [...k].length;
  // most cells checked are values, far longer than any name: no need to sort their characters
  if (!SCRAMBLED_LENGTHS.has(length) && !SCRAMBLED_LENGTHS.has(length - 1)) return undefined;
  const names = SCRAMBLED.get(charKey(k))?.filter((n) => length === n.length || length === n.length + 1);
  if (!names || names.length === 0) return undefined;
  return names.every((n) => n.field === names[0]!.field) ? names[0]!.field : undefined;
}

/**
 * What a header names, or undefined. A project-name label not in the lists is still known by its pattern
 * (专项名称, 专项资金名称: see form-labels.ts), so a province's name label needs no new row. (Only the name: the
 * department and implementer patterns match by suffix, and would take a glued `某市公安局 实施单位` for a label.)
 */
export function columnField(text: string): ColumnField | undefined {
  if (text.length > 60) return undefined;
  // the recognisers each look for their header in every row of a table: the same cells come here many times
  const cached = FIELD_OF.get(text);
  if (cached !== undefined) return cached === NONE ? undefined : cached;
  const field = columnFieldUncached(text);
  if (FIELD_OF.size >= FIELD_OF_MAX) FIELD_OF.clear();
  FIELD_OF.set(text, field ?? NONE);
  return field;
}

/** columnField's answers by text (pure: the lists are constant), NONE for no field; cleared when full. */
const NONE = "" as const;
const FIELD_OF = new Map<string, ColumnField | typeof NONE>();
const FIELD_OF_MAX = 50_000;

/** Forgets columnField's kept answers (each document starts afresh: the memory is one document's texts). */
export function forgetColumnFields(): void {
  FIELD_OF.clear();
}

function columnFieldUncached(text: string): ColumnField | undefined {
  const known = EXACT.get(normExact(text)) ?? LOOKUP.get(normHeader(text));
  if (known) return known;
  if (formLabel(text) === "name") return "project";
  // a names or values column that says what its cells hold besides (湖南's 专项 申报表: 三级指标内容, 指标值及单位 with
  // the sign and the unit inside the value): the column the name before the words is
  const stem = /^(.{2,8}?)\s*(内容|及单位|[(（]含单位[)）])$/.exec(text.trim());
  if (stem) {
    const f = columnFieldUncached(stem[1]!);
    if (f === "name" || f === "target") return f;
  }
  return scrambledField(text);
}

/** The meaning of a field (its shape of values). */
export function columnMeaning(field: ColumnField): ColumnMeaning {
  return MEANING.get(field)!;
}

/** The names of each field, in the table's order (duplicates of an earlier meaning left out). */
export function synonymsByField(): Record<ColumnField, string[]> {
  const out = Object.fromEntries(COLUMN_MEANINGS.map((m) => [m.field, [] as string[]])) as Record<
    ColumnField,
    string[]
  >;
  for (const row of COLUMN_SYNONYMS) if (columnField(row.text) === row.field) out[row.field].push(row.text);
  return out;
}

/** The names seen in one template (with the common ones). */
export function synonymsOf(template: TemplateId): ColumnSynonym[] {
  return COLUMN_SYNONYMS.filter((r) => r.templates.includes(template) || r.templates.includes("common"));
}

export interface HeaderMatch {
  /** How well the row reads as a header: distinct known fields, less a little for each unknown cell. */
  score: number;
  /** Distinct fields found. */
  known: number;
  /** The field of each cell (undefined for an empty or unknown one). */
  fields: (ColumnField | undefined)[];
}

/** Reads a row as a header of a known table: which cells name known columns. */
export function matchHeader(cells: readonly string[]): HeaderMatch {
  const seen = new Set<ColumnField>();
  let unknown = 0;
  const fields = cells.map((c) => {
    if (c.trim() === "") return undefined;
    const f = columnField(c);
    if (f === undefined) unknown += 1;
    else seen.add(f);
    return f;
  });
  const score = seen.size === 0 ? 0 : Math.max(0, seen.size - 0.25 * unknown);
  return { score, known: seen.size, fields };
}

/**
 * How well a row reads as a header of a known table: the number of distinct known columns it names, less a
 * quarter for each non-empty cell that is no known column (0 for a row naming none).
 */
export function headerScore(cells: readonly string[]): number {
  return matchHeader(cells).score;
}

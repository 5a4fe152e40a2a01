/**
 * The funds labels of a project form's head, as data: what the amount beside a label is (the year's budget, its
 * fiscal part, last year's carry-over, other funds) and the templates the label was seen in (docs/corpus-templates.md
 * lists them with their sources). Adding a province's form is adding rows here; the goal-table reader
 * (import/project-goals.ts) and the head budget reader (import/form-budget.ts) read only this table and the patterns
 * of form-budget.ts (which still know the many spellings of 年度/本年/当年 … 预算 … 金额/总额/数 by their shape).
 *
 * Labels are compared after `fundsLabelKey`: no whitespace, no bracketed note (`(万元)`), no colons, no leading
 * `其中` / `其中-` / `*`. A multi-year amount (中期, 项目总投资) is not the year's budget and is not listed as one; nor
 * is a caption over the funds (项目资金(万元), 资金情况, 项目资金申请(万元)), whose next cell is a header or a label.
 */
import type { TemplateId } from "./columns.ts";

/** What the amount beside a funds label is. */
export type FundsPart = "budget" | "fiscal" | "carryOver" | "other";

export interface FundsLabel {
  text: string;
  part: FundsPart;
  /** Where the label was seen. */
  templates: readonly TemplateId[];
}

const f = (part: FundsPart, templates: TemplateId[], ...texts: string[]): FundsLabel[] =>
  texts.map((text) => ({ text, part, templates }));

export const FUNDS_LABELS: readonly FundsLabel[] = [
  // the national 绩效目标申报表 / 自评表 (财预〔2020〕10号) and the labels the readers were built with
  ...f("budget", ["national"], "年度资金总额"),
  ...f("budget", ["common"], "预算数", "年度资金申请总额", "项目资金总额", "资金总额"),
  ...f("fiscal", ["national"], "财政拨款", "当年财政拨款"),
  ...f("fiscal", ["common"], "财政资金"),
  ...f("carryOver", ["national"], "上年结转", "上年结转资金"),
  ...f("other", ["national"], "其他资金"),

  // 安徽 池州 贵池 项目支出绩效自评表: 年度资金总额 / 其中:本年财政拨款 / 上年结转资金 / 其他资金
  ...f("fiscal", ["anhui"], "本年财政拨款"),
  // 四川 青神 部门预算项目支出绩效自评表: 总额 / 其中:财政资金 / 财政专户管理资金 / 单位资金 / 其他资金
  ...f("other", ["sichuan"], "财政专户管理资金", "单位资金"),
  // 陕西 佳县 财政支出项目绩效目标申报表: 项目资金申请(万元) [a caption] 资金总额 / 财政拨款 / 自有资金 / 事业收入 / 经营性收入 / 其他
  ...f("other", ["shaanxi", "hunan"], "自有资金"),
  ...f("other", ["shaanxi"], "事业收入", "经营性收入"),
  // 湖南 宁乡 项目绩效目标表: 年度资金总额及构成 (the total, then 财政拨款 / 自有资金 / 其他)
  ...f("budget", ["hunan"], "年度资金总额及构成"),
  // a city's 项目支出绩效目标申报表 (市级): 项目预算(万元) 资金总额 / 其中:市财政资金 / 其他资金; 宁乡's 上级财政资金 / 本级财政
  ...f("fiscal", ["common"], "市财政资金", "上级财政资金", "本级财政资金"),
  // 四川's 申报表 funds list: (一)财政拨款小计 / 1、一般公共预算 … (三)其他收入; 青神's note: 社会投入资金、银行贷款
  ...f("fiscal", ["sichuan"], "一般公共预算", "一般公共预算资金"),
  ...f("other", ["sichuan"], "其他收入", "社会投入资金", "银行贷款"),
  // 山西's county 项目支出绩效目标申报表 (实施期 / 年度 blocks): 其中:中央财政资金 / 省级财政资金 / 市县(区)财政资金
  ...f("fiscal", ["common"], "中央财政资金", "省级财政资金", "市县(区)财政资金"),
  // named by issue 11's brief and not yet seen in a template found: 申请金额 (the year's amount asked for)
  ...f("budget", ["common"], "申请金额"),
  // 湖北 黄石 项目支出绩效目标批复表: 项目金额 | 164万元 | 其中:当年市级财政资金 | 132万元 — the project's amount of the
  // year (a 批复表 covers one year: 项目期 2022年), its fiscal part named by the level of government paying it
  ...f("budget", ["hubei"], "项目金额"),
  // 甘肃 省级部门预算项目支出绩效目标表: 项目总投资 (multi-year) … 中央补助安排 / 省级财政安排 / 其他资金 / 预算申报数
  ...f("budget", ["common"], "预算申报数"),
  ...f("fiscal", ["hubei", "common"], "市级财政资金", "县级财政资金", "区级财政资金", "省财政资金", "县财政资金"),
];

/**
 * A funds label as compared (see the module comment). A year word before the label (当年 / 本年 / 本年度: 当年市级财政资金,
 * 本年财政拨款) says the amount is the year's, which every amount of the head is: it is dropped.
 */
export function fundsLabelKey(text: string): string {
  return withoutYearWord(
    text
      .replace(/[\s\u3000]+/g, "")
      .replace(/[（(][^（）()]*[)）]/g, "")
      .replace(/[：:]/g, "")
      .replace(/^[*＊]+/, "")
      .replace(/^其中[-—－、,，]?/, ""),
  );
}

/** A label without the year word it starts with (当年年度预算 → 年度预算), when a label of two characters or more remains. */
export function withoutYearWord(key: string): string {
  return key.replace(/^(当年|本年度|本年)(?=[^\s]{2})/, "");
}

const PART = new Map<string, FundsPart>();
for (const row of FUNDS_LABELS) {
  const k = fundsLabelKey(row.text);
  if (!PART.has(k)) PART.set(k, row.part);
}

/** What the amount beside `text` is, when `text` is a known funds label. */
export function fundsPart(text: string): FundsPart | undefined {
  const k = fundsLabelKey(text);
  if (k === "" || k.length > 16) return undefined;
  return PART.get(k);
}

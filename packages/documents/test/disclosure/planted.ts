/**
 * The disclosure documents rendered to PDF (scripts/disclosure-render.ts → fixtures/disclosures/rendered/): the
 * clean documents of fixtures/disclosures/ and, for every `disclosure.*` rule, a copy with one mistake planted
 * (passages replaced, each occurring once). packages/documents/test/disclosure/rendered.test.ts reads each PDF as
 * `jixiao import` does and expects the clean ones to raise nothing and each planted one to be found by its rule.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const DISCLOSURES = join(import.meta.dirname, "../../../../fixtures/disclosures");
export const RENDERED_DISCLOSURES = join(DISCLOSURES, "rendered");

const read = (name: string) => readFileSync(join(DISCLOSURES, name), "utf8");

export function replaceEach(text: string, edits: readonly (readonly [string, string])[]): string {
  let out = text;
  for (const [from, to] of edits) {
    const parts = out.split(from);
    if (parts.length !== 2) throw new Error(`「${from}」 occurs ${parts.length - 1} times`);
    out = parts.join(to);
  }
  return out;
}

const NOTE_STATE_CAPITAL = "注：本单位2022年度无国有资本经营预算财政拨款支出，故本表为空。\n";

/** The 决算 with the other statements a template carries: 政府采购, the full vehicle list, an asset table. */
const STATEMENTS: [string, string][] = [
  [
    "截至2022年12月31日，本部门共有车辆35辆，其中执法执勤用车30辆。",
    "截至2022年12月31日，本部门共有车辆35辆，其中：主要领导干部用车0辆、机要通信用车2辆、应急保障用车3辆、执法执勤用车30辆、特种专业技术用车0辆、其他用车0辆；单位价值50万元以上通用设备1台（套），单位价值100万元以上专用设备0台（套）。本部门资产总额1500.00万元。",
  ],
  [
    "（三）预算绩效情况说明\n",
    "（四）政府采购支出情况\n2022年度本部门政府采购支出总额120.00万元，其中：政府采购货物支出80.00万元、政府采购工程支出0.00万元、政府采购服务支出40.00万元。授予中小企业合同金额100.00万元，占政府采购支出总额的83.33%，其中：授予小微企业合同金额60.00万元，占授予中小企业合同金额的60.00%。\n（三）预算绩效情况说明\n",
  ],
  [
    NOTE_STATE_CAPITAL,
    `${NOTE_STATE_CAPITAL}十、国有资产占用情况表\n部门：示范市公安局交通警察支队 | 单位：万元\n项目 | 数量 | 金额\n资产总额 | | 1500.00\n（一）房屋（平方米） | 5000 | 1000.00\n（二）车辆（辆） | 35 | 300.00\n（三）其他固定资产 | | 200.00\n`,
  ],
];

export interface RenderedCase {
  /** File name without extension under fixtures/disclosures/rendered/. */
  id: string;
  text: string;
  /** The rule that must find the planted mistake (error unless `severity`), and its message; none: a clean one. */
  rule?: string;
  zh?: RegExp;
  severity?: "error" | "warning" | "info";
}

export function renderedCases(): RenderedCase[] {
  const final = read("clean-final-2022.txt");
  const budget = read("clean-budget-2024.txt");
  const statements = replaceEach(final, STATEMENTS);
  const plant = (
    id: string,
    base: string,
    edits: [string, string][],
    rule: string,
    zh: RegExp,
    severity?: "warning" | "info",
  ): RenderedCase => ({ id, text: replaceEach(base, edits), rule, zh, ...(severity ? { severity } : {}) });
  const income = final.slice(final.indexOf("二、收入决算表\n部门："), final.indexOf("三、支出决算表\n部门："));
  const expenditure = final.slice(
    final.indexOf("三、支出决算表\n部门："),
    final.indexOf("四、财政拨款收入支出决算总表\n部门："),
  );
  // the 基本支出表 with forty 款 rows under 301: in print it runs over the page, the table goes on on the next one
  const long = replaceEach(final, [
    [
      "301 | 工资福利支出 | 1800.00\n",
      `301 | 工资福利支出 | 1800.00\n${Array.from({ length: 40 }, (_, i) => `301${String(i + 1).padStart(2, "0")} | 工资福利支出分项${i + 1} | 45.00\n`).join("")}`,
    ],
  ]);
  return [
    { id: "clean-final-2022", text: final },
    { id: "clean-final-2022-long", text: long },
    { id: "clean-budget-2024", text: budget },
    { id: "clean-final-2022-statements", text: statements },
    plant(
      "planted-placeholder",
      final,
      [["示范市公安局交通警察支队负责全市道路交通安全管理", "上海市普陀区XX局负责全市道路交通安全管理"]],
      "disclosure.placeholder",
      /占位符「XX」/,
    ),
    plant(
      "planted-zero-total",
      final,
      [["合计 | | 3050.00 | 2450.00 | 600.00", "合计 | | 0.00 | 2450.00 | 600.00"]],
      "disclosure.zero-total",
      /为 0/,
    ),
    plant(
      "planted-year-mismatch",
      final,
      [["截至2022年12月31日", "截至2021年12月31日"]],
      "disclosure.year-mismatch",
      /截至 ?2021 ?年 ?12 ?月 ?31 ?日/,
    ),
    plant(
      "planted-unit-name-mismatch",
      final,
      [["三、支出决算表\n部门：示范市公安局交通警察支队", "三、支出决算表\n部门：示范市公安局巡逻警察支队"]],
      "disclosure.unit-name-mismatch",
      /巡逻警察支队.*不一致/,
    ),
    plant(
      "planted-narrative-table-mismatch",
      final,
      [["2022年度财政拨款收入总计2961.68万元", "2022年度财政拨款收入总计0.3万元"]],
      "disclosure.narrative-table-mismatch",
      /财政拨款收入支出决算总表/,
    ),
    plant(
      "planted-three-public-mismatch",
      final,
      [["公务接待费支出决算为7.30万元", "公务接待费支出决算为9.30万元"]],
      "disclosure.three-public-mismatch",
      /公务接待费/,
    ),
    // a row with an amount under no column of its header (cells shifted, as a PDF's text may): the table is not
    // judged, and named with why
    plant(
      "planted-table-unread",
      final,
      [["204 | 公共安全支出 | 2750.00 | 2711.68 | 38.32", "204 | 公共安全支出 | 2750.00 | 2711.68 | 38.32 | 5.00"]],
      "disclosure.table-unread",
      /「二、收入决算表」未能判断：有 1 个金额不在表头的任何一列之下/,
      "info",
    ),
    plant(
      "planted-table-sum",
      final,
      [["204 | 公共安全支出 | 2750.00 | 2711.68 | 38.32", "204 | 公共安全支出 | 2760.00 | 2711.68 | 38.32"]],
      "disclosure.table-sum",
      /各行之和/,
    ),
    plant(
      "planted-cross-table",
      budget,
      [["本年支出合计\t8,800,000.00", "本年支出合计\t8,900,000.00"]],
      "disclosure.cross-table",
      /本年支出合计.*部门支出总体情况表/,
    ),
    plant(
      "planted-basic-parts",
      final,
      [["公用经费361.68万元，主要", "公用经费316.68万元，主要"]],
      "disclosure.basic-parts",
      /人员经费.*公用经费/,
    ),
    plant(
      "planted-comparison-words",
      final,
      [["决算数大于年初预算数", "决算数小于年初预算数"]],
      "disclosure.comparison-words",
      /实际大于预算/,
    ),
    plant(
      "planted-required-tables",
      budget,
      [
        [
          "六、一般公共预算基本支出情况表\n部门：示范县公安局交通警察大队\t单位：元\n科目编码\t科目名称\t合计\t人员经费\t公用经费\n\t合计\t6,700,000.00\t5,900,000.00\t800,000.00\n301\t工资福利支出\t5,400,000.00\t5,400,000.00\t0.00\n302\t商品和服务支出\t800,000.00\t0.00\t800,000.00\n303\t对个人和家庭的补助\t500,000.00\t500,000.00\t0.00\n",
          "",
        ],
      ],
      "disclosure.required-tables",
      /基本支出表/,
    ),
    plant(
      "planted-table-order",
      final,
      [[`${income}${expenditure}`, `${expenditure}${income}`]],
      "disclosure.table-order",
      /在目录中排在「三、支出决算表」之前/,
    ),
    plant(
      "planted-running-costs",
      final,
      [["机关运行经费支出361.68万元", "机关运行经费支出381.68万元"]],
      "disclosure.running-costs",
      /大于「六、一般公共预算财政拨款基本支出决算表」的公用经费/,
    ),
    plant(
      "planted-procurement",
      statements,
      [["占政府采购支出总额的83.33%", "占政府采购支出总额的88.33%"]],
      "disclosure.procurement",
      /不是 88\.33%/,
    ),
    plant(
      "planted-assets",
      statements,
      [["（二）车辆（辆） | 35 |", "（二）车辆（辆） | 36 |"]],
      "disclosure.assets",
      /「（二）车辆（辆）」为 36/,
    ),
    // a mistake on the page a table goes on to: the 公用经费合计 printed after the forty rows
    plant(
      "planted-basic-parts-continued",
      long,
      [["公用经费合计 | | 361.68", "公用经费合计 | | 371.68"]],
      "disclosure.basic-parts",
      /人员经费 \+ 公用经费 2,?371\.68 ?万元/,
    ),
    plant(
      "planted-share",
      final,
      [["其他收入38.32万元，占1.28%", "其他收入38.32万元，占2.28%"]],
      "disclosure.share",
      /38\.32 ?万元 ÷ 本年收入合计 3,?000\.00 ?万元 = 1\.28%，不是 2\.28%/,
    ),
    plant(
      "planted-change-reason",
      final,
      [["增长3.33%，主要原因是新增道路交通设施维护项目。", "增长3.33%。"]],
      "disclosure.change-reason",
      /增加，但没有说明原因/,
      "warning",
    ),
    plant(
      "planted-performance-section",
      final,
      [["（三）预算绩效情况说明\n本部门对全部项目开展了绩效自评，自评结果均为优。", "（三）其他\n无。"]],
      "disclosure.performance-section",
      /没有预算绩效部分/,
      "warning",
    ),
  ];
}

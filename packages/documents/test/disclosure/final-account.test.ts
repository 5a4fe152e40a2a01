/**
 * 部门决算公开: the reader on a clean document built on the national template (fixtures/disclosures/), and each
 * disclosure rule on a copy of it in which one mistake is planted; the clean document raises no error. Tables that
 * were not read (a contents page only) are not judged.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { reviewDocument } from "@jixiao/core";
import type { ImportedDocument } from "@jixiao/core/model";
import { describe, expect, it } from "vitest";
import { ImportContext, setSpacesFromFormat } from "../../src/import/context.ts";
import { looksLikeFinalAccount, readFinalAccount } from "../../src/import/final-account.ts";
import type { Block } from "../../src/model/table.ts";
import { readExtractedText } from "../../src/text/index.ts";
import { expectFound, importText, type Planted, plant } from "./support.ts";

const dir = join(__dirname, "../../../../fixtures/disclosures");
const clean = readFileSync(join(dir, "clean-final-2022.txt"), "utf8");
const cleanBudget = readFileSync(join(dir, "clean-budget-2024.txt"), "utf8");

const rulesOf = (text: string) => {
  const r = reviewDocument(importText(text));
  return { r, errors: r.findings.filter((f) => f.severity === "error" && f.rule.startsWith("disclosure.")) };
};

describe("reading a 部门决算公开", () => {
  const doc = importText(clean);
  const fa = doc.finalAccount!;
  it("recognises it, skips the contents and reads the nine tables with their unit and unit name", () => {
    expect(looksLikeFinalAccount(readExtractedText(clean, "d.txt").blocks)).toBe(true);
    expect(fa.basis).toBe("final");
    expect(fa.year).toBe(2022);
    expect(fa.organisation).toBe("示范市公安局交通警察支队");
    expect(fa.contents?.entries[0]).toBe("第一部分 部门概况");
    expect(fa.tables.map((t) => t.kind)).toEqual([
      "summary",
      "income",
      "expenditure",
      "fiscalSummary",
      "generalExpenditure",
      "basicExpenditure",
      "threePublic",
      "governmentFund",
      "stateCapital",
    ]);
    expect(fa.tables.every((t) => t.unit === "万元" && t.organisation?.text === "示范市公安局交通警察支队")).toBe(true);
    // the table rows are the tables', not the contents' (line 7 of the text is the contents' 一、收入支出决算总表)
    expect(fa.tables[0]!.location.row).toBeGreaterThan(20);
    const three = fa.tables[6]!;
    const vehicle = three.rows.find((r) => r.label === "公务用车购置及运行费")!;
    expect(vehicle.cells.map((c) => [c.column, c.amount.yuan])).toEqual([
      ["预算数", "500000.00"],
      ["决算数", "450000.00"],
    ]);
    expect(fa.tables[7]!.empty).toBe(true);
    expect(fa.tables[7]!.emptyNote?.text).toContain("故本表为空");
  });

  it("reads the narrative's figures with their lines, and its comparisons", () => {
    const get = (item: string, basis = "final") => fa.figures.find((f) => f.item === item && f.basis === basis);
    expect(get("incomeGrandTotal")?.amount.yuan).toBe("31000000.00");
    expect(get("personnel")?.amount.yuan).toBe("20000000.00");
    expect(get("publicUse")?.amount.yuan).toBe("3616800.00");
    expect(get("generalExpenditure", "budget")?.amount.yuan).toBe("29000000.00");
    expect(get("reception")?.amount.yuan).toBe("73000.00");
    expect(get("abroad")?.amount.yuan).toBe("0.00");
    const line = clean.split("\n").findIndex((l) => l.startsWith("本年支出合计")) + 1;
    expect(get("basicExpenditure")?.location.row).toBe(line);
    const words = fa.comparisons.map((c) => [c.item, c.word]);
    expect(words).toContainEqual(["generalExpenditure", "大于年初预算数"]);
    expect(words).toContainEqual(["abroad", "与预算持平"]);
  });

  it("a change is about the figure of its sentence or the sentence before, never another paragraph's", () => {
    const text = plant(clean, [
      ["三、支出决算情况说明\n", "与上年相比增加50.00万元，增长5.00%，主要原因是人员增加。\n三、支出决算情况说明\n"],
    ]);
    const fa = importText(text).finalAccount!;
    const c = fa.comparisons.find((x) => x.text.startsWith("与上年相比增加50.00万元"));
    expect(c?.amount?.yuan).toBe("500000.00");
    expect(c?.item).toBeUndefined();
    expect(reviewDocument(importText(text)).findings).toEqual([]);
  });

  it("a comparison with another year's end and a heading of next year's plan are not wrong years", () => {
    const text = plant(clean, [
      ["截至2022年12月31日，本部门共有车辆35辆", "截至2022年12月31日，本部门共有车辆35辆，与2021年末相比增加2辆"],
      ["（三）预算绩效情况说明\n", "（三）预算绩效情况说明\n（四）2023年工作计划\n"],
    ]);
    expect(reviewDocument(importText(text)).findings).toEqual([]);
  });

  it("the same document with its columns aligned by spaces (PDF text) or tabs reads the same and raises nothing", () => {
    const summary = (t: string) =>
      importText(t).finalAccount!.tables.map((x) => [
        x.kind,
        x.unit,
        x.columns.join(","),
        x.rows.map((r) => `${r.code ?? ""}${r.label}:${r.cells.map((c) => c.amount.fen).join(",")}`).join(";"),
      ]);
    const rejoin = (sep: string) =>
      clean
        .split("\n")
        .map((l) =>
          l.includes(" | ")
            ? l
                .split("|")
                .map((c) => c.trim())
                .join(sep)
            : l,
        )
        .join("\n");
    const spaced = rejoin("    ");
    const tabbed = rejoin("\t");
    expect(summary(spaced)).toEqual(summary(clean));
    expect(summary(tabbed)).toEqual(summary(clean));
    for (const t of [spaced, tabbed]) expect(reviewDocument(importText(t)).findings).toEqual([]);
  });

  it("a 收支总表 with 行次 columns and a 栏次 row (the national 决算 form) reads the same", () => {
    const national = [
      "项目 | 行次 | 决算数 | 项目 | 行次 | 决算数",
      "栏次 | | 1 | 栏次 | | 2",
      "一、一般公共预算财政拨款收入 | 1 | 2961.68 | 一、公共安全支出 | 29 | 2800.00",
      "二、政府性基金预算财政拨款收入 | 2 | 0.00 | 二、社会保障和就业支出 | 30 | 150.00",
      "三、其他收入 | 3 | 38.32 | 三、住房保障支出 | 31 | 100.00",
      "本年收入合计 | 4 | 3000.00 | 本年支出合计 | 32 | 3050.00",
      "年初结转和结余 | 5 | 100.00 | 年末结转和结余 | 33 | 50.00",
      "收入总计 | 6 | 3100.00 | 支出总计 | 34 | 3100.00",
    ].join("\n");
    const start = clean.indexOf("项目 | 决算数 | 项目 | 决算数");
    const end = clean.indexOf("二、收入决算表");
    const text = `${clean.slice(0, start)}${national}\n${clean.slice(end)}`;
    const rows = (t: string) =>
      importText(t).finalAccount!.tables[0]!.rows.map((r) => [r.label, r.side, r.cells.map((c) => c.amount.fen)]);
    expect(rows(text)).toEqual(rows(clean));
    expect(reviewDocument(importText(text)).findings).toEqual([]);
  });

  it("the clean document raises no error and is judged", () => {
    const { r, errors } = rulesOf(clean);
    expect(errors).toEqual([]);
    // no finding of any rule, not only of the disclosure rules
    expect(r.findings).toEqual([]);
    expect(r.judged).toBe(true);
  });
});

describe("each planted mistake is found (决算, | rows)", () => {
  const fundTable =
    "八、政府性基金预算财政拨款收入支出决算表\n部门：示范市公安局交通警察支队 | 单位：万元\n项目 | 年初结转和结余 | 本年收入 | 本年支出 | 年末结转和结余\n合计 | 0.00 | 0.00 | 0.00 | 0.00\n注：本单位2022年度无政府性基金预算财政拨款收入、支出，故本表为空。\n";
  const capitalTable =
    "九、国有资本经营预算财政拨款支出决算表\n部门：示范市公安局交通警察支队 | 单位：万元\n项目 | 本年支出合计 | 基本支出 | 项目支出\n合计 | 0.00 | 0.00 | 0.00\n注：本单位2022年度无国有资本经营预算财政拨款支出，故本表为空。\n";
  it("a 决算 (2019 on) without its 国有资本经营 table but with the narrative's note that it has none: not asked for", () => {
    const r = reviewDocument(importText(plant(clean, [[capitalTable, ""]])));
    expect(r.findings.filter((f) => f.rule === "disclosure.required-tables")).toEqual([]);
  });
  const cases: Planted[] = [
    {
      name: "a 决算 (2019 on) without its 国有资本经营 table and without a note that it has none",
      edits: [
        [capitalTable, ""],
        ["本单位2022年度无国有资本经营预算财政拨款支出。\n", ""],
      ],
      rule: "disclosure.required-tables",
      zh: /缺少「国有资本经营预算财政拨款支出表」，也没有说明该表为空的原因/,
    },
    {
      name: "a placeholder unit name in a table header",
      edits: [["二、收入决算表\n部门：示范市公安局交通警察支队", "二、收入决算表\n部门：示范市XX局"]],
      rule: "disclosure.placeholder",
      zh: /占位符「示范市XX局」/,
    },
    {
      name: "a placeholder unit name in the text",
      edits: [["示范市公安局交通警察支队负责全市道路交通安全管理", "上海市普陀区XX局负责全市道路交通安全管理"]],
      rule: "disclosure.placeholder",
      zh: /占位符「XX」/,
    },
    {
      name: "a placeholder amount in a table",
      edits: [["公务接待费 | 10.00 | 7.30", "公务接待费 | 10.00 | **"]],
      rule: "disclosure.placeholder",
      zh: /不是金额/,
    },
    {
      name: "another unit's name in a table header",
      edits: [["三、支出决算表\n部门：示范市公安局交通警察支队", "三、支出决算表\n部门：示范市公安局巡逻警察支队"]],
      rule: "disclosure.unit-name-mismatch",
      zh: /巡逻警察支队.*不一致/,
    },
    {
      name: "a wrong year in a heading",
      edits: [["第三部分 2022年度部门决算情况说明\n一、", "第三部分 2021年度部门决算情况说明\n一、"]],
      rule: "disclosure.year-mismatch",
      zh: /2021 年/,
    },
    {
      name: "a wrong year in an as-of date",
      edits: [["截至2022年12月31日", "截至2021年12月31日"]],
      rule: "disclosure.year-mismatch",
      zh: /截至2021年12月31日/,
    },
    {
      name: "a total of 0 in a table whose rows hold amounts",
      edits: [["合计 | | 3050.00 | 2450.00 | 600.00", "合计 | | 0.00 | 2450.00 | 600.00"]],
      rule: "disclosure.zero-total",
      zh: /为 0/,
    },
    {
      name: "a narrative total of 0 where the table holds one",
      edits: [["本年收入合计3000.00万元", "本年收入合计0万元"]],
      rule: "disclosure.zero-total",
      zh: /为 0/,
    },
    {
      name: "a narrative that contradicts the table (财政拨款收支总计 0.3 万元 for 2961.68)",
      edits: [["2022年度财政拨款收入总计2961.68万元", "2022年度财政拨款收入总计0.3万元"]],
      rule: "disclosure.narrative-table-mismatch",
      zh: /财政拨款收入支出决算总表/,
      table: /财政拨款收入支出决算总表/,
      row: "收入总计",
    },
    {
      name: "三公 figures that differ from the 三公 table",
      edits: [["公务接待费支出决算为7.30万元", "公务接待费支出决算为9.30万元"]],
      rule: "disclosure.three-public-mismatch",
      zh: /公务接待费/,
      table: /三公/,
      row: "公务接待费",
    },
    {
      name: "三公 figures removed from the table",
      edits: [["公务接待费 | 10.00 | 7.30", "公务接待费 | | "]],
      rule: "disclosure.three-public-mismatch",
      zh: /没有该项的金额/,
    },
    {
      name: "a table total that is not the sum of its rows",
      edits: [["204 | 公共安全支出 | 2750.00 | 2711.68 | 38.32", "204 | 公共安全支出 | 2760.00 | 2711.68 | 38.32"]],
      rule: "disclosure.table-sum",
      zh: /各行之和/,
      table: /收入决算表/,
      row: "合计",
    },
    {
      name: "a row whose 合计 is not 基本支出 + 项目支出",
      edits: [["204 | 公共安全支出 | 2800.00 | 2200.00 | 600.00", "204 | 公共安全支出 | 2800.00 | 2200.00 | 650.00"]],
      rule: "disclosure.table-sum",
      zh: /基本支出 \+ 项目支出/,
    },
    {
      name: "基本支出 that is not 人员经费 + 公用经费",
      edits: [["公用经费361.68万元，主要", "公用经费316.68万元，主要"]],
      rule: "disclosure.basic-parts",
      zh: /人员经费.*公用经费/,
    },
    {
      name: "大于 where the figure is below the budget",
      edits: [["决算数大于年初预算数", "决算数小于年初预算数"]],
      rule: "disclosure.comparison-words",
      zh: /实际大于预算/,
    },
    {
      name: "持平 where the figure differs from the budget",
      edits: [["因公出国（境）费 | 0.00 | 0.00", "因公出国（境）费 | 2.00 | 0.00"]],
      rule: "disclosure.comparison-words",
      zh: /与预算持平/,
    },
    {
      name: "a share of the budget that does not follow from the figures",
      edits: [["完成预算的87.17%", "完成预算的97.17%"]],
      rule: "disclosure.comparison-words",
      zh: /87\.17%/,
    },
    {
      name: "an opening budget of 0 with a share of it stated",
      edits: [["公务接待费 | 10.00 | 7.30", "公务接待费 | 0.00 | 7.30"]],
      rule: "disclosure.comparison-words",
      zh: /预算为 0/,
    },
    {
      name: "a percentage of an increase that does not follow from the amount",
      edits: [["增长3.33%", "增长4.33%"]],
      rule: "disclosure.comparison-words",
      zh: /3\.33%/,
    },
    {
      name: "a removed table with no note",
      edits: [
        [fundTable, ""],
        ["本单位2022年度无政府性基金预算财政拨款收入、支出。\n", ""],
      ],
      rule: "disclosure.required-tables",
      zh: /政府性基金预算财政拨款收支表/,
    },
    {
      name: "no 绩效 section",
      edits: [["（三）预算绩效情况说明\n本部门对全部项目开展了绩效自评，自评结果均为优。", "（三）其他\n无。"]],
      rule: "disclosure.performance-section",
      zh: /没有预算绩效部分/,
      severity: "warning",
    },
    {
      name: "a 收入总计 that is not 本年收入合计 + 年初结转和结余",
      edits: [["年初结转和结余 | 100.00 | 年末结转和结余 | 50.00", "年初结转和结余 | 90.00 | 年末结转和结余 | 50.00"]],
      rule: "disclosure.table-sum",
      zh: /「一、收入支出决算总表」的「收入总计」为 3,?100\.00 万元，本年收入合计 \+ 年初结转和结余 为 3,?090\.00 万元/,
      table: /收入支出决算总表/,
      row: "收入总计",
    },
    {
      name: "a 支出总计 that is not the 收入总计",
      edits: [
        ["年初结转和结余 | 100.00 | 年末结转和结余 | 50.00", "年初结转和结余 | 100.00 | 年末结转和结余 | 60.00"],
        ["收入总计 | 3100.00 | 支出总计 | 3100.00", "收入总计 | 3100.00 | 支出总计 | 3110.00"],
      ],
      rule: "disclosure.table-sum",
      zh: /「一、收入支出决算总表」的「支出总计」3,?110\.00 万元 ≠「收入总计」3,?100\.00 万元（收支总计应相等/,
      table: /收入支出决算总表/,
      row: "支出总计",
    },
    {
      name: "a row of the 收入决算表 whose 本年收入合计 is not the sum of its sources",
      edits: [["204 | 公共安全支出 | 2750.00 | 2711.68 | 38.32", "204 | 公共安全支出 | 2750.00 | 2711.68 | 48.32"]],
      rule: "disclosure.table-sum",
      zh: /「二、收入决算表」第 \d 行「公共安全支出」：本年收入合计 2,?750\.00 万元 ≠ 财政拨款收入 \+ 其他收入 2,?760\.00 万元/,
      table: /收入决算表/,
      row: "公共安全支出",
    },
    {
      name: "a 政府性基金 table with spending the 财政拨款收支总表 leaves out",
      edits: [
        [
          "合计 | 0.00 | 0.00 | 0.00 | 0.00\n注：本单位2022年度无政府性基金",
          "合计 | 0.00 | 10.00 | 10.00 | 0.00\n注：本单位2022年度无政府性基金",
        ],
      ],
      rule: "disclosure.cross-table",
      zh: /财政拨款本年支出合计：「四、财政拨款收入支出决算总表」为 2,?961\.68 万元，而各财政拨款支出表之和为.*政府性基金 10\.00 万元 \+ 国有资本经营 0\.00 万元 = 2,?971\.68 万元/,
      table: /财政拨款收入支出决算总表/,
      row: "本年支出合计",
    },
    {
      name: "the 财政拨款收支总表's 本年支出合计 against the 一般公共预算财政拨款支出表",
      edits: [
        ["一、公共安全支出 | 2711.68", "一、公共安全支出 | 2721.68"],
        ["本年收入合计 | 2961.68 | 本年支出合计 | 2961.68", "本年收入合计 | 2961.68 | 本年支出合计 | 2971.68"],
      ],
      rule: "disclosure.cross-table",
      zh: /「四、财政拨款收入支出决算总表」为 2,?971\.68 万元，而各财政拨款支出表之和为「五、一般公共预算财政拨款支出决算表」合计 2,961\.68 万元/,
      table: /财政拨款收入支出决算总表/,
      row: "本年支出合计",
    },
    {
      name: "an empty table without its note",
      edits: [
        ["注：本单位2022年度无国有资本经营预算财政拨款支出，故本表为空。\n", ""],
        ["本单位2022年度无国有资本经营预算财政拨款支出。\n", ""],
      ],
      rule: "disclosure.required-tables",
      zh: /没有说明原因/,
      severity: "warning",
    },
  ];
  for (const c of cases) it(c.name, () => expectFound(plant(clean, c.edits), c));
});

describe("a 部门预算公开 in another layout (tab rows, tables in 元, a 三公 table laid across)", () => {
  it("reads it and raises nothing on the clean document", () => {
    const doc = importText(cleanBudget);
    const fa = doc.finalAccount!;
    expect(fa.basis).toBe("budget");
    expect(fa.tables.map((t) => t.kind)).toEqual([
      "summary",
      "income",
      "expenditure",
      "fiscalSummary",
      "generalExpenditure",
      "basicExpenditure",
      "threePublic",
    ]);
    expect(fa.tables.every((t) => t.unit === "元")).toBe(true);
    expect(fa.emptyNotes.map((n) => n.kind)).toEqual(["governmentFund"]);
    const r = reviewDocument(doc);
    expect(r.findings).toEqual([]);
    expect(r.judged).toBe(true);
    expect(r.verdict).toBe("优");
  });

  const basicTable =
    "六、一般公共预算基本支出情况表\n部门：示范县公安局交通警察大队\t单位：元\n科目编码\t科目名称\t合计\t人员经费\t公用经费\n\t合计\t6,700,000.00\t5,900,000.00\t800,000.00\n301\t工资福利支出\t5,400,000.00\t5,400,000.00\t0.00\n302\t商品和服务支出\t800,000.00\t0.00\t800,000.00\n303\t对个人和家庭的补助\t500,000.00\t500,000.00\t0.00\n";
  const cases: Planted[] = [
    {
      name: "a table in 元 that differs from the narrative in 万元",
      edits: [["\t合计\t6,700,000.00\t5,900,000.00\t800,000.00", "\t合计\t6,700,000.00\t5,990,000.00\t800,000.00"]],
      rule: "disclosure.narrative-table-mismatch",
      zh: /人员经费/,
    },
    {
      name: "人员经费 + 公用经费 that do not make the row's 合计",
      edits: [["\t合计\t6,700,000.00\t5,900,000.00\t800,000.00", "\t合计\t6,700,000.00\t5,990,000.00\t800,000.00"]],
      rule: "disclosure.table-sum",
      zh: /人员经费 \+ 公用经费/,
    },
    {
      name: "a 三公 table laid across whose 合计 is not its parts",
      edits: [["180,000.00\t0.00\t150,000.00", "190,000.00\t0.00\t150,000.00"]],
      rule: "disclosure.table-sum",
      zh: /“三公”经费合计/,
    },
    {
      name: "收支总表 and 支出总表 that disagree",
      edits: [["本年支出合计\t8,800,000.00", "本年支出合计\t8,900,000.00"]],
      rule: "disclosure.cross-table",
      zh: /本年支出合计.*部门支出总体情况表/,
    },
    {
      name: "the 基本支出 of the 一般公共预算 table against the 基本支出表",
      edits: [["\t合计\t6,700,000.00\t5,900,000.00\t800,000.00", "\t合计\t6,600,000.00\t5,800,000.00\t800,000.00"]],
      rule: "disclosure.cross-table",
      zh: /一般公共预算财政拨款基本支出/,
    },
    {
      name: "a 三公 narrative that differs from the table laid across",
      edits: [["公务接待费3.00万元", "公务接待费3.50万元"]],
      rule: "disclosure.three-public-mismatch",
      zh: /公务接待费/,
    },
    {
      name: "the 财政拨款收支总表's spending against the 一般公共预算支出表 (no 政府性基金 table, said empty; no 国有资本经营 income)",
      edits: [
        [
          "国有资本经营预算拨款\t0.00\t住房保障支出\t100,000.00",
          "国有资本经营预算拨款\t0.00\t住房保障支出\t200,000.00",
        ],
        [
          "本年收入合计\t8,500,000.00\t本年支出合计\t8,500,000.00",
          "本年收入合计\t8,500,000.00\t本年支出合计\t8,600,000.00",
        ],
      ],
      rule: "disclosure.cross-table",
      zh: /「四、财政拨款收支总体情况表」为 8,?600,?000\.00 元.*= 8,?500,?000\.00 元/,
      table: /财政拨款收支总体情况表/,
    },
    {
      name: "an as-of date two years back",
      edits: [["截至2023年12月31日", "截至2022年12月31日"]],
      rule: "disclosure.year-mismatch",
      zh: /截至2022年12月31日/,
    },
    {
      name: "a removed table, the contents still listing it",
      edits: [[basicTable, ""]],
      rule: "disclosure.required-tables",
      zh: /基本支出表/,
    },
  ];
  for (const c of cases) it(c.name, () => expectFound(plant(cleanBudget, c.edits), c));
});

describe("coverage", () => {
  it("a disclosure whose tables were not read is not judged, and no table is said to be missing", () => {
    // the table titles renamed to 附表一 … : the tables are there, but nothing says which they are
    const text = clean.replace(/^([一二三四五六七八九])、(.*)表$/gm, "附表$1");
    const doc = importText(text);
    expect(doc.finalAccount?.tables).toEqual([]);
    expect(doc.coverage?.sufficient).toBe(false);
    const r = reviewDocument(doc);
    expect(r.judged).toBe(false);
    expect(r.verdict).toBeNull();
    expect(r.findings.filter((f) => f.rule === "disclosure.required-tables")).toEqual([]);
  });

  it("the clean documents are read almost whole (every table row, every figure line)", () => {
    for (const text of [clean, cleanBudget]) {
      const c = importText(text).coverage!;
      expect(c.sufficient).toBe(true);
      // only the 机构设置 line (a count of offices, no amount) is left unread
      expect(c.lines.total - c.lines.read).toBe(1);
    }
  });
});

describe("published pages that hold only their contents", () => {
  for (const name of [
    "yn-shuangjiang-jjdd-2023-fad-1.txt",
    "gs-gangu-jjdd-2026-bd-1.txt",
    "hn-xiangtan-jjzd-2026-bd-1.txt",
  ]) {
    it(`${name}: recognised, no table read from the contents, no verdict`, () => {
      const text = readFileSync(join(dir, name), "utf8");
      expect(looksLikeFinalAccount(readExtractedText(text, name).blocks)).toBe(true);
      const doc = importText(text, name);
      expect(doc.finalAccount?.organisation).toMatch(/交通警察(大|支)队$/);
      expect(doc.finalAccount?.tables).toEqual([]);
      const r = reviewDocument(doc);
      expect(r.findings.filter((f) => f.rule.startsWith("disclosure.") && f.severity === "error")).toEqual([]);
      expect(r.judged).toBe(false);
    });
  }
});

describe("tables as table blocks (Word / Excel), merged header cells", () => {
  /** A Word table: rows of cells, a merge's covered cells empty (as importDocument gives them to readers). */
  function table(n: number, rows: string[][]): Block {
    return {
      type: "table",
      table: { rows: rows.map((r) => r.map((text) => ({ text }))), location: { file: "w.docx", table: n } },
    };
  }
  const p = (text: string, row: number): Block => ({ type: "paragraph", text, location: { file: "w.docx", row } });
  // the national 决算 三公 table laid across: 预算数 and 决算数 groups, 公务用车 split in 小计 / 购置费 / 运行费
  const blocks = (reception: string): Block[] => [
    p("示范市公安局交通警察支队2022年度部门决算", 1),
    p("一、收入支出决算总表", 2),
    p("二、收入决算表", 3),
    p("七、一般公共预算财政拨款“三公”经费支出决算表", 4),
    p("第三部分 2022年度部门决算情况说明", 5),
    p("2022年度“三公”经费财政拨款支出决算为52.30万元，完成预算的87.17%。其中：公务接待费支出决算为7.30万元。", 6),
    p("七、一般公共预算财政拨款“三公”经费支出决算表", 7),
    table(1, [
      ["部门：示范市公安局交通警察支队", "", "", "", "", "", "", "", "", "", "", "单位：万元"],
      ["预算数", "", "", "", "", "", "决算数", "", "", "", "", ""],
      [
        "合计",
        "因公出国（境）费",
        "公务用车购置及运行费",
        "",
        "",
        "公务接待费",
        "合计",
        "因公出国（境）费",
        "公务用车购置及运行费",
        "",
        "",
        "公务接待费",
      ],
      ["", "", "小计", "购置费", "运行费", "", "", "", "小计", "购置费", "运行费", ""],
      ["60.00", "0.00", "50.00", "20.00", "30.00", "10.00", "52.30", "0.00", "45.00", "20.00", "25.00", reception],
    ]),
  ];
  function importBlocks(bs: Block[]): ImportedDocument {
    const source = { file: "w.docx", format: "docx" as const, blocks: bs };
    setSpacesFromFormat(source.format);
    const ctx = new ImportContext(source);
    const r = readFinalAccount(ctx, bs);
    return {
      file: "w.docx",
      format: "docx",
      kinds: ["final-account-disclosure"],
      organisations: [],
      dutyGoals: [],
      projects: [],
      projectSelfEvaluations: [],
      paragraphs: [],
      unmapped: [],
      finalAccount: r.disclosure,
    };
  }

  it("reads the columns under their group (预算数 / 决算数) and the items across", () => {
    const fa = importBlocks(blocks("7.30")).finalAccount!;
    // the three title lines at the top (a contents without 目录) have nothing under them: they are no tables
    expect(fa.tables).toHaveLength(1);
    const t = fa.tables[0]!;
    expect(t.unit).toBe("万元");
    expect(t.organisation?.text).toBe("示范市公安局交通警察支队");
    expect(t.columns[0]).toBe("预算数合计");
    expect(t.columns[9]).toBe("决算数公务用车购置及运行费购置费");
    const r = reviewDocument(importBlocks(blocks("7.30")));
    // a fragment: the other tables are missing (and said so: seven, and a 2019-on 决算's 国有资本经营 table); nothing else
    const errors = r.findings.filter((f) => f.severity === "error");
    expect(errors.filter((f) => f.rule !== "disclosure.required-tables")).toEqual([]);
    expect(errors.filter((f) => f.rule === "disclosure.required-tables")).toHaveLength(8);
  });

  it("finds a 决算 cell that breaks the 三公 sum and the narrative, at its table and column", () => {
    const r = reviewDocument(importBlocks(blocks("8.30")));
    const sum = r.findings.find((f) => f.rule === "disclosure.table-sum");
    expect(sum?.message).toMatch(/“三公”经费合计（决算）/);
    const narrative = r.findings.find((f) => f.rule === "disclosure.three-public-mismatch");
    expect(narrative?.message).toMatch(/公务接待费.*8\.30/);
    expect(narrative?.details?.table).toMatch(/三公/);
  });
});

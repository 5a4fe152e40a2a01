/**
 * 部门决算 / 预算公开: the order of the tables (against the contents and the standard order), 机关运行经费 against its
 * table and the 公用经费, the 政府采购 statement (its parts, the 中小企业 shares, its table) and the 国有资产占用
 * statement (the kinds of vehicle, its table). Each rule: a planted mistake found at its table and row, and a clean
 * counterpart that raises nothing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { reviewDocument } from "@jixiao/core";
import { describe, expect, it } from "vitest";
import { expectFound, importText, type Planted, plant } from "./support.ts";

const dir = join(__dirname, "../../../../fixtures/disclosures");
const clean = readFileSync(join(dir, "clean-final-2022.txt"), "utf8");
const cleanBudget = readFileSync(join(dir, "clean-budget-2024.txt"), "utf8");

/** The body's block of a table: from its title (with the 部门 line after it, not the contents' line) to `next`. */
function block(text: string, title: string, next: string): string {
  const from = text.indexOf(`${title}\n部门：`);
  const to = text.indexOf(`${next}\n部门：`, from);
  expect(from).toBeGreaterThan(0);
  expect(to).toBeGreaterThan(from);
  return text.slice(from, to);
}

const income = block(clean, "二、收入决算表", "三、支出决算表");
const expenditure = block(clean, "三、支出决算表", "四、财政拨款收入支出决算总表");
const three = block(clean, "七、一般公共预算财政拨款“三公”经费支出决算表", "八、政府性基金预算财政拨款收入支出决算表");
const contents = clean.slice(clean.indexOf("目录\n"), clean.indexOf("第一部分 部门概况\n一、主要职能\n示范市"));

/** The clean document with nothing but the expected findings (none) — the counterpart of every planted case. */
function expectClean(text: string): void {
  const r = reviewDocument(importText(text));
  expect(r.findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  expect(r.judged).toBe(true);
}

describe("disclosure.table-order", () => {
  it("clean: the central template's order (三公 last), listed so in the contents, raises nothing", () => {
    const central = plant(clean, [
      [three, ""],
      [
        "注：本单位2022年度无国有资本经营预算财政拨款支出，故本表为空。\n",
        `注：本单位2022年度无国有资本经营预算财政拨款支出，故本表为空。\n${three}`,
      ],
      ["七、一般公共预算财政拨款“三公”经费支出决算表\n八、", "八、"],
      [
        "九、国有资本经营预算财政拨款支出决算表\n第三部分",
        "九、国有资本经营预算财政拨款支出决算表\n七、一般公共预算财政拨款“三公”经费支出决算表\n第三部分",
      ],
    ]);
    const kinds = importText(central).finalAccount!.tables.map((t) => t.kind);
    expect(kinds.at(-1)).toBe("threePublic");
    expectClean(central);
  });

  it("clean: without a contents, the standard order raises nothing", () => {
    expectClean(plant(clean, [[contents, ""]]));
  });

  const cases: Planted[] = [
    {
      name: "two tables swapped against the contents",
      edits: [[`${income}${expenditure}`, `${expenditure}${income}`]],
      rule: "disclosure.table-order",
      zh: /「二、收入决算表」在目录中排在「三、支出决算表」之前，正文中却在其后/,
      table: /收入决算表/,
    },
    {
      name: "two tables swapped, no contents: against the standard order",
      edits: [
        [contents, ""],
        [`${income}${expenditure}`, `${expenditure}${income}`],
      ],
      rule: "disclosure.table-order",
      zh: /应按规定顺序排在其后（收入总表在支出总表之前）/,
      table: /支出决算表/,
    },
    {
      name: "a table the contents list that the body does not hold",
      edits: [
        [
          "九、国有资本经营预算财政拨款支出决算表\n第三部分",
          "九、国有资本经营预算财政拨款支出决算表\n十、一般公共预算财政拨款项目支出决算表\n第三部分",
        ],
      ],
      rule: "disclosure.table-order",
      zh: /目录列出「十、一般公共预算财政拨款项目支出决算表」，但正文中没有该表/,
      table: /项目支出决算表/,
    },
  ];
  for (const c of cases) it(c.name, () => expectFound(plant(clean, c.edits), c));
});

describe("disclosure.running-costs", () => {
  const runningTable =
    "十、机关运行经费支出决算表\n部门：示范市公安局交通警察支队 | 单位：万元\n项目 | 决算数\n合计 | 361.68\n商品和服务支出 | 331.68\n资本性支出 | 30.00\n";
  const withTable = plant(clean, [
    [
      "注：本单位2022年度无国有资本经营预算财政拨款支出，故本表为空。\n",
      `注：本单位2022年度无国有资本经营预算财政拨款支出，故本表为空。\n${runningTable}`,
    ],
  ]);

  it("clean: 机关运行经费 equal to its table and to the 公用经费 raises nothing", () => {
    expect(importText(withTable).finalAccount!.tables.at(-1)?.kind).toBe("runningCosts");
    expectClean(withTable);
  });

  it("clean: 机关运行经费 below the 公用经费 (a unit with 事业 parts) raises nothing", () => {
    expectClean(plant(clean, [["机关运行经费支出361.68万元", "机关运行经费支出300.00万元"]]));
  });

  const cases: [string, Planted][] = [
    [
      clean,
      {
        name: "机关运行经费 above the 公用经费 of the 基本支出表",
        edits: [["机关运行经费支出361.68万元", "机关运行经费支出381.68万元"]],
        rule: "disclosure.running-costs",
        zh: /机关运行经费 381\.68万元 大于「六、一般公共预算财政拨款基本支出决算表」的公用经费 361\.68 万元/,
        table: /基本支出决算表/,
        row: "公用经费合计",
      },
    ],
    [
      withTable,
      {
        name: "a 机关运行经费 table that differs from the narrative",
        edits: [["合计 | 361.68\n商品和服务支出 | 331.68", "合计 | 351.68\n商品和服务支出 | 321.68"]],
        rule: "disclosure.running-costs",
        zh: /情况说明写机关运行经费 361\.68万元，而「十、机关运行经费支出决算表」的「合计」为 351\.68 万元/,
        table: /机关运行经费支出决算表/,
        row: "合计",
      },
    ],
  ];
  for (const [text, c] of cases) it(c.name, () => expectFound(plant(text, c.edits), c));
});

describe("disclosure.procurement", () => {
  const statement =
    "（四）政府采购支出情况\n2022年度本部门政府采购支出总额120.00万元，其中：政府采购货物支出80.00万元、政府采购工程支出0.00万元、政府采购服务支出40.00万元。授予中小企业合同金额100.00万元，占政府采购支出总额的83.33%，其中：授予小微企业合同金额60.00万元，占授予中小企业合同金额的60.00%。\n";
  const table =
    "十、政府采购情况表\n部门：示范市公安局交通警察支队 | 单位：万元\n项目 | 采购金额\n合计 | 120.00\n货物 | 80.00\n工程 | 0.00\n服务 | 40.00\n";
  const withStatement = plant(clean, [["（三）预算绩效情况说明\n", `${statement}（三）预算绩效情况说明\n`]]);
  const withTable = plant(withStatement, [
    [
      "注：本单位2022年度无国有资本经营预算财政拨款支出，故本表为空。\n",
      `注：本单位2022年度无国有资本经营预算财政拨款支出，故本表为空。\n${table}`,
    ],
  ]);

  it("reads the statement: total, parts, shares", () => {
    const p = importText(withStatement).finalAccount!.procurement!;
    expect([p.total, p.goods, p.works, p.services, p.sme, p.small].map((x) => x?.amount.yuan)).toEqual([
      "1200000.00",
      "800000.00",
      "0.00",
      "400000.00",
      "1000000.00",
      "600000.00",
    ]);
    expect(p.sme?.percent?.percent).toBe("83.33");
    expect(p.small?.of).toBe("sme");
    expect(p.total?.location.row).toBe(clean.split("\n").indexOf("（三）预算绩效情况说明") + 2);
  });

  it("clean: the statement alone, and with its table, raise nothing", () => {
    expectClean(withStatement);
    expectClean(withTable);
  });

  it("clean: a 预算 statement (货物类 / 服务类) raises nothing", () => {
    const budget = plant(cleanBudget, [
      [
        "截至2023年12月31日",
        "2024年政府采购预算总额50.00万元，其中：货物类30.00万元、服务类20.00万元。截至2023年12月31日",
      ],
    ]);
    expect(importText(budget).finalAccount!.procurement?.total?.amount.yuan).toBe("500000.00");
    expectClean(budget);
  });

  const cases: [string, Planted][] = [
    [
      withStatement,
      {
        name: "货物 + 工程 + 服务 that do not make the total",
        edits: [["政府采购服务支出40.00万元", "政府采购服务支出45.00万元"]],
        rule: "disclosure.procurement",
        zh: /政府采购总额 120\.00万元 ≠ 货物 80\.00万元 \+ 工程 0\.00万元 \+ 服务 45\.00万元/,
      },
    ],
    [
      withStatement,
      {
        name: "a 中小企业 share that does not follow from the amounts",
        edits: [["占政府采购支出总额的83.33%", "占政府采购支出总额的88.33%"]],
        rule: "disclosure.procurement",
        zh: /授予中小企业合同金额 100\.00万元 占政府采购总额 120\.00万元的 83\.33%，不是 88\.33%/,
      },
    ],
    [
      withStatement,
      {
        name: "小微企业 above 中小企业",
        edits: [
          [
            "授予小微企业合同金额60.00万元，占授予中小企业合同金额的60.00%",
            "授予小微企业合同金额110.00万元，占授予中小企业合同金额的110.00%",
          ],
        ],
        rule: "disclosure.procurement",
        zh: /授予小微企业合同金额 110\.00万元 大于授予中小企业合同金额/,
      },
    ],
    [
      withTable,
      {
        name: "a 政府采购 table whose total differs from the narrative",
        edits: [["合计 | 120.00\n货物 | 80.00", "合计 | 130.00\n货物 | 90.00"]],
        rule: "disclosure.procurement",
        zh: /情况说明写政府采购总额 120\.00万元，而「十、政府采购情况表」的「合计」为 130\.00 万元/,
        table: /政府采购情况表/,
        row: "合计",
      },
    ],
  ];
  for (const [text, c] of cases) it(c.name, () => expectFound(plant(text, c.edits), c));
});

describe("disclosure.assets", () => {
  const full =
    "截至2022年12月31日，本部门共有车辆35辆，其中：主要领导干部用车0辆、机要通信用车2辆、应急保障用车3辆、执法执勤用车30辆、特种专业技术用车0辆、其他用车0辆；单位价值50万元以上通用设备1台（套），单位价值100万元以上专用设备0台（套）。本部门资产总额1500.00万元。";
  const table =
    "十、国有资产占用情况表\n部门：示范市公安局交通警察支队 | 单位：万元\n项目 | 数量 | 金额\n资产总额 | | 1500.00\n（一）房屋（平方米） | 5000 | 1000.00\n（二）车辆（辆） | 35 | 300.00\n（三）其他固定资产 | | 200.00\n";
  const withFull = plant(clean, [["截至2022年12月31日，本部门共有车辆35辆，其中执法执勤用车30辆。", full]]);
  const withTable = plant(withFull, [
    [
      "注：本单位2022年度无国有资本经营预算财政拨款支出，故本表为空。\n",
      `注：本单位2022年度无国有资本经营预算财政拨款支出，故本表为空。\n${table}`,
    ],
  ]);

  it("reads the vehicles, their kinds and the total assets", () => {
    const a = importText(withFull).finalAccount!.assets!;
    expect(a.vehicles?.count).toBe(35);
    expect(a.vehicleParts.map((p) => [p.label, p.count])).toEqual([
      ["主要领导干部用车", 0],
      ["机要通信用车", 2],
      ["应急保障用车", 3],
      ["执法执勤用车", 30],
      ["特种专业技术用车", 0],
      ["其他用车", 0],
    ]);
    expect(a.total?.amount.yuan).toBe("15000000.00");
  });

  it("clean: one kind listed (其中执法执勤用车30辆), the full list, and the table raise nothing", () => {
    expectClean(clean);
    expectClean(withFull);
    expectClean(withTable);
  });

  const cases: [string, Planted][] = [
    [
      withFull,
      {
        name: "kinds of vehicle that do not add up to the total",
        edits: [["应急保障用车3辆", "应急保障用车5辆"]],
        rule: "disclosure.assets",
        zh: /「本部门共有车辆35辆」，而其中所列各类车辆.*合计 37 辆/,
      },
    ],
    [
      clean,
      {
        name: "one kind above the total",
        edits: [["其中执法执勤用车30辆", "其中执法执勤用车40辆"]],
        rule: "disclosure.assets",
        zh: /合计 40 辆/,
      },
    ],
    [
      withTable,
      {
        name: "a vehicle count that differs from the table",
        edits: [["（二）车辆（辆） | 35 |", "（二）车辆（辆） | 36 |"]],
        rule: "disclosure.assets",
        zh: /「（二）车辆（辆）」为 36/,
        table: /国有资产占用情况表/,
        row: "（二）车辆（辆）",
      },
    ],
    [
      withTable,
      {
        name: "total assets in the narrative that differ from the table",
        edits: [["本部门资产总额1500.00万元", "本部门资产总额1600.00万元"]],
        rule: "disclosure.assets",
        zh: /情况说明写资产总额 1,?600\.00万元，而「十、国有资产占用情况表」的「资产总额」为 1,?500\.00 万元/,
        table: /国有资产占用情况表/,
        row: "资产总额",
      },
    ],
    [
      withTable,
      {
        name: "a table whose 资产总额 is not the sum of its kinds",
        edits: [["（三）其他固定资产 | | 200.00", "（三）其他固定资产 | | 250.00"]],
        rule: "disclosure.assets",
        zh: /各类资产之和为 1,?550\.00 万元/,
        table: /国有资产占用情况表/,
        row: "资产总额",
      },
    ],
  ];
  for (const [text, c] of cases) it(c.name, () => expectFound(plant(text, c.edits), c));
});

describe("disclosure.change-reason", () => {
  it("clean: every change of the clean documents states its reason (they raise nothing)", () => {
    expectClean(clean);
    expectClean(cleanBudget);
  });

  it("clean: the reason in the sentence after the change, or the sentence wrapped over two lines, raises nothing", () => {
    expectClean(plant(clean, [["增长3.33%，主要原因是新增", "增长3.33%。主要原因是新增"]]));
    const wrapped = plant(clean, [["增长3.33%，主要原因是新增", "增长3.33%，\n主要原因是新增"]]);
    const c = importText(wrapped).finalAccount!.comparisons.find((x) => x.text.includes("增长3.33%"));
    expect(c?.reason).toBe("主要原因是新增道路交通设施维护项目");
    expectClean(wrapped);
  });

  const cases: [string, Planted][] = [
    [
      clean,
      {
        name: "an increase on last year without its reason",
        edits: [["增长3.33%，主要原因是新增道路交通设施维护项目。", "增长3.33%。"]],
        rule: "disclosure.change-reason",
        zh: /「与上年相比，收入、支出总计各增加100\.00万元，增长3\.33%」说明了增加，但没有说明原因/,
        severity: "warning",
      },
    ],
    [
      clean,
      {
        name: "决算数大于预算数 without its reason",
        edits: [["决算数大于年初预算数，主要原因是年中追加交通设施维护经费。", "决算数大于年初预算数。"]],
        rule: "disclosure.change-reason",
        zh: /决算数大于年初预算数」说明了增加，但没有说明原因/,
        severity: "warning",
      },
    ],
    [
      cleanBudget,
      {
        name: "a 三公 decrease on last year's budget without its reason",
        edits: [["下降10.00%，主要原因是严格控制公务用车运行费用。", "下降10.00%。"]],
        rule: "disclosure.change-reason",
        zh: /说明了减少，但没有说明原因/,
        severity: "warning",
      },
    ],
  ];
  for (const [text, c] of cases) it(c.name, () => expectFound(plant(text, c.edits), c));
});

describe("a disclosure whose tables were not read", () => {
  it("a real 决算 with its tables in an attachment (详见附表): its narrative read, no verdict, the reason given", () => {
    const name = "zj-sanmen-2020-fad-1.txt";
    const text = readFileSync(join(dir, "../corpus/held-out", name), "utf8");
    const doc = importText(text, name);
    const fa = doc.finalAccount!;
    expect(fa.tables).toEqual([]);
    expect(fa.figures.length).toBeGreaterThan(0);
    expect(doc.coverage?.sufficient).toBe(true);
    const r = reviewDocument(doc);
    expect(r.judged).toBe(false);
    expect(r.verdict).toBeNull();
    expect(r.reasons[0]?.zh).toBe(
      `未能判断：决算公开中没有读出任何公开表（收支总表、财政拨款收支总表、“三公”经费表等），情况说明中的 ${fa.figures.length} 个数字无从与表核对`,
    );
  });
});

describe("disclosure.share", () => {
  it("reads each share with the total it is of, and the clean documents' shares raise nothing", () => {
    const shares = importText(clean).finalAccount!.shares!;
    expect(shares.map((x) => [x.amount.text, x.percent.percent, x.baseLabel])).toEqual([
      ["2961.68万元", "98.72", "本年收入合计"],
      ["38.32万元", "1.28", "本年收入合计"],
      ["2450.00万元", "80.33", "本年支出合计"],
      ["600.00万元", "19.67", "本年支出合计"],
    ]);
    expectClean(clean);
    expectClean(cleanBudget);
  });

  const cases: [string, Planted][] = [
    [
      clean,
      {
        name: "a share of the income that does not follow from the amounts",
        edits: [["其他收入38.32万元，占1.28%", "其他收入38.32万元，占2.28%"]],
        rule: "disclosure.share",
        zh: /38\.32万元 ÷ 本年收入合计 3,?000\.00万元 = 1\.28%，不是 2\.28%/,
      },
    ],
    [
      cleanBudget,
      {
        name: "a share of the spending, in a 预算",
        edits: [["项目支出180.00万元，占20.45%", "项目支出180.00万元，占25.45%"]],
        rule: "disclosure.share",
        zh: /= 20\.45%，不是 25\.45%/,
      },
    ],
  ];
  for (const [text, c] of cases) it(c.name, () => expectFound(plant(text, c.edits), c));
});

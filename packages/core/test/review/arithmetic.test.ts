import { describe, expect, it } from "vitest";
import {
  assetsTotal,
  budgetLine,
  budgetSplit,
  dutyActivities,
  incomeParts,
  procurementLine,
  procurementTotal,
  projectFunding,
  reportProjects,
  statedUnit,
  textTable,
  threePublic,
} from "../../src/review/rules/arithmetic.ts";
import {
  amount,
  buildDepartmentSelfEvaluation,
  buildDisclosure,
  buildDocument,
  buildDuty,
  buildDutyTable,
  buildProject,
  buildProjectSelfEvaluation,
  fundLine,
} from "./factory.ts";
import { run } from "./helpers.ts";

const L = { file: "t", table: 5, row: 7 };

describe("arith.income-parts", () => {
  const doc = (total: string) =>
    buildDocument({
      paragraphs: [{ text: `公安局今年收入共计${total}万元，其中人员经费2766万元`, location: { file: "t", row: 50 } }],
      disclosure: buildDisclosure({
        overview: {
          text: `二、总体情况\n公安局今年收入共计${total}万元，其中人员经费2766万元`,
          total: amount(total),
          parts: [
            { label: "人员经费", amount: amount("2766") },
            { label: "公用经费", amount: amount("1152.9") },
          ],
          comparisons: [],
        },
      }),
    });
  it("fails with the stated total, the sum, the difference and the paragraph's line", () => {
    const [f] = run(incomeParts, doc("5909"));
    expect(f!.severity).toBe("error");
    expect(f!.details).toMatchObject({ stated: "5909.00", computed: "3918.90", difference: "1990.10", unit: "万元" });
    // the message a person reads prints the figures with thousands separators (issue 13 #8), the details stay plain
    expect(f!.message).toContain("5,909.00 万元");
    expect(f!.message).toContain("3,918.90 万元，相差 1,990.10 万元");
    expect(f!.location.row).toBe(50);
  });
  it("passes when the parts add up", () => {
    expect(run(incomeParts, doc("3918.9"))).toEqual([]);
  });
});

describe("arith.three-public", () => {
  const tp = (total: string, vehicles: string) =>
    buildDocument({
      disclosure: buildDisclosure({
        threePublic: {
          text: "三公",
          total: amount(total),
          abroad: amount("0"),
          vehicles: amount(vehicles),
          vehicleOperation: amount("202.46"),
          vehiclePurchase: amount("0"),
          reception: amount("1.31"),
          changes: [],
        },
      }),
    });
  it("fails when the total or the vehicle line does not add up", () => {
    const f = run(threePublic, tp("210", "202.5"));
    expect(f.map((x) => x.location.path)).toEqual(["disclosure.threePublic.total", "disclosure.threePublic.vehicles"]);
  });
  it("passes for seed 001's figures (203.77 = 0 + 202.46 + 1.31)", () => {
    expect(run(threePublic, tp("203.77", "202.46"))).toEqual([]);
  });
});

describe("arith.procurement-line", () => {
  const line = (amountText: string) =>
    buildDocument({
      disclosure: buildDisclosure({
        procurement: [
          {
            totals: [],
            lines: [
              {
                item: "电子屏",
                quantity: { text: "1", value: "1" },
                unitPrice: amount("8.918"),
                amount: amount(amountText),
                location: L,
              },
            ],
            location: L,
          },
        ],
      }),
    });
  it("1 × 8.918 stated 8.92: a rounding difference, a warning with its size", () => {
    const [f] = run(procurementLine, line("8.92"));
    expect(f!.severity).toBe("warning");
    expect(f!.details).toMatchObject({ stated: "8.92", computed: "8.918", difference: "0.002", withinRounding: true });
  });
  it("beyond the tolerance an error", () => {
    expect(run(procurementLine, line("9.5"))[0]!.severity).toBe("error");
  });
  it("passes when quantity × price = amount", () => {
    expect(run(procurementLine, line("8.918"))).toEqual([]);
  });
  it("the tolerance is a setting per unit", () => {
    expect(run(procurementLine, line("8.92"), { roundingTolerance: { 万元: "0" } })[0]!.severity).toBe("error");
  });
});

describe("arith.procurement-total", () => {
  const table = (total: string, sourceTotal = "115.00") =>
    buildDocument({
      disclosure: buildDisclosure({
        procurement: [
          {
            totals: [{ label: "合　计", amount: amount(total), location: L }],
            lines: [
              {
                item: "服务类",
                amount: amount("115.00"),
                funding: { 当年部门预算安排资金合计: amount(sourceTotal), 一般公共预算拨款: amount("115.00") },
                location: L,
              },
              { item: "货物", amount: amount("300.00"), location: L },
            ],
            location: L,
          },
        ],
      }),
    });
  it("fails when the total is not the lines' sum, or the sources not their 合计", () => {
    expect(run(procurementTotal, table("485.00"))).toHaveLength(1);
    expect(run(procurementTotal, table("415.00", "120"))).toHaveLength(1);
  });
  it("passes when both hold", () => {
    expect(run(procurementTotal, table("415.00"))).toEqual([]);
  });
});

describe("arith.assets-total", () => {
  const assets = (total: string) =>
    buildDocument({
      disclosure: buildDisclosure({
        assets: [
          {
            title: "交警大队固定资产占用情况表",
            unit: "万元",
            total: amount(total),
            lines: [
              { label: "房屋", amount: amount("107.28"), location: L },
              { label: "车辆", amount: amount("171.17"), location: L },
              { label: "其他", amount: amount("575"), location: L },
            ],
            location: { file: "t", table: 7 },
          },
        ],
      }),
    });
  it("853.46 against lines adding up to 853.45: a warning of 0.01 万元 at table 7", () => {
    const [f] = run(assetsTotal, assets("853.46"));
    expect(f!.severity).toBe("warning");
    expect(f!.details).toMatchObject({ difference: "0.01", unit: "万元" });
    expect(f!.location.table).toBe(7);
  });
  it("passes when the lines add up", () => {
    expect(run(assetsTotal, assets("853.45"))).toEqual([]);
  });
});

describe("arith.duty-activities", () => {
  const table = (duty: string) =>
    buildDocument({
      dutyGoals: [
        buildDutyTable({
          duties: [
            buildDuty({
              budget: amount(duty),
              activities: [
                { name: "巡逻防控", text: "巡逻防控", budget: amount("230"), indicators: [], location: L },
                { name: "治安管理", text: "治安管理", budget: amount("500"), indicators: [], location: L },
                { name: "户籍管理", text: "户籍管理", indicators: [], location: L },
              ],
            }),
          ],
        }),
      ],
    });
  it("fails when the duty's budget is not its activities' sum", () => {
    expect(run(dutyActivities, table("740"))[0]!.details).toMatchObject({ difference: "10.00" });
  });
  it("passes for 730 = 230 + 500 (a blank activity counts 0)", () => {
    expect(run(dutyActivities, table("730"))).toEqual([]);
  });
});

describe("arith.budget-line", () => {
  const line = (final: string, rate = "99.32") =>
    buildDocument({
      departmentExpenditureEvaluation: {
        organisation: "支队",
        amountUnit: "元",
        budgetRows: [
          {
            ...fundLine({
              initial: amount("170,294,599.63", "元"),
              adjustment: amount("-3,361,340.55", "元"),
              budget: amount(final, "元"),
              executed: amount("165,794,459.08", "元"),
              rate: { text: rate, percent: rate },
            }),
            category: "total" as const,
          },
        ],
        indicators: [],
        notes: [],
        location: L,
      },
    });
  it("fails when 年初 + 调整 ≠ 确定, or the stated rate is not the computed one", () => {
    const f = run(budgetLine, line("166,933,259.00"));
    expect(f[0]!.message).toContain("年初预算数");
    expect(run(budgetLine, line("166,933,259.08", "98.5"))[0]!.details).toMatchObject({ stated: "98.5" });
  });
  it("passes for seed 003's total row", () => {
    expect(run(budgetLine, line("166,933,259.08"))).toEqual([]);
  });
});

describe("arith.budget-split", () => {
  const rows = (basic: string) => {
    const r = (category: "total" | "basic" | "project", b: string) => ({
      ...fundLine({ label: category, budget: amount(b, "元") }),
      category,
    });
    return buildDocument({
      departmentExpenditureEvaluation: {
        organisation: "支队",
        amountUnit: "元",
        budgetRows: [r("total", "100.00"), r("basic", basic), r("project", "60.00")],
        indicators: [],
        notes: [],
        location: L,
      },
    });
  };
  it("fails when basic + project ≠ total", () => {
    expect(run(budgetSplit, rows("30.00"))[0]!.details).toMatchObject({ difference: "10.00", unit: "元" });
  });
  it("passes when they add up", () => {
    expect(run(budgetSplit, rows("40.00"))).toEqual([]);
  });
});

describe("arith.project-funding", () => {
  it("fails when the sources do not make the budget, passes when they do", () => {
    const bad = buildProject({ budget: amount("50"), funding: { fiscal: amount("40"), other: amount("5") } });
    expect(run(projectFunding, buildDocument({ projects: [bad] }))).toHaveLength(1);
    expect(run(projectFunding, buildDocument({ projects: [buildProject()] }))).toEqual([]);
  });
});

describe("arith.report-projects", () => {
  const report = (budget: string) =>
    buildDocument({
      departmentSelfEvaluation: buildDepartmentSelfEvaluation({
        report: { budget: amount(budget), executed: amount("1904.19") },
        projects: [
          buildProject({ name: "辅警经费", budget: amount("1920"), executed: amount("1841.65") }),
          buildProject({ name: "工作经费", budget: amount("136"), executed: amount("62.54") }),
        ],
      }),
    });
  it("fails when the projects do not add up to the headline", () => {
    expect(run(reportProjects, report("2953.33"))).toHaveLength(1);
  });
  it("passes when they do", () => {
    expect(run(reportProjects, report("2056"))).toEqual([]);
  });
});

describe("arith.text-table", () => {
  const doc = (stated: string) =>
    buildDocument({
      disclosure: buildDisclosure({
        assetsStated: [{ label: "2016年国有资产总额", amount: amount(stated, "元") }],
        assets: [
          { title: "固定资产占用情况表", unit: "元", total: amount("74365509.2", "元"), lines: [], location: L },
        ],
      }),
    });
  it("notes a total in the text that no table has", () => {
    expect(run(textTable, doc("74365609.2"))).toHaveLength(1);
  });
  it("passes when the text's total is a table's", () => {
    expect(run(textTable, doc("74,365,509.20"))).toEqual([]);
  });
});

describe("arith: self-evaluation fund lines", () => {
  it("a project self-evaluation's rate is checked against executed ÷ budget", () => {
    const p = buildProjectSelfEvaluation();
    p.funds[0]!.rate = { text: "90%", percent: "90" };
    expect(run(budgetLine, buildDocument({ projectSelfEvaluations: [p] }))[0]!.message).toContain("执行率");
  });
});

describe("arith.stated-unit", () => {
  const expenditure = (statedUnit: string, amountUnit: "元" | "万元") =>
    buildDocument({
      departmentExpenditureEvaluation: {
        organisation: "支队",
        statedUnit,
        amountUnit,
        budgetRows: [{ ...fundLine({ budget: amount("166,933,259.08", "元") }), category: "total" as const }],
        indicators: [],
        notes: [],
        location: L,
      },
    });
  it("fails when the header says 万元 and the figures are 元 (seed 003)", () => {
    expect(run(statedUnit, expenditure("万元", "元"))[0]!.details).toMatchObject({ stated: "万元", computed: "元" });
  });
  it("passes when they agree", () => {
    expect(run(statedUnit, expenditure("元", "元"))).toEqual([]);
  });
});

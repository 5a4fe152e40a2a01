import { describe, expect, it } from "vitest";
import type { Indicator } from "../../src/model/document.ts";
import {
  costAboveBudget,
  costAtLeast,
  deadlineAfterYear,
  duplicate,
  goalFundsAboveBudget,
  nameConflict,
  nameTooLong,
  percentOverCap,
  qualitativeNeedsNumber,
  rateAtLeast100,
  unitMissing,
  unknownOperatorCode,
  weightNotPositive,
  weightsSum,
} from "../../src/review/rules/indicators.ts";
import { amount, buildDocument, buildDuty, buildDutyTable, buildProject, ind, threeGroups, tiers } from "./factory.ts";
import { run } from "./helpers.ts";

const withIndicator = (i: Indicator, over = {}) =>
  buildDocument({ projects: [buildProject({ indicators: [...threeGroups(), i], ...over })] });

describe("indicator.duplicate and indicator.name-conflict", () => {
  const duty = (second: [string, string, string, string]) =>
    buildDocument({
      dutyGoals: [
        buildDutyTable({
          duties: [
            buildDuty({
              indicators: [
                ind("组织驾驶员考试数量覆盖率", undefined, { tiers: tiers("0.9", "0.7", "0.5", "低于50%") }),
                ind("组织驾驶员考试数量覆盖率", undefined, { tiers: tiers(...second) }),
              ],
            }),
          ],
        }),
      ],
    });
  it("the same name with different criteria is a name conflict (seed 001, 312007)", () => {
    const doc = duty(["0.05", "0.03", "驾驶员考试合格率上升幅度为零", "驾驶员考试合格率负增长"]);
    expect(run(nameConflict, doc)).toHaveLength(1);
    expect(run(duplicate, doc)).toEqual([]);
  });
  it("the same name with the same criteria is a duplicate", () => {
    const doc = duty(["0.9", "0.7", "0.5", "低于50%"]);
    expect(run(duplicate, doc)).toHaveLength(1);
    expect(run(nameConflict, doc)).toEqual([]);
  });
  it("different names pass; the same name in another duty passes", () => {
    expect(run(duplicate, buildDocument({ projects: [buildProject()] }))).toEqual([]);
    const t = buildDutyTable({
      duties: [
        buildDuty({ indicators: [ind("群众满意度", "≥90%")] }),
        buildDuty({ indicators: [ind("群众满意度", "≥95%")] }),
      ],
    });
    expect(run(nameConflict, buildDocument({ dutyGoals: [t] }))).toEqual([]);
  });
});

describe("indicator.percent-over-cap", () => {
  it("fails for 120% and for >100%", () => {
    expect(run(percentOverCap, withIndicator(ind("完成率", "120%")))).toHaveLength(1);
    expect(run(percentOverCap, withIndicator(ind("完成率", ">100%")))).toHaveLength(1);
  });
  it("passes for 100% and ≥95%", () => {
    expect(run(percentOverCap, withIndicator(ind("完成率", "100%")))).toEqual([]);
  });
});

describe("indicator.rate-at-least-100", () => {
  it("notes ≥100百分比 (seed 004's 送拘体检率)", () => {
    const [f] = run(rateAtLeast100, withIndicator(ind("送拘体检率", "≥100百分比")));
    expect(f!.message).toContain("≥100百分比");
  });
  it("passes for =100% and ≥95%", () => {
    expect(run(rateAtLeast100, withIndicator(ind("送拘体检率", "100%")))).toEqual([]);
    expect(run(rateAtLeast100, withIndicator(ind("送拘体检率", "≥95%")))).toEqual([]);
  });
});

describe("indicator.cost-at-least", () => {
  it("fails for a cost indicator with ≥", () => {
    expect(
      run(costAtLeast, withIndicator(ind("培训费", "≥500元/人/天", { level1: "产出指标", level2: "成本指标" }))),
    ).toHaveLength(1);
  });
  it("passes with ≤", () => {
    expect(
      run(costAtLeast, withIndicator(ind("培训费", "≤500元/人/天", { level1: "产出指标", level2: "成本指标" }))),
    ).toEqual([]);
  });
});

describe("indicator.cost-above-budget", () => {
  const costs = (...texts: string[]) =>
    buildDocument({
      projects: [
        buildProject({
          budget: amount("1300.00"),
          indicators: [
            ...threeGroups(),
            ...texts.map((t, i) => ind(`成本${i}`, t, { level1: "产出指标", level2: "成本指标" })),
          ],
        }),
      ],
    });
  it("fails when the cost indicators add up to more than the budget", () => {
    const [f] = run(costAboveBudget, costs("≤555万", "≤800万元"));
    expect(f!.details).toMatchObject({ stated: "1,355.00 万元", computed: "1,300.00 万元" });
  });
  it("passes for seed 004's 30 + 555 + 250 + 465 = 1300 万 (per-unit costs are not summed)", () => {
    expect(run(costAboveBudget, costs("≤30万", "≤555万", "≤250万", "≤465万", "≤500元/人/天"))).toEqual([]);
  });
});

describe("indicator.goal-funds-above-budget", () => {
  it("fails when the goal names more funds than the budget", () => {
    expect(
      run(goalFundsAboveBudget, buildDocument({ projects: [buildProject({ goal: "安排资金80万元用于培训" })] })),
    ).toHaveLength(1);
  });
  it("passes when the funds are within the budget", () => {
    expect(
      run(goalFundsAboveBudget, buildDocument({ projects: [buildProject({ goal: "安排资金50万元用于培训" })] })),
    ).toEqual([]);
  });
});

describe("indicator.deadline-after-year", () => {
  it("fails for a 2025 deadline in a 2024 project", () => {
    const doc = withIndicator(ind("到货时间", "2025年3月31日前", { level1: "产出指标" }), { name: "2024年度装备购置" });
    expect(run(deadlineAfterYear, doc)[0]!.details).toMatchObject({ stated: "2025-03-31", computed: "2024-12-31" });
  });
  it("passes within the year; the year can be set", () => {
    const doc = withIndicator(ind("到货时间", "2024年12月30日前", { level1: "产出指标" }), {
      name: "2024年度装备购置",
    });
    expect(run(deadlineAfterYear, doc)).toEqual([]);
    expect(run(deadlineAfterYear, doc, { year: 2023 })).toHaveLength(1);
  });
});

describe("indicator.qualitative-needs-number", () => {
  it("fails for a …率 with a qualitative target", () => {
    expect(run(qualitativeNeedsNumber, withIndicator(ind("案件办结率", "明显提高")))).toHaveLength(1);
  });
  it("passes for a …率 with a number and a …水平 with words", () => {
    expect(run(qualitativeNeedsNumber, withIndicator(ind("案件办结率", "≥95%")))).toEqual([]);
    expect(run(qualitativeNeedsNumber, withIndicator(ind("执法水平", "明显提高")))).toEqual([]);
  });
});

describe("indicator.weight-not-positive and indicator.weights-sum", () => {
  const weighted = (...w: string[]) =>
    buildDocument({
      projects: [
        buildProject({
          indicators: threeGroups().map((i, k) => ({ ...i, weight: { text: w[k]!, value: w[k]! } })),
        }),
      ],
    });
  it("fails for a weight of 0 and for weights not summing to 100", () => {
    expect(run(weightNotPositive, weighted("0", "50", "50"))).toHaveLength(1);
    expect(run(weightsSum, weighted("50", "30", "10"))[0]!.details).toMatchObject({ stated: "90", computed: "100" });
  });
  it("passes for positive weights summing to the expected total (a setting)", () => {
    expect(run(weightNotPositive, weighted("60", "30", "10"))).toEqual([]);
    expect(run(weightsSum, weighted("60", "30", "10"))).toEqual([]);
    expect(run(weightsSum, weighted("50", "30", "10"), { weightTotals: { project: "90" } })).toEqual([]);
  });
});

describe("indicator.duplicate: a repeat with its name cut off (seed 003 rows 98–99)", () => {
  const rows = (second: string, target: string) =>
    buildDocument({
      projects: [
        buildProject({
          indicators: [
            ind("全市机动车驾驶人对车驾管业务服务满意度", "90", { unit: "%", actual: { text: "92" } }),
            ind(second, target, { unit: "%", actual: { text: "92" } }),
          ],
        }),
      ],
    });
  it("fails for a cut-off name with the same target and actual", () => {
    const [f] = run(duplicate, rows("全市机动车驾驶人对车驾", "90"));
    expect(f!.message).toContain("名称被截断");
  });
  it("passes when the target differs, or the common beginning is short", () => {
    expect(run(duplicate, rows("全市机动车驾驶人对车驾", "95"))).toEqual([]);
    expect(run(duplicate, rows("全市机动", "90"))).toEqual([]);
  });
});

describe("indicator.unknown-operator-code", () => {
  it("fails for a 指标性质 code with no operator (seed 003's 001)", () => {
    const f = run(unknownOperatorCode, withIndicator(ind("满意度", "90", { operatorCode: "001" })));
    expect(f[0]!.location.field).toBe("operatorCode");
  });
  it("passes for a known code", () => {
    expect(
      run(unknownOperatorCode, withIndicator(ind("满意度", "90", { operatorCode: "004", operator: ">=" }))),
    ).toEqual([]);
  });
});

describe("indicator.unit-missing", () => {
  it("fails for ≤30万 (seed 004: 万 of what?) and a bare number", () => {
    const f = run(unitMissing, withIndicator(ind("运维成本", "≤30万", { level2: "成本指标" })));
    expect(f[0]!.message).toContain("万元");
    expect(run(unitMissing, withIndicator(ind("完成数", "≥30")))).toHaveLength(1);
  });
  it("passes with a unit in the value or in the 计量单位 column", () => {
    expect(run(unitMissing, withIndicator(ind("运维成本", "≤30万元")))).toEqual([]);
    expect(run(unitMissing, withIndicator(ind("完成数", "90", { unit: "%" })))).toEqual([]);
  });
});

describe("indicator.name-too-long", () => {
  it("fails above the limit (a setting)", () => {
    expect(run(nameTooLong, withIndicator(ind("很".repeat(101), "≥1次")))).toHaveLength(1);
    expect(run(nameTooLong, withIndicator(ind("很".repeat(30), "≥1次")), { maxNameLength: 20 })).toHaveLength(1);
  });
  it("passes at the limit", () => {
    expect(run(nameTooLong, withIndicator(ind("很".repeat(100), "≥1次")))).toEqual([]);
  });
});

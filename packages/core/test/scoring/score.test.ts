import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/errors/domain-error.ts";
import { parseWanYuan, parseYuan } from "../../src/money/money.ts";
import { add, cmp, fromNumber, type Ratio, sum, toDecimalString, ZERO } from "../../src/numbers/decimal.ts";
import {
  DEPARTMENT_2080_SCHEME,
  NATIONAL_PROJECT_SCHEME,
  PASS_FAIL_GRADES,
  type ScoringScheme,
} from "../../src/scoring/scheme.ts";
import {
  computeScores,
  type EvaluationInput,
  type IndicatorInput,
  scoreEvaluation,
  scoreIndicator,
} from "../../src/scoring/score.ts";
import type { Op } from "../../src/targets/types.ts";
import { num, range, STUB_TARGETS, words } from "./helpers.ts";
import { SEED_002_INDICATORS } from "./seed-002-table.ts";

const d = (r: Ratio | undefined) => (r === undefined ? undefined : toDecimalString(r));

function one(
  target: IndicatorInput["target"],
  actual: IndicatorInput["actual"],
  points = 10,
  scheme = NATIONAL_PROJECT_SCHEME,
) {
  return scoreIndicator({ level1: "产出指标", name: "x", target, actual, points }, scheme, 0, STUB_TARGETS);
}

describe("seed 002 reproduced from its numbers (targets understood by hand)", () => {
  const input: EvaluationInput = {
    title: "2020 年度武汉市公安局青山区交通大队整体绩效自评",
    scheme: DEPARTMENT_2080_SCHEME,
    unit: "万元",
    budget: {
      budget: parseWanYuan("2953.33"),
      executed: parseWanYuan("2609.14"),
      statedRate: "88.3%",
      statedScore: 18,
    },
    indicators: SEED_002_INDICATORS,
    statedIndicatorTotal: 74,
    statedTotal: 92,
  };
  const x = computeScores(input, STUB_TARGETS);
  const r = scoreEvaluation(input, STUB_TARGETS);

  it("执行率 88.35% (printed 88.3%, which is right at one decimal); 20 × 执行率 = 17.67 against a stated 18", () => {
    expect(r.executionRate).toBe("88.35");
    expect(r.executionScore).toBe(17.67);
    expect(r.statedExecutionScore).toBe(18);
    expect(r.differences.find((x) => x.kind === "execution-rate")).toBeUndefined();
    const e = r.differences.find((x) => x.kind === "execution-score")!;
    expect(e.difference).toBe(0.33);
    expect(e.zh).toContain("17.67");
    expect(e.en).toContain("88.35%");
  });

  it("stated group sums 35 + 30 + 9 = 74 on 40 / 30 / 10 points; total 92 = 18 + 74", () => {
    expect(r.groups.map((g) => [g.name, g.points, g.weightSum, g.statedScore])).toEqual([
      ["产出指标", 40, 40, 35],
      ["效益指标", 30, 30, 30],
      ["满意度指标", 10, 10, 9],
    ]);
    expect(d(x.statedSum)).toBe("92");
    expect(r.statedTotal).toBe(92);
    expect(r.statedGrade).toBe("优");
    expect(r.differences.filter((x) => x.kind === "stated-sum")).toEqual([]);
  });

  it("聘用辅警数量 302 → 260 at 2 points suggests 1.72, stated 1", () => {
    const i = r.indicators.find((i) => i.name === "聘用辅警数量")!;
    expect(i.score).toBe(1.72); // 2 × 260 ÷ 302 = 1.7218…
    expect(i.statedScore).toBe(1);
    expect(i.difference).toBe(-0.72);
    expect(i.met).toBe(false);
    const diff = r.differences.find((x) => x.name === "聘用辅警数量")!;
    expect(diff.zh).toContain("2 × 260 ÷ 302");
    expect(diff.path).toBe("indicators[9].statedScore");
  });

  it("双评议满意率 target 大于 95%, actual 92.22% at 10 points suggests 9.71, stated 9", () => {
    const i = r.indicators.find((i) => i.name === "双评议满意率")!;
    expect(i.score).toBe(9.71); // 10 × 92.22 ÷ 95 = 9.7073…
    expect(i.statedScore).toBe(9);
    expect(i.difference).toBe(-0.71);
  });

  it("suggests 17.67 + 35.72 + 30 + 9.71 = 93.10 against the stated 92, both 优", () => {
    expect(r.groups.map((g) => g.score)).toEqual([35.72, 30, 9.71]);
    expect(d(x.total)).toBe("93.1");
    expect(r.total).toBe(93.1);
    expect(r.grade).toBe("优");
    expect(d(x.totalUnrounded)).toBe(d(add(x.executionScore!, sum(x.groups.map((g) => g.score)))));
  });

  it("lists every stated ≠ computed, in Chinese and English", () => {
    expect(r.differences.map((x) => [x.kind, x.name, x.stated, x.computed])).toEqual([
      ["execution-score", "预算执行率得分", 18, 17.67],
      ["indicator", "聘用辅警数量", 1, 1.72],
      ["indicator", "双评议满意率", 9, 9.71],
      ["group", "产出指标", 35, 35.72],
      ["group", "满意度指标", 9, 9.71],
      ["indicator-total", "指标得分合计", 74, 75.43],
      ["total", "总分", 92, 93.1],
    ]);
    for (const x of r.differences) {
      expect(x.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(x.en).toMatch(/[a-z]/);
    }
  });

  it("keeps the stated score where the words cannot be judged, and says so", () => {
    const unjudged = r.indicators.filter((i) => i.basis === "stated").map((i) => i.name);
    expect(unjudged).toEqual(["执法办案质量水平", "服务辖区经济", "减轻群众负担"]);
    expect(r.problems.map((p) => p.code)).toEqual(["unjudged", "unjudged", "unjudged"]);
    expect(r.indicators.find((i) => i.name === "化工大道交通设施建设")).toMatchObject({
      score: 0,
      basis: "tier",
      met: false,
    });
    expect(r.indicators.find((i) => i.name === "交通视频监控指挥调度中心、交通违法摄录中心运维良好率")).toMatchObject({
      score: 2,
      met: true,
    });
  });

  it("is JSON-safe", () => {
    expect(() => JSON.stringify(r)).not.toThrow();
  });
});

describe("indicator formulas", () => {
  it("higher is better: met → full, else points × actual ÷ target", () => {
    expect(d(one(num(100, "人", ">="), num(120, "人")).computed)).toBe("10");
    expect(d(one(num(100, "人", ">="), num(80, "人")).computed)).toBe("8");
    expect(d(one(num(3, "次", ">"), num(1, "次")).computed)).toBe("3.33");
    expect(d(one(num(100, "人", ">="), num(-5, "人")).computed)).toBe("0");
  });

  it("= with a non-zero target means reach it: points × actual ÷ target below, full at or above", () => {
    expect(d(one(num(100, "%", "="), num(90, "%")).computed)).toBe("9");
    expect(one(num(100, "%", "="), num(110, "%")).comparison.met).toBe(true);
    expect(d(one(num(100, "%", "="), num(110, "%")).computed)).toBe("10");
  });

  it("converts units that convert (名 = 人, 小时 → 分钟)", () => {
    expect(d(one(num(302, "名", ">="), num(260, "人"), 2).computed)).toBe("1.72");
    expect(d(one(num(30, "分钟", "<="), num(1, "小时"), 10).computed)).toBe("0"); // 60 = 2 × 30
    expect(d(one(num(30, "分钟", "<="), num(0.75, "小时"), 10).computed)).toBe("5"); // 45: 10 × (1 − 15/30)
  });

  it("= with target 0: full when actual ≤ 0, else 0; the stricter variant wants exactly 0", () => {
    expect(d(one(num(0, "%", "="), num(0, "%")).computed)).toBe("10");
    expect(d(one(num(0, "%", "="), num(0.1, "%")).computed)).toBe("0");
    expect(d(one(num(0, "%", "="), num(-1, "%")).computed)).toBe("10");
    const strict: ScoringScheme = { ...NATIONAL_PROJECT_SCHEME, equalsZero: "full-if-zero" };
    expect(d(one(num(0, "%", "="), num(-1, "%"), 10, strict).computed)).toBe("0");
  });

  it("lower is better, linear-2x: target < actual < 2 × target → points × (1 − (actual − target) ÷ target)", () => {
    expect(d(one(num(10, "元", "<="), num(8, "元")).computed)).toBe("10");
    expect(d(one(num(10, "元", "<="), num(15, "元")).computed)).toBe("5");
    expect(d(one(num(10, "元", "<="), num(19, "元")).computed)).toBe("1");
    expect(d(one(num(10, "元", "<="), num(20, "元")).computed)).toBe("0");
    expect(d(one(num(10, "元", "<="), num(25, "元")).computed)).toBe("0");
    expect(one(num(10, "元", "<="), num(25, "元")).formula.zh).toContain("2 倍");
    expect(d(one(num(0, "%", "<="), num(1, "%")).computed)).toBe("0");
    expect(d(one(num(0.1, "%", "<"), num(0.05, "%")).computed)).toBe("10");
  });

  it("lower is better, ratio: points × target ÷ actual", () => {
    const ratio: ScoringScheme = { ...NATIONAL_PROJECT_SCHEME, lowerIsBetter: "ratio" };
    expect(d(one(num(10, "元", "<="), num(15, "元"), 4, ratio).computed)).toBe("2.67");
    expect(d(one(num(10, "元", "<="), num(40, "元"), 4, ratio).computed)).toBe("1");
  });

  it("ranges: inside → full; below → × actual ÷ min; above → lower-is-better on max", () => {
    expect(d(one(range(50, 70, "%"), num(60, "%")).computed)).toBe("10");
    expect(d(one(range(50, 70, "%"), num(40, "%")).computed)).toBe("8");
    expect(d(one(range(50, 70, "%"), num(80, "%"), 7).computed)).toBe("6"); // 7 × (1 − 10/70)
  });

  it("an actual written as a bound meets the same bound (大于 90% against 大于 90%)", () => {
    expect(one(num(90, "%", ">"), num(90, "%", ">")).comparison.met).toBe(true);
    expect(one(num(90, "%", ">"), num(90, "%")).comparison.met).toBe(false);
  });

  it("units that differ are not compared by number", () => {
    const s = one(num(100, "人", ">="), num(80, "次"));
    expect(s.basis).toBe("none");
    expect(s.computed).toBeUndefined();
  });

  it("frequencies compare when the periods agree", () => {
    const t = { kind: "frequency", text: "每年4次", value: 4, period: "year", op: ">=" } as const;
    const a = { kind: "frequency", text: "每年3次", value: 3, period: "year" } as const;
    expect(d(one(t, a, 8).computed)).toBe("6");
    expect(one(t, { ...a, period: "month" }).computed).toBeUndefined();
  });

  it("qualitative: met → the achieved tier's suggestion; not met → not-achieved; a chosen tier wins", () => {
    expect(one(words("达标"), words("达标"))).toMatchObject({ basis: "tier", tier: "achieved" });
    expect(d(one(words("达标"), words("达标")).computed)).toBe("10");
    expect(d(one(words("达标"), words("未达标")).computed)).toBe("0");
    const partial = scoreIndicator(
      { level1: "效益", name: "x", target: words("明显提高"), actual: words("有所提高"), points: 10, tier: "partial" },
      NATIONAL_PROJECT_SCHEME,
      0,
      STUB_TARGETS,
    );
    expect(d(partial.computed)).toBe("7");
    expect(partial.formula.zh).toContain("部分达成");
  });

  it("never goes outside 0 – points", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Op>(">=", ">", "=", "<", "<="),
        fc.integer({ min: -1000, max: 100000 }),
        fc.integer({ min: -1000, max: 100000 }),
        fc.integer({ min: 1, max: 4000 }),
        fc.constantFrom<ScoringScheme["lowerIsBetter"]>("linear-2x", "ratio"),
        (op, t, a, p, rule) => {
          const scheme = { ...NATIONAL_PROJECT_SCHEME, lowerIsBetter: rule };
          const s = one(num(t / 100, "%", op), num(a / 100, "%"), p / 10, scheme);
          expect(cmp(s.computed!, ZERO)).toBeGreaterThanOrEqual(0);
          expect(cmp(s.computed!, fromNumber(p / 10))).toBeLessThanOrEqual(0);
        },
      ),
    );
  });

  it("higher is better: the score does not decrease as the actual rises", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Op>(">=", ">", "="),
        fc.integer({ min: 1, max: 100000 }),
        fc.integer({ min: -1000, max: 200000 }),
        fc.integer({ min: 0, max: 50000 }),
        fc.integer({ min: 1, max: 4000 }),
        (op, t, a, step, p) => {
          const lo = one(num(t / 100, "人", op), num(a / 100, "人"), p / 10);
          const hi = one(num(t / 100, "人", op), num((a + step) / 100, "人"), p / 10);
          expect(cmp(hi.computed!, lo.computed!)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe("execution score", () => {
  const base = (budget: string, executed: string, scheme = NATIONAL_PROJECT_SCHEME): EvaluationInput => ({
    scheme,
    unit: "元",
    budget: { budget: parseYuan(budget), executed: parseYuan(executed) },
    indicators: [],
  });

  it("is capped at 100%: an uncapped scheme (which could score 12 of 10 points) is refused (issue 12)", () => {
    expect(scoreEvaluation(base("100.00", "120.00")).executionScore).toBe(10);
    const uncapped = { ...NATIONAL_PROJECT_SCHEME, execution: { points: 10, capAt100: false } };
    expect(() => scoreEvaluation(base("100.00", "120.00", uncapped))).toThrow(/capAt100/);
  });

  it("reports a zero budget instead of dividing", () => {
    const r = scoreEvaluation(base("0.00", "5.00"));
    expect(r.executionRate).toBeUndefined();
    expect(r.executionScore).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ code: "zero_budget", path: "budget.budget" });
  });

  it("refuses an unusable scheme", () => {
    const bad = { ...NATIONAL_PROJECT_SCHEME, grades: [{ grade: "优", min: 90 }] };
    expect(() => scoreEvaluation(base("1.00", "1.00", bad))).toThrow(DomainError);
  });

  it("seed 003's rates in 元", () => {
    expect(scoreEvaluation(base("166,933,259.08", "165,794,459.08")).executionRate).toBe("99.32");
    expect(scoreEvaluation(base("60,932,776.52", "60,932,776.52")).executionRate).toBe("100.00");
    expect(scoreEvaluation(base("106,000,482.56", "104,861,682.56")).executionRate).toBe("98.93");
    expect(scoreEvaluation(base("106,000,482.56", "104,861,682.56")).executionScore).toBe(9.89); // 10 × 0.989257…
  });

  it("flags a stated rate that is wrong at its own precision", () => {
    const input = base("2,953.33", "2,609.14");
    input.budget.statedRate = "88.4%";
    const r = scoreEvaluation(input);
    expect(r.differences[0]).toMatchObject({ kind: "execution-rate", stated: 88.4 });
  });
});

describe("checks", () => {
  const ind = (level1: string, points: number, extra: Partial<IndicatorInput> = {}): IndicatorInput => ({
    level1,
    name: `${level1}${points}`,
    target: num(10, "次", ">="),
    actual: num(10, "次"),
    points,
    ...extra,
  });
  const run = (indicators: IndicatorInput[], scheme = NATIONAL_PROJECT_SCHEME) =>
    scoreEvaluation(
      { scheme, budget: { budget: parseYuan("10.00"), executed: parseYuan("10.00") }, indicators },
      STUB_TARGETS,
    );

  it("national without 满意度: 产出 55, 效益 35, weights checked against them", () => {
    const r = run([ind("产出", 55), ind("效益", 35)]);
    expect(r.groups.map((g) => [g.level1, g.points, g.score])).toEqual([
      ["output", 55, 55],
      ["effect", 35, 35],
    ]);
    expect(r.total).toBe(100);
    expect(r.problems).toEqual([]);
  });

  it("weights per group against the scheme, weights ≤ 0, unknown level 1, level 1 not in the scheme", () => {
    const r = run([
      ind("产出", 40),
      ind("产出", 0),
      ind("效益", 30),
      ind("满意度", 10),
      ind("其他", 5),
      ind("成本指标", 5),
    ]);
    expect(r.problems.map((p) => [p.code, p.path])).toEqual([
      ["weight_not_positive", "indicators[1].points"],
      ["unknown_level1", "indicators[4].level1"],
      ["level1_not_in_scheme", "indicators[5].level1"],
      ["weights_sum", "indicators"],
    ]);
    expect(r.problems.at(-1)!.zh).toContain("40");
    expect(r.problems.at(-1)!.zh).toContain("50");
  });

  it("a group without indicators and no rule to move its points", () => {
    const r = run([ind("产出", 40), ind("效益", 30)], DEPARTMENT_2080_SCHEME);
    expect(r.problems.map((p) => p.code)).toEqual(["group_without_indicators"]);
    expect(r.groups.find((g) => g.level1 === "satisfaction")).toMatchObject({ points: 10, score: 0 });
  });

  it("an unmet indicator needs a deviation reason; ≥ 130% of target needs a reason", () => {
    const r = run([
      ind("产出", 25, { actual: num(5, "次") }),
      ind("产出", 25, { actual: num(13, "次") }),
      ind("效益", 30),
      ind("满意度", 10),
    ]);
    expect(r.problems.map((p) => [p.code, p.path])).toEqual([
      ["deviation_reason_missing", "indicators[0].deviationReason"],
      ["far_over_target", "indicators[1]"],
    ]);
  });

  it("年初 + 调整 = 全年预算数 when the parts are given (seed 003 holds; a wrong one is reported)", () => {
    const y = (t: string) => parseYuan(t);
    const input = (final: string): EvaluationInput => ({
      scheme: NATIONAL_PROJECT_SCHEME,
      unit: "元",
      budget: {
        budget: y(final),
        executed: y("165,794,459.08"),
        initial: y("170,294,599.63"),
        adjustment: y("-3,361,340.55"),
      },
      indicators: [ind("产出", 50), ind("效益", 30), ind("满意度", 10)],
    });
    const ok = scoreEvaluation(input("166,933,259.08"), STUB_TARGETS);
    expect(ok.problems).toEqual([]);
    expect(ok.executionRate).toBe("99.32");
    const bad = scoreEvaluation(input("166,933,259.80"), STUB_TARGETS);
    expect(bad.problems.map((p) => p.code)).toEqual(["budget_arithmetic"]);
    expect(bad.problems[0]!.zh).toContain("相差 0.72");
  });

  it("a stated score outside 0 – points", () => {
    const r = run([ind("产出", 50, { statedScore: 51 }), ind("效益", 30), ind("满意度", 10)]);
    expect(r.problems.map((p) => p.code)).toEqual(["stated_score_out_of_range"]);
  });

  it("a stated total that is not the sum of the stated parts", () => {
    const r = scoreEvaluation(
      {
        scheme: NATIONAL_PROJECT_SCHEME,
        budget: { budget: parseYuan("10.00"), executed: parseYuan("10.00"), statedScore: 10 },
        indicators: [
          ind("产出", 50, { statedScore: 50 }),
          ind("效益", 30, { statedScore: 30 }),
          ind("满意度", 10, { statedScore: 10 }),
        ],
        statedTotal: 99,
      },
      STUB_TARGETS,
    );
    expect(r.differences.map((x) => [x.kind, x.stated, x.computed])).toEqual([
      ["stated-sum", 99, 100],
      ["total", 99, 100],
    ]);
  });

  it("rounds as the scheme says and grades the rounded total", () => {
    const whole: ScoringScheme = {
      ...NATIONAL_PROJECT_SCHEME,
      rounding: { indicator: "0.1", execution: "1", total: "1" },
      grades: PASS_FAIL_GRADES,
    };
    const r = scoreEvaluation(
      {
        scheme: whole,
        budget: { budget: parseYuan("3.00"), executed: parseYuan("2.00") }, // 6.666… → 7
        indicators: [
          ind("产出", 50, { actual: num(2, "次"), deviationReason: "x" }), // 50 × 0.2 = 10
          ind("效益", 30, { actual: num(3.33, "次"), deviationReason: "x" }), // 30 × 0.333 = 9.99 → 10.0
          ind("满意度", 10, { actual: num(5.55, "次"), deviationReason: "x" }), // 10 × 0.555 = 5.55 → 5.6
        ],
      },
      STUB_TARGETS,
    );
    expect(r.executionScore).toBe(7);
    expect(r.indicators.map((i) => i.score)).toEqual([10, 10, 5.6]);
    expect(r.total).toBe(33); // 7 + 10 + 10 + 5.6 = 32.6 → 33
    expect(r.grade).toBe("不合格");
  });
});

describe("totals equal the sum of their parts exactly", () => {
  it("for any indicators and weights, without rounding and with 0.01", () => {
    const indicator = fc.record({
      level1: fc.constantFrom("产出指标", "效益指标", "满意度指标"),
      op: fc.constantFrom<Op>(">=", ">", "=", "<", "<="),
      t: fc.integer({ min: 0, max: 10000 }),
      a: fc.integer({ min: 0, max: 20000 }),
      p: fc.integer({ min: 1, max: 300 }),
      stated: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(indicator, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 10 ** 9 }),
        fc.integer({ min: 0, max: 2 * 10 ** 9 }),
        fc.constantFrom<"none" | "0.01">("none", "0.01"),
        (rows, budget, executed, step) => {
          const scheme: ScoringScheme = {
            ...NATIONAL_PROJECT_SCHEME,
            rounding: { indicator: step, execution: step, total: "none" },
          };
          const x = computeScores(
            {
              scheme,
              budget: { budget: parseYuan(String(budget)), executed: parseYuan(String(executed)) },
              indicators: rows.map((r, i) => ({
                level1: r.level1,
                name: `i${i}`,
                target: num(r.t / 100, "%", r.op),
                actual: num(r.a / 100, "%"),
                points: r.p / 10,
                statedScore: r.stated === undefined ? undefined : r.stated / 10,
              })),
            },
            STUB_TARGETS,
          );
          for (const g of x.groups) {
            const members = x.indicators.filter((i) => i.level1 === g.level1);
            expect(cmp(g.score, sum(members.map((i) => i.suggested)))).toBe(0);
            expect(cmp(g.weightSum, sum(members.map((i) => i.inputPoints)))).toBe(0);
            // the points the members are scored out of add up to the group's points (normalisation)
            if (members.length > 0) expect(cmp(g.points, sum(members.map((i) => i.points)))).toBe(0);
          }
          const parts = add(x.executionScore!, sum(x.groups.map((g) => g.score)));
          expect(cmp(x.totalUnrounded, parts)).toBe(0);
          expect(cmp(x.total, parts)).toBe(0);
        },
      ),
    );
  });
});

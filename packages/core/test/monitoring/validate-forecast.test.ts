import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fen } from "../../src/money/money.ts";
import { forecastScore } from "../../src/monitoring/forecast.ts";
import { forecastMeetsTarget } from "../../src/monitoring/indicators.ts";
import { type MonitoringIndicatorFill, validateMonitoring } from "../../src/monitoring/validate.ts";
import { NATIONAL_PROJECT_SCHEME } from "../../src/scoring/scheme.ts";
import { scoreEvaluation } from "../../src/scoring/score.ts";

const full: MonitoringIndicatorFill = {
  name: "培训人数",
  target: "≥100人",
  progress: "45人",
  forecast: "100人",
  likelihood: "确定能",
  forecastMet: true,
};

describe("validating a monitoring record", () => {
  it("accepts a complete on-track record, and a draft with blanks", () => {
    expect(validateMonitoring({ indicators: [full] }, "submit")).toEqual([]);
    expect(validateMonitoring({ indicators: [{ name: "x" }] }, "save")).toEqual([]);
  });

  it("at submission asks for the value to date, the forecast and the likelihood, each at its field", () => {
    const p = validateMonitoring({ indicators: [full, { name: "覆盖率" }] }, "submit");
    expect(p.map((x) => [x.code, x.path])).toEqual([
      ["progress_missing", "indicators[1].progress"],
      ["forecast_missing", "indicators[1].forecast"],
      ["likelihood_missing", "indicators[1].likelihood"],
    ]);
    expect(p[2]!.zh).toBe("「覆盖率」未选择完成目标可能性");
    expect(p[2]!.en).toMatch(/likelihood/);
  });

  it("needs a cause from the standard list and 纠偏措施 when behind or not 确定能", () => {
    const behind = { ...full, forecast: "80人", forecastMet: false };
    expect(validateMonitoring({ indicators: [behind] }, "submit").map((x) => x.code)).toEqual([
      "category_missing",
      "measures_missing",
    ]);
    const possible = { ...full, likelihood: "有可能" };
    const pp = validateMonitoring({ indicators: [possible] }, "submit");
    expect(pp.map((x) => x.path)).toEqual(["indicators[0].deviationCategory", "indicators[0].correctiveMeasures"]);
    expect(pp[0]!.zh).toMatch(/完成目标可能性为「有可能」，应选择偏差原因（经费保障 \/ 制度保障/);
    const fixed = { ...possible, deviationCategory: "人员保障", correctiveMeasures: "抽调人员" };
    expect(validateMonitoring({ indicators: [fixed] }, "submit")).toEqual([]);
    const other = { ...fixed, deviationCategory: "其他" };
    expect(validateMonitoring({ indicators: [other] }, "submit").map((x) => x.code)).toEqual(["reason_missing"]);
  });

  it("refuses words outside the lists even in a draft", () => {
    const p = validateMonitoring(
      { indicators: [{ name: "x", likelihood: "大概", deviationCategory: "天气" }] },
      "save",
    );
    expect(p.map((x) => x.code)).toEqual(["likelihood_unknown", "category_unknown"]);
  });

  it("asks for the record's execution cause and measures when execution is behind", () => {
    const p = validateMonitoring({ indicators: [full], executionBehind: true, executionReason: "采购延迟" }, "submit");
    expect(p.map((x) => [x.code, x.path])).toEqual([["execution_measures_missing", "executionMeasures"]]);
  });
});

describe("the forecast meets the target (the targets module's comparison)", () => {
  it("reads numbers with their units and operators", () => {
    expect(forecastMeetsTarget("≥100人", "100人")).toBe(true);
    expect(forecastMeetsTarget("≥100人", "80人")).toBe(false);
    expect(forecastMeetsTarget("≤5%", "3%")).toBe(true);
    expect(forecastMeetsTarget("≥90%", "")).toBeUndefined();
    expect(forecastMeetsTarget("符合相关规定", "符合相关规定")).toBe(true);
  });
});

describe("the year-end forecast, scored by scoreEvaluation", () => {
  const indicators = [
    { level1: "产出指标", level2: "数量指标", name: "培训人数", target: "≥100人", forecast: "80人", points: 50 },
    { level1: "效益指标", level2: "社会效益指标", name: "事故下降率", target: "≥90%", forecast: "95%", points: 30 },
    { level1: "满意度指标", name: "群众满意度", target: "≥90%", forecast: "90%", points: 10 },
  ];

  it("is hand-computed: 10 × 80% + 50 × 80/100 + 30 + 10 = 88 → 良; the reasons largest loss first", () => {
    const f = forecastScore({
      scheme: NATIONAL_PROJECT_SCHEME,
      budget: fen(1_000_000n),
      projectedExecuted: fen(800_000n),
      indicators,
    });
    expect(f.total).toBe(88);
    expect(f.grade).toBe("良");
    expect(f.result.executionScore).toBe(8);
    expect(f.reasons.map((r) => [r.kind, r.name, r.points, r.score, r.lost])).toEqual([
      ["indicator", "培训人数", "50", "40", "10"],
      ["execution", "预算执行率", "10", "8", "2"],
    ]);
    expect(f.reasons[0]!.zh).toMatch(/^「培训人数」：年度指标值 ≥100人，全年预计 80人/);
    expect(f.assumptions).toEqual([]);
  });

  it("names a group without indicators among the reasons (its points cannot be scored)", () => {
    const f = forecastScore({
      scheme: NATIONAL_PROJECT_SCHEME,
      budget: fen(1_000_000n),
      projectedExecuted: fen(1_000_000n),
      indicators: [indicators[0]!, indicators[2]!].map((i) => ({ ...i, forecast: i.target.replace("≥", "") })),
    });
    // 10 + 50 + 10, and the 30 points of 效益 lost for want of an indicator (a missing 满意度 group's points would
    // move to the others under this scheme; a missing 效益 group's do not)
    expect(f.total).toBe(70);
    expect(f.reasons.map((r) => [r.kind, r.lost, r.zh])).toEqual([
      ["group", "30", "没有「效益指标」的指标，其 30 分无从得分"],
    ]);
  });

  it("infers missing points from the scheme's group points as for a document, and says so", () => {
    const f = forecastScore({
      scheme: NATIONAL_PROJECT_SCHEME,
      budget: fen(1_000_000n),
      projectedExecuted: fen(1_000_000n),
      indicators: [
        { level1: "产出指标", name: "培训人数", target: "≥100人", forecast: "100人", points: 30 },
        // no 分值: 50 − 30 = 20 of the 产出 group's points are left for it; 5% of ≥10% is half of them
        { level1: "产出指标", name: "覆盖率", target: "≥10%", forecast: "5%", points: null },
        { level1: "效益指标", name: "事故下降率", target: "≥90%", forecast: "95%", points: 30 },
        { level1: "满意度指标", name: "群众满意度", target: "≥90%", forecast: "90%", points: 10 },
      ],
    });
    expect(f.total).toBe(90);
    expect(f.reasons.map((r) => [r.name, r.points, r.score])).toEqual([["覆盖率", "20", "10"]]);
    expect(f.assumptions.filter((a) => a.index === -1).length).toBeGreaterThan(0);
  });

  it("assumes a blank forecast reaches its target, and says so", () => {
    const f = forecastScore({
      scheme: NATIONAL_PROJECT_SCHEME,
      budget: fen(1_000_000n),
      projectedExecuted: fen(1_000_000n),
      indicators: indicators.map((i, k) => (k === 0 ? { ...i, forecast: "" } : i)),
    });
    expect(f.total).toBe(100);
    expect(f.grade).toBe("优");
    expect(f.reasons).toEqual([]);
    expect(f.assumptions.map((a) => a.index)).toEqual([0]);
  });

  it("is exactly scoreEvaluation of the forecast values (property), and the losses add up to 100 − total", () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(150), fc.nat(1_000_000), (people, rate, spent) => {
        const ind = [
          { ...indicators[0]!, forecast: `${people}人` },
          { ...indicators[1]!, forecast: `${rate}%` },
          indicators[2]!,
        ];
        const input = {
          scheme: NATIONAL_PROJECT_SCHEME,
          budget: fen(1_000_000n),
          projectedExecuted: fen(BigInt(spent)),
        };
        const f = forecastScore({ ...input, indicators: ind });
        const direct = scoreEvaluation({
          scheme: NATIONAL_PROJECT_SCHEME,
          unit: "元",
          budget: { budget: input.budget, executed: input.projectedExecuted },
          indicators: ind.map(({ forecast, ...i }) => ({ ...i, actual: forecast })),
        });
        expect(f.result).toEqual(direct);
        const lost = f.reasons.reduce((s, r) => s + Number(r.lost), 0);
        expect(lost).toBeCloseTo(100 - f.total, 4);
      }),
      { numRuns: 60 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/errors/domain-error.ts";
import { LIGHT_RANK } from "../../src/monitoring/types.ts";
import { DEFAULT_THRESHOLDS, parseThresholds, warningOf } from "../../src/monitoring/warning.ts";
import { fromInt, parseDecimal, ratio } from "../../src/numbers/decimal.ts";

const pct = (s: string) => parseDecimal(s)!;

describe("the execution light against time progress (defaults: yellow 10, red 20 points behind)", () => {
  it("at the end of June (50%): 40% is 10 behind → yellow, 40.01 green, 30 red, 30.01 yellow", () => {
    const at = (p: string) => warningOf({ month: 6, executionPercent: pct(p), indicators: [] });
    expect(at("40")).toMatchObject({ light: "yellow", behindText: "10.00" });
    expect(at("40.01")).toMatchObject({ light: "green", behindText: "9.99", reasons: [] });
    expect(at("30")).toMatchObject({ light: "red", behindText: "20.00" });
    expect(at("30.01").light).toBe("yellow");
    expect(at("75").behindText).toBe("-25.00");
    expect(at("30").reasons[0]).toMatchObject({ code: "execution_behind", light: "red", path: "execution" });
    expect(at("30").reasons[0]!.zh).toBe("预算执行率 30.00%，时间进度 50.00%，落后 20.00 个百分点（红灯阈值 20.00）");
  });

  it("at the end of July (7/12 = 58.33…%): 48.33% is 10.0033… behind → yellow (exact, not the rounded 58.33)", () => {
    // 58.333… − 48.33 = 10.00333… ≥ 10
    expect(warningOf({ month: 7, executionPercent: pct("48.33"), indicators: [] }).light).toBe("yellow");
    // 58.333… − 48.34 = 9.99333… < 10
    expect(warningOf({ month: 7, executionPercent: pct("48.34"), indicators: [] }).light).toBe("green");
    // exactly 7/12 × 100 − 10
    const edge = ratio(700n - 120n, 12n);
    expect(warningOf({ month: 7, executionPercent: edge, indicators: [] }).light).toBe("yellow");
  });

  it("uses the bureau's thresholds", () => {
    const t = parseThresholds("5", "15");
    expect(warningOf({ month: 6, executionPercent: pct("44"), indicators: [], thresholds: t }).light).toBe("yellow");
    expect(warningOf({ month: 6, executionPercent: pct("35"), indicators: [], thresholds: t }).light).toBe("red");
    expect(warningOf({ month: 6, executionPercent: pct("44"), indicators: [] }).light).toBe("green");
  });

  it("refuses thresholds that make no sense, at their field", () => {
    expect(() => parseThresholds("0", "20")).toThrow(DomainError);
    expect(() => parseThresholds("10", "abc")).toThrow(/红灯阈值「abc」不是数字/);
    try {
      parseThresholds("20", "10");
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).location).toEqual({ field: "redBehind" });
    }
  });

  it("is yellow without an execution figure", () => {
    const w = warningOf({ month: 6, executionPercent: undefined, indicators: [] });
    expect(w).toMatchObject({ light: "yellow", behind: undefined, executionLight: undefined });
    expect(w.reasons.map((r) => r.code)).toEqual(["execution_missing"]);
  });

  it("never gets better as execution falls (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.nat(10_000), fc.nat(10_000), (m, a, b) => {
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        const light = (x: number) =>
          warningOf({ month: m, executionPercent: ratio(BigInt(x), 100n), indicators: [] }).light;
        expect(LIGHT_RANK[light(lo)]).toBeGreaterThanOrEqual(LIGHT_RANK[light(hi)]);
      }),
    );
  });
});

describe("indicator lights", () => {
  const ok = fromInt(50);
  it("完全不可能 → red, 有可能 → yellow, a short forecast → yellow; the project takes the worst", () => {
    const w = warningOf({
      month: 6,
      executionPercent: ok,
      indicators: [
        { name: "培训人数", path: "indicators[0]", likelihood: "确定能", forecastMet: true },
        { name: "覆盖率", path: "indicators[1]", likelihood: "有可能", forecastMet: true },
        { name: "事故下降", path: "indicators[2]", likelihood: "确定能", forecastMet: false },
      ],
    });
    expect(w.light).toBe("yellow");
    expect(w.executionLight).toBe("green");
    expect(w.reasons.map((r) => [r.code, r.path])).toEqual([
      ["indicator_possible", "indicators[1].likelihood"],
      ["indicator_forecast_short", "indicators[2].forecast"],
    ]);
    const red = warningOf({
      month: 6,
      executionPercent: ok,
      indicators: [{ name: "验收", path: "indicators[0]", likelihood: "完全不可能" }],
    });
    expect(red.light).toBe("red");
    expect(red.reasons[0]!.zh).toBe("「验收」完成目标可能性为「完全不可能」");
  });

  it("documents its defaults", () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ yellowBehind: fromInt(10), redBehind: fromInt(20) });
  });
});

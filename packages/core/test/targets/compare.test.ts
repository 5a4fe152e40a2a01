import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromInt, toDecimalString } from "../../src/numbers/decimal.ts";
import { compareActual, convertUnit } from "../../src/targets/compare.ts";
import { parseTarget } from "../../src/targets/parse.ts";
import type { Op, TargetValue } from "../../src/targets/types.ts";

const cmpText = (target: string, actual: string) => compareActual(parseTarget(target), actual);

describe("compareActual: numbers", () => {
  it.each([
    // target, actual, met, ratio
    ["≥100人", "120人", true, 1.2],
    ["≥100人", "80人", false, 0.8],
    ["≥100人", "100人", true, 1],
    [">95%", "95%", false, 1],
    [">95%", "96%", true, 96 / 95],
    ["100%", "100%", true, 1],
    ["100%", "0", false, 0],
    ["1000辆", "1010辆", true, 1.01],
    ["≤500元/人/天", "400元/人/天", true, 1.25],
    ["≤500元/人/天", "600元/人/天", false, 500 / 600],
    ["<0.1%", "0.05%", true, 2],
    ["<0.1%", "0.1%", false, 1],
    ["≤40万元", "38万元", true, 40 / 38],
    ["≤40万元", "400000元", true, 1],
    ["≤2小时", "90分钟", true, 2 / 1.5],
    ["≤10工作日", "12工作日", false, 10 / 12],
    ["50%-70%", "60%", true, 1],
    ["50%-70%", "40%", false, 0.8],
    ["50%-70%", "80%", false, 70 / 80],
  ] as const)("target %s, actual %s → met %s, ratio %d", (t, a, met, ratio) => {
    const c = cmpText(t, a);
    expect(c.met).toBe(met);
    expect(c.ratio).toBeCloseTo(ratio, 9);
    expect(c.note).not.toBe("");
  });

  it("handles zero targets: =0 is met by 0 or less, ≤0 likewise; ratio 1 or 0", () => {
    expect(cmpText("0", "0")).toMatchObject({ met: true, ratio: 1 });
    expect(cmpText("0", "2")).toMatchObject({ met: false, ratio: 0 });
    expect(cmpText("≤0", "0")).toMatchObject({ met: true, ratio: 1 });
    expect(cmpText("≤0", "1")).toMatchObject({ met: false, ratio: 0 });
    expect(cmpText("<0", "0")).toMatchObject({ met: false, ratio: 0 });
    expect(cmpText("≥0", "0")).toMatchObject({ met: true, ratio: 1 });
  });

  it("≤ with an actual of 0 is met with no ratio (target ÷ 0), and says so", () => {
    const c = cmpText("≤5%", "0");
    expect(c.met).toBe(true);
    expect(c.ratio).toBeUndefined();
    expect(c.note).toContain("不可计算");
  });

  it("an actual without a unit takes the target's unit; a bare target takes the actual's", () => {
    expect(cmpText("≥95%", "96")).toMatchObject({ met: true });
    expect(cmpText("≥3", "5次")).toMatchObject({ met: true });
  });

  it("units that do not agree leave met undefined with a note", () => {
    const c = cmpText("≥100人", "100次");
    expect(c.met).toBeUndefined();
    expect(c.ratio).toBeUndefined();
    expect(c.note).toContain("单位不同");
  });

  it("an actual written as a bound (大于 90%) decides only when the bound decides", () => {
    expect(cmpText("大于 90%", "大于 90%").met).toBe(true);
    expect(cmpText("≥90%", "≥95%").met).toBe(true);
    expect(cmpText("≥90%", "大于 80%").met).toBeUndefined();
    expect(cmpText("≥90%", "低于 80%").met).toBe(false);
    expect(cmpText("≤5%", "<3%").met).toBe(true);
  });

  it("a qualitative failure against a number is not met; other words are undecided", () => {
    expect(cmpText("100%", "未实施").met).toBe(false);
    expect(cmpText("100%", "基本完成").met).toBeUndefined();
  });

  it("an actual range decides when it lies wholly on one side", () => {
    expect(cmpText("≥60%", "70%-80%").met).toBe(true);
    expect(cmpText("≥90%", "70%-80%").met).toBe(false);
    expect(cmpText("≥75%", "70%-80%").met).toBeUndefined();
  });

  it("values built by hand with NaN or Infinity are undecided, not a crash", () => {
    const t: TargetValue = { kind: "numeric", text: "", op: ">=", value: Number.NaN };
    expect(compareActual(t, "5").met).toBeUndefined();
    expect(
      compareActual(parseTarget("≥5"), { kind: "numeric", text: "", op: "=", value: Number.POSITIVE_INFINITY }).met,
    ).toBeUndefined();
  });

  it("a blank actual is undecided", () => {
    expect(cmpText("≥90%", "")).toMatchObject({ met: undefined, ratio: undefined, note: "未填写实际完成值" });
  });

  it("uses exact arithmetic: 2609.14 ÷ 2953.33", () => {
    expect(cmpText("≥2953.33", "2609.14").ratio).toBe(Number(toDecimalString({ n: 260914n, d: 295333n }, 10)));
  });
});

describe("compareActual: deadlines", () => {
  it.each([
    ["2024年12月30日前", "2024年12月29日", true],
    ["2024年12月30日前", "2024年12月30日", false],
    ["2024年12月底之前", "2024年12月31日", true],
    ["2024年年底", "2025年1月2日", false],
    ["2024年年底", "2024-11-05", true],
    ["2024年12月30日前", "按时完成", true],
    ["2024年12月30日前", "未完成", false],
    ["法律规定时间内", "法律规定时间内", true],
    ["法律规定时间内", "2024年3月1日", undefined],
    ["年内", "100%", true],
    ["2024年12月30日前", "显著", true],
    ["2024年12月30日前", "待定", undefined],
  ] as const)("target %s, actual %s → %s", (t, a, met) => {
    expect(cmpText(t, a).met).toBe(met);
  });
});

describe("compareActual: frequencies", () => {
  it.each([
    ["每月一次", "每月一次", true],
    ["每月一次", "每季度一次", false],
    ["每月一次", "12次", true],
    ["每月一次", "10次", false],
    ["每年4次", "每季度1次", true],
    ["每年4次", "未开展", false],
  ] as const)("target %s, actual %s → %s", (t, a, met) => {
    expect(cmpText(t, a).met).toBe(met);
  });
});

describe("compareActual: words", () => {
  it.each([
    ["达标", "达标", true],
    ["满足", "满足", true],
    ["建设完成", "建设完成", true],
    ["建设完成", "未实施", false],
    ["建设完成", "未完成", false],
    ["完成", "未开展", false],
    ["合规", "合规", true],
    ["安全", "安全", true],
    ["公安交通管理执法、交通事故处理依法规范", "依法规范", true],
    ["辖区道路交通秩序良好、道路拥堵率、交通事故控制数达标", "上级考核达标", true],
    ["明显提高", "显著提高", true],
    ["普遍满意", "满意", true],
    ["符合相关规定", "0", false],
    ["符合相关规定", "100%", true],
    ["符合相关规定", "90%", undefined],
    ["符合相关规定", "另行说明", undefined],
    ["无行政复议", "无行政复议", true],
    ["无行政复议", "0", true],
    ["无行政复议", "2起", false],
    ["全年0事故", "零事故", true],
    ["分阶段进行", "分阶段进行", true],
  ] as const)("target %s, actual %s → %s", (t, a, met) => {
    const c = cmpText(t, a);
    expect(c.met).toBe(met);
    expect(c.ratio).toBeUndefined();
  });
});

describe("compareActual: compound targets", () => {
  const t = parseTarget("注册量4500辆以上，年检36000辆以上");
  it("compares measure by measure; met only when all are; ratio is the lowest", () => {
    expect(compareActual(t, "注册量4600辆，年检37000辆").met).toBe(true);
    const c = compareActual(t, "注册量4600辆，年检30000辆");
    expect(c.met).toBe(false);
    expect(c.ratio).toBeCloseTo(30000 / 36000, 9);
    expect(compareActual(t, "年检37000辆，注册量4600辆").met).toBe(true);
  });
  it("an actual that does not give every measure is undecided", () => {
    expect(compareActual(t, "4600辆").met).toBeUndefined();
  });
});

describe("convertUnit", () => {
  it("converts within a family and refuses across", () => {
    expect(convertUnit(fromInt(2), "小时", "分钟")).toEqual(fromInt(120));
    expect(convertUnit(fromInt(5), "‰", "%")).toEqual({ n: 1n, d: 2n });
    expect(convertUnit(fromInt(3), "名", "人")).toEqual(fromInt(3));
    expect(convertUnit(fromInt(3), "人", "次")).toBeUndefined();
    expect(convertUnit(fromInt(3), undefined, "次")).toBeUndefined();
  });
});

describe("compareActual: properties", () => {
  const positive = fc.integer({ min: 1, max: 10_000_000 }).map((n) => n / 100);
  const nonNeg = fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 100);
  const num = (op: Op, value: number, unit = "人"): TargetValue => ({ kind: "numeric", text: "", op, value, unit });

  // `=0` is the one exception, by the national rule: a target of ＝0 is met by 0 or less (lower is better there)
  it("for ≥ / > / = (except =0), a higher actual never lowers the ratio nor un-meets the target", () => {
    fc.assert(
      fc.property(fc.constantFrom<Op>(">=", ">", "="), nonNeg, nonNeg, nonNeg, (op, t, a1, a2) => {
        fc.pre(!(op === "=" && t === 0));
        const [lo, hi] = a1 <= a2 ? [a1, a2] : [a2, a1];
        const c1 = compareActual(num(op, t), num("=", lo));
        const c2 = compareActual(num(op, t), num("=", hi));
        expect(c1.ratio).toBeDefined();
        expect(c2.ratio as number).toBeGreaterThanOrEqual(c1.ratio as number);
        if (c1.met) expect(c2.met).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("for ≤ / <, a lower actual never lowers the ratio nor un-meets the target", () => {
    fc.assert(
      fc.property(fc.constantFrom<Op>("<=", "<"), positive, positive, positive, (op, t, a1, a2) => {
        const [lo, hi] = a1 <= a2 ? [a1, a2] : [a2, a1];
        const cLo = compareActual(num(op, t), num("=", lo));
        const cHi = compareActual(num(op, t), num("=", hi));
        expect(cLo.ratio as number).toBeGreaterThanOrEqual(cHi.ratio as number);
        if (cHi.met) expect(cLo.met).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("met agrees with the ratio for ≥ and ≤ with positive targets (ratio ≥ 1 exactly when met)", () => {
    fc.assert(
      fc.property(fc.constantFrom<Op>(">=", "<="), positive, positive, (op, t, a) => {
        const c = compareActual(num(op, t), num("=", a));
        expect(c.met).toBe((c.ratio as number) >= 1);
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws, whatever the actual text", () => {
    const targets = [
      "≥100人",
      "50%-70%",
      "2024年12月30日前",
      "每月一次",
      "达标",
      "无行政复议",
      "注册量4500辆以上，年检36000辆以上",
    ].map((t) => parseTarget(t));
    fc.assert(
      fc.property(fc.constantFrom(...targets), fc.string({ maxLength: 50 }), (t, a) => {
        const c = compareActual(t, a);
        expect([true, false, undefined]).toContain(c.met);
      }),
      { numRuns: 2000 },
    );
  });
});

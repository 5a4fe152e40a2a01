import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_OPERATOR_CODES, resolveOperatorCode } from "../../src/targets/operator-codes.ts";
import { parseTarget } from "../../src/targets/parse.ts";
import type { TargetValue } from "../../src/targets/types.ts";

type Expect = Partial<Omit<TargetValue, "text" | "note">>;
const u = (unit?: string) => (unit ? { unit } : {});
const ge = (value: number, unit?: string): Expect => ({ kind: "numeric", op: ">=", value, ...u(unit) });
const le = (value: number, unit?: string): Expect => ({ kind: "numeric", op: "<=", value, ...u(unit) });
const gt = (value: number, unit?: string): Expect => ({ kind: "numeric", op: ">", value, ...u(unit) });
const lt = (value: number, unit?: string): Expect => ({ kind: "numeric", op: "<", value, ...u(unit) });
const eq = (value: number, unit?: string): Expect => ({ kind: "numeric", op: "=", value, ...u(unit) });
const rg = (min: number, max: number, unit?: string): Expect => ({ kind: "range", min, max, ...u(unit) });

function expectShape(v: TargetValue, e: Expect): void {
  expect(v).toMatchObject(e);
  for (const k of ["op", "value", "min", "max", "unit", "date", "inclusive", "period", "quality", "label"] as const) {
    if (!(k in e)) expect(v[k], `${v.text}: ${k}`).toBeUndefined();
  }
}

/** Every form listed under "Target values as written" in DOMAIN.md, and the ones named in the brief. */
const FORMS: ReadonlyArray<readonly [string, Expect]> = [
  // operators, ASCII and full width
  ["≥100人", ge(100, "人")],
  ["≤500元/人/天", le(500, "元/人/天")],
  [">95%", gt(95, "%")],
  ["<0.1%", lt(0.1, "%")],
  ["=100%", eq(100, "%")],
  ["＞95％", gt(95, "%")],
  ["＜5％", lt(5, "%")],
  ["＝1个", eq(1, "个")],
  [">=90%", ge(90, "%")],
  ["<=3天", le(3, "天")],
  ["≧90%", ge(90, "%")],
  ["≦3天", le(3, "天")],
  ["≥９０％", ge(90, "%")],
  // words
  ["90%以上", ge(90, "%")],
  ["10%以下", le(10, "%")],
  ["不低于95%", ge(95, "%")],
  ["不高于千分之五", le(5, "‰")],
  ["不少于20人", ge(20, "人")],
  ["不超过40万元", le(400000, "元")],
  ["达到95%", ge(95, "%")],
  ["3天以内", le(3, "天")],
  ["低于50%", lt(50, "%")],
  ["高于千分之五", gt(5, "‰")],
  ["不足10%", lt(10, "%")],
  ["大于 90%", gt(90, "%")],
  ["小于5%", lt(5, "%")],
  ["超过100人", gt(100, "人")],
  ["50%（含）以上", ge(50, "%")],
  ["80%及以上", ge(80, "%")],
  ["6个月内", le(6, "个月")],
  // ranges
  ["50%-70%", rg(50, 70, "%")],
  ["90%-100%", rg(90, 100, "%")],
  ["2—3个", rg(2, 3, "个")],
  ["70%-80%", rg(70, 80, "%")],
  ["70%～80%", rg(70, 80, "%")],
  ["5至10人", rg(5, 10, "人")],
  ["0-2.25", rg(0, 2.25)],
  // percent spellings
  ["95％", eq(95, "%")],
  ["≥90百分比", ge(90, "%")],
  ["百分之九十", eq(90, "%")],
  ["≥98百分之", ge(98, "%")],
  ["0.3‰", eq(0.3, "‰")],
  ["千分之三", eq(3, "‰")],
  // 万 folded into the value
  ["333万", eq(3330000)],
  ["≥48万次/年", ge(480000, "次/年")],
  ["≤0.82万元", le(8200, "元")],
  ["≤40万元", le(400000, "元")],
  ["5万人以上", ge(50000, "人")],
  ["1.5亿元", eq(150000000, "元")],
  // spaces and labels
  ["专版 2 篇", { ...eq(2, "篇"), label: "专版" }],
  ["170,294,599.63元", eq(170294599.63, "元")],
  // points, percentage points, Chinese numerals that are not numbers
  ["≥90分", ge(90, "分")],
  ["提高2个百分点", { ...eq(2, "百分点"), label: "提高" }],
  ["十分满意", { kind: "qualitative", quality: "satisfied" }],
  ["全部达到一等巡警中队数量占比", { kind: "qualitative", quality: "meets" }],
  // durations
  ["≤10工作日", le(10, "工作日")],
  ["≤2小时", le(2, "小时")],
  ["≤10分钟", le(10, "分钟")],
  ["24小时内", le(24, "小时")],
  ["≥3000㎡", ge(3000, "平方米")],
  // sentences
  ["汉警快骑辅警 36 名、辅警 266 名共 302 名", eq(302, "名")],
  ["合计 1,200 件", eq(1200, "件")],
  ["辅警共计 302 名", { ...eq(302, "名"), label: "辅警" }],
  ["满意度为95%", { ...eq(95, "%"), label: "满意度" }],
  ["录用 260 名 完成 86%", { ...eq(260, "名"), label: "录用" }],
  ["双评议满意率 92.22%", { ...eq(92.22, "%"), label: "双评议满意率" }],
  ["满意度达到95%", { ...ge(95, "%"), label: "满意度" }],
  ["发布200余篇", { ...gt(200, "篇"), label: "发布" }],
  ["交通拥堵持续时间三个红灯以上", { ...ge(3, "个"), label: "交通拥堵持续时间" }],
  // dates and deadlines
  ["2024年12月30日前", { kind: "deadline", date: "2024-12-30", inclusive: false }],
  ["2024年12月31日之前", { kind: "deadline", date: "2024-12-31", inclusive: false }],
  ["2024年12月31日", { kind: "deadline", date: "2024-12-31", inclusive: true }],
  ["截至2024年6月30日", { kind: "deadline", date: "2024-06-30", inclusive: true }],
  ["不晚于2024年6月30日", { kind: "deadline", date: "2024-06-30", inclusive: true }],
  ["2024年年底", { kind: "deadline", date: "2024-12-31", inclusive: true }],
  ["2024年底前", { kind: "deadline", date: "2024-12-31", inclusive: true }],
  ["2024年12月底之前", { kind: "deadline", date: "2024-12-31", inclusive: true }],
  ["2024年2月底", { kind: "deadline", date: "2024-02-29", inclusive: true }],
  ["2024年6月前", { kind: "deadline", date: "2024-06-01", inclusive: false }],
  ["2024年上半年", { kind: "deadline", date: "2024-06-30", inclusive: true }],
  ["2024年第三季度", { kind: "deadline", date: "2024-09-30", inclusive: true }],
  ["2024年度内分阶段进行", { kind: "deadline", date: "2024-12-31", inclusive: true }],
  ["2024-11-05", { kind: "deadline", date: "2024-11-05", inclusive: true }],
  ["年内", { kind: "deadline", inclusive: true }],
  ["年底前完成", { kind: "deadline", inclusive: true }],
  ["法律规定时间内", { kind: "deadline", inclusive: true }],
  // frequencies
  ["每月一次", { kind: "frequency", value: 1, period: "month", unit: "次" }],
  ["每年4次", { kind: "frequency", value: 4, period: "year", unit: "次" }],
  ["每季度一次", { kind: "frequency", value: 1, period: "quarter", unit: "次" }],
  ["每半年一次", { kind: "frequency", value: 2, period: "year", unit: "次" }],
  ["至少每周2次", { kind: "frequency", op: ">=", value: 2, period: "week", unit: "次" }],
  ["每天十二次", { kind: "frequency", value: 12, period: "day", unit: "次" }],
  ["每月至少1次", { kind: "frequency", op: ">=", value: 1, period: "month", unit: "次" }],
  ["每年最多2次", { kind: "frequency", op: "<=", value: 2, period: "year", unit: "次" }],
  // qualitative words
  ["符合相关规定", { kind: "qualitative", quality: "meets" }],
  ["达标", { kind: "qualitative", quality: "meets" }],
  ["满足", { kind: "qualitative", quality: "meets" }],
  ["合规", { kind: "qualitative", quality: "meets" }],
  ["建设完成", { kind: "qualitative", quality: "meets" }],
  ["完成", { kind: "qualitative", quality: "meets" }],
  ["安全", { kind: "qualitative", quality: "meets" }],
  ["明显提高", { kind: "qualitative", quality: "improves" }],
  ["显著", { kind: "qualitative", quality: "improves" }],
  ["作用显著", { kind: "qualitative", quality: "improves" }],
  ["减少损失", { kind: "qualitative", quality: "improves" }],
  ["普遍满意", { kind: "qualitative", quality: "satisfied" }],
  // negatives
  ["无行政复议", { kind: "qualitative", quality: "none" }],
  ["全年0事故", { kind: "qualitative", quality: "none" }],
  ["零事故", { kind: "qualitative", quality: "none" }],
  ["确保不发生群体性事件", { kind: "qualitative", quality: "none" }],
  ["0个", eq(0, "个")],
  ["负增长", lt(0)],
  // not understood
  ["全年", { kind: "qualitative" }],
  ["", { kind: "qualitative" }],
  ["**", { kind: "qualitative" }],
  ["2024年13月1日", { kind: "qualitative" }],
];

describe("parseTarget: the forms of DOMAIN.md", () => {
  it.each(FORMS)("%s", (text, e) => {
    expectShape(parseTarget(text), e);
  });

  it("keeps the text exactly as written", () => {
    expect(parseTarget(" ≥100人 ").text).toBe(" ≥100人 ");
  });

  it("notes why a bare number reads as “=”", () => {
    expect(parseTarget("100%").note).toContain("未写比较符号");
  });

  it("notes what it could not read", () => {
    expect(parseTarget("全年").note).toBeTruthy();
    expect(parseTarget("").note).toBe("空白");
    expect(parseTarget("**").note).toContain("占位符");
  });

  it("reads a compound cell as parts", () => {
    const v = parseTarget("注册量4500辆以上，年检36000辆以上");
    expect(v.kind).toBe("qualitative");
    expect(v.parts).toHaveLength(2);
    expectShape(v.parts?.[0] as TargetValue, { ...ge(4500, "辆"), label: "注册量" } as Expect);
    expectShape(v.parts?.[1] as TargetValue, { ...ge(36000, "辆"), label: "年检" } as Expect);
  });

  it("folds 万 exactly (no binary float drift)", () => {
    expect(parseTarget("≤0.82万元").value).toBe(8200);
    expect(parseTarget("0.0001万").value).toBe(1);
    expect(parseTarget("≤17.85万元").value).toBe(178500);
    expect(parseTarget("1.1万").value).toBe(11000);
  });
});

describe("parseTarget: hints from separate columns", () => {
  it("a bare number with the unit column and operator code (seed 003)", () => {
    const op = resolveOperatorCode("004").op;
    expectShape(parseTarget("122833", { unit: "人次", ...(op ? { op } : {}) }), ge(122833, "人次"));
  });

  it("the text's own operator wins over the column, with a note", () => {
    const v = parseTarget("≤5", { op: ">=", unit: "%" });
    expectShape(v, le(5, "%"));
    expect(v.note).toContain("按文字");
  });

  it("a 万元 unit column folds 万 into the value", () => {
    expectShape(parseTarget("0.82", { unit: "万元" }), eq(8200, "元"));
  });

  it("a percent column reads bare fractions as percentages and bare whole numbers as %", () => {
    expectShape(parseTarget("0.8", { percentColumn: true }), eq(80, "%"));
    expectShape(parseTarget("1", { percentColumn: true }), eq(100, "%"));
    expectShape(parseTarget("95", { percentColumn: true }), eq(95, "%"));
    expectShape(parseTarget("0.5-0.7", { percentColumn: true }), rg(50, 70, "%"));
  });

  it("a unit hint picks the number in that unit", () => {
    expectShape(parseTarget("录用 260 名 完成 86%", { unit: "%" }), { ...eq(86, "%"), label: "完成" });
    expectShape(parseTarget("录用 260 名 完成 86%", { unit: "名" }), { ...eq(260, "名"), label: "录用" });
  });

  it("a year hint dates 年内 and 12月底前", () => {
    expectShape(parseTarget("年内", { year: 2024 }), { kind: "deadline", date: "2024-12-31", inclusive: true });
    expectShape(parseTarget("12月底前", { year: 2024 }), { kind: "deadline", date: "2024-12-31", inclusive: true });
    expectShape(parseTarget("6月30日前", { year: 2024 }), { kind: "deadline", date: "2024-06-30", inclusive: false });
  });
});

describe("operator codes (指标性质)", () => {
  it("reads seed 003's codes and keeps 001 unknown", () => {
    expect(resolveOperatorCode("004")).toMatchObject({ op: ">=", known: true });
    expect(resolveOperatorCode("003")).toMatchObject({ op: "=", known: true });
    expect(resolveOperatorCode("002")).toMatchObject({ op: "<=", known: true });
    expect(resolveOperatorCode("001")).toMatchObject({ known: true });
    expect(resolveOperatorCode("001").op).toBeUndefined();
  });

  it("tolerates spaces, full-width digits and missing zeros; unknown codes are reported", () => {
    expect(resolveOperatorCode(" ００４ ").op).toBe(">=");
    expect(resolveOperatorCode(4).op).toBe(">=");
    expect(resolveOperatorCode("009")).toMatchObject({ known: false });
    expect(resolveOperatorCode(undefined)).toMatchObject({ known: false });
    expect(resolveOperatorCode("")).toMatchObject({ known: false });
  });

  it("takes a regional table instead of the default", () => {
    const table = { ...DEFAULT_OPERATOR_CODES, "001": ">" as const };
    expect(resolveOperatorCode("001", table).op).toBe(">");
    expect(resolveOperatorCode("A", { A: "<" }).op).toBe("<");
  });
});

describe("parseTarget never throws, whatever the text (its speed: bench/targets)", () => {
  it("never throws on any string and always returns a value with the same text", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 300, unit: "grapheme" }), fc.string({ maxLength: 300, unit: "binary" })),
        (s) => {
          const v = parseTarget(s);
          expect(v.text).toBe(s);
          expect(["numeric", "range", "deadline", "frequency", "qualitative"]).toContain(v.kind);
        },
      ),
      { numRuns: 2000 },
    );
  });

  const alphabet = [
    ..."0123456789.,-—~%％‰≥≤<>=＞＜万亿元人次年月日天前后底内以上下不低于高足达到共合计每一二三四五六七八九十百千零无分之个名、，；（含） ",
  ];
  const domainish = fc.array(fc.constantFrom(...alphabet), { maxLength: 10_000 }).map((cs) => cs.join(""));

  it("never throws on strings made of the characters it looks for", () => {
    fc.assert(
      fc.property(domainish, (s) => {
        const v = parseTarget(s);
        expect(v.text).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it("does not throw on non-string input passed from untyped code", () => {
    expect(parseTarget(undefined as unknown as string).kind).toBe("qualitative");
    expect(parseTarget(12 as unknown as string)).toMatchObject({ kind: "numeric", value: 12 });
  });

  // How long these take is measured by bench/targets/run.ts (speed is never a timed assertion in a test).
  it("reads random strings up to 10,000 characters, keeping their text", () => {
    const samples = fc.sample(fc.oneof(domainish, fc.string({ maxLength: 10_000, unit: "grapheme" })), 300);
    for (const s of samples) {
      const v = parseTarget(s);
      expect(v.text).toBe(s);
      expect(["numeric", "range", "deadline", "frequency", "qualitative"]).toContain(v.kind);
    }
  });

  it("reads pathological inputs (long repetitions, inputs at the length limits), keeping their text", () => {
    const inputs = [
      "1".repeat(10_000),
      "1-".repeat(5_000),
      "1,".repeat(5_000),
      "1,000".repeat(2_000),
      "≥".repeat(10_000),
      "不低于".repeat(3_000),
      "一".repeat(10_000),
      "百分之".repeat(3_000),
      "每月".repeat(5_000),
      "2024年".repeat(2_000),
      "2024年12月".repeat(1_000),
      "无".repeat(10_000),
      "%".repeat(10_000),
      "1%以上".repeat(2_000),
      "共1名、".repeat(2_000),
      "注册量1辆以上，".repeat(1_000),
      `${"9".repeat(399)}万`,
      "1-".repeat(199),
      "1;".repeat(199),
      "1个;".repeat(133),
      "一个".repeat(199),
      "低于1个红灯以上".repeat(50),
      `${"a".repeat(9_999)}1`,
    ];
    for (const s of inputs) {
      const v = parseTarget(s);
      expect(v.text, `${s.slice(0, 12)}… (${s.length} chars)`).toBe(s);
      expect(["numeric", "range", "deadline", "frequency", "qualitative"]).toContain(v.kind);
    }
  });
});

describe("parseTarget: a unit written in parentheses (many provinces' forms)", () => {
  it("reads =100.00(%), ≥90.00（%）, ≤500(元/人/天) with their unit and no leftover text", () => {
    const cases: [string, TargetValue["op"], number, string][] = [
      ["=100.00(%)", "=", 100, "%"],
      ["≥90.00(%)", ">=", 90, "%"],
      ["≥90.00（%）", ">=", 90, "%"],
      ["≤500(元/人/天)", "<=", 500, "元/人/天"],
      ["≥3(次)", ">=", 3, "次"],
    ];
    for (const [text, op, value, unit] of cases) {
      const t = parseTarget(text);
      expect(t.kind, text).toBe("numeric");
      if (t.kind !== "numeric") continue;
      expect([t.op, t.value, t.unit, t.note], text).toEqual([op, value, unit, undefined]);
    }
  });

  it("words in parentheses that are not a unit stay a note", () => {
    const t = parseTarget("≥90(较上年)");
    expect(t.kind === "numeric" && t.unit).toBeFalsy();
    expect(t.kind === "numeric" && t.note).toContain("较上年");
  });

  it("for any number and unit, `op n(unit)` reads as `op n unit`", () => {
    const units = ["%", "人", "次", "元/人/天", "个", "天", "万元", "公里"];
    fc.assert(
      fc.property(
        fc.constantFrom("≥", "≤", "=", ">", "<"),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(...units),
        fc.boolean(),
        (op, n, unit, fullWidth) => {
          const value = `${n / 100}`;
          const bracketed = parseTarget(fullWidth ? `${op}${value}（${unit}）` : `${op}${value}(${unit})`);
          const plain = parseTarget(`${op}${value}${unit}`);
          expect({ ...bracketed, text: "" }).toEqual({ ...plain, text: "" });
        },
      ),
    );
  });
});

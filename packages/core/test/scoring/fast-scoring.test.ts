/**
 * Issue 14: `scoreEvaluation` works an evaluation out on integer fixed point (scoring/fast.ts) when it can; the
 * result must be the exact path's (`scoreEvaluationExact`: computeScores on bigint Ratios, then presented) to the
 * last key, text and number. Generated evaluations under every built-in scheme: targets and actuals as written
 * (read by parseTarget: ≥ ≤ ＜ = 以上, ranges, percentages, 万, dates, frequencies, words, four-tier standards) and
 * as values built by hand (huge, tiny, many decimals, negative, zero); points as numbers, decimal text and Ratios
 * (negative, zero, up to six decimals, huge); stated scores (in range or not), stated totals and execution scores;
 * tiers chosen, deviation reasons, missing groups, unknown level-1 names, zero budgets. Where the fast path declines
 * (a stated indicator total, a stated score carried, more decimals, overflow) the exact path answers, and the
 * property holds all the same; the test also checks that the fast path did answer a good share of the cases.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseYuan } from "../../src/money/money.ts";
import { fromNumber } from "../../src/numbers/decimal.ts";
import { fastEligible, scoreFast } from "../../src/scoring/fast.ts";
import { TARGETS } from "../../src/scoring/indicator.ts";
import { BUILTIN_SCHEMES, NATIONAL_PROJECT_SCHEME } from "../../src/scoring/scheme.ts";
import {
  type EvaluationInput,
  type IndicatorInput,
  type IndicatorResult,
  type Num,
  type ScoreResult,
  scoreEvaluation,
  scoreEvaluationExact,
} from "../../src/scoring/score.ts";
import { parseTarget } from "../../src/targets/parse.ts";
import type { Op, TargetValue } from "../../src/targets/types.ts";

const SCHEMES = Object.values(BUILTIN_SCHEMES);
const LEVEL1 = ["产出指标", "产出指标", "效益指标", "满意度指标", "成本指标", "决策指标", "管理指标", "其他"];
const OPS: Op[] = [">=", ">", "=", "<", "<="];
const UNITS = ["人", "%", "元/人/天", "天", "小时", "分钟", "万元", "次", "个", "名", "‰"];

/** A number as forms write it, or huge, tiny, with many decimals, negative or zero. */
const value: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 2000 }) },
  {
    weight: 4,
    arbitrary: fc
      .record({ v: fc.integer({ min: -1000, max: 1000000 }), k: fc.integer({ min: 1, max: 7 }) })
      .map(({ v, k }) => v / 10 ** k),
  },
  { weight: 1, arbitrary: fc.constantFrom(0, -5, 2 ** 53, 1e17, 1e-7, 4503599627370497, 0.125, 99.995) },
);

const written = (v: number) => (Number.isSafeInteger(v) || Math.abs(v) < 1e15 ? String(v) : v.toFixed(0));

/** Target and actual texts as the forms write them, read by parseTarget. */
const textPair: fc.Arbitrary<[string, string]> = fc.oneof(
  fc
    .record({
      form: fc.constantFrom("≥", "≤", "＜", ">", "=", "", "以上", "以下"),
      t: value,
      a: value,
      unit: fc.constantFrom(...UNITS, "百分比", ""),
      aUnit: fc.boolean(),
    })
    .map(({ form, t, a, unit, aUnit }): [string, string] => {
      const tt = form === "以上" || form === "以下" ? `${written(t)}${unit}${form}` : `${form}${written(t)}${unit}`;
      return [tt, `${written(a)}${aUnit ? unit : ""}`];
    }),
  fc
    .record({ lo: fc.integer({ min: 0, max: 100 }), w: fc.integer({ min: 0, max: 100 }), a: value })
    .map(({ lo, w, a }): [string, string] => [`${lo}%-${lo + w}%`, `${written(a)}%`]),
  fc
    .record({ d: fc.integer({ min: 1, max: 28 }), a: fc.integer({ min: 1, max: 31 }), before: fc.boolean() })
    .map(({ d, a, before }): [string, string] => [`2024年12月${d}日${before ? "前" : "之前"}`, `2024年12月${a}日`]),
  fc
    .record({
      n: fc.integer({ min: 0, max: 12 }),
      a: fc.integer({ min: 0, max: 20 }),
      per: fc.constantFrom("年", "月"),
    })
    .map(({ n, a, per }): [string, string] => [`每${per}${n}次`, `${a}次`]),
  fc
    .record({ n: fc.integer({ min: 1, max: 999 }), a: fc.integer({ min: 0, max: 999 }) })
    .map(({ n, a }): [string, string] => [`≥${n}万次/年`, `${a}万次/年`]),
  fc.tuple(
    fc.constantFrom("符合相关规定", "达标", "明显提高", "无重大事故", "优：≥95%；良：≥90%；中：≥80%；差：<80%"),
    fc.constantFrom("符合", "达标", "未达标", "有所提高", "无", "0起", "92%", "良", "优：96%", ""),
  ),
);

/** Targets and actuals built by hand (no parser): numbers in any unit pair, ranges, words. */
const handPair: fc.Arbitrary<[TargetValue, TargetValue]> = fc.oneof(
  fc
    .record({
      op: fc.option(fc.constantFrom(...OPS), { nil: undefined }),
      t: value,
      a: value,
      aop: fc.option(fc.constantFrom(...OPS), { nil: undefined }),
      tu: fc.option(fc.constantFrom(...UNITS), { nil: undefined }),
      au: fc.option(fc.constantFrom(...UNITS), { nil: undefined }),
    })
    .map(({ op, t, a, aop, tu, au }): [TargetValue, TargetValue] => [
      {
        kind: "numeric",
        text: `${op ?? ""}${t}${tu ?? ""}`,
        value: t,
        ...(op ? { op } : {}),
        ...(tu ? { unit: tu } : {}),
      },
      { kind: "numeric", text: `${a}${au ?? ""}`, value: a, ...(aop ? { op: aop } : {}), ...(au ? { unit: au } : {}) },
    ]),
  fc.record({ lo: value, w: value, a: value }).map(({ lo, w, a }): [TargetValue, TargetValue] => [
    { kind: "range", text: `${lo}-${lo + Math.abs(w)}`, min: lo, max: lo + Math.abs(w) },
    { kind: "numeric", text: String(a), value: a },
  ]),
  // deadlines, counts per period and words, whose notes are written when read when met is known (decision 0008)
  fc.tuple(
    fc.constantFrom<TargetValue>(
      { kind: "deadline", text: "2024年12月1日前", date: "2024-12-01", inclusive: false },
      { kind: "deadline", text: "", date: "2024-12-01" },
      { kind: "deadline", text: "年内" },
      { kind: "frequency", text: "每年4次", value: 4, period: "year", op: ">=" },
      { kind: "frequency", text: "每月不超过2次", value: 2, period: "month", op: "<=" },
      { kind: "qualitative", text: "无重大事故", quality: "none" },
      { kind: "qualitative", text: "符合相关规定", quality: "meets" },
      { kind: "qualitative", text: "明显提高" },
    ),
    fc.constantFrom<TargetValue>(
      { kind: "deadline", text: "2024年12月1日", date: "2024-12-01" },
      { kind: "deadline", text: "2024年11月30日前", date: "2024-11-30", inclusive: false },
      { kind: "deadline", text: "年底前" },
      { kind: "frequency", text: "每年5次", value: 5, period: "year" },
      { kind: "frequency", text: "每月3次", value: 3, period: "month" },
      { kind: "numeric", text: "3次", value: 3, unit: "次" },
      { kind: "numeric", text: "0", value: 0 },
      { kind: "numeric", text: "100%", value: 100, unit: "%" },
      { kind: "qualitative", text: "无", quality: "none" },
      { kind: "qualitative", text: "符合", quality: "meets" },
      { kind: "qualitative", text: "未完成" },
      { kind: "qualitative", text: "明显提高" },
      { kind: "qualitative", text: "" },
    ),
  ),
);

/** Points as forms give them: a number, decimal text or a Ratio; zero, negative, up to four decimals. */
const points: fc.Arbitrary<Num> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(2, 5, 10, 20, 1.5, 3.33, 0) },
  { weight: 3, arbitrary: fc.integer({ min: -300, max: 3000 }).map((v) => v / 100) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 30000 }).map((v) => String(v / 1000)) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 200000 }).map((v) => fromNumber(v / 10 ** 4)) },
);
/** Points the fast path leaves to the exact one: more decimals, huge. */
const oddPoints: fc.Arbitrary<Num> = fc.constantFrom(1e15, 2 ** 53, 1e-6, "12.123456", fromNumber(0.00001));
const indicator: fc.Arbitrary<IndicatorInput> = fc
  .record({
    level1: fc.constantFrom(...LEVEL1),
    pair: fc.oneof({ weight: 3, arbitrary: textPair }, { weight: 1, arbitrary: handPair }),
    points: fc.oneof({ weight: 30, arbitrary: points }, { weight: 1, arbitrary: oddPoints }),
    tier: fc.option(fc.constantFrom("achieved", "partial", "not-achieved" as const), { nil: undefined, freq: 4 }),
    deviationReason: fc.option(fc.constantFrom("", "  ", "天气原因"), { nil: undefined }),
    overrideReason: fc.option(fc.constantFrom("", "目标偏低"), { nil: undefined, freq: 4 }),
    // stated on about half the indicators (of an evaluation that has stated scores)
    stated: fc.option(
      fc.oneof(
        fc.integer({ min: -100, max: 3000 }).map((v) => v / 100),
        fc.constantFrom<Num>("1.5", "2", fromNumber(3.333), 0.12345),
      ),
      { nil: undefined, freq: 2 },
    ),
    stored: fc.boolean(),
    name: fc.constantFrom("指标", "培训人数", "满意度"),
  })
  .map((r) => {
    const [t, a] = r.pair;
    const target = typeof t === "string" ? (r.stored ? parseTarget(t) : t) : t;
    const unit = typeof target === "string" ? undefined : target.unit;
    const actual = typeof a === "string" && r.stored ? parseTarget(a, unit ? { unit } : undefined) : a;
    return {
      level1: r.level1,
      level2: "数量指标",
      name: r.name,
      target,
      actual,
      points: r.points,
      ...(r.tier !== undefined ? { tier: r.tier } : {}),
      ...(r.deviationReason !== undefined ? { deviationReason: r.deviationReason } : {}),
      ...(r.overrideReason !== undefined ? { overrideReason: r.overrideReason } : {}),
      ...(r.stated !== undefined ? { statedScore: r.stated } : {}),
    };
  });

const evaluation: fc.Arbitrary<EvaluationInput> = fc
  .record({
    scheme: fc.oneof({ weight: 3, arbitrary: fc.constant(NATIONAL_PROJECT_SCHEME) }, fc.constantFrom(...SCHEMES)),
    indicators: fc.array(indicator, { minLength: 0, maxLength: 30 }),
    budget: fc.constantFrom("100.00", "0", "1234567.89", "88.8"),
    executed: fc.constantFrom("95.50", "0", "120", "1234567.89"),
    statedRate: fc.option(fc.constantFrom("95.5%", "88%"), { nil: undefined, freq: 4 }),
    statedScore: fc.option(fc.constantFrom(9.55, 10, "8"), { nil: undefined, freq: 4 }),
    title: fc.option(fc.constant("某项目"), { nil: undefined }),
    withStated: fc.boolean(),
    // present a third of the time, and an eighth of the time
    statedTotal: fc.oneof(
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom<Num>(85, 90.5, "88.12", 100, 0) },
    ),
    statedIndicatorTotal: fc.oneof(
      { weight: 7, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom<Num>(74, "80.5") },
    ),
  })
  .map((r) => ({
    title: r.title,
    scheme: r.scheme,
    unit: "元" as const,
    budget: {
      budget: parseYuan(r.budget),
      executed: parseYuan(r.executed),
      ...(r.statedRate !== undefined ? { statedRate: r.statedRate } : {}),
      ...(r.statedScore !== undefined ? { statedScore: r.statedScore } : {}),
    },
    ...(r.statedTotal !== undefined ? { statedTotal: r.statedTotal } : {}),
    ...(r.statedIndicatorTotal !== undefined ? { statedIndicatorTotal: r.statedIndicatorTotal } : {}),
    indicators: r.indicators.map((ind, i) => {
      const out: IndicatorInput = { ...ind, name: `${ind.name}-${i}` };
      if (!r.withStated) delete out.statedScore;
      return out;
    }),
  }));

/**
 * The result with every indicator and problem a plain record of what reading it gives: the fast path's indicator
 * `comparison` and a NoteProblem's words are getters (decision 0008), which toStrictEqual does not read, so they are
 * read here, field by field (a field holding undefined left out: the JSON below checks which keys are written).
 */
function withWords(r: ScoreResult): ScoreResult {
  return {
    ...r,
    indicators: r.indicators.map((x) => {
      const out: Record<string, unknown> = {};
      for (const key of INDICATOR_KEYS) if (x[key] !== undefined) out[key] = x[key];
      return out as unknown as IndicatorResult;
    }),
    problems: r.problems.map((p) => ({ code: p.code, path: p.path, zh: p.zh, en: p.en })),
  };
}
const INDICATOR_KEYS: (keyof IndicatorResult)[] = [
  "index",
  "level1",
  "group",
  "level2",
  "name",
  "target",
  "actual",
  "points",
  "inputPoints",
  "pointsNote",
  "coefficient",
  "statedCoefficient",
  "score",
  "statedScore",
  "difference",
  "basis",
  "met",
  "comparison",
  "formula",
];

/**
 * The result's words as read, its JSON (byte for byte: the same keys, none extra holding undefined, the same
 * order), and the same kind of problem record (plain or NoteProblem) in each.
 */
function expectSame(input: EvaluationInput): void {
  const exact = scoreEvaluationExact(input);
  const got = scoreEvaluation(input);
  expect(withWords(got)).toStrictEqual(withWords(exact));
  expect(JSON.stringify(got)).toBe(JSON.stringify(exact));
  expect(got.problems.map((p) => p.constructor)).toStrictEqual(exact.problems.map((p) => p.constructor));
}

describe("scoreEvaluation on fixed point gives the exact path's result", () => {
  it("for generated evaluations under every built-in scheme (and answers most of them itself)", () => {
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(evaluation, (input) => {
        runs++;
        if (fastEligible(input) && scoreFast(input, TARGETS, undefined, []) !== undefined) fast++;
        expectSame(input);
      }),
      { numRuns: Number(process.env.FAST_SCORING_RUNS ?? 400) },
    );
    expect(fast / runs).toBeGreaterThan(0.4);
  });

  it("the bench's ten forms of target, scored from stored parsed targets", () => {
    const pairs: [string, string][] = [
      ["≥95人", "96人"],
      ["≤300元/人/天", "310元/人/天"],
      ["90%以上", "85%"],
      ["≥60百分比", "59%"],
      ["2024年12月20日前", "2024年12月25日"],
      ["符合相关规定", "符合"],
      ["<0.5%", "0.07%"],
      ["每年6次", "4次"],
      ["20%-70%", "80%"],
      ["≥300万次/年", "300万次/年"],
    ];
    const indicators: IndicatorInput[] = pairs.map(([t, a], i) => {
      const target = parseTarget(t);
      return {
        level1: ["产出指标", "效益指标", "满意度指标"][i % 3]!,
        name: `指标${i}`,
        target,
        actual: parseTarget(a, target.unit ? { unit: target.unit } : undefined),
        points: 2,
      };
    });
    const input: EvaluationInput = {
      scheme: NATIONAL_PROJECT_SCHEME,
      budget: { budget: parseYuan("100"), executed: parseYuan("95.5") },
      indicators,
    };
    expectSame(input);
    expect(fastEligible(input)).toBe(true);
    expect(scoreFast(input, TARGETS, undefined, [])).toBeDefined();
  });

  it("a target function that scores another evaluation inside does not disturb the one being scored", () => {
    const inner: EvaluationInput = {
      scheme: NATIONAL_PROJECT_SCHEME,
      budget: { budget: parseYuan("10"), executed: parseYuan("9") },
      indicators: [
        { level1: "产出指标", name: "内", target: parseTarget("≥10人"), actual: parseTarget("9人"), points: 7 },
      ],
    };
    const nested = {
      parse: TARGETS.parse,
      compare: (t: TargetValue, a: TargetValue) => {
        scoreEvaluation(inner);
        return TARGETS.compare(t, a);
      },
    };
    const outer: EvaluationInput = {
      scheme: NATIONAL_PROJECT_SCHEME,
      budget: { budget: parseYuan("100"), executed: parseYuan("95.5") },
      indicators: ["产出指标", "效益指标", "满意度指标", "产出指标"].map((level1, i) => ({
        level1,
        name: `外${i}`,
        target: parseTarget(`≥${90 + i}%`),
        actual: parseTarget(`${88 + i}%`),
        points: 3 + i,
        ...(i === 1 ? { statedScore: 20 } : {}),
      })),
    };
    const got = scoreEvaluation(outer, nested);
    const exact = scoreEvaluationExact(outer, nested);
    expect(withWords(got)).toStrictEqual(withWords(exact));
    expect(JSON.stringify(got)).toBe(JSON.stringify(exact));
  });
});

/**
 * Issue 12's guarantees, for any points (any split between the groups, zeros, negatives), targets, actuals and
 * stated scores, under every built-in scheme: 0 ≤ indicator ≤ its (scaled) points, 0 ≤ group ≤ group points,
 * 0 ≤ total ≤ 100, monotone in the actual value, deterministic and JSON-safe.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseYuan } from "../../src/money/money.ts";
import { add, cmp, fromInt, fromNumber, parseDecimal, type Ratio, sum, ZERO } from "../../src/numbers/decimal.ts";
import { distribute } from "../../src/scoring/normalise.ts";
import {
  BUILTIN_SCHEMES,
  NATIONAL_PROJECT_SCHEME,
  type ScoringScheme,
  SICHUAN_PROJECT_SCHEME,
  schemeProblems,
} from "../../src/scoring/scheme.ts";
import { computeScores, type IndicatorInput, scoreEvaluation } from "../../src/scoring/score.ts";
import type { Op, TargetValue } from "../../src/targets/types.ts";
import { num, range, STUB_TARGETS, words } from "./helpers.ts";

const SCHEMES = Object.values(BUILTIN_SCHEMES);
const LEVEL1 = ["产出指标", "效益指标", "满意度指标", "决策指标", "管理指标", "成本指标", "其他"];
const OPS: Op[] = [">=", ">", "=", "<", "<="];

const target = fc.oneof(
  fc
    .record({ op: fc.constantFrom(...OPS), v: fc.integer({ min: 0, max: 10000 }) })
    .map(({ op, v }) => num(v / 100, "%", op)),
  fc
    .record({ lo: fc.integer({ min: 0, max: 5000 }), w: fc.integer({ min: 1, max: 5000 }) })
    .map(({ lo, w }) => range(lo / 100, (lo + w) / 100, "%")),
  fc.constantFrom("达标", "有效提升", "明显改善").map(words),
);
const actual = fc.oneof(
  fc.integer({ min: -1000, max: 20000 }).map((v) => num(v / 100, "%")),
  fc.constantFrom("达标", "未达标", "有所改善").map(words),
);
const indicator: fc.Arbitrary<IndicatorInput> = fc
  .record({
    level1: fc.constantFrom(...LEVEL1),
    points: fc.integer({ min: -500, max: 10000 }),
    target,
    actual,
    stated: fc.option(fc.integer({ min: -500, max: 20000 }), { nil: undefined }),
    tier: fc.option(fc.constantFrom("achieved", "partial", "not-achieved" as const), { nil: undefined }),
  })
  .map((r) => ({
    level1: r.level1,
    name: `${r.level1}${r.points}`,
    target: r.target,
    actual: r.actual,
    points: fromNumber(r.points / 100),
    statedScore: r.stated === undefined ? undefined : fromNumber(r.stated / 100),
    tier: r.target.kind === "qualitative" ? r.tier : undefined,
  }));

const run = (scheme: ScoringScheme, indicators: IndicatorInput[], budget: number, executed: number) =>
  computeScores(
    {
      scheme,
      unit: "元",
      budget: { budget: parseYuan(String(budget)), executed: parseYuan(String(executed)) },
      indicators,
    },
    STUB_TARGETS,
  );

const HUNDRED = fromInt(100);

describe("for any points, targets and actuals, under every built-in scheme", () => {
  it("0 ≤ indicator ≤ its points, 0 ≤ group ≤ group points, 0 ≤ execution ≤ its points, 0 ≤ total ≤ 100", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCHEMES),
        fc.array(indicator, { minLength: 1, maxLength: 14 }),
        fc.integer({ min: 1, max: 10 ** 9 }),
        fc.integer({ min: 0, max: 2 * 10 ** 9 }),
        (scheme, indicators, budget, executed) => {
          const x = run(scheme, indicators, budget, executed);
          for (const s of x.indicators) {
            if (s.group === undefined) continue;
            expect(cmp(s.suggested, ZERO)).toBeGreaterThanOrEqual(0);
            expect(cmp(s.suggested, s.points)).toBeLessThanOrEqual(0);
          }
          for (const g of x.groups) {
            expect(cmp(g.score, ZERO)).toBeGreaterThanOrEqual(0);
            expect(cmp(g.score, g.points)).toBeLessThanOrEqual(0);
            const members = g.indicators.map((i) => x.indicators[i]!);
            if (members.length > 0) expect(cmp(sum(members.map((m) => m.points)), g.points)).toBe(0);
            expect(cmp(g.score, sum(members.map((m) => m.suggested)))).toBe(0);
          }
          expect(cmp(x.executionScore!, ZERO)).toBeGreaterThanOrEqual(0);
          expect(cmp(x.executionScore!, x.executionPoints)).toBeLessThanOrEqual(0);
          expect(cmp(x.total, ZERO)).toBeGreaterThanOrEqual(0);
          expect(cmp(x.total, HUNDRED)).toBeLessThanOrEqual(0);
          expect(cmp(x.totalUnrounded, add(x.executionScore!, sum(x.groups.map((g) => g.score))))).toBe(0);
        },
      ),
    );
  });

  it("a group's points differ from its input exactly when it carries an explanation, in zh and en", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCHEMES),
        fc.array(indicator, { minLength: 1, maxLength: 10 }),
        (scheme, indicators) => {
          const x = run(scheme, indicators, 100, 100);
          for (const g of x.groups) {
            const members = g.indicators.map((i) => x.indicators[i]!);
            const changed = members.some(
              (m) => cmp(m.points, cmp(m.inputPoints, ZERO) > 0 ? m.inputPoints : ZERO) !== 0,
            );
            expect(g.explanation !== undefined).toBe(changed);
            if (g.explanation) {
              expect(g.explanation.zh).toMatch(/^按方案(折算|分配|取整)|→/);
              expect(g.explanation.en).toMatch(/scheme/);
            }
          }
          expect(x.normalisation.applied).toBe(x.normalisation.lines.length > 0);
        },
      ),
    );
  });

  it("the score does not get worse as the actual gets better (numeric targets, points scaled or not)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCHEMES),
        fc.constantFrom(...OPS),
        fc.integer({ min: 1, max: 10000 }),
        fc.integer({ min: -1000, max: 20000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 9000 }),
        fc.array(fc.integer({ min: 1, max: 9000 }), { maxLength: 3 }),
        (scheme, op, t, a, step, p, others) => {
          const group = scheme.groups[0]!.level1 === "decision" ? "决策指标" : "产出指标";
          const rows = (value: number): IndicatorInput[] => [
            {
              level1: group,
              name: "x",
              target: num(t / 100, "人", op),
              actual: num(value / 100, "人"),
              points: p / 100,
            },
            ...others.map((o, k) => ({
              level1: group,
              name: `o${k}`,
              target: words("达标"),
              actual: words("达标"),
              points: o / 100,
            })),
          ];
          const lo = run(scheme, rows(a), 1, 1).indicators[0]!.suggested;
          const hi = run(scheme, rows(a + step), 1, 1).indicators[0]!.suggested;
          const higherIsBetter = op === ">=" || op === ">" || op === "=";
          if (higherIsBetter) expect(cmp(hi, lo)).toBeGreaterThanOrEqual(0);
          else expect(cmp(hi, lo)).toBeLessThanOrEqual(0);
        },
      ),
    );
  });

  it("is deterministic and survives JSON unchanged", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCHEMES), fc.array(indicator, { minLength: 1, maxLength: 8 }), (scheme, inds) => {
        const input = {
          scheme,
          unit: "元" as const,
          budget: { budget: parseYuan("3.00"), executed: parseYuan("2.00") },
          indicators: inds,
        };
        const a = scoreEvaluation(input, STUB_TARGETS);
        const b = scoreEvaluation(input, STUB_TARGETS);
        const text = JSON.stringify(a);
        expect(JSON.stringify(b)).toBe(text);
        expect(JSON.stringify(JSON.parse(text))).toBe(text);
        expect(a.total).toBeLessThanOrEqual(a.maxTotal);
        expect(a.maxTotal).toBe(100);
      }),
    );
  });
});

/** A valid scheme a bureau might define: execution + 1–4 groups adding up to 100, any rule and rounding. */
const bureauScheme: fc.Arbitrary<ScoringScheme> = fc
  .record({
    execution: fc.integer({ min: 1, max: 40 }),
    groups: fc.shuffledSubarray(["output", "effect", "satisfaction", "cost", "decision", "process"] as const, {
      minLength: 1,
      maxLength: 4,
    }),
    shares: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 4, maxLength: 4 }),
    rule: fc.constantFrom("scale-to-groups", "scale-to-total" as const),
    step: fc.constantFrom("none", "0.01", "0.1", "1" as const),
    total: fc.constantFrom("none", "0.01", "1" as const),
  })
  .map(({ execution, groups, shares, rule, step, total }) => {
    const rest = 100 - execution;
    const w = shares.slice(0, groups.length);
    const sumW = w.reduce((x, y) => x + y, 0);
    // whole points in proportion to the shares, the last taking what is left
    const points = w.map((x) => Math.max(1, Math.floor((x * rest) / sumW)));
    points[points.length - 1] = rest - points.slice(0, -1).reduce((x, y) => x + y, 0);
    return {
      ...NATIONAL_PROJECT_SCHEME,
      id: "bureau",
      whenMissing: undefined,
      execution: { points: execution, capAt100: true },
      groups: groups.map((level1, i) => ({ level1, points: points[i]! })),
      pointsRule: rule,
      rounding: { indicator: step, execution: step, total },
    } as ScoringScheme;
  })
  .filter((s) => schemeProblems(s).length === 0);

describe("for any valid scheme a bureau defines", () => {
  it("0 ≤ indicator ≤ its points, 0 ≤ group ≤ group points, 0 ≤ total ≤ 100", () => {
    fc.assert(
      fc.property(
        bureauScheme,
        fc.array(indicator, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 10 ** 9 }),
        fc.integer({ min: 0, max: 2 * 10 ** 9 }),
        (scheme, indicators, budget, executed) => {
          const x = run(scheme, indicators, budget, executed);
          for (const s of x.indicators) {
            if (s.group === undefined) continue;
            expect(cmp(s.suggested, ZERO)).toBeGreaterThanOrEqual(0);
            expect(cmp(s.suggested, s.points)).toBeLessThanOrEqual(0);
          }
          for (const g of x.groups) {
            expect(cmp(g.score, ZERO)).toBeGreaterThanOrEqual(0);
            expect(cmp(g.score, g.points)).toBeLessThanOrEqual(0);
          }
          expect(cmp(x.executionScore!, x.executionPoints)).toBeLessThanOrEqual(0);
          expect(cmp(x.total, ZERO)).toBeGreaterThanOrEqual(0);
          expect(cmp(x.total, HUNDRED)).toBeLessThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("distribute (largest remainder on the scheme's precision)", () => {
  it("adds up exactly and moves each value by less than one step", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10000 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 10000 }),
        (weights, totalCents) => {
          const total = fromNumber(totalCents / 100);
          const s = weights.reduce((x, y) => x + y, 0);
          const exact: Ratio[] =
            s === 0
              ? weights.map(() => fromNumber(totalCents / 100 / weights.length))
              : weights.map((w) => ({ n: BigInt(w) * BigInt(totalCents), d: BigInt(s) * 100n }));
          if (s === 0) return; // an equal share of a non-divisible total is not exact in a double; covered elsewhere
          const got = distribute(exact, total, 2);
          expect(cmp(sum(got), total)).toBe(0);
          got.forEach((g, i) => {
            const diff =
              cmp(g, exact[i]!) >= 0
                ? add(g, { n: -exact[i]!.n, d: exact[i]!.d })
                : add(exact[i]!, { n: -g.n, d: g.d });
            expect(cmp(diff, parseDecimal("0.01")!)).toBeLessThan(0);
          });
        },
      ),
    );
  });

  it("50 over six equal indicators: 8.34, 8.34, 8.33, 8.33, 8.33, 8.33", () => {
    const sixth: Ratio = { n: 25n, d: 3n };
    expect(distribute(Array(6).fill(sixth), fromInt(50), 2).map((r) => Number(r.n) / Number(r.d))).toEqual([
      8.34, 8.34, 8.33, 8.33, 8.33, 8.33,
    ]);
  });
});

describe("issue 12's demo: 产出 60 / 效益 20 / 满意度 20 under the national scheme", () => {
  const ind = (level1: string, name: string, points: number, actual: TargetValue): IndicatorInput => ({
    level1,
    name,
    target: num(90, "%", ">="),
    actual,
    points,
    deviationReason: "说明",
  });
  const indicators = [
    ind("产出指标", "整治行动次数", 30, num(100, "%")),
    ind("产出指标", "违法查处率", 30, num(95, "%")),
    ind("效益指标", "事故下降", 20, num(92, "%")),
    ind("满意度指标", "群众满意度", 20, num(88, "%")),
  ];
  const input = {
    scheme: NATIONAL_PROJECT_SCHEME,
    unit: "元" as const,
    budget: { budget: parseYuan("100.00"), executed: parseYuan("100.00") },
    indicators,
  };

  it("was 产出（50）60, 满意度（10）19.56, total 108.98; now each group within its points and the total 99.78", () => {
    const r = scoreEvaluation(input, STUB_TARGETS);
    // 产出 30 + 30 → 25 + 25 (× 50/60), both met: 50; 效益 20 → 30 (× 30/20), met: 30;
    // 满意度 20 → 10 (× 10/20): 10 × 88 ÷ 90 = 9.777… → 9.78; execution 10 × 100% = 10. 10 + 50 + 30 + 9.78 = 99.78.
    expect(r.groups.map((g) => [g.name, g.points, g.inputPoints, g.score])).toEqual([
      ["产出指标", 50, 60, 50],
      ["效益指标", 30, 20, 30],
      ["满意度指标", 10, 20, 9.78],
    ]);
    expect(r.indicators.map((i) => [i.inputPoints, i.points])).toEqual([
      [30, 25],
      [30, 25],
      [20, 30],
      [20, 10],
    ]);
    expect(r.total).toBe(99.78);
    expect(r.grade).toBe("优");
    expect(r.normalisation.lines.map((l) => l.zh)).toEqual([
      "按方案折算：产出 60→50（各指标分值 × 50/60）",
      "按方案折算：效益 20→30（各指标分值 × 30/20）",
      "按方案折算：满意度 20→10（各指标分值 × 10/20）",
    ]);
    expect(r.normalisation.lines[0]!.en).toBe("scaled to the scheme: output 60→50 (each indicator's points × 50/60)");
    expect(r.groups[0]!.factor).toBe("50/60");
  });

  it("under an adjustable scheme (scale-to-total) the unit's weights stay: 60/20/20 → 54/18/18", () => {
    const r = scoreEvaluation({ ...input, scheme: SICHUAN_PROJECT_SCHEME }, STUB_TARGETS);
    // 满意度 18 × 88 ÷ 90 = 17.6
    expect(r.groups.map((g) => [g.name, g.points, g.score])).toEqual([
      ["产出指标", 54, 54],
      ["效益指标", 18, 18],
      ["满意度指标", 18, 17.6],
    ]);
    expect(r.total).toBe(99.6);
    expect(r.normalisation.total).toEqual({ inputPoints: 100, points: 90, factor: "90/100" });
    expect(r.normalisation.lines[0]!.zh).toBe(
      "按方案折算：指标分值合计 100→90（各指标分值 × 90/100，一级指标权重按填报）：产出 60→54，效益 20→18，满意度 20→18",
    );
    expect(r.problems.map((p) => p.code)).toEqual(["weights_total"]);
  });

  it("a stated score carried where nothing can be judged is scaled with its points and kept within them", () => {
    const r = scoreEvaluation(
      {
        ...input,
        indicators: [
          { level1: "产出", name: "a", target: words("较好"), actual: words("良好"), points: 60, statedScore: 60 },
          { level1: "效益", name: "b", target: words("达标"), actual: words("达标"), points: 30 },
          { level1: "满意度", name: "c", target: words("达标"), actual: words("达标"), points: 10 },
        ],
      },
      STUB_TARGETS,
    );
    expect(r.indicators[0]).toMatchObject({ basis: "stated", points: 50, inputPoints: 60 });
    expect(r.groups[0]!.score).toBe(50); // 60 × 50/60
    expect(r.total).toBe(100);
  });
});

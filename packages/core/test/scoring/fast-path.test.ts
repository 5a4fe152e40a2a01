/**
 * Issue 14's fast paths of scoring give exactly what the exact bigint path gives, on generated inputs: doubles read
 * as decimals (`quotientUnits`, `numberText`, `unitsText`, `mulDivRoundNumbers`), the largest-remainder
 * distribution of the points (`distributeWeights`), and one indicator's numeric judgement on doubles
 * (`numericJudgement` against `numericJudgementExact`, then scored on every rounding step). Values include
 * integers, form-sized decimals, halves at the rounding digit (half away from zero), and sizes past 2^53 where the
 * fast path declines and the bigint path answers.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  div,
  fromInt,
  fromNumber,
  mul,
  numberText,
  type Ratio,
  ratio,
  round,
  roundToUnits,
  toDecimalString,
  toNumber,
} from "../../src/numbers/decimal.ts";
import {
  distributeWeights,
  mulDivRoundNumbers,
  mulDivUnits,
  numberUnits,
  QUOTIENT,
  quotientNumber,
  quotientUnits,
  quotientUnitsPair,
  ratioUnits,
  UNITS,
  unitsText,
} from "../../src/numbers/fixed.ts";
import { numericJudgement, numericJudgementExact, scaledShare } from "../../src/scoring/indicator.ts";
import { distribute } from "../../src/scoring/normalise.ts";
import type { RoundingStep, ScoringScheme } from "../../src/scoring/scheme.ts";
import { NATIONAL_PROJECT_SCHEME } from "../../src/scoring/schemes/builtin.ts";
import { compareActual } from "../../src/targets/compare.ts";
import type { Op, TargetValue } from "../../src/targets/types.ts";

/** A double as forms write them (`96`, `0.05`, `3.335`), or now and then huge, tiny, negative or any double. */
const double: fc.Arbitrary<number> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: -2000, max: 100000 }) },
  {
    weight: 5,
    arbitrary: fc
      .record({ v: fc.integer({ min: -100000, max: 10000000 }), k: fc.integer({ min: 1, max: 6 }) })
      .map(({ v, k }) => v / 10 ** k),
  },
  // halves at the second and fourth decimals: 0.125, 1.00005 …
  {
    weight: 2,
    arbitrary: fc
      .record({ v: fc.integer({ min: 0, max: 100000 }), k: fc.constantFrom(3, 5, 11) })
      .map(({ v, k }) => (v * 10 + 5) / 10 ** k),
  },
  { weight: 1, arbitrary: fc.constantFrom(2 ** 53, 2 ** 53 + 2, 1e15 + 0.5, 4503599627370497, 1e20, 1e-7, 1.5e-9) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e17, max: 1e17 }) },
);
const nonZero = double.filter((v) => v !== 0);

const same = (a: Ratio, b: Ratio) => expect({ n: a.n, d: a.d }).toEqual({ n: b.n, d: b.d });

describe("doubles read as decimals on the fixed-point path", () => {
  it("quotientUnits is roundToUnits(x ÷ y) of fromNumber's decimals whenever it answers", () => {
    let answered = 0;
    let declined = 0;
    fc.assert(
      fc.property(double, nonZero, fc.integer({ min: 0, max: 10 }), (x, y, digits) => {
        const fast = quotientUnits(x, y, digits);
        const exact = roundToUnits(div(fromNumber(x), fromNumber(y)), digits);
        if (Number.isNaN(fast)) {
          declined++;
          return;
        }
        answered++;
        expect(BigInt(fast)).toBe(exact);
        expect(Object.is(quotientNumber(x, y, digits), toNumber(div(fromNumber(x), fromNumber(y)), digits))).toBe(true);
      }),
      { numRuns: 6000 },
    );
    expect(answered).toBeGreaterThan(1000);
    expect(declined).toBeGreaterThan(0);
  });

  it("halves round away from zero: 1 ÷ 8 → 0.13, −1 ÷ 8 → −0.13, 0.125 ÷ 1 → 0.13", () => {
    expect(quotientUnits(1, 8, 2)).toBe(13);
    expect(quotientUnits(-1, 8, 2)).toBe(-13);
    expect(quotientUnits(1, -8, 2)).toBe(-13);
    expect(quotientUnits(0.125, 1, 2)).toBe(13);
    expect(quotientUnits(-0.001, 1, 2)).toBe(0);
    expect(Object.is(quotientNumber(-0.001, 1, 2), 0)).toBe(true);
    // past 2^52 it declines
    expect(quotientUnits(2 ** 53, 3, 2)).toBeNaN();
  });

  it("numberText is toDecimalString(fromNumber(v), digits)", () => {
    fc.assert(
      fc.property(double, fc.integer({ min: 0, max: 10 }), (v, digits) => {
        expect(numberText(v, digits)).toBe(toDecimalString(fromNumber(v), digits));
      }),
      { numRuns: 6000 },
    );
    expect(numberText(-0, 4)).toBe("0");
    expect(numberText(0.00005, 4)).toBe(toDecimalString(fromNumber(0.00005), 4));
  });

  it("mulDivUnits is roundToUnits(pn/pd × x ÷ y) of fromNumber's decimals whenever it answers", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -100000, max: 100000 }), fc.integer({ min: -(2 ** 45), max: 2 ** 45 })),
        fc.constantFrom(1, 10, 100, 1000, 10000, 3, 7),
        double,
        nonZero.map((y) => Math.abs(y)),
        fc.integer({ min: 0, max: 6 }),
        (pn, pd, x, y, digits) => {
          const got = mulDivUnits(pn, pd, x, y, digits);
          if (Number.isNaN(got)) return;
          const exact = roundToUnits(mul(ratio(BigInt(pn), BigInt(pd)), div(fromNumber(x), fromNumber(y))), digits);
          expect(BigInt(got)).toBe(exact);
          expect(Object.is(got, -0)).toBe(false);
        },
      ),
      { numRuns: 6000 },
    );
  });

  it("ratioUnits and numberUnits read a decimal with at most maxDigits decimals as m ÷ 10^k", () => {
    fc.assert(
      fc.property(double, fc.integer({ min: 0, max: 6 }), (v, maxDigits) => {
        const r = fromNumber(v);
        const byRatio = ratioUnits(r, maxDigits);
        const rm = UNITS.m;
        const rk = UNITS.k;
        const byNumber = numberUnits(v, maxDigits);
        if (byRatio) expect(ratio(BigInt(rm), 10n ** BigInt(rk))).toEqual(r);
        if (byNumber) expect(ratio(BigInt(UNITS.m), 10n ** BigInt(UNITS.k))).toEqual(r);
        // both answer for a form-sized decimal within the digits
        const rounded = round(r, maxDigits);
        if (Math.abs(v) < 1e9 && rounded.n === r.n && rounded.d === r.d) {
          expect(byRatio).toBe(true);
          expect(byNumber).toBe(true);
        }
      }),
      { numRuns: 4000 },
    );
  });

  it("quotientUnitsPair answers quotientUnits at both digits, reading x and y once", () => {
    fc.assert(
      fc.property(double, nonZero, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), (x, y, a, b) => {
        const first = quotientUnitsPair(x, y, a, b);
        const second = QUOTIENT.second;
        const ua = quotientUnits(x, y, a);
        const ub = quotientUnits(x, y, b);
        if (Number.isNaN(first)) expect(Number.isNaN(ua) || Number.isNaN(ub)).toBe(true);
        else {
          expect(first).toBe(ua);
          expect(second).toBe(ub);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("large values sharing a factor (`858万` against `857万`) are answered on doubles, as the bigint path does", () => {
    // x = a·g, y = b·g: x · 10^10 passes 2^52, the reduced a · 10^10 does not
    const part = fc.oneof(fc.integer({ min: 1, max: 100000 }), fc.integer({ min: -2000, max: -1 }));
    const factor = fc.oneof(
      fc.integer({ min: 4, max: 8 }).map((j) => 10 ** j),
      fc.integer({ min: 10000, max: 9000000 }),
    );
    fc.assert(
      fc.property(
        part,
        part,
        factor,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (a, b, g, d1, d2) => {
          const x = a * g;
          const y = b * g;
          const exact1 = roundToUnits(div(fromNumber(x), fromNumber(y)), d1);
          const exact2 = roundToUnits(div(fromNumber(x), fromNumber(y)), d2);
          const fast = quotientUnits(x, y, d1);
          expect(Number.isNaN(fast)).toBe(false);
          expect(BigInt(fast)).toBe(exact1);
          const pair = quotientUnitsPair(x, y, d1, d2);
          expect(BigInt(pair)).toBe(exact1);
          expect(BigInt(QUOTIENT.second)).toBe(exact2);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("unitsText is toDecimalString of units ÷ 10^digits", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), fc.integer({ min: -100000, max: 100000 })),
        fc.integer({ min: 0, max: 10 }),
        (u, digits) => {
          expect(unitsText(u, digits)).toBe(toDecimalString(ratio(BigInt(u), 10n ** BigInt(digits)), digits));
        },
      ),
      { numRuns: 4000 },
    );
  });

  it("mulDivRoundNumbers is round(p × x ÷ y, digits) of fromNumber's decimals whenever it answers", () => {
    const points = fc.oneof(
      fc.integer({ min: 1, max: 100 }).map((v) => fromInt(v)),
      fc.integer({ min: 1, max: 10000 }).map((v) => ratio(BigInt(v), 100n)),
      fc.bigInt({ min: 10n ** 15n, max: 10n ** 25n }).map((v) => ratio(v, 7n)),
    );
    let answered = 0;
    fc.assert(
      fc.property(points, double, nonZero.map(Math.abs), fc.integer({ min: 0, max: 6 }), (p, x, y, digits) => {
        const fast = mulDivRoundNumbers(p, x, y, digits);
        if (fast === undefined) return;
        answered++;
        same(fast, round(mul(p, div(fromNumber(x), fromNumber(y))), digits));
      }),
      { numRuns: 6000 },
    );
    expect(answered).toBeGreaterThan(1000);
  });
});

describe("distributing the points on the fixed-point path", () => {
  it("distributeWeights is distribute of the exact shares total × w ÷ Σ w, ties to the earlier", () => {
    const total = fc.oneof(
      fc.integer({ min: 0, max: 100 }).map((v) => fromInt(v)),
      fc.integer({ min: 0, max: 10000 }).map((v) => ratio(BigInt(v), 100n)),
      fc.integer({ min: 1, max: 1000 }).map((v) => ratio(BigInt(v), 7n)),
      fc.bigInt({ min: 10n ** 14n, max: 10n ** 20n }).map((v) => fromInt(v)),
    );
    const weights = fc.array(
      fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 2 ** 40 }), fc.constant(3)),
      { minLength: 1, maxLength: 30 },
    );
    let answered = 0;
    fc.assert(
      fc.property(weights, total, fc.integer({ min: 0, max: 4 }), (w, t, digits) => {
        const fast = distributeWeights(w, t, digits);
        const sumW = w.reduce((a, b) => a + b, 0);
        if (fast === undefined) return;
        answered++;
        const exact = w.map((x) => div(mul(fromInt(x), t), fromInt(sumW)));
        const slow = distribute(exact, t, digits);
        expect(fast.length).toBe(slow.length);
        for (let i = 0; i < fast.length; i++) same(fast[i]!, slow[i]!);
      }),
      { numRuns: 4000 },
    );
    expect(answered).toBeGreaterThan(1000);
  });

  it("six equal shares of 50 at 0.01: the first two take the extra hundredth", () => {
    const got = distributeWeights([1, 1, 1, 1, 1, 1], fromInt(50), 2)!;
    expect(got.map((r) => toDecimalString(r, 2))).toEqual(["8.34", "8.34", "8.33", "8.33", "8.33", "8.33"]);
  });
});

describe("one indicator's numeric judgement on doubles", () => {
  const ops: Op[] = [">=", ">", "=", "<=", "<"];
  const numeric = (value: number, op: Op | undefined, unit: string | undefined): TargetValue => ({
    kind: "numeric",
    text: `${op ?? ""}${value}${unit ?? ""}`,
    value,
    ...(op ? { op } : {}),
    ...(unit ? { unit } : {}),
  });
  const schemes: ScoringScheme[] = [
    NATIONAL_PROJECT_SCHEME,
    { ...NATIONAL_PROJECT_SCHEME, lowerIsBetter: "ratio", equalsZero: "full-if-zero" },
  ];
  const steps: RoundingStep[] = ["none", "0.01", "0.1", "1"];

  it("gives the exact path's met, completion, note, formula and score", () => {
    const pointsArb = fc.oneof(
      fc.integer({ min: 0, max: 20 }).map((v) => fromInt(v)),
      fc.integer({ min: 1, max: 5000 }).map((v) => ratio(BigInt(v), 100n)),
      fc.bigInt({ min: 10n ** 16n, max: 10n ** 22n }).map((v) => ratio(v, 3n)),
    );
    // the actual near the target half the time, so that met, not met and equal all occur
    const pair = fc.oneof(
      fc.tuple(double, double),
      fc.tuple(double, fc.integer({ min: -20, max: 20 })).map(([t, d]) => [t, t + d] as [number, number]),
      fc.tuple(double, fc.integer({ min: 1, max: 200 })).map(([t, pct]) => [t, (t * pct) / 100] as [number, number]),
      double.map((t) => [t, t] as [number, number]),
    );
    fc.assert(
      fc.property(
        pair,
        fc.constantFrom<Op | undefined>(...ops, undefined),
        fc.constantFrom<Op | undefined>(undefined, "=", ">", "<"),
        fc.constantFrom<string | undefined>(undefined, "人", "%"),
        fc.constantFrom<string | undefined>(undefined, "人", "%"),
        fc.constantFrom(...schemes),
        pointsArb,
        fc.constantFrom(...steps),
        ([tv, av], op, aop, tUnit, aUnit, scheme, points, step) => {
          const target = numeric(tv, op, tUnit);
          const actual = numeric(av, aop, aUnit);
          const external = compareActual(target, actual);
          const fast = numericJudgement(target, actual, scheme, external);
          const exact = numericJudgementExact(target, actual, scheme, external);
          expect(fast === undefined).toBe(exact === undefined);
          if (!fast || !exact) return;
          expect(fast.comparison).toEqual(exact.comparison);
          expect(fast.share.met).toBe(exact.share.met);
          expect(fast.share.expr).toBe(exact.share.expr);
          expect(fast.share.zeroWhy).toEqual(exact.share.zeroWhy);
          same(scaledShare(points, fast.share, step), scaledShare(points, exact.share, step));
        },
      ),
      { numRuns: 8000 },
    );
  });

  it("against a range: the exact path's met, completion, note, formula and score", () => {
    const pointsArb = fc.oneof(
      fc.integer({ min: 0, max: 20 }).map((v) => fromInt(v)),
      fc.integer({ min: 1, max: 5000 }).map((v) => ratio(BigInt(v), 100n)),
    );
    fc.assert(
      fc.property(
        double,
        double,
        fc.oneof(double, fc.integer({ min: -2, max: 2 })),
        fc.constantFrom<Op | undefined>(undefined, "=", ">", "<"),
        fc.constantFrom<string | undefined>(undefined, "%"),
        fc.constantFrom<string | undefined>(undefined, "%"),
        fc.constantFrom(...schemes),
        pointsArb,
        fc.constantFrom(...steps),
        (a, b, v, aop, tUnit, aUnit, scheme, points, step) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const av = v === 0 ? lo : v === 1 ? hi : v === -1 ? lo / 2 : v === 2 ? hi * 1.5 : v;
          const target: TargetValue = {
            kind: "range",
            text: `${lo}-${hi}`,
            min: lo,
            max: hi,
            ...(tUnit ? { unit: tUnit } : {}),
          };
          const actual = numeric(av, aop, aUnit);
          const external = compareActual(target, actual);
          const fast = numericJudgement(target, actual, scheme, external);
          const exact = numericJudgementExact(target, actual, scheme, external);
          expect(fast === undefined).toBe(exact === undefined);
          if (!fast || !exact) return;
          expect(fast.comparison).toEqual(exact.comparison);
          expect(fast.share.met).toBe(exact.share.met);
          expect(fast.share.expr).toBe(exact.share.expr);
          expect(fast.share.zeroWhy).toEqual(exact.share.zeroWhy);
          same(scaledShare(points, fast.share, step), scaledShare(points, exact.share, step));
        },
      ),
      { numRuns: 6000 },
    );
  });
});

/**
 * The fixed-point fast path of scoring (numbers/fixed.ts, `scaledShare` in indicator.ts) gives exactly what the
 * exact bigint path gives — the same Ratio, in lowest terms — on generated points, shares and rounding steps,
 * including values whose products pass 2^53 (where the fast path declines and the bigint path answers).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { div, max, min, mul, ONE, type Ratio, ratio, round, ZERO } from "../../src/numbers/decimal.ts";
import { mulDivRound } from "../../src/numbers/fixed.ts";
import { roundStep, scaledShare } from "../../src/scoring/indicator.ts";
import type { RoundingStep } from "../../src/scoring/scheme.ts";

/** A decimal as written in a form (`2`, `3.33`, `0.0125`) or, now and then, a huge or odd fraction. */
const decimal: fc.Arbitrary<Ratio> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({ v: fc.integer({ min: -100000, max: 100000 }), k: fc.integer({ min: 0, max: 4 }) })
      .map(({ v, k }) => ratio(BigInt(v), 10n ** BigInt(k))),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ n: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), d: fc.bigInt({ min: 1n, max: 10n ** 20n }) })
      .map(({ n, d }) => ratio(n, d)),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ n: fc.integer({ min: -1000, max: 1000 }), d: fc.integer({ min: 1, max: 997 }) })
      .map(({ n, d }) => ratio(BigInt(n), BigInt(d))),
  },
);
const positive = decimal.filter((r) => r.n > 0n);
const STEPS: RoundingStep[] = ["none", "0.01", "0.1", "1"];

const same = (a: Ratio, b: Ratio) => expect({ n: a.n, d: a.d }).toEqual({ n: b.n, d: b.d });

describe("fixed-point fast path", () => {
  it("mulDivRound is round(p × x ÷ y, digits) whenever it answers", () => {
    let answered = 0;
    let declined = 0;
    fc.assert(
      fc.property(decimal, decimal, positive, fc.integer({ min: 0, max: 6 }), (p, x, y, digits) => {
        const fast = mulDivRound(p, x, y, digits);
        if (fast === undefined) {
          declined++;
          return;
        }
        answered++;
        same(fast, round(mul(p, div(x, y)), digits));
      }),
      { numRuns: 5000 },
    );
    // both paths were exercised: form-sized values go fast, huge ones fall back
    expect(answered).toBeGreaterThan(1000);
    expect(declined).toBeGreaterThan(0);
  });

  it("scaledShare on part ÷ whole is the exact clamp-multiply-round, on every rounding step", () => {
    fc.assert(
      fc.property(positive, decimal, positive, fc.constantFrom(...STEPS), (points, a, b, step) => {
        // a share within 0–1, as numericShare keeps it: part ≤ whole, both ≥ 0
        const part = a.n < 0n ? ratio(-a.n, a.d) : a;
        const whole = b;
        const [lo, hi] = [min(part, whole), max(part, whole)];
        const share = { met: false, share: undefined, part: lo, whole: hi, completion: undefined };
        const exact = roundStep(mul(points, max(ZERO, min(ONE, div(lo, hi)))), step);
        same(scaledShare(points, share, step), exact);
      }),
      { numRuns: 5000 },
    );
  });

  it("half away from zero at the exact midpoint, negative and positive", () => {
    // 1 × 1 ÷ 8 = 0.125 → 0.13; −0.125 → −0.13
    same(mulDivRound(ONE, ratio(1n), ratio(8n), 2)!, round(ratio(1n, 8n), 2));
    same(mulDivRound(ONE, ratio(-1n), ratio(8n), 2)!, round(ratio(-1n, 8n), 2));
    expect(mulDivRound(ONE, ratio(10n ** 20n), ratio(3n), 2)).toBeUndefined();
  });
});

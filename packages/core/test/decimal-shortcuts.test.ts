/**
 * The shortcuts of the exact decimals (integers, equal denominators, small numbers on doubles, printing without
 * a regular expression) give exactly what the plain definitions give.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  add,
  cmp,
  fromNumber,
  mul,
  parseDecimal,
  type Ratio,
  ratio,
  round,
  roundToUnits,
  sub,
  sum,
  toDecimalString,
  toFixed,
  toNumber,
} from "../src/numbers/decimal.ts";

/** The definitions the shortcuts stand for, on bigints only. */
function gcdRef(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}
function ratioRef(n: bigint, d: bigint): Ratio {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcdRef(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}
function parseDecimalRef(text: string): Ratio | undefined {
  const m = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const frac = m[3] ?? "";
  const digits = BigInt((m[2] ?? "0") + frac);
  return ratioRef(m[1] === "-" ? -digits : digits, 10n ** BigInt(frac.length));
}
function toDecimalStringRef(a: Ratio, maxDigits: number): string {
  const fixed = toFixed(a, maxDigits);
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

const bigints = fc.oneof(
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
);
const denominators = fc.oneof(
  fc.constant(1n),
  fc.constantFrom(2n, 3n, 4n, 8n, 10n, 100n, 1000n, 10n ** 10n),
  fc.bigInt({ min: 1n, max: 10n ** 6n }),
  fc.bigInt({ min: 1n, max: 2n ** 70n }),
);
const ratios = fc.tuple(bigints, denominators).map(([n, d]) => ratio(n, d));

describe("decimal shortcuts agree with the definitions", () => {
  it("ratio() gives lowest terms on doubles and on bigints alike", () => {
    fc.assert(
      fc.property(
        bigints,
        fc.oneof(
          denominators,
          denominators.map((d) => -d),
        ),
        (n, d) => {
          expect(ratio(n, d)).toEqual(ratioRef(n, d));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("parseDecimal reads what the regular expression reads", () => {
    const decimalish = fc.array(fc.constantFrom(..."0123456789.+- \t1"), { maxLength: 24 }).map((cs) => cs.join(""));
    const numbers = fc
      .tuple(fc.constantFrom("", "+", "-"), fc.stringMatching(/^[0-9]{1,25}$/), fc.stringMatching(/^[0-9]{0,20}$/))
      .map(([s, i, f]) => (f ? `${s}${i}.${f}` : `${s}${i}`));
    fc.assert(
      fc.property(fc.oneof(decimalish, numbers, fc.string({ maxLength: 20 })), (text) => {
        expect(parseDecimal(text)).toEqual(parseDecimalRef(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("fromNumber is the exact value of the number's shortest text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer(),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.integer({ min: -(10 ** 9), max: 10 ** 9 }).map((u) => u / 1000),
        ),
        (v) => {
          const text = String(v);
          const expected = text.includes("e") ? undefined : parseDecimalRef(text);
          if (expected) expect(fromNumber(v)).toEqual(expected);
          expect(Number(toDecimalString(fromNumber(v), 400))).toBe(v === 0 ? 0 : v);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("add, sub, mul and cmp with equal or unit denominators give the cross-multiplied results", () => {
    fc.assert(
      fc.property(ratios, ratios, fc.boolean(), (a, b0, sameD) => {
        const b = sameD ? ({ n: b0.n, d: a.d } as Ratio) : b0;
        expect(add(a, b)).toEqual(ratioRef(a.n * b.d + b.n * a.d, a.d * b.d));
        expect(sub(a, b)).toEqual(ratioRef(a.n * b.d - b.n * a.d, a.d * b.d));
        expect(mul(a, b)).toEqual(ratioRef(a.n * b.n, a.d * b.d));
        const l = a.n * b.d;
        const r = b.n * a.d;
        expect(cmp(a, b)).toBe(l < r ? -1 : l > r ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
  });

  it("rounding and printing give what toFixed and /\\.?0+$/ give", () => {
    fc.assert(
      fc.property(ratios, fc.integer({ min: 0, max: 24 }), (a, digits) => {
        const scale = 10n ** BigInt(digits);
        const num = a.n * scale;
        const abs = num < 0n ? -num : num;
        const q = abs / a.d;
        const units = (abs % a.d) * 2n >= a.d ? q + 1n : q;
        expect(roundToUnits(a, digits)).toBe(num < 0n ? -units : units);
        expect(round(a, digits)).toEqual(ratioRef(num < 0n ? -units : units, scale));
        const text = toDecimalStringRef(a, digits);
        expect(toDecimalString(a, digits)).toBe(text);
        expect(Object.is(toNumber(a, digits), Number(text))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("still refuses a negative or fractional number of digits", () => {
    for (const digits of [-1, 1.5]) {
      expect(() => toDecimalString({ n: 5n, d: 1n }, digits)).toThrow(RangeError);
      expect(() => toNumber({ n: 5n, d: 1n }, digits)).toThrow(RangeError);
      expect(() => roundToUnits({ n: 5n, d: 1n }, digits)).toThrow(RangeError);
    }
  });
});

describe("sum", () => {
  it("gives what adding one by one gives, reduced once", () => {
    fc.assert(
      fc.property(fc.array(ratios, { maxLength: 40 }), (values) => {
        let acc: Ratio = { n: 0n, d: 1n };
        for (const v of values) acc = ratioRef(acc.n * v.d + v.n * acc.d, acc.d * v.d);
        expect(sum(values)).toEqual(acc);
        expect(sum(values.values())).toEqual(acc);
      }),
      { numRuns: 1000 },
    );
  });

  it("refuses a zero denominator as adding it does", () => {
    expect(() =>
      sum([
        { n: 1n, d: 1n },
        { n: 1n, d: 0n },
      ]),
    ).toThrow("ratio: zero denominator");
  });
});

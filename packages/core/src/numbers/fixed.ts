/**
 * Integer fixed-point fast paths for the exact arithmetic of decimal.ts. A decimal a/b with small parts is worked on
 * JS numbers, which hold every integer below 2^53 exactly; as soon as a product could pass 2^52 (the margin the
 * division's correction needs) the function answers undefined and the caller takes the bigint path. The answers are
 * the same Ratios, in lowest terms, that the bigint path gives (test/scoring/fixed-point.test.ts checks it on
 * generated inputs).
 */
import type { Ratio } from "./decimal.ts";

/**
 * 2^52: below it integer products are exact on doubles, and so is q × den for a quotient q one too large
 * (at most num + den < 2^53).
 */
const LIMIT = 4503599627370496;
const LIMIT_BIG = 9007199254740992n;
const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];
const POW10_BIG = [1n, 10n, 100n, 1000n, 10000n, 100000n, 1000000n];

/** The Ratio's parts as numbers when both are below 2^53 in size, else undefined. */
function small(v: bigint): number | undefined {
  return v < LIMIT_BIG && v > -LIMIT_BIG ? Number(v) : undefined;
}

function gcdNumber(a: number, b: number): number {
  let x = a < 0 ? -a : a;
  let y = b;
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** `units / 10^digits` in lowest terms, as `ratio(BigInt(units), 10n ** digits)` gives it. */
function unitsRatio(units: number, digits: number): Ratio {
  if (units === 0) return { n: 0n, d: 1n };
  const g = gcdNumber(units, POW10[digits]!);
  return { n: BigInt(units / g), d: POW10_BIG[digits]! / BigInt(g) };
}

/**
 * round(p × x ÷ y, digits), rounded half away from zero (decimal.ts `round`), for y > 0 and 0 ≤ digits ≤ 6; undefined
 * when a part or a product would not stay below 2^52 (then use `round(mul(p, div(x, y)), digits)`).
 */
export function mulDivRound(p: Ratio, x: Ratio, y: Ratio, digits: number): Ratio | undefined {
  if (digits < 0 || digits > 6 || !Number.isInteger(digits)) return undefined;
  const pn = small(p.n);
  const pd = small(p.d);
  const xn = small(x.n);
  const xd = small(x.d);
  const yn = small(y.n);
  const yd = small(y.d);
  if (pn === undefined || pd === undefined || xn === undefined || xd === undefined) return undefined;
  if (yn === undefined || yd === undefined || yn <= 0) return undefined;
  // p × x ÷ y × 10^digits = (pn · xn · yd · 10^digits) ÷ (pd · xd · yn)
  const num1 = pn * xn;
  const num2 = num1 * yd;
  const num = num2 * POW10[digits]!;
  const den1 = pd * xd;
  const den = den1 * yn;
  if (!(Math.abs(num1) < LIMIT && Math.abs(num2) < LIMIT && Math.abs(num) < LIMIT) || !(den1 < LIMIT && den < LIMIT)) {
    return undefined;
  }
  const neg = num < 0;
  const abs = neg ? -num : num;
  let q = Math.floor(abs / den);
  let r = abs - q * den;
  // the double quotient may be one off; the remainder sets it right (q × den stays below 2^53)
  if (r < 0) {
    q -= 1;
    r += den;
  } else if (r >= den) {
    q += 1;
    r -= den;
  }
  const units = r * 2 >= den ? q + 1 : q;
  return unitsRatio(neg ? -units : units, digits);
}

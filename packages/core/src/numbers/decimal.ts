/**
 * Exact decimal arithmetic on bigint rationals.
 *
 * Money, execution rates and scores must never pass through binary floats
 * (`Math.round(1.005 * 100)` is 100). A `Ratio` is an exact fraction n/d with d > 0,
 * parsed straight from decimal text and rounded only when it is shown.
 */
import { decimalText } from "./fixed.ts";
export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

/** Powers of ten for the scales in use (a decimal's digits, a rounding step), computed once. */
const POW10: readonly bigint[] = Array.from({ length: 41 }, (_, i) => 10n ** BigInt(i));
/** 10^k; throws like `10n ** BigInt(k)` for a negative or fractional k. */
function pow10(k: number): bigint {
  const p = POW10[k];
  return p !== undefined ? p : 10n ** BigInt(k);
}
/** 10^0 … 10^22 as doubles, each exact (read from their text). */
const POW10_NUMBER: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
/** 2^53: below it, integers convert between bigint and number exactly. */
const SAFE = 9007199254740992n;

/** gcd of two non-negative integers below 2^53 (their remainders are exact on doubles). */
function gcdNumber(a: number, b: number): number {
  let p = a;
  let q = b;
  while (q !== 0) {
    const t = p % q;
    p = q;
    q = t;
  }
  return p;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  if (x < SAFE && y < SAFE) return BigInt(gcdNumber(Number(x), Number(y)));
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

export function ratio(n: bigint, d: bigint = 1n): Ratio {
  if (d === 0n) throw new RangeError("ratio: zero denominator");
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  // already in lowest terms: an integer, or zero (whose lowest terms are 0/1)
  if (d === 1n) return { n, d };
  if (n === 0n) return { n: 0n, d: 1n };
  if (n < SAFE && n > -SAFE && d < SAFE) {
    // fixed-point fast path: parts below 2^53 are reduced on doubles, exactly
    const nn = Number(n);
    const dd = Number(d);
    const gg = gcdNumber(nn < 0 ? -nn : nn, dd);
    return gg > 1 ? { n: BigInt(nn / gg), d: BigInt(dd / gg) } : { n, d };
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO: Ratio = { n: 0n, d: 1n };
export const ONE: Ratio = { n: 1n, d: 1n };

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The integer written by the digits of t[a, b) followed by those of t[c, e). */
function digitsValue(t: string, a: number, b: number, c: number, e: number): bigint {
  if (b - a + e - c > 15) return BigInt(t.slice(a, b) + t.slice(c, e));
  // below 10^15, so exact on a double, and cheaper than reading a bigint from text
  let v = 0;
  for (let i = a; i < b; i++) v = v * 10 + (t.charCodeAt(i) - 48);
  for (let i = c; i < e; i++) v = v * 10 + (t.charCodeAt(i) - 48);
  return BigInt(v);
}

/** Parses `-12.345` / `12` / `+0.5` (no grouping, no exponent); undefined when not a plain decimal. */
export function parseDecimal(text: string): Ratio | undefined {
  // the grammar of /^([+-])?(\d+)(?:\.(\d+))?$/ on the trimmed text, read by hand
  const t = text.trim();
  const len = t.length;
  let i = 0;
  const sign = t.charCodeAt(0);
  if (sign === 43 /* + */ || sign === 45 /* - */) i = 1;
  const intStart = i;
  while (i < len && isDigitCode(t.charCodeAt(i))) i++;
  if (i === intStart) return undefined;
  const intEnd = i;
  if (i === len) {
    const v = digitsValue(t, intStart, intEnd, len, len);
    return { n: sign === 45 ? -v : v, d: 1n };
  }
  if (t.charCodeAt(i) !== 46 /* . */) return undefined;
  const fracStart = ++i;
  while (i < len && isDigitCode(t.charCodeAt(i))) i++;
  if (i === fracStart || i !== len) return undefined;
  const digits = digitsValue(t, intStart, intEnd, fracStart, len);
  return ratio(sign === 45 ? -digits : digits, pow10(len - fracStart));
}

export function fromInt(v: number | bigint): Ratio {
  return { n: BigInt(v), d: 1n };
}

/** 0 … 1024 as ratios, made once (weights, points, percentages, counts). */
const SMALL_INTS: readonly Ratio[] = Array.from({ length: 1025 }, (_, i) => ({ n: BigInt(i), d: 1n }));

/** Non-integers already converted (targets, rates and scores repeat); bounded, emptied when full. */
const FROM_NUMBER_SEEN = new Map<number, Ratio>();
const FROM_NUMBER_SEEN_MAX = 1024;

/** Exact conversion of a finite JS number via its shortest decimal text. */
export function fromNumber(v: number): Ratio {
  if (!Number.isFinite(v)) throw new RangeError(`fromNumber: ${v} is not finite`);
  if (Number.isSafeInteger(v))
    return v >= 0 && v < SMALL_INTS.length ? (SMALL_INTS[v] as Ratio) : { n: BigInt(v), d: 1n };
  const seen = FROM_NUMBER_SEEN.get(v);
  if (seen) return seen;
  const r = fromNumberText(v);
  if (FROM_NUMBER_SEEN.size >= FROM_NUMBER_SEEN_MAX) FROM_NUMBER_SEEN.clear();
  FROM_NUMBER_SEEN.set(v, r);
  return r;
}

function fromNumberText(v: number): Ratio {
  const s = String(v);
  if (s.includes("e")) {
    const [mant, exp] = s.split("e") as [string, string];
    const base = parseDecimal(mant) ?? ZERO;
    const e = Number(exp);
    return e >= 0 ? mul(base, fromInt(10n ** BigInt(e))) : div(base, fromInt(10n ** BigInt(-e)));
  }
  return parseDecimal(s) ?? ZERO;
}

export function add(a: Ratio, b: Ratio): Ratio {
  // same denominator (integers, amounts in fen, scores in hundredths): one product fewer, same lowest terms
  if (a.d === b.d) return ratio(a.n + b.n, a.d);
  return ratio(a.n * b.d + b.n * a.d, a.d * b.d);
}
export function sub(a: Ratio, b: Ratio): Ratio {
  if (a.d === b.d) return ratio(a.n - b.n, a.d);
  return ratio(a.n * b.d - b.n * a.d, a.d * b.d);
}
export function mul(a: Ratio, b: Ratio): Ratio {
  if (a.d === 1n && b.d === 1n) return ratio(a.n * b.n, 1n);
  return ratio(a.n * b.n, a.d * b.d);
}
export function div(a: Ratio, b: Ratio): Ratio {
  if (b.n === 0n) throw new RangeError("div: division by zero");
  return ratio(a.n * b.d, a.d * b.n);
}
export function cmp(a: Ratio, b: Ratio): -1 | 0 | 1 {
  if (a.d === b.d && a.d > 0n) return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}
export function min(a: Ratio, b: Ratio): Ratio {
  return cmp(a, b) <= 0 ? a : b;
}
export function max(a: Ratio, b: Ratio): Ratio {
  return cmp(a, b) >= 0 ? a : b;
}
export function isZero(a: Ratio): boolean {
  return a.n === 0n;
}
export function neg(a: Ratio): Ratio {
  return { n: -a.n, d: a.d };
}
export function sum(values: Iterable<Ratio>): Ratio {
  // n/d kept unreduced over a common denominator, reduced once at the end: the same lowest terms as adding
  // one by one, with one gcd instead of one per value
  let n = 0n;
  let d = 1n;
  let any = false;
  for (const v of values) {
    if (v.d === 0n) throw new RangeError("ratio: zero denominator"); // what adding it would throw
    any = true;
    if (v.d === d) n += v.n;
    else if (d % v.d === 0n) n += v.n * (d / v.d);
    else {
      n = n * v.d + v.n * d;
      d *= v.d;
      if (d > SUM_REDUCE_ABOVE || d < -SUM_REDUCE_ABOVE) {
        const r = ratio(n, d);
        n = r.n;
        d = r.d;
      }
    }
  }
  return any ? ratio(n, d) : ZERO;
}
/** A running denominator above this is reduced on the way (the value is the same). */
const SUM_REDUCE_ABOVE = 2n ** 64n;

/** Rounds half away from zero (the 四舍五入 of official forms) to `digits` decimals, as an integer of 10^-digits units. */
export function roundToUnits(a: Ratio, digits: number): bigint {
  const scale = pow10(digits);
  if (a.d === 1n) return a.n * scale;
  const num = a.n * scale;
  const neg = num < 0n;
  const abs = neg ? -num : num;
  const q = abs / a.d;
  const r = abs % a.d;
  const rounded = r * 2n >= a.d ? q + 1n : q;
  return neg ? -rounded : rounded;
}

/** Rounds half away from zero and returns the value as a Ratio. */
export function round(a: Ratio, digits: number): Ratio {
  return ratio(roundToUnits(a, digits), pow10(digits));
}

/** 2^52: integers and their sums with one more below it stay exact on doubles. */
const HALF_SAFE = 4503599627370496;

/**
 * `roundToUnits` on doubles (the fixed-point fast path) when n·10^digits and d stay below 2^52, where every step is
 * exact; undefined otherwise (then the bigint path).
 */
function unitsOnDoubles(a: Ratio, digits: number): number | undefined {
  if (!(digits >= 0 && digits < POW10_NUMBER.length && Number.isInteger(digits))) return undefined;
  if (!(a.n < SAFE && a.n > -SAFE && a.d < SAFE)) return undefined;
  const num = Number(a.n) * (POW10_NUMBER[digits] as number);
  const d = Number(a.d);
  if (!(num < HALF_SAFE && num > -HALF_SAFE && d < HALF_SAFE)) return undefined;
  const abs = num < 0 ? -num : num;
  let q = Math.floor(abs / d);
  let r = abs - q * d;
  // the double quotient may be one off; the remainder sets it right
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  const units = r * 2 >= d ? q + 1 : q;
  return units === 0 ? 0 : num < 0 ? -units : units;
}

/** Decimal text with exactly `digits` decimals, rounded half away from zero: `toFixed(r, 2)` → `88.35`. */
export function toFixed(a: Ratio, digits: number): string {
  const fast = unitsOnDoubles(a, digits);
  if (fast !== undefined) {
    const abs = String(fast < 0 ? -fast : fast).padStart(digits + 1, "0");
    if (digits === 0) return fast < 0 ? `-${abs}` : abs;
    const cut = abs.length - digits;
    return `${fast < 0 ? "-" : ""}${abs.slice(0, cut)}.${abs.slice(cut)}`;
  }
  const units = roundToUnits(a, digits);
  const neg = units < 0n;
  const abs = (neg ? -units : units).toString().padStart(digits + 1, "0");
  const whole = digits > 0 ? abs.slice(0, -digits) : abs;
  const frac = digits > 0 ? `.${abs.slice(-digits)}` : "";
  return `${neg ? "-" : ""}${whole}${frac}`;
}

/** Shortest exact decimal text when the fraction terminates within `maxDigits`, else rounded to it. */
export function toDecimalString(a: Ratio, maxDigits = 10): string {
  // an integer prints as itself whatever the number of decimals allowed
  if (a.d === 1n && Number.isInteger(maxDigits) && maxDigits >= 0) {
    return a.n >= 0n && a.n < SMALL_INT_TEXT_MAX ? smallIntText(Number(a.n)) : a.n.toString();
  }
  const fixed = toFixed(a, maxDigits);
  // drop the fraction's trailing zeros, and the point when nothing is left after it (what /\.?0+$/ removes)
  if (!fixed.includes(".")) return fixed;
  let end = fixed.length;
  while (fixed.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (fixed.charCodeAt(end - 1) === 46 /* . */) end--;
  return end === fixed.length ? fixed : fixed.slice(0, end);
}

/**
 * `toDecimalString(fromNumber(v), maxDigits)` for a finite double, without building the Ratio when the text is the
 * number's own shortest text (an integer below 2^53, or at most `maxDigits` decimals and no exponent): the shortest
 * decimal that reads back as v is exactly the Ratio fromNumber gives, and it has no trailing zeros to drop.
 */
export function numberText(v: number, maxDigits: number): string {
  if (Number.isSafeInteger(v)) return v >= 0 && v < 1024 ? smallIntText(v) : String(v);
  if (Number.isInteger(maxDigits) && maxDigits >= 0) {
    const text = decimalText(v, maxDigits);
    if (text !== undefined) return text;
  }
  return toDecimalString(fromNumber(v), maxDigits);
}

/** The text of 0 … 1023, made once each when first printed (points, weights and scores repeat). */
const SMALL_INT_TEXT: string[] = [];
const SMALL_INT_TEXT_MAX = 1024n;
function smallIntText(v: number): string {
  let t = SMALL_INT_TEXT[v];
  if (t === undefined) {
    t = String(v);
    SMALL_INT_TEXT[v] = t;
  }
  return t;
}

/** A JS number for display or JSON; never feed it back into arithmetic. */
export function toNumber(a: Ratio, maxDigits = 10): number {
  // an integer below 2^53 is its own shortest text: no rounding, no printing
  if (a.d === 1n && a.n < SAFE && a.n > -SAFE && Number.isInteger(maxDigits) && maxDigits >= 0) return Number(a.n);
  const fast = unitsOnDoubles(a, maxDigits);
  if (fast !== undefined) return fast / (POW10_NUMBER[maxDigits] as number);
  if (Number.isInteger(maxDigits) && maxDigits >= 0 && maxDigits < POW10_NUMBER.length) {
    // units / 10^maxDigits with both exact doubles: IEEE division rounds the exact quotient to the nearest
    // double, as reading its decimal text (at most 16 significant digits) does
    const units = roundToUnits(a, maxDigits);
    if (units < SAFE && units > -SAFE) return Number(units) / (POW10_NUMBER[maxDigits] as number);
  }
  return Number(toDecimalString(a, maxDigits));
}

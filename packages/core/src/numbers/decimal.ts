/**
 * Exact decimal arithmetic on bigint rationals.
 *
 * Money, execution rates and scores must never pass through binary floats
 * (`Math.round(1.005 * 100)` is 100). A `Ratio` is an exact fraction n/d with d > 0,
 * parsed straight from decimal text and rounded only when it is shown.
 */
export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d+))?$/;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
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
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO: Ratio = { n: 0n, d: 1n };
export const ONE: Ratio = { n: 1n, d: 1n };

/** Parses `-12.345` / `12` / `+0.5` (no grouping, no exponent); undefined when not a plain decimal. */
export function parseDecimal(text: string): Ratio | undefined {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) return undefined;
  const frac = m[3] ?? "";
  const digits = BigInt((m[2] ?? "0") + frac);
  const scale = 10n ** BigInt(frac.length);
  return ratio(m[1] === "-" ? -digits : digits, scale);
}

export function fromInt(v: number | bigint): Ratio {
  return { n: BigInt(v), d: 1n };
}

/** Exact conversion of a finite JS number via its shortest decimal text. */
export function fromNumber(v: number): Ratio {
  if (!Number.isFinite(v)) throw new RangeError(`fromNumber: ${v} is not finite`);
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
  return ratio(a.n * b.d + b.n * a.d, a.d * b.d);
}
export function sub(a: Ratio, b: Ratio): Ratio {
  return ratio(a.n * b.d - b.n * a.d, a.d * b.d);
}
export function mul(a: Ratio, b: Ratio): Ratio {
  return ratio(a.n * b.n, a.d * b.d);
}
export function div(a: Ratio, b: Ratio): Ratio {
  if (b.n === 0n) throw new RangeError("div: division by zero");
  return ratio(a.n * b.d, a.d * b.n);
}
export function cmp(a: Ratio, b: Ratio): -1 | 0 | 1 {
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
  let acc = ZERO;
  for (const v of values) acc = add(acc, v);
  return acc;
}

/** Rounds half away from zero (the 四舍五入 of official forms) to `digits` decimals, as an integer of 10^-digits units. */
export function roundToUnits(a: Ratio, digits: number): bigint {
  const scale = 10n ** BigInt(digits);
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
  return ratio(roundToUnits(a, digits), 10n ** BigInt(digits));
}

/** Decimal text with exactly `digits` decimals, rounded half away from zero: `toFixed(r, 2)` → `88.35`. */
export function toFixed(a: Ratio, digits: number): string {
  const units = roundToUnits(a, digits);
  const neg = units < 0n;
  const abs = (neg ? -units : units).toString().padStart(digits + 1, "0");
  const whole = digits > 0 ? abs.slice(0, -digits) : abs;
  const frac = digits > 0 ? `.${abs.slice(-digits)}` : "";
  return `${neg ? "-" : ""}${whole}${frac}`;
}

/** Shortest exact decimal text when the fraction terminates within `maxDigits`, else rounded to it. */
export function toDecimalString(a: Ratio, maxDigits = 10): string {
  const fixed = toFixed(a, maxDigits);
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

/** A JS number for display or JSON; never feed it back into arithmetic. */
export function toNumber(a: Ratio, maxDigits = 10): number {
  return Number(toDecimalString(a, maxDigits));
}

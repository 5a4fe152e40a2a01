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

/** Non-negative units below this, at 0–6 digits, are made into Ratios once (scores and points repeat). */
const UNITS_CACHED = 65536;
const UNITS_CACHE: Ratio[][] = [[], [], [], [], [], [], []];

/** `units / 10^digits` in lowest terms, as `ratio(BigInt(units), 10n ** digits)` gives it. */
function unitsRatio(units: number, digits: number): Ratio {
  if (units >= 0 && units < UNITS_CACHED) {
    const cache = UNITS_CACHE[digits]!;
    let r = cache[units];
    if (r === undefined) {
      r = unitsRatioNew(units, digits);
      cache[units] = r;
    }
    return r;
  }
  return unitsRatioNew(units, digits);
}

function unitsRatioNew(units: number, digits: number): Ratio {
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
  return mulDivRoundParts(p, xn, xd, yn, yd, digits);
}

/**
 * ⌊a ÷ b⌋ for integers a ≥ 0, b > 0 below 2^53: the double quotient can be one off, the remainder sets it right.
 * The remainder is then `a - q * b` (exact).
 */
export function floorQuotient(a: number, b: number): number {
  const q = Math.floor(a / b);
  const r = a - q * b;
  return r < 0 ? q - 1 : r >= b ? q + 1 : q;
}

/**
 * abs ÷ den rounded half up, for integers 0 ≤ abs, 0 < den below 2^52: the double quotient may be one off, the
 * remainder sets it right (q × den stays below 2^53).
 */
function halfUpQuotient(abs: number, den: number): number {
  const q = floorQuotient(abs, den);
  return (abs - q * den) * 2 >= den ? q + 1 : q;
}

/** mulDivRound with x = xn / xd and y = yn / yd given as integers below 2^53 (yn > 0, xd, yd > 0). */
function mulDivRoundParts(p: Ratio, xn: number, xd: number, yn: number, yd: number, digits: number): Ratio | undefined {
  if (digits < 0 || digits > 6 || !Number.isInteger(digits)) return undefined;
  const pn = small(p.n);
  const pd = small(p.d);
  if (pn === undefined || pd === undefined) return undefined;
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
  const units = halfUpQuotient(neg ? -num : num, den);
  return unitsRatio(neg ? -units : units, digits);
}

// ---------------------------------------------------------------------------------------------------------------
// Doubles read as their exact decimals (what `fromNumber` gives), as scaled integers m / 10^k

const POW10_WIDE = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
/** Below 2^50 the double's neighbours are less than a quarter of 10^-k apart: one k-decimal at most reads back as it. */
const PARTS_LIMIT = 1125899906842624;

/** The last `decimalParts` answer (kept in module state so that the hot path allocates nothing). */
let partM = 0;
let partK = 0;

/**
 * Reads a finite double as `fromNumber` does, m / 10^k with the fewest decimals k ≤ 10 that read back as v (its
 * shortest decimal text), into partM / partK; false when there is none with |m| < 2^50 (then use the bigint path).
 */
function decimalParts(v: number): boolean {
  if (Number.isInteger(v)) {
    if (!(v < PARTS_LIMIT && v > -PARTS_LIMIT)) return false;
    partM = v === 0 ? 0 : v;
    partK = 0;
    return true;
  }
  if (!Number.isFinite(v)) return false;
  // the last two non-integers read (a comparison, its judgement and its score read the same two numbers)
  if (v === memoV1) {
    partM = memoM1;
    partK = memoK1;
    return true;
  }
  if (v === memoV2) {
    partM = memoM2;
    partK = memoK2;
    return true;
  }
  for (let k = 1; k <= 10; k++) {
    const p = POW10_WIDE[k]!;
    const m = Math.round(v * p);
    if (!(m < PARTS_LIMIT && m > -PARTS_LIMIT)) return false;
    if (m / p === v) {
      partM = m;
      partK = k;
      memoV2 = memoV1;
      memoM2 = memoM1;
      memoK2 = memoK1;
      memoV1 = v;
      memoM1 = m;
      memoK1 = k;
      return true;
    }
  }
  return false;
}
let memoV1 = Number.NaN;
let memoM1 = 0;
let memoK1 = 0;
let memoV2 = Number.NaN;
let memoM2 = 0;
let memoK2 = 0;

/**
 * `toDecimalString(fromNumber(v), maxDigits)` when v reads as m / 10^k with k ≤ maxDigits (the shortest decimal has
 * no trailing zeros, so it is printed whole); undefined otherwise.
 */
export function decimalText(v: number, maxDigits: number): string | undefined {
  if (!decimalParts(v) || partK > maxDigits) return undefined;
  return unitsText(partM, partK);
}

/**
 * round(x ÷ y × 10^digits) to an integer, half away from zero, for doubles read exactly as `fromNumber` reads them
 * (`roundToUnits(div(fromNumber(x), fromNumber(y)), digits)`), y ≠ 0, 0 ≤ digits ≤ 10; NaN when a part or a product
 * would not stay below 2^52 (then the bigint path).
 */
export function quotientUnits(x: number, y: number, digits: number): number {
  if (y === 0 || !decimalParts(x)) return Number.NaN;
  const mx = partM;
  const kx = partK;
  if (!decimalParts(y)) return Number.NaN;
  const my = partM;
  const ky = partK;
  if (ky + digits > 15 || kx > 15) return Number.NaN;
  // x ÷ y × 10^digits = (mx · 10^(ky + digits)) ÷ (my · 10^kx)
  let num = mx * POW10_WIDE[ky + digits]!;
  let den = my * POW10_WIDE[kx]!;
  if (!(num < LIMIT && num > -LIMIT && den < LIMIT && den > -LIMIT)) {
    // large values (`858万`) often share a factor: the quotient of the reduced parts is the same
    const g = gcdNumber(mx, my < 0 ? -my : my);
    if (g <= 1) return Number.NaN;
    num = (mx / g) * POW10_WIDE[ky + digits]!;
    den = (my / g) * POW10_WIDE[kx]!;
    if (!(num < LIMIT && num > -LIMIT && den < LIMIT && den > -LIMIT)) return Number.NaN;
  }
  let neg = num < 0;
  if (den < 0) {
    den = -den;
    neg = !neg;
  }
  const units = halfUpQuotient(num < 0 ? -num : num, den);
  return units === 0 ? 0 : neg ? -units : units;
}

/** The second answer of `quotientUnitsPair`. */
export const QUOTIENT = { second: 0 };

/**
 * `quotientUnits(x, y, first)` answered, and `quotientUnits(x, y, second)` into `QUOTIENT.second`, reading x and y
 * once; NaN (and NaN) when either would be NaN.
 */
export function quotientUnitsPair(x: number, y: number, first: number, second: number): number {
  QUOTIENT.second = Number.NaN;
  if (y === 0 || !decimalParts(x)) return Number.NaN;
  const mx = partM;
  const kx = partK;
  if (!decimalParts(y)) return Number.NaN;
  const my = partM;
  const ky = partK;
  if (ky + first > 15 || ky + second > 15 || kx > 15) return Number.NaN;
  let num1 = mx * POW10_WIDE[ky + first]!;
  let num2 = mx * POW10_WIDE[ky + second]!;
  let den = my * POW10_WIDE[kx]!;
  if (!(num1 < LIMIT && num1 > -LIMIT && num2 < LIMIT && num2 > -LIMIT && den < LIMIT && den > -LIMIT)) {
    // large values (`858万`) often share a factor: the quotients of the reduced parts are the same
    const g = gcdNumber(mx, my < 0 ? -my : my);
    if (g <= 1) return Number.NaN;
    num1 = (mx / g) * POW10_WIDE[ky + first]!;
    num2 = (mx / g) * POW10_WIDE[ky + second]!;
    den = (my / g) * POW10_WIDE[kx]!;
    if (!(num1 < LIMIT && num1 > -LIMIT && num2 < LIMIT && num2 > -LIMIT && den < LIMIT && den > -LIMIT)) {
      return Number.NaN;
    }
  }
  let neg = mx < 0;
  if (den < 0) {
    den = -den;
    neg = !neg;
  }
  const u1 = halfUpQuotient(num1 < 0 ? -num1 : num1, den);
  const u2 = halfUpQuotient(num2 < 0 ? -num2 : num2, den);
  QUOTIENT.second = u2 === 0 ? 0 : neg ? -u2 : u2;
  return u1 === 0 ? 0 : neg ? -u1 : u1;
}

/**
 * `toNumber(div(fromNumber(x), fromNumber(y)), digits)` without the Ratio when it stays on doubles (y ≠ 0); NaN
 * when it does not (then the bigint path).
 */
export function quotientNumber(x: number, y: number, digits: number): number {
  const units = quotientUnits(x, y, digits);
  return units / POW10_WIDE[digits]!;
}

/**
 * The text `toDecimalString` gives for units / 10^digits (|units| < 2^53): the fraction's trailing zeros dropped,
 * and the point when nothing is left after it.
 */
export function unitsText(units: number, digits: number): string {
  if (digits === 0 || units === 0) return String(units === 0 ? 0 : units);
  const neg = units < 0;
  const abs = neg ? -units : units;
  const p = POW10_WIDE[digits];
  if (p === undefined || !(abs < 9007199254740992)) return unitsTextSliced(units, digits);
  // whole and fraction by integer division (exact below 2^53, the quotient set right by the remainder)
  const whole = floorQuotient(abs, p);
  let frac = abs - whole * p;
  if (frac === 0) return neg ? `-${whole}` : String(whole);
  let d = digits;
  while (frac % 10 === 0) {
    frac /= 10;
    d--;
  }
  const f = String(frac);
  const text = f.length < d ? `${whole}.${"0".repeat(d - f.length)}${f}` : `${whole}.${f}`;
  return neg ? `-${text}` : text;
}

/** unitsText on the digits' text (any size, any digits). */
function unitsTextSliced(units: number, digits: number): string {
  const neg = units < 0;
  let abs = String(neg ? -units : units);
  if (abs.length <= digits) abs = abs.padStart(digits + 1, "0");
  const cut = abs.length - digits;
  let end = abs.length;
  while (end > cut && abs.charCodeAt(end - 1) === 48) end--;
  const whole = abs.slice(0, cut);
  const text = end === cut ? whole : `${whole}.${abs.slice(cut, end)}`;
  return neg ? `-${text}` : text;
}

/**
 * round(p × x ÷ y, digits) as `mulDivRound(p, fromNumber(x), fromNumber(y), digits)` gives it, for doubles x, y
 * (y > 0); undefined when they do not read as small decimals or a product would pass 2^52.
 */
export function mulDivRoundNumbers(p: Ratio, x: number, y: number, digits: number): Ratio | undefined {
  if (!decimalParts(x)) return undefined;
  const mx = partM;
  const kx = partK;
  if (!decimalParts(y)) return undefined;
  const my = partM;
  const ky = partK;
  if (kx > 15 || ky > 15) return undefined;
  // x ÷ y = (mx · 10^ky) ÷ (my · 10^kx)
  const xn = mx * POW10_WIDE[ky]!;
  const yn = my * POW10_WIDE[kx]!;
  if (!(xn < LIMIT && xn > -LIMIT && yn < LIMIT && yn > 0)) return undefined;
  return mulDivRoundParts(p, xn, 1, yn, 1, digits);
}

/**
 * The largest-remainder distribution of `total` in shares proportional to integer weights (Σ > 0) onto the grid of
 * `digits` decimals, ties to the earlier one: what normalise.ts `distribute(exact, total, digits)` answers for
 * exact_i = total × w_i ÷ Σ w, on doubles. With T = total × 10^d whole, exact_i × 10^d = w_i × T ÷ Σ w, so every
 * remainder has the same denominator Σ w. Undefined when a product would pass 2^52 or total is on neither grid
 * (then the exact path).
 */
export function distributeWeights(weights: readonly number[], total: Ratio, digits: number): Ratio[] | undefined {
  const tn = small(total.n);
  const td = small(total.d);
  if (tn === undefined || td === undefined || tn < 0 || !(digits >= 0 && digits <= 6 && Number.isInteger(digits))) {
    return undefined;
  }
  let w = 0;
  let most = 0;
  for (const x of weights) {
    w += x;
    if (x > most) most = x;
  }
  if (!(w > 0 && w < LIMIT)) return undefined;
  for (let pass = 0; pass < 2; pass++) {
    const d = pass === 0 ? digits : 2;
    if (pass === 1 && digits === 2) break;
    const scaled = tn * POW10[d]!;
    if (!(scaled < LIMIT)) return undefined;
    if (scaled % td !== 0) continue;
    const t = scaled / td;
    if (!(most * t < LIMIT)) return undefined;
    const n = weights.length;
    const units = new Array<number>(n);
    const rests = new Array<number>(n);
    let remaining = t;
    for (let i = 0; i < n; i++) {
      const p = weights[i]! * t;
      const u = floorQuotient(p, w);
      const r = p - u * w;
      units[i] = u;
      rests[i] = r;
      remaining -= u;
    }
    if (remaining > 0) {
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rests[b]! - rests[a]! || a - b);
      for (const i of order) {
        if (remaining <= 0) break;
        units[i]! += 1;
        remaining -= 1;
      }
    }
    if (remaining !== 0) return undefined;
    const out = new Array<Ratio>(n);
    for (let i = 0; i < n; i++) out[i] = unitsRatio(units[i]!, d);
    return out;
  }
  return undefined;
}

/**
 * round(pn ÷ pd × x ÷ y × 10^digits) to an integer, half away from zero, for integers pn, pd (pd > 0) and doubles
 * x, y (y > 0) read exactly as `fromNumber` reads them: the units of `mulDivRound(pn/pd, fromNumber(x),
 * fromNumber(y), digits)` without a Ratio; NaN when a part or a product would pass 2^52 (then the bigint path).
 */
export function mulDivUnits(pn: number, pd: number, x: number, y: number, digits: number): number {
  if (!(digits >= 0 && digits <= 6 && Number.isInteger(digits))) return Number.NaN;
  if (!(pd > 0 && pd < LIMIT && pn < LIMIT && pn > -LIMIT && Number.isInteger(pn) && Number.isInteger(pd))) {
    return Number.NaN;
  }
  if (!decimalParts(x)) return Number.NaN;
  const mx = partM;
  const kx = partK;
  if (!decimalParts(y)) return Number.NaN;
  const my = partM;
  const ky = partK;
  if (kx > 15 || ky > 15) return Number.NaN;
  // pn ÷ pd × x ÷ y × 10^digits = (pn · mx · 10^(ky + digits)) ÷ (pd · my · 10^kx)
  const xn = mx * POW10_WIDE[ky]!;
  const yn = my * POW10_WIDE[kx]!;
  if (!(xn < LIMIT && xn > -LIMIT && yn < LIMIT && yn > 0)) return Number.NaN;
  const num1 = pn * xn;
  const num = num1 * POW10[digits]!;
  const den = pd * yn;
  if (!(num1 < LIMIT && num1 > -LIMIT && num < LIMIT && num > -LIMIT && den < LIMIT)) return Number.NaN;
  const units = halfUpQuotient(num < 0 ? -num : num, den);
  return units === 0 ? 0 : num < 0 ? -units : units;
}

/**
 * A decimal Ratio (or a double, read as `fromNumber` reads it) as an integer of 10^-k units, with the fewest
 * decimals k ≤ maxDigits that hold it exactly, into `UNITS`.
 * False when it has more decimals or its units pass 2^50.
 */
export function ratioUnits(r: Ratio, maxDigits: number): boolean {
  if (!(r.n < LIMIT_BIG && r.n > -LIMIT_BIG && r.d < LIMIT_BIG)) return false;
  if (r.d === 1n) {
    const m = Number(r.n);
    if (!(m < PARTS_LIMIT && m > -PARTS_LIMIT)) return false;
    UNITS.m = m;
    UNITS.k = 0;
    return true;
  }
  const n = Number(r.n);
  const d = Number(r.d);
  for (let k = 0; k <= maxDigits && k < POW10_WIDE.length; k++) {
    const p = POW10_WIDE[k]!;
    if (p % d === 0) {
      const m = n * (p / d);
      if (!(m < PARTS_LIMIT && m > -PARTS_LIMIT)) return false;
      UNITS.m = m === 0 ? 0 : m;
      UNITS.k = k;
      return true;
    }
  }
  return false;
}

/** `ratioUnits` for a double: its shortest decimal m / 10^k when k ≤ maxDigits. */
export function numberUnits(v: number, maxDigits: number): boolean {
  if (!decimalParts(v) || partK > maxDigits) return false;
  UNITS.m = partM;
  UNITS.k = partK;
  return true;
}

/** The last answer of `ratioUnits` / `numberUnits`: m / 10^k (module state, so that the hot path allocates nothing). */
export const UNITS = { m: 0, k: 0 };

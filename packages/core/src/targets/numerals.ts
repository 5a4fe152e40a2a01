/** Chinese numerals (`一`, `两`, `十五`, `一百二十`, `万`) and decimal text as exact ratios. */
import { fromInt, mul, parseDecimal, type Ratio, toNumber } from "../numbers/decimal.ts";

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const BIG: Readonly<Record<string, number>> = { 万: 10_000, 亿: 100_000_000 };

export const CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿";

export function isCnNumeral(ch: string | undefined): boolean {
  return ch !== undefined && ch.length === 1 && CN_NUMERAL_CHARS.includes(ch);
}

/**
 * Value of a run of Chinese numerals, or undefined when the run is not a well-formed number.
 * `十` → 10, `十五` → 15, `一百二十` → 120, `百` → 100 (as in `百余条`), `万` → 10000, `三万五千` → 35000.
 * Runs longer than 20 characters are refused (no real value is written that way).
 */
export function parseCnInt(run: string): bigint | undefined {
  if (run.length === 0 || run.length > 20) return undefined;
  let total = 0n; // completed 万/亿 sections
  let section = 0n; // inside the current section
  let digit: bigint | undefined;
  let lastBig = Number.POSITIVE_INFINITY;
  for (const ch of run) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      // digits in a row are read positionally (`二〇二四`, `零五` → 5)
      digit = digit === undefined ? BigInt(d) : digit * 10n + BigInt(d);
      continue;
    }
    const s = SMALL[ch];
    if (s !== undefined) {
      section += (digit ?? 1n) * BigInt(s);
      digit = undefined;
      continue;
    }
    const b = BIG[ch];
    if (b !== undefined) {
      if (b >= lastBig) {
        // `万万` or `亿` after `万`: multiply the whole so far (`一万亿`)
        total = (total + section + (digit ?? 0n)) * BigInt(b);
      } else {
        total += (section + (digit ?? (section === 0n ? 1n : 0n))) * BigInt(b);
      }
      lastBig = b;
      section = 0n;
      digit = undefined;
      continue;
    }
    return undefined;
  }
  return total + section + (digit ?? 0n);
}

/** Exact value of ASCII decimal text with optional thousands separators (`170,294,599.63`). */
export function parseNumberText(text: string): Ratio | undefined {
  return parseDecimal(text.includes(",") ? text.replace(/,/g, "") : text);
}

export function cnRatio(run: string): Ratio | undefined {
  const v = parseCnInt(run);
  return v === undefined ? undefined : fromInt(v);
}

export function times(r: Ratio, k: number): Ratio {
  return mul(r, fromInt(k));
}

/** A JS number from an exact ratio, for the `value` fields of TargetValue. */
export function num(r: Ratio): number {
  const v = toNumber(r, 10);
  return Object.is(v, -0) ? 0 : v;
}

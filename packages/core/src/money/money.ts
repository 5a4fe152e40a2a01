/**
 * Money as integer fen (分): 1 元 = 100 fen, 1 万元 = 1,000,000 fen.
 *
 * Amounts in the documents come as 元 with two decimals (`170,294,599.63`) or as 万元 with two to six decimals
 * (`0.485` 万元 = 4,850.00 元). Both are held exactly as a bigint of fen; an amount that is not a whole number
 * of fen is an error, never rounded silently. Parse failures are `DomainError("invalid_amount")` quoting the input.
 */
import { DomainError, type Location } from "../errors/domain-error.ts";
import { type Ratio, ratio, toFixed } from "../numbers/decimal.ts";

declare const FEN: unique symbol;
/** A whole number of fen (分). Build one with `fen`, `parseYuan`, `parseWanYuan` or `parseAmount`. */
export type Fen = bigint & { readonly [FEN]: true };

/** The unit an amount is written in. */
export type MoneyUnit = "元" | "万元";

export const FEN_PER_YUAN = 100n;
export const FEN_PER_WAN_YUAN = 1_000_000n;

/** Wraps a bigint count of fen. */
export function fen(value: bigint | number): Fen {
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    throw new RangeError(`fen: ${value} is not a safe integer`);
  }
  return BigInt(value) as Fen;
}

export const ZERO_FEN: Fen = fen(0n);

export function addFen(a: Fen, b: Fen): Fen {
  return (a + b) as Fen;
}
export function subFen(a: Fen, b: Fen): Fen {
  return (a - b) as Fen;
}
export function negFen(a: Fen): Fen {
  return -a as Fen;
}
export function sumFen(values: Iterable<Fen>): Fen {
  let acc = 0n;
  for (const v of values) acc += v;
  return acc as Fen;
}

/** The exact amount in 元 as a Ratio (`12345` fen → 123.45). */
export function fenToYuan(f: Fen): Ratio {
  return ratio(f, FEN_PER_YUAN);
}
/** The exact amount in 万元 as a Ratio (`485000` fen → 0.485). */
export function fenToWanYuan(f: Fen): Ratio {
  return ratio(f, FEN_PER_WAN_YUAN);
}
/** An exact amount of 元 or 万元 as fen; a DomainError when it is not a whole number of fen. */
export function fenFromRatio(r: Ratio, unit: MoneyUnit, location?: Location): Fen {
  const scaled = r.n * (unit === "元" ? FEN_PER_YUAN : FEN_PER_WAN_YUAN);
  if (scaled % r.d !== 0n) {
    const shown = toFixed(r, 8).replace(/\.?0+$/, "");
    throw new DomainError(
      "invalid_amount",
      {
        zh: `${shown}${unit}不是整分的金额（最小单位为分）`,
        en: `${shown} ${unit === "元" ? "yuan" : "10k yuan (万元)"} is not a whole number of fen (0.01 yuan)`,
      },
      location,
    );
  }
  return (scaled / r.d) as Fen;
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing

/** Full-width digits and signs, the ideographic and no-break spaces, `￥`. */
function normalize(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[，]/g, ",")
    .replace(/[．]/g, ".")
    .replace(/[－−–]/g, "-")
    .replace(/[＋]/g, "+")
    .replace(/[\u3000\u00a0\u2002-\u200b]/g, " ")
    .trim();
}

const AMOUNT_RE = /^([+-])?\s*[¥￥]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(元|万元|万|亿元|亿)?$/;
const BLANK_RE = /^(?:|[-—–/／\\]+|无)$/;

interface Parsed {
  value: Ratio;
  /** The unit the text names, if any (`万` counts as 万元, `亿` as 亿元). */
  suffix: "元" | "万元" | "亿元" | undefined;
}

function describeWhy(text: string): { zh: string; en: string } {
  if (/\d,\d/.test(text) && !/^\D*\d{1,3}(?:,\d{3})*(?:\.\d+)?\D*$/.test(text)) {
    return { zh: "千分位逗号的位置不对", en: "the thousands separators are misplaced" };
  }
  if (/\d\.\d*\./.test(text)) return { zh: "有多个小数点", en: "it has more than one decimal point" };
  if (/[eE]/.test(text) && /\d[eE][+-]?\d/.test(text))
    return { zh: "不接受科学计数法", en: "scientific notation is not accepted" };
  if (/调[增减]/.test(text))
    return {
      zh: "「调增」「调减」请写成正负号（调增为“+”，调减为“-”）",
      en: "write 调增/调减 as a sign (increase “+”, decrease “-”)",
    };
  if (/^\(.*\)$|^（.*）$/.test(text))
    return {
      zh: "括号不表示负数，调减请写负号（如 -3,361,340.55）",
      en: "parentheses do not mean negative; write a minus sign for a reduction (e.g. -3,361,340.55)",
    };
  return {
    zh: "应为数字，可带千分位逗号、正负号和单位「元」「万元」",
    en: "expected a number, optionally with thousands separators, a sign and the unit 元 or 万元",
  };
}

function invalid(text: string, why: { zh: string; en: string }, location?: Location): DomainError {
  return new DomainError(
    "invalid_amount",
    { zh: `「${text}」不是有效金额：${why.zh}`, en: `"${text}" is not a valid amount: ${why.en}` },
    location,
  );
}

function parseRaw(text: string, location?: Location): Parsed | undefined {
  const norm = normalize(text);
  if (BLANK_RE.test(norm)) return undefined;
  const m = AMOUNT_RE.exec(norm);
  if (!m) throw invalid(text, describeWhy(norm), location);
  const frac = m[3] ?? "";
  const digits = BigInt((m[2] ?? "0").replace(/,/g, "") + frac);
  const value = ratio(m[1] === "-" ? -digits : digits, 10n ** BigInt(frac.length));
  const s = m[4];
  const suffix = s === undefined ? undefined : s.startsWith("万") ? "万元" : s.startsWith("亿") ? "亿元" : "元";
  return { value, suffix };
}

function toFen(text: string, p: Parsed, defaultUnit: MoneyUnit, location?: Location): Fen {
  const unit = p.suffix ?? defaultUnit;
  const r = unit === "亿元" ? { n: p.value.n * 10_000n, d: p.value.d } : p.value;
  try {
    return fenFromRatio(r, unit === "元" ? "元" : "万元", location);
  } catch {
    throw invalid(
      text,
      {
        zh: `不是整分的金额（${unit}最多 ${unit === "元" ? 2 : unit === "万元" ? 6 : 10} 位小数）`,
        en: `not a whole number of fen (at most ${unit === "元" ? 2 : unit === "万元" ? 6 : 10} decimals in ${unit})`,
      },
      location,
    );
  }
}

function emptyError(text: string, location?: Location): DomainError {
  return invalid(text, { zh: "金额为空", en: "the amount is empty" }, location);
}

/**
 * An amount written in 元: `170,294,599.63`, `349.00`, `-3,361,340.55`, `１２.５元`, `￥1,000`.
 * Up to two significant decimals (`1.230` is accepted, `1.235` is not). Empty text is an error.
 */
export function parseYuan(text: string, location?: Location): Fen {
  const p = parseRaw(text, location);
  if (!p) throw emptyError(text, location);
  if (p.suffix !== undefined && p.suffix !== "元") {
    throw invalid(
      text,
      { zh: `单位是「${p.suffix}」，这里要求「元」`, en: `its unit is ${p.suffix}; 元 (yuan) is expected here` },
      location,
    );
  }
  return toFen(text, p, "元", location);
}

/**
 * An amount written in 万元: `0.485` (= 4,850.00 元), `2953.33`, `17,029.459963`, `333万`.
 * Up to six significant decimals (one fen); more is an error. Empty text is an error.
 */
export function parseWanYuan(text: string, location?: Location): Fen {
  const p = parseRaw(text, location);
  if (!p) throw emptyError(text, location);
  if (p.suffix !== undefined && p.suffix !== "万元") {
    throw invalid(
      text,
      {
        zh: `单位是「${p.suffix}」，这里要求「万元」`,
        en: `its unit is ${p.suffix}; 万元 (10k yuan) is expected here`,
      },
      location,
    );
  }
  return toFen(text, p, "万元", location);
}

export interface ParseAmountOptions {
  /** The unit of a bare number (a table's header unit). Default `元`. */
  unit?: MoneyUnit;
  location?: Location;
}

/**
 * A table cell holding an amount: a bare number in `options.unit` (default 元), or a number with its own unit
 * (`333万` / `333万元` = 3,330,000 元, `12元`, `1.2亿元`). Signs `+ - － −`, full-width digits and commas, `￥`.
 * An empty cell or a dash-only cell (`-`, `—`, `/`, `无`) is `undefined`: no amount written.
 * Words such as `（调减）` are an error: a reduction is written with a minus sign.
 */
export function parseAmount(text: string | undefined | null, options: ParseAmountOptions = {}): Fen | undefined {
  if (text === undefined || text === null) return undefined;
  const p = parseRaw(text, options.location);
  if (!p) return undefined;
  return toFen(text, p, options.unit ?? "元", options.location);
}

// ---------------------------------------------------------------------------------------------------------------
// Formatting

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function withGrouping(fixed: string, grouping: boolean): string {
  if (!grouping) return fixed;
  const neg = fixed.startsWith("-");
  const body = neg ? fixed.slice(1) : fixed;
  const [whole, frac] = body.split(".") as [string, string | undefined];
  return `${neg ? "-" : ""}${whole.length > 3 ? group(whole) : whole}${frac !== undefined ? `.${frac}` : ""}`;
}

export interface FormatOptions {
  /** Thousands separators (default true). */
  grouping?: boolean;
}

/** `17029459963n` → `170,294,599.63`; always two decimals. */
export function formatYuan(f: Fen, options: FormatOptions = {}): string {
  if ((options.grouping ?? true) && f >= 0n && f <= SAFE_FEN) return groupedUnits(Number(f), 2);
  return withGrouping(toFixed(fenToYuan(f), 2), options.grouping ?? true);
}

const SAFE_FEN = BigInt(Number.MAX_SAFE_INTEGER);
const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];

/** ⌊a ÷ b⌋ for integers 0 ≤ a < 2^53, 0 < b ≤ 10^6: the double quotient set right by the remainder. */
function floorDiv(a: number, b: number): number {
  const q = Math.floor(a / b);
  const r = a - q * b;
  return r < 0 ? q - 1 : r >= b ? q + 1 : q;
}

/**
 * units ÷ 10^decimals (0 ≤ units < 2^53) with thousands separators and exactly `decimals` decimals: what
 * `withGrouping(toFixed(…), true)` prints, on integers (a statement prints two amounts per evaluation).
 */
function groupedUnits(units: number, decimals: number): string {
  const p = POW10[decimals]!;
  const whole = floorDiv(units, p);
  const w = whole >= 1000 ? group(String(whole)) : String(whole);
  if (decimals === 0) return w;
  return `${w}.${String(units - whole * p).padStart(decimals, "0")}`;
}

/**
 * In 万元 with `decimals` decimals (default 2), rounded half away from zero:
 * 170,294,599.63 元 → `17,029.46`; 4,850.00 元 with 4 decimals → `0.4850`.
 */
export function formatWanYuan(f: Fen, decimals = 2, options: FormatOptions = {}): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) {
    throw new RangeError(`formatWanYuan: decimals must be an integer 0–6, got ${decimals}`);
  }
  if ((options.grouping ?? true) && f >= 0n && f <= SAFE_FEN) {
    // 10^-decimals 万元 is 10^(6 − decimals) fen: the units rounded half up (f ≥ 0: half away from zero)
    const fen = Number(f);
    const per = POW10[6 - decimals]!;
    const q = floorDiv(fen, per);
    return groupedUnits((fen - q * per) * 2 >= per ? q + 1 : q, decimals);
  }
  return withGrouping(toFixed(fenToWanYuan(f), decimals), options.grouping ?? true);
}

/**
 * In 万元 exactly: thousands separators and two decimals, more only when the amount has them (4,850.00 元 →
 * `0.485`, never rounded to `0.49`): what a person reads beside the forms' figures.
 */
export function formatWanYuanExact(f: Fen, options: FormatOptions = {}): string {
  const abs = f < 0n ? -f : f;
  const frac = (abs % 10_000n).toString().padStart(4, "0").replace(/0+$/, "");
  return formatWanYuan(f, 2 + frac.length, options);
}

/** An amount for a message: in 万元 as the forms print it, with the exact 元 beside it: `50.00 万元（500,000.00 元）`. */
export function formatWanAndYuan(f: Fen): string {
  return `${formatWanYuanExact(f)} 万元（${formatYuan(f)} 元）`;
}

/** An amount in the given unit, with that unit's usual decimals (元: 2, 万元: 2 unless told). */
export function formatAmount(f: Fen, unit: MoneyUnit, decimals?: number, options: FormatOptions = {}): string {
  return unit === "元" ? formatYuan(f, options) : formatWanYuan(f, decimals ?? 2, options);
}

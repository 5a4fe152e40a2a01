/**
 * Reading a target value (指标值) as written: `≥100人`, `≤500元/人/天`, `50%-70%`, `2024年12月30日前`,
 * `每月一次`, `符合相关规定`, `汉警快骑辅警 36 名、辅警 266 名共 302 名`…
 *
 * `parseTarget` never throws and does linear work on a bounded prefix of the text: no regular expression
 * here has nested or adjacent unbounded quantifiers, and texts longer than MAX_STRUCTURED characters are
 * only classified by their words.
 */

import { fromInt, mul, type Ratio } from "../numbers/decimal.ts";
import {
  IMPROVES_WORDS,
  MEETS_WORDS,
  PERCENT_UNITS,
  PERIODS,
  PLACEHOLDER_RE,
  PREFIX_OPS,
  SATISFIED_WORDS,
  SUFFIX_OPS,
  UNITS,
} from "./lexicon.ts";
import { CN_NUMERAL_CHARS, cnRatio, num, parseNumberText } from "./numerals.ts";
import { serialDeadline } from "./serial-date.ts";
import type { Op, TargetValue } from "./types.ts";

export interface ParseHints {
  /** The operator from a separate column (计算符号 / 指标性质), used when the text has none. */
  op?: Op;
  /** The unit from a separate column (计量单位 / 度量单位), used when the text has none; `万元` folds 万. */
  unit?: string;
  /** The column holds percentages: a bare `0.8` means 80%, a bare `95` means 95%. */
  percentColumn?: boolean;
  /** The year of the document, for deadlines written without one (`年内`, `年底前`). */
  year?: number;
  /**
   * The cell asks for a date (a 时效 indicator, a name or unit saying 时间 / 日期): a whole number alone in the
   * range of a spreadsheet's serial dates for 2000–2050 (`44,561`) is that date, its cell format lost.
   */
  dateSerial?: boolean;
  /**
   * The indicator is a share of a whole (a 满意度, a 覆盖率, a 合格率: see isShareName), which cannot pass 100%:
   * a target such as `290%` with no operator is the `≥90%` of a scanned form whose OCR read `≥` as `2`.
   */
  share?: boolean;
}

/** Names of rates that are shares of a whole: they end in 率 / 比例 / 占比, or ask for 满意 (满意度调查), and name no change. */
const SHARE_NAME = /(?:率|比例|比率|占比)[。.]?$|满意/;
const CHANGE_NAME = /增长|增幅|增速|增加|变动|变化|提高|提升|上升|下降|降低|减少|节约|节省|周转|回报|收益|利润|溢价/;

/** Whether an indicator's name names a share of a whole (满意度, 覆盖率), not a change (增长率) or a return. */
export function isShareName(name: string): boolean {
  const t = name.replace(/\s+/g, "");
  return SHARE_NAME.test(t) && !CHANGE_NAME.test(t);
}

/** `2` + a percentage of 10–100 + `%`: the `≥NN%` of a share whose `≥` OCR read as `2` (over 100%: 210%–2100%). */
const OCR_GE_PERCENT = /^2((?:100(?:\.0+)?|[1-9]\d(?:\.\d+)?))%$/;

/** Texts longer than this (after removing spaces) are classified by their words only. */
export const MAX_STRUCTURED = 400;

/** Entries of a word list by the code of the word's first character, in the list's order. */
function byFirstChar<T>(list: readonly T[], word: (t: T) => string): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const t of list) {
    const k = word(t).charCodeAt(0);
    const bucket = m.get(k);
    if (bucket) bucket.push(t);
    else m.set(k, [t]);
  }
  return m;
}

/** Units by first character, longest first, so a lookup tries a handful instead of the whole list. */
const UNITS_BY_FIRST = byFirstChar(
  [...UNITS].sort((a, b) => b.length - a.length),
  (u) => u,
);
function unitAt(s: string, j: number): string | undefined {
  const bucket = UNITS_BY_FIRST.get(s.charCodeAt(j));
  if (bucket) for (const u of bucket) if (s.startsWith(u, j)) return u;
  return undefined;
}
const PERCENT_BY_FIRST = byFirstChar(PERCENT_UNITS, ([w]) => w);
/** The first percent spelling (in PERCENT_UNITS order) at j. */
function percentAt(s: string, j: number): readonly [string, string] | undefined {
  const bucket = PERCENT_BY_FIRST.get(s.charCodeAt(j));
  if (bucket) for (const e of bucket) if (s.startsWith(e[0], j)) return e;
  return undefined;
}
const SUFFIX_BY_FIRST = byFirstChar(SUFFIX_OPS, ([w]) => w);
/** Prefix operator words by their last character, longest first: the longest word ending at a position. */
const PREFIX_BY_LAST = new Map<number, (readonly [string, Op])[]>();
for (const e of [...PREFIX_OPS].sort((a, b) => b[0].length - a[0].length)) {
  const k = e[0].charCodeAt(e[0].length - 1);
  const bucket = PREFIX_BY_LAST.get(k);
  if (bucket) bucket.push(e);
  else PREFIX_BY_LAST.set(k, [e]);
}
const HAN_RUN = /^[\u4e00-\u9fff]+$/;
/** At most this many numbers are read from one text; real cells hold a handful. */
const MAX_QUANTITIES = 20;
/** A compound value has at most this many measures; more numbers in separate clauses read as a list. */
const MAX_PARTS = 6;
const DASHES = "-—–~〜至到";
const DELIMS = ",;、。!?";
const OP_SYMBOL_CHARS = "≥≤<>=≧≦⩾⩽";
/** Character codes, so that a lookup does not make a one-character string. */
function codes(chars: string): Set<number> {
  return new Set([...chars].map((c) => c.charCodeAt(0)));
}
const OP_SYMBOL_CODES = codes(OP_SYMBOL_CHARS);
const DASH_CODES = codes(DASHES);
const DELIM_CODES = codes(DELIMS);
const CODE_NIAN = "年".charCodeAt(0);
const CODE_YUE = "月".charCodeAt(0);
const CODE_WAN = "万".charCodeAt(0);
const CODE_YI = "亿".charCodeAt(0);
const CODE_YU = "余".charCodeAt(0);
const CODE_DUO = "多".charCodeAt(0);
const TEN_THOUSAND = fromInt(10_000);
const HUNDRED_MILLION = fromInt(100_000_000);

/** No hints (shared: hints are only read). */
const NO_HINTS: ParseHints = Object.freeze({});

export function parseTarget(text: string, hints: ParseHints = NO_HINTS): TargetValue {
  return parseGuarded(text, hints, true);
}

function parseGuarded(text: string, hints: ParseHints | undefined, shortcuts: boolean): TargetValue {
  try {
    return parseInner(typeof text === "string" ? text : String(text), hints ?? NO_HINTS, shortcuts);
  } catch (e) {
    // Defensive: the reader must never break an import. Nothing below is expected to throw.
    return { kind: "qualitative", text: String(text), note: `无法解析：${(e as Error)?.message ?? e}` };
  }
}

/**
 * Characters that NFKC leaves alone and that never combine with a neighbour, besides printable ASCII and the
 * CJK unified ideographs: a text made only of these (and none of `(`, whitespace, a trailing full stop) is
 * already normalised.
 */
const STABLE_SYMBOLS = new Set([..."≥≤‰—–、“”‘’〜≧≦⩾⩽"].map((c) => c.charCodeAt(0)));

/** Whether `normalizeTargetText` would return the text unchanged, decided without normalising it. */
function isNormalized(text: string): boolean {
  if (typeof text !== "string") return false; // untyped callers: the full path fails as it always did
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) {
      if (c === 0x28 /* ( */) return false;
    } else if (!(c >= 0x4e00 && c <= 0x9fff) && !STABLE_SYMBOLS.has(c)) return false;
  }
  return true;
}

/** NFKC (full-width `＞＝％１` → `>=%1`), no whitespace, `(含)` removed, trailing full stops removed. */
export function normalizeTargetText(text: string): string {
  return isNormalized(text) ? text : normalizeFully(text);
}

function normalizeFully(text: string): string {
  // squared/cubed unit signs would become `m2`/`km` under NFKC: name them first
  let s = text
    .replace(/㎡/g, "平方米")
    .replace(/㎥/g, "立方米")
    .replace(/㎞/g, "千米")
    .normalize("NFKC")
    .replace(/\s+/g, "");
  s = s.replace(/\((?:含|包含|包括)\)/g, "");
  s = s.replace(/[。．]+$/, "");
  return s;
}

/**
 * The readings without the shortcuts (`normalizeTargetText`'s check for text that is already normal, and
 * `parseTarget`'s direct route for a plain number), for the tests that prove the shortcuts change nothing.
 */
export const withoutShortcuts = {
  parseTarget: (text: string, hints: ParseHints = NO_HINTS): TargetValue => parseGuarded(text, hints, false),
  normalizeTargetText: (text: string): string => normalizeFully(text),
};

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Whether `s` is a plain number that none of the frequency, deadline or "none" readings can claim, so that it
 * goes straight to the reading of quantities: operator symbols, one run of ASCII digits (with at most one
 * decimal point), then words without digits, without 每 and not starting with 年 or 月. None of those readings
 * can match such a text: a frequency needs 每; a date needs two digit groups around separators, or digits
 * right before 年 or 月; the other deadline words and the "none" words are anchored at the start, where
 * there is an operator or a digit (`0人` is a number for the "none" reading too).
 */
function isPlainNumber(s: string): boolean {
  let i = 0;
  while (OP_SYMBOL_CODES.has(s.charCodeAt(i))) i++;
  if (!isDigitCode(s.charCodeAt(i))) return false;
  while (isDigitCode(s.charCodeAt(i))) i++;
  if (s.charCodeAt(i) === 46 /* . */ && isDigitCode(s.charCodeAt(i + 1))) {
    i++;
    while (isDigitCode(s.charCodeAt(i))) i++;
  }
  const next = s.charCodeAt(i);
  if (next === CODE_NIAN || next === CODE_YUE) return false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigitCode(c) || c === 0x6bcf /* 每 */) return false;
  }
  return true;
}

function parseInner(text: string, hints: ParseHints, shortcuts = true): TargetValue {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "qualitative", text, note: "空白" };
  if (PLACEHOLDER_RE.test(trimmed) && trimmed.length <= 20) {
    return { kind: "qualitative", text, note: "占位符，未填写指标值" };
  }
  const head = trimmed.length > 4 * MAX_STRUCTURED ? trimmed.slice(0, 4 * MAX_STRUCTURED) : trimmed;
  const s = shortcuts ? normalizeTargetText(head) : normalizeFully(head);
  if (s.length > MAX_STRUCTURED) {
    return withQuality(text, `文字过长（${trimmed.length} 字），只按用语判断`, s);
  }
  if (s === "") return { kind: "qualitative", text, note: "空白" };

  if (hints.dateSerial) {
    const serial = serialDeadline(text);
    if (serial) return serial;
  }
  const plain = shortcuts && isPlainNumber(s);
  if (!plain) {
    const freq = parseFrequency(s, text);
    if (freq) return freq;
    const deadline = parseDeadline(s, text, hints);
    if (deadline) return deadline;
    const none = parseNone(s, text);
    if (none) return none;
  }
  const quantity = parseQuantities(s, text, hints, shortcuts, plain ? lonePlainQuantity(s) : undefined);
  if (quantity) return quantity;
  const growth = parseGrowthWords(s, text);
  if (growth) return growth;
  return withQuality(text, undefined, s);
}

// ---------------------------------------------------------------------------------------------------------
// qualitative words

/** The polarity of qualitative words, or undefined when none is recognised. */
export function qualityOf(s: string): TargetValue["quality"] {
  if (isNoneText(s)) return "none";
  if (includesAny(s, SATISFIED_WORDS) && !s.includes("不满意")) return "satisfied";
  if (includesAny(s, IMPROVES_WORDS)) return "improves";
  if (includesAny(s, MEETS_WORDS)) return "meets";
  return undefined;
}

function includesAny(s: string, words: readonly string[]): boolean {
  for (const w of words) if (s.includes(w)) return true;
  return false;
}

/** A qualitative value with the polarity of its words, or a note that nothing was recognised (key order kept). */
function withQuality(text: string, note: string | undefined, s: string): TargetValue {
  const q = qualityOf(s);
  const v: TargetValue = { kind: "qualitative", text };
  if (q) {
    if (note !== undefined) v.note = note;
    v.quality = q;
  } else v.note = note ?? "未能识别为数值、日期或已知的定性用语";
  return v;
}

const NONE_LEAD = /^(?:全年|年内|全程|确保|实现|保持|做到)?(?:无|零|杜绝|未发生|不发生|没有|0(?=[^0-9.%‰]))/;

function isNoneText(s: string): boolean {
  if (s.startsWith("无法") || s.startsWith("无线")) return false;
  const m = NONE_LEAD.exec(s);
  if (!m) return false;
  // `0个` is a number; `全年0事故` / `零事故` / `无行政复议` are a statement that something does not happen
  if (m[0].endsWith("0")) return m[0].length > 1 && !/[0-9]/.test(s.slice(m[0].length));
  return !/[0-9]/.test(s.slice(m[0].length));
}

function parseNone(s: string, text: string): TargetValue | undefined {
  if (!isNoneText(s)) return undefined;
  return { kind: "qualitative", text, quality: "none" };
}

function parseGrowthWords(s: string, text: string): TargetValue | undefined {
  const neg = s.indexOf("负增长");
  if (neg >= 0) {
    return numeric(text, "<", 0, undefined, labelOf(s.slice(0, neg)), "负增长，按 <0 理解");
  }
  const zero = s.search(/零增长|无增长/);
  if (zero >= 0) return numeric(text, "=", 0, undefined, labelOf(s.slice(0, zero)), "零增长，按 =0 理解");
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// frequencies: 每月一次, 每年4次, 至少每季度1次

const FREQ_RE =
  /(至少|最少|不少于|不低于|最多|至多|不超过|不多于)?每(半年|个季度|季度|季|个月|月|星期|周|年|天|日)(至少|不少于|不超过|最多)?([0-9]{1,6}|[零一二两三四五六七八九十百]{1,6})(次|回|场|期|篇|批|轮)/;

function parseFrequency(s: string, text: string): TargetValue | undefined {
  if (!s.includes("每")) return undefined;
  const m = FREQ_RE.exec(s);
  if (!m) return undefined;
  const [, before, periodWord = "", after, count = "", unit = "次"] = m;
  const opWord = before ?? after;
  const r = /[0-9]/.test(count) ? parseNumberText(count) : cnRatio(count);
  const p = PERIODS.find(([w]) => w === periodWord);
  if (!r || !p) return undefined;
  const [, period, mult] = p;
  const v: TargetValue = { kind: "frequency", text, value: num(mul(r, fromInt(mult))), period, unit };
  if (opWord) v.op = ["最多", "至多", "不超过", "不多于"].includes(opWord) ? "<=" : ">=";
  const rest = (s.slice(0, m.index) + s.slice(m.index + m[0].length)).replace(/^[,;、]+|[,;、]+$/g, "");
  const notes: string[] = [];
  if (mult !== 1) notes.push(`每${periodWord}${count}${unit}，按每年 ${num(mul(r, fromInt(mult)))} ${unit}理解`);
  if (rest) notes.push(`另有文字：${rest}`);
  if (notes.length) v.note = notes.join("；");
  return v;
}

// ---------------------------------------------------------------------------------------------------------
// deadlines: 2024年12月30日前, 2024年12月底之前, 2024年年底, 2024年度内, 年内, 法律规定时间内

const CN_DATE_RE = /((?:19|20)[0-9]{2})年(度)?(?:([0-9]{1,2})月份?)?(?:([0-9]{1,2})[日号])?/;
const ISO_DATE_RE = /(?<![0-9.])((?:19|20)[0-9]{2})([-./])([0-9]{1,2})\2([0-9]{1,2})(?![0-9]|\.[0-9]|%)/;
const UNDATED_YEAR_END =
  /^(?:本年度内|本年内|年度内|年内|当年内|当年|本年底前|本年底|年底之前|年底前|年底|年末前|年末)/;
const LEGAL_TERM = /^(?:法律规定时间内|法律规定时限内|法定时限内|法定期限内|规定时间内|规定时限内|规定期限内|规定时间)/;

const MONTH_DAY_RE = /^([0-9]{1,2})月(?:([0-9]{1,2})[日号])?(底|末)?(之前|以前|前)?$/;

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isDigitCode(s.charCodeAt(i))) return true;
  return false;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysIn(y: number, m: number): number {
  // the Gregorian calendar as Date has it, for the four-digit years and months written in documents
  if (Number.isInteger(y) && y >= 100 && y <= 9999 && Number.isInteger(m) && m >= 1 && m <= 12) {
    if (m !== 2) return MONTH_DAYS[m - 1] as number;
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  }
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
function iso(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

function parseDeadline(s: string, text: string, hints: ParseHints): TargetValue | undefined {
  // both dates need digits, the Chinese one 年
  const digits = hasDigit(s);
  const isoM = digits ? ISO_DATE_RE.exec(s) : null;
  const cnM = isoM || !digits || !s.includes("年") ? null : CN_DATE_RE.exec(s);
  if (isoM || cnM) {
    const m = (isoM ?? cnM) as RegExpExecArray;
    const y = Number(m[1]);
    const month = isoM ? Number(isoM[3]) : cnM?.[3] ? Number(cnM[3]) : undefined;
    const day = isoM ? Number(isoM[4]) : cnM?.[4] ? Number(cnM[4]) : undefined;
    const head = s.slice(0, m.index);
    let tail = s.slice(m.index + m[0].length);
    if (month !== undefined && (month < 1 || month > 12)) {
      return { kind: "qualitative", text, note: `日期无效：${m[0]}` };
    }
    if (month !== undefined && day !== undefined && (day < 1 || day > daysIn(y, month))) {
      return { kind: "qualitative", text, note: `日期无效：${m[0]}` };
    }
    const notes: string[] = [];
    let date: string;
    let inclusive = true;
    const eat = (re: RegExp): string | undefined => {
      const t = re.exec(tail);
      if (!t) return undefined;
      tail = tail.slice(t[0].length);
      return t[0];
    };
    if (day !== undefined && month !== undefined) {
      date = iso(y, month, day);
      const w = eat(/^(?:及以前|以前|之前|前|止|为止)/);
      if (w === "前" || w === "之前") inclusive = false;
    } else if (month !== undefined) {
      const end = eat(/^(?:底|末|下旬)/);
      if (end) {
        date = iso(y, month, daysIn(y, month));
        eat(/^(?:之前|以前|前)/);
      } else if (eat(/^(?:之前|以前|前)/)) {
        date = iso(y, month, 1);
        inclusive = false;
        notes.push(`${month}月前，按 ${date} 之前理解`);
      } else {
        date = iso(y, month, daysIn(y, month));
        notes.push("只写月份，按月底理解");
      }
    } else {
      const part = eat(/^(?:年底|年末|底|末|内|上半年|下半年|第?[一二三四1-4]季度)/);
      if (part === "上半年") date = iso(y, 6, 30);
      else if (part?.includes("季度")) {
        const q = "一1".includes(part.at(-3) ?? "")
          ? 1
          : "二2".includes(part.at(-3) ?? "")
            ? 2
            : "三3".includes(part.at(-3) ?? "")
              ? 3
              : 4;
        date = iso(y, q * 3, daysIn(y, q * 3));
      } else if (part) {
        date = iso(y, 12, 31);
        eat(/^(?:之前|以前|前)/);
      } else if (eat(/^(?:之前|以前|前)/)) {
        date = iso(y, 1, 1);
        inclusive = false;
      } else {
        date = iso(y, 12, 31);
        if (!cnM?.[2]) notes.push("只写年份，按年底理解");
      }
      eat(/^内/);
    }
    // (nothing to look at when the date stands alone)
    if (head !== "") {
      if (/(?:截至|截止|不晚于|不迟于)$/.test(head)) inclusive = true;
      if (/(?:早于)$/.test(head)) inclusive = false;
    }
    if (tail !== "") {
      tail = tail.replace(/^(?:完成|完工|到位|到货|验收|前完成)/, (w) => {
        notes.push(`“${w}”`);
        return "";
      });
    }
    const headRest = head === "" ? "" : head.replace(/(?:截至|截止|不晚于|不迟于|早于|于|在)$/, "");
    const rest =
      headRest === "" && tail === ""
        ? ""
        : (headRest + (headRest && tail ? "…" : "") + tail).replace(/^[,;、]+|[,;、]+$/g, "");
    if (rest) notes.push(`另有文字：${rest}`);
    const v: TargetValue = { kind: "deadline", text, date, inclusive };
    if (notes.length) v.note = notes.join("；");
    return v;
  }
  if (UNDATED_YEAR_END.test(s)) {
    const v: TargetValue = { kind: "deadline", text, inclusive: true };
    if (hints.year !== undefined && Number.isInteger(hints.year)) {
      v.date = iso(hints.year, 12, 31);
      v.note = `未写年份，按 ${hints.year} 年底理解`;
    } else v.note = "未写年份：年底之前";
    const rest = s.replace(UNDATED_YEAR_END, "");
    if (rest) v.note += `；另有文字：${rest}`;
    return v;
  }
  const md = hints.year !== undefined && digits ? MONTH_DAY_RE.exec(s) : null;
  if (md && hints.year !== undefined) {
    const month = Number(md[1]);
    if (month >= 1 && month <= 12) {
      const day = md[2] ? Number(md[2]) : daysIn(hints.year, month);
      if (day >= 1 && day <= daysIn(hints.year, month)) {
        const exclusive = !!md[2] && (md[4] === "前" || md[4] === "之前");
        return {
          kind: "deadline",
          text,
          date: iso(hints.year, month, day),
          inclusive: !exclusive,
          note: `未写年份，按 ${hints.year} 年理解`,
        };
      }
    }
  }
  if (LEGAL_TERM.test(s)) {
    return { kind: "deadline", text, inclusive: true, note: "法定或规定时限，无具体日期" };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// numbers with operators, units, ranges

interface Quantity {
  start: number;
  end: number;
  numStart: number;
  value: Ratio;
  unit?: string;
  op?: Op;
  opConflict?: string;
  approx?: boolean;
  label?: string;
  range?: { min: Ratio; max: Ratio; reversed: boolean };
  seg: number;
}

interface RawNumber {
  start: number;
  end: number;
  value: Ratio;
  chinese: boolean;
  prefixUnit?: string;
}

/** A digit at i (false past the end). */
function digitAt(s: string, i: number): boolean {
  return isDigitCode(s.charCodeAt(i));
}

/** Reads `123`, `1,234.5`, `0.82` at i; returns the end index. */
function readDigits(s: string, i: number): number {
  let j = i;
  while (digitAt(s, j)) j++;
  // thousands groups: ,ddd not followed by a digit
  while (
    s.charCodeAt(j) === 44 /* , */ &&
    digitAt(s, j + 1) &&
    digitAt(s, j + 2) &&
    digitAt(s, j + 3) &&
    !digitAt(s, j + 4)
  )
    j += 4;
  if (s.charCodeAt(j) === 46 /* . */ && digitAt(s, j + 1)) {
    j++;
    while (digitAt(s, j)) j++;
  }
  return j;
}

const PERCENT_PREFIXES = [
  ["百分之", "%"],
  ["千分之", "‰"],
] as const;

const CN_NUMERAL_CODES = new Set([...CN_NUMERAL_CHARS].map((c) => c.charCodeAt(0)));
const CODE_BAI = "百".charCodeAt(0);
const CODE_QIAN = "千".charCodeAt(0);
const CODE_DI = "第".charCodeAt(0);

/** Whether a number can start at a character: a digit or a Chinese numeral (`百分之`, `千分之` among them). */
function mayStartNumber(c: number): boolean {
  return isDigitCode(c) || CN_NUMERAL_CODES.has(c);
}

function readRawNumber(s: string, i: number): RawNumber | undefined {
  const c = s.charCodeAt(i);
  if (c === CODE_BAI || c === CODE_QIAN) {
    for (const [w, u] of PERCENT_PREFIXES) {
      if (s.startsWith(w, i)) {
        const inner = readRawNumber(s, i + w.length);
        if (inner && !inner.prefixUnit) return { ...inner, start: i, prefixUnit: u };
        return undefined;
      }
    }
  }
  if (isDigitCode(c)) {
    const end = readDigits(s, i);
    const value = parseNumberText(s.slice(i, end));
    if (!value) return undefined;
    let start = i;
    let v = value;
    if (
      s.charCodeAt(i - 1) === 45 /* - */ &&
      (i - 1 === 0 || OP_SYMBOL_CHARS.includes(s[i - 2] ?? "") || DELIMS.includes(s[i - 2] ?? ""))
    ) {
      start = i - 1;
      v = { n: -value.n, d: value.d };
    }
    return { start, end, value: v, chinese: false };
  }
  if (CN_NUMERAL_CODES.has(c) && s.charCodeAt(i - 1) !== CODE_DI) {
    let j = i;
    while (CN_NUMERAL_CODES.has(s.charCodeAt(j)) && j - i < 20) j++;
    const value = cnRatio(s.slice(i, j));
    if (!value) return undefined;
    return { start: i, end: j, value, chinese: true };
  }
  return undefined;
}

/**
 * The unit after a number: `%`, `元/人/天`, or one written in parentheses as many provinces' forms do
 * (`=100.00(%)`, `≥90.00(%)`, `≤500(元/人/天)`; full-width brackets are folded to these by normalisation).
 */
function readUnit(s: string, j: number): { unit: string; end: number } | undefined {
  if (s.charCodeAt(j) === 40 /* ( */) {
    const inner = readBareUnit(s, j + 1);
    if (inner && s.charCodeAt(inner.end) === 41 /* ) */) return { unit: inner.unit, end: inner.end + 1 };
    return undefined;
  }
  return readBareUnit(s, j);
}

function readBareUnit(s: string, j: number): { unit: string; end: number } | undefined {
  const pct = percentAt(s, j);
  if (pct) return { unit: pct[1], end: j + pct[0].length };
  const base = unitAt(s, j);
  if (!base) return undefined;
  let unit = base;
  let end = j + base.length;
  while (s.charCodeAt(end) === 47 /* / */) {
    const next = unitAt(s, end + 1);
    if (!next) break;
    unit += `/${next}`;
    end += 1 + next.length;
  }
  return { unit, end };
}

/** Reads number + 万 + 余 + unit + 以上… starting at a raw number. */
function readQuantity(s: string, raw: RawNumber, seg: number): Quantity | undefined {
  let j = raw.end;
  let value = raw.value;
  let unit = raw.prefixUnit;
  let approx = false;
  let op: Op | undefined;
  if (!unit) {
    // `(万元)`: the 万 of a bracketed unit scales the number as it does unbracketed
    const b = s.charCodeAt(j + 1);
    if (!raw.chinese && s.charCodeAt(j) === 40 && (b === CODE_WAN || b === CODE_YI)) {
      const inner = readBareUnit(s, j + 2);
      if (inner && s.charCodeAt(inner.end) === 41) {
        value = mul(value, b === CODE_WAN ? TEN_THOUSAND : HUNDRED_MILLION);
        unit = inner.unit;
        j = inner.end + 1;
      }
    }
  }
  if (!unit) {
    const c = s.charCodeAt(j);
    if (!raw.chinese && (c === CODE_WAN || c === CODE_YI)) {
      value = mul(value, c === CODE_WAN ? TEN_THOUSAND : HUNDRED_MILLION);
      j++;
    }
    const c2 = s.charCodeAt(j);
    if (c2 === CODE_YU || c2 === CODE_DUO) {
      approx = true;
      j++;
    }
    const u = readUnit(s, j);
    if (u && !(raw.chinese && u.unit === "分")) {
      unit = u.unit;
      j = u.end;
    }
  }
  if (raw.chinese && !unit && !raw.prefixUnit) {
    // Chinese numerals are numbers only next to a unit (`一个红灯`, `百余条`), or as `为零`
    const atEnd = j >= s.length || DELIM_CODES.has(s.charCodeAt(j));
    if (!(s[raw.start - 1] === "为" && atEnd)) return undefined;
  }
  const suffixes = SUFFIX_BY_FIRST.get(s.charCodeAt(j));
  if (suffixes) {
    for (const [w, o] of suffixes) {
      if (s.startsWith(w, j)) {
        if (w === "内" && !(j + 1 >= s.length || DELIM_CODES.has(s.charCodeAt(j + 1)))) continue;
        op = o;
        j += w.length;
        break;
      }
    }
  }
  if (!op && unit && j < s.length) {
    // a noun between the unit and the word: `三个红灯以上` (nothing to look at past the end)
    let segEnd = j;
    while (segEnd < s.length && !DELIM_CODES.has(s.charCodeAt(segEnd)) && segEnd - j <= 8) segEnd++;
    const rest = s.slice(j, segEnd);
    if (segEnd >= s.length || DELIM_CODES.has(s.charCodeAt(segEnd))) {
      for (const [w, o] of SUFFIX_OPS) {
        if (w === "内" || !rest.endsWith(w)) continue;
        const noun = rest.slice(0, rest.length - w.length);
        if (noun.length > 0 && noun.length <= 6 && HAN_RUN.test(noun)) {
          op = o;
          j = segEnd;
        }
        break;
      }
    }
  }
  if (!unit) {
    const u = percentAt(s, j);
    if (u) {
      unit = u[1];
      j += u[0].length;
    }
  }
  if (s.startsWith("左右", j)) j += 2;
  const q: Quantity = { start: raw.start, end: j, numStart: raw.start, value, seg };
  if (unit) q.unit = unit;
  if (op) q.op = op;
  if (approx) q.approx = true;
  return q;
}

function segmentStarts(s: string): number[] {
  const starts = [0];
  for (let i = 0; i < s.length; i++) if (DELIM_CODES.has(s.charCodeAt(i))) starts.push(i + 1);
  return starts;
}

/**
 * The operator word of PREFIX_OPS that ends last in `slice` (each word at its last occurrence), the longest
 * one when several end there. Read from the end: the first position where some word ends is that end.
 */
function findPrefixOp(slice: string): { op: Op; word: string; index: number } | undefined {
  for (let end = slice.length; end > 0; end--) {
    const bucket = PREFIX_BY_LAST.get(slice.charCodeAt(end - 1));
    if (!bucket) continue;
    for (const [w, op] of bucket) {
      const index = end - w.length;
      if (index >= 0 && slice.startsWith(w, index)) return { op, word: w, index };
    }
  }
  return undefined;
}

function labelOf(text: string): string | undefined {
  if (text === "") return undefined;
  const l = text
    .replace(/^[,;、:：]+/, "")
    .replace(/[,;、:：]+$/, "")
    .replace(/(?:合计|总计|总共|累计|共计|共)?(?:为|是|达|有)?$/, "");
  if (!l || l.length > 40) return undefined;
  return l;
}

function scanQuantities(s: string): Quantity[] {
  const starts = segmentStarts(s);
  const out: Quantity[] = [];
  let segIdx = 0;
  let i = 0;
  let prevEnd = 0;
  while (i < s.length) {
    if (!mayStartNumber(s.charCodeAt(i))) {
      i++; // readRawNumber would find nothing here
      continue;
    }
    while (segIdx + 1 < starts.length && (starts[segIdx + 1] ?? 0) <= i) segIdx++;
    const raw = readRawNumber(s, i);
    if (!raw) {
      i++;
      continue;
    }
    const q = readQuantity(s, raw, segIdx);
    if (!q) {
      i = raw.end;
      continue;
    }
    // a range: 50%-70%, 2—3个, 0-2.25
    let k = q.end;
    // (past the end there is no dash: the original `DASHES.includes("")` there led to no second number either)
    if (DASH_CODES.has(s.charCodeAt(k))) {
      k++;
      if (DASH_CODES.has(s.charCodeAt(k)) && s.charCodeAt(k) !== 45 /* - */) k++;
      const raw2 = mayStartNumber(s.charCodeAt(k)) ? readRawNumber(s, k) : undefined;
      const q2 = raw2 && !raw2.prefixUnit ? readQuantity(s, raw2, segIdx) : undefined;
      if (q2 && !q.op && (!q.unit || !q2.unit || q.unit === q2.unit)) {
        const a = q.value;
        const b = q2.value;
        const reversed = a.n * b.d > b.n * a.d;
        q.range = { min: reversed ? b : a, max: reversed ? a : b, reversed };
        q.unit = q.unit ?? q2.unit;
        if (q2.op) q.opConflict = `范围后另有“${s.slice(q2.end - 2, q2.end)}”`;
        q.end = q2.end;
      }
    }
    // operator words sit close to their number: look back at most 24 characters within the clause
    const segStart = Math.max(starts[segIdx] ?? 0, prevEnd, q.start - 24);
    const before = s.slice(segStart, q.start);
    const pre = findPrefixOp(before);
    let labelText = before;
    if (pre) {
      labelText = before.slice(0, pre.index) + before.slice(pre.index + pre.word.length);
      if (q.op && q.op !== pre.op) q.opConflict = `前有“${pre.word}”，后有相反的用语，按前者`;
      q.op = pre.op;
    }
    if (!q.op && q.approx) q.op = ">";
    const label = labelOf(labelText);
    if (label) q.label = label;
    out.push(q);
    prevEnd = q.end;
    i = q.end;
    if (out.length >= MAX_QUANTITIES) break;
  }
  return out;
}

/** Percent spellings → canonical unit, the first entry of PERCENT_UNITS for each spelling. */
const PERCENT_CANONICAL = new Map<string, string>();
for (const [w, u] of PERCENT_UNITS) if (!PERCENT_CANONICAL.has(w)) PERCENT_CANONICAL.set(w, u);

/** No unit from the hints (shared: the result is only read). */
const NO_HINT_UNIT: { unit?: string; factor: number } = Object.freeze({ factor: 1 });

function canonicalHintUnit(unit: string | undefined): { unit?: string; factor: number } {
  if (!unit) return NO_HINT_UNIT;
  const u = normalizeTargetText(unit);
  if (u === "") return NO_HINT_UNIT;
  const pct = PERCENT_CANONICAL.get(u);
  if (pct !== undefined) return { unit: pct, factor: 1 };
  if (u.length > 1 && u.startsWith("万")) return { unit: u.slice(1), factor: 10_000 };
  if (u.length > 1 && u.startsWith("亿")) return { unit: u.slice(1), factor: 100_000_000 };
  return { unit: u, factor: 1 };
}

/** The canonical form of a unit as a column or a text writes it (`％`/`百分比` → `%`, `万元` → `元`). */
export function canonicalUnit(unit: string | undefined): string | undefined {
  return canonicalHintUnit(unit).unit;
}

function numeric(
  text: string,
  op: Op,
  value: number,
  unit: string | undefined,
  label: string | undefined,
  note: string | undefined,
): TargetValue {
  const v: TargetValue = { kind: "numeric", text, op, value };
  if (unit) v.unit = unit;
  if (label) v.label = label;
  if (note) v.note = note;
  return v;
}

const CODE_GONG = "共".charCodeAt(0);
const CODE_JI = "计".charCodeAt(0);
/** Whether s has 共 or 计, which every word of TOTAL_RE has. */
function hasTotalWord(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === CODE_GONG || c === CODE_JI) return true;
  }
  return false;
}

/** `共`, `合计`…: a total follows. Global: reset `lastIndex` before each scan. */
const TOTAL_RE = /(?:合计|总计|总共|累计|共计|共)(?:为|达|有|:)?/g;

/** The value field of a quantity: r × multiplier (a 万 unit from the hints, a fraction in a % column). */
function scaled(r: Ratio, multiplier: number): number {
  return num(multiplier === 1 ? r : mul(r, fromInt(multiplier)));
}

/** Operator words made only of operator symbols: a plain number's whole prefix when it is one of these. */
const SYMBOL_PREFIX_OPS = new Map(
  PREFIX_OPS.filter(([w]) => [...w].every((c) => OP_SYMBOL_CHARS.includes(c))).map(([w, op]) => [w, op] as const),
);

/**
 * The one quantity of a plain number (see isPlainNumber) written as a whole operator word of symbols or none,
 * the number, then at most a unit and an operator word ending the text: `≥100人`, `95%`, `90%以上`, `≤500元/人/天`.
 * It is what scanQuantities finds in such a text, read directly; undefined for any other text (then scan).
 */
function lonePlainQuantity(s: string): Quantity | undefined {
  let i = 0;
  while (OP_SYMBOL_CODES.has(s.charCodeAt(i))) i++;
  let preOp: Op | undefined;
  if (i > 0) {
    preOp = SYMBOL_PREFIX_OPS.get(s.slice(0, i));
    if (preOp === undefined) return undefined;
  }
  const start = i;
  if (!digitAt(s, start)) return undefined;
  const end = readDigits(s, start);
  let value = parseNumberText(s.slice(start, end));
  if (!value) return undefined;
  let j = end;
  const c = s.charCodeAt(j);
  if (c === CODE_WAN || c === CODE_YI) {
    value = mul(value, c === CODE_WAN ? TEN_THOUSAND : HUNDRED_MILLION);
    j++;
  }
  const c2 = s.charCodeAt(j);
  if (c2 === CODE_YU || c2 === CODE_DUO) return undefined;
  let unit: string | undefined;
  const u = readUnit(s, j);
  if (u) {
    unit = u.unit;
    j = u.end;
  }
  let op: Op | undefined;
  const suffixes = SUFFIX_BY_FIRST.get(s.charCodeAt(j));
  if (suffixes) {
    for (const [w, o] of suffixes) {
      if (s.startsWith(w, j)) {
        if (w === "内" && !(j + 1 >= s.length || DELIM_CODES.has(s.charCodeAt(j + 1)))) continue;
        op = o;
        j += w.length;
        break;
      }
    }
  }
  if (j !== s.length) return undefined;
  const q: Quantity = { start, end: j, numStart: start, value, seg: 0 };
  if (unit) q.unit = unit;
  if (op) q.op = op;
  if (preOp) {
    if (q.op && q.op !== preOp) q.opConflict = `前有“${s.slice(0, start)}”，后有相反的用语，按前者`;
    q.op = preOp;
  }
  return q;
}

function parseQuantities(
  s: string,
  text: string,
  hints: ParseHints,
  shortcuts: boolean,
  lone: Quantity | undefined,
): TargetValue | undefined {
  const qs = lone ? [lone] : scanQuantities(s);
  if (qs.length === 0) return undefined;
  const notes: string[] = [];
  const hint = canonicalHintUnit(hints.unit);

  let chosen: Quantity | undefined;
  // 1. a total stated with 共/合计 wins (every one of those words has 共 or 计)
  const totalRe = TOTAL_RE;
  totalRe.lastIndex = 0;
  const mayHaveTotal = hasTotalWord(s);
  for (let m = mayHaveTotal ? totalRe.exec(s) : null; m && !chosen; m = totalRe.exec(s)) {
    const at = m.index + m[0].length;
    chosen = qs.find((q) => q.start === at || (q.start > at && q.start - at <= 1 && !q.range));
    if (chosen) notes.push("取“共/合计”后的总数");
  }
  // 2. the number in the unit the caller expects
  if (!chosen && hint.unit && qs.length > 1) {
    chosen = qs.find((q) => q.unit === hint.unit);
    if (chosen) notes.push(`取单位为“${hint.unit}”的数`);
  }
  // 3. several measures in separate clauses: a compound value
  if (!chosen && qs.length >= 2) {
    const segs = new Set(qs.map((q) => q.seg));
    if (segs.size >= 2 && segs.size <= MAX_PARTS) {
      const starts = segmentStarts(s);
      const parts: TargetValue[] = [];
      for (const seg of [...segs].sort((a, b) => a - b)) {
        const from = starts[seg] ?? 0;
        const to = (starts[seg + 1] ?? s.length + 1) - 1;
        const segText = s.slice(from, to);
        parts.push(parseInner(segText, { ...hints, op: undefined }, shortcuts));
      }
      if (parts.every((p) => p.kind !== "qualitative")) {
        return {
          kind: "qualitative",
          text,
          parts,
          note: `复合指标：${parts.length} 项数值（${parts.map((p) => p.label ?? p.text).join("、")}），不能以一个数比较`,
        };
      }
    }
  }
  // 4. the first number
  if (!chosen) {
    chosen = qs[0] as Quantity;
    if (qs.length > 1) {
      notes.push(
        `取第一个数；另有 ${qs
          .slice(1, 4)
          .map((q) => s.slice(q.start, q.end))
          .join("、")}`,
      );
    }
  }

  let unit = chosen.unit;
  let factor = 1;
  let pctScale = 1;
  if (!unit && hint.unit) {
    unit = hint.unit;
    factor = hint.factor;
    notes.push(`单位取自计量单位列（${hints.unit}）`);
  } else if (unit && hint.unit && unit !== hint.unit) {
    notes.push(`文字单位“${unit}”与计量单位列“${hints.unit}”不同，按文字`);
  }
  if (!unit && hints.percentColumn) {
    const maxV = chosen.range ? chosen.range.max : chosen.value;
    const minV = chosen.range ? chosen.range.min : chosen.value;
    const fraction = minV.n >= 0n && maxV.n <= maxV.d;
    unit = "%";
    if (fraction) {
      pctScale = 100;
      notes.push("百分比列中的小数，按 ×100% 理解");
    }
  }
  const multiplier = factor * pctScale;

  let op = chosen.op;
  if (!op && hints.op) {
    op = hints.op;
    notes.push("符号取自计算符号列");
  } else if (op && hints.op && op !== hints.op) {
    notes.push(`计算符号列为“${hints.op}”，文字为“${op}”，按文字`);
  }
  let ocrShare: Ratio | undefined;
  if (!op && hints.share && unit === "%" && pctScale === 1 && !chosen.range && qs.length === 1) {
    const m = OCR_GE_PERCENT.exec(s.slice(chosen.numStart, chosen.end));
    const rest = m ? parseNumberText(m[1]!) : undefined;
    if (rest) {
      ocrShare = rest;
      op = ">=";
      notes.push(`比率不超过100%，“${s.slice(chosen.numStart, chosen.end)}”按扫描识别把“≥”认作“2”理解为“≥${m![1]}%”`);
    }
  }
  if (chosen.approx) notes.push("“余/多”按大于理解");
  if (chosen.opConflict) notes.push(chosen.opConflict);
  const tail = s.slice(chosen.end);
  if (qs.length === 1 && tail && !/^[,;、]*$/.test(tail)) notes.push(`另有文字：${tail}`);

  if (chosen.range) {
    const v: TargetValue = {
      kind: "range",
      text,
      min: scaled(chosen.range.min, multiplier),
      max: scaled(chosen.range.max, multiplier),
    };
    if (unit) v.unit = unit;
    if (chosen.label) v.label = chosen.label;
    if (chosen.range.reversed) notes.push("范围写成由大到小，按由小到大理解");
    if (notes.length) v.note = notes.join("；");
    return v;
  }
  if (!op) {
    op = "=";
    notes.push("未写比较符号，按“=”（达到该值）理解");
  }
  return numeric(
    text,
    op,
    scaled(ocrShare ?? chosen.value, multiplier),
    unit,
    chosen.label,
    notes.length === 0 ? undefined : notes.length === 1 ? notes[0] : notes.join("；"),
  );
}

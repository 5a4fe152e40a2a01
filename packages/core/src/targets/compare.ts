/**
 * Comparing an actual value (实际完成值) with its target (指标值): met or not, and the direction-aware
 * completion ratio. Arithmetic is exact (Ratio); the ratio is returned as a number for display and scoring.
 *
 * Readings chosen (see docs in the report / tests):
 * - `=` (also a bare number, `100%`, `1个`) means "reach this value": met when actual ≥ target; a target of 0
 *   is met when actual ≤ 0 (the national rule for ＝0). Over-achievement is met, with ratio > 1.
 * - `≥`/`>`/`=`: ratio = actual ÷ target; `≤`/`<`: ratio = target ÷ actual. A zero target gives ratio 1 when
 *   met and 0 when not. `≤` with an actual of 0 (or below) is met with no ratio (the division is undefined).
 * - Units must agree or convert (`名`=`人`, `日`=`天`, `小时`→`分钟`, `%`→`‰`, `千米`→`米`); `万` is already
 *   folded into values by the parser, so `40万元` and `400000元` are equal. An actual with no unit takes the
 *   target's unit.
 */
import {
  cmp,
  div,
  fromInt,
  fromNumber,
  isZero,
  mul,
  numberText,
  type Ratio,
  toDecimalString,
  toNumber,
} from "../numbers/decimal.ts";
import { QUOTIENT, quotientUnitsPair, unitsText } from "../numbers/fixed.ts";
import { FAILURE_WORDS, PER_YEAR } from "./lexicon.ts";
import { normalizeTargetText, parseTarget } from "./parse.ts";
import { formatNumber, renderTarget } from "./render.ts";
import type { Comparison, Op, TargetValue } from "./types.ts";

/** Units that convert into one another: unit → [base, factor to base]. */
const UNIT_BASE: Readonly<Record<string, readonly [string, number]>> = {
  人: ["人", 1],
  名: ["人", 1],
  天: ["天", 1],
  日: ["天", 1],
  分钟: ["分钟", 1],
  小时: ["分钟", 60],
  秒: ["秒", 1],
  "‰": ["‰", 1],
  "%": ["‰", 10],
  米: ["米", 1],
  千米: ["米", 1000],
  公里: ["米", 1000],
  平米: ["平方米", 1],
  平方米: ["平方米", 1],
  月: ["月", 1],
  个月: ["月", 1],
  工作日: ["工作日", 1],
  个工作日: ["工作日", 1],
};

/** Converts `value` in unit `from` to unit `to`; undefined when the units do not convert. */
export function convertUnit(value: Ratio, from: string | undefined, to: string | undefined): Ratio | undefined {
  if (from === to) return value;
  if (!from || !to) return undefined;
  const a = UNIT_BASE[from];
  const b = UNIT_BASE[to];
  if (!a || !b || a[0] !== b[0]) return undefined;
  return div(mul(value, fromInt(a[1])), fromInt(b[1]));
}

function hintsFor(target: TargetValue): { unit?: string; year?: number } {
  const h: { unit?: string; year?: number } = {};
  if ((target.kind === "numeric" || target.kind === "range") && target.unit) h.unit = target.unit;
  if (target.kind === "deadline" && target.date) h.year = Number(target.date.slice(0, 4));
  return h;
}

const r = (v: number): Ratio => fromNumber(v);
const UNIT_TEXT = new Map<string, string>();
/** ` 人`, `%`: the unit as shown after a number, made once per unit. */
function unitText(unit: string | undefined): string {
  if (unit === undefined) return "";
  let t = UNIT_TEXT.get(unit);
  if (t === undefined) {
    t = unit && unit !== "%" && unit !== "‰" ? ` ${unit}` : unit;
    if (UNIT_TEXT.size < 1024) UNIT_TEXT.set(unit, t);
  }
  return t;
}
const show = (v: Ratio, unit: string | undefined): string => `${toDecimalString(v, 4)}${unitText(unit)}`;
/** `show(fromNumber(v), unit)` without the Ratio when the number prints as itself. */
const showNumber = (v: number, unit: string | undefined): string => `${numberText(v, 4)}${unitText(unit)}`;
const HUNDRED = fromInt(100);
const pct = (x: Ratio): string => `${toDecimalString(mul(x, HUNDRED), 2)}%`;
const OP_ZH: Readonly<Record<Op, string>> = { ">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "" };

function result(met: boolean | undefined, ratio: Ratio | undefined, note: string): Comparison {
  return { met, ratio: ratio === undefined ? undefined : toNumber(ratio, 10), note };
}

/**
 * A quiet comparison's answer (compareQuietInto): met and ratio written into `into`, no note (it is written when read,
 * by compareActual).
 */
function quiet(into: Comparison, met: boolean | undefined, ratio?: number): Comparison {
  into.met = met;
  into.ratio = ratio;
  into.note = "";
  return into;
}

function isBlank(v: TargetValue): boolean {
  return v.kind === "qualitative" && !v.parts && v.text.trim() === "";
}

function failureWord(text: string): string | undefined {
  return failureWordIn(normalizeTargetText(text));
}

/** failureWord of text already normalised (normalizeTargetText). */
function failureWordIn(s: string): string | undefined {
  if (/^(?:0|零|无|否|没有)$/.test(s)) return s;
  for (const w of FAILURE_WORDS) if (s.includes(w)) return w;
  return undefined;
}

function achieves(v: TargetValue): boolean {
  return v.kind === "qualitative" && (v.quality === "meets" || v.quality === "improves" || v.quality === "satisfied");
}

export function compareActual(target: TargetValue, actualIn: TargetValue | string): Comparison {
  try {
    return compareInner(target, actualIn);
  } catch (e) {
    // values built by hand can hold NaN or Infinity; a comparison is never worth a crash
    return result(undefined, undefined, `无法比较：${(e as Error)?.message ?? e}`);
  }
}

/**
 * compareActual for a scorer that reads the answer at once and keeps nothing of it: the common case (a plain number
 * against a number target in the same unit, or none) is written into `into` and `into` answered, so that no record
 * is made per indicator; every other comparison is compareActual's own new record. The same met, ratio and note
 * as compareActual (test/targets/compare-fast.test.ts).
 */
export function compareActualInto(target: TargetValue, actual: TargetValue, into: Comparison): Comparison {
  if (plainNumbers(target, actual)) {
    try {
      return comparePlain(target, actual, into);
    } catch {
      // as compareActual words it
    }
  }
  return compareActual(target, actual);
}

/** The common case compareNumbers answers: a plain number against a number target in the same unit (or none). */
function plainNumbers(target: TargetValue, actual: TargetValue): boolean {
  const tv = target.value;
  const av = actual.value;
  return (
    target.kind === "numeric" &&
    tv !== undefined &&
    actual.kind === "numeric" &&
    av !== undefined &&
    (actual.op === undefined || actual.op === "=") &&
    (!actual.unit || actual.unit === target.unit) &&
    Number.isFinite(tv) &&
    Number.isFinite(av)
  );
}

/**
 * compareActualInto for a scorer that writes the note only when it is read (decision 0008): for the common case
 * (a plain number against a number target) `into`'s met and ratio are written, its note left "", and true is
 * answered — the note is then `numbersNote(target, actual)`, the same words compareActual gives; false (nothing
 * written) for every other comparison.
 */
export function compareNumbersInto(target: TargetValue, actual: TargetValue, into: Comparison): boolean {
  if (!plainNumbers(target, actual)) return false;
  try {
    comparePlain(target, actual, into, false);
    return true;
  } catch {
    return false;
  }
}

/** The note of a comparison compareNumbersInto answered true for, written now. */
export function numbersNote(target: TargetValue, actual: TargetValue): string {
  return comparePlain(target, actual).note;
}

/**
 * compareNumbersInto for more kinds (decision 0008): met and ratio of compareActual written into `into`, its note
 * left "", and true answered when the comparison is a plain number against a number target or a range, a deadline,
 * a count per period, or words against words (not a compound); false (`into` then as it was, or written without
 * meaning) for the rest, which a caller compares as before. The note is then `comparisonNote(target, actual)`: the
 * same code decides met and ratio either way, only the words are skipped (test/targets/compare-fast.test.ts).
 */
export function compareQuietInto(target: TargetValue, actual: TargetValue, into: Comparison): boolean {
  if (plainNumbers(target, actual)) {
    try {
      comparePlain(target, actual, into, false);
      return true;
    } catch {
      return false;
    }
  }
  if (isBlank(actual)) return false;
  try {
    switch (target.kind) {
      case "numeric":
        return false;
      case "range":
        return compareRange(target, actual, into) !== undefined;
      case "deadline":
        compareDeadline(target, actual, into);
        return true;
      case "frequency":
        return compareFrequency(target, actual, into) !== undefined;
      default:
        if (target.parts && target.parts.length > 0) return false;
        compareWords(target, actual, into);
        return true;
    }
  } catch {
    return false;
  }
}

/** compareActual's note, written now: for a comparison compareQuietInto answered true for, when it is read. */
export function comparisonNote(target: TargetValue, actual: TargetValue): string {
  return compareActual(target, actual).note;
}

/** compareNumbers on a pair plainNumbers accepts (an actual without a unit takes the target's). */
function comparePlain(target: TargetValue, actual: TargetValue, into?: Comparison, words?: boolean): Comparison {
  return compareNumbers(
    target.op ?? "=",
    target.value!,
    actual.value!,
    target.unit,
    !actual.unit && !!target.unit,
    into,
    words,
  );
}

function compareInner(target: TargetValue, actualIn: TargetValue | string): Comparison {
  const actual = typeof actualIn === "string" ? parseTarget(actualIn, hintsFor(target)) : actualIn;
  if (isBlank(actual)) return result(undefined, undefined, "未填写实际完成值");
  switch (target.kind) {
    case "numeric":
      return compareNumeric(target, actual);
    case "range":
      return compareRange(target, actual);
    case "deadline":
      return compareDeadline(target, actual);
    case "frequency":
      return compareFrequency(target, actual);
    default:
      return target.parts && target.parts.length > 0 ? compareCompound(target, actual) : compareWords(target, actual);
  }
}

// ---------------------------------------------------------------------------------------------------------

/** met for an exact actual a against `op t`. */
function metExact(op: Op, t: Ratio, a: Ratio): boolean {
  const c = cmp(a, t);
  switch (op) {
    case ">=":
      return c >= 0;
    case ">":
      return c > 0;
    case "<=":
      return c <= 0;
    case "<":
      return c < 0;
    default:
      return t.n === 0n ? a.n <= 0n : t.n > 0n ? c >= 0 : c === 0;
  }
}

/** The completion ratio for `op t` and actual a, or undefined with a reason. */
function completion(op: Op, t: Ratio, a: Ratio, met: boolean): { ratio?: Ratio; why?: string } {
  const higher = op === ">=" || op === ">" || op === "=";
  if (isZero(t)) return { ratio: fromInt(met ? 1 : 0) };
  if (t.n < 0n) return { why: "目标为负数，不计算完成比例" };
  if (higher) return { ratio: div(a, t) };
  if (a.n <= 0n) return { why: "实际值为 0 或负数，越低越好的指标已达成，比例不可计算" };
  return { ratio: div(t, a) };
}

/** Reconciles the actual's unit with the target's; returns the actual value in the target's unit. */
function inTargetUnit(
  target: TargetValue,
  actual: TargetValue,
  v: number,
): { value?: Ratio; unit?: string; notes: string[] } {
  const notes: string[] = [];
  if (!actual.unit || actual.unit === target.unit) {
    if (!actual.unit && target.unit) notes.push(`实际值未写单位，按目标单位“${target.unit}”理解`);
    return { value: r(v), unit: target.unit, notes };
  }
  if (!target.unit) {
    notes.push(`目标未写单位，实际单位为“${actual.unit}”`);
    return { value: r(v), unit: actual.unit, notes };
  }
  const conv = convertUnit(r(v), actual.unit, target.unit);
  if (!conv) return { notes: [`单位不同：目标为“${target.unit}”，实际为“${actual.unit}”，无法比较`] };
  notes.push(`实际 ${formatNumber(v)}${actual.unit} 换算为 ${show(conv, target.unit)}`);
  return { value: conv, unit: target.unit, notes };
}

function compareNumeric(target: TargetValue, actual: TargetValue): Comparison {
  if (target.value === undefined) return result(undefined, undefined, "目标值缺少数值");
  const op = target.op ?? "=";
  const tv = target.value;
  if (
    actual.kind === "numeric" &&
    actual.value !== undefined &&
    (actual.op === undefined || actual.op === "=") &&
    (!actual.unit || actual.unit === target.unit) &&
    Number.isFinite(tv) &&
    Number.isFinite(actual.value)
  ) {
    return compareNumbers(op, tv, actual.value, target.unit, !actual.unit && !!target.unit);
  }
  return compareNumericExact(target, actual);
}

/**
 * compareNumeric on exact Ratios throughout: every case, and the reference the fast path is tested against
 * (test/targets/compare-fast.test.ts).
 */
export function compareNumericExact(target: TargetValue, actual: TargetValue): Comparison {
  if (target.value === undefined) return result(undefined, undefined, "目标值缺少数值");
  const op = target.op ?? "=";
  const t = r(target.value);
  const tShow = `目标 ${OP_ZH[op]}${show(t, target.unit)}`;
  if (actual.kind === "range" && actual.min !== undefined && actual.max !== undefined) {
    const lo = inTargetUnit(target, actual, actual.min);
    const hi = inTargetUnit(target, actual, actual.max);
    if (!lo.value || !hi.value) return result(undefined, undefined, lo.notes.join("；"));
    const a = metExact(op, t, lo.value);
    const b = metExact(op, t, hi.value);
    const note = `实际为范围 ${renderTarget(actual)}，${tShow}`;
    return result(a === b ? a : undefined, undefined, a === b ? note : `${note}：范围跨越目标，无法判断`);
  }
  if (actual.kind !== "numeric" || actual.value === undefined) {
    if (actual.kind === "qualitative" && !actual.parts) {
      const fail = failureWord(actual.text);
      if (fail) return result(false, undefined, `实际“${actual.text}”表示未完成；${tShow}`);
    }
    return result(undefined, undefined, `实际“${actual.text}”不是数值，无法与 ${tShow} 比较`);
  }
  const conv = inTargetUnit(target, actual, actual.value);
  if (!conv.value) return result(undefined, undefined, conv.notes.join("；"));
  const a = conv.value;
  const aop = actual.op ?? "=";
  const aShow = `实际 ${aop === "=" ? "" : OP_ZH[aop]}${show(a, conv.unit)}`;
  if (aop !== "=") {
    // the actual is itself a bound (`大于 90%`)
    const up = aop === ">" || aop === ">=";
    const targetUp = op === ">" || op === ">=" || op === "=";
    const c = cmp(a, t);
    let met: boolean | undefined;
    if (up === targetUp) {
      const strictOk = up ? c > 0 : c < 0;
      const equalOk = c === 0 && (op === ">=" || op === "<=" || op === "=" || aop === ">" || aop === "<");
      met = strictOk || equalOk ? true : undefined;
    } else {
      const strictBad = up ? c > 0 : c < 0;
      const equalBad = c === 0 && (op === ">" || op === "<" || aop === ">" || aop === "<");
      met = strictBad || equalBad ? false : undefined;
    }
    const comp = completion(op, t, a, met ?? false);
    const notes = [`${aShow}（实际值只写了界限），${tShow}`, ...conv.notes];
    if (met === undefined) notes.push("界限不足以判断是否达成");
    return result(met, met === undefined ? undefined : comp.ratio, notes.join("；"));
  }
  const met = metExact(op, t, a);
  const comp = completion(op, t, a, met);
  const c = cmp(a, t);
  const rel = c === 0 ? "=" : c > 0 ? ">" : "<";
  const notes = [`${aShow} ${rel} ${tShow}，${met ? "已达成" : "未达成"}`, ...conv.notes];
  if (comp.ratio !== undefined) notes.push(`完成比例 ${pct(comp.ratio)}`);
  if (comp.why) notes.push(comp.why);
  if (op === "=" && t.n > 0n && c > 0) notes.push("超过目标值");
  return result(met, comp.ratio, notes.join("；"));
}

const OP_INDEX: Readonly<Record<Op, number>> = { ">=": 0, ">": 1, "=": 2, "<": 3, "<=": 4 };
const NOTE_PARTS = new Map<string, string[]>();
/**
 * The fixed parts of compareNumbers's note for a unit, made once: [(c + 1) × 5 + op] the text between the actual
 * and the target (` 人 < 目标 ≥`), [15] / [16] the end when met / not met (` 人，已达成`). Given an index, the
 * part is made and answered.
 */
function noteParts(unit: string | undefined): (string | undefined)[];
function noteParts(unit: string | undefined, index: number, c: number, op: Op, met?: boolean): string;
function noteParts(
  unit: string | undefined,
  index?: number,
  c?: number,
  op?: Op,
  met?: boolean,
): (string | undefined)[] | string {
  const key = unit ?? "";
  let parts = NOTE_PARTS.get(key);
  if (!parts) {
    parts = [];
    if (NOTE_PARTS.size < 1024) NOTE_PARTS.set(key, parts);
  }
  if (index === undefined) return parts;
  const u = unitText(unit);
  const part =
    index >= 15
      ? `${u}，${met ? "已达成" : "未达成"}`
      : `${u} ${c === 0 ? "=" : c! > 0 ? ">" : "<"} 目标 ${OP_ZH[op!]}`;
  parts[index] = part;
  return part;
}

/** `；完成比例 98.95%` for percents of 0.00–327.67 (units of 0.01), made once each; others printed each time. */
const PERCENT_NOTES_MAX = 32768;
const PERCENT_NOTES = new Array<string | undefined>(PERCENT_NOTES_MAX);
function percentNote(units: number): string {
  if (!(units >= 0 && units < PERCENT_NOTES_MAX)) return `；完成比例 ${unitsText(units, 2)}%`;
  let t = PERCENT_NOTES[units];
  if (t === undefined) {
    t = `；完成比例 ${unitsText(units, 2)}%`;
    PERCENT_NOTES[units] = t;
  }
  return t;
}

/** Whether `actual` meets `op target` on doubles (an `=` target of 0 is met at or below it, of a negative only exactly). */
function metOnNumbers(op: Op, target: number, actual: number): boolean {
  const c = actual < target ? -1 : actual > target ? 1 : 0;
  switch (op) {
    case ">=":
      return c >= 0;
    case ">":
      return c > 0;
    case "<=":
      return c <= 0;
    case "<":
      return c < 0;
    default:
      return target === 0 ? actual <= 0 : target > 0 ? c >= 0 : c === 0;
  }
}

/**
 * compareNumeric for the common case, a plain number against `op t` in the same unit (or none), on the doubles:
 * fromNumber keeps their order (the shortest decimal of a double grows with it), so every comparison of the exact
 * values is the comparison of the doubles, and the texts are the numbers' own. The same Comparison as the general
 * path (test/targets/compare-fast.test.ts).
 */
function compareNumbers(
  op: Op,
  tv: number,
  av: number,
  unit: string | undefined,
  unitAssumed: boolean,
  into?: Comparison,
  words = true,
): Comparison {
  const c = av < tv ? -1 : av > tv ? 1 : 0;
  const met = metOnNumbers(op, tv, av);
  if (!words) {
    // met and ratio alone (compareNumbersInto): the same arithmetic as below, no text
    const ratio = numbersRatio(op, tv, av, met);
    into!.met = met;
    into!.ratio = ratio;
    into!.note = "";
    return into!;
  }
  // `实际 ${showNumber(av)} ${rel} 目标 ${op}${showNumber(tv)}，已达成`, its fixed parts made once per unit
  const parts = noteParts(unit);
  const mid = (c + 1) * 5 + OP_INDEX[op];
  const tail = met ? 15 : 16;
  let note = `实际 ${numberText(av, 4)}${parts[mid] ?? noteParts(unit, mid, c, op)}${numberText(tv, 4)}${parts[tail] ?? noteParts(unit, tail, c, op, met)}`;
  if (unitAssumed) note += `；实际值未写单位，按目标单位“${unit}”理解`;
  let ratio: number | undefined;
  if (tv === 0) {
    ratio = met ? 1 : 0;
    note += met ? "；完成比例 100%" : "；完成比例 0%";
  } else if (tv < 0) {
    note += "；目标为负数，不计算完成比例";
  } else if (av <= 0 && !(op === ">=" || op === ">" || op === "=")) {
    note += "；实际值为 0 或负数，越低越好的指标已达成，比例不可计算";
  } else {
    // actual ÷ target, or target ÷ actual when lower is better: to 10 decimals, and in percent to 2
    const higher = op === ">=" || op === ">" || op === "=";
    const x = higher ? av : tv;
    const y = higher ? tv : av;
    const units = quotientUnitsPair(x, y, 10, 4);
    const percent = QUOTIENT.second;
    if (!Number.isNaN(units) && !Number.isNaN(percent)) {
      ratio = units / 1e10;
      note += percentNote(percent);
    } else {
      const q = div(r(x), r(y));
      ratio = toNumber(q, 10);
      note += `；完成比例 ${pct(q)}`;
    }
  }
  if (op === "=" && tv > 0 && c > 0) note += "；超过目标值";
  if (into === undefined) return { met, ratio, note };
  into.met = met;
  into.ratio = ratio;
  into.note = note;
  return into;
}

/** compareNumbers's completion ratio, without its note. */
function numbersRatio(op: Op, tv: number, av: number, met: boolean): number | undefined {
  if (tv === 0) return met ? 1 : 0;
  if (tv < 0) return undefined;
  const higher = op === ">=" || op === ">" || op === "=";
  if (av <= 0 && !higher) return undefined;
  const x = higher ? av : tv;
  const y = higher ? tv : av;
  const units = quotientUnitsPair(x, y, 10, 4);
  if (!Number.isNaN(units) && !Number.isNaN(QUOTIENT.second)) return units / 1e10;
  return toNumber(div(r(x), r(y)), 10);
}

/** With `quietInto`, compareQuietInto's: met and ratio into it, or undefined where the exact path would answer. */
function compareRange(target: TargetValue, actual: TargetValue): Comparison;
function compareRange(target: TargetValue, actual: TargetValue, quietInto: Comparison): Comparison | undefined;
function compareRange(target: TargetValue, actual: TargetValue, quietInto?: Comparison): Comparison | undefined {
  const lo = target.min;
  const hi = target.max;
  if (
    lo !== undefined &&
    hi !== undefined &&
    actual.kind === "numeric" &&
    actual.value !== undefined &&
    (actual.op === undefined || actual.op === "=") &&
    (!actual.unit || actual.unit === target.unit) &&
    Number.isFinite(lo) &&
    Number.isFinite(hi) &&
    Number.isFinite(actual.value)
  ) {
    return compareRangeNumbers(target, lo, hi, actual.value, !actual.unit && !!target.unit, quietInto);
  }
  return quietInto ? undefined : compareRangeExact(target, actual);
}

/** `toNumber(div(fromNumber(x), fromNumber(y)), 10)` on doubles when they allow it (y ≠ 0). */
function ratio10(x: number, y: number): number {
  const units = quotientUnitsPair(x, y, 10, 10);
  return Number.isNaN(units) ? toNumber(div(r(x), r(y)), 10) : units / 1e10;
}

/**
 * compareRange for a plain number in the target's unit (or none) on the doubles: fromNumber keeps their order, so
 * the bounds compare as the doubles do; the same Comparison as `compareRangeExact` (test/targets/compare-fast.test.ts).
 */
function compareRangeNumbers(
  target: TargetValue,
  lo: number,
  hi: number,
  v: number,
  unitAssumed: boolean,
  quietInto?: Comparison,
): Comparison {
  if (quietInto) {
    if (v < lo) return quiet(quietInto, false, lo > 0 ? ratio10(v, lo) : undefined);
    if (v > hi) return quiet(quietInto, false, v > 0 ? ratio10(hi, v) : undefined);
    return quiet(quietInto, true, 1);
  }
  const tShow = `目标 ${renderTarget(target)}`;
  const unit = target.unit;
  const assumed = unitAssumed ? `；实际值未写单位，按目标单位“${unit}”理解` : "";
  if (v < lo) {
    const note = `实际 ${showNumber(v, unit)} 低于 ${tShow} 的下限${assumed}`;
    return { met: false, ratio: lo > 0 ? ratio10(v, lo) : undefined, note };
  }
  if (v > hi) {
    const note = `实际 ${showNumber(v, unit)} 高于 ${tShow} 的上限${assumed}`;
    return { met: false, ratio: v > 0 ? ratio10(hi, v) : undefined, note };
  }
  return { met: true, ratio: 1, note: `实际 ${showNumber(v, unit)} 在 ${tShow} 之内${assumed}` };
}

/** compareRange on exact Ratios: every case, and the reference of the fast path. */
export function compareRangeExact(target: TargetValue, actual: TargetValue): Comparison {
  if (target.min === undefined || target.max === undefined) return result(undefined, undefined, "目标范围不完整");
  const lo = r(target.min);
  const hi = r(target.max);
  const tShow = `目标 ${renderTarget(target)}`;
  if (actual.kind !== "numeric" || actual.value === undefined || (actual.op && actual.op !== "=")) {
    if (actual.kind === "qualitative" && failureWord(actual.text)) {
      return result(false, undefined, `实际“${actual.text}”表示未完成；${tShow}`);
    }
    return result(undefined, undefined, `实际“${actual.text}”不是单个数值，无法与 ${tShow} 比较`);
  }
  const conv = inTargetUnit(target, actual, actual.value);
  if (!conv.value) return result(undefined, undefined, conv.notes.join("；"));
  const a = conv.value;
  const notes = [...conv.notes];
  if (cmp(a, lo) < 0) {
    notes.unshift(`实际 ${show(a, conv.unit)} 低于 ${tShow} 的下限`);
    return result(false, lo.n > 0n ? div(a, lo) : undefined, notes.join("；"));
  }
  if (cmp(a, hi) > 0) {
    notes.unshift(`实际 ${show(a, conv.unit)} 高于 ${tShow} 的上限`);
    return result(false, a.n > 0n ? div(hi, a) : undefined, notes.join("；"));
  }
  notes.unshift(`实际 ${show(a, conv.unit)} 在 ${tShow} 之内`);
  return result(true, fromInt(1), notes.join("；"));
}

/** `目标 2024年12月27日前`: a deadline target as its notes show it. */
function deadlineShow(target: TargetValue): string {
  return `目标 ${target.text.trim() || renderTarget(target)}`;
}

/** With `quietInto`, compareQuietInto's: met (and no ratio) into it, no note. */
function compareDeadline(target: TargetValue, actual: TargetValue, quietInto?: Comparison): Comparison {
  if (actual.kind === "deadline" && actual.date) {
    if (!target.date) {
      if (quietInto) return quiet(quietInto, undefined);
      return result(undefined, undefined, `目标未写具体日期，实际 ${actual.date}`);
    }
    const c = actual.date < target.date ? -1 : actual.date > target.date ? 1 : 0;
    const met = c < 0 || (c === 0 && (target.inclusive !== false || actual.inclusive === false));
    if (quietInto) return quiet(quietInto, met);
    return result(
      met,
      undefined,
      `实际 ${actual.date}，${deadlineShow(target)}（${target.date}${target.inclusive === false ? " 之前" : " 及以前"}），${met ? "按时" : "逾期"}`,
    );
  }
  const fail = failureWord(actual.text);
  if (fail) {
    if (quietInto) return quiet(quietInto, false);
    return result(false, undefined, `实际“${actual.text}”表示未完成；${deadlineShow(target)}`);
  }
  if (actual.kind === "deadline" && !actual.date) {
    if (quietInto) return quiet(quietInto, true);
    return result(true, undefined, `实际“${actual.text}”与时限相符；${deadlineShow(target)}`);
  }
  if (achieves(actual) || /按时|如期|及时|提前/.test(actual.text)) {
    if (quietInto) return quiet(quietInto, true);
    return result(true, undefined, `实际“${actual.text}”按达成理解（未写日期）；${deadlineShow(target)}`);
  }
  if (actual.kind === "numeric" && actual.value !== undefined && actual.unit === "%") {
    if (actual.value >= 100) {
      if (quietInto) return quiet(quietInto, true);
      return result(true, undefined, `实际 ${actual.value}% 按如期完成理解；${deadlineShow(target)}`);
    }
    if (actual.value === 0) {
      if (quietInto) return quiet(quietInto, false);
      return result(false, undefined, `实际 0% 按未完成理解；${deadlineShow(target)}`);
    }
  }
  if (quietInto) return quiet(quietInto, undefined);
  return result(undefined, undefined, `实际“${actual.text}”无法与 ${deadlineShow(target)} 比较`);
}

function perYear(v: TargetValue): Ratio | undefined {
  if (v.value === undefined || !v.period) return undefined;
  return mul(r(v.value), fromInt(PER_YEAR[v.period]));
}

/** PER_YEAR × v for a whole count below 2^40 (exact on doubles); NaN otherwise. */
function perYearNumber(v: TargetValue): number {
  if (v.value === undefined || !v.period || !Number.isSafeInteger(v.value)) return Number.NaN;
  const p = v.value * PER_YEAR[v.period];
  return p < 2 ** 40 && p > -(2 ** 40) ? p : Number.NaN;
}

/** With `quietInto`, compareQuietInto's: met and ratio into it, or undefined where the exact path would answer. */
function compareFrequency(target: TargetValue, actual: TargetValue): Comparison;
function compareFrequency(target: TargetValue, actual: TargetValue, quietInto: Comparison): Comparison | undefined;
function compareFrequency(target: TargetValue, actual: TargetValue, quietInto?: Comparison): Comparison | undefined {
  const t = perYearNumber(target);
  if (!Number.isNaN(t)) {
    let a = Number.NaN;
    let counted = false;
    if (actual.kind === "frequency") a = perYearNumber(actual);
    else if (
      actual.kind === "numeric" &&
      actual.value !== undefined &&
      Number.isFinite(actual.value) &&
      (!actual.unit || actual.unit === target.unit || actual.unit === "次" || actual.unit === "次/年")
    ) {
      a = actual.value;
      counted = true;
    }
    if (!Number.isNaN(a)) return compareFrequencyNumbers(target.op ?? ">=", t, a, counted, quietInto);
  }
  return quietInto ? undefined : compareFrequencyExact(target, actual);
}

/**
 * compareFrequency for whole counts per year (and an actual count of any size) on the doubles: the counts are exact
 * there and compare as the Ratios do; the same Comparison as `compareFrequencyExact` (test/targets/compare-fast.test.ts).
 */
function compareFrequencyNumbers(op: Op, t: number, a: number, counted: boolean, quietInto?: Comparison): Comparison {
  const met = metOnNumbers(op, t, a);
  if (quietInto) {
    const higher = op === ">=" || op === ">" || op === "=";
    const ratio =
      t === 0 ? (met ? 1 : 0) : t < 0 ? undefined : higher ? ratio10(a, t) : a <= 0 ? undefined : ratio10(t, a);
    return quiet(quietInto, met, ratio);
  }
  let note = `实际每年 ${numberText(a, 2)} 次，目标每年 ${OP_ZH[op]}${numberText(t, 2)} 次，${met ? "已达成" : "未达成"}`;
  if (counted) note += "；实际为次数，按全年次数理解";
  let ratio: number | undefined;
  const higher = op === ">=" || op === ">" || op === "=";
  if (t === 0) ratio = met ? 1 : 0;
  else if (t < 0) note += "；目标为负数，不计算完成比例";
  else if (higher) ratio = ratio10(a, t);
  else if (a <= 0) note += "；实际值为 0 或负数，越低越好的指标已达成，比例不可计算";
  else ratio = ratio10(t, a);
  return { met, ratio, note };
}

/** compareFrequency on exact Ratios: every case, and the reference of the fast path. */
export function compareFrequencyExact(target: TargetValue, actual: TargetValue): Comparison {
  const t = perYear(target);
  if (!t) return result(undefined, undefined, "目标频次不完整");
  const op = target.op ?? ">=";
  const notes: string[] = [];
  let a: Ratio | undefined;
  if (actual.kind === "frequency") a = perYear(actual);
  else if (
    actual.kind === "numeric" &&
    actual.value !== undefined &&
    (!actual.unit || actual.unit === target.unit || actual.unit === "次" || actual.unit === "次/年")
  ) {
    a = r(actual.value);
    notes.push("实际为次数，按全年次数理解");
  }
  if (!a) {
    if (failureWord(actual.text))
      return result(false, undefined, `实际“${actual.text}”表示未完成；目标 ${target.text}`);
    return result(undefined, undefined, `实际“${actual.text}”无法与频次目标“${target.text}”比较`);
  }
  const met = metExact(op, t, a);
  const comp = completion(op, t, a, met);
  notes.unshift(
    `实际每年 ${toDecimalString(a, 2)} 次，目标每年 ${OP_ZH[op]}${toDecimalString(t, 2)} 次，${met ? "已达成" : "未达成"}`,
  );
  if (comp.why) notes.push(comp.why);
  return result(met, comp.ratio, notes.join("；"));
}

/** `目标“符合相关规定”`: a target of words as its notes show it. */
function wordsShow(target: TargetValue): string {
  return `目标“${target.text.trim()}”`;
}

/** With `quietInto`, compareQuietInto's: met (and no ratio) into it, no note. */
function compareWords(target: TargetValue, actual: TargetValue, quietInto?: Comparison): Comparison {
  const tText = normalizeTargetText(target.text);
  const aText = normalizeTargetText(actual.text);
  if (target.quality === "none") {
    if (actual.kind === "qualitative" && actual.quality === "none") {
      if (quietInto) return quiet(quietInto, true);
      return result(true, undefined, `实际“${actual.text}”，${wordsShow(target)}，已达成`);
    }
    if (aText === tText) {
      if (quietInto) return quiet(quietInto, true);
      return result(true, undefined, `实际与${wordsShow(target)}相同`);
    }
    if (actual.kind === "numeric" && actual.value !== undefined && (actual.op ?? "=") === "=") {
      const met = actual.value <= 0;
      if (quietInto) return quiet(quietInto, met);
      return result(
        met,
        undefined,
        `实际 ${actual.value}${actual.unit ?? ""}，${wordsShow(target)}，${met ? "已达成" : "未达成"}`,
      );
    }
    if (failureWordIn(aText) && !/^(?:0|零|无)$/.test(aText)) {
      if (quietInto) return quiet(quietInto, false);
      return result(false, undefined, `实际“${actual.text}”，${wordsShow(target)}，未达成`);
    }
    if (quietInto) return quiet(quietInto, undefined);
    return result(undefined, undefined, `实际“${actual.text}”无法与${wordsShow(target)}比较`);
  }
  const fail = failureWordIn(aText);
  if (fail) {
    if (quietInto) return quiet(quietInto, false);
    return result(false, undefined, `实际“${actual.text}”表示未完成（“${fail}”），${wordsShow(target)}`);
  }
  if (aText !== "" && aText === tText) {
    if (quietInto) return quiet(quietInto, true);
    return result(true, undefined, `实际与${wordsShow(target)}相同，已达成`);
  }
  if (aText.length >= 2 && tText.length >= 2 && (tText.includes(aText) || aText.includes(tText))) {
    if (quietInto) return quiet(quietInto, true);
    return result(true, undefined, `实际“${actual.text}”与${wordsShow(target)}相符，已达成`);
  }
  if (achieves(actual)) {
    if (quietInto) return quiet(quietInto, true);
    const same = actual.quality === target.quality || target.quality === undefined;
    return result(
      true,
      undefined,
      `实际“${actual.text}”按达成理解${same ? "" : `（用语与目标不同：${actual.quality}/${target.quality}）`}；${wordsShow(target)}`,
    );
  }
  if (actual.kind === "qualitative" && actual.quality === "none") {
    if (quietInto) return quiet(quietInto, true);
    return result(true, undefined, `实际“${actual.text}”（未发生问题）按达成理解；${wordsShow(target)}`);
  }
  if (actual.kind === "numeric" && actual.value !== undefined && (actual.op ?? "=") === "=") {
    if (actual.unit === "%" && actual.value >= 100) {
      if (quietInto) return quiet(quietInto, true);
      return result(true, undefined, `实际 ${actual.value}% 按达成理解；${wordsShow(target)}`);
    }
    if (actual.value === 0) {
      if (quietInto) return quiet(quietInto, false);
      return result(false, undefined, `实际为 0，按未达成理解；${wordsShow(target)}`);
    }
  }
  if (quietInto) return quiet(quietInto, undefined);
  return result(undefined, undefined, `实际“${actual.text}”无法判断是否达成${wordsShow(target)}`);
}

function compareCompound(target: TargetValue, actual: TargetValue): Comparison {
  const parts = target.parts ?? [];
  const aParts = actual.parts ?? [];
  if (aParts.length !== parts.length) {
    return result(undefined, undefined, `目标为复合指标（${parts.length} 项），实际“${actual.text}”未逐项写出`);
  }
  const results = parts.map((p, i) => {
    const byLabel = p.label ? aParts.find((a) => a.label === p.label) : undefined;
    return compareActual(p, byLabel ?? (aParts[i] as TargetValue));
  });
  const met = results.some((c) => c.met === false) ? false : results.every((c) => c.met === true) ? true : undefined;
  const ratios = results.map((c) => c.ratio);
  const ratio = ratios.every((x) => x !== undefined) ? Math.min(...(ratios as number[])) : undefined;
  return { met, ratio, note: results.map((c, i) => `${parts[i]?.label ?? `第${i + 1}项`}：${c.note}`).join("；") };
}

/**
 * One indicator scored against a scheme: the numeric formulas (higher is better, ＝, lower is better, ranges, unit
 * conversion), the qualitative tiers, and what is carried when nothing can be computed. Each score stays within the
 * points the indicator is scored out of (its own, or as the scheme's normalisation set them: normalise.ts).
 * `score.ts` scores the whole evaluation from these.
 */
import type { LocalizedText } from "../errors/domain-error.ts";
import {
  cmp,
  div,
  fromInt,
  fromNumber,
  isZero,
  max,
  min,
  mul,
  neg,
  numberText,
  ONE,
  parseDecimal,
  type Ratio,
  round,
  sub,
  toDecimalString,
  toNumber,
  ZERO,
} from "../numbers/decimal.ts";
import { mulDivRound, mulDivRoundNumbers, quotientNumber } from "../numbers/fixed.ts";
import { compareActual, convertUnit } from "../targets/compare.ts";
import { parseTarget } from "../targets/parse.ts";
import type { Comparison, Op, TargetValue } from "../targets/types.ts";
import {
  countedGroup,
  type Level1,
  level1Of,
  type RoundingStep,
  roundingDigits,
  type ScoringScheme,
  type TierKey,
} from "./scheme.ts";
import {
  metFormula,
  pointsNoteText,
  sameWordsComparison,
  shareFormula,
  tierFormula,
  unjudgedFormula,
  zeroFormula,
} from "./texts.ts";

const HUNDRED = fromInt(100);
/** A number as given: an exact Ratio, a decimal string (`"2.5"`) or a JS number (taken through its decimal text). */
export type Num = Ratio | number | string;

export function toRatio(v: Num): Ratio {
  if (typeof v === "number") return fromNumber(v);
  if (typeof v === "string") {
    const r = parseDecimal(v);
    if (!r) throw new RangeError(`not a decimal number: "${v}"`);
    return r;
  }
  return v;
}

export interface IndicatorInput {
  /** 一级指标 as written: `产出指标`, `效益`, `满意度 指标 (10分)`… */
  level1: string;
  /** 二级指标 */
  level2?: string | undefined;
  /** 三级指标 */
  name: string;
  /** 指标值 (年初目标值): understood, or the text to be understood by `parseTarget`. */
  target: TargetValue | string;
  /** 实际完成值: understood, or text. */
  actual: TargetValue | string;
  /** 分值 (weight). */
  points: Num;
  /** 得分 as stated in the document. */
  statedScore?: Num | undefined;
  /**
   * 得分系数 (0–1) as stated, Chongqing style: the stated score is 得分系数 × 分值 (the points as given). Used when
   * `statedScore` is absent.
   */
  statedCoefficient?: Num | undefined;
  /** For qualitative indicators: the tier the evaluator chose (overrides the automatic judgement). */
  tier?: TierKey | undefined;
  /** Why the stated score departs from the formula, when it does on purpose. */
  overrideReason?: string | undefined;
  /** 偏差原因分析. */
  deviationReason?: string | undefined;
  /** A separate 计量单位 / 计算符号 column, used when the target text has none. */
  hints?: { unit?: string; op?: Op } | undefined;
}

/** How text becomes a TargetValue and how an actual is compared with a target (the targets module). */
export interface TargetFunctions {
  parse: (text: string, hints?: { unit?: string; op?: Op }) => TargetValue;
  compare: (target: TargetValue, actual: TargetValue) => Comparison;
}

/** The targets module: `parseTarget` and `compareActual`. */
export const TARGETS: TargetFunctions = { parse: parseTarget, compare: compareActual };

/** Text held as qualitative and compared by its words alone (no parser): for tests and for callers who want that. */
export const PLAIN_TEXT_TARGETS: TargetFunctions = {
  parse: (text) => ({ kind: "qualitative", text }),
  compare: (target, actual) =>
    sameWords(target.text, actual.text)
      ? { met: true, ratio: undefined, note: "实际完成值与指标值文字相同" }
      : { met: undefined, ratio: undefined, note: "无法自动判断" },
};

export const defaultTargets = TARGETS;

export function sameWords(a: string, b: string): boolean {
  const n = (s: string) => s.replace(/[\s\u3000，,。.、；;：:“”"'（）()]/g, "");
  return n(a) !== "" && n(a) === n(b);
}

// ---------------------------------------------------------------------------------------------------------------
// One indicator

export type Basis =
  /** points × the proportional formula */
  | "formula"
  /** met: full points */
  | "met"
  /** a qualitative tier's suggested share */
  | "tier"
  /** nothing computable: the stated score is carried into the suggested sums */
  | "stated"
  /** nothing computable and nothing stated: counts 0 */
  | "none";

export interface IndicatorScore {
  index: number;
  name: string;
  /** The level-1 group as written (undefined when not recognised). */
  level1: Level1 | undefined;
  /** The scheme group the indicator counts in (after the scheme's folds); undefined when it is not counted. */
  group: Level1 | undefined;
  level2: string | undefined;
  /** The points the indicator is scored out of: the input's, or as the scheme's normalisation set them. */
  points: Ratio;
  /** The points as given in the input. */
  inputPoints: Ratio;
  /** `分值 10→8.33（按方案折算）` when `points` differ from `inputPoints`. */
  pointsNote: LocalizedText | undefined;
  target: TargetValue;
  actual: TargetValue;
  comparison: Comparison;
  /** The computed score (rounded as the scheme says), undefined when it cannot be computed. */
  computed: Ratio | undefined;
  /** What goes into the suggested sums: `computed`, else the stated score, else 0. */
  suggested: Ratio;
  basis: Basis;
  tier: TierKey | undefined;
  stated: Ratio | undefined;
  /** stated − computed, when both exist. */
  difference: Ratio | undefined;
  /** How the computed score was reached, e.g. `2 × 260 ÷ 302`. */
  formula: LocalizedText;
}

export function roundStep(r: Ratio, step: RoundingStep): Ratio {
  const d = roundingDigits(step);
  return d === undefined ? r : round(r, d);
}

function clamp01(r: Ratio): Ratio {
  return max(ZERO, min(ONE, r));
}

/** r kept within 0 – cap. */
function within(r: Ratio, cap: Ratio): Ratio {
  return max(ZERO, min(cap, r));
}

const HIGHER: ReadonlySet<Op> = new Set<Op>([">=", ">"]);
const OP_TEXT: Record<Op, string> = { ">=": "≥", ">": "＞", "=": "＝", "<": "＜", "<=": "≤" };

function dec(r: Ratio): string {
  return toDecimalString(r, 4);
}

export interface Share {
  met: boolean;
  /** share of the points, 0–1; undefined when it is `part ÷ whole` as given below (already within 0–1) */
  share: Ratio | undefined;
  /** the proportional share as a fraction part ÷ whole, 0 ≤ part ≤ whole: scored on the fixed-point fast path */
  part?: Ratio;
  whole?: Ratio;
  /** the same share as doubles read exactly (`fromNumber`), 0 ≤ x ≤ y, y > 0: scored without building Ratios */
  x?: number;
  y?: number;
  /** direction-aware completion (actual ÷ target, or target ÷ actual) when defined */
  completion: Ratio | undefined;
  /** the proportional part of the formula (`× 260 ÷ 302`), absent when met or zero */
  expr?: string;
  /** why the share is zero, when it is */
  zeroWhy?: LocalizedText;
}

function safeDiv(x: Ratio, y: Ratio): Ratio | undefined {
  return isZero(y) ? undefined : div(x, y);
}

/** The share of the points a numeric actual earns against `op target`. */
function numericShare(op: Op, t: Ratio, a: Ratio, actualOp: Op | undefined, scheme: ScoringScheme): Share {
  if (HIGHER.has(op)) {
    const met = op === ">=" ? cmp(a, t) >= 0 : cmp(a, t) > 0 || (actualOp === ">" && cmp(a, t) === 0);
    const completion = cmp(t, ZERO) > 0 ? safeDiv(a, t) : undefined;
    if (met) return { met, share: ONE, completion };
    if (cmp(t, ZERO) <= 0) return { met, share: ZERO, completion, zeroWhy: NOT_MET };
    return proportional(met, a, t, completion, `× ${dec(a)} ÷ ${dec(t)}`);
  }
  if (op === "=") {
    if (isZero(t)) {
      const met = scheme.equalsZero === "full-if-zero" ? isZero(a) : cmp(a, ZERO) <= 0;
      return met
        ? { met, share: ONE, completion: undefined }
        : { met, share: ZERO, completion: undefined, zeroWhy: NOT_MET_ZERO };
    }
    // ＝ means "reach this value" (as the targets module reads it): met at or above a positive target.
    const met = cmp(t, ZERO) > 0 ? cmp(a, t) >= 0 : cmp(a, t) === 0;
    const completion = safeDiv(a, t);
    if (met) return { met, share: ONE, completion };
    return proportional(met, a, t, completion, `× ${dec(a)} ÷ ${dec(t)}`);
  }
  // lower is better
  const met = op === "<=" ? cmp(a, t) <= 0 : cmp(a, t) < 0 || (actualOp === "<" && cmp(a, t) === 0);
  const completion = cmp(a, ZERO) > 0 ? safeDiv(t, a) : undefined;
  if (met) return { met, share: ONE, completion };
  if (cmp(t, ZERO) <= 0) return { met, share: ZERO, completion, zeroWhy: NOT_MET };
  if (scheme.lowerIsBetter === "ratio") {
    return proportional(met, t, a, completion, `× ${dec(t)} ÷ ${dec(a)}`);
  }
  // linear-2x: target ≤ actual < 2 × target → 1 − (actual − target) ÷ target; else 0
  if (cmp(a, mul(t, fromInt(2))) >= 0) {
    const twice = dec(mul(t, fromInt(2)));
    return {
      met,
      share: ZERO,
      completion,
      zeroWhy: {
        zh: `实际值达到目标值的 2 倍（${twice}）及以上`,
        en: `the actual is at or above twice the target (${twice})`,
      },
    };
  }
  // 1 − (a − t) ÷ t = (2t − a) ÷ t, within 0–1 here (t < a < 2t)
  return proportional(met, sub(mul(t, fromInt(2)), a), t, completion, `× (1 − (${dec(a)} − ${dec(t)}) ÷ ${dec(t)})`);
}

/**
 * The share part ÷ whole (whole ≠ 0), kept as the fraction when it lies within 0–1 so that the score is worked on
 * the fixed-point fast path (`scaledShare`); else clamped to 0–1 exactly, as always.
 */
function proportional(met: boolean, part: Ratio, whole: Ratio, completion: Ratio | undefined, expr: string): Share {
  const inside = whole.n > 0n ? part.n >= 0n && cmp(part, whole) <= 0 : part.n <= 0n && cmp(part, whole) >= 0;
  if (!inside) return { met, share: clamp01(div(part, whole)), completion, expr };
  return whole.n > 0n
    ? { met, share: undefined, part, whole, completion, expr }
    : { met, share: undefined, part: neg(part), whole: neg(whole), completion, expr };
}

/**
 * points × share rounded as the scheme says. A share kept as part ÷ whole goes through the fixed-point fast path
 * (numbers/fixed.ts), which answers exactly what `roundStep(mul(points, div(part, whole)), step)` does, or
 * undefined when a product would pass 2^53 (then that bigint path).
 */
export function scaledShare(points: Ratio, share: Share, step: RoundingStep): Ratio {
  if (share.share !== undefined) return roundStep(mul(points, share.share), step);
  if (share.x !== undefined && share.y !== undefined) {
    const digits = roundingDigits(step);
    const fast = digits === undefined ? undefined : mulDivRoundNumbers(points, share.x, share.y, digits);
    return fast ?? roundStep(mul(points, div(fromNumber(share.x), fromNumber(share.y))), step);
  }
  const part = share.part!;
  const whole = share.whole!;
  const digits = roundingDigits(step);
  const fast = digits === undefined ? undefined : mulDivRound(points, part, whole, digits);
  return fast ?? roundStep(mul(points, div(part, whole)), step);
}

const NOT_MET: LocalizedText = { zh: "未达成且目标值不大于 0", en: "not met and the target is not above 0" };
const NOT_MET_ZERO: LocalizedText = { zh: "目标值为 0 而实际值不符", en: "the target is 0 and the actual is not" };

/** The actual's value in the target's unit (`名` = `人`, `小时` → `分钟`…); undefined when they do not convert. */
function inTargetUnit(t: TargetValue, a: TargetValue, v: number): Ratio | undefined {
  const r = fromNumber(v);
  if (t.unit === undefined || a.unit === undefined || t.unit === a.unit) return r;
  return convertUnit(r, a.unit, t.unit);
}

function withUnit(v: Ratio, unit: string | undefined): string {
  return `${dec(v)}${unit ?? ""}`;
}

/**
 * Exact numeric judgement when both sides are numbers in units that agree or convert (or one side has none).
 * The scheme decides met and the share; the targets module's comparison lends its wording when it agrees.
 */
export function numericJudgement(
  target: TargetValue,
  actual: TargetValue,
  scheme: ScoringScheme,
  external: Comparison,
): { share: Share; comparison: Comparison } | undefined {
  const share = numbersShare(target, actual, scheme, external);
  if (share) return { share, comparison: { met: JUDGED.met, ratio: JUDGED.ratio, note: JUDGED.note } };
  return numericJudgementExact(target, actual, scheme, external);
}

/**
 * The comparison of the last `numericShareInto` answered (module state, so that the fast scoring path makes no
 * record per indicator): read it before the next judgement. Its ratio (the completion) is worked out only when met:
 * the fast path reads it for a met indicator alone (whether it is far over the target).
 */
export const JUDGED: Comparison = {
  met: undefined,
  ratio: undefined,
  note: "",
};

/**
 * numericJudgement's share, its comparison into `JUDGED` rather than a new record; undefined where
 * numericJudgement is (then JUDGED is left as it was).
 */
export function numericShareInto(
  target: TargetValue,
  actual: TargetValue,
  scheme: ScoringScheme,
  external: Comparison,
): Share | undefined {
  const share = numbersShareInto(target, actual, scheme, external);
  if (share) return share;
  const exact = numericJudgementExact(target, actual, scheme, external);
  if (!exact) return undefined;
  JUDGED.met = exact.comparison.met;
  JUDGED.ratio = exact.comparison.ratio;
  JUDGED.note = exact.comparison.note;
  return exact.share;
}

/**
 * numericShareInto's judgement on doubles alone (numbersJudgement, rangeJudgement), undefined where it leaves the
 * pair to the exact judgement: when it answers, JUDGED.note is `external.note` as it was given, so a caller that
 * writes the note when it is read (fast.ts, decision 0008) may pass a comparison whose note is not written yet.
 */
export function numbersShareInto(
  target: TargetValue,
  actual: TargetValue,
  scheme: ScoringScheme,
  external: Comparison,
): Share | undefined {
  INTO = true;
  try {
    return numbersShare(target, actual, scheme, external);
  } finally {
    INTO = false;
  }
}

/** The judgement on doubles (numbersJudgement, rangeJudgement) when the values allow it, else undefined. */
function numbersShare(target: TargetValue, actual: TargetValue, scheme: ScoringScheme, external: Comparison) {
  if (actual.value === undefined) return undefined;
  if (actual.kind !== "numeric" && actual.kind !== "frequency") return undefined;
  if (
    target.kind === "numeric" &&
    target.value !== undefined &&
    (target.unit === undefined || actual.unit === undefined || target.unit === actual.unit)
  ) {
    return numbersJudgement(target.op ?? "=", target.value, actual.value, actual.op, scheme, external);
  }
  if (
    target.kind === "range" &&
    target.min !== undefined &&
    target.max !== undefined &&
    (target.unit === undefined || actual.unit === undefined || target.unit === actual.unit)
  ) {
    return rangeJudgement(target.min, target.max, actual.value, actual.op, scheme, external);
  }
  return undefined;
}

/** numericJudgement on exact Ratios: every case, and the reference of the fast path (test/scoring/fast-path.test.ts). */
export function numericJudgementExact(
  target: TargetValue,
  actual: TargetValue,
  scheme: ScoringScheme,
  external: Comparison,
): { share: Share; comparison: Comparison } | undefined {
  if (actual.value === undefined) return undefined;
  if (actual.kind !== "numeric" && actual.kind !== "frequency") return undefined;
  const a = inTargetUnit(target, actual, actual.value);
  if (a === undefined) return undefined;
  const unit = target.unit ?? actual.unit;
  let share: Share;
  // the target as written in the scheme's own note: a range, or an operator and a value
  let lo: Ratio | undefined;
  let hi: Ratio | undefined;
  let op: Op = "=";
  let t: Ratio = ZERO;
  if (target.kind === "range" && target.min !== undefined && target.max !== undefined) {
    lo = fromNumber(target.min);
    hi = fromNumber(target.max);
    share =
      cmp(a, lo) < 0
        ? numericShare(">=", lo, a, actual.op, scheme)
        : cmp(a, hi) > 0
          ? numericShare("<=", hi, a, actual.op, scheme)
          : { met: true, share: ONE, completion: ONE };
  } else if (
    (target.kind === "numeric" || target.kind === "frequency") &&
    target.value !== undefined &&
    (target.kind === "numeric" || (actual.kind === "frequency" && actual.period === target.period))
  ) {
    op = target.op ?? (target.kind === "frequency" ? ">=" : "=");
    t = fromNumber(target.value);
    share = numericShare(op, t, a, actual.op, scheme);
  } else {
    return undefined;
  }
  let note: string;
  if (external.met === share.met) note = external.note;
  else {
    // the scheme's own wording, only when the comparison's does not say the same
    const targetText =
      lo !== undefined && hi !== undefined
        ? `${withUnit(lo, unit)}–${withUnit(hi, unit)}`
        : `${OP_TEXT[op]}${withUnit(t, unit)}`;
    const actualText = `${actual.op ? OP_TEXT[actual.op] : ""}${withUnit(a, unit)}`;
    // toDecimalString(x, 2) is the text of round(x, 2)
    const pct = share.completion ? `，完成 ${toDecimalString(mul(share.completion, HUNDRED), 2)}%` : "";
    const own = `实际 ${actualText}，目标 ${targetText}：${share.met ? "达成" : "未达成"}${pct}`;
    note = external.met === undefined ? own : `${own}（按评分方案判断；指标值比较为：${external.note}）`;
  }
  return {
    share,
    comparison: {
      met: share.met,
      ratio: share.completion ? toNumber(share.completion, 6) : undefined,
      note,
    },
  };
}

const FULL_MET: Share = { met: true, share: ONE, completion: undefined };

/** `toNumber(div(fromNumber(x), fromNumber(y)), 6)`, on doubles when they allow it (y ≠ 0). */
function completion6(x: number, y: number): number {
  const q = quotientNumber(x, y, 6);
  return !Number.isNaN(q) ? q : toNumber(div(fromNumber(x), fromNumber(y)), 6);
}

/**
 * numericJudgement for a number against `op t` in the same unit (or none), on the doubles: fromNumber keeps their
 * order, so every comparison of the exact values is the comparison of the doubles, and a proportional share is
 * kept as x ÷ y for the fixed-point path. Answers the general path's judgement (test/scoring/fast-path.test.ts),
 * or undefined for what it leaves to it: a target ≤ 0 under ＝, lower-is-better linear-2x when not met on numbers
 * that are not whole (linearNumbers), a share
 * outside 0–1, or a comparison whose met differs (its note is the scheme's own).
 */
function numbersJudgement(
  op: Op,
  tv: number,
  av: number,
  aop: Op | undefined,
  scheme: ScoringScheme,
  external: Comparison,
): Share | undefined {
  if (!Number.isFinite(tv) || !Number.isFinite(av)) return undefined;
  let met: boolean;
  let completion: number | undefined;
  let share: Share;
  if (op === ">=" || op === ">") {
    met = op === ">=" ? av >= tv : av > tv || (aop === ">" && av === tv);
    if (external.met !== met) return undefined;
    completion = tv > 0 && (met || !INTO) ? completion6(av, tv) : undefined;
    if (met) share = FULL_MET;
    else if (tv <= 0) share = { met, share: ZERO, completion: undefined, zeroWhy: NOT_MET };
    else if (av >= 0 && av <= tv) share = proportionalNumbers(met, av, tv);
    else return undefined;
  } else if (op === "=") {
    if (tv === 0) {
      met = scheme.equalsZero === "full-if-zero" ? av === 0 : av <= 0;
      if (external.met !== met) return undefined;
      share = met ? FULL_MET : { met, share: ZERO, completion: undefined, zeroWhy: NOT_MET_ZERO };
    } else {
      if (tv < 0) return undefined;
      met = av >= tv;
      if (external.met !== met) return undefined;
      completion = met || !INTO ? completion6(av, tv) : undefined;
      if (met) share = FULL_MET;
      else if (av >= 0) share = proportionalNumbers(met, av, tv);
      else return undefined;
    }
  } else {
    met = op === "<=" ? av <= tv : av < tv || (aop === "<" && av === tv);
    if (external.met !== met) return undefined;
    completion = av > 0 && (met || !INTO) ? completion6(tv, av) : undefined;
    if (met) share = FULL_MET;
    else if (tv <= 0) share = { met, share: ZERO, completion: undefined, zeroWhy: NOT_MET };
    else if (scheme.lowerIsBetter === "ratio") share = proportionalNumbers(met, tv, av);
    else {
      const linear = linearNumbers(met, tv, av);
      if (!linear) return undefined;
      share = linear;
    }
  }
  JUDGED.met = met;
  JUDGED.ratio = completion;
  JUDGED.note = external.note;
  return share;
}

/**
 * numericShare's linear-2x share for a lower-is-better target t > 0 not met by a (a ≥ t), on whole numbers, where
 * every step is exact on doubles (2t, a − t, 2t − a, and their texts those of the Ratios): nothing at or above
 * 2t, else (2t − a) ÷ t. Undefined for any other number (then the exact judgement).
 */
function linearNumbers(met: boolean, tv: number, av: number): Share | undefined {
  const twice = tv * 2;
  if (!Number.isSafeInteger(tv) || !Number.isSafeInteger(av) || !Number.isSafeInteger(twice)) return undefined;
  if (av >= twice) {
    const t = numberText(twice, 4);
    return {
      met,
      share: ZERO,
      completion: undefined,
      zeroWhy: { zh: `实际值达到目标值的 2 倍（${t}）及以上`, en: `the actual is at or above twice the target (${t})` },
    };
  }
  const a = numberText(av, 4);
  const t = numberText(tv, 4);
  return { met, share: undefined, x: twice - av, y: tv, completion: undefined, expr: `× (1 − (${a} − ${t}) ÷ ${t})` };
}

const IN_RANGE: Share = { met: true, share: ONE, completion: ONE };

/**
 * numericJudgement for a number against a range lo–hi in the same unit (or none), on the doubles: below lo it is
 * judged as `≥ lo`, above hi as `≤ hi` (numbersJudgement), within it met in full with completion 1; undefined for
 * what numbersJudgement leaves to the exact path.
 */
function rangeJudgement(
  lo: number,
  hi: number,
  av: number,
  aop: Op | undefined,
  scheme: ScoringScheme,
  external: Comparison,
): Share | undefined {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !Number.isFinite(av)) return undefined;
  if (av < lo) return numbersJudgement(">=", lo, av, aop, scheme, external);
  if (av > hi) return numbersJudgement("<=", hi, av, aop, scheme, external);
  if (external.met !== true) return undefined;
  JUDGED.met = true;
  JUDGED.ratio = 1;
  JUDGED.note = external.note;
  return IN_RANGE;
}

/** The share x ÷ y (0 ≤ x ≤ y, y > 0) with its formula text `× x ÷ y` (actual ÷ target, or target ÷ actual). */
/**
 * The proportional share numericShareInto answers, reused (its reader takes x and y at once and keeps nothing): no
 * Share and no `× x ÷ y` text made per indicator; the reader words the formula from x and y itself.
 */
export const PROPORTIONAL: Share = { met: false, share: undefined, x: 0.5, y: 0.5, completion: undefined };
/** Whether numbersShare answers for numericShareInto (PROPORTIONAL) rather than with a Share of its own. */
let INTO = false;
function proportionalNumbers(met: boolean, x: number, y: number): Share {
  if (INTO) {
    PROPORTIONAL.met = met;
    PROPORTIONAL.x = x;
    PROPORTIONAL.y = y;
    return PROPORTIONAL;
  }
  return { met, share: undefined, x, y, completion: undefined, expr: `× ${numberText(x, 4)} ÷ ${numberText(y, 4)}` };
}

/**
 * The points' text, remembered for the last Ratio printed: the points of an evaluation's group are mostly the same
 * object (normalisation shares its Ratios), so each is printed once rather than per indicator.
 */
let lastPoints: Ratio | undefined;
let lastPointsText = "";
function pointsText(points: Ratio): string {
  if (points !== lastPoints) {
    lastPointsText = dec(points);
    lastPoints = points;
  }
  return lastPointsText;
}

/** `分值 10→8.33（按方案折算）`, its texts remembered for the last pair of points (a new object each time). */
let lastNoteFrom: Ratio | undefined;
let lastNoteTo: Ratio | undefined;
let lastNoteZh = "";
let lastNoteEn = "";
function pointsNoteOf(inputPoints: Ratio, points: Ratio, p: string): LocalizedText {
  if (inputPoints !== lastNoteFrom || points !== lastNoteTo) {
    const from = dec(inputPoints);
    const note = pointsNoteText(from, p);
    lastNoteZh = note.zh;
    lastNoteEn = note.en;
    lastNoteFrom = inputPoints;
    lastNoteTo = points;
  }
  return { zh: lastNoteZh, en: lastNoteEn };
}

function asTarget(v: TargetValue | string, f: TargetFunctions, hints?: { unit?: string; op?: Op }): TargetValue {
  return typeof v === "string" ? f.parse(v, hints) : v;
}

/** Scores one indicator. `index` is its position in the input (for paths such as `indicators[3]`). */
export function scoreIndicator(
  ind: IndicatorInput,
  scheme: ScoringScheme,
  index = 0,
  targets: TargetFunctions = defaultTargets,
  /** The points after the scheme's normalisation (`normalisePoints`); default the input's own. */
  scaledPoints?: Ratio,
): IndicatorScore {
  return scoreIndicatorKnown(ind, scheme, index, targets, scaledPoints, toRatio(ind.points), level1Of(ind.level1));
}

/** scoreIndicator with the points as given and the level-1 group already read (computeScores reads them once). */
export function scoreIndicatorKnown(
  ind: IndicatorInput,
  scheme: ScoringScheme,
  index: number,
  targets: TargetFunctions,
  scaledPoints: Ratio | undefined,
  inputPoints: Ratio,
  level1: Level1 | undefined,
): IndicatorScore {
  const points = scaledPoints ?? inputPoints;
  const scaled = cmp(points, inputPoints) !== 0;
  const stated =
    ind.statedScore !== undefined
      ? toRatio(ind.statedScore)
      : ind.statedCoefficient !== undefined
        ? mul(toRatio(ind.statedCoefficient), inputPoints)
        : undefined;
  const target = asTarget(ind.target, targets, ind.hints);
  const unit = target.unit ?? ind.hints?.unit;
  const actual = asTarget(ind.actual, targets, unit ? { unit } : undefined);
  const p = pointsText(points);

  let computed: Ratio | undefined;
  let basis: Basis;
  let tier: TierKey | undefined;
  let comparison: Comparison;
  let formula: LocalizedText;

  const external = targets.compare(target, actual);
  const numeric = numericJudgement(target, actual, scheme, external);
  if (numeric) {
    comparison = numeric.comparison;
    computed =
      cmp(points, ZERO) > 0
        ? scaledShare(points, numeric.share, scheme.rounding.indicator)
        : roundStep(ZERO, scheme.rounding.indicator);
    basis = numeric.share.met ? "met" : "formula";
    const sh = numeric.share;
    formula = sh.met ? metFormula(p) : sh.expr ? shareFormula(p, sh.expr) : zeroFormula(sh.zeroWhy);
  } else {
    comparison = external;
    if (comparison.met === undefined && sameWords(target.text, actual.text)) {
      comparison = sameWordsComparison(comparison);
    }
    tier = ind.tier ?? (comparison.met === true ? "achieved" : comparison.met === false ? "not-achieved" : undefined);
    const t = tier ? scheme.qualitative.find((q) => q.key === tier) : undefined;
    if (t) {
      computed = roundStep(mul(points, div(fromNumber(t.suggest), fromInt(100))), scheme.rounding.indicator);
      basis = "tier";
      formula = tierFormula(t, p, ind.tier !== undefined);
    } else {
      basis = stated !== undefined ? "stated" : "none";
      formula = unjudgedFormula(comparison.note, stated !== undefined);
    }
  }
  const cap = max(points, ZERO);
  if (computed !== undefined) computed = within(computed, cap);
  // A stated score carried into the sums is on the input's scale: scaled with the points, kept within them.
  let carried = stated;
  if (computed === undefined && stated !== undefined) {
    const factor = scaled && cmp(inputPoints, ZERO) > 0 ? div(points, inputPoints) : undefined;
    carried = within(roundStep(factor ? mul(stated, factor) : stated, scheme.rounding.indicator), cap);
    if (factor || cmp(carried, stated) !== 0) {
      formula = {
        zh: `${formula.zh}（自评 ${dec(stated)} 按分值 ${dec(inputPoints)}→${p} 计为 ${dec(carried)}）`,
        en: `${formula.en} (stated ${dec(stated)} counted as ${dec(carried)} on points ${dec(inputPoints)}→${p})`,
      };
    }
  }
  const suggested = computed ?? carried ?? ZERO;
  const pointsNote: LocalizedText | undefined = scaled ? pointsNoteOf(inputPoints, points, p) : undefined;
  return {
    index,
    name: ind.name,
    level1,
    group: countedGroup(scheme, level1),
    level2: ind.level2,
    points,
    inputPoints,
    pointsNote,
    target,
    actual,
    comparison,
    computed,
    suggested,
    basis,
    tier,
    stated,
    difference: computed !== undefined && stated !== undefined ? sub(stated, computed) : undefined,
    formula,
  };
}

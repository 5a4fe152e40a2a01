/**
 * Scoring a self-evaluation against a scheme: the execution score, each indicator's suggested score by formula or
 * qualitative tier, the group and total sums, the grade, and every place where the document's stated score differs
 * from the computed one. Exact on Ratio throughout; numbers appear only in the presented result.
 *
 * Stated scores are partly human judgement (seed 002 gives 18 for 20 × 88.35% = 17.67): both are kept side by side,
 * nothing is "corrected".
 */
import type { LocalizedText } from "../errors/domain-error.ts";
import { DomainError } from "../errors/domain-error.ts";
import { checkBudgetLine, executionRate } from "../money/budget.ts";
import { type Fen, formatAmount, type MoneyUnit } from "../money/money.ts";
import {
  add,
  cmp,
  div,
  fromInt,
  fromNumber,
  isZero,
  max,
  min,
  mul,
  ONE,
  parseDecimal,
  type Ratio,
  round,
  sub,
  sum,
  toDecimalString,
  toNumber,
  ZERO,
} from "../numbers/decimal.ts";
import { compareActual, convertUnit } from "../targets/compare.ts";
import { parseTarget } from "../targets/parse.ts";
import type { Comparison, Op, TargetValue } from "../targets/types.ts";
import { factorText, type Normalisation, normalisePoints } from "./normalise.ts";
import {
  countedGroup,
  gradeOf,
  indicatorTotalOf,
  LEVEL1_NAMES,
  type Level1,
  level1Of,
  type PointsRule,
  type RoundingStep,
  roundingDigits,
  type ScoringScheme,
  type TierKey,
  validateScheme,
} from "./scheme.ts";

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

export interface EvaluationInput {
  title?: string | undefined;
  scheme: ScoringScheme;
  /** The unit the budget amounts were written in (for display; amounts are held in fen). */
  unit?: MoneyUnit | undefined;
  budget: {
    /** 全年预算数 (A) */
    budget: Fen;
    /** 全年执行数 (B) */
    executed: Fen;
    /** 年初预算数, when given: 年初 + 调整 = 全年预算数 is checked. */
    initial?: Fen | undefined;
    /** 预算调整数 */
    adjustment?: Fen | undefined;
    /** 执行率 as printed (`88.3%`). */
    statedRate?: string | undefined;
    /** 执行率得分 as stated. */
    statedScore?: Num | undefined;
  };
  indicators: IndicatorInput[];
  /** 总分 as stated. */
  statedTotal?: Num | undefined;
  /** The stated sum of all indicator scores, when the document prints one (seed 002: 年度目标 74). */
  statedIndicatorTotal?: Num | undefined;
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

const defaultTargets = TARGETS;

function sameWords(a: string, b: string): boolean {
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

function roundStep(r: Ratio, step: RoundingStep): Ratio {
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

interface Share {
  met: boolean;
  /** share of the points, 0–1 */
  share: Ratio;
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
    return { met, share: clamp01(div(a, t)), completion, expr: `× ${dec(a)} ÷ ${dec(t)}` };
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
    return { met, share: clamp01(div(a, t)), completion, expr: `× ${dec(a)} ÷ ${dec(t)}` };
  }
  // lower is better
  const met = op === "<=" ? cmp(a, t) <= 0 : cmp(a, t) < 0 || (actualOp === "<" && cmp(a, t) === 0);
  const completion = cmp(a, ZERO) > 0 ? safeDiv(t, a) : undefined;
  if (met) return { met, share: ONE, completion };
  if (cmp(t, ZERO) <= 0) return { met, share: ZERO, completion, zeroWhy: NOT_MET };
  if (scheme.lowerIsBetter === "ratio") {
    return { met, share: clamp01(div(t, a)), completion, expr: `× ${dec(t)} ÷ ${dec(a)}` };
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
  return {
    met,
    share: clamp01(sub(ONE, div(sub(a, t), t))),
    completion,
    expr: `× (1 − (${dec(a)} − ${dec(t)}) ÷ ${dec(t)})`,
  };
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
function numericJudgement(
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
  const inputPoints = toRatio(ind.points);
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
  const level1 = level1Of(ind.level1);
  const p = dec(points);

  let computed: Ratio | undefined;
  let basis: Basis;
  let tier: TierKey | undefined;
  let comparison: Comparison;
  let formula: LocalizedText;

  const external = targets.compare(target, actual);
  const numeric = numericJudgement(target, actual, scheme, external);
  if (numeric) {
    comparison = numeric.comparison;
    const raw = cmp(points, ZERO) > 0 ? mul(points, numeric.share.share) : ZERO;
    computed = roundStep(raw, scheme.rounding.indicator);
    basis = numeric.share.met ? "met" : "formula";
    const sh = numeric.share;
    formula = sh.met
      ? { zh: `达成，得满分 ${p}`, en: `met: full ${p} points` }
      : sh.expr
        ? { zh: `${p} ${sh.expr}`, en: `${p} ${sh.expr}` }
        : { zh: `0 分（${sh.zeroWhy?.zh ?? "未达成"}）`, en: `0 (${sh.zeroWhy?.en ?? "not met"})` };
  } else {
    comparison = external;
    if (comparison.met === undefined && sameWords(target.text, actual.text)) {
      comparison = { ...comparison, met: true, note: `${comparison.note}；实际完成值与指标值文字相同，视为达成` };
    }
    tier = ind.tier ?? (comparison.met === true ? "achieved" : comparison.met === false ? "not-achieved" : undefined);
    const t = tier ? scheme.qualitative.find((q) => q.key === tier) : undefined;
    if (t) {
      computed = roundStep(mul(points, div(fromNumber(t.suggest), fromInt(100))), scheme.rounding.indicator);
      basis = "tier";
      formula = {
        zh: `定性「${t.label.zh}」（${t.min}–${t.max}%），建议 ${t.suggest}% × ${p}${ind.tier ? "（档次由填报人选定）" : ""}`,
        en: `qualitative "${t.label.en}" (${t.min}–${t.max}%), suggested ${t.suggest}% × ${p}${ind.tier ? " (tier chosen by the evaluator)" : ""}`,
      };
    } else {
      basis = stated !== undefined ? "stated" : "none";
      formula = {
        zh: `无法自动判断（${comparison.note}），${stated !== undefined ? "沿用自评得分" : "计 0 分"}，需人工评定`,
        en: `cannot be judged automatically (${comparison.note}); ${stated !== undefined ? "the stated score is carried" : "counted as 0"}; needs a human judgement`,
      };
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
  const pointsNote: LocalizedText | undefined = scaled
    ? {
        zh: `分值 ${dec(inputPoints)}→${p}（按方案折算）`,
        en: `points ${dec(inputPoints)}→${p} (scaled to the scheme)`,
      }
    : undefined;
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

// ---------------------------------------------------------------------------------------------------------------
// The whole evaluation, exact

export type DifferenceKind =
  | "indicator"
  | "execution-rate"
  | "execution-score"
  | "group"
  | "indicator-total"
  | "total"
  | "stated-sum";

export interface ExactDifference {
  kind: DifferenceKind;
  path: string;
  name: string;
  stated: Ratio;
  computed: Ratio;
  /** stated − computed */
  difference: Ratio;
  zh: string;
  en: string;
  /** The evaluator's reason for the stated score, when given. */
  reason?: string | undefined;
}

export type ProblemCode =
  | "zero_budget"
  | "invalid_budget"
  | "budget_arithmetic"
  | "unknown_level1"
  | "level1_not_in_scheme"
  | "group_without_indicators"
  | "weight_not_positive"
  | "weights_sum"
  | "weights_total"
  | "unjudged"
  | "deviation_reason_missing"
  | "far_over_target"
  | "stated_score_out_of_range";

export interface ScoreProblem {
  code: ProblemCode;
  path: string;
  zh: string;
  en: string;
}

export interface ExactGroup {
  level1: Level1;
  name: LocalizedText;
  /**
   * The points the group is scored out of: the scheme's (after any move of a missing group's points), or under
   * `scale-to-total` the group's share of the scheme's indicator total.
   */
  points: Ratio;
  /** Σ of the indicators' weights as given. */
  weightSum: Ratio;
  /** Σ of the indicators' weights as given, negative ones as 0 (what the normalisation scaled). */
  inputPoints: Ratio;
  /** points ÷ inputPoints when the points were scaled. */
  factor: Ratio | undefined;
  /** `按方案折算：产出 60→50（各指标分值 × 50/60）`, when the points differ from the input. */
  explanation: LocalizedText | undefined;
  /** Σ suggested */
  score: Ratio;
  /** Σ stated, when every indicator of the group has a stated score. */
  statedScore: Ratio | undefined;
  indicators: number[];
}

export interface ExactEvaluation {
  /** How the indicator points were fitted to the scheme (normalise.ts). */
  normalisation: Normalisation;
  rate: { ratio: Ratio; percent: Ratio; text: string } | undefined;
  executionPoints: Ratio;
  executionScore: Ratio | undefined;
  statedExecutionScore: Ratio | undefined;
  indicators: IndicatorScore[];
  groups: ExactGroup[];
  /** execution + Σ groups, before the total's rounding. */
  totalUnrounded: Ratio;
  total: Ratio;
  grade: string | undefined;
  /** The stated total, or Σ stated parts when no total is stated. */
  statedTotal: Ratio | undefined;
  /** Σ stated parts (execution + every indicator), when every part is stated. */
  statedSum: Ratio | undefined;
  statedGrade: string | undefined;
  differences: ExactDifference[];
  problems: ScoreProblem[];
}

function n2(r: Ratio): string {
  return toDecimalString(r, 4);
}

function signed(r: Ratio): string {
  const s = n2(r);
  return cmp(r, ZERO) > 0 ? `+${s}` : s;
}

const FAR_OVER = parseDecimal("1.3")!;
const HUNDRED = fromInt(100);

/**
 * Whether a completion ratio (a JS number) is at least 130%: `fromNumber(x) ≥ 1.3` exactly. For a finite x that
 * is `x >= 1.3` on doubles: fromNumber gives the shortest decimal of x, which grows with x, and is exactly 1.3 for
 * the double 1.3. Non-finite numbers go through fromNumber (which refuses them).
 */
function farOver(x: number): boolean {
  return Number.isFinite(x) ? x >= 1.3 : cmp(fromNumber(x), FAR_OVER) >= 0;
}

/**
 * Scores the evaluation exactly. Never throws for the document's own mistakes: they become problems. An unusable
 * scheme is a configuration error: `DomainError("invalid_scheme")`.
 */
export function computeScores(input: EvaluationInput, targets: TargetFunctions = defaultTargets): ExactEvaluation {
  const scheme = validateScheme(input.scheme);
  const problems: ScoreProblem[] = [];
  const differences: ExactDifference[] = [];
  const unit = input.unit ?? "万元";

  // Execution
  const executionPoints = fromNumber(scheme.execution.points);
  let rate: ExactEvaluation["rate"];
  let executionScore: Ratio | undefined;
  try {
    rate = executionRate(input.budget.executed, input.budget.budget, { path: "budget.budget" });
    const r = scheme.execution.capAt100 ? min(rate.ratio, ONE) : rate.ratio;
    executionScore = roundStep(mul(executionPoints, max(r, ZERO)), scheme.rounding.execution);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    problems.push({
      code: e.code === "zero_budget" ? "zero_budget" : "invalid_budget",
      path: "budget.budget",
      ...e.text,
    });
  }
  if (input.budget.initial !== undefined || input.budget.adjustment !== undefined) {
    const line = checkBudgetLine({
      initial: input.budget.initial,
      adjustment: input.budget.adjustment,
      final: input.budget.budget,
    });
    for (const p of line.problems)
      problems.push({ code: "budget_arithmetic", path: "budget.budget", zh: p.zh, en: p.en });
  }
  const statedExecutionScore = input.budget.statedScore === undefined ? undefined : toRatio(input.budget.statedScore);
  if (rate && input.budget.statedRate !== undefined && input.budget.statedRate.trim() !== "") {
    const s = input.budget.statedRate.trim().replace(/[％%]$/, "");
    const stated = parseDecimal(s);
    if (stated) {
      const decimals = s.includes(".") ? s.length - s.indexOf(".") - 1 : 0;
      if (cmp(round(rate.percent, decimals), stated) !== 0) {
        differences.push({
          kind: "execution-rate",
          path: "budget.statedRate",
          name: "执行率",
          stated,
          computed: rate.percent,
          difference: sub(stated, rate.percent),
          zh: `执行率：填报 ${input.budget.statedRate}，按 执行数 ÷ 预算数 计算为 ${rate.text}%`,
          en: `execution rate: stated ${input.budget.statedRate}, executed ÷ budget = ${rate.text}%`,
        });
      }
    }
  }
  if (
    executionScore !== undefined &&
    statedExecutionScore !== undefined &&
    cmp(executionScore, statedExecutionScore) !== 0
  ) {
    const b = formatAmount(input.budget.budget, unit);
    const x = formatAmount(input.budget.executed, unit);
    differences.push({
      kind: "execution-score",
      path: "budget.statedScore",
      name: "预算执行率得分",
      stated: statedExecutionScore,
      computed: executionScore,
      difference: sub(statedExecutionScore, executionScore),
      zh: `预算执行率得分：自评 ${n2(statedExecutionScore)}，按 ${n2(executionPoints)} × 执行率 ${rate!.text}%（${x} ÷ ${b} ${unit}）计算为 ${n2(executionScore)}，相差 ${signed(sub(statedExecutionScore, executionScore))}`,
      en: `execution score: stated ${n2(statedExecutionScore)}, ${n2(executionPoints)} × rate ${rate!.text}% (${x} ÷ ${b} ${unit}) = ${n2(executionScore)}, difference ${signed(sub(statedExecutionScore, executionScore))}`,
    });
  }

  // Indicators: the points normalised to the scheme first (normalise.ts), then each scored out of its points.
  const rows = input.indicators.map((ind) => ({
    group: countedGroup(scheme, level1Of(ind.level1)),
    points: toRatio(ind.points),
  }));
  const normalisation = normalisePoints(scheme, rows);
  const indicators = input.indicators.map((ind, i) => scoreIndicator(ind, scheme, i, targets, normalisation.points[i]));
  for (const s of indicators) {
    const path = `indicators[${s.index}]`;
    const ind = input.indicators[s.index]!;
    if (s.level1 === undefined) {
      problems.push({
        code: "unknown_level1",
        path: `${path}.level1`,
        zh: `「${s.name}」的一级指标「${ind.level1}」不是产出、效益、满意度或成本指标，未计入得分`,
        en: `"${s.name}": level-1 "${ind.level1}" is not output, effect, satisfaction or cost; not counted`,
      });
    } else if (s.group === undefined) {
      problems.push({
        code: "level1_not_in_scheme",
        path: `${path}.level1`,
        zh: `「${s.name}」属于「${LEVEL1_NAMES[s.level1].zh}」，评分方案「${scheme.id}」没有这一一级指标，未计入得分`,
        en: `"${s.name}" is under "${LEVEL1_NAMES[s.level1].en}", which scheme "${scheme.id}" does not have; not counted`,
      });
    }
    if (cmp(s.inputPoints, ZERO) <= 0) {
      problems.push({
        code: "weight_not_positive",
        path: `${path}.points`,
        zh: `「${s.name}」的分值应大于 0，现为 ${n2(s.inputPoints)}`,
        en: `"${s.name}": the points must be > 0, got ${n2(s.inputPoints)}`,
      });
    }
    if (s.stated !== undefined && (cmp(s.stated, ZERO) < 0 || cmp(s.stated, s.inputPoints) > 0)) {
      problems.push({
        code: "stated_score_out_of_range",
        path: `${path}.statedScore`,
        zh: `「${s.name}」的自评得分 ${n2(s.stated)} 不在 0–${n2(s.inputPoints)} 之间`,
        en: `"${s.name}": the stated score ${n2(s.stated)} is outside 0–${n2(s.inputPoints)}`,
      });
    }
    if (s.basis === "stated" || s.basis === "none") {
      problems.push({
        code: "unjudged",
        path,
        zh: `「${s.name}」：${s.formula.zh}`,
        en: `"${s.name}": ${s.formula.en}`,
      });
    }
    const unmet = s.comparison.met === false || (s.tier !== undefined && s.tier !== "achieved");
    if (unmet && !ind.deviationReason?.trim()) {
      problems.push({
        code: "deviation_reason_missing",
        path: `${path}.deviationReason`,
        zh: `「${s.name}」未达成（${s.comparison.note}），应填写偏差原因`,
        en: `"${s.name}" is not met (${s.comparison.note}); a deviation reason is required`,
      });
    }
    const over = s.comparison.ratio !== undefined && s.basis === "met" ? farOver(s.comparison.ratio) : false;
    if (over && !ind.deviationReason?.trim() && !ind.overrideReason?.trim()) {
      problems.push({
        code: "far_over_target",
        path,
        zh: `「${s.name}」完成值达目标的 130% 以上（${s.comparison.note}），应说明原因（目标是否定得过低）`,
        en: `"${s.name}" is at 130% of its target or more (${s.comparison.note}); give a reason (was the target set too low?)`,
      });
    }
    if (s.difference !== undefined && !isZero(s.difference)) {
      differences.push({
        kind: "indicator",
        path: `${path}.statedScore`,
        name: s.name,
        stated: s.stated!,
        computed: s.computed!,
        difference: s.difference,
        zh: `「${s.name}」：自评 ${n2(s.stated!)} 分，按 ${s.formula.zh} 建议 ${n2(s.computed!)} 分，相差 ${signed(s.difference)}（目标 ${s.target.text}，实际 ${s.actual.text}${s.pointsNote ? `；${s.pointsNote.zh}` : ""}）`,
        en: `"${s.name}": stated ${n2(s.stated!)}, ${s.formula.en} suggests ${n2(s.computed!)}, difference ${signed(s.difference)} (target ${s.target.text}, actual ${s.actual.text}${s.pointsNote ? `; ${s.pointsNote.en}` : ""})`,
        reason: input.indicators[s.index]!.overrideReason,
      });
    }
  }

  // Groups: as the normalisation set their points.
  const groups: ExactGroup[] = [];
  for (const ng of normalisation.groups) {
    const pts = ng.points;
    const members = ng.indicators.map((i) => indicators[i]!);
    const name = LEVEL1_NAMES[ng.level1];
    const weightSum = sum(members.map((s) => s.inputPoints));
    const allStated = members.length > 0 && members.every((s) => s.stated !== undefined);
    const group: ExactGroup = {
      level1: ng.level1,
      name,
      points: pts,
      weightSum,
      inputPoints: ng.inputPoints,
      factor: ng.factor,
      explanation: ng.explanation,
      score: sum(members.map((s) => s.suggested)),
      statedScore: allStated ? sum(members.map((s) => s.stated!)) : undefined,
      indicators: ng.indicators,
    };
    groups.push(group);
    if (members.length === 0) {
      problems.push({
        code: "group_without_indicators",
        path: "indicators",
        zh: `没有「${name.zh}」的指标，其 ${n2(pts)} 分无从评分`,
        en: `no indicator under "${name.en}": its ${n2(pts)} points cannot be scored`,
      });
    } else if (normalisation.rule === "scale-to-groups" && cmp(weightSum, pts) !== 0) {
      const f = ng.factor ? factorText(ng.inputPoints, pts) : undefined;
      problems.push({
        code: "weights_sum",
        path: "indicators",
        zh: `「${name.zh}」各指标分值之和为 ${n2(weightSum)}，评分方案规定为 ${n2(pts)}${f ? `，已按方案折算（各指标分值 × ${f}）` : ng.explanation ? `：${ng.explanation.zh}` : ""}`,
        en: `the weights under "${name.en}" add up to ${n2(weightSum)}; the scheme gives ${n2(pts)}${f ? `; scaled to the scheme (each indicator's points × ${f})` : ng.explanation ? `: ${ng.explanation.en}` : ""}`,
      });
    }
    if (group.statedScore !== undefined && cmp(group.statedScore, group.score) !== 0) {
      const d = sub(group.statedScore, group.score);
      differences.push({
        kind: "group",
        path: `groups.${ng.level1}`,
        name: name.zh,
        stated: group.statedScore,
        computed: group.score,
        difference: d,
        zh: `「${name.zh}」（${n2(pts)} 分）：自评合计 ${n2(group.statedScore)}，建议合计 ${n2(group.score)}，相差 ${signed(d)}`,
        en: `"${name.en}" (${n2(pts)} points): stated sum ${n2(group.statedScore)}, suggested sum ${n2(group.score)}, difference ${signed(d)}`,
      });
    }
  }
  const nt = normalisation.total;
  if (nt && cmp(nt.inputPoints, nt.points) !== 0) {
    problems.push({
      code: "weights_total",
      path: "indicators",
      zh: `各指标分值合计 ${n2(nt.inputPoints)}，评分方案规定为 ${n2(nt.points)}：${normalisation.lines[0]?.zh ?? ""}`,
      en: `the indicator weights add up to ${n2(nt.inputPoints)}; the scheme gives ${n2(nt.points)}: ${normalisation.lines[0]?.en ?? ""}`,
    });
  }

  // Totals
  const indicatorTotal = sum(groups.map((g) => g.score));
  const totalUnrounded = add(executionScore ?? ZERO, indicatorTotal);
  const total = roundStep(totalUnrounded, scheme.rounding.total);
  const grade = gradeOf(total, scheme.grades);

  const countedStated = indicators.filter((s) => s.group !== undefined);
  const allIndicatorsStated = countedStated.length > 0 && countedStated.every((s) => s.stated !== undefined);
  const statedIndicatorSum = allIndicatorsStated ? sum(countedStated.map((s) => s.stated!)) : undefined;
  const statedSum =
    statedIndicatorSum !== undefined && statedExecutionScore !== undefined
      ? add(statedExecutionScore, statedIndicatorSum)
      : undefined;
  const statedTotalGiven = input.statedTotal === undefined ? undefined : toRatio(input.statedTotal);
  const statedTotal = statedTotalGiven ?? statedSum;

  if (input.statedIndicatorTotal !== undefined) {
    const given = toRatio(input.statedIndicatorTotal);
    if (statedIndicatorSum !== undefined && cmp(given, statedIndicatorSum) !== 0) {
      const d = sub(given, statedIndicatorSum);
      differences.push({
        kind: "stated-sum",
        path: "statedIndicatorTotal",
        name: "指标得分合计",
        stated: given,
        computed: statedIndicatorSum,
        difference: d,
        zh: `填报的指标得分合计 ${n2(given)} 不等于各指标自评得分之和 ${n2(statedIndicatorSum)}（相差 ${signed(d)}）`,
        en: `the stated indicator total ${n2(given)} is not the sum of the stated indicator scores ${n2(statedIndicatorSum)} (difference ${signed(d)})`,
      });
    }
    if (cmp(given, indicatorTotal) !== 0) {
      const d = sub(given, indicatorTotal);
      differences.push({
        kind: "indicator-total",
        path: "statedIndicatorTotal",
        name: "指标得分合计",
        stated: given,
        computed: indicatorTotal,
        difference: d,
        zh: `指标得分合计：自评 ${n2(given)}，建议 ${n2(indicatorTotal)}，相差 ${signed(d)}`,
        en: `indicator total: stated ${n2(given)}, suggested ${n2(indicatorTotal)}, difference ${signed(d)}`,
      });
    }
  }
  if (statedTotalGiven !== undefined && statedSum !== undefined && cmp(statedTotalGiven, statedSum) !== 0) {
    const d = sub(statedTotalGiven, statedSum);
    differences.push({
      kind: "stated-sum",
      path: "statedTotal",
      name: "总分",
      stated: statedTotalGiven,
      computed: statedSum,
      difference: d,
      zh: `填报总分 ${n2(statedTotalGiven)} 不等于自评各项得分之和 ${n2(statedSum)}（执行率 ${n2(statedExecutionScore!)} + 指标 ${n2(statedIndicatorSum!)}），相差 ${signed(d)}`,
      en: `the stated total ${n2(statedTotalGiven)} is not the sum of the stated parts ${n2(statedSum)} (execution ${n2(statedExecutionScore!)} + indicators ${n2(statedIndicatorSum!)}), difference ${signed(d)}`,
    });
  }
  if (statedTotal !== undefined && cmp(statedTotal, total) !== 0) {
    const d = sub(statedTotal, total);
    const judged = indicators.filter((s) => s.basis === "stated").length;
    differences.push({
      kind: "total",
      path: "statedTotal",
      name: "总分",
      stated: statedTotal,
      computed: total,
      difference: d,
      zh: `总分：自评 ${n2(statedTotal)}，建议 ${n2(total)}，相差 ${signed(d)}${judged > 0 ? `（其中 ${judged} 项无法自动判断，沿用自评得分）` : ""}`,
      en: `total: stated ${n2(statedTotal)}, suggested ${n2(total)}, difference ${signed(d)}${judged > 0 ? ` (${judged} indicators could not be judged automatically and keep their stated score)` : ""}`,
    });
  }

  return {
    normalisation,
    rate,
    executionPoints,
    executionScore,
    statedExecutionScore,
    indicators,
    groups,
    totalUnrounded,
    total,
    grade,
    statedTotal,
    statedSum,
    statedGrade: statedTotal === undefined ? undefined : gradeOf(statedTotal, scheme.grades),
    differences,
    problems,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Presented result (JSON-safe: numbers and strings only)

export interface IndicatorResult {
  index: number;
  /** The level-1 group as written in the input. */
  level1: string;
  /** The scheme group it counts in (after folds); null when the scheme does not count it. */
  group: Level1 | null;
  level2?: string | undefined;
  name: string;
  target: string;
  actual: string;
  /** The points the indicator is scored out of (after the scheme's normalisation): 0 ≤ score ≤ points. */
  points: number;
  /** The points as given in the input. */
  inputPoints: number;
  /** `分值 10→8.33（按方案折算）`, when `points` ≠ `inputPoints`. */
  pointsNote?: LocalizedText | undefined;
  /** Schemes that write 得分系数 (Chongqing): score ÷ points and stated ÷ points as given, to four decimals. */
  coefficient?: number | undefined;
  statedCoefficient?: number | undefined;
  /** The suggested score (formula or tier); undefined when it cannot be computed. */
  score: number | undefined;
  statedScore: number | undefined;
  /** stated − suggested */
  difference: number | undefined;
  basis: Basis;
  met: boolean | undefined;
  comparison: string;
  formula: LocalizedText;
}

export interface GroupResult {
  level1: Level1;
  name: string;
  nameEn: string;
  /** The points the group is scored out of (the scheme's; under scale-to-total its share of the indicator total). */
  points: number;
  /** Σ of the indicators' weights as given. */
  weightSum: number;
  /** Σ of the indicators' weights as given, negative ones as 0: what was scaled to `points`. */
  inputPoints: number;
  /** The scale factor as written in the explanation (`50/60`), when the points were scaled. */
  factor?: string | undefined;
  /** `按方案折算：产出 60→50（各指标分值 × 50/60）` in zh and en, when the points differ from the input. */
  explanation?: LocalizedText | undefined;
  /** Σ suggested (stated scores carried where nothing could be computed). */
  score: number;
  statedScore: number | undefined;
}

export interface Difference {
  kind: DifferenceKind;
  path: string;
  name: string;
  stated: number;
  computed: number;
  /** stated − computed */
  difference: number;
  zh: string;
  en: string;
  reason?: string | undefined;
}

/** The shape version of `ScoreResult` (2: scheme definition, normalisation, scaled points; docs/scoring.md). */
export const SCORE_RESULT_VERSION = 2;

/** How the indicator points were fitted to the scheme, as stored with the result. */
export interface NormalisationResult {
  rule: PointsRule;
  /** Whether any indicator's points were changed. */
  applied: boolean;
  /** Every explanation line in zh and en (`按方案折算：产出 60→50（各指标分值 × 50/60）`). */
  lines: LocalizedText[];
  /** scale-to-total only: Σ of the indicator points as given → the scheme's indicator total. */
  total?: { inputPoints: number; points: number; factor?: string | undefined } | undefined;
}

export interface ScoreResult {
  /** `SCORE_RESULT_VERSION`. */
  resultVersion: number;
  title: string | undefined;
  /** The scheme the result was computed with: its id, name, version and whole definition (JSON). */
  scheme: { id: string; name: LocalizedText; version?: string | undefined; definition: ScoringScheme };
  /** The highest total the scheme allows (100). */
  maxTotal: number;
  normalisation: NormalisationResult;
  unit: MoneyUnit;
  budget: string;
  executed: string;
  /** 执行率 in percent with two decimals: `88.35`; undefined for a zero budget. */
  executionRate: string | undefined;
  executionPoints: number;
  executionScore: number | undefined;
  statedExecutionScore: number | undefined;
  indicators: IndicatorResult[];
  groups: GroupResult[];
  total: number;
  grade: string | undefined;
  statedTotal: number | undefined;
  statedGrade: string | undefined;
  differences: Difference[];
  problems: ScoreProblem[];
}

const num = (r: Ratio) => toNumber(r, 6);

/** 得分系数 = score ÷ points (the points it is scored out of), stated ÷ the points as given. */
function coefficients(s: IndicatorScore): { coefficient?: number; statedCoefficient?: number } {
  const out: { coefficient?: number; statedCoefficient?: number } = {};
  if (s.computed !== undefined && cmp(s.points, ZERO) > 0)
    out.coefficient = toNumber(round(div(s.computed, s.points), 4), 4);
  if (s.stated !== undefined && cmp(s.inputPoints, ZERO) > 0) {
    out.statedCoefficient = toNumber(round(div(s.stated, s.inputPoints), 4), 4);
  }
  return out;
}
const opt = (r: Ratio | undefined) => (r === undefined ? undefined : num(r));

/** Scores an evaluation and presents the result for the CLI, the server and JSON output. */
export function scoreEvaluation(input: EvaluationInput, targets: TargetFunctions = defaultTargets): ScoreResult {
  const x = computeScores(input, targets);
  const unit = input.unit ?? "万元";
  const nt = x.normalisation.total;
  return {
    resultVersion: SCORE_RESULT_VERSION,
    title: input.title,
    scheme: {
      id: input.scheme.id,
      name: input.scheme.name,
      ...(input.scheme.version !== undefined ? { version: input.scheme.version } : {}),
      definition: JSON.parse(JSON.stringify(input.scheme)) as ScoringScheme,
    },
    maxTotal: num(add(x.executionPoints, indicatorTotalOf(input.scheme))),
    normalisation: {
      rule: x.normalisation.rule,
      applied: x.normalisation.applied,
      lines: x.normalisation.lines,
      ...(nt
        ? {
            total: {
              inputPoints: num(nt.inputPoints),
              points: num(nt.points),
              ...(nt.factor ? { factor: factorText(nt.inputPoints, nt.points) } : {}),
            },
          }
        : {}),
    },
    unit,
    budget: formatAmount(input.budget.budget, unit),
    executed: formatAmount(input.budget.executed, unit),
    executionRate: x.rate?.text,
    executionPoints: num(x.executionPoints),
    executionScore: opt(x.executionScore),
    statedExecutionScore: opt(x.statedExecutionScore),
    indicators: x.indicators.map((s) => ({
      index: s.index,
      level1: input.indicators[s.index]!.level1,
      group: s.group ?? null,
      level2: s.level2,
      name: s.name,
      target: s.target.text,
      actual: s.actual.text,
      points: num(s.points),
      inputPoints: num(s.inputPoints),
      ...(s.pointsNote ? { pointsNote: s.pointsNote } : {}),
      ...(input.scheme.indicatorScore === "coefficient" ? coefficients(s) : {}),
      score: opt(s.computed),
      statedScore: opt(s.stated),
      difference: opt(s.difference),
      basis: s.basis,
      met: s.comparison.met,
      comparison: s.comparison.note,
      formula: s.formula,
    })),
    groups: x.groups.map((g) => ({
      level1: g.level1,
      name: g.name.zh,
      nameEn: g.name.en,
      points: num(g.points),
      weightSum: num(g.weightSum),
      inputPoints: num(g.inputPoints),
      ...(g.factor ? { factor: factorText(g.inputPoints, g.points) } : {}),
      ...(g.explanation ? { explanation: g.explanation } : {}),
      score: num(g.score),
      statedScore: opt(g.statedScore),
    })),
    total: num(x.total),
    grade: x.grade,
    statedTotal: opt(x.statedTotal),
    statedGrade: x.statedGrade,
    differences: x.differences.map((d) => ({
      kind: d.kind,
      path: d.path,
      name: d.name,
      stated: num(d.stated),
      computed: num(d.computed),
      difference: num(d.difference),
      zh: d.zh,
      en: d.en,
      reason: d.reason,
    })),
    problems: x.problems,
  };
}

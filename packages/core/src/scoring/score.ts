/**
 * Scoring a self-evaluation against a scheme: the execution score, the indicator points fitted to the scheme
 * (normalise.ts), each indicator's suggested score (indicator.ts), the group and total sums, the grade, and every
 * place where the document's stated score differs from the computed one; then the presented, stored result.
 * computeScores is exact on Ratio throughout; numbers appear only in the presented result. scoreEvaluation works
 * the same presented result out on integer fixed point (fast.ts) when it can, else presents computeScores.
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
import { farOver, fastEligible, indicatorPath, scoreFast } from "./fast.ts";
import {
  type Basis,
  defaultTargets,
  type IndicatorInput,
  type IndicatorScore,
  type Num,
  roundStep,
  scoreIndicatorKnown,
  type TargetFunctions,
  toRatio,
} from "./indicator.ts";
import { factorText, type Normalisation, normalisePoints } from "./normalise.ts";
import {
  countedGroup,
  gradeOf,
  indicatorTotalOf,
  LEVEL1_NAMES,
  type Level1,
  level1Of,
  type PointsRule,
  type ScoringScheme,
  validateScheme,
} from "./scheme.ts";
import { FROZEN_SCHEMES } from "./schemes/builtin.ts";
import {
  groupDifferenceText,
  groupWithoutIndicatorsText,
  indicatorDifferenceText,
  NoteProblem,
  notInSchemeText,
  statedOutOfRangeText,
  statedTotalSumText,
  totalDifferenceText,
  unjudgedText,
  unknownLevel1Text,
  weightNotPositiveText,
  weightsSumText,
} from "./texts.ts";

export {
  type Basis,
  type IndicatorInput,
  type IndicatorScore,
  type Num,
  PLAIN_TEXT_TARGETS,
  scoreIndicator,
  TARGETS,
  type TargetFunctions,
  toRatio,
} from "./indicator.ts";

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

const _HUNDRED = fromInt(100);

/** What is derived from a built-in scheme, once: they are deeply frozen (schemes/builtin.ts), so it cannot go stale. */
interface SchemeFacts {
  scheme: ScoringScheme;
  definition: ScoringScheme;
  maxTotal: number;
}
const FROZEN_FACTS = new Map<ScoringScheme, SchemeFacts>();
function frozenFacts(s: ScoringScheme): SchemeFacts {
  let f = FROZEN_FACTS.get(s);
  if (!f) {
    f = {
      scheme: validateScheme(s),
      definition: schemeDefinition(s),
      maxTotal: num(add(fromNumber(s.execution.points), indicatorTotalOf(s))),
    };
    FROZEN_FACTS.set(s, f);
  }
  return f;
}

/** The scheme as JSON (a copy); a built-in one's copy is made once and shared, frozen, by every result. */
function schemeDefinition(s: ScoringScheme): ScoringScheme {
  const copy = JSON.parse(JSON.stringify(s)) as ScoringScheme;
  if (FROZEN_SCHEMES.has(s)) deepFreezeJson(copy);
  return copy;
}
function deepFreezeJson(v: unknown): void {
  if (v === null || typeof v !== "object") return;
  Object.freeze(v);
  for (const x of Object.values(v)) deepFreezeJson(x);
}

/** The execution part of an evaluation (rate, points, score, stated score), its problems and differences pushed. */
export interface ExecutionPart {
  executionPoints: Ratio;
  rate: ExactEvaluation["rate"];
  executionScore: Ratio | undefined;
  statedExecutionScore: Ratio | undefined;
}

export function executionPart(
  input: EvaluationInput,
  scheme: ScoringScheme,
  problems: ScoreProblem[],
  differences: ExactDifference[],
): ExecutionPart {
  const unit = input.unit ?? "万元";
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

  return { executionPoints, rate, executionScore, statedExecutionScore };
}

/**
 * Scores the evaluation exactly. Never throws for the document's own mistakes: they become problems. An unusable
 * scheme is a configuration error: `DomainError("invalid_scheme")`.
 */
export function computeScores(input: EvaluationInput, targets: TargetFunctions = defaultTargets): ExactEvaluation {
  const scheme = FROZEN_SCHEMES.has(input.scheme) ? frozenFacts(input.scheme).scheme : validateScheme(input.scheme);
  const problems: ScoreProblem[] = [];
  const differences: ExactDifference[] = [];

  const { executionPoints, rate, executionScore, statedExecutionScore } = executionPart(
    input,
    scheme,
    problems,
    differences,
  );

  // Indicators: the points normalised to the scheme first (normalise.ts), then each scored out of its points.
  const count = input.indicators.length;
  const rows = new Array<{ group: Level1 | undefined; points: Ratio; level1: Level1 | undefined }>(count);
  for (let i = 0; i < count; i++) {
    const ind = input.indicators[i]!;
    const level1 = level1Of(ind.level1);
    rows[i] = { group: countedGroup(scheme, level1), points: toRatio(ind.points), level1 };
  }
  const normalisation = normalisePoints(scheme, rows);
  const indicators = new Array<IndicatorScore>(count);
  for (let i = 0; i < count; i++) {
    const row = rows[i]!;
    indicators[i] = scoreIndicatorKnown(
      input.indicators[i]!,
      scheme,
      i,
      targets,
      normalisation.points[i],
      row.points,
      row.level1,
    );
  }
  for (const s of indicators) {
    const ind = input.indicators[s.index]!;
    const path = indicatorPath(s.index);
    if (s.level1 === undefined) {
      problems.push({ code: "unknown_level1", path: `${path}.level1`, ...unknownLevel1Text(s.name, ind.level1) });
    } else if (s.group === undefined) {
      problems.push({
        code: "level1_not_in_scheme",
        path: `${path}.level1`,
        ...notInSchemeText(s.name, LEVEL1_NAMES[s.level1], scheme.id),
      });
    }
    if (cmp(s.inputPoints, ZERO) <= 0) {
      problems.push({
        code: "weight_not_positive",
        path: `${path}.points`,
        ...weightNotPositiveText(s.name, n2(s.inputPoints)),
      });
    }
    if (s.stated !== undefined && (cmp(s.stated, ZERO) < 0 || cmp(s.stated, s.inputPoints) > 0)) {
      problems.push({
        code: "stated_score_out_of_range",
        path: `${path}.statedScore`,
        ...statedOutOfRangeText(s.name, n2(s.stated), n2(s.inputPoints)),
      });
    }
    if (s.basis === "stated" || s.basis === "none") {
      problems.push({ code: "unjudged", path, ...unjudgedText(s.name, s.formula) });
    }
    const unmet = s.comparison.met === false || (s.tier !== undefined && s.tier !== "achieved");
    if (unmet && !ind.deviationReason?.trim()) {
      problems.push(new NoteProblem("deviation_reason_missing", `${path}.deviationReason`, s.name, s.comparison.note));
    }
    const over = s.comparison.ratio !== undefined && s.basis === "met" ? farOver(s.comparison.ratio) : false;
    if (over && !ind.deviationReason?.trim() && !ind.overrideReason?.trim()) {
      problems.push(new NoteProblem("far_over_target", path, s.name, s.comparison.note));
    }
    if (s.difference !== undefined && !isZero(s.difference)) {
      differences.push({
        kind: "indicator",
        path: `${path}.statedScore`,
        name: s.name,
        stated: s.stated!,
        computed: s.computed!,
        difference: s.difference,
        ...indicatorDifferenceText(
          s.name,
          n2(s.stated!),
          s.formula,
          n2(s.computed!),
          signed(s.difference),
          s.target.text,
          s.actual.text,
          s.pointsNote,
        ),
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
        ...groupWithoutIndicatorsText(name, n2(pts)),
      });
    } else if (normalisation.rule === "scale-to-groups" && cmp(weightSum, pts) !== 0) {
      const f = ng.factor ? factorText(ng.inputPoints, pts) : undefined;
      problems.push({
        code: "weights_sum",
        path: "indicators",
        ...weightsSumText(name, n2(weightSum), n2(pts), f, ng.explanation),
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
        ...groupDifferenceText(name, n2(pts), n2(group.statedScore), n2(group.score), signed(d)),
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
      ...statedTotalSumText(
        n2(statedTotalGiven),
        n2(statedSum),
        n2(statedExecutionScore!),
        n2(statedIndicatorSum!),
        signed(d),
      ),
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
      ...totalDifferenceText(n2(statedTotal), n2(total), signed(d), judged),
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

/**
 * One indicator as presented. Built field by field in this order rather than with spreads of optional parts: the
 * same object (same keys, same order), made without copying.
 */
function indicatorResult(s: IndicatorScore, input: EvaluationInput): IndicatorResult {
  const out: IndicatorResult = {
    index: s.index,
    level1: input.indicators[s.index]!.level1,
    group: s.group ?? null,
    level2: s.level2,
    name: s.name,
    target: s.target.text,
    actual: s.actual.text,
    points: num(s.points),
    inputPoints: num(s.inputPoints),
  } as IndicatorResult;
  if (s.pointsNote) out.pointsNote = s.pointsNote;
  if (input.scheme.indicatorScore === "coefficient") {
    const c = coefficients(s);
    if (c.coefficient !== undefined) out.coefficient = c.coefficient;
    if (c.statedCoefficient !== undefined) out.statedCoefficient = c.statedCoefficient;
  }
  out.score = opt(s.computed);
  out.statedScore = opt(s.stated);
  out.difference = opt(s.difference);
  out.basis = s.basis;
  out.met = s.comparison.met;
  out.comparison = s.comparison.note;
  out.formula = s.formula;
  return out;
}

/**
 * Scores an evaluation and presents the result for the CLI, the server and JSON output: on integer fixed point
 * (fast.ts) when the evaluation allows it, else exactly (`scoreEvaluationExact`); the same result either way
 * (test/scoring/fast-scoring.test.ts).
 */
export function scoreEvaluation(input: EvaluationInput, targets: TargetFunctions = defaultTargets): ScoreResult {
  if (FROZEN_SCHEMES.has(input.scheme) && fastEligible(input)) {
    const facts = frozenFacts(input.scheme);
    const problems: ScoreProblem[] = [];
    const differences: ExactDifference[] = [];
    const exec = executionPart(input, facts.scheme, problems, differences);
    const fastDifferences: Difference[] = [];
    const x = scoreFast(input, targets, exec.executionScore, problems, exec.statedExecutionScore, fastDifferences);
    if (x) {
      const unit = input.unit ?? "万元";
      return {
        resultVersion: SCORE_RESULT_VERSION,
        title: input.title,
        scheme:
          input.scheme.version !== undefined
            ? {
                id: input.scheme.id,
                name: input.scheme.name,
                version: input.scheme.version,
                definition: facts.definition,
              }
            : { id: input.scheme.id, name: input.scheme.name, definition: facts.definition },
        maxTotal: facts.maxTotal,
        normalisation: { rule: input.scheme.pointsRule ?? "scale-to-groups", applied: x.applied, lines: x.lines },
        unit,
        budget: formatAmount(input.budget.budget, unit),
        executed: formatAmount(input.budget.executed, unit),
        executionRate: exec.rate?.text,
        executionPoints: num(exec.executionPoints),
        executionScore: opt(exec.executionScore),
        statedExecutionScore: opt(exec.statedExecutionScore),
        indicators: x.indicators,
        groups: x.groups,
        total: x.total,
        grade: x.grade,
        statedTotal: x.statedTotal,
        statedGrade: x.statedGrade,
        differences:
          differences.length === 0 ? fastDifferences : [...differences.map(presentDifference), ...fastDifferences],
        problems,
      };
    }
  }
  return scoreEvaluationExact(input, targets);
}

function presentDifference(d: ExactDifference): Difference {
  return {
    kind: d.kind,
    path: d.path,
    name: d.name,
    stated: num(d.stated),
    computed: num(d.computed),
    difference: num(d.difference),
    zh: d.zh,
    en: d.en,
    reason: d.reason,
  };
}

/** scoreEvaluation on exact Ratios throughout (computeScores, then presented): every case, and the fast path's reference. */
export function scoreEvaluationExact(input: EvaluationInput, targets: TargetFunctions = defaultTargets): ScoreResult {
  const x = computeScores(input, targets);
  const unit = input.unit ?? "万元";
  const nt = x.normalisation.total;
  const facts = FROZEN_SCHEMES.has(input.scheme) ? frozenFacts(input.scheme) : undefined;
  return {
    resultVersion: SCORE_RESULT_VERSION,
    title: input.title,
    scheme: {
      id: input.scheme.id,
      name: input.scheme.name,
      ...(input.scheme.version !== undefined ? { version: input.scheme.version } : {}),
      definition: facts ? facts.definition : schemeDefinition(input.scheme),
    },
    maxTotal: facts ? facts.maxTotal : num(add(x.executionPoints, indicatorTotalOf(input.scheme))),
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
    indicators: x.indicators.map((s) => indicatorResult(s, input)),
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
    differences: x.differences.map(presentDifference),
    problems: x.problems,
  };
}

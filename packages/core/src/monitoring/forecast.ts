/**
 * The year-end forecast (全年预计): the score and grade a project is heading for, while there is time to act.
 *
 * A forecast is an evaluation whose 实际完成值 are the 全年预计完成值 and whose 全年执行数 is the projected
 * execution (the unit's 全年预计执行数, else the pace to the cut-off: `projectExecution`). It is scored by
 * `scoreEvaluation`, the function the self-evaluation is scored by, under the scheme the evaluation would use; this
 * module adds only the reasons: the points each part is expected to lose, largest first (execution, each indicator,
 * and a scheme group that has no indicator at all).
 */
import type { Indicator } from "../model/document.ts";
import type { Fen } from "../money/money.ts";
import { cmp, fromNumber, type Ratio, sub, toDecimalString, ZERO } from "../numbers/decimal.ts";
import { inferWeights } from "../scoring/from-document.ts";
import type { IndicatorInput, Num } from "../scoring/indicator.ts";
import { countedGroup, type Level1, level1Of, type ScoringScheme } from "../scoring/scheme.ts";
import { type ScoreResult, scoreEvaluation } from "../scoring/score.ts";

export interface ForecastIndicator
  extends Omit<IndicatorInput, "actual" | "statedScore" | "statedCoefficient" | "points"> {
  /** 全年预计完成值; blank: the indicator is assumed to reach its target (said in `assumptions`). */
  forecast: string | null | undefined;
  /** 分值; when some are missing they are inferred as for a document (`inferWeights`, said in `assumptions`). */
  points: Num | null | undefined;
}

export interface ForecastInput {
  title?: string | undefined;
  scheme: ScoringScheme;
  /** 全年预算数 */
  budget: Fen;
  /** 全年预计执行数 */
  projectedExecuted: Fen;
  indicators: readonly ForecastIndicator[];
}

export interface ForecastReason {
  /** execution; one indicator; or a scheme group with no indicator at all (its points cannot be scored). */
  kind: "execution" | "indicator" | "group";
  /** The indicator's index in the input (indicators only). */
  index?: number | undefined;
  name: string;
  /** The points it is scored out of, the expected score, the expected loss (decimal text, ≤ 4 decimals). */
  points: string;
  score: string;
  lost: string;
  zh: string;
  en: string;
}

export interface Forecast {
  /** core's ScoreResult of the forecast, as `scoreEvaluation` returned it. */
  result: ScoreResult;
  total: number;
  grade: string | undefined;
  /** The parts that lose points, largest loss first (ties: execution, then in indicator order). */
  reasons: ForecastReason[];
  /** `index` is the indicator's, or -1 for an assumption about the whole (inferred weights). */
  assumptions: { index: number; zh: string; en: string }[];
}

const blankPoints = (p: Num | null | undefined): p is null | undefined => p === undefined || p === null || p === "";

/** The points as given, the missing ones inferred from the scheme's group points as core does for a document. */
function pointsOf(input: ForecastInput, assumptions: Forecast["assumptions"]): Num[] {
  const given = input.indicators.map((i) => i.points);
  if (!given.some(blankPoints)) return given as Num[];
  const inds: Indicator[] = input.indicators.map((ind, i) => {
    const p = ind.points;
    const text = blankPoints(p) ? undefined : typeof p === "object" ? toDecimalString(p, 6) : String(p);
    return {
      name: ind.name,
      level1: ind.level1,
      location: { file: "forecast", table: 1, row: i + 1 },
      ...(text === undefined ? {} : { weight: { text, value: text } }),
    };
  });
  const groups = new Map<Level1, Ratio>(input.scheme.groups.map((g) => [g.level1, fromNumber(g.points)]));
  const inferred = inferWeights(inds, groups, (l) => countedGroup(input.scheme, level1Of(l)));
  for (const a of inferred.assumptions) assumptions.push({ index: -1, ...a });
  return inferred.weights.map((w, i) => (w !== undefined ? w : blankPoints(given[i]) ? 0 : given[i]!));
}

const text = (r: Ratio) => toDecimalString(r, 4);

export function forecastScore(input: ForecastInput): Forecast {
  const assumptions: Forecast["assumptions"] = [];
  const points = pointsOf(input, assumptions);
  const indicators: IndicatorInput[] = input.indicators.map((ind, index) => {
    const { forecast, points: _p, ...rest } = ind;
    let actual = forecast?.trim() ?? "";
    if (actual === "") {
      actual = typeof ind.target === "string" ? ind.target : ind.target.text;
      assumptions.push({
        index,
        zh: `「${ind.name}」未填全年预计完成值，按年度指标值（如期完成）预测`,
        en: `"${ind.name}": no expected full-year value; forecast as reaching its target`,
      });
    }
    return { ...rest, actual, points: points[index]! };
  });
  const result = scoreEvaluation({
    ...(input.title ? { title: input.title } : {}),
    scheme: input.scheme,
    unit: "元",
    budget: { budget: input.budget, executed: input.projectedExecuted },
    indicators,
  });
  const reasons: (ForecastReason & { loss: Ratio; order: number })[] = [];
  if (result.executionScore !== undefined) {
    const points = fromNumber(result.executionPoints);
    const loss = sub(points, fromNumber(result.executionScore));
    if (cmp(loss, ZERO) > 0) {
      reasons.push({
        kind: "execution",
        name: "预算执行率",
        points: text(points),
        score: text(fromNumber(result.executionScore)),
        lost: text(loss),
        loss,
        order: -1,
        zh: `预算执行率：预计执行率 ${result.executionRate}%，预计得 ${text(fromNumber(result.executionScore))} 分（满分 ${text(points)}），失 ${text(loss)} 分`,
        en: `execution: expected rate ${result.executionRate}%, expected ${text(fromNumber(result.executionScore))} of ${text(points)}, losing ${text(loss)}`,
      });
    }
  }
  for (const ind of result.indicators) {
    if (ind.group === null) continue; // not counted by the scheme: core says so in its problems
    const points = fromNumber(ind.points);
    const score = fromNumber(ind.score ?? 0);
    const loss = sub(points, score);
    if (cmp(loss, ZERO) <= 0) continue;
    reasons.push({
      kind: "indicator",
      index: ind.index,
      name: ind.name,
      points: text(points),
      score: text(score),
      lost: text(loss),
      loss,
      order: ind.index,
      zh: `「${ind.name}」：年度指标值 ${ind.target}，全年预计 ${ind.actual}（${ind.comparison}），预计得 ${text(score)} 分（满分 ${text(points)}），失 ${text(loss)} 分`,
      en: `"${ind.name}": target ${ind.target}, expected ${ind.actual} (${ind.comparison}), expected ${text(score)} of ${text(points)}, losing ${text(loss)}`,
    });
  }
  for (const g of result.groups) {
    const points = fromNumber(g.points);
    if (cmp(points, ZERO) <= 0 || result.indicators.some((i) => i.group === g.level1)) continue;
    reasons.push({
      kind: "group",
      name: g.name,
      points: text(points),
      score: "0",
      lost: text(points),
      loss: points,
      order: Number.MAX_SAFE_INTEGER,
      zh: `没有「${g.name}」的指标，其 ${text(points)} 分无从得分`,
      en: `no indicator under "${g.nameEn}": its ${text(points)} points cannot be scored`,
    });
  }
  reasons.sort((a, b) => cmp(b.loss, a.loss) || a.order - b.order);
  return {
    result,
    total: result.total,
    grade: result.grade,
    reasons: reasons.map(({ loss: _l, order: _o, ...r }) => r),
    assumptions,
  };
}

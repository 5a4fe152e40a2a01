/**
 * Validation of a monitoring record (项目支出绩效运行监控表) as the rules ask: at submission every indicator has its
 * 1–N月完成值, 全年预计完成值 and 完成目标可能性; whenever an indicator is behind (its 全年预计完成值 does not meet
 * the 年度指标值) or its 完成目标可能性 is not 确定能, a 偏差原因 from the standard categories and a 纠偏措施 are
 * required (a category of 其他 needs its analysis written out); when execution is behind time progress by the
 * yellow threshold or more, the record's own 偏差原因 and 纠偏措施 are required. A draft may be saved incomplete:
 * only values outside the standard lists are refused then.
 */
import { DEVIATION_CATEGORIES, type DeviationCategory, LIKELIHOODS, type Likelihood } from "./types.ts";

export interface MonitoringIndicatorFill {
  name: string;
  /** 年度指标值 as written. */
  target?: string | null | undefined;
  /** 1–N月完成值 */
  progress?: string | null | undefined;
  /** 全年预计完成值 */
  forecast?: string | null | undefined;
  /** 完成目标可能性 */
  likelihood?: string | null | undefined;
  /** 偏差原因 category */
  deviationCategory?: string | null | undefined;
  /** 偏差原因分析 (text) */
  deviationReason?: string | null | undefined;
  /** 纠偏措施 */
  correctiveMeasures?: string | null | undefined;
  /** Whether the forecast meets the target (`forecastMeetsTarget`); false = behind. */
  forecastMet?: boolean | undefined;
}

export interface MonitoringFill {
  indicators: readonly MonitoringIndicatorFill[];
  /** Whether execution is behind time progress by the yellow threshold or more. */
  executionBehind?: boolean | undefined;
  executionReason?: string | null | undefined;
  executionMeasures?: string | null | undefined;
}

export type MonitoringProblemCode =
  | "progress_missing"
  | "forecast_missing"
  | "likelihood_missing"
  | "likelihood_unknown"
  | "category_unknown"
  | "category_missing"
  | "reason_missing"
  | "measures_missing"
  | "execution_reason_missing"
  | "execution_measures_missing";

export interface MonitoringProblem {
  code: MonitoringProblemCode;
  /** `indicators[2].deviationCategory` */
  path: string;
  zh: string;
  en: string;
}

const blank = (v: string | null | undefined) => v === undefined || v === null || v.trim() === "";

export function isLikelihood(v: string): v is Likelihood {
  return (LIKELIHOODS as readonly string[]).includes(v);
}
export function isDeviationCategory(v: string): v is DeviationCategory {
  return (DEVIATION_CATEGORIES as readonly string[]).includes(v);
}

/** Whether an indicator needs a 偏差原因 and 纠偏措施: behind, or its likelihood is not 确定能. */
export function needsCorrection(ind: MonitoringIndicatorFill): boolean {
  if (ind.forecastMet === false) return true;
  return !blank(ind.likelihood) && ind.likelihood !== "确定能";
}

export function validateMonitoring(fill: MonitoringFill, mode: "save" | "submit"): MonitoringProblem[] {
  const out: MonitoringProblem[] = [];
  fill.indicators.forEach((ind, i) => {
    const path = `indicators[${i}]`;
    const n = `「${ind.name}」`;
    const en = `"${ind.name}"`;
    if (!blank(ind.likelihood) && !isLikelihood(ind.likelihood!.trim())) {
      out.push({
        code: "likelihood_unknown",
        path: `${path}.likelihood`,
        zh: `${n}完成目标可能性「${ind.likelihood}」应为 ${LIKELIHOODS.join(" / ")} 之一`,
        en: `${en}: likelihood "${ind.likelihood}" must be one of ${LIKELIHOODS.join(" / ")}`,
      });
    }
    if (!blank(ind.deviationCategory) && !isDeviationCategory(ind.deviationCategory!.trim())) {
      out.push({
        code: "category_unknown",
        path: `${path}.deviationCategory`,
        zh: `${n}偏差原因「${ind.deviationCategory}」应为 ${DEVIATION_CATEGORIES.join(" / ")} 之一`,
        en: `${en}: deviation cause "${ind.deviationCategory}" must be one of ${DEVIATION_CATEGORIES.join(" / ")}`,
      });
    }
    if (mode === "save") return;
    if (blank(ind.progress)) {
      out.push({
        code: "progress_missing",
        path: `${path}.progress`,
        zh: `${n}未填写截至本期的完成值`,
        en: `${en}: the value to date is missing`,
      });
    }
    if (blank(ind.forecast)) {
      out.push({
        code: "forecast_missing",
        path: `${path}.forecast`,
        zh: `${n}未填写全年预计完成值`,
        en: `${en}: the expected full-year value is missing`,
      });
    }
    if (blank(ind.likelihood)) {
      out.push({
        code: "likelihood_missing",
        path: `${path}.likelihood`,
        zh: `${n}未选择完成目标可能性`,
        en: `${en}: the likelihood of completing the target is missing`,
      });
    }
    if (!needsCorrection(ind)) return;
    const why = ind.forecastMet === false ? "全年预计完成值达不到年度指标值" : `完成目标可能性为「${ind.likelihood}」`;
    const whyEn =
      ind.forecastMet === false
        ? "the expected value falls short of the target"
        : `the likelihood is "${ind.likelihood}"`;
    if (blank(ind.deviationCategory)) {
      out.push({
        code: "category_missing",
        path: `${path}.deviationCategory`,
        zh: `${n}${why}，应选择偏差原因（${DEVIATION_CATEGORIES.join(" / ")}）`,
        en: `${en}: ${whyEn}; choose a deviation cause (${DEVIATION_CATEGORIES.join(" / ")})`,
      });
    } else if (ind.deviationCategory!.trim() === "其他" && blank(ind.deviationReason)) {
      out.push({
        code: "reason_missing",
        path: `${path}.deviationReason`,
        zh: `${n}偏差原因为「其他」，应写明原因分析`,
        en: `${en}: the deviation cause is "other"; write out the analysis`,
      });
    }
    if (blank(ind.correctiveMeasures)) {
      out.push({
        code: "measures_missing",
        path: `${path}.correctiveMeasures`,
        zh: `${n}${why}，应填写纠偏措施`,
        en: `${en}: ${whyEn}; corrective measures are required`,
      });
    }
  });
  if (mode === "submit" && fill.executionBehind) {
    if (blank(fill.executionReason)) {
      out.push({
        code: "execution_reason_missing",
        path: "executionReason",
        zh: "预算执行进度落后于时间进度，应填写执行偏差原因",
        en: "execution is behind time progress: give the cause",
      });
    }
    if (blank(fill.executionMeasures)) {
      out.push({
        code: "execution_measures_missing",
        path: "executionMeasures",
        zh: "预算执行进度落后于时间进度，应填写纠偏措施",
        en: "execution is behind time progress: give the corrective measures",
      });
    }
  }
  return out;
}

/**
 * Traffic lights (预警) of a monitored project, from execution against time progress and from its indicators.
 *
 * Thresholds are set by the finance bureau per round; the defaults (DEFAULT_THRESHOLDS) are the common practice:
 * - execution 10 or more percentage points behind time progress → yellow, 20 or more → red
 *   (at the end of June, time progress 50%: below 40% executed is yellow, below 30% red);
 * - an indicator whose 完成目标可能性 is 完全不可能 → red; 有可能, or a 全年预计完成值 that does not meet the
 *   年度指标值 → yellow;
 * - no execution figure at or before the cut-off → yellow (nothing to judge the pace by).
 * The project's light is the worst of its reasons; green when there is none. All comparisons are exact (Ratio).
 */
import { DomainError, type Location } from "../errors/domain-error.ts";
import { executionRate, type Light } from "../money/budget.ts";
import type { Fen } from "../money/money.ts";
import { cmp, fromInt, parseDecimal, type Ratio, toFixed, ZERO } from "../numbers/decimal.ts";
import { assertMonth, pointsBehind, type TimeProgress, timeProgress } from "./progress.ts";
import { type Likelihood, worstLight } from "./types.ts";

export interface WarningThresholds {
  /** Percentage points behind time progress from which execution is yellow (default 10). */
  yellowBehind: Ratio;
  /** Percentage points behind time progress from which execution is red (default 20). */
  redBehind: Ratio;
}

export const DEFAULT_THRESHOLDS: WarningThresholds = { yellowBehind: fromInt(10), redBehind: fromInt(20) };

/** Thresholds from decimal text (`"10"`, `"12.5"`), checked: 0 < yellow ≤ red ≤ 100. */
export function parseThresholds(yellow: string, red: string): WarningThresholds {
  const y = parseDecimal(yellow);
  const r = parseDecimal(red);
  if (!y)
    throw bad("yellowBehind", `黄灯阈值「${yellow}」不是数字`, `the yellow threshold "${yellow}" is not a number`);
  if (!r) throw bad("redBehind", `红灯阈值「${red}」不是数字`, `the red threshold "${red}" is not a number`);
  const t = { yellowBehind: y, redBehind: r };
  checkThresholds(t);
  return t;
}

function bad(field: string, zh: string, en: string): DomainError {
  return new DomainError("invalid_input", { zh, en }, { field });
}

export function checkThresholds(t: WarningThresholds): void {
  if (cmp(t.yellowBehind, ZERO) <= 0 || cmp(t.yellowBehind, fromInt(100)) > 0) {
    throw bad(
      "yellowBehind",
      "黄灯阈值应大于 0 且不超过 100 个百分点",
      "the yellow threshold must be above 0 and at most 100 points",
    );
  }
  if (cmp(t.redBehind, t.yellowBehind) < 0 || cmp(t.redBehind, fromInt(100)) > 0) {
    throw bad(
      "redBehind",
      "红灯阈值应不小于黄灯阈值且不超过 100 个百分点",
      "the red threshold must be at least the yellow one and at most 100 points",
    );
  }
}

/** What the light needs to know of one indicator. */
export interface IndicatorStatus {
  name: string;
  /** Where it is in the record: `indicators[2]`. */
  path: string;
  likelihood?: Likelihood | undefined;
  /** Whether the 全年预计完成值 meets the 年度指标值: false behind, undefined when it cannot be told. */
  forecastMet?: boolean | undefined;
}

export type WarningCode =
  | "execution_behind"
  | "execution_missing"
  | "indicator_impossible"
  | "indicator_possible"
  | "indicator_forecast_short";

export interface WarningReason {
  code: WarningCode;
  light: Exclude<Light, "green">;
  path: string;
  zh: string;
  en: string;
}

export interface Warning {
  light: Light;
  time: TimeProgress;
  /** Percentage points behind time progress (negative: ahead); undefined without an execution rate. */
  behind: Ratio | undefined;
  behindText: string | undefined;
  /** The light of execution alone (undefined without an execution rate). */
  executionLight: Light | undefined;
  reasons: WarningReason[];
}

export interface WarningInput {
  /** The cut-off month (1–12). */
  month: number;
  /** 1–N月执行率 in percent; undefined when there is no figure (or no budget). */
  executionPercent: Ratio | undefined;
  indicators: readonly IndicatorStatus[];
  thresholds?: WarningThresholds | undefined;
}

/** The execution light alone: behind ≥ red → red, behind ≥ yellow → yellow, else green. */
export function executionLight(behind: Ratio, t: WarningThresholds = DEFAULT_THRESHOLDS): Light {
  if (cmp(behind, t.redBehind) >= 0) return "red";
  if (cmp(behind, t.yellowBehind) >= 0) return "yellow";
  return "green";
}

export interface MonitoringLight {
  light: Light;
  time: TimeProgress;
  /** 执行率 in percent, exact, and with two decimals. */
  rate: Ratio;
  text: string;
  /** Percentage points behind time progress (negative: ahead), exact, and with two decimals. */
  behind: Ratio;
  behindText: string;
}

/**
 * The traffic light of `executed` of `annualBudget` by the end of `month` — the one rule every view lights budget
 * execution by (the monitoring round's warning list, the dashboard's units): behind time progress by the red
 * threshold or more → red, by the yellow one or more → yellow, else green (`executionLight`), exactly. Without a
 * round the defaults apply (10 and 20 points). A zero budget has no rate and is refused, as is a month outside 1–12.
 */
export function monitoringLight(
  executed: Fen,
  annualBudget: Fen,
  month: number,
  thresholds: WarningThresholds = DEFAULT_THRESHOLDS,
  location?: Location,
): MonitoringLight {
  assertMonth(month, location);
  const rate = executionRate(executed, annualBudget, location);
  const time = timeProgress(month);
  const behind = pointsBehind(time, rate.percent);
  return {
    light: executionLight(behind, thresholds),
    time,
    rate: rate.percent,
    text: toFixed(rate.percent, 2),
    behind,
    behindText: toFixed(behind, 2),
  };
}

export function warningOf(input: WarningInput): Warning {
  const t = input.thresholds ?? DEFAULT_THRESHOLDS;
  checkThresholds(t);
  const time = timeProgress(input.month);
  const reasons: WarningReason[] = [];
  let behind: Ratio | undefined;
  let exec: Light | undefined;
  if (input.executionPercent === undefined) {
    reasons.push({
      code: "execution_missing",
      light: "yellow",
      path: "execution",
      zh: `没有截至 ${input.month} 月的预算执行数，无法判断执行进度`,
      en: `no execution figure up to month ${input.month}: the pace cannot be judged`,
    });
  } else {
    behind = pointsBehind(time, input.executionPercent);
    exec = executionLight(behind, t);
    if (exec !== "green") {
      const limit = exec === "red" ? t.redBehind : t.yellowBehind;
      reasons.push({
        code: "execution_behind",
        light: exec,
        path: "execution",
        zh: `预算执行率 ${toFixed(input.executionPercent, 2)}%，时间进度 ${time.text}%，落后 ${toFixed(behind, 2)} 个百分点（${exec === "red" ? "红灯" : "黄灯"}阈值 ${toFixed(limit, 2)}）`,
        en: `execution ${toFixed(input.executionPercent, 2)}% against time progress ${time.text}%: ${toFixed(behind, 2)} points behind (${exec} threshold ${toFixed(limit, 2)})`,
      });
    }
  }
  for (const ind of input.indicators) {
    if (ind.likelihood === "完全不可能") {
      reasons.push({
        code: "indicator_impossible",
        light: "red",
        path: `${ind.path}.likelihood`,
        zh: `「${ind.name}」完成目标可能性为「完全不可能」`,
        en: `"${ind.name}": completing the target is judged impossible`,
      });
    } else if (ind.likelihood === "有可能") {
      reasons.push({
        code: "indicator_possible",
        light: "yellow",
        path: `${ind.path}.likelihood`,
        zh: `「${ind.name}」完成目标可能性为「有可能」（不确定）`,
        en: `"${ind.name}": completing the target is only possible, not certain`,
      });
    }
    if (ind.forecastMet === false) {
      reasons.push({
        code: "indicator_forecast_short",
        light: "yellow",
        path: `${ind.path}.forecast`,
        zh: `「${ind.name}」全年预计完成值达不到年度指标值`,
        en: `"${ind.name}": the expected full-year value falls short of the annual target`,
      });
    }
  }
  return {
    light: worstLight(reasons.map((r) => r.light)),
    time,
    behind,
    behindText: behind === undefined ? undefined : toFixed(behind, 2),
    executionLight: exec,
    reasons,
  };
}

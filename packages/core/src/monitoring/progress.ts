/**
 * Time progress and execution to a monitoring cut-off. The cut-off is the end of a month (1–N月): time progress is
 * months elapsed ÷ 12 (the monitoring forms' 时间进度, exact: 6 → 1/2, 7 → 7/12), not days.
 *
 * Monthly execution rows are cumulative (1–N月执行数, as the monitoring table and `budget_execution` hold them): the
 * figure at the cut-off is the row of the latest month at or before it. Rows after the cut-off are ignored.
 */
import { DomainError, type Location } from "../errors/domain-error.ts";
import { executionRate } from "../money/budget.ts";
import type { Fen } from "../money/money.ts";
import { div, fromInt, mul, type Ratio, ratio, roundToUnits, sub, toFixed } from "../numbers/decimal.ts";

const HUNDRED = fromInt(100);

export interface TimeProgress {
  month: number;
  /** month ÷ 12, exact */
  ratio: Ratio;
  /** month ÷ 12 × 100, exact */
  percent: Ratio;
  /** two decimals: `58.33` */
  text: string;
}

export function assertMonth(month: number, location?: Location): void {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new DomainError(
      "invalid_input",
      {
        zh: `截止月份「${month}」应为 1 到 12 的整数`,
        en: `the cut-off month "${month}" must be an integer from 1 to 12`,
      },
      location ?? { field: "cutoffMonth" },
    );
  }
}

/** 时间进度 at the end of `month` (1–12). */
export function timeProgress(month: number): TimeProgress {
  assertMonth(month);
  const r = ratio(BigInt(month), 12n);
  const percent = mul(r, HUNDRED);
  return { month, ratio: r, percent, text: toFixed(percent, 2) };
}

/** One row of execution figures as stored: month 1–12 (cumulative 1–N月) or null for the full-year row. */
export interface ExecutionFigure {
  month: number | null;
  /** 预算确定数 (全年预算数), when given. */
  determinedBudget?: Fen | undefined;
  initialBudget?: Fen | undefined;
  adjustment?: Fen | undefined;
  executed?: Fen | undefined;
  /** The stored row's id, handed back so the caller can point at it. */
  id?: string | undefined;
}

export interface ExecutionAtCutoff {
  /** The month of the row the executed figure was read from; undefined when no row at or before the cut-off. */
  month: number | undefined;
  sourceId: string | undefined;
  /** 全年预算数 used as the denominator; undefined when none is known. */
  budget: Fen | undefined;
  /** 1–N月执行数; undefined when there is no figure. */
  executed: Fen | undefined;
  /** 执行率 in percent (exact) when both are known and the budget is > 0. */
  percent: Ratio | undefined;
  text: string | undefined;
}

/** 预算确定数, else 年初 + 调整 (when 年初 is given). */
function budgetOf(f: ExecutionFigure): Fen | undefined {
  if (f.determinedBudget !== undefined) return f.determinedBudget;
  if (f.initialBudget !== undefined) return (f.initialBudget + (f.adjustment ?? 0n)) as Fen;
  return undefined;
}

/**
 * The execution to the cut-off: executed from the latest monthly row at or before `cutoffMonth`; the budget from
 * that row, else the full-year row, else `fallbackBudget` (e.g. the project's 年度资金总额).
 */
export function executionAtCutoff(
  rows: readonly ExecutionFigure[],
  cutoffMonth: number,
  fallbackBudget?: Fen,
): ExecutionAtCutoff {
  assertMonth(cutoffMonth);
  let latest: ExecutionFigure | undefined;
  for (const r of rows) {
    if (r.month === null || r.month > cutoffMonth || r.executed === undefined) continue;
    if (!latest || r.month > (latest.month as number)) latest = r;
  }
  const fullYear = rows.find((r) => r.month === null);
  const budget = (latest && budgetOf(latest)) ?? (fullYear && budgetOf(fullYear)) ?? fallbackBudget;
  const executed = latest?.executed;
  let percent: Ratio | undefined;
  if (budget !== undefined && executed !== undefined && budget > 0n) percent = executionRate(executed, budget).percent;
  return {
    month: latest?.month ?? undefined,
    sourceId: latest?.id,
    budget,
    executed,
    percent,
    text: percent === undefined ? undefined : toFixed(percent, 2),
  };
}

/**
 * 全年预计执行数 at the current pace: executed × 12 ÷ month, to the fen (half away from zero). The unit may type its
 * own figure instead; this is what is assumed when it does not.
 */
export function projectExecution(executed: Fen, month: number): Fen {
  assertMonth(month);
  return roundToUnits(ratio(executed * 12n, BigInt(month)), 0) as Fen;
}

/** time progress − execution rate, in percentage points (positive: behind). */
export function pointsBehind(time: TimeProgress, executionPercent: Ratio): Ratio {
  return sub(time.percent, executionPercent);
}

/** (执行率 ÷ 时间进度) × 100: the ratio some regions light instead of the gap. */
export function paceIndex(time: TimeProgress, executionPercent: Ratio): Ratio {
  return div(mul(executionPercent, HUNDRED), time.percent);
}

/**
 * 执行监控: budget execution watched during the year. At the reference date the execution rate (执行数 ÷ 预算数)
 * should keep pace with the share of the year elapsed; a rate more than `executionBehindPoints` percentage points
 * behind it is flagged (default 20: by 30 June, 49.6% of the year, below 29.6% executed).
 *
 * The reference date is an input (`config.referenceDate`, the date the figures are as of): core has no clock, and
 * without a date the rule says nothing. The year elapsed is counted in days (the reference date included), exactly.
 */
import { executionRate } from "../../money/budget.ts";
import { cmp, fromInt, parseDecimal, type Ratio, ratio, sub, toFixed } from "../../numbers/decimal.ts";
import { fenOf, loc, reviewYear, showAmount } from "../context.ts";
import type { Rule, RuleFinding } from "../types.ts";
import { spendings } from "./self-evaluation.ts";

export interface IsoDate {
  year: number;
  month: number;
  day: number;
}

const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && leap(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/** `2024-06-30` → its parts; undefined when the text is not a date that exists. */
export function parseIsoDate(text: string): IsoDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/**
 * The share of `year` elapsed at the end of `date`, in percent (exact): 0 before the year, 100 after it,
 * otherwise day of the year ÷ days in the year × 100.
 */
export function yearElapsedPercent(date: IsoDate, year: number): Ratio {
  if (date.year < year) return fromInt(0);
  if (date.year > year) return fromInt(100);
  let day = date.day;
  for (let m = 1; m < date.month; m++) day += daysInMonth(year, m);
  return ratio(BigInt(day) * 100n, leap(year) ? 366n : 365n);
}

export const executionBehindSchedule: Rule = {
  id: "monitoring.execution-behind-schedule",
  category: "执行监控",
  severity: "warning",
  title: {
    zh: "预算执行进度明显落后于时间进度（按基准日）",
    en: "Budget execution far behind the share of the year elapsed (at the reference date)",
  },
  config: ["referenceDate", "executionBehindPoints"],
  check(doc, config) {
    const date = config.referenceDate ? parseIsoDate(config.referenceDate) : undefined;
    const limit = parseDecimal(config.executionBehindPoints);
    if (!date || !limit) return [];
    const year = reviewYear(doc, config) ?? date.year;
    if (date.year < year) return []; // the year has not begun
    const elapsed = yearElapsedPercent(date, year);
    const lines = [
      ...doc.projects.map((p, i) => ({
        name: p.name,
        budget: fenOf(p.budget),
        executed: fenOf(p.executed),
        unit: p.budget?.unit ?? "元",
        location: loc(p.location, { path: `projects[${i}].executed`, field: "executed" }),
      })),
      ...spendings(doc).map((s) => ({ ...s, unit: "元" as const })),
    ];
    const out: RuleFinding[] = [];
    for (const l of lines) {
      if (l.budget === undefined || l.executed === undefined || l.budget <= 0n) continue;
      const rate = executionRate(l.executed, l.budget);
      const behind = sub(elapsed, rate.percent);
      if (cmp(behind, limit) <= 0) continue;
      const elapsedText = toFixed(elapsed, 2);
      const behindText = toFixed(behind, 2);
      out.push({
        message: `「${l.name}」截至 ${config.referenceDate} 预算执行率 ${rate.text}%（执行 ${showAmount(l.executed, l.unit)}，预算 ${showAmount(l.budget, l.unit)}），时间进度 ${elapsedText}%，落后 ${behindText} 个百分点（超过 ${config.executionBehindPoints} 个百分点）`,
        messageEn: `"${l.name}": at ${config.referenceDate} the execution rate is ${rate.text}% (${showAmount(l.executed, l.unit)} of ${showAmount(l.budget, l.unit)}) with ${elapsedText}% of the year gone: ${behindText} points behind (more than ${config.executionBehindPoints})`,
        location: l.location,
        details: {
          computed: `${rate.text}%`,
          expected: `${elapsedText}%`,
          difference: behindText,
          referenceDate: config.referenceDate!,
        },
      });
    }
    return out;
  },
};

export const MONITORING_RULES: Rule[] = [executionBehindSchedule];

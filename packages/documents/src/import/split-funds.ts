/**
 * Funds a form states in two parts, and an execution rate it states only as an indicator (苏州's 市级财政支出项目绩效
 * 自评表, and any form of that shape):
 *
 * - **Two lines of one budget**: 预算执行情况 (年初预算数 | 调整数 | 财政拨款数 | 指标结余数) then 资金使用情况 (财政拨款数 |
 *   实际支付数 | 结余 …). The second line repeats the first one's budget and adds what was paid: it completes the
 *   first (the year's line), which says no executed amount of its own. Lines whose budgets differ are two lines.
 * - **The rate as an indicator**: a scheme that scores the execution among its 投入 indicators (预算执行率 | 95% | 2.8
 *   | =98% | 2.8) states the rate as that indicator's actual value; the funds, which have no rate cell, take it
 *   — as stated, even where the amounts give another (the checks compare the two and say so).
 */
import type { ProjectSelfEvaluation } from "@jixiao/core/model";
import type { ImportContext } from "./context.ts";
import { readPercent } from "./values.ts";

/** The year's line takes the executed amount of the line after it when that line repeats its budget. */
export function joinSplitFunds(ctx: ImportContext, p: ProjectSelfEvaluation): void {
  for (let i = 0; i + 1 < p.funds.length; i++) {
    const a = p.funds[i]!;
    const b = p.funds[i + 1]!;
    if (!a.budget || a.executed || !b.budget || !b.executed || b.initial) continue;
    if (a.budget.fen !== b.budget.fen) continue;
    a.executed = b.executed;
    if (!a.rate && b.rate) a.rate = b.rate;
    ctx.report(
      "info",
      "funds_joined",
      `资金「${b.label}」行重复「${a.label}」行的预算数，其执行数 ${b.executed.text} 作为该行的执行数`,
      `The funds line "${b.label}" repeats the budget of "${a.label}": its executed amount ${b.executed.text} is that line's`,
      b.location,
    );
  }
}

/** An execution-rate indicator's name (预算执行率, 资金执行率, 执行率). */
const RATE_NAME = /^(预算|资金|项目资金|财政资金)?执行率$/;
/** A rate as an actual value states it: `=98%`, `98%`, `98.5％`. */
const RATE_VALUE = /^[=＝]?\s*(\d+(?:\.\d+)?)\s*[%％]$/;

/** The funds' rate from the execution-rate indicator's actual value, when the funds state none. */
export function rateFromIndicator(ctx: ImportContext, p: ProjectSelfEvaluation): void {
  const line = p.funds[0];
  if (!line || line.rate) return;
  const ind = p.indicators.find((x) => RATE_NAME.test(x.name.replace(/\s+/g, "")));
  const m = RATE_VALUE.exec(ind?.actual?.text.trim() ?? "");
  if (!ind || !m) return;
  line.rate = { ...readPercent(`${m[1]}%`), text: ind.actual!.text };
  ctx.report(
    "info",
    "rate_from_indicator",
    `资金未填执行率，取指标「${ind.name}」的实际完成值 ${ind.actual!.text}`,
    `The funds state no rate: the actual value ${ind.actual!.text} of the indicator "${ind.name}" is taken`,
    ind.location,
  );
}

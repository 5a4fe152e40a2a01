/**
 * Funds headers of project self-evaluations beyond the national one's words.
 *
 * - `调整预算数` where the national form prints 全年预算数 (年初预算数 | 调整预算数 | 全年执行数 | 分值 | 执行率 | 得分, a
 *   河北 form): with no budget column in the header, the rate (执行率 = 执行数 ÷ 预算) is computed on the adjusted
 *   budget, so the column is the budget, not the adjustment (预算调整数, 调整数 — the change — keep their meaning; a
 *   header with a budget column of its own keeps 调整预算数 as the adjustment).
 * - A form cut short before its grid (a preview's text that stops after the funds or the goals) is still a project
 *   self-evaluation when its funds header scores the funds (执行率 with 分值 or 得分: only a self-evaluation scores
 *   its funds) under a 项目(支出)绩效自评表 title.
 */
import { norm } from "./context.ts";

/** The header cell printed 调整预算数 / 调整后预算数 (a bracketed note after it ignored). */
const ADJUSTED_BUDGET = /^调整(后)?预算(数)?$/;

export function adjustedIsBudget<F extends string>(cells: readonly string[], found: Map<F, number>): void {
  const adj = found.get("adjustment" as F);
  if (adj === undefined || found.has("budget" as F)) return;
  if (!found.has("executed" as F) || !found.has("rate" as F)) return;
  if (!ADJUSTED_BUDGET.test(norm(cells[adj] ?? ""))) return;
  found.delete("adjustment" as F);
  found.set("budget" as F, adj);
}

/** A funds header that scores the funds: a self-evaluation's. */
export function scoresFunds<F extends string>(found: ReadonlyMap<F, number>): boolean {
  return found.has("rate" as F) && (found.has("weight" as F) || found.has("score" as F));
}

/** A paragraph titling the text a project self-evaluation form. */
export const SELF_EVALUATION_TITLE = /^(\d{4}年度?)?项目(支出)?绩效自评表$/;

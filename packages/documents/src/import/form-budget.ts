/**
 * A project form's budget when it is not where the table reader looks: a budget label anywhere in the form's head
 * (年度资金总额:, 年度预算资金总额, 本年度申请市财政预算资金(万元), 项目预算数) followed by its amount, in the next cell or
 * the next paragraph (`854万(高标准农田建设400万元，…)`: the amount it starts with). The label says what the amount is;
 * 中期 (multi-year) and 上年 amounts are not the year's budget.
 */
import type { Amount } from "@jixiao/core/model";
import type { Block } from "../model/table.ts";
import { type ImportContext, norm, unitIn } from "./context.ts";
import { formLabel } from "./form-labels.ts";
import { headerField } from "./headers.ts";
import { type Token, tokensOf } from "./stream-form.ts";

const BUDGET_LABEL =
  /^(年度资金总额|资金总额|项目资金总额|年度预算资金总额|年度预算资金|项目预算数|预算数|预算资金|年度预算|本年度?申请.{0,6}预算资金|申请资金|(年度|本年度?|当年)(本级)?预算(资金)?(金额|总额|数))$/;
const AMOUNT = /^([\d,]+(?:\.\d+)?)\s*(万元|万|元)?/;

/** A label that says the amount beside it is the year's budget (not a 中期 or 上年 amount). */
export function isBudgetLabelText(text: string): boolean {
  const key = norm(text.replace(/\s*[|｜]+\s*$/, "")).replace(/[：:]/g, "");
  return BUDGET_LABEL.test(key) && !/中期|上年|结转/.test(text);
}

function isBudgetLabel(t: Token): boolean {
  return isBudgetLabelText(t.text);
}

/** The budget stated in the head of the form named `name` (up to its indicator header), if any. */
export function formBudget(ctx: ImportContext, blocks: Block[], name: string): Amount | undefined {
  const tokens = tokensOf(ctx, blocks);
  let start = tokens.findIndex((t, i) => formLabel(t.text) === "name" && tokens[i + 1]?.text.trim() === name.trim());
  // the form's own name label when the project's name was not read beside it (项目 名称 on a row of its own)
  if (start < 0)
    start = Math.max(
      0,
      tokens.findIndex((t) => formLabel(t.text) === "name"),
    );
  let unit: "元" | "万元" = "万元";
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (i > start + 1 && formLabel(t.text) === "name") break;
    const f = headerField(t.text);
    if (f === "level1" || f === "name") break;
    const u = unitIn(t.text);
    if (u && t.text.length <= 16) unit = u;
    // the label and its amount in one cell: 年度资金总额:203
    const inline = /^([^：:]{2,20})[：:]\s*(.+)$/.exec(t.text.replace(/\s*[|｜]\s*$/, "").trim());
    if (inline && isBudgetLabel({ ...t, text: inline[1]! })) {
      const m = AMOUNT.exec(inline[2]!.replace(/\s/g, ""));
      if (m) return ctx.amount(m[1]!, m[2] === "元" ? "元" : m[2] ? "万元" : unit, t.location);
    }
    if (!isBudgetLabel(t)) continue;
    const next = tokens[i + 1];
    const m = next ? AMOUNT.exec(next.text.replace(/\s/g, "")) : null;
    if (!next || !m) continue;
    const written = m[2] === "元" ? "元" : m[2] ? "万元" : unit;
    return ctx.amount(m[1]!, written, next.location);
  }
  return undefined;
}

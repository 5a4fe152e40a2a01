/**
 * A project form's budget when it is not where the table reader looks: a budget label anywhere in the form's head
 * (年度资金总额:, 年度金额(万元):, 年度预算资金总额, 本年度申请市财政预算资金(万元), 项目预算数, 项目预算金额(万元); a
 * 预算内投资 form's 下达中央预算内投资(万元), 下达资金) followed by its amount, in the next cell or the next paragraph
 * (`854万(高标准农田建设400万元，…)`: the amount it starts with). The label says what the amount is; 中期 (multi-year)
 * and 上年 amounts are not the year's budget.
 */
import type { Amount } from "@jixiao/core/model";
import type { Block } from "../model/table.ts";
import { fundsPart, withoutYearWord } from "../vocabulary/funds-labels.ts";
import { type ImportContext, norm, unitIn } from "./context.ts";
import { formLabel } from "./form-labels.ts";
import { headerField } from "./headers.ts";
import { type Token, tokensOf } from "./stream-form.ts";

const BUDGET_LABEL =
  /^(年度资金总额|资金总额|项目资金总额|年度预算资金总额|年度预算资金|项目预算数|预算数|预算资金|年度预算|本年度?申请.{0,6}预算资金|申请资金|(年度|本年度?|当年)预计投入(资金)?(金额|总额)?|(年度|本年度?|当年)(本级)?预算(资金)?(金额|总额|数)|(年度|本年度?|当年)(资金)?金额|(项目)?预算(资金)?(金额|总额)|(下达)?(中央|省级?|市级?|区级?|县级?)?预算内投资(计划)?(金额|总额)?|下达(中央|省级?|市级?)?(补助)?资金(金额|总额)?)$/;
const AMOUNT = /^([\d,]+(?:\.\d+)?)\s*(万元|万|元)?/;

/** A label that says the amount beside it is the year's budget (not a 中期 or 上年 amount). */
export function isBudgetLabelText(text: string): boolean {
  // 年度资金总额及构成: the total with its parts after it (湖南 申报表)
  const key = norm(text.replace(/\s*[|｜]+\s*$/, ""))
    .replace(/[：:]/g, "")
    .replace(/及构成$/, "");
  // a year word before the label (当年年度预算, 本年年度资金总额: 重庆 奉节 审批表) says what the label already says
  return (
    (BUDGET_LABEL.test(key) || BUDGET_LABEL.test(withoutYearWord(key)) || fundsPart(key) === "budget") &&
    !/中期|上年|结转/.test(text)
  );
}

function isBudgetLabel(t: Token): boolean {
  return isBudgetLabelText(t.text);
}

/** A top-level item of a funds list: (一)财政拨款小计 4.00 — its amount at the end. */
const LIST_TOP = /^[(（]([一二三四五六七八九十]{1,3})[)）]\s*([^\d]*?)\s*([\d,]+(?:\.\d+)?)$/;
/** A sub-item under it: 1、一般公共预算 4.00. */
const LIST_SUB = /^\d{1,2}\s*[、.．]\s*[^\d]*?\s*[\d,]+(?:\.\d+)?$/;
/** A funds caption whose total is not printed but listed: 年度资金总额 金额(万元). */
const LIST_CAPTION = /年度资金总额|资金总额|预算资金总额|项目资金/;

/**
 * The budget as a list under the funds caption (四川 申报表: (一)财政拨款小计 4.00 / 1、一般公共预算 4.00 … (二)自有资金
 * 小计 0.00 / (三)其他收入 0.00): the top-level items summed, exactly; their sub-items are parts of them.
 */
function listedBudget(ctx: ImportContext, tokens: Token[], from: number, unit: "元" | "万元"): Amount | undefined {
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    const f = headerField(t.text);
    if (f === "level1" || f === "name") return undefined;
    if (!LIST_CAPTION.test(norm(t.text)) || !LIST_TOP.test(tokens[i + 1]?.text.trim() ?? "")) continue;
    const parts: bigint[] = [];
    let k = i + 1;
    for (; k < tokens.length; k++) {
      const x = tokens[k]!.text.trim();
      const top = LIST_TOP.exec(x);
      if (top) {
        const a = ctx.amount(top[3]!, unitIn(t.text) ?? unit, tokens[k]!.location);
        if (a.fen === undefined) return undefined;
        parts.push(BigInt(a.fen));
      } else if (!LIST_SUB.test(x)) break;
    }
    if (parts.length < 2) return undefined;
    const fen = parts.reduce((a, b) => a + b, 0n);
    const written = unitIn(t.text) ?? unit;
    const text = written === "元" ? fenText(fen, 2) : fenText(fen, 6);
    return ctx.amount(text, written, t.location);
  }
  return undefined;
}

/** Fen as an amount's text in 元 (digits 2) or 万元 (digits 6), trailing zeros beyond two decimals dropped. */
function fenText(fen: bigint, digits: number): string {
  const neg = fen < 0n;
  const s = (neg ? -fen : fen).toString().padStart(digits + 1, "0");
  let frac = s.slice(-digits);
  while (frac.length > 2 && frac.endsWith("0")) frac = frac.slice(0, -1);
  return `${neg ? "-" : ""}${s.slice(0, -digits)}.${frac}`;
}

/** The budget stated in the head of the form named `name` (up to its indicator header), if any. */
export function formBudget(ctx: ImportContext, blocks: Block[], name: string): Amount | undefined {
  const tokens = tokensOf(ctx, blocks);
  let start = tokens.findIndex((t, i) => formLabel(t.text) === "name" && tokens[i + 1]?.text.trim() === name.trim());
  // the form's own name label when the project's name was not read beside it (项目 名称 on a row of its own)
  // — before the first grid header: a name label after it is the next form's, and the head is the text before it
  if (start < 0) {
    const named = tokens.findIndex((t) => formLabel(t.text) === "name");
    const grid = tokens.findIndex((t) => headerField(t.text) === "level1");
    start = named >= 0 && (grid < 0 || named < grid) ? named : 0;
  }
  // the head's unit note, wherever it stands: a sheet drawn in cell order puts 项目资金 (元) after the amounts
  let unit: "元" | "万元" = headUnit(tokens, start) ?? "万元";
  let period: { amount: Token; unit: "元" | "万元" } | undefined;
  let oneYear = false;
  let glued: { amount: string; unit: "元" | "万元"; location: Token["location"] } | undefined;
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (i > start + 1 && formLabel(t.text) === "name") break;
    const f = headerField(t.text);
    if ((f === "level1" || f === "name") && !flattenedLabel(tokens, i)) break;
    if (ONE_YEAR.test(t.text)) oneYear = true;
    if (!period && PERIOD_TOTAL.test(norm(t.text).replace(/[：:]/g, ""))) {
      const next = tokens[i + 1];
      const m = next ? AMOUNT.exec(next.text.replace(/\s/g, "")) : null;
      if (next && m && !m[2]) period = { amount: { ...next, text: m[1]! }, unit };
    }
    const u = unitIn(t.text);
    if (u && t.text.length <= 16) unit = u;
    // the label and its amount in one cell: 年度资金总额:203
    // …or a line of space-separated words: 资金总额 3
    const cell = t.text.replace(/\s*[|｜]\s*$/, "").trim();
    const inline =
      /^([^：:]{2,20})[：:]\s*(.+)$/.exec(cell) ??
      /^([^\s：:\d]{2,20})\s+([\d,]+(?:\.\d+)?\s*(?:万元|万|元)?)$/.exec(cell);
    if (inline && isBudgetLabel({ ...t, text: inline[1]! })) {
      const m = AMOUNT.exec(inline[2]!.replace(/\s/g, ""));
      if (m) return ctx.amount(m[1]!, m[2] === "元" ? "元" : m[2] ? "万元" : unit, t.location);
    }
    if (!glued && !/\s/.test(cell)) {
      const g = gluedBudget(cell, unit);
      if (g) glued = { ...g, location: t.location };
    }
    if (!isBudgetLabel(t)) continue;
    const next = tokens[i + 1];
    const m = next ? AMOUNT.exec(next.text.replace(/\s/g, "")) : null;
    if (!next || !m) {
      const below = headedBudget(tokens, i);
      if (below) return ctx.amount(below.text, unitIn(t.text) ?? unit, below.location);
      continue;
    }
    const written = m[2] === "元" ? "元" : m[2] ? "万元" : unit;
    return ctx.amount(m[1]!, written, next.location);
  }
  // no label of a cell of its own: a label glued to its amount in a run-together head
  if (glued) return ctx.amount(glued.amount, glued.unit, glued.location);
  const listed = listedBudget(ctx, tokens, start, unit);
  if (listed || !period || !oneYear) return listed;
  // a one-year project (一次性项目(1年结束)) whose year column is left empty: its 实施期 total is the year's
  ctx.report(
    "warning",
    "budget_from_period",
    "年度资金总额未填，项目为一年期，按实施期资金总额读取预算",
    "The year's total is left empty; the project lasts one year, so the budget is read from the implementation-period total",
    period.amount.location,
  );
  return ctx.amount(period.amount.text, period.unit, period.amount.location);
}

/** A number alone in its cell: a funds row's value. */
const BARE_VALUE = /^[\d,]+(?:\.\d+)?$/;
/** A caption over a form's funds columns (专项资金情况, 资金情况, 资金来源, 项目资金): no column of its own. */
const FUNDS_CAPTION = /^(专项|项目)?资金(情况|来源|构成|安排)?([(（](万元|元)[)）])?$/;

/**
 * The budget under a header of funds columns (湖南 申报表: `专项资金情况 | 本年度预计投入(万元) | 财政资金(万元) | 其他`,
 * perhaps a row of sub-labels `中央 | 省级 | 市级资金 | 本级`, then `7 | 0 | 7 | 0 | 0 | 0`): when the budget label is
 * the first column of its row after a caption, the first value of the first row of values below it is the budget.
 * Only labels stand between them (at most two header rows), and the values' row holds numbers alone.
 */
function headedBudget(tokens: Token[], i: number): Token | undefined {
  const label = tokens[i]!;
  const row = label.location.row;
  const before = tokens.slice(0, i).filter((t) => t.location.row === row && t.location.table === label.location.table);
  if (before.some((t) => !FUNDS_CAPTION.test(norm(t.text)))) return undefined;
  const rows = new Set<number | undefined>([row]);
  for (let k = i + 1; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.location.table !== label.location.table) return undefined;
    if (!BARE_VALUE.test(t.text.trim())) {
      if (/\d/.test(t.text) || headerField(t.text) === "level1" || headerField(t.text) === "name") return undefined;
      rows.add(t.location.row);
      if (rows.size > 2) return undefined;
      continue;
    }
    // the row of values: numbers alone, at least two
    const values = tokens
      .slice(k)
      .filter((x) => x.location.row === t.location.row && x.location.table === t.location.table);
    if (values.length < 2 || values.some((x) => !BARE_VALUE.test(x.text.trim()))) return undefined;
    return { ...t, text: t.text.trim().replace(/,/g, "") };
  }
  return undefined;
}

/**
 * A grid's level name that starts no header: no other column name follows it, only the form's labels printed after
 * it (a .doc flattened column by column, 永兴: 专项年度绩效目标 / 一级指标 / 专项 / 年度 / 产 …, the values after the
 * whole label column). The head's values come after it, so the head does not end there.
 */
function flattenedLabel(tokens: Token[], i: number): boolean {
  const next = tokens.slice(i + 1, i + 4);
  if (next.length < 3 || next.some((t) => headerField(t.text) !== undefined)) return false;
  // the labels after it are short words (专项, 年度, 产, 指标标), not a row's values
  return next.every((t) => [...t.text.trim()].length <= 4 && !/\d/.test(t.text));
}

/** An amount with its unit inside glued text. */
const GLUED_AMOUNT = /([\d,]+(?:\.\d+)?)(万元|元)/g;

/**
 * The budget of a head whose labels and values are glued without a separator (an OCR'd or converted form read as
 * one run: `项目总投资20万元中央补助安排0省级财政安排0其他资金20万元预算申报数20万元资金性质…`): the first amount written
 * with its unit right after a budget label (the longest label the text before it ends with). A multi-year total
 * (项目总投资, 中期) or another part of the funds (其他资金) is no budget label, so its amount is passed over.
 */
export function gluedBudget(
  text: string,
  headUnit?: "元" | "万元",
): { amount: string; unit: "元" | "万元" } | undefined {
  const labelBefore = (at: number) => {
    for (let len = Math.min(14, at); len >= 2; len--) {
      const label = text.slice(at - len, at);
      if (/[\d.,]/.test(label)) continue;
      if (isBudgetLabelText(label)) return true;
    }
    return false;
  };
  for (const m of text.matchAll(GLUED_AMOUNT))
    if (labelBefore(m.index ?? 0)) return { amount: m[1]!.replace(/,/g, ""), unit: m[2] === "元" ? "元" : "万元" };
  // a label with its unit note, its amount glued after it (县动物卫生监督所资金总额(万元)50: the value of the cell before
  // glued to the label)
  for (const m of text.matchAll(NOTED_AMOUNT))
    if (labelBefore(m.index ?? 0)) return { amount: m[2]!.replace(/,/g, ""), unit: m[1] === "元" ? "元" : "万元" };
  // …or, where the head states its unit (资金情况(万元)), an amount with no unit of its own, glued between its label
  // and the next label (资金总额35其中:财政拨款35其他资金0: 莆田's goal form copied as one run)
  if (headUnit)
    for (const m of text.matchAll(BARE_GLUED_AMOUNT))
      if (labelBefore(m.index ?? 0)) return { amount: m[1]!.replace(/,/g, ""), unit: headUnit };
  return undefined;
}

/** An amount right after a bracketed unit note: (万元)50, （元）1200. */
const NOTED_AMOUNT = /[(（]\s*(万元|元)\s*[)）]\s*(\d[\d,]*(?:\.\d+)?)(?![\d.,]*\s*[万元%])/g;

/** A number with no unit followed by a Han character that is no unit or date word (35其中, not 35万 or 2025年). */
const BARE_GLUED_AMOUNT =
  /(?<![\d.,])(\d[\d,]*(?:\.\d+)?)(?=[\u4e00-\u9fff])(?![万亿千百元年月日时个人次种项分件户天条家所名台辆套本册场期批处亩平米公里吨座例份周岁倍])/g;

/** The total of a project's whole implementation period (实施期资金总额, 中期资金总额). */
const PERIOD_TOTAL = /^(实施期|中期)(资金)?总额$/;
/** A project lasting one year: 一次性项目(1年结束), 项目期 1年. */
const ONE_YEAR = /[(（]\s*1\s*年结束\s*[)）]|^项目期[：:]?\s*1年$/;

/** The first unit note of a form's head, from its name label to its indicator header. */
function headUnit(tokens: Token[], start: number): "元" | "万元" | undefined {
  for (let i = start; i < tokens.length; i++) {
    const f = headerField(tokens[i]!.text);
    if (f === "level1" || f === "name") return undefined;
    const u = unitIn(tokens[i]!.text);
    if (u && tokens[i]!.text.length <= 16) return u;
  }
  return undefined;
}

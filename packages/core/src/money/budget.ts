/**
 * Budget arithmetic that must hold in every form: 年初预算数 + 预算调整数 = 预算确定数 (全年预算数),
 * 执行率 = 执行数 ÷ 预算确定数, totals = the sum of their parts, and the monitoring traffic light.
 * Exact throughout (fen and Ratio); percentages are rounded half away from zero only for display.
 */
import { DomainError, type Location } from "../errors/domain-error.ts";
import { cmp, fromInt, mul, parseDecimal, type Ratio, ratio, round, sub, toFixed } from "../numbers/decimal.ts";
import { type Fen, formatYuan, sumFen } from "./money.ts";

export interface ExecutionRate {
  /** 执行数 ÷ 预算数, exact (0.8834… for 88.34…%). */
  ratio: Ratio;
  /** The same as a percentage, exact. */
  percent: Ratio;
  /** The percentage with two decimals, rounded half away from zero: `88.35`, `100.00`. */
  text: string;
}

const HUNDRED = fromInt(100);

/**
 * 执行率 = executed ÷ budget. A zero budget is `DomainError("zero_budget")`, a negative one
 * `DomainError("invalid_amount")`: neither is divided.
 */
export function executionRate(executed: Fen, budget: Fen, location?: Location): ExecutionRate {
  if (budget === 0n) {
    throw new DomainError(
      "zero_budget",
      {
        zh: `预算数为 0，无法计算执行率（执行数 ${formatYuan(executed)} 元）`,
        en: `the budget is zero, so no execution rate can be computed (executed ${formatYuan(executed)} yuan)`,
      },
      location,
    );
  }
  if (budget < 0n) {
    throw new DomainError(
      "invalid_amount",
      {
        zh: `预算数为负（${formatYuan(budget)} 元），无法计算执行率`,
        en: `the budget is negative (${formatYuan(budget)} yuan), so no execution rate can be computed`,
      },
      location,
    );
  }
  const r = ratio(executed, budget);
  const percent = mul(r, HUNDRED);
  return { ratio: r, percent, text: toFixed(percent, 2) };
}

/** A rate as written in a document: `88.3%`, `99.32`, `100.00`, `88.3％`, or a number. */
export interface StatedRate {
  /** The percentage as written (88.3 for `88.3%`). */
  percent: Ratio;
  /** How many decimals the document printed: the precision the comparison is made at. */
  decimals: number;
  text: string;
}

/** Reads a stated percentage; undefined when the text is not one. */
export function parseStatedRate(text: string | number): StatedRate | undefined {
  const s = String(text)
    .trim()
    .replace(/[％%]$/, "")
    .trim();
  const percent = parseDecimal(s);
  if (!percent) return undefined;
  const dot = s.indexOf(".");
  return { percent, decimals: dot < 0 ? 0 : s.length - dot - 1, text: String(text) };
}

export interface RateComparison {
  stated: StatedRate;
  computed: ExecutionRate;
  /** The computed percentage rounded to the stated precision (`88.3` for 88.3457… against `88.3%`). */
  computedAtStatedPrecision: string;
  /** Whether the stated rate is the computed one rounded to the decimals the document printed. */
  matches: boolean;
  /** stated − computed (exact, in percentage points). */
  difference: Ratio;
}

export function compareRate(stated: StatedRate, computed: ExecutionRate): RateComparison {
  const atPrecision = round(computed.percent, stated.decimals);
  return {
    stated,
    computed,
    computedAtStatedPrecision: toFixed(computed.percent, stated.decimals),
    matches: cmp(atPrecision, stated.percent) === 0,
    difference: sub(stated.percent, computed.percent),
  };
}

export interface BudgetLine {
  /** 年初预算数 */
  initial?: Fen | undefined;
  /** 预算调整数 (调增 +, 调减 −) */
  adjustment?: Fen | undefined;
  /** 预算确定数 / 全年预算数 */
  final?: Fen | undefined;
  /** 执行数 */
  executed?: Fen | undefined;
  /** 执行率 as printed: `99.32`, `88.3%`. */
  statedRate?: string | number | undefined;
}

export interface BudgetLineProblem {
  code: "final_mismatch" | "rate_mismatch" | "zero_budget" | "stated_rate_unreadable" | "executed_over_budget";
  zh: string;
  en: string;
}

export interface BudgetLineCheck {
  /** 年初 + 调整 (a blank cell counts as 0); undefined when both are blank. */
  computedFinal: Fen | undefined;
  /** Whether 年初 + 调整 = 确定 (a blank 确定 counts as 0 when 年初 or 调整 is written); undefined when nothing to check. */
  finalHolds: boolean | undefined;
  /** 确定 − (年初 + 调整) when it does not hold. */
  finalDifference: Fen | undefined;
  /** 执行数 ÷ 确定数, when both are written and 确定数 ≠ 0. */
  rate: ExecutionRate | undefined;
  /** The stated rate against the computed one, at the stated precision. */
  rateComparison: RateComparison | undefined;
  problems: BudgetLineProblem[];
}

/** Checks one budget row: 年初 + 调整 = 确定, 执行率 = 执行 ÷ 确定 against the printed rate. */
export function checkBudgetLine(line: BudgetLine): BudgetLineCheck {
  const problems: BudgetLineProblem[] = [];
  const hasParts = line.initial !== undefined || line.adjustment !== undefined;
  const computedFinal = hasParts ? sumFen([line.initial ?? (0n as Fen), line.adjustment ?? (0n as Fen)]) : undefined;
  let finalHolds: boolean | undefined;
  let finalDifference: Fen | undefined;
  if (computedFinal !== undefined) {
    const stated = line.final ?? (0n as Fen);
    finalHolds = stated === computedFinal;
    if (!finalHolds) {
      finalDifference = (stated - computedFinal) as Fen;
      problems.push({
        code: "final_mismatch",
        zh: `年初预算数 ${formatYuan(line.initial ?? (0n as Fen))} + 调整数 ${formatYuan(line.adjustment ?? (0n as Fen))} = ${formatYuan(computedFinal)}，与预算确定数 ${line.final === undefined ? "（空）" : formatYuan(line.final)} 相差 ${formatYuan(finalDifference)}`,
        en: `initial ${formatYuan(line.initial ?? (0n as Fen))} + adjustment ${formatYuan(line.adjustment ?? (0n as Fen))} = ${formatYuan(computedFinal)}, but the final budget is ${line.final === undefined ? "(blank)" : formatYuan(line.final)}, a difference of ${formatYuan(finalDifference)}`,
      });
    }
  }

  let rate: ExecutionRate | undefined;
  if (line.final !== undefined && line.executed !== undefined) {
    if (line.final === 0n) {
      problems.push({
        code: "zero_budget",
        zh: `预算确定数为 0，无法计算执行率（执行数 ${formatYuan(line.executed)}）`,
        en: `the final budget is zero, so no execution rate (executed ${formatYuan(line.executed)})`,
      });
    } else if (line.final > 0n) {
      rate = executionRate(line.executed, line.final);
      if (line.executed > line.final) {
        problems.push({
          code: "executed_over_budget",
          zh: `执行数 ${formatYuan(line.executed)} 超过预算确定数 ${formatYuan(line.final)}（执行率 ${rate.text}%）`,
          en: `executed ${formatYuan(line.executed)} exceeds the final budget ${formatYuan(line.final)} (rate ${rate.text}%)`,
        });
      }
    }
  }

  let rateComparison: RateComparison | undefined;
  const statedText = line.statedRate === undefined ? "" : String(line.statedRate).trim();
  if (statedText !== "") {
    const stated = parseStatedRate(statedText);
    if (!stated) {
      problems.push({
        code: "stated_rate_unreadable",
        zh: `执行率「${statedText}」不是百分数`,
        en: `the stated rate "${statedText}" is not a percentage`,
      });
    } else if (rate) {
      rateComparison = compareRate(stated, rate);
      if (!rateComparison.matches) {
        problems.push({
          code: "rate_mismatch",
          zh: `填报执行率 ${stated.text}，按执行数 ÷ 预算确定数计算为 ${rate.text}%（按填报精度为 ${rateComparison.computedAtStatedPrecision}%）`,
          en: `stated rate ${stated.text}, computed executed ÷ final budget = ${rate.text}% (${rateComparison.computedAtStatedPrecision}% at the stated precision)`,
        });
      }
    }
  }
  return { computedFinal, finalHolds, finalDifference, rate, rateComparison, problems };
}

export interface TotalCheck {
  holds: boolean;
  /** Σ parts */
  sum: Fen;
  /** total − Σ parts */
  difference: Fen;
}

/** Totals = the sum of their parts (blank parts count as 0). */
export function checkTotal(total: Fen, parts: Iterable<Fen | undefined>): TotalCheck {
  const s = sumFen([...parts].map((p) => p ?? (0n as Fen)));
  return { holds: s === total, sum: s, difference: (total - s) as Fen };
}

/** 政府采购: one line's quantity × unit price (fen, exact — it may fall between fen) against its amount. */
export interface ProcurementLineCheck {
  product: Ratio;
  /** product = amount exactly (false when the amount is missing). */
  holds: boolean;
}

export function checkProcurementLine(quantity: Ratio, unitPrice: Fen, amount?: Fen): ProcurementLineCheck {
  const product = mul(quantity, fromInt(unitPrice));
  return { product, holds: amount !== undefined && cmp(product, fromInt(amount)) === 0 };
}

export type Light = "red" | "yellow" | "green";

// The traffic light of execution against time progress (monitoringLight) is monitoring's: one rule, with the
// bureau's thresholds, in ../monitoring/warning.ts.

/**
 * Cells of stored figures, for forms laid out outside the official layouts (the server's 运行监控表, 整改情况报告,
 * 专家评审意见汇总表, 结果应用情况表): the same number format everywhere — amounts in 万元 (or 元 where the form
 * asks) with thousands separators and two decimals (more only when the amount has them), counts as integers,
 * scores as stated, rates as percentages — the text for docx/PDF and the exact number for xlsx (`WCell.number`).
 * Money is taken as the exact decimal text in 元 the store holds (`600000.00`) and stays a bigint of fen until the
 * xlsx cell; a figure that is not there (`null`) is `—`, a text cell.
 */
import { decimal, parseYuan } from "@jixiao/core";
import { amountNumber, amountText, plainNumber } from "./format.ts";
import { c, type WCell } from "./model.ts";

type Opts = Omit<WCell, "text" | "number">;

const DASH = "—";
const numeric = (text: string, opts: Opts, number?: WCell["number"]): WCell =>
  c(text, { numeric: true, align: "right", ...opts, ...(number ? { number } : {}) });

/** An amount stored in 元 (exact decimal text), written in `unit`: `1,350.50` 万元 / `13,505,000.00` 元. */
export function moneyCell(yuan: string | null | undefined, unit: "元" | "万元" = "万元", opts: Opts = {}): WCell {
  if (yuan === null || yuan === undefined || yuan.trim() === "") return c(DASH, { align: "center", ...opts });
  const amount = { text: yuan, unit: "元" as const, fen: String(parseYuan(yuan)) };
  return numeric(amountText(amount, unit, { grouping: true }), opts, amountNumber(amount, unit));
}

/** A count (项目数, 整改事项): an integer cell. */
export function countCell(n: number, opts: Opts = {}): WCell {
  if (!Number.isSafeInteger(n)) throw new RangeError(`countCell: not an integer: ${n}`);
  return numeric(String(n), opts, { value: decimal.ratio(BigInt(n)), format: "0" });
}

/** A score or points as stated (`91.5`, `18.00`): a number cell with the decimals stated; `—` when there is none. */
export function scoreCell(text: string | null | undefined, opts: Opts = {}): WCell {
  const t = text?.trim() ?? "";
  if (t === "") return c(DASH, { align: "center", ...opts });
  return numeric(t, opts, plainNumber(t));
}

/**
 * A rate stored as its percentage without the sign (`88.35` for 88.35%): the text `88.35%`, in xlsx the fraction
 * 0.8835 shown `0.00%` (as many decimals as stored); `—` when there is none.
 */
export function percentCell(percent: string | null | undefined, opts: Opts = {}): WCell {
  const t = percent?.trim().replace(/[%％]$/, "") ?? "";
  const stated = plainNumber(t);
  if (!stated) return c(t === "" ? DASH : t, { align: "center", ...opts });
  const decimals = /\.(\d+)$/.exec(t)?.[1]?.length ?? 0;
  return numeric(`${t}%`, opts, {
    value: decimal.div(stated.value, decimal.ratio(100n)),
    format: `${decimals > 0 ? `0.${"0".repeat(decimals)}` : "0"}%`,
  });
}

/** Marks `total` as the sum of the cells given (the ones that exist): a `SUM` in xlsx; see `WCell.sumOf`. */
export function totalOf(total: WCell, parts: (WCell | null | undefined)[]): WCell {
  const cells = parts.filter((x): x is WCell => !!x);
  if (cells.length > 0) total.sumOf = cells;
  return total;
}

/** Marks `rate` as `numerator ÷ denominator` (执行率 = 执行数 ÷ 预算数): a quotient in xlsx; see `WCell.quotientOf`. */
export function quotientOf(rate: WCell, numerator: WCell, denominator: WCell): WCell {
  rate.quotientOf = { numerator, denominator };
  return rate;
}

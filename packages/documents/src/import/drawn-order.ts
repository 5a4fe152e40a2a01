/**
 * A form whose words come in drawing order, not reading order.
 *
 * The text of a PDF (or a sharing site's rendering of a merged-cell sheet) on one line of words keeps the order in
 * which the page was drawn: a block's values before the labels or names beside them. Seen: the indicator grid as
 * one run of each row's values (`=100% 100% 10 10 =100% 100% 20 20 … 100 98.62`) followed by the 一级 / 二级
 * names and the 三级 names in order; a funds header followed by its rows' values before their labels; a rate
 * printed away from its row. Each rule here reads a family of such layouts from the shapes of the words alone:
 *
 * - `drawnGridHeader`: a grid header whose names are interleaved with the first row's leading cells (a 二级 name,
 *   the start of the first 三级 name) drawn between them;
 * - `readDrawnGrid`: after the header, rows of values (each the header's value fields, in order, fitting their
 *   shapes), then the names: the 三级 names are the texts that are no framework name, a wrapped name's short end
 *   (`率`) joined to the piece before it, a vertical label (`绩 效 指 标`) passed over; the rows are kept only when
 *   there are as many names as rows; numbered names (指标1:…) each start a name, a piece right after one goes on
 *   it and any other is a broken label's (效益指 标(30 分), 服务对象满 … 意度指标). Two numbers after the rows, the
 *   first no less than the second, are the total's points and score when a total label (总分) follows the names;
 * - `cutFundRows`: a funds run without labels cut into rows by shape (amounts, then 分值, 执行率 with its %, 得分
 *   no more than 分值): a value that fits no later field starts the next row;
 * - `strayRate`: a lone percentage in the form's head that agrees with the total row's 执行数 ÷ 预算数 (to 0.05
 *   points: a rate rounded another way) is that row's 执行率, when the row has none.
 */

import { fundsPart } from "../vocabulary/funds-labels.ts";
import type { HeaderField } from "./headers.ts";
import { headerField } from "./headers.ts";
import { cellKind } from "./row-fields.ts";

export interface DrawnToken {
  text: string;
}

const squash = (s: string) => s.replace(/[\s\u3000]+/g, "");
const isLevel = (t: string) => {
  const k = cellKind(t);
  return k === "level1" || k === "level2" || k === "level12" || squash(t) === "绩效指标";
};
const NUMBER = /^\d+(\.\d+)?$/;
const PERCENT = /^[+-]?\d+(\.\d+)?\s*[%％]$/;
const DASH = /^[—\-–/／]+$/;
const AMOUNT = /^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$/;
/** A funds row's total (合计 / 小计): no funds label of the vocabulary, yet a label of the funds rows. */
const FUNDS_TOTAL = /^(合计|小计)[:：]?$/;
/** A funds row's label: a label of the vocabulary (年度资金总额, 其中:当年财政拨款, 上年结转资金…) or the rows' total. */
export const isFundLabel = (text: string): boolean => fundsPart(text) !== undefined || FUNDS_TOTAL.test(text);

/** The fields of an indicator grid's header (the stream reader's too). */
export const GRID_FIELDS: readonly HeaderField[] = [
  "level1",
  "level2",
  "name",
  "description",
  "target",
  "unit",
  "actual",
  "weight",
  "score",
  "deviation",
];
/** Value fields a drawn row holds, in the header's order. */
const VALUE_FIELDS: readonly HeaderField[] = ["target", "actual", "weight", "score"];

export interface DrawnHeader {
  fields: HeaderField[];
  /** The first row's leading name pieces drawn inside the header. */
  lead: number[];
  /** One past the header's last token. */
  end: number;
}

/**
 * A grid header starting at `from` whose names may be interleaved with 一级 / 二级 names and with up to two pieces
 * of the first 三级 name; it must name the 三级 name, the target and the actual or the score, and be followed by a
 * value.
 */
export function drawnGridHeader(tokens: readonly DrawnToken[], from: number): DrawnHeader | undefined {
  const fields: HeaderField[] = [];
  const lead: number[] = [];
  let last = -1;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!.text;
    const f = headerField(t);
    if (f !== undefined) {
      if (fields.includes(f) || (fields.length === 0 && !GRID_FIELDS.includes(f))) break;
      fields.push(f);
      last = i;
      continue;
    }
    if (fields.length === 0) return undefined;
    if (isLevel(t)) continue;
    if (valueLike(t) || DASH.test(squash(t))) break;
    // a piece of the first name, only once the header has named the 三级 column (a short answer such as 达标 after
    // the header's last name is the first value, not a piece)
    if (!fields.includes("name") || lead.length >= 3 || [...squash(t)].length > 30) break;
    lead.push(i);
  }
  const end = last + 1;
  const ok =
    fields.includes("name") &&
    fields.includes("target") &&
    (fields.includes("actual") || fields.includes("score")) &&
    end < tokens.length &&
    headerField(tokens[end]!.text) === undefined;
  return ok ? { fields, lead: lead.filter((n) => n < last).slice(0, 2), end } : undefined;
}

function valueLike(text: string): boolean {
  const k = cellKind(text);
  return k === "value" || k === "percent" || k === "number";
}

/** Whether a cell fits a value field of a drawn row. */
export function fitsField(field: HeaderField, text: string): boolean {
  const t = squash(text);
  if (field === "weight" || field === "score") return (NUMBER.test(t) && Number(t) <= 100) || DASH.test(t);
  // a target or an actual: a value, a number, a dash or a short answer (及时, 达标) — never a framework name
  const k = cellKind(text);
  if (k === "value" || k === "percent" || k === "number" || k === "dash") return true;
  return k === "text" && [...t].length <= 8 && !headerField(t) && !isFundLabel(t);
}

/** A row's name numbered as the forms number them (指标1:全县参合人数). */
export const NUMBERED_NAME = /^指标\d+[:：]/;
/** A framework name's points broken off it: `(10分`, `分)`, `)`. */
const POINTS_PIECE = /^(?=.*[(（)）分])[(（]?\d*(\.\d+)?分?[)）]?$/;

/** How many words from `j` (2 or 3) make a framework name with its points (效益指 标(30 分)), or 0. */
function brokenLevel(cells: readonly DrawnToken[], j: number): number {
  for (let m = 2; m <= 3 && j + m <= cells.length; m++) {
    const joined = cells
      .slice(j, j + m)
      .map((c) => squash(c.text))
      .join("")
      .replace(/[(（]\d+(\.\d+)?分?[)）]?$/, "");
    if (isLevel(joined)) return m;
  }
  return 0;
}

export interface DrawnRow {
  /** Token indexes of the name's pieces. */
  name: number[];
  values: Partial<Record<HeaderField, number>>;
}

export interface DrawnGrid {
  rows: DrawnRow[];
  total?: { weight: number; score: number };
}

/**
 * The rows of a grid drawn values first: the tokens from `start` (the header's end) to `stop` (the form's total
 * label, or its end); `lead` the indexes of the name pieces drawn inside the header; `totalFollows` whether a
 * total label ends them. Indexes in the result are the tokens'.
 */
export function readDrawnGrid(
  tokens: readonly DrawnToken[],
  start: number,
  stop: number,
  header: readonly HeaderField[],
  lead: readonly number[],
  totalFollows: boolean,
): DrawnGrid | undefined {
  const cells = tokens.slice(start, stop);
  const fields = header.filter((f) => VALUE_FIELDS.includes(f));
  if (fields.length < 2 || !(fields.includes("weight") || fields.includes("score"))) return undefined;
  const k = fields.length;
  const rows: DrawnRow[] = [];
  let i = 0;
  for (; i + k <= cells.length; i += k) {
    const group = cells.slice(i, i + k).map((c) => c.text);
    if (!group.every((t, n) => fitsField(fields[n]!, t))) break;
    const w = fields.indexOf("weight");
    const s = fields.indexOf("score");
    if (w >= 0 && s >= 0 && NUMBER.test(squash(group[w]!)) && NUMBER.test(squash(group[s]!))) {
      if (Number(squash(group[s]!)) > Number(squash(group[w]!))) break;
    }
    const values: DrawnRow["values"] = {};
    fields.forEach((f, n) => {
      values[f] = start + i + n;
    });
    rows.push({ name: [], values });
  }
  if (rows.length < 2) return undefined;
  let total: DrawnGrid["total"];
  const a = cells[i]?.text;
  const b = cells[i + 1]?.text;
  if (totalFollows && a && b && NUMBER.test(squash(a)) && NUMBER.test(squash(b)) && Number(b) <= Number(a)) {
    total = { weight: start + i, score: start + i + 1 };
    i += 2;
  }
  // the names after the values: framework names and vertical labels passed over, a short end joined back
  const pieces: number[][] = [];
  if (lead.length > 0) pieces.push([...lead]);
  // numbered names (指标1:…) each start a name; a piece without a number goes on the name just before it, else
  // it is a broken label's (服务对象满 … 意度指标)
  const numbered = cells.slice(i).some((c) => NUMBERED_NAME.test(squash(c.text)));
  let previous = -2;
  for (let j = i; j < cells.length; j++) {
    const t = squash(cells[j]!.text);
    if (t === "" || isLevel(t) || headerField(t) !== undefined || isFundLabel(t) || POINTS_PIECE.test(t)) continue;
    // a framework name broken over words, its points with it (效益指 标(30 分))
    const broken = brokenLevel(cells, j);
    if (broken > 0) {
      j += broken - 1;
      continue;
    }
    // a vertical label: single characters in a row (绩 效 指 标)
    if ([...t].length === 1 && [...squash(cells[j + 1]?.text ?? "")].length === 1) {
      while (j + 1 < cells.length && [...squash(cells[j + 1]!.text)].length === 1) j++;
      continue;
    }
    if (valueLike(t) || DASH.test(t)) return undefined;
    if (numbered) {
      if (NUMBERED_NAME.test(t)) pieces.push([start + j]);
      else if (previous === j - 1 && pieces.length > 0 && !/指标$/.test(t)) pieces[pieces.length - 1]!.push(start + j);
      else continue;
    } else if ([...t].length <= 2 && pieces.length > 0) pieces[pieces.length - 1]!.push(start + j);
    else pieces.push([start + j]);
    previous = j;
  }
  if (pieces.length !== rows.length) return undefined;
  rows.forEach((r, n) => {
    r.name = pieces[n]!;
  });
  return total ? { rows, total } : { rows };
}

export type FundField = "initial" | "adjustment" | "budget" | "executed" | "weight" | "rate" | "score";

/**
 * Values of a funds block without their labels, cut into rows in the header's order by shape: amounts under the
 * amount fields, a percentage (or a dash) only under 执行率, 分值 and 得分 numbers of at most 100 with 得分 no more
 * than 分值. A value that fits no field after the last one filled starts a new row.
 *
 * A row's stated 执行率 settles what the shapes leave open (a sheet's text drops cells and draws others late):
 * - a small number that fits both 执行数 and 分值 is the 执行数 only if the rate after it agrees with it;
 * - an amount after the row's 得分, when the row has no 执行数 and the rate agrees with it, is the row's 执行数
 *   drawn late, not the next row's first amount;
 * - a row with fewer amounts than amount fields puts them under the fields (in order) where the rate agrees with
 *   执行数 ÷ 预算数 (or ÷ 年初预算数), the rightmost such placement; none agreeing, they stay from the left.
 */
export function cutFundRows(values: readonly string[], header: readonly FundField[]): Map<FundField, number>[] {
  const rows: Map<FundField, number>[] = [];
  let row: Map<FundField, number> | undefined;
  let at = -1;
  const rateAfter = (n: number) => values.slice(n + 1, n + 4).find((v) => PERCENT.test(squash(v)));
  const fits = (f: FundField, t: string, r: Map<FundField, number>, n: number) => {
    if (DASH.test(t)) return true;
    if (f === "rate") return PERCENT.test(t);
    if (f === "weight") return NUMBER.test(t) && Number(t) <= 100;
    if (f === "score") {
      if (!NUMBER.test(t) || Number(t) > 100) return false;
      const w = r.get("weight");
      return w === undefined || !NUMBER.test(squash(values[w]!)) || Number(t) <= Number(squash(values[w]!));
    }
    if (!AMOUNT.test(t)) return false;
    if (f !== "executed" || !header.includes("weight") || !NUMBER.test(t) || Number(t) > 100) return true;
    const rate = rateAfter(n);
    return rate === undefined || rateFits(rate, t, r);
  };
  // how far the rate is from executed ÷ 预算数 (or ÷ 年初预算数), when it agrees
  const rateGap = (rate: string, executed: string, r: Map<FundField, number>) =>
    closest(
      (["budget", "initial"] as const).map((f) => {
        const b = r.get(f);
        return b === undefined || !AMOUNT.test(squash(values[b]!))
          ? undefined
          : rateGapText(rate, executed, values[b]!);
      }),
    );
  const rateFits = (rate: string, executed: string, r: Map<FundField, number>) =>
    rateGap(rate, executed, r) !== undefined;
  values.forEach((v, n) => {
    const t = squash(v);
    let placed = -1;
    if (row) for (let f = at + 1; f < header.length && placed < 0; f++) if (fits(header[f]!, t, row, n)) placed = f;
    if (placed < 0 && row && AMOUNT.test(t) && header.includes("executed") && !row.has("executed")) {
      const rate = row.get("rate");
      // (not when the row's own amounts agree with the rate as well: then this is the next row's first)
      const late = rate === undefined ? undefined : rateGap(values[rate]!, t, row);
      const own = late === undefined ? undefined : placedByRate(row, header, values).gap;
      if (late !== undefined && own === undefined) {
        row.set("executed", n);
        return;
      }
    }
    if (placed < 0) {
      row = new Map();
      rows.push(row);
      for (let f = 0; f < header.length && placed < 0; f++) if (fits(header[f]!, t, row, n)) placed = f;
      if (placed < 0) return;
    }
    row!.set(header[placed]!, n);
    at = placed;
  });
  return rows.map((r) => placedByRate(r, header, values).row);
}

const AMOUNT_FIELDS: readonly FundField[] = ["initial", "adjustment", "budget", "executed"];

/**
 * A row's amounts moved under the amount fields where its stated rate agrees with them best (see cutFundRows), and
 * how far the rate is from them; the row as it is when no placement agrees.
 */
function placedByRate(
  row: Map<FundField, number>,
  header: readonly FundField[],
  values: readonly string[],
): { row: Map<FundField, number>; gap?: bigint } {
  const fields = header.filter((f) => AMOUNT_FIELDS.includes(f));
  // (a dash under an amount field is no amount: a dash fits any field, and may be a later one's)
  const held = fields.filter((f) => row.has(f) && AMOUNT.test(squash(values[row.get(f)!]!)));
  const rate = row.get("rate");
  if (rate === undefined || held.length === 0 || held.length >= fields.length || !fields.includes("executed"))
    return { row };
  const amounts = held.map((f) => row.get(f)!);
  // every choice of fields for the amounts, in order: the rightmost first (it wins a tie)
  const choices: FundField[][] = [];
  const choose = (from: number, picked: FundField[]) => {
    if (picked.length === amounts.length) choices.push(picked);
    else for (let k = fields.length - 1; k >= from; k--) choose(k + 1, [...picked, fields[k]!]);
  };
  choose(0, []);
  choices.sort((a, b) => fields.indexOf(b[0]!) - fields.indexOf(a[0]!));
  let best: { choice: FundField[]; gap: bigint } | undefined;
  for (const c of choices) {
    const at = (f: FundField) => (c.includes(f) ? values[amounts[c.indexOf(f)]!] : undefined);
    const executed = at("executed");
    if (executed === undefined) continue;
    const gap = closest(
      (["budget", "initial"] as const).map((f) => {
        const b = at(f);
        return b === undefined ? undefined : rateGapText(values[rate]!, executed, b);
      }),
    );
    if (gap !== undefined && (!best || gap < best.gap)) best = { choice: c, gap };
  }
  if (!best) return { row };
  const out = new Map([...row].filter(([f]) => !AMOUNT_FIELDS.includes(f)));
  best.choice.forEach((f, k) => {
    out.set(f, amounts[k]!);
  });
  return { row: new Map(header.filter((f) => out.has(f)).map((f) => [f, out.get(f)!])), gap: best.gap };
}

const closest = (gaps: (bigint | undefined)[]) =>
  gaps.reduce<bigint | undefined>((a, g) => (g === undefined || (a !== undefined && a <= g) ? a : g), undefined);

/** Amount text (`215,457.6`, `207.4538`) in ten-thousandths: a ratio of two needs no unit. */
function tenThousandths(text: string): bigint {
  const [whole, frac = ""] = squash(text).replace(/,/g, "").split(".");
  return BigInt(whole!) * 10000n + BigInt(frac.slice(0, 4).padEnd(4, "0"));
}

/** How far a row's stated rate is from executed ÷ budget (amount text), when it agrees (a whole percent as rounded). */
function rateGapText(percent: string, executed: string, budget: string): bigint | undefined {
  return rateGap(percent, tenThousandths(executed), tenThousandths(budget), true);
}

/**
 * Whether a stated rate (percent text) agrees with executed ÷ budget to 0.05 points — the same rate, rounded
 * another way. Amounts are decimal strings in yuan; compared in integer hundredths of a percent.
 */
export function rateAgrees(percent: string, executedFen: bigint, budgetFen: bigint): boolean {
  return rateGap(percent, executedFen, budgetFen, false) !== undefined;
}

/**
 * How far a stated rate is from executed ÷ budget, in ten-thousandths of a percent, when it agrees (`rounded`: a
 * rate stated in whole percents, 99%, may be rounded to the unit — half a point either way); undefined otherwise.
 */
function rateGap(percent: string, executedFen: bigint, budgetFen: bigint, rounded: boolean): bigint | undefined {
  if (budgetFen <= 0n) return undefined;
  const m = /^(\d+)(?:\.(\d{1,4}))?\s*[%％]$/.exec(squash(percent));
  if (!m) return undefined;
  // the stated rate in ten-thousandths of a percent, the computed one likewise (floored; 1 unit of slack)
  const stated = BigInt(m[1]!) * 10000n + BigInt((m[2] ?? "").padEnd(4, "0"));
  const computed = (executedFen * 1_000_000n) / budgetFen;
  const diff = stated > computed ? stated - computed : computed - stated;
  const slack = rounded && m[2] === undefined ? 5000n : 500n;
  return diff <= slack + 1n ? diff : undefined;
}

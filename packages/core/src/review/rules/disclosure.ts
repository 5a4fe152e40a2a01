/**
 * 部门预算公开 / 部门决算公开 (`document.finalAccount`): placeholders, years, the unit's name, the narrative's figures
 * against the tables, sums inside tables, 基本支出 = 人员经费 + 公用经费, 三公 narrative against its table,
 * 大于/小于/持平 and 完成预算的…% against the figures, and the required tables (present, or stated empty with a note).
 * Amounts are compared exactly in fen; a difference within the rounding tolerance of the unit is a warning.
 */

import type {
  Amount,
  DisclosureFigureItem,
  DisclosureTable,
  DisclosureTableKind,
  FinalAccountDisclosure,
  ImportedDocument,
} from "../../model/document.ts";
import { type Fen, formatAmount } from "../../money/money.ts";
import { compareAmounts, fenOf, loc } from "../context.ts";
import type { FindingDetails, FindingLocation as Location, ReviewConfig, Rule, RuleFinding } from "../types.ts";

type Cell = DisclosureTable["rows"][number]["cells"][number];

const TABLE_ZH: Record<DisclosureTableKind, string> = {
  summary: "收支总表",
  income: "收入总表",
  expenditure: "支出总表",
  fiscalSummary: "财政拨款收支总表",
  generalExpenditure: "一般公共预算财政拨款支出表",
  basicExpenditure: "一般公共预算财政拨款基本支出表",
  threePublic: "一般公共预算财政拨款“三公”经费支出表",
  governmentFund: "政府性基金预算财政拨款收支表",
  stateCapital: "国有资本经营预算财政拨款支出表",
  projectExpenditure: "项目支出表",
  runningCosts: "机关运行经费支出表",
  procurement: "政府采购表",
  assets: "国有资产占用情况表",
};

const ITEM_ZH: Record<DisclosureFigureItem, string> = {
  incomeGrandTotal: "收入总计",
  expenditureGrandTotal: "支出总计",
  income: "本年收入合计",
  expenditure: "本年支出合计",
  fiscalIncomeGrandTotal: "财政拨款收入总计",
  fiscalExpenditureGrandTotal: "财政拨款支出总计",
  fiscalIncome: "财政拨款本年收入合计",
  fiscalExpenditure: "财政拨款本年支出合计",
  generalIncome: "一般公共预算财政拨款收入",
  generalExpenditure: "一般公共预算财政拨款支出",
  basicExpenditure: "基本支出",
  projectExpenditure: "项目支出",
  generalBasicExpenditure: "一般公共预算财政拨款基本支出",
  personnel: "人员经费",
  publicUse: "公用经费",
  threePublicTotal: "“三公”经费合计",
  abroad: "因公出国（境）费",
  vehicle: "公务用车购置及运行费",
  vehiclePurchase: "公务用车购置费",
  vehicleRunning: "公务用车运行费",
  reception: "公务接待费",
  runningCosts: "机关运行经费",
};

const THREE_PUBLIC_ITEMS = new Set<DisclosureFigureItem>([
  "threePublicTotal",
  "abroad",
  "vehicle",
  "vehiclePurchase",
  "vehicleRunning",
  "reception",
]);

const sq = (s: string) => s.replace(/[\s\u3000]+/g, "");

interface TableFigure {
  amount: Amount;
  fen: Fen;
  location: Location;
  table: DisclosureTable;
  tableIndex: number;
  label: string;
}

/** Where each narrative item is in the tables: table kinds, the row (label, side) and the column. */
interface ItemPlace {
  kinds: DisclosureTableKind[];
  row: RegExp;
  side?: "income" | "expenditure";
  column?: RegExp;
}

const PLACES: Partial<Record<DisclosureFigureItem, ItemPlace[]>> = {
  incomeGrandTotal: [{ kinds: ["summary"], row: /^收入总计|^总计/, side: "income" }],
  expenditureGrandTotal: [{ kinds: ["summary"], row: /^支出总计|^总计/, side: "expenditure" }],
  income: [
    { kinds: ["summary"], row: /^本年收入合计|^收入合计/, side: "income" },
    { kinds: ["income"], row: /^合计/, column: /合计|^收入|决算|预算/ },
  ],
  expenditure: [
    { kinds: ["summary"], row: /^本年支出合计|^支出合计/, side: "expenditure" },
    { kinds: ["expenditure"], row: /^合计/, column: /合计|^支出|决算|预算/ },
  ],
  fiscalIncomeGrandTotal: [{ kinds: ["fiscalSummary"], row: /^收入总计|^总计/, side: "income" }],
  fiscalExpenditureGrandTotal: [{ kinds: ["fiscalSummary"], row: /^支出总计|^总计/, side: "expenditure" }],
  fiscalIncome: [{ kinds: ["fiscalSummary"], row: /^本年收入合计|^收入合计/, side: "income" }],
  fiscalExpenditure: [{ kinds: ["fiscalSummary"], row: /^本年支出合计|^支出合计/, side: "expenditure" }],
  generalIncome: [
    { kinds: ["fiscalSummary"], row: /一般公共预算/, side: "income" },
    { kinds: ["summary"], row: /一般公共预算/, side: "income" },
  ],
  generalExpenditure: [{ kinds: ["generalExpenditure"], row: /^合计/, column: /合计|^支出|决算|预算/ }],
  basicExpenditure: [{ kinds: ["expenditure"], row: /^合计/, column: /基本支出/ }],
  projectExpenditure: [{ kinds: ["expenditure"], row: /^合计/, column: /项目支出/ }],
  generalBasicExpenditure: [
    { kinds: ["generalExpenditure"], row: /^合计/, column: /基本支出/ },
    { kinds: ["basicExpenditure"], row: /^合计$/, column: /合计|决算|预算/ },
  ],
  personnel: [
    { kinds: ["basicExpenditure"], row: /^人员经费/ },
    { kinds: ["basicExpenditure"], row: /^合计/, column: /人员经费/ },
  ],
  publicUse: [
    { kinds: ["basicExpenditure"], row: /^公用经费/ },
    { kinds: ["basicExpenditure"], row: /^合计/, column: /公用经费/ },
  ],
  threePublicTotal: [{ kinds: ["threePublic"], row: /^合计|^“?三公”?经费合计|^总计/ }],
  abroad: [{ kinds: ["threePublic"], row: /因公出国/ }],
  vehicle: [{ kinds: ["threePublic"], row: /购置及运行(维护)?费?(小计|合计)?$|公务用车(经?费|费用)$/ }],
  vehiclePurchase: [{ kinds: ["threePublic"], row: /购置费$|购置$/ }],
  vehicleRunning: [{ kinds: ["threePublic"], row: /(?<!购置及)运行(维护)?费$/ }],
  reception: [{ kinds: ["threePublic"], row: /公务接待/ }],
};

/** The cell of a row for a basis: the 决算 (or 预算) column when the table has both, else the first amount cell. */
function cellFor(cells: Cell[], basis: "budget" | "final", column?: RegExp): Cell | undefined {
  let pool = column ? cells.filter((c) => column.test(sq(c.column))) : cells;
  if (pool.length === 0) pool = cells;
  const hasBoth = pool.some((c) => /决算|实际|执行/.test(c.column)) && pool.some((c) => /预算/.test(c.column));
  if (hasBoth) {
    const want = basis === "final" ? /决算|实际|执行/ : /预算/;
    return pool.find((c) => want.test(c.column));
  }
  return pool[0];
}

/** The table figure of an item on a basis, when the tables hold it (first matching place). */
export function tableFigure(
  fa: FinalAccountDisclosure,
  item: DisclosureFigureItem,
  basis: "budget" | "final",
): TableFigure | undefined {
  return tableFigures(fa, item, basis)[0];
}

/** Every table figure of an item on a basis: one per place and table that holds it, in the order of the places. */
export function tableFigures(
  fa: FinalAccountDisclosure,
  item: DisclosureFigureItem,
  basis: "budget" | "final",
): TableFigure[] {
  const out: TableFigure[] = [];
  for (const place of PLACES[item] ?? []) {
    for (const [tableIndex, table] of fa.tables.entries()) {
      if (!place.kinds.includes(table.kind)) continue;
      const found = figureIn(fa, place, table, tableIndex, basis);
      if (found) out.push(found);
    }
  }
  return out;
}

function figureIn(
  fa: FinalAccountDisclosure,
  place: ItemPlace,
  table: DisclosureTable,
  tableIndex: number,
  basis: "budget" | "final",
): TableFigure | undefined {
  for (const row of table.rows) {
    if (place.side && row.side && row.side !== place.side) continue;
    // the label without its `其中：` or its number (`一、“三公”经费合计`, `（二）公务接待费`)
    const label = sq(row.label)
      .replace(/^其中[：:]/, "")
      .replace(/^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d))/, "");
    if (!place.row.test(label)) {
      // a 三公 table laid out across (合计 | 因公出国（境）费 | 公务用车… 小计 | 购置费 | 运行费 | 公务接待费): by column
      if (table.kind !== "threePublic" || place.column) continue;
      const cells = row.cells.filter((c) => place.row.test(sq(c.column).replace(/^(预算数?|决算数?)/, "")));
      const cell = cellFor(cells, basis);
      const fen = fenOf(cell?.amount);
      if (!cell || fen === undefined) continue;
      if (basis !== fa.basis && !(basis === "budget" ? /预算/ : /决算|实际|执行/).test(cell.column)) continue;
      return { amount: cell.amount, fen, location: cell.location, table, tableIndex, label: cell.column };
    }
    const cell = cellFor(row.cells, basis, place.column);
    // a budget figure of a final account is only in a 预算 column (and the other way round)
    if (cell && basis !== fa.basis && !(basis === "budget" ? /预算/ : /决算|实际|执行/).test(cell.column)) continue;
    const fen = fenOf(cell?.amount);
    if (!cell || fen === undefined) continue;
    return { amount: cell.amount, fen, location: cell.location, table, tableIndex, label: row.label };
  }
  return undefined;
}

const show = (fen: Fen, unit: "元" | "万元") =>
  unit === "元" ? `${formatAmount(fen, "元")} 元` : `${formatAmount(fen, "万元")} 万元`;

function fa(doc: ImportedDocument): FinalAccountDisclosure | undefined {
  return doc.finalAccount;
}

function where(l: Location, path: string): Location {
  return loc(l, { path });
}

/**
 * Which table, row and column of the disclosure a finding is about, by their names as printed (`details.table`,
 * `details.tableRow`, `details.tableColumn`): `jixiao review` and the web review show them beside the location.
 */
function inTable(table: string, row?: string, column?: string): FindingDetails {
  const d: FindingDetails = { table };
  if (row) d.tableRow = row;
  if (column) d.tableColumn = column;
  return d;
}

// ---------------------------------------------------------------------------------------------------------------

const PLACEHOLDER_RE = /[Xx×Ｘ]{2,}|[*＊]{2,}|某某|〇〇(?=局|单位|部门)/;

export const placeholder: Rule = {
  id: "disclosure.placeholder",
  category: "完整性",
  severity: "error",
  title: { zh: "公开文本或表格中留有占位符（XX、××、**）", en: "A placeholder (XX, ××, **) left in the disclosure" },
  check(doc) {
    const f = fa(doc);
    if (!f) return [];
    const out: RuleFinding[] = [];
    for (const p of doc.paragraphs) {
      const m = PLACEHOLDER_RE.exec(p.text);
      if (!m) continue;
      out.push({
        message: `文字中留有占位符「${m[0]}」：${clip(p.text)}`,
        messageEn: `A placeholder "${m[0]}" is left in the text: ${clip(p.text)}`,
        location: loc(p.location, { column: m.index + 1 }),
      });
    }
    f.tables.forEach((t, ti) => {
      if (
        t.organisation &&
        PLACEHOLDER_RE.test(t.organisation.text) &&
        !doc.paragraphs.some((p) => sameLine(p.location, t.organisation!.location))
      ) {
        out.push({
          message: `「${t.title}」表头的单位名称是占位符「${t.organisation.text}」`,
          messageEn: `The unit name in the header of "${t.title}" is a placeholder "${t.organisation.text}"`,
          location: where(t.organisation.location, `finalAccount.tables[${ti}].organisation`),
          details: inTable(t.title, "表头"),
        });
      }
      t.rows.forEach((r, ri) => {
        for (const c of r.cells) {
          if (c.amount.fen !== undefined) continue;
          out.push({
            message: `「${t.title}」第 ${ri + 1} 行「${r.label}」的「${c.column}」不是金额：「${c.amount.text}」`,
            messageEn: `"${t.title}" row ${ri + 1} "${r.label}", column "${c.column}" is not an amount: "${c.amount.text}"`,
            location: where(c.location, `finalAccount.tables[${ti}].rows[${ri}]`),
            details: inTable(t.title, r.label, c.column),
          });
        }
      });
    });
    return out;
  },
};

function sameLine(a: Location, b: Location): boolean {
  return a.row !== undefined && a.row === b.row && (a.table ?? 0) === (b.table ?? 0);
}

export const zeroTotal: Rule = {
  id: "disclosure.zero-total",
  category: "完整性",
  severity: "error",
  title: { zh: "合计为 0 而表中各行不为 0", en: "A total of 0 where the table's rows are not empty" },
  check(doc) {
    const f = fa(doc);
    if (!f) return [];
    const out: RuleFinding[] = [];
    f.tables.forEach((t, ti) => {
      const nonZero = t.rows.some((r) => !r.total && r.cells.some((c) => (fenOf(c.amount) ?? 0n) !== 0n));
      if (!nonZero) return;
      t.rows.forEach((r, ri) => {
        if (r.total !== "total" && r.total !== "grandTotal") return;
        for (const c of r.cells) {
          if (fenOf(c.amount) !== 0n) continue;
          const column = c.column;
          const parts = t.rows.filter(
            (x) =>
              !x.total &&
              x.side === r.side &&
              x.cells.some((y) => y.column === column && (fenOf(y.amount) ?? 0n) !== 0n),
          );
          if (parts.length === 0) continue;
          out.push({
            message: `「${t.title}」的「${r.label}」（${column}）为 0，而表中各行有金额`,
            messageEn: `"${t.title}": "${r.label}" (${column}) is 0 while the rows above hold amounts`,
            location: where(c.location, `finalAccount.tables[${ti}].rows[${ri}]`),
            details: inTable(t.title, r.label, column),
          });
        }
      });
    });
    // a narrative total of 0 where the table holds one
    f.figures.forEach((fig, i) => {
      if (fenOf(fig.amount) !== 0n || !/Total|GrandTotal|^income$|^expenditure$/.test(fig.item)) return;
      const t = tableFigure(f, fig.item, fig.basis);
      if (!t || t.fen === 0n) return;
      out.push({
        message: `情况说明中「${fig.label}」为 0，而「${t.table.title}」为 ${show(t.fen, t.amount.unit)}`,
        messageEn: `The narrative says "${fig.label}" is 0, while "${t.table.title}" gives ${show(t.fen, t.amount.unit)}`,
        location: where(fig.location, `finalAccount.figures[${i}]`),
        details: inTable(t.table.title, t.label, t.location.field),
      });
    });
    return out;
  },
};

const YEAR_WORDS = /上年|去年|上一年|以前年度|同期/;
const MONEY_HEADING = /决算|预算|收入|支出|收支|三公|经费|表$/;

export const yearMismatch: Rule = {
  id: "disclosure.year-mismatch",
  category: "数据质量",
  severity: "error",
  title: { zh: "标题、标题行或截至日期的年度与公开年度不一致", en: "A heading or as-of date names another year" },
  check(doc) {
    const f = fa(doc);
    if (!f || f.year === undefined) return [];
    const year = f.year;
    const out: RuleFinding[] = [];
    f.headings.forEach((h, i) => {
      // headings about the money (parts, tables, 收支 / 三公 sections), not a 工作计划 of next year
      if (h.year === undefined || h.year === year || YEAR_WORDS.test(h.text) || !MONEY_HEADING.test(h.text)) return;
      out.push({
        message: `标题「${h.text}」写的是 ${h.year} 年，而本公开是 ${year} 年度的`,
        messageEn: `The heading "${h.text}" names ${h.year}, but the disclosure is for ${year}`,
        location: where(h.location, `finalAccount.headings[${i}]`),
        details: { stated: String(h.year), computed: String(year) },
      });
    });
    f.tables.forEach((t, i) => {
      if (t.year === undefined || t.year === year) return;
      if (f.headings.some((h) => h.text === t.title)) return;
      out.push({
        message: `表「${t.title}」写的是 ${t.year} 年，而本公开是 ${year} 年度的`,
        messageEn: `The table "${t.title}" names ${t.year}, but the disclosure is for ${year}`,
        location: where(t.location, `finalAccount.tables[${i}]`),
        details: inTable(t.title),
      });
    });
    // 决算: assets as of the end of the year; 预算: as of the end of the year before (or this one)
    const allowed = f.basis === "final" ? [year] : [year - 1, year];
    f.asOf.forEach((a, i) => {
      if (allowed.includes(a.year)) return;
      out.push({
        message: `「${a.text}」与公开年度 ${year} 年不符（${f.basis === "final" ? "决算应截至当年年末" : "预算应截至上年末或当年"}）`,
        messageEn: `"${a.text}" does not fit the year ${year} (${f.basis === "final" ? "a final account is as of the year's end" : "a budget is as of the previous year's end"})`,
        location: where(a.location, `finalAccount.asOf[${i}]`),
        details: { stated: String(a.year), computed: allowed.join("/") },
      });
    });
    return out;
  },
};

export const unitNameMismatch: Rule = {
  id: "disclosure.unit-name-mismatch",
  category: "数据质量",
  severity: "error",
  title: { zh: "表头的单位名称与公开单位不一致", en: "A table header names another unit than the disclosure's" },
  check(doc) {
    const f = fa(doc);
    if (!f?.organisation) return [];
    const org = sq(f.organisation);
    const out: RuleFinding[] = [];
    f.tables.forEach((t, i) => {
      if (!t.organisation) return;
      const name = sq(t.organisation.text);
      // a placeholder name (XX局) is disclosure.placeholder's
      if (name === org || org.endsWith(name) || name.endsWith(org) || PLACEHOLDER_RE.test(name)) return;
      out.push({
        message: `「${t.title}」表头的单位名称「${t.organisation.text}」与公开单位「${f.organisation}」不一致`,
        messageEn: `"${t.title}" names the unit "${t.organisation.text}", not "${f.organisation}"`,
        location: where(t.organisation.location, `finalAccount.tables[${i}].organisation`),
        details: { stated: t.organisation.text, computed: f.organisation!, ...inTable(t.title, "表头") },
      });
    });
    return out;
  },
};

function narrativeVsTable(threePublic: boolean) {
  return (doc: ImportedDocument, config: ReviewConfig): RuleFinding[] => {
    const f = fa(doc);
    if (!f) return [];
    const out: RuleFinding[] = [];
    f.figures.forEach((fig, i) => {
      if (THREE_PUBLIC_ITEMS.has(fig.item) !== threePublic) return;
      const stated = fenOf(fig.amount);
      const t = tableFigure(f, fig.item, fig.basis);
      const threeTable = f.tables.findIndex((x) => x.kind === "threePublic" && !x.empty);
      if (threePublic && !t && stated !== undefined && stated !== 0n && threeTable >= 0 && fig.basis === f.basis) {
        // the narrative states a 三公 item the table does not give (its amount removed, or the row)
        const table = f.tables[threeTable]!;
        out.push({
          message: `情况说明写「${fig.label}」${fig.amount.text}，而「${table.title}」中没有该项的金额`,
          messageEn: `The narrative states ${ITEM_ZH[fig.item]} ${fig.amount.text}, but "${table.title}" gives no amount for it`,
          location: where(fig.location, `finalAccount.figures[${i}]`),
          details: inTable(table.title, ITEM_ZH[fig.item]),
        });
        return;
      }
      if (stated === undefined || !t) return;
      // compare in the coarser unit of the two (a table in 元, text in 万元: rounding of the text)
      const unit = fig.amount.unit === "万元" || t.amount.unit === "万元" ? "万元" : "元";
      const c = compareAmounts(stated, t.fen, unit, config);
      if (!c) return;
      out.push({
        severity: c.severity,
        message: `情况说明写「${fig.label}」${fig.amount.text}，而「${t.table.title}」的「${t.label}」为 ${show(t.fen, t.amount.unit)}（差 ${c.difference}）`,
        messageEn: `The narrative states ${ITEM_ZH[fig.item]} (${fig.label}) ${fig.amount.text}, while "${t.table.title}" row "${t.label}" gives ${show(t.fen, t.amount.unit)} (difference ${c.difference})`,
        location: where(fig.location, `finalAccount.figures[${i}]`),
        details: { ...c.details, ...inTable(t.table.title, t.label, t.location.field) },
      });
    });
    return out;
  };
}

export const narrativeTableMismatch: Rule = {
  id: "disclosure.narrative-table-mismatch",
  category: "算术一致性",
  severity: "error",
  title: { zh: "情况说明中的数字与表中不一致", en: "A figure of the narrative differs from its table" },
  config: ["roundingTolerance"],
  check: narrativeVsTable(false),
};

export const threePublicMismatch: Rule = {
  id: "disclosure.three-public-mismatch",
  category: "算术一致性",
  severity: "error",
  title: { zh: "“三公”经费说明与“三公”经费表不一致", en: "The 三公 narrative differs from the 三公 table" },
  config: ["roundingTolerance"],
  check: narrativeVsTable(true),
};

/** The rows whose amounts a total row sums: by code level when rows have codes, else the rows of its block. */
function partsOf(t: DisclosureTable, ti: number): { total: number; parts: number[] }[] {
  const out: { total: number; parts: number[] }[] = [];
  const coded = t.rows.map((r, i) => (r.code ? i : -1)).filter((i) => i >= 0);
  const minLen = Math.min(...coded.map((i) => t.rows[i]!.code!.length));
  void ti;
  t.rows.forEach((r, i) => {
    if (r.total !== "total" || /结转|结余/.test(r.label)) return;
    if (coded.length > 0) {
      out.push({
        total: i,
        parts: coded.filter((k) => t.rows[k]!.code!.length === minLen && t.rows[k]!.side === r.side),
      });
      return;
    }
    // without codes: the rows of the same side between the previous total and this one (or after it, when first)
    const sameSide = (k: number) => t.rows[k]!.side === r.side;
    const before: number[] = [];
    for (let k = i - 1; k >= 0 && !(t.rows[k]!.total && sameSide(k)); k--) if (sameSide(k)) before.unshift(k);
    if (before.length > 0) out.push({ total: i, parts: before });
    else {
      const after: number[] = [];
      for (let k = i + 1; k < t.rows.length && !(t.rows[k]!.total && sameSide(k)); k++) if (sameSide(k)) after.push(k);
      if (after.length > 0) out.push({ total: i, parts: after });
    }
  });
  return out;
}

/**
 * The 总计 rows of a table in two sides (收支总表, 财政拨款收支总表): each side's 总计 = its 本年合计 + the rows between
 * them (年初结转和结余, 用事业基金弥补收支差额 / 年末结转和结余, 结余分配; not a `其中：` row under one), and 收入总计 =
 * 支出总计, column by column.
 */
function grandTotals(t: DisclosureTable, ti: number, config: ReviewConfig): RuleFinding[] {
  const out: RuleFinding[] = [];
  const grands: Partial<Record<"income" | "expenditure", number>> = {};
  for (const side of ["income", "expenditure"] as const) {
    const idx = t.rows.map((r, i) => (r.side === side ? i : -1)).filter((i) => i >= 0);
    const gi = idx.find((i) => t.rows[i]!.total === "grandTotal");
    const ti0 = idx.find((i) => t.rows[i]!.total === "total" && !/结转|结余/.test(t.rows[i]!.label));
    if (gi === undefined) continue;
    grands[side] = gi;
    if (ti0 === undefined || ti0 > gi) continue;
    const between = idx.filter(
      (i) => i > ti0 && i < gi && !/^其中|^[（(]?\d+[)）.、．]/.test(sq(t.rows[i]!.label)) && !t.rows[i]!.total,
    );
    const parts = [ti0, ...between];
    const g = t.rows[gi]!;
    for (const cell of g.cells) {
      const stated = fenOf(cell.amount);
      if (stated === undefined) continue;
      let sum = 0n;
      let any = false;
      for (const k of parts) {
        const v = fenOf(t.rows[k]!.cells.find((c) => c.column === cell.column)?.amount);
        if (v !== undefined) {
          sum += v;
          any = true;
        }
      }
      if (!any) continue;
      const c = compareAmounts(stated, sum as Fen, cell.amount.unit, config);
      if (!c) continue;
      const names = parts.map((k) => t.rows[k]!.label).join(" + ");
      out.push({
        severity: c.severity,
        message: `「${t.title}」的「${g.label}」为 ${c.stated}，${names} 为 ${c.computed}（差 ${c.difference}）`,
        messageEn: `"${t.title}": "${g.label}" is ${c.stated}, ${names} add up to ${c.computed} (difference ${c.difference})`,
        location: where(cell.location, `finalAccount.tables[${ti}].rows[${gi}]`),
        details: { ...c.details, ...inTable(t.title, g.label, cell.column) },
      });
    }
  }
  const gi = grands.income;
  const ge = grands.expenditure;
  if (gi !== undefined && ge !== undefined) {
    const a = t.rows[gi]!.cells.filter((c) => fenOf(c.amount) !== undefined);
    const b = t.rows[ge]!.cells.filter((c) => fenOf(c.amount) !== undefined);
    if (a.length > 0 && a.length === b.length) {
      a.forEach((x, k) => {
        const y = b[k]!;
        const c = compareAmounts(fenOf(y.amount)!, fenOf(x.amount)!, y.amount.unit, config);
        if (!c) return;
        out.push({
          severity: c.severity,
          message: `「${t.title}」的「${t.rows[ge]!.label}」${c.stated} ≠「${t.rows[gi]!.label}」${c.computed}（收支总计应相等，差 ${c.difference}）`,
          messageEn: `"${t.title}": "${t.rows[ge]!.label}" ${c.stated} ≠ "${t.rows[gi]!.label}" ${c.computed} (the two grand totals must be equal; difference ${c.difference})`,
          location: where(y.location, `finalAccount.tables[${ti}].rows[${ge}]`),
          details: { ...c.details, ...inTable(t.title, t.rows[ge]!.label, y.column) },
        });
      });
    }
  }
  return out;
}

export const tableSum: Rule = {
  id: "disclosure.table-sum",
  category: "算术一致性",
  severity: "error",
  title: { zh: "表内合计不等于各行（各列）之和", en: "A table's total is not the sum of its rows (columns)" },
  config: ["roundingTolerance"],
  check(doc, config) {
    const f = fa(doc);
    if (!f) return [];
    const out: RuleFinding[] = [];
    f.tables.forEach((t, ti) => {
      // 三公 tables are checked by their own identity below
      if (t.kind === "threePublic") return;
      for (const { total, parts } of partsOf(t, ti)) {
        const tr = t.rows[total]!;
        // 人员经费合计 / 公用经费合计 rows of a 基本支出 table sum their own groups, not the whole table
        if (/人员经费|公用经费/.test(tr.label)) continue;
        for (const cell of tr.cells) {
          const stated = fenOf(cell.amount);
          if (stated === undefined) continue;
          let sum = 0n;
          let any = false;
          for (const k of parts) {
            const pc = t.rows[k]!.cells.find((c) => c.column === cell.column);
            const v = fenOf(pc?.amount);
            if (v !== undefined) {
              sum += v;
              any = true;
            }
          }
          if (!any) continue;
          const c = compareAmounts(stated, sum as Fen, cell.amount.unit, config);
          if (!c) continue;
          out.push({
            severity: c.severity,
            message: `「${t.title}」的「${tr.label}」（${cell.column}）为 ${c.stated}，各行之和为 ${c.computed}（差 ${c.difference}）`,
            messageEn: `"${t.title}": "${tr.label}" (${cell.column}) is ${c.stated}, the rows add up to ${c.computed} (difference ${c.difference})`,
            location: where(cell.location, `finalAccount.tables[${ti}].rows[${total}]`),
            details: { ...c.details, ...inTable(t.title, tr.label, cell.column) },
          });
        }
      }
      // row by row: 合计 = 基本支出 + 项目支出 (+ 上缴上级支出, 经营支出, 对附属单位补助支出 when the table has them);
      // 合计 = 人员经费 + 公用经费; in a 收入表, 合计 = each source of income (財政拨款收入, 事业收入 … 其他收入)
      const groups: [RegExp, RegExp, RegExp | undefined, string, string][] = [
        [/基本支出/, /项目支出/, /上缴上级|经营支出|对附属单位补助/, "基本支出 + 项目支出", "basic + project"],
        [/人员经费/, /公用经费/, undefined, "人员经费 + 公用经费", "personnel + public-use"],
      ];
      t.rows.forEach((r, ri) => {
        const sums: { tot: Cell; parts: Cell[]; zh: string; en: string }[] = [];
        for (const [a, b, more, zh, en] of groups) {
          const tot = r.cells.find(
            (c) => /合计|^支出|决算|预算/.test(c.column) && !a.test(c.column) && !b.test(c.column),
          );
          const x = r.cells.find((c) => a.test(c.column));
          const y = r.cells.find((c) => b.test(c.column));
          if (!tot || !x || !y) continue;
          const others = more ? r.cells.filter((c) => more.test(c.column) && !/其中/.test(c.column)) : [];
          const names = others.map((c) => ` + ${c.column}`).join("");
          sums.push({ tot, parts: [x, y, ...others], zh: `${zh}${names}`, en: `${en}${names}` });
        }
        if (t.kind === "income") {
          const tot = r.cells.find((c) => /合计/.test(c.column));
          const parts = r.cells.filter((c) => c !== tot && !/其中|小计|合计/.test(c.column));
          if (tot && parts.length >= 2)
            sums.push({
              tot,
              parts,
              zh: parts.map((c) => c.column).join(" + "),
              en: parts.map((c) => c.column).join(" + "),
            });
        }
        for (const { tot, parts, zh, en } of sums) {
          const stated = fenOf(tot.amount);
          if (stated === undefined) continue;
          const sum = parts.reduce((acc, c) => acc + (fenOf(c.amount) ?? 0n), 0n);
          const c = compareAmounts(stated, sum as Fen, tot.amount.unit, config);
          if (!c) continue;
          out.push({
            severity: c.severity,
            message: `「${t.title}」第 ${ri + 1} 行「${r.label}」：${tot.column} ${c.stated} ≠ ${zh} ${c.computed}（差 ${c.difference}）`,
            messageEn: `"${t.title}" row ${ri + 1} "${r.label}": ${tot.column} ${c.stated} ≠ ${en} ${c.computed} (difference ${c.difference})`,
            location: where(tot.location, `finalAccount.tables[${ti}].rows[${ri}]`),
            details: { ...c.details, ...inTable(t.title, r.label, tot.column) },
          });
        }
      });
      out.push(...grandTotals(t, ti, config));
    });
    // 三公 table: 合计 = 出国 + 公务用车 + 接待; 公务用车 = 购置 + 运行
    for (const basis of ["budget", "final"] as const) {
      const get = (item: DisclosureFigureItem) => tableFigure(f, item, basis);
      const total = get("threePublicTotal");
      const vehicle = get("vehicle");
      const check = (stated: TableFigure | undefined, parts: (TableFigure | undefined)[], what: string) => {
        if (!stated || parts.every((p) => p === undefined)) return;
        const sum = parts.reduce((a, p) => a + (p?.fen ?? 0n), 0n);
        const c = compareAmounts(stated.fen, sum as Fen, stated.amount.unit, config);
        if (!c) return;
        out.push({
          severity: c.severity,
          message: `「${stated.table.title}」${what}：${c.stated} ≠ 各项之和 ${c.computed}（差 ${c.difference}）`,
          messageEn: `"${stated.table.title}" ${what}: ${c.stated} ≠ the sum of its parts ${c.computed} (difference ${c.difference})`,
          location: where(stated.location, `finalAccount.tables[${stated.tableIndex}]`),
          details: { ...c.details, ...inTable(stated.table.title, stated.label, stated.location.field) },
        });
      };
      check(
        total,
        [get("abroad"), vehicle, get("reception")],
        `“三公”经费合计（${basis === "final" ? "决算" : "预算"}）`,
      );
      check(
        vehicle,
        [get("vehiclePurchase"), get("vehicleRunning")],
        `公务用车购置及运行费（${basis === "final" ? "决算" : "预算"}）`,
      );
    }
    return out;
  },
};

export const basicParts: Rule = {
  id: "disclosure.basic-parts",
  category: "算术一致性",
  severity: "error",
  title: { zh: "基本支出不等于人员经费与公用经费之和", en: "基本支出 is not 人员经费 + 公用经费" },
  config: ["roundingTolerance"],
  check(doc, config) {
    const f = fa(doc);
    if (!f) return [];
    const out: RuleFinding[] = [];
    const stated = (item: DisclosureFigureItem) => f.figures.find((x) => x.item === item && x.basis === f.basis);
    // the narrative's own sentence, then the tables
    const nb = stated("generalBasicExpenditure");
    const np = stated("personnel");
    const nu = stated("publicUse");
    if (nb && np && nu) {
      const c = compareAmounts(
        fenOf(nb.amount)!,
        ((fenOf(np.amount) ?? 0n) + (fenOf(nu.amount) ?? 0n)) as Fen,
        nb.amount.unit,
        config,
      );
      if (c)
        out.push({
          severity: c.severity,
          message: `情况说明中基本支出 ${nb.amount.text} ≠ 人员经费 ${np.amount.text} + 公用经费 ${nu.amount.text}（${c.computed}）`,
          messageEn: `The narrative's 基本支出 ${nb.amount.text} ≠ 人员经费 ${np.amount.text} + 公用经费 ${nu.amount.text} (${c.computed})`,
          location: where(nb.location, `finalAccount.figures[${f.figures.indexOf(nb)}]`),
          details: c.details,
        });
    }
    const tb = tableFigure(f, "generalBasicExpenditure", f.basis);
    const tp = tableFigure(f, "personnel", f.basis);
    const tu = tableFigure(f, "publicUse", f.basis);
    if (tb && tp && tu) {
      const unit = tb.amount.unit === "万元" || tp.amount.unit === "万元" ? "万元" : "元";
      const c = compareAmounts(tb.fen, (tp.fen + tu.fen) as Fen, unit, config);
      if (c)
        out.push({
          severity: c.severity,
          message: `「${tb.table.title}」的基本支出 ${c.stated} ≠「${tp.table.title}」人员经费 + 公用经费 ${c.computed}（差 ${c.difference}）`,
          messageEn: `"${tb.table.title}" basic spending ${c.stated} ≠ personnel + public-use costs of "${tp.table.title}" ${c.computed} (difference ${c.difference})`,
          location: where(tb.location, `finalAccount.tables[${tb.tableIndex}]`),
          details: { ...c.details, ...inTable(tb.table.title, tb.label, tb.location.field) },
        });
    }
    return out;
  },
};

/** Figures that two tables both give: 收支总表 against 收入总表 / 支出总表, 财政拨款收支总表 against 收支总表, 基本支出. */
const CROSS_ITEMS: DisclosureFigureItem[] = ["income", "expenditure", "generalIncome", "generalBasicExpenditure"];

export const crossTable: Rule = {
  id: "disclosure.cross-table",
  category: "算术一致性",
  severity: "error",
  title: { zh: "两张表中的同一数字不一致", en: "The same figure differs between two tables" },
  config: ["roundingTolerance"],
  check(doc, config) {
    const f = fa(doc);
    if (!f) return [];
    const out: RuleFinding[] = [];
    for (const item of CROSS_ITEMS) {
      const all = tableFigures(f, item, f.basis);
      const first = all[0];
      if (!first) continue;
      for (const other of all.slice(1)) {
        if (other.table === first.table) continue;
        const unit = first.amount.unit === "万元" || other.amount.unit === "万元" ? "万元" : "元";
        const c = compareAmounts(other.fen, first.fen, unit, config);
        if (!c) continue;
        out.push({
          severity: c.severity,
          message: `${ITEM_ZH[item]}：「${other.table.title}」为 ${c.stated}，「${first.table.title}」为 ${c.computed}（差 ${c.difference}）`,
          messageEn: `${ITEM_ZH[item]}: "${other.table.title}" gives ${c.stated}, "${first.table.title}" ${c.computed} (difference ${c.difference})`,
          location: where(other.location, `finalAccount.tables[${other.tableIndex}]`),
          details: {
            ...c.details,
            ...inTable(other.table.title, other.label, other.location.field),
            against: first.table.title,
          },
        });
      }
    }
    const detail = fiscalDetail(f, config);
    if (detail) out.push(detail);
    return out;
  },
};

/**
 * The 财政拨款 expenditure of one fund in its own table: the 政府性基金 table's 本年支出 (its 合计 row), the 国有资本经营
 * table's 合计; 0 when the table is empty, said to be empty, or absent while the 财政拨款收支总表 gives that fund no
 * income; undefined when it cannot be told (the table unread, or absent with income of that fund).
 */
function fundExpenditure(
  f: FinalAccountDisclosure,
  kind: "governmentFund" | "stateCapital",
): { fen: Fen; table?: DisclosureTable; location?: Location } | undefined {
  const table = f.tables.find((t) => t.kind === kind);
  if (table) {
    if (table.unread) return undefined;
    const total = table.rows.find((r) => /^合计|^总计/.test(sq(r.label)));
    if (!total) return table.empty || table.rows.length === 0 ? { fen: 0n as Fen } : undefined;
    const cells = total.cells.filter((c) => fenOf(c.amount) !== undefined);
    const want = kind === "governmentFund" ? [/^本年支出/, /支出合计|^支出/] : [/合计|支出/];
    const cell = want.map((re) => cells.find((c) => re.test(sq(c.column)))).find((c) => c) ?? undefined;
    if (!cell) return table.empty ? { fen: 0n as Fen } : undefined;
    return { fen: fenOf(cell.amount)!, table, location: cell.location };
  }
  if (f.emptyNotes.some((n) => n.kind === kind)) return { fen: 0n as Fen };
  const name = kind === "governmentFund" ? /政府性基金/ : /国有资本经营/;
  for (const t of f.tables.filter((x) => x.kind === "fiscalSummary" && !x.unread))
    for (const r of t.rows)
      if (r.side === "income" && name.test(r.label)) {
        const fen = fenOf(r.cells[0]?.amount);
        return fen === 0n ? { fen: 0n as Fen } : undefined;
      }
  return undefined;
}

/**
 * The 财政拨款收支总表 against its detail tables: its 本年支出合计 = the 一般公共预算财政拨款支出表's 合计 + the 政府性基金
 * table's 本年支出 + the 国有资本经营 table's 支出 (each fund's 0 when its table is empty or said to be).
 */
function fiscalDetail(f: FinalAccountDisclosure, config: ReviewConfig): RuleFinding | undefined {
  const fiscal = tableFigure(f, "fiscalExpenditure", f.basis);
  const general = tableFigure(f, "generalExpenditure", f.basis);
  if (!fiscal || !general || fiscal.table.unread || general.table.unread) return undefined;
  const fund = fundExpenditure(f, "governmentFund");
  const capital = fundExpenditure(f, "stateCapital");
  if (!fund || !capital) return undefined;
  const unit = fiscal.amount.unit === "万元" || general.amount.unit === "万元" ? "万元" : "元";
  const c = compareAmounts(fiscal.fen, (general.fen + fund.fen + capital.fen) as Fen, unit, config);
  if (!c) return undefined;
  const parts = `「${general.table.title}」合计 ${show(general.fen, unit)} + 政府性基金 ${show(fund.fen, unit)} + 国有资本经营 ${show(capital.fen, unit)}`;
  const partsEn = `"${general.table.title}" total ${show(general.fen, unit)} + government funds ${show(fund.fen, unit)} + state capital ${show(capital.fen, unit)}`;
  return {
    severity: c.severity,
    message: `${ITEM_ZH.fiscalExpenditure}：「${fiscal.table.title}」为 ${c.stated}，而各财政拨款支出表之和为${parts} = ${c.computed}（差 ${c.difference}）`,
    messageEn: `${ITEM_ZH.fiscalExpenditure}: "${fiscal.table.title}" gives ${c.stated}, the 财政拨款 spending tables ${partsEn} = ${c.computed} (difference ${c.difference})`,
    location: where(fiscal.location, `finalAccount.tables[${fiscal.tableIndex}]`),
    details: {
      ...c.details,
      ...inTable(fiscal.table.title, fiscal.label, fiscal.location.field),
      against: general.table.title,
    },
  };
}

/** The budget figure of an item: stated in the narrative, else the table's 预算 column. */
function budgetOf(f: FinalAccountDisclosure, item: DisclosureFigureItem): { fen: Fen; text: string } | undefined {
  const n = f.figures.find((x) => x.item === item && x.basis === "budget");
  const nf = fenOf(n?.amount);
  if (n && nf !== undefined) return { fen: nf, text: n.amount.text };
  const t = tableFigure(f, item, "budget");
  if (t && /预算/.test(t.location.field ?? "")) return { fen: t.fen, text: show(t.fen, t.amount.unit) };
  return undefined;
}

export const comparisonWords: Rule = {
  id: "disclosure.comparison-words",
  category: "数据质量",
  severity: "error",
  title: {
    zh: "大于/小于/持平、完成预算的百分比、增减与数字不符",
    en: "大于/小于/持平, a share of the budget or a stated change contradicts the figures",
  },
  check(doc) {
    const f = fa(doc);
    if (!f) return [];
    const out: RuleFinding[] = [];
    f.comparisons.forEach((c, i) => {
      const current = fenOf(c.current);
      if (!c.item || current === undefined) return;
      const path = `finalAccount.comparisons[${i}]`;
      if (c.against === "budget") {
        const budget = budgetOf(f, c.item);
        if (!budget) return;
        if (c.direction) {
          const actual = current > budget.fen ? "increase" : current < budget.fen ? "decrease" : "same";
          if (actual !== c.direction) {
            const rel = { increase: "大于", decrease: "小于", same: "等于" }[actual];
            out.push({
              message: `「${c.text}」：${ITEM_ZH[c.item]} ${c.current!.text} 实际${rel}预算 ${budget.text}，与「${c.word}」不符`,
              messageEn: `"${c.text}": ${ITEM_ZH[c.item]} ${c.current!.text} is ${actual === "same" ? "equal to" : actual === "increase" ? "above" : "below"} the budget ${budget.text}, not "${c.word}"`,
              location: where(c.location, path),
            });
          }
        }
        if (c.percent?.percent !== undefined) {
          if (budget.fen === 0n) {
            out.push({
              message: `「${c.text}」：${ITEM_ZH[c.item]}的预算为 0，不能说完成预算的 ${c.percent.text}`,
              messageEn: `"${c.text}": the budget of ${ITEM_ZH[c.item]} is 0, so no share of it (${c.percent.text}) can be stated`,
              location: where(c.location, path),
            });
            return;
          }
          const decimals = (c.percent.percent.split(".")[1] ?? "").length;
          const computed = percentText(current, budget.fen, decimals);
          if (!closeEnough(c.percent.percent, computed, decimals)) {
            out.push({
              message: `「${c.text}」：${c.current!.text} ÷ 预算 ${budget.text} = ${computed}%，不是 ${c.percent.text}`,
              messageEn: `"${c.text}": ${c.current!.text} ÷ budget ${budget.text} = ${computed}%, not ${c.percent.text}`,
              location: where(c.location, path),
              details: { stated: c.percent.percent, computed },
            });
          }
        }
        return;
      }
      // against the prior year: the stated amount and percentage must agree (prior = current ∓ amount)
      const amount = fenOf(c.amount);
      if (amount === undefined || c.percent?.percent === undefined || !c.direction || c.direction === "same") return;
      const prior = (c.direction === "increase" ? current - amount : current + amount) as Fen;
      if (prior <= 0n) return;
      const decimals = (c.percent.percent.split(".")[1] ?? "").length;
      const computed = percentText(amount, prior, decimals);
      if (!closeEnough(c.percent.percent, computed, decimals)) {
        out.push({
          message: `「${c.text}」：${c.word} ${c.amount!.text} 对上年 ${show(prior, c.current!.unit)} 是 ${computed}%，不是 ${c.percent.text}`,
          messageEn: `"${c.text}": a change of ${c.amount!.text} on last year's ${show(prior, c.current!.unit)} is ${computed}%, not ${c.percent.text}`,
          location: where(c.location, path),
          details: { stated: c.percent.percent, computed },
        });
      }
    });
    return out;
  },
};

export const shareOfTotal: Rule = {
  id: "disclosure.share",
  category: "算术一致性",
  severity: "error",
  title: {
    zh: "情况说明中“占…%”与金额之比不符",
    en: "A share (占…%) the narrative states does not follow from its amounts",
  },
  check(doc) {
    const f = fa(doc);
    if (!f) return [];
    const out: RuleFinding[] = [];
    (f.shares ?? []).forEach((sh, i) => {
      const v = fenOf(sh.amount);
      const base = fenOf(sh.base);
      const pct = sh.percent.percent;
      if (v === undefined || base === undefined || base === 0n || pct === undefined) return;
      const decimals = (pct.split(".")[1] ?? "").length;
      const computed = percentText(v, base, decimals);
      if (closeEnough(pct, computed, decimals)) return;
      out.push({
        message: `「${sh.text}」：${sh.amount.text} ÷ ${sh.baseLabel} ${sh.base.text} = ${computed}%，不是 ${sh.percent.text}`,
        messageEn: `"${sh.text}": ${sh.amount.text} ÷ ${sh.baseLabel} ${sh.base.text} = ${computed}%, not ${sh.percent.text}`,
        location: where(sh.location, `finalAccount.shares[${i}]`),
        details: { stated: pct, computed },
      });
    });
    return out;
  },
};

const REASON_WORDS = /原因|由于|因为|主要是|主要用于/;

export const changeReason: Rule = {
  id: "disclosure.change-reason",
  category: "完整性",
  severity: "warning",
  title: {
    zh: "增减变化（比上年、与预算相比）没有说明原因",
    en: "An increase or decrease (on last year, against the budget) is stated without its reason",
  },
  check(doc) {
    const f = fa(doc);
    if (!f) return [];
    const out: RuleFinding[] = [];
    f.comparisons.forEach((c, i) => {
      if (c.direction !== "increase" && c.direction !== "decrease") return;
      // an amount or a rate of change, or 大于/小于预算: each wants its 主要原因 in its sentence
      if (c.against === "prior" && !c.amount && !c.percent) return;
      if (c.amount && fenOf(c.amount) === 0n) return;
      if (c.reason || REASON_WORDS.test(c.text)) return;
      out.push({
        message: `「${c.text}」说明了${c.direction === "increase" ? "增加" : "减少"}，但没有说明原因`,
        messageEn: `"${c.text}" states ${c.direction === "increase" ? "an increase" : "a decrease"} without its reason`,
        location: where(c.location, `finalAccount.comparisons[${i}]`),
      });
    });
    return out;
  },
};

/** a ÷ b × 100 rounded half up to `decimals`. */
function percentText(a: bigint, b: bigint, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const num = a * 100n * scale * 2n + b;
  const q = num / (2n * b);
  const s = q.toString().padStart(decimals + 1, "0");
  return decimals === 0 ? s : `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}

/** Equal, or one unit apart in the last decimal (rounding down instead of half up). */
function closeEnough(stated: string, computed: string, decimals: number): boolean {
  const toUnits = (s: string) => BigInt(s.replace(".", "").replace(/^0+(?=\d)/, "") || "0");
  const a = toUnits(
    Number.isNaN(Number(stated))
      ? "0"
      : stated.padEnd(stated.includes(".") ? stated.indexOf(".") + 1 + decimals : stated.length, "0"),
  );
  const b = toUnits(computed);
  const d = a - b;
  return d >= -1n && d <= 1n;
}

const REQUIRED: DisclosureTableKind[] = [
  "summary",
  "income",
  "expenditure",
  "fiscalSummary",
  "generalExpenditure",
  "basicExpenditure",
  "threePublic",
  "governmentFund",
];

export const requiredTables: Rule = {
  id: "disclosure.required-tables",
  category: "完整性",
  severity: "error",
  title: {
    zh: "缺少公开表，或空表没有说明（“本单位无…，故本表为空”）",
    en: "A standard table is missing, or an empty table lacks its note",
  },
  check(doc) {
    const f = fa(doc);
    // a page holding only a 三公 table is no whole 公开: the other tables and the 绩效 sections are not asked of it
    if (f?.part) return [];
    // judged only when the tables were read at all (a row or an empty note): with none, no verdict is given
    if (!f || readTables(f).length === 0) return [];
    const out: RuleFinding[] = [];
    const kinds = new Set(f.tables.map((t) => t.kind));
    const noted = new Set(f.emptyNotes.map((n) => n.kind));
    // the 国有资本经营预算财政拨款支出决算表 is the 决算 template's ninth table since the 2019 决算 (公开09表)
    const required = f.basis === "final" && (f.year ?? 0) >= 2019 ? [...REQUIRED, "stateCapital" as const] : REQUIRED;
    for (const k of required) {
      if (kinds.has(k) || noted.has(k)) continue;
      out.push({
        message: `缺少「${TABLE_ZH[k]}」，也没有说明该表为空的原因`,
        messageEn: `The table "${TABLE_ZH[k]}" is missing and no note says why`,
        location: { file: doc.file, path: "finalAccount.tables" },
      });
    }
    f.tables.forEach((t, i) => {
      if (t.unread || !t.empty || t.emptyNote || noted.has(t.kind)) return;
      out.push({
        severity: "warning",
        message: `「${t.title}」为空表，但没有说明原因（应写明“本单位无…，故本表为空”）`,
        messageEn: `"${t.title}" is empty with no note saying why (expected "本单位无…，故本表为空")`,
        location: where(t.location, `finalAccount.tables[${i}]`),
        details: inTable(t.title),
      });
    });
    return out;
  },
};

/**
 * The standard order of the tables that every template keeps: 收支总表 → 收入总表 → 支出总表 → 财政拨款收支总表 →
 * 一般公共预算支出表 → 基本支出表, 政府性基金 before 国有资本经营. The 三公 table comes after the 基本支出表 (local
 * templates put it seventh, the central ones last), so only that is asked of it.
 */
const MUST_PRECEDE: [DisclosureTableKind, DisclosureTableKind][] = [
  ["summary", "income"],
  ["income", "expenditure"],
  ["expenditure", "fiscalSummary"],
  ["fiscalSummary", "generalExpenditure"],
  ["generalExpenditure", "basicExpenditure"],
  ["basicExpenditure", "threePublic"],
  ["generalExpenditure", "governmentFund"],
  ["governmentFund", "stateCapital"],
];

export const tableOrder: Rule = {
  id: "disclosure.table-order",
  category: "完整性",
  severity: "error",
  title: {
    zh: "公开表的顺序与目录或规定顺序不一致，或目录所列的表正文中没有",
    en: "The tables are out of the contents' (or the standard) order, or a listed table is not in the body",
  },
  check(doc) {
    const f = fa(doc);
    // a page holding only a 三公 table is no whole 公开: the other tables and the 绩效 sections are not asked of it
    if (f?.part) return [];
    // judged only when the tables were read at all
    if (!f || readTables(f).length === 0) return [];
    const out: RuleFinding[] = [];
    const first = new Map<DisclosureTableKind, number>();
    f.tables.forEach((t, i) => {
      if (!first.has(t.kind)) first.set(t.kind, i);
    });
    const noted = new Set(f.emptyNotes.map((n) => n.kind));
    const listed = f.contents?.tables ?? [];
    const listedAt = new Map<DisclosureTableKind, number>();
    listed.forEach((e, i) => {
      if (!listedAt.has(e.kind)) listedAt.set(e.kind, i);
    });
    const contentsPath = "finalAccount.contents";
    // a table the contents lists that the body does not hold (a required one is disclosure.required-tables')
    for (const [kind, i] of listedAt) {
      if (first.has(kind) || noted.has(kind) || REQUIRED.includes(kind)) continue;
      out.push({
        message: `目录列出「${listed[i]!.text}」，但正文中没有该表，也没有说明该表为空`,
        messageEn: `The contents list "${listed[i]!.text}", but the body has no such table and no note says it is empty`,
        location: where(f.contents!.location, contentsPath),
        details: inTable(listed[i]!.text),
      });
    }
    // the body against the contents' order: each table after one the contents put after it
    let againstContents = false;
    if (listedAt.size >= 3) {
      const body = [...first.entries()].filter(([k]) => listedAt.has(k)).sort((a, b) => a[1] - b[1]);
      let latest: [DisclosureTableKind, number] | undefined;
      for (const [kind, ti] of body) {
        const at = listedAt.get(kind)!;
        if (latest && at < listedAt.get(latest[0])!) {
          const t = f.tables[ti]!;
          const before = f.tables[latest[1]]!;
          againstContents = true;
          out.push({
            message: `「${t.title}」在目录中排在「${before.title}」之前，正文中却在其后`,
            messageEn: `"${t.title}" comes before "${before.title}" in the contents, but after it in the body`,
            location: where(t.location, `finalAccount.tables[${ti}]`),
            details: { ...inTable(t.title), after: before.title },
          });
        } else latest = [kind, ti];
      }
    }
    if (againstContents) return out;
    // the standard order (with no contents, or a contents in the same wrong order as the body)
    for (const [a, b] of MUST_PRECEDE) {
      const ia = first.get(a);
      const ib = first.get(b);
      if (ia === undefined || ib === undefined || ia < ib) continue;
      const t = f.tables[ib]!;
      out.push({
        message: `「${t.title}」排在「${f.tables[ia]!.title}」之前，应按规定顺序排在其后（${TABLE_ZH[a]}在${TABLE_ZH[b]}之前）`,
        messageEn: `"${t.title}" comes before "${f.tables[ia]!.title}"; the standard order puts ${TABLE_ZH[a]} before ${TABLE_ZH[b]}`,
        location: where(t.location, `finalAccount.tables[${ib}]`),
        details: { ...inTable(t.title), after: f.tables[ia]!.title },
      });
    }
    return out;
  },
};

export const performanceSection: Rule = {
  id: "disclosure.performance-section",
  category: "完整性",
  severity: "warning",
  title: {
    zh: "情况说明中没有预算绩效（绩效目标 / 绩效自评）部分",
    en: "The narrative has no 绩效目标 / 绩效自评 section",
  },
  check(doc) {
    const f = fa(doc);
    // a page holding only a 三公 table is no whole 公开: the other tables and the 绩效 sections are not asked of it
    if (f?.part) return [];
    // judged only when the tables were read (a page cut short says nothing of what follows)
    if (!f || readTables(f).length === 0 || f.performance) return [];
    return [
      {
        message: `${f.basis === "final" ? "决算" : "预算"}公开的情况说明中没有预算绩效部分（${f.basis === "final" ? "绩效自评" : "绩效目标"}情况）`,
        messageEn: `The narrative of the ${f.basis === "final" ? "final account" : "budget"} has no performance section (${f.basis === "final" ? "self-evaluation" : "goals"})`,
        location: { file: doc.file, path: "finalAccount.performance" },
      },
    ];
  },
};

/** The amount of a cell in fen, its column's 万元 taken into account (`金额：万元` in a table read in 元). */
function cellFen(t: DisclosureTable, c: Cell): Fen | undefined {
  const f = fenOf(c.amount);
  if (f === undefined) return undefined;
  return ((t.unit ?? "元") === "元" && /万元/.test(c.column) ? f * 10000n : f) as Fen;
}

function cellUnit(c: Cell): "元" | "万元" {
  return c.amount.unit === "万元" || /万元/.test(c.column) ? "万元" : "元";
}

/** The total row of a table: 合计 / 总计, else the first row with an amount. */
function totalRow(t: DisclosureTable): DisclosureTable["rows"][number] | undefined {
  return t.rows.find((r) => r.total === "total" || r.total === "grandTotal") ?? t.rows.find((r) => r.cells.length > 0);
}

export const runningCosts: Rule = {
  id: "disclosure.running-costs",
  category: "算术一致性",
  severity: "error",
  title: {
    zh: "机关运行经费说明与机关运行经费表不一致，或超过基本支出中的公用经费",
    en: "机关运行经费 differs from its table, or exceeds the 公用经费 of basic spending",
  },
  config: ["roundingTolerance"],
  check(doc, config) {
    const f = fa(doc);
    if (!f) return [];
    const out: RuleFinding[] = [];
    f.figures.forEach((fig, i) => {
      if (fig.item !== "runningCosts" || fig.basis !== f.basis) return;
      const stated = fenOf(fig.amount);
      if (stated === undefined) return;
      const path = `finalAccount.figures[${i}]`;
      // the 机关运行经费 table, when the template has one
      f.tables.forEach((t) => {
        if (t.kind !== "runningCosts" || t.empty) return;
        const row = totalRow(t);
        const cell = row && cellFor(row.cells, f.basis, /合计|决算|预算|金额|机关运行/);
        const tf = cell && cellFen(t, cell);
        if (!row || !cell || tf === undefined) return;
        const unit = fig.amount.unit === "万元" || cellUnit(cell) === "万元" ? "万元" : "元";
        const c = compareAmounts(stated, tf, unit, config);
        if (!c) return;
        out.push({
          severity: c.severity,
          message: `情况说明写机关运行经费 ${fig.amount.text}，而「${t.title}」的「${row.label}」为 ${c.computed}（差 ${c.difference}）`,
          messageEn: `The narrative states 机关运行经费 ${fig.amount.text}, while "${t.title}" row "${row.label}" gives ${c.computed} (difference ${c.difference})`,
          location: where(fig.location, path),
          details: { ...c.details, ...inTable(t.title, row.label, cell.column) },
        });
      });
      // 机关运行经费 is the 日常公用经费 of the 一般公共预算财政拨款基本支出: never above its 公用经费
      const pu = tableFigure(f, "publicUse", f.basis);
      if (!pu || stated <= pu.fen) return;
      const unit = fig.amount.unit === "万元" || pu.amount.unit === "万元" ? "万元" : "元";
      const c = compareAmounts(stated, pu.fen, unit, config);
      if (c?.severity !== "error") return;
      out.push({
        message: `机关运行经费 ${fig.amount.text} 大于「${pu.table.title}」的公用经费 ${c.computed}；机关运行经费是一般公共预算财政拨款基本支出中的日常公用经费，不应超过公用经费`,
        messageEn: `机关运行经费 ${fig.amount.text} is above the 公用经费 of "${pu.table.title}" (${c.computed}); it is part of the basic spending's 公用经费`,
        location: where(fig.location, path),
        details: { ...c.details, ...inTable(pu.table.title, pu.label, pu.location.field) },
      });
    });
    return out;
  },
};

const PROCUREMENT_PARTS = [
  ["goods", "货物"],
  ["works", "工程"],
  ["services", "服务"],
] as const;

export const procurement: Rule = {
  id: "disclosure.procurement",
  category: "算术一致性",
  severity: "error",
  title: {
    zh: "政府采购说明自相矛盾（货物+工程+服务≠总额、中小企业占比不符）或与政府采购表不一致",
    en: "The 政府采购 statement contradicts itself (parts, 中小企业 shares) or its table",
  },
  config: ["roundingTolerance"],
  check(doc, config) {
    const f = fa(doc);
    const p = f?.procurement;
    if (!f || !p) return [];
    const out: RuleFinding[] = [];
    const path = "finalAccount.procurement";
    const total = fenOf(p.total?.amount);
    // 货物 + 工程 + 服务 = 总额
    const parts = PROCUREMENT_PARTS.flatMap(([k, zh]) => {
      const v = fenOf(p[k]?.amount);
      return v === undefined ? [] : [{ zh, v, text: p[k]!.amount.text }];
    });
    if (p.total && total !== undefined && parts.length >= 2) {
      const sum = parts.reduce((a, x) => a + x.v, 0n) as Fen;
      const c = compareAmounts(total, sum, p.total.amount.unit, config);
      if (c)
        out.push({
          severity: c.severity,
          message: `政府采购总额 ${p.total.amount.text} ≠ ${parts.map((x) => `${x.zh} ${x.text}`).join(" + ")}（${c.computed}，差 ${c.difference}）`,
          messageEn: `The 政府采购 total ${p.total.amount.text} is not the sum of its parts ${c.computed} (difference ${c.difference})`,
          location: where(p.total.location, path),
          details: c.details,
        });
    }
    // the shares of 中小企业 and 小微企业
    const share = (
      part: { amount: Amount; location: Location; percent?: { text: string; percent?: string | undefined } },
      base: Fen | undefined,
      baseZh: string,
      whatZh: string,
    ) => {
      const v = fenOf(part.amount);
      if (v === undefined || base === undefined) return;
      if (v > base) {
        out.push({
          message: `${whatZh} ${part.amount.text} 大于${baseZh}`,
          messageEn: `${whatZh} ${part.amount.text} is above ${baseZh}`,
          location: where(part.location, path),
        });
        return;
      }
      const pct = part.percent?.percent;
      if (pct === undefined || base === 0n) return;
      const decimals = (pct.split(".")[1] ?? "").length;
      const computed = percentText(v, base, decimals);
      if (closeEnough(pct, computed, decimals)) return;
      out.push({
        message: `${whatZh} ${part.amount.text} 占${baseZh}的 ${computed}%，不是 ${part.percent!.text}`,
        messageEn: `${whatZh} ${part.amount.text} is ${computed}% of ${baseZh}, not ${part.percent!.text}`,
        location: where(part.location, path),
        details: { stated: pct, computed },
      });
    };
    if (p.sme) share(p.sme, total, `政府采购总额 ${p.total?.amount.text ?? ""}`, "授予中小企业合同金额");
    if (p.small) {
      const ofSme = p.small.of === "sme";
      share(
        p.small,
        ofSme ? fenOf(p.sme?.amount) : total,
        ofSme ? `授予中小企业合同金额 ${p.sme?.amount.text ?? ""}` : `政府采购总额 ${p.total?.amount.text ?? ""}`,
        "授予小微企业合同金额",
      );
    }
    // against the 政府采购 table's total
    if (p.total && total !== undefined) {
      f.tables.forEach((t) => {
        if (t.kind !== "procurement" || t.empty) return;
        const row = totalRow(t);
        const cell = row && (row.cells.find((c) => /金额|合计|总计|预算/.test(c.column)) ?? row.cells[0]);
        const tf = cell && cellFen(t, cell);
        if (!row || !cell || tf === undefined) return;
        const unit = p.total!.amount.unit === "万元" || cellUnit(cell) === "万元" ? "万元" : "元";
        const c = compareAmounts(total, tf, unit, config);
        if (!c) return;
        out.push({
          severity: c.severity,
          message: `情况说明写政府采购总额 ${p.total!.amount.text}，而「${t.title}」的「${row.label}」为 ${c.computed}（差 ${c.difference}）`,
          messageEn: `The narrative states a 政府采购 total of ${p.total!.amount.text}, while "${t.title}" row "${row.label}" gives ${c.computed} (difference ${c.difference})`,
          location: where(p.total!.location, path),
          details: { ...c.details, ...inTable(t.title, row.label, cell.column) },
        });
      });
    }
    return out;
  },
};

/** A count in a cell (`35`, `35.00`): whole numbers only. */
function countOf(c: Cell | undefined): number | undefined {
  const m = /^(\d+)(?:\.0+)?$/.exec((c?.amount.text ?? "").replace(/[,\s]/g, ""));
  return m ? Number(m[1]) : undefined;
}

export const assets: Rule = {
  id: "disclosure.assets",
  category: "算术一致性",
  severity: "error",
  title: {
    zh: "国有资产占用说明与国有资产占用表不一致，或所列各类车辆之和不等于车辆总数",
    en: "The 国有资产 statement differs from its table, or the kinds of vehicle do not add up to the total",
  },
  config: ["roundingTolerance"],
  check(doc, config) {
    const f = fa(doc);
    if (!f) return [];
    const out: RuleFinding[] = [];
    const a = f.assets;
    const path = "finalAccount.assets";
    // 其中 …用车 n 辆: the kinds listed add up to the total (all kinds listed: three or more), never above it
    if (a?.vehicles && a.vehicleParts.length > 0) {
      const sum = a.vehicleParts.reduce((x, p) => x + p.count, 0);
      if (sum > a.vehicles.count || (a.vehicleParts.length >= 3 && sum !== a.vehicles.count)) {
        out.push({
          message: `「${a.vehicles.label}」，而其中所列各类车辆（${a.vehicleParts.map((p) => `${p.label}${p.count}辆`).join("、")}）合计 ${sum} 辆`,
          messageEn: `"${a.vehicles.label}", but the kinds listed add up to ${sum}`,
          location: where(a.vehicles.location, path),
          details: { stated: String(a.vehicles.count), computed: String(sum) },
        });
      }
    }
    f.tables.forEach((t, ti) => {
      if (t.kind !== "assets" || t.empty) return;
      const countCol = (r: DisclosureTable["rows"][number]) => r.cells.find((c) => /数量|辆|台/.test(c.column));
      const moneyCol = (r: DisclosureTable["rows"][number]) =>
        r.cells.find((c) => /金额|价值|原值|账面|净值/.test(c.column)) ?? r.cells.find((c) => !/数量/.test(c.column));
      const vehicleRow = t.rows.find((r) => /车辆|公务用车/.test(r.label));
      const totalRowIndex = t.rows.findIndex((r) => /资产总额|^合计|^总计/.test(sq(r.label)));
      // the narrative's vehicles against the table's 车辆 row
      const n = countOf(vehicleRow && countCol(vehicleRow));
      if (a?.vehicles && vehicleRow && n !== undefined && n !== a.vehicles.count) {
        const cell = countCol(vehicleRow)!;
        out.push({
          message: `情况说明「${a.vehicles.label}」，而「${t.title}」的「${vehicleRow.label}」为 ${n}`,
          messageEn: `The narrative says "${a.vehicles.label}", while "${t.title}" row "${vehicleRow.label}" gives ${n}`,
          location: where(a.vehicles.location, path),
          details: {
            stated: String(a.vehicles.count),
            computed: String(n),
            ...inTable(t.title, vehicleRow.label, cell.column),
          },
        });
      }
      if (totalRowIndex < 0) return;
      const tr = t.rows[totalRowIndex]!;
      const tc = moneyCol(tr);
      const tf = tc && cellFen(t, tc);
      if (!tc || tf === undefined) return;
      // the narrative's 资产总额 against the table's
      const stated = fenOf(a?.total?.amount);
      if (a?.total && stated !== undefined) {
        const unit = a.total.amount.unit === "万元" || cellUnit(tc) === "万元" ? "万元" : "元";
        const c = compareAmounts(stated, tf, unit, config);
        if (c)
          out.push({
            severity: c.severity,
            message: `情况说明写资产总额 ${a.total.amount.text}，而「${t.title}」的「${tr.label}」为 ${c.computed}（差 ${c.difference}）`,
            messageEn: `The narrative states total assets of ${a.total.amount.text}, while "${t.title}" row "${tr.label}" gives ${c.computed} (difference ${c.difference})`,
            location: where(a.total.location, path),
            details: { ...c.details, ...inTable(t.title, tr.label, tc.column) },
          });
      }
      // the table's 资产总额 = the sum of its kinds (the rows after it, `（一）房屋` …, not their 其中 rows)
      const parts = t.rows
        .slice(totalRowIndex + 1)
        .filter((r) => /^[（(][一二三四五六七八九十]+[)）]|^[一二三四五六七八九十]+、/.test(r.label));
      if (parts.length < 2) return;
      let sum = 0n;
      for (const r of parts) {
        const c = moneyCol(r);
        const v = c && cellFen(t, c);
        if (v !== undefined) sum += v;
      }
      const c = compareAmounts(tf, sum as Fen, cellUnit(tc), config);
      if (c)
        out.push({
          severity: c.severity,
          message: `「${t.title}」的「${tr.label}」为 ${c.stated}，各类资产之和为 ${c.computed}（差 ${c.difference}）`,
          messageEn: `"${t.title}": "${tr.label}" is ${c.stated}, the kinds of assets add up to ${c.computed} (difference ${c.difference})`,
          location: where(tc.location, `finalAccount.tables[${ti}].rows[${totalRowIndex}]`),
          details: { ...c.details, ...inTable(t.title, tr.label, tc.column) },
        });
    });
    return out;
  },
};

/**
 * Each table found whose rows could not be read with confidence (neither from the text nor, for a PDF, from its words'
 * positions): named with why, so that the review lists what it did not judge beside what it found. Information only —
 * the document gets no verdict anyway (disclosureNotJudged).
 */
export const tableUnread: Rule = {
  id: "disclosure.table-unread",
  category: "完整性",
  severity: "info",
  title: {
    zh: "公开表未能读出，未据以审核（未能判断）",
    en: "A table that could not be read, not checked (cannot judge)",
  },
  check(doc) {
    const f = fa(doc);
    if (!f) return [];
    const out: RuleFinding[] = [];
    f.tables.forEach((t, ti) => {
      if (!t.unread) return;
      out.push({
        message: `「${t.title}」未能判断：${t.unread.zh}`,
        messageEn: `"${t.title}" cannot be judged: ${t.unread.en}`,
        location: where(t.location, `finalAccount.tables[${ti}]`),
        details: { ...inTable(t.title), unread: t.unread.zh, unreadEn: t.unread.en },
      });
    });
    return out;
  },
};

function clip(s: string): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > 40 ? `${one.slice(0, 40)}…` : one;
}

/**
 * Why a 部门预算 / 决算公开 cannot be judged though its lines were read: not one of its tables was read (the tables
 * are in an attachment, `详见附表`, or in a form the reader does not know), so its figures were never checked against
 * them — no verdict, never 优 at 100. Only for a document that is nothing but a disclosure.
 */
/**
 * The tables actually read: with a row, or a note saying they are empty. A title with its 部门 / 单位 lines over rows
 * in a layout the reader does not know (cells one per line, a picture) is found but not read.
 */
function readTables(f: NonNullable<ImportedDocument["finalAccount"]>) {
  return f.tables.filter((t) => t.rows.length > 0 || t.emptyNote !== undefined);
}

export function disclosureNotJudged(doc: ImportedDocument): { zh: string; en: string } | undefined {
  const f = doc.finalAccount;
  if (!f) return undefined;
  // a disclosure, or a page holding only its 三公 table (read as its part)
  const own = (k: string) => k === "final-account-disclosure" || (f.part === "threePublic" && k === "three-public");
  if (doc.kinds.length === 0 || !doc.kinds.every(own)) return undefined;
  // tables found whose rows could not be read with confidence: nothing was judged from them, so no verdict
  const doubtful = f.tables.filter((t) => t.unread);
  if (doubtful.length > 0)
    return {
      zh: `未能判断：${doubtful.length} 张公开表的行未能可靠读出，未据以审核——${doubtful.map((t) => `「${t.title}」：${t.unread!.zh}`).join("；")}`,
      en: `Cannot judge: the rows of ${doubtful.length} table(s) could not be read with confidence and were not checked — ${doubtful.map((t) => `"${t.title}": ${t.unread!.en}`).join("; ")}`,
    };
  if (readTables(f).length > 0) return undefined;
  const stated = f.figures.length;
  if (f.tables.length > 0) {
    const first = f.tables[0]!.title;
    return {
      zh: `未能判断：${f.basis === "final" ? "决算" : "预算"}公开中找到了「${first}」等 ${f.tables.length} 张公开表的标题，但没有读出其中任何一行（表格的版式无法识别），情况说明中的 ${stated} 个数字无从与表核对`,
      en: `Cannot judge: the titles of ${f.tables.length} table(s) of the ${f.basis === "final" ? "final account" : "budget"} disclosure were found ("${first}" …) but none of their rows could be read (a layout the reader does not know), so the narrative's ${stated} figure(s) could not be checked against them`,
    };
  }
  return {
    zh: `未能判断：${f.basis === "final" ? "决算" : "预算"}公开中没有读出任何公开表（收支总表、财政拨款收支总表、“三公”经费表等），情况说明中的 ${stated} 个数字无从与表核对`,
    en: `Cannot judge: no table of the ${f.basis === "final" ? "final account" : "budget"} disclosure was read (收支总表, 财政拨款收支总表, 三公 …), so the narrative's ${stated} figure(s) could not be checked against them`,
  };
}

export const DISCLOSURE_RULES: Rule[] = [
  placeholder,
  zeroTotal,
  yearMismatch,
  unitNameMismatch,
  narrativeTableMismatch,
  threePublicMismatch,
  tableSum,
  crossTable,
  basicParts,
  comparisonWords,
  shareOfTotal,
  changeReason,
  requiredTables,
  tableOrder,
  runningCosts,
  procurement,
  assets,
  performanceSection,
  tableUnread,
];

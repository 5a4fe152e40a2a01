/**
 * 三公经费 statements (因公出国（境）费, 公务接待费, 公务用车购置及运行（维护）费), 预算 and 决算 kept apart, from prose
 * and from tables (one item per row: a Block table, or a text line of cells between `|`).
 *
 * Prose: each amount goes to the item named last before it in the same sentence; its basis is the nearest
 * 预算/安排 (budget) or 决算/实际发生/实际支出 (final) word before it (a bare 支出 takes the basis the
 * document's title names, or final for a year before the latest budget year); its year the nearest `YYYY年`
 * before it in the sentence, else the title's. Changes (比上年减少…, 较2015年下降…, 与上年持平) go to the same
 * item; the prior year is stated (written before the change, or read as another statement of that year) or
 * derived from the change (amount: exact; percentage: rounded half-up to the fen) and marked so.
 *
 * Checks, each reported with its location: a total that is not the sum of its items, a vehicle figure that is
 * not purchase + running, a stated change that does not match this year and a stated prior year, a stated
 * percentage that does not match the stated amounts, two different figures for one item. A vehicle 小计 that is
 * not printed is computed from purchase and running and marked computed.
 */
import type {
  Amount,
  ImportLocation,
  NarrativeChange,
  NarrativeFigure,
  ThreePublic,
  ThreePublicItem,
  ThreePublicLine,
  ThreePublicStatement,
} from "@jixiao/core/model";
import type { Block, Table } from "../model/table.ts";
import {
  type FoundAmount,
  type FoundChange,
  fenOfNumber,
  findAmounts,
  findChanges,
  locate,
  normalizeNarrative,
  type Passage,
  passageOf,
  percentOfChange,
  priorFromChange,
} from "../narrative/index.ts";
import { RUNNING_WORD, VEHICLE_PURCHASE, VEHICLE_RUNNING, VEHICLE_SUBTOTAL } from "../vocabulary/vehicle-labels.ts";
import type { ImportContext } from "./context.ts";
import { fenToYuanText } from "./values.ts";

type Basis = ThreePublicStatement["basis"];

const ITEM_NAMES: Record<ThreePublicItem, { zh: string; en: string }> = {
  total: { zh: "“三公”经费合计", en: "三公 total" },
  abroad: { zh: "因公出国（境）费", en: "official travel abroad" },
  reception: { zh: "公务接待费", en: "official reception" },
  vehicle: { zh: "公务用车购置及运行费", en: "official vehicles (purchase and running)" },
  vehiclePurchase: { zh: "公务用车购置费", en: "official vehicle purchase" },
  vehicleRunning: { zh: "公务用车运行（维护）费", en: "official vehicle running" },
};

/** Item labels, most specific first; matched on normalised text, without overlaps (vehicle labels: vehicle-labels.ts). */
const LABELS: [ThreePublicItem, RegExp][] = [
  ["vehicle", new RegExp(VEHICLE_SUBTOTAL, "g")],
  ["vehiclePurchase", new RegExp(VEHICLE_PURCHASE, "g")],
  [
    "vehicleRunning",
    new RegExp(`${VEHICLE_RUNNING}|(?<![购置及])车辆${RUNNING_WORD}费|(?<!购置及)(?:运行|运转)维护费`, "g"),
  ],
  [
    "abroad",
    /因公出国[ \t]*(?:[(（][ \t]*境[ \t]*[)）])?[ \t]*(?:经费|费用|费|支出)?|出国[ \t]*[(（][ \t]*境[ \t]*[)）][ \t]*(?:经费|费用|费|支出)?/g,
  ],
  ["reception", /公务接待(?:经费|费用|费|支出)?|(?<![内外事宾])接待费/g],
  ["total", /[“"]?三公[”"]?[ \t]*经费(?:[”"])?|[“"]三公[”"]/g],
];

/**
 * Words that name something else an amount may follow (a sub-item of 接待费, 会议费, 培训费 …): an amount after
 * one of them belongs to it, not to the 三公 item named before.
 */
const OTHER_LABELS =
  /(?:国内|外事|国[ \t]*[(（][ \t]*境[ \t]*[)）][ \t]*外|境外|外宾)接待(?:费用|费|支出)?|会议费|培训费|机关运行经费|差旅费|办公费|人员经费|公用经费|基本支出|项目支出|政府采购/g;

interface Label {
  item: ThreePublicItem | "other";
  start: number;
  end: number;
}

function findLabels(text: string): Label[] {
  const taken: Label[] = [];
  const used = new Uint8Array(text.length); // characters already in a label: a later, less specific one may not overlap
  const take = (l: Label) => {
    for (let i = l.start; i < l.end; i++) if (used[i]) return;
    used.fill(1, l.start, l.end);
    taken.push(l);
  };
  for (const m of text.matchAll(OTHER_LABELS)) take({ item: "other", start: m.index, end: m.index + m[0].length });
  for (const [item, re] of LABELS) {
    for (const m of text.matchAll(re)) take({ item, start: m.index, end: m.index + m[0].length });
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** Whether blocks look like a 三公经费 statement: the word 三公 and at least two items with amounts. */
export function looksLikeThreePublic(blocks: Block[]): boolean {
  const text = normalizeNarrative(allText(blocks));
  if (!/三公/.test(text)) return false;
  const items = new Set(findLabels(text).map((l) => l.item));
  items.delete("total");
  items.delete("other");
  const hasAmount = findAmounts(text).length > 0 || /\d/.test(text);
  // a whole department budget / final account mentions 三公 in one of many sections; a 三公 statement is about it
  const title = firstLines(blocks, 6);
  const titled = /三公/.test(title);
  const otherSections = ["收入", "政府采购", "国有资产", "机关运行经费", "政府性基金"].filter((w) => text.includes(w));
  return hasAmount && items.size >= 2 && (titled || otherSections.length < 2);
}

function allText(blocks: Block[]): string {
  return blocks
    .map((b) =>
      b.type === "paragraph" ? b.text : b.table.rows.map((r) => r.map((c) => c.text).join(" | ")).join("\n"),
    )
    .join("\n");
}

function firstLines(blocks: Block[], n: number): string {
  return blocks
    .filter((b) => b.type === "paragraph" && b.text.trim() !== "")
    .slice(0, n)
    .map((b) => (b as { text: string }).text)
    .join("\n");
}

// ----------------------------------------------------------------------------------------------------------------

interface Figure {
  /** The offset in the passage, for figures read from prose. */
  offset?: number;
  item: ThreePublicItem;
  basis: Basis;
  year?: number;
  fen: bigint;
  amount: Amount;
  location: ImportLocation;
}

interface Change {
  item: ThreePublicItem;
  basis: Basis;
  year?: number;
  found: FoundChange;
  location: ImportLocation;
  statedPrior?: { amount: Amount; fen: bigint; location: ImportLocation };
}

/** An Amount of the model from an amount found in a sentence (`unit` is 万元 for 万/亿, 元 for 元/千元). */
export function amountOf(a: FoundAmount): Amount {
  const amount: Amount = { text: a.text, unit: a.unit === "万元" || a.unit === "亿元" ? "万元" : "元" };
  if (a.fen !== undefined) {
    amount.fen = a.fen.toString();
    amount.yuan = fenToYuanText(a.fen);
  }
  return amount;
}

function amountFromFen(fen: bigint, text: string): Amount {
  return { text, unit: "元", fen: fen.toString(), yuan: fenToYuanText(fen) };
}

const SENTENCE_END = /[。；;\n]/;
function sentenceStart(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && !SENTENCE_END.test(text[i]!)) i--;
  return i + 1;
}

/** `一般公共预算` names a kind of fund, not the basis: blanked (same length) before looking for basis words. */
function withoutFundNames(text: string): string {
  return text.replace(/一般公共预算|政府性基金预算|国有资本经营预算|预算法|预算单位|预算管理|部门预算中/g, (m) =>
    "＿".repeat(m.length),
  );
}

const BASIS_WORD = /预算|安排|决算|实际发生|实际支出|支出/g;

function basisWordBefore(text: string, from: number, to: number): "budget" | "final" | "spent" | undefined {
  const window = withoutFundNames(text.slice(from, to));
  let last: string | undefined;
  for (const m of window.matchAll(BASIS_WORD)) last = m[0];
  if (!last) return undefined;
  if (last === "预算" || last === "安排") return "budget";
  if (last === "支出") return "spent";
  return "final";
}

const YEAR_RE = /((?:19|20)\d{2})[ \t]*年/g;

export function readThreePublic(ctx: ImportContext, blocks: Block[]): ThreePublic {
  const passage = passageOf(blocks, ctx.file);
  const text = normalizeNarrative(passage.text);
  const title = findTitle(blocks);
  const titleText = title ? normalizeNarrative(title) : "";
  const titleYears = [...titleText.matchAll(YEAR_RE)].map((m) => Number(m[1]));
  const allYears = [...text.matchAll(YEAR_RE)].map((m) => Number(m[1]));
  const citationFree = text.replace(/[(（《〔][^)）》〕]*[)）》〕]/g, (m) => "＿".repeat(m.length));
  const defaultYear = titleYears[0] ?? [...citationFree.matchAll(YEAR_RE)].map((m) => Number(m[1]))[0] ?? allYears[0];
  const titleBasis = (() => {
    const b = titleText.search(/预算/);
    const f = titleText.search(/决算/);
    if (b < 0 && f < 0) {
      const nb = (withoutFundNames(text).match(/预算/g) ?? []).length;
      const nf = (text.match(/决算/g) ?? []).length;
      return nf > nb ? "final" : "budget";
    }
    if (b < 0) return "final";
    if (f < 0) return "budget";
    return f < b ? "final" : "budget";
  })() as Basis;

  const figures: Figure[] = [];
  const changes: Change[] = [];
  readProse(ctx, passage, text, { defaultYear, titleBasis }, figures, changes);
  readRows(ctx, blocks, { defaultYear, titleBasis }, figures);

  const result: ThreePublic = { statements: [] };
  if (title) result.title = title;
  const org = organisationOf(title);
  if (org) result.organisation = org;
  result.statements = assemble(ctx, figures, changes);
  return result;
}

function findTitle(blocks: Block[]): string | undefined {
  const paras = blocks.filter((b): b is Extract<Block, { type: "paragraph" }> => b.type === "paragraph");
  const first = paras.slice(0, 8).find((b) => /三公/.test(b.text) && b.text.length <= 80 && !/[。]/.test(b.text));
  return first?.text.trim();
}

function organisationOf(title: string | undefined): string | undefined {
  if (!title) return undefined;
  const m = /^(?:关于)?(.+?)(?:关于)?(?:(?:19|20)\d{2}[ \t]*年)/.exec(title);
  const org = m?.[1]?.replace(/[“"”\s]/g, "");
  return org && org.length >= 2 && !/三公/.test(org) ? org : undefined;
}

function readProse(
  ctx: ImportContext,
  passage: Passage,
  text: string,
  doc: { defaultYear?: number; titleBasis: Basis },
  figures: Figure[],
  changes: Change[],
): void {
  const labels = findLabels(text);
  const amounts = findAmounts(passage.text);
  const found = findChanges(passage.text);
  const inChange = new Set<number>();
  for (const c of found) {
    if (c.amount) inChange.add(c.amount.start);
    if (c.statedPrior) inChange.add(c.statedPrior.start);
  }
  const isInChange = (a: FoundAmount) => inChange.has(a.start);
  const refSpans = found.flatMap((c) => (c.reference ? [[c.reference.start, c.reference.end] as const] : []));
  const yearBefore = (from: number, at: number): number | undefined => {
    let y: number | undefined;
    for (const m of text.slice(from, at).matchAll(YEAR_RE)) {
      const pos = from + m.index;
      if (refSpans.some(([s, e]) => pos >= s && pos < e)) continue;
      y = Number(m[1]);
    }
    return y;
  };
  // labels are sorted and do not overlap, so their ends are sorted too: binary search for the last ending by `at`
  const labelBefore = (at: number): Label | undefined => {
    let lo = 0;
    let hi = labels.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (labels[mid]!.end <= at) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const best = labels[found];
    return best && best.start >= sentenceStart(text, at) ? best : undefined;
  };
  // budget years stated in the text, to tell a bare 支出 of an earlier year (a 决算) from this year's budget
  const budgetYears: number[] = [];

  const pending: { a: FoundAmount; label: Label; word?: "budget" | "final" | "spent"; year?: number }[] = [];
  for (const a of amounts) {
    if (isInChange(a)) continue;
    const label = labelBefore(a.start);
    if (!label || label.item === "other") continue;
    // `占总支出决算的22.10%` etc. are percentages, not amounts; `占…` before an amount: a share, skip
    if (/占[^，,。；;]{0,8}$/.test(text.slice(label.end, a.start))) continue;
    const s = sentenceStart(text, a.start);
    const word = basisWordBefore(text, label.end, a.start) ?? basisWordBefore(text, s, label.end);
    const year = yearBefore(s, a.start);
    if (word === "budget" && year !== undefined) budgetYears.push(year);
    pending.push({ a, label, word, year });
  }
  const latestBudgetYear = budgetYears.length > 0 ? Math.max(...budgetYears) : undefined;
  // a sentence without its own year or basis word continues the one before (`其中：…`)
  let prevYear = doc.defaultYear;
  let prevBasis: Basis | undefined;
  const basesOf = new Map<string, Set<Basis>>(); // item:year → the bases its figures have
  for (const p of pending) {
    p.year = p.year ?? prevYear;
    prevYear = p.year;
    let basis: Basis;
    if (p.word === "budget" || p.word === "final") basis = p.word;
    else if (p.word === undefined && prevBasis) basis = prevBasis;
    else {
      // a bare 支出: the basis an existing figure of that item and year has, else a year before the latest
      // budget year is a 决算, else the title's basis
      const bases = basesOf.get(`${p.label.item}:${p.year}`) ?? new Set<Basis>();
      if (bases.size === 1) basis = [...bases][0]!;
      else if (latestBudgetYear !== undefined && p.year !== undefined && p.year < latestBudgetYear) basis = "final";
      else basis = prevBasis ?? doc.titleBasis;
    }
    prevBasis = basis;
    const item = p.label.item as ThreePublicItem;
    const location = locate(passage, p.a.start, item);
    ctx.touch(location);
    if (p.a.fen === undefined) {
      ctx.report(
        "warning",
        "invalid_amount",
        `「${p.a.text}」不是整分的金额，未采用`,
        `"${p.a.text}" is not a whole number of fen and was not used`,
        location,
      );
      continue;
    }
    if (p.a.approximate) continue;
    const f: Figure = { offset: p.a.start, item, basis, fen: p.a.fen, amount: amountOf(p.a), location };
    if (p.year !== undefined) f.year = p.year;
    figures.push(f);
    const k = `${item}:${p.year}`;
    basesOf.set(k, (basesOf.get(k) ?? new Set<Basis>()).add(basis));
  }

  // `公务用车购置及运维费202.46万元（其中：…车辆购置费0元)比去年增加7.37万元`: a label inside a parenthesis
  // closed before the change is not what the change is about; the label before the parenthesis is
  const outsideClosedParentheses = (label: Label | undefined, at: number): Label | undefined => {
    let l = label;
    while (l) {
      if (!closedBetween(l.end, at)) return l;
      const open =
        text.lastIndexOf("（", l.start) > text.lastIndexOf("(", l.start)
          ? text.lastIndexOf("（", l.start)
          : text.lastIndexOf("(", l.start);
      if (open < 0) return l;
      l = labelBefore(open);
    }
    return undefined;
  };

  const closedBetween = (from: number, to: number): boolean => {
    const between = text.slice(from, to);
    return (between.match(/[)）]/g) ?? []).length > (between.match(/[(（]/g) ?? []).length;
  };
  const prose = figures.filter((f) => f.offset !== undefined);
  const lastFigureBefore = (from: number, to: number): Figure | undefined => {
    const inRange = sliceByOffset(prose, from, to);
    for (let i = inRange.length - 1; i >= 0; i--) {
      const f = inRange[i]!;
      if (!closedBetween(f.offset! + f.amount.text.length, to)) return f;
    }
    return undefined;
  };

  // prose figures by item, in passage order, for the changes that follow them
  const byItem = new Map<ThreePublicItem, Figure[]>();
  for (const f of figures) {
    if (f.offset === undefined) continue;
    const list = byItem.get(f.item) ?? [];
    list.push(f);
    byItem.set(f.item, list);
  }
  for (const c of found) {
    const s0 = sentenceStart(text, c.start);
    // `对比减少4.35万元` opening a sentence continues the item of the sentence before
    // the change is about the figure it follows in its sentence (not one inside a parenthesis closed before it),
    // else about the item named last before it
    const followed = lastFigureBefore(s0, c.start);
    const label = followed
      ? undefined
      : outsideClosedParentheses(
          labelBefore(c.start) ??
            labelBefore(c.amount?.start ?? c.percent?.start ?? c.end) ??
            (c.start - s0 <= 6 && s0 > 0 ? labelBefore(s0 - 1) : undefined),
          c.start,
        );
    if (!followed && (!label || label.item === "other")) continue;
    const item = followed ? followed.item : (label!.item as ThreePublicItem);
    const s = label && label.start < s0 ? sentenceStart(text, label.start) : s0;
    // the figure of this item the change is about: of those before it in the sentence, not the one of the year it
    // is compared with (`2016年…33万元，2015年…57.55万元，与上年对比减少24.55万元` is about 2016)
    const before = byItem.get(item) ?? [];
    const inSentence = sliceByOffset(before, s, c.start);
    const refYear = c.reference?.year;
    const latest = Math.max(...inSentence.map((f) => f.year ?? 0));
    const here =
      [...inSentence].reverse().find((f) => (refYear !== undefined ? f.year !== refYear : f.year === latest)) ??
      inSentence[inSentence.length - 1];
    const word = basisWordBefore(text, s, c.start);
    const basis: Basis =
      here?.basis ??
      (word === "budget" || word === "final" ? word : (before[before.length - 1]?.basis ?? doc.titleBasis));
    const year = here?.year ?? yearBefore(s, c.start) ?? doc.defaultYear;
    const location = locate(passage, c.amount?.start ?? c.percent?.start ?? c.start, item);
    ctx.touch(location);
    const change: Change = { item, basis, found: c, location };
    if (year !== undefined) change.year = year;
    if (c.statedPrior?.fen !== undefined) {
      change.statedPrior = {
        amount: amountOf(c.statedPrior),
        fen: c.statedPrior.fen,
        location: locate(passage, c.statedPrior.start, item),
      };
    }
    changes.push(change);
  }
}

/** The figures (sorted by offset) with an offset in [from, to). */
function sliceByOffset(sorted: Figure[], from: number, to: number): Figure[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.offset! < from) lo = mid + 1;
    else hi = mid;
  }
  const out: Figure[] = [];
  for (let i = lo; i < sorted.length && sorted[i]!.offset! < to; i++) out.push(sorted[i]!);
  return out;
}

// ----------------------------------------------------------------------------------------------------------------
// Rows: a Block table's rows, or a line of cells between `|` (a table the layout stage has not recovered).

interface Row {
  cells: string[];
  location: (col?: number) => ImportLocation;
}

const BARE = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

function rowsOf(ctx: ImportContext, blocks: Block[]): Row[][] {
  const groups: Row[][] = [];
  let lines: Row[] = [];
  const flush = () => {
    if (lines.length > 0) groups.push(lines);
    lines = [];
  };
  for (const b of blocks) {
    if (b.type === "table") {
      // a 单位：万元 line just before the table is the table's
      const unitLines = lines.filter((l) => l.cells.length === 1);
      flush();
      const t: Table = b.table;
      groups.push([
        ...unitLines,
        ...t.rows.map((r, i) => ({
          cells: r.map((c) => c.text.trim()),
          location: (col?: number) => ctx.at(t, i, col),
        })),
      ]);
      continue;
    }
    const parts = b.text.split("|").map((c) => c.trim());
    if (parts.length >= 2) {
      const loc = b.location;
      lines.push({
        cells: parts.filter((c) => c !== ""),
        location: (col) => {
          const l: ImportLocation = { file: loc.file ?? ctx.file };
          if (loc.page !== undefined) l.page = loc.page;
          if (loc.row !== undefined) l.row = loc.row;
          if (col !== undefined) l.column = col + 1;
          return l;
        },
      });
    } else if (/单位|万元|元/.test(b.text) && b.text.length < 30) {
      // a 单位：万元 line between a title and its rows stays with the rows
      lines.push({ cells: [b.text.trim()], location: () => ({ file: ctx.file, row: b.location.row }) });
    } else flush();
  }
  flush();
  return groups;
}

function unitOf(text: string): "元" | "万元" | "千元" | undefined {
  const t = normalizeNarrative(text);
  if (/万元/.test(t)) return "万元";
  if (/千元/.test(t)) return "千元";
  if (/单位[ \t]*[：:][ \t]*元|[(（]元[)）]|金额单位[：:]?元/.test(t)) return "元";
  return undefined;
}

function itemOfLabel(cell: string): ThreePublicItem | undefined {
  const t = normalizeNarrative(cell)
    .replace(/^[ \t]*(?:其中[：:]?)?[ \t]*(?:[(（]?[0-9一二三四五六七八九十]+[)）.、．]?)?[ \t]*/, "")
    .replace(/[\s]/g, "");
  if (/^(?:合计|总计|“?三公”?经费合计|“?三公”?经费|小计合计)$/.test(t)) return "total";
  const labels = findLabels(t);
  if (labels.length !== 1) return undefined;
  const l = labels[0]!;
  if (l.item === "other") return undefined;
  // the label is (nearly) the whole cell
  return t.length - (l.end - l.start) <= 4 ? l.item : undefined;
}

function readRows(
  ctx: ImportContext,
  blocks: Block[],
  doc: { defaultYear?: number; titleBasis: Basis },
  figures: Figure[],
): void {
  for (const group of rowsOf(ctx, blocks)) {
    // only a 三公 table: at least two rows (or cells) naming 三公 items other than a 合计
    const named = group
      .flatMap((r) => r.cells)
      .filter((c) => {
        const item = itemOfLabel(c);
        return item !== undefined && item !== "total";
      });
    if (named.length < 2) continue;
    if (readAcross(ctx, group, doc, figures)) continue;
    let unit: "元" | "万元" | "千元" | undefined;
    let header: ReturnType<typeof headerOf>[] | undefined;
    let unitWarned = false;
    for (const row of group) {
      const joined = row.cells.join(" ");
      unit = unitOf(joined) ?? unit;
      const label = row.cells[0] ?? "";
      const item = itemOfLabel(label);
      const values = row.cells.slice(1);
      const isNumber = (v: string) => BARE.test(v.replace(/%$/, ""));
      // a column of words (增减原因, 说明, 备注): by the header, a column that is no year or basis; without a
      // header, cells after the row's last number
      const lastNumber = values.findLastIndex(isNumber);
      const wordsColumn = (j: number) => {
        if (!header) return j > lastNumber;
        const col = header[j];
        return !col || (!col.change && !col.basis && col.year === undefined) || /原因|说明|备注/.test(col.text);
      };
      if (
        !item ||
        lastNumber < 0 ||
        !values.every((v, j) => isNumber(v) || v === "" || (wordsColumn(j) && !isNumber(v)))
      ) {
        // a header row: the value columns' basis and year
        const cols = row.cells.slice(1).map((h) => headerOf(h, doc.defaultYear));
        if (cols.some((c) => c.basis || c.year !== undefined)) {
          header = cols;
        }
        continue;
      }
      values.forEach((v, j) => {
        if (v === "" || /%$/.test(v) || !isNumber(v)) return;
        const col = header?.[j];
        if (header && (!col || col.change || (!col.basis && col.year === undefined))) return;
        const basis = col?.basis ?? doc.titleBasis;
        const year = col?.year ?? doc.defaultYear;
        const location = row.location(j + 1);
        if (!unit && !unitWarned) {
          unitWarned = true;
          ctx.report(
            "warning",
            "three_public_no_unit",
            "“三公”经费表未注明金额单位，按万元读取",
            "The 三公 table states no money unit; amounts were read as 万元",
            location,
          );
        }
        const u = unit ?? "万元";
        const [int, frac = ""] = v.replace(/^\+/, "").split(".") as [string, string?];
        const fen = fenOfNumber(int, frac, u);
        ctx.touch(location);
        if (fen === undefined) return;
        const amount: Amount = {
          text: v,
          unit: u === "万元" ? "万元" : "元",
          fen: fen.toString(),
          yuan: fenToYuanText(fen),
        };
        const f: Figure = { item, basis, fen, amount, location };
        if (year !== undefined) f.year = year;
        figures.push(f);
      });
    }
  }
}

/**
 * A table laid across: the item labels in one or two header rows (the vehicle group over 小计 / 购置 / 运行) and
 * one row of values below, as a web page's table comes when copied one cell per line. The values go to the
 * header's leaves in order. One value fewer than the leaves, with a 小计 among them, is read without the 小计
 * only when the total then equals the sum of the items (the 小计 was not printed); otherwise nothing is read.
 */
function readAcross(
  ctx: ImportContext,
  group: Row[],
  doc: { defaultYear?: number; titleBasis: Basis },
  figures: Figure[],
): boolean {
  type Cell = { text: string; row: Row; col: number };
  const cells: Cell[] = group.flatMap((row) => row.cells.map((text, col) => ({ text, row, col })));
  const labels: { item: ThreePublicItem | "subtotal"; cell: Cell }[] = [];
  const values: Cell[] = [];
  let unit: "元" | "万元" | "千元" | undefined;
  for (const c of cells) {
    unit = unitOf(c.text) ?? unit;
    const t = c.text.replace(/\s/g, "");
    if (t === "") continue;
    if (BARE.test(t)) {
      values.push(c);
      continue;
    }
    if (values.length > 0) return false; // labels after values: not one header over one row
    if (t === "小计") labels.push({ item: "subtotal", cell: c });
    else {
      const item = itemOfLabel(t);
      if (item) labels.push({ item, cell: c });
    }
  }
  const top = labels.filter(
    (l) => l.item !== "subtotal" && l.item !== "vehiclePurchase" && l.item !== "vehicleRunning",
  );
  if (top.length < 3 || values.length < 3) return false;
  const subs = labels.filter((l) => l.item === "vehiclePurchase" || l.item === "vehicleRunning");
  const hasSubtotal = labels.some((l) => l.item === "subtotal");
  const leaves: ThreePublicItem[] = [];
  for (const l of top) {
    if (l.item === "vehicle" && (hasSubtotal || subs.length > 0)) {
      if (hasSubtotal) leaves.push("vehicle");
      for (const sub of subs) leaves.push(sub.item as ThreePublicItem);
    } else leaves.push(l.item as ThreePublicItem);
  }
  const u = unit ?? "万元";
  const fenAt = (i: number): bigint | undefined => {
    const [int, frac = ""] = values[i]!.text.replace(/\s/g, "").split(".") as [string, string?];
    return fenOfNumber(int, frac, u);
  };
  let use = leaves;
  if (values.length === leaves.length - 1 && hasSubtotal) {
    const without: ThreePublicItem[] = leaves.filter((x) => x !== "vehicle");
    const v = (item: ThreePublicItem): bigint => {
      const i = without.indexOf(item);
      return i >= 0 ? (fenAt(i) ?? 0n) : 0n;
    };
    const sum = v("abroad") + v("reception") + v("vehiclePurchase") + v("vehicleRunning");
    if (without.includes("total") && v("total") === sum) use = without;
    else return false;
  } else if (values.length !== leaves.length) return false;
  use.forEach((item, i) => {
    const c = values[i]!;
    const fen = fenAt(i);
    const location = c.row.location(c.col);
    ctx.touch(location);
    if (fen === undefined) return;
    const amount: Amount = {
      text: c.text,
      unit: u === "万元" ? "万元" : "元",
      fen: fen.toString(),
      yuan: fenToYuanText(fen),
    };
    const f: Figure = { item, basis: doc.titleBasis, fen, amount, location };
    if (doc.defaultYear !== undefined) f.year = doc.defaultYear;
    figures.push(f);
  });
  return true;
}

function headerOf(h: string, defaultYear?: number): { basis?: Basis; year?: number; change: boolean; text: string } {
  const t = normalizeNarrative(h);
  const out: { basis?: Basis; year?: number; change: boolean; text: string } = {
    change: /增[、,，]?减|增减|变动|比上年/.test(t),
    text: t,
  };
  if (/决算/.test(t)) out.basis = "final";
  else if (/预算/.test(t)) out.basis = "budget";
  const y = /((?:19|20)\d{2})[ \t]*年/.exec(t);
  if (y) out.year = Number(y[1]);
  else if (/本年/.test(t) && defaultYear !== undefined) out.year = defaultYear;
  else if (/上年/.test(t) && defaultYear !== undefined) out.year = defaultYear - 1;
  return out;
}

// ----------------------------------------------------------------------------------------------------------------

function fig(f: Figure): NarrativeFigure {
  return { amount: f.amount, origin: "stated", location: f.location };
}

function assemble(ctx: ImportContext, figures: Figure[], changes: Change[]): ThreePublicStatement[] {
  const key = (basis: Basis, year?: number) => `${basis}:${year ?? ""}`;
  const statements = new Map<string, ThreePublicStatement>();
  const statementFor = (basis: Basis, year: number | undefined, location: ImportLocation) => {
    const k = key(basis, year);
    let s = statements.get(k);
    if (!s) {
      s = { basis, items: {}, location };
      if (year !== undefined) s.year = year;
      statements.set(k, s);
    }
    return s;
  };
  for (const f of figures) {
    const s = statementFor(f.basis, f.year, f.location);
    const line: ThreePublicLine = s.items[f.item] ?? {};
    if (!line.figure) {
      line.figure = fig(f);
      s.items[f.item] = line;
    } else if (line.figure.amount.fen !== f.fen.toString()) {
      ctx.report(
        "warning",
        "three_public_conflict",
        `${ITEM_NAMES[f.item].zh}（${f.basis === "budget" ? "预算" : "决算"}${f.year ?? ""}）有两个不同的数：「${line.figure.amount.text}」与「${f.amount.text}」，采用前者`,
        `${ITEM_NAMES[f.item].en} (${f.basis} ${f.year ?? ""}) is stated twice with different figures: "${line.figure.amount.text}" and "${f.amount.text}"; the first is kept`,
        f.location,
      );
    }
  }
  for (const c of changes) {
    const s = statementFor(c.basis, c.year, c.location);
    const line: ThreePublicLine = s.items[c.item] ?? {};
    s.items[c.item] = line;
    if (line.change) continue;
    const change: NarrativeChange = {
      direction: c.found.direction,
      comparedWith: c.found.reference?.text ?? "上年",
      location: c.location,
    };
    if (c.found.amount) change.amount = amountOf(c.found.amount);
    if (c.found.percent) change.percent = { text: c.found.percent.text, percent: c.found.percent.percent };
    const comparedYear = c.found.reference?.year ?? (c.year !== undefined ? c.year - 1 : undefined);
    if (comparedYear !== undefined) change.comparedYear = comparedYear;
    if (c.found.reason) change.reason = c.found.reason;
    if (/基本/.test(c.found.word) || c.found.amount?.approximate) change.approximate = true;
    line.change = change;
    if (c.statedPrior) {
      line.prior = { amount: c.statedPrior.amount, origin: "stated", location: c.statedPrior.location };
      if (comparedYear !== undefined) line.prior.year = comparedYear;
    }
  }
  const all = [...statements.values()];
  for (const s of all) {
    for (const item of Object.keys(s.items) as ThreePublicItem[]) {
      const line = s.items[item]!;
      if (line.change && !line.prior) {
        const y = line.change.comparedYear;
        const other =
          y !== undefined
            ? (statements.get(key(s.basis, y)) ?? all.find((o) => o.year === y && o !== s && o.items[item]?.figure))
            : undefined;
        const priorFig = other?.items[item]?.figure;
        if (priorFig) {
          line.prior = { ...priorFig, origin: "stated", from: "statement" };
          if (y !== undefined) line.prior.year = y;
        } else if (line.figure?.amount.fen !== undefined && !line.change.approximate) {
          const cur = BigInt(line.figure.amount.fen);
          const d = priorFromChange(cur, {
            direction: line.change.direction,
            ...(line.change.amount?.fen !== undefined
              ? { amount: { fen: BigInt(line.change.amount.fen) } as FoundAmount }
              : {}),
            ...(line.change.percent?.percent !== undefined
              ? { percent: { percent: line.change.percent.percent, text: "", start: 0, end: 0 } }
              : {}),
          });
          // a negative prior means the change was not about this figure: nothing is derived
          if (d && d.fen >= 0n) {
            line.prior = {
              amount: amountFromFen(d.fen, fenToYuanText(d.fen)),
              origin: d.from === "same" ? "stated" : "derived",
              from: d.from,
              location: line.change.location,
            };
            if (y !== undefined) line.prior.year = y;
          }
        }
      }
      if (!line.prior && s.year !== undefined) {
        // a column or sentence of the year before on the same basis (2023年预算数 beside 2024年预算数)
        const before = statements.get(key(s.basis, s.year - 1))?.items[item]?.figure;
        if (before) line.prior = { ...before, origin: "stated", from: "statement", year: s.year - 1 };
      }
      check(ctx, item, line);
    }
    // the vehicle 小计 not printed: purchase + running, computed
    const p = s.items.vehiclePurchase?.figure;
    const r = s.items.vehicleRunning?.figure;
    if (!s.items.vehicle?.figure && p?.amount.fen !== undefined && r?.amount.fen !== undefined) {
      const fen = BigInt(p.amount.fen) + BigInt(r.amount.fen);
      const line: ThreePublicLine = s.items.vehicle ?? {};
      line.figure = { amount: amountFromFen(fen, fenToYuanText(fen)), origin: "computed", location: p.location };
      s.items.vehicle = line;
    } else if (s.items.vehicle?.figure && p?.amount.fen !== undefined && r?.amount.fen !== undefined) {
      const v = BigInt(s.items.vehicle.figure.amount.fen ?? "0");
      const sum = BigInt(p.amount.fen) + BigInt(r.amount.fen);
      if (v !== sum) {
        ctx.report(
          "error",
          "three_public_vehicle_sum",
          `公务用车购置及运行费「${s.items.vehicle.figure.amount.text}」（${fenToYuanText(v)}元）不等于购置费与运行费之和 ${fenToYuanText(sum)}元`,
          `Official vehicles "${s.items.vehicle.figure.amount.text}" (${fenToYuanText(v)} yuan) is not purchase + running = ${fenToYuanText(sum)} yuan`,
          s.items.vehicle.figure.location,
        );
      }
    }
    checkTotal(ctx, s);
    checkChanges(ctx, s);
  }
  return all.sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || a.basis.localeCompare(b.basis));
}

function fenOfLine(line: ThreePublicLine | undefined): bigint | undefined {
  const f = line?.figure?.amount.fen;
  return f !== undefined ? BigInt(f) : undefined;
}

function checkTotal(ctx: ImportContext, s: ThreePublicStatement): void {
  const total = s.items.total?.figure;
  if (!total || total.amount.fen === undefined) return;
  const vehicle =
    fenOfLine(s.items.vehicle) ??
    (s.items.vehiclePurchase?.figure || s.items.vehicleRunning?.figure
      ? (fenOfLine(s.items.vehiclePurchase) ?? 0n) + (fenOfLine(s.items.vehicleRunning) ?? 0n)
      : undefined);
  const parts = [fenOfLine(s.items.abroad), fenOfLine(s.items.reception), vehicle];
  if (parts.filter((p) => p !== undefined).length < 2) return;
  const sum = parts.reduce<bigint>((a, p) => a + (p ?? 0n), 0n);
  const t = BigInt(total.amount.fen);
  if (sum !== t) {
    const basis = s.basis === "budget" ? "预算" : "决算";
    ctx.report(
      "error",
      "three_public_total",
      `${s.year ?? ""}年“三公”经费${basis}合计「${total.amount.text}」（${fenToYuanText(t)}元）不等于各项之和 ${fenToYuanText(sum)}元`,
      `The ${s.year ?? ""} 三公 ${s.basis} total "${total.amount.text}" (${fenToYuanText(t)} yuan) is not the sum of its items, ${fenToYuanText(sum)} yuan`,
      total.location,
    );
  }
}

/** A stated change in 元 fen, signed (持平 is 0); undefined when it gives no exact amount. */
function signedChange(line: ThreePublicLine | undefined): bigint | undefined {
  const c = line?.change;
  if (!c || c.approximate) return undefined;
  if (c.direction === "same") return 0n;
  if (c.amount?.fen === undefined) return undefined;
  return BigInt(c.amount.fen) * (c.direction === "decrease" ? -1n : 1n);
}

/**
 * The total's stated change against its items' stated changes (each item's, the vehicle's from its parts when it
 * has none of its own): `比2025年上升867.60万元` with items −413.17, +1884.46, −603.68 (+867.61) is reported.
 */
function checkChanges(ctx: ImportContext, s: ThreePublicStatement): void {
  const total = s.items.total;
  const t = signedChange(total);
  if (t === undefined || !total?.change) return;
  const vehicle =
    signedChange(s.items.vehicle) ??
    (() => {
      const p = signedChange(s.items.vehiclePurchase);
      const r = signedChange(s.items.vehicleRunning);
      return p !== undefined && r !== undefined ? p + r : undefined;
    })();
  const parts = [signedChange(s.items.abroad), signedChange(s.items.reception), vehicle];
  if (parts.some((p) => p === undefined)) return;
  const sum = parts.reduce<bigint>((a, p) => a + p!, 0n);
  if (sum === t) return;
  const show = (v: bigint) => `${v < 0n ? "-" : "+"}${fenToYuanText(v < 0n ? -v : v)}`;
  ctx.report(
    "warning",
    "three_public_change_sum",
    `“三公”经费合计的变动「${total.change.amount?.text ?? total.change.comparedWith}」（${show(t)}元）不等于各项变动之和 ${show(sum)}元`,
    `The 三公 total's stated change "${total.change.amount?.text ?? ""}" (${show(t)} yuan) is not the sum of its items' stated changes, ${show(sum)} yuan`,
    total.change.location,
  );
}

/** A stated change against this year's figure and a stated prior year; a stated percentage against both. */
function check(ctx: ImportContext, item: ThreePublicItem, line: ThreePublicLine): void {
  const change = line.change;
  const cur = fenOfLine(line);
  if (!change || cur === undefined || !line.prior || line.prior.amount.fen === undefined) return;
  const prior = BigInt(line.prior.amount.fen);
  const name = ITEM_NAMES[item];
  const derivedFromPercent = line.prior.origin === "derived" && line.prior.from === "percent";
  const approximate = change.approximate === true;
  if (
    change.amount?.fen !== undefined &&
    !approximate &&
    line.prior.from !== "amount" &&
    line.prior.origin === "stated"
  ) {
    const stated = BigInt(change.amount.fen) * (change.direction === "decrease" ? -1n : 1n);
    if (change.direction !== "same" && cur - prior !== stated) {
      ctx.report(
        "error",
        "three_public_change",
        `${name.zh}本年 ${fenToYuanText(cur)}元、上年 ${fenToYuanText(prior)}元，相差 ${fenToYuanText(cur - prior)}元，而文中写「${change.amount.text}」`,
        `${name.en}: this year ${fenToYuanText(cur)}, prior ${fenToYuanText(prior)} yuan, a change of ${fenToYuanText(cur - prior)}, but the text says "${change.amount.text}"`,
        change.location,
      );
    }
  }
  if (change.direction === "same" && !approximate && line.prior.from === "statement" && cur !== prior) {
    ctx.report(
      "error",
      "three_public_change",
      `${name.zh}写「持平」，但本年 ${fenToYuanText(cur)}元与上年 ${fenToYuanText(prior)}元不同`,
      `${name.en} is said to be unchanged, but this year ${fenToYuanText(cur)} and prior ${fenToYuanText(prior)} yuan differ`,
      change.location,
    );
  }
  if (change.percent?.percent !== undefined && !derivedFromPercent && prior !== 0n) {
    const decimals = change.percent.percent.split(".")[1]?.length ?? 0;
    const computed = percentOfChange(cur - prior, prior, decimals);
    if (computed !== undefined && computed !== normPercent(change.percent.percent, decimals)) {
      ctx.report(
        "warning",
        "three_public_percent",
        `${name.zh}变动率写「${change.percent.text}」，按 ${fenToYuanText(cur - prior < 0n ? prior - cur : cur - prior)} ÷ ${fenToYuanText(prior)} 计算为 ${computed}%`,
        `${name.en}: the stated rate of change "${change.percent.text}" does not match ${fenToYuanText(cur - prior < 0n ? prior - cur : cur - prior)} / ${fenToYuanText(prior)} = ${computed}%`,
        change.location,
      );
    }
  }
}

function normPercent(p: string, decimals: number): string {
  const [i, f = ""] = p.split(".");
  return decimals > 0 ? `${BigInt(i!)}.${f.padEnd(decimals, "0")}` : `${BigInt(i!)}`;
}

/**
 * The 情况说明 of a 部门预算 / 部门决算 公开: the figures its sentences state (收入总计, 本年支出合计, 基本支出, 人员经费,
 * 三公 items …) by the words before each amount and the section the sentence is in, and its comparisons in words
 * (决算数大于预算数, 完成预算的87.17%, 比上年增加100万元). Amounts and changes come from ../narrative/.
 */
import type {
  DisclosureComparison,
  DisclosureFigure,
  DisclosureFigureItem,
  FinalAccountDisclosure,
} from "@jixiao/core/model";
import { fenToYuanText } from "../import/values.ts";
import { findAmounts, findChanges, locate, type Passage } from "../narrative/index.ts";
import { RUNNING_WORD, VEHICLE_PURCHASE, VEHICLE_RUNNING, VEHICLE_SUBTOTAL } from "../vocabulary/vehicle-labels.ts";

/** What a section heading is about: the figures of its sentences are read in that scope. */
export type Scope = "all" | "fiscal" | "general" | "generalBasic" | "threePublic" | "running" | "fund" | "capital";

export function scopeOfHeading(text: string): Scope | undefined {
  const t = text.replace(/[\s\u3000]+/g, "");
  if (/三公/.test(t)) return "threePublic";
  if (/机关运行经费/.test(t)) return "running";
  if (/政府性基金/.test(t)) return "fund";
  if (/国有资本经营/.test(t)) return "capital";
  if (/一般公共预算.{0,6}基本支出/.test(t)) return "generalBasic";
  if (/一般公共预算/.test(t)) return "general";
  if (/财政拨款收(入)?支(出)?/.test(t)) return "fiscal";
  if (/收入|支出|收支/.test(t)) return "all";
  return undefined;
}

interface Keyword {
  re: RegExp;
  /** 2 and above (named items) win over a later match of tier 1 (general words); tiers 2 and 3 rank alike. */
  tier: number;
  items: (scope: Scope | undefined, clause: string, lead: string) => DisclosureFigureItem[];
}

const fiscal = (scope: Scope | undefined, clause: string) => scope === "fiscal" || /财政拨款/.test(clause);
/** `财政拨款收入总计500.12万元，支出总计500.12万元`: the 支出总计 of the sentence's 财政拨款 (and the other way round). */
const fiscalPair = (lead: string, other: "收入" | "支出") => new RegExp(`财政拨款${other}总计[^。；;]*$`).test(lead);

const KEYWORDS: Keyword[] = [
  { re: /因公出国[（(]境[)）]费?/g, tier: 3, items: () => ["abroad"] },
  // the vehicle items in the words of the 三公 statements (vocabulary/vehicle-labels.ts); a bare 购置费 / 运行维护费 too
  { re: new RegExp(VEHICLE_SUBTOTAL, "g"), tier: 3, items: () => ["vehicle"] },
  { re: new RegExp(`${VEHICLE_PURCHASE}|(?<!及)购置费`, "g"), tier: 3, items: () => ["vehiclePurchase"] },
  {
    re: new RegExp(`${VEHICLE_RUNNING}|(?<!及)${RUNNING_WORD}费`, "g"),
    tier: 3,
    items: () => ["vehicleRunning"],
  },
  { re: /公务接待费?/g, tier: 3, items: () => ["reception"] },
  { re: /机关运行经费/g, tier: 3, items: () => ["runningCosts"] },
  { re: /人员经费/g, tier: 2, items: () => ["personnel"] },
  { re: /公用经费/g, tier: 2, items: () => ["publicUse"] },
  { re: /[“"]?三公[”"]?经费/g, tier: 2, items: () => ["threePublicTotal"] },
  {
    re: /收支总计|收入、支出总计|收入支出总计/g,
    tier: 1,
    items: (s, c) =>
      fiscal(s, c)
        ? ["fiscalIncomeGrandTotal", "fiscalExpenditureGrandTotal"]
        : ["incomeGrandTotal", "expenditureGrandTotal"],
  },
  {
    re: /收入总计/g,
    tier: 1,
    items: (s, c, l) => [fiscal(s, c) || fiscalPair(l, "支出") ? "fiscalIncomeGrandTotal" : "incomeGrandTotal"],
  },
  {
    re: /支出总计/g,
    tier: 1,
    items: (s, c, l) => [
      fiscal(s, c) || fiscalPair(l, "收入") ? "fiscalExpenditureGrandTotal" : "expenditureGrandTotal",
    ],
  },
  { re: /(?:本年|年度)?收入合计|收入共计/g, tier: 1, items: (s, c) => [fiscal(s, c) ? "fiscalIncome" : "income"] },
  {
    re: /(?:本年|年度)?支出合计|支出共计/g,
    tier: 1,
    items: (s, c) => [fiscal(s, c) ? "fiscalExpenditure" : "expenditure"],
  },
  // `财政拨款支出年初预算数472.9万元` (a longer name ending at the same place wins: 一般公共预算财政拨款支出)
  { re: /财政拨款支出/g, tier: 1, items: () => ["fiscalExpenditure"] },
  { re: /一般公共预算(?:财政)?(?:拨款)?收入/g, tier: 1, items: () => ["generalIncome"] },
  { re: /一般公共预算(?:财政)?(?:拨款)?基本支出/g, tier: 1, items: () => ["generalBasicExpenditure"] },
  { re: /一般公共预算(?:财政)?(?:拨款)?支出/g, tier: 1, items: () => ["generalExpenditure"] },
  {
    re: /基本支出/g,
    tier: 1,
    items: (s) => [s === "general" || s === "generalBasic" ? "generalBasicExpenditure" : "basicExpenditure"],
  },
  { re: /项目支出/g, tier: 1, items: (s) => (s === "general" || s === "generalBasic" ? [] : ["projectExpenditure"]) },
];

const PRIOR_WORDS = /上年|去年|上一年|同期/;
const BUDGET_WORDS = /预算/;
const CLAUSE_END = /[，,；;。：:！？\n]/;

function clauseStart(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && !CLAUSE_END.test(text[i]!)) i--;
  return i + 1;
}

function sentenceStart(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && !/[。；;\n]/.test(text[i]!)) i--;
  return i + 1;
}

/** The items the words of a clause before an amount name (highest tier, latest match). */
function itemsOf(
  clause: string,
  scope: Scope | undefined,
  lead = "",
): { items: DisclosureFigureItem[]; label: string } | undefined {
  let best: { tier: number; end: number; len: number; kw: Keyword; text: string } | undefined;
  for (const kw of KEYWORDS) {
    for (const m of clause.matchAll(kw.re)) {
      const end = m.index + m[0].length;
      // a named item (三公 items, 人员 / 公用经费) wins over a general word (财政拨款支出); among equals the last one
      const tier = Math.min(kw.tier, 2);
      if (
        !best ||
        tier > best.tier ||
        (tier === best.tier && (end > best.end || (end === best.end && m[0].length > best.len)))
      )
        best = { tier, end, len: m[0].length, kw, text: m[0] };
    }
  }
  if (!best) return undefined;
  return { items: best.kw.items(scope, clause, lead), label: best.text };
}

export type DisclosureShare = NonNullable<FinalAccountDisclosure["shares"]>[number];

export interface NarrativeReading {
  figures: DisclosureFigure[];
  comparisons: DisclosureComparison[];
  shares: DisclosureShare[];
}

const BUDGET_COMPARE =
  /(大于|小于|等于|高于|低于|超过|少于|多于|持平|一致)(?:了)?(?:年初|全年|调整后)?预算(?:数)?|(?:与|和|同)(?:年初|全年|调整后)?预算(?:数)?(?:相比)?(?:基本)?(持平|一致|相同|相等)/g;
/**
 * A share of the budget: `完成预算的87.17%`, `完成年初预算的27.22%`, `占全年预算的…`, `达到调整后预算数的…`, and with the
 * item named between (`完成财政拨款支出年初预算的…`). Groups: 1 the words between, 2 the percent.
 */
const PERCENT_OF_BUDGET =
  /(?:完成|达到|占|为)(?:了)?((?:[^，,。；;：:%％\d\s]|\s(?=\S)){0,20}?)预算(?:数)?的?\s*(\d+(?:\.\d+)?)\s*[%％]/g;
/** The total an item of the year is part of, when the narrative states the total and not the item. */
const GRAND_TOTAL: Partial<Record<DisclosureFigureItem, DisclosureFigureItem>> = {
  fiscalExpenditure: "fiscalExpenditureGrandTotal",
  fiscalIncome: "fiscalIncomeGrandTotal",
  expenditure: "expenditureGrandTotal",
  income: "incomeGrandTotal",
};

function directionOfWord(w: string): "increase" | "decrease" | "same" {
  if (/大于|高于|超过|多于/.test(w)) return "increase";
  if (/小于|低于|少于/.test(w)) return "decrease";
  return "same";
}

/**
 * Reads the figures and comparisons of the narrative paragraphs (`passage`), each paragraph in the scope of the
 * section heading before it (`scopes[i]` for the passage's span i).
 */
export function readNarrative(
  passage: Passage,
  scopes: (Scope | undefined)[],
  basis: "budget" | "final",
  touch: (loc: ReturnType<typeof locate>) => void,
): NarrativeReading {
  const text = passage.text;
  const figures: DisclosureFigure[] = [];
  /** Where each figure is in the passage (figures[i] at offsets[i]). */
  const offsets: number[] = [];
  const comparisons: DisclosureComparison[] = [];
  const changes = findChanges(text);
  const changeAmounts = new Set(
    changes.flatMap((c) => [c.amount?.start, c.statedPrior?.start]).filter((x) => x !== undefined),
  );
  const spanAt = (offset: number) => {
    let k = 0;
    while (k + 1 < passage.spans.length && passage.spans[k + 1]!.start <= offset) k++;
    return k;
  };
  /**
   * The figure a statement at `at` is about: the last figure before it in its sentence, else in the sentence before
   * (`…收入总计3100万元。与上年相比，增加100万元`), within its paragraph; of the document's basis when `current` (the
   * 决算 a 大于预算 compares), else of any basis.
   */
  const figureBefore = (at: number, current = false): DisclosureFigure | undefined => {
    const paragraph = passage.spans[spanAt(at)]?.start ?? 0;
    const sentence = sentenceStart(text, at);
    const previous = sentence > paragraph ? sentenceStart(text, sentence - 1) : sentence;
    for (const from of [sentence, Math.max(previous, paragraph)]) {
      for (let i = figures.length - 1; i >= 0; i--) {
        const pos = offsets[i]!;
        if (pos >= at) continue;
        if (pos < from) break;
        if (!current || figures[i]!.basis === basis) return figures[i];
      }
    }
    return undefined;
  };
  for (const a of findAmounts(text)) {
    if (a.approximate || a.fen === undefined || changeAmounts.has(a.start)) continue;
    const cStart = clauseStart(text, a.start);
    const clause = text.slice(cStart, a.start);
    if (PRIOR_WORDS.test(clause)) continue;
    const scope = scopes[spanAt(a.start)];
    let found = itemsOf(clause, scope, text.slice(sentenceStart(text, cStart), cStart));
    let figureBasis: "budget" | "final" = /决算/.test(clause) ? "final" : basis;
    if (BUDGET_WORDS.test(clause.replace(/一般公共预算|政府性基金预算|国有资本经营预算/g, "")) && !/决算/.test(clause))
      figureBasis = "budget";
    if (!found && /预算(?:数)?(?:为|是)?\s*$/.test(clause)) {
      // `年初预算为2900.00万元`: the budget of the figure before it in the sentence
      const before = figureBefore(a.start);
      if (before) found = { items: [before.item], label: `${before.label}（${clause.trim()}）` };
      figureBasis = "budget";
    }
    if (!found || found.items.length === 0) continue;
    const location = locate(passage, a.start, "narrative");
    touch(location);
    const unit = a.unit === "万元" ? "万元" : a.unit === "元" ? "元" : "万元";
    const fen = a.fen;
    const amount = { text: a.text, unit: unit as "元" | "万元", fen: fen.toString(), yuan: fenToYuanText(fen) };
    for (const item of found.items) {
      const f: DisclosureFigure = { item, basis: figureBasis, label: found.label, amount, location };
      offsets.push(a.start);
      figures.push(f);
    }
  }
  /**
   * The figure a share of the budget (`完成…预算的N%`) is about: the item named in its words, else the item whose budget
   * its sentence states just before (`财政拨款支出年初预算数472.9万元，完成年初预算的27.22%`), else the figure before
   * it. Of that item, the actual figure: the nearest before it, else the total it is part of (`支出总计`).
   */
  const percentSubject = (
    at: number,
    between: string,
  ): { item: DisclosureFigureItem; amount: DisclosureFigure["amount"] } | undefined => {
    const named = itemsOf(between, scopes[spanAt(at)])?.items[0];
    let item = named;
    if (!item) {
      const sentence = sentenceStart(text, at);
      for (let i = figures.length - 1; i >= 0 && !item; i--)
        if (offsets[i]! < at && offsets[i]! >= sentence && figures[i]!.basis === "budget") item = figures[i]!.item;
    }
    if (!item) return figureBefore(at, true);
    const of = item;
    const paragraph = passage.spans[spanAt(at)]?.start ?? 0;
    const actual = (want: DisclosureFigureItem) => {
      for (const near of [true, false])
        for (let i = figures.length - 1; i >= 0; i--) {
          const f = figures[i]!;
          if (offsets[i]! >= at || f.item !== want || f.basis === "budget") continue;
          if (near && offsets[i]! < paragraph) continue;
          return f;
        }
      return undefined;
    };
    const total = GRAND_TOTAL[item];
    const f = actual(item) ?? (total ? actual(total) : undefined);
    return f ? { item: of, amount: f.amount } : named ? undefined : figureBefore(at, true);
  };
  // comparisons with the budget in words
  for (const m of text.matchAll(BUDGET_COMPARE)) {
    const word = m[1] ?? m[2] ?? "";
    const f = figureBefore(m.index, true);
    const c: DisclosureComparison = {
      against: "budget",
      word: m[0],
      direction: directionOfWord(word),
      text: sentenceText(text, m.index),
      location: locate(passage, m.index, "narrative"),
    };
    const reason = reasonOf(text, m.index);
    if (reason) c.reason = reason;
    if (f) {
      c.item = f.item;
      c.current = f.amount;
    }
    comparisons.push(c);
  }
  for (const m of text.matchAll(PERCENT_OF_BUDGET)) {
    // a 预算 of one of the 预算 words of a fund (一般公共预算…), not the budget: not a share of the budget
    if (/(一般公共|政府性基金|国有资本经营)$/.test(m[1]!)) continue;
    const f = percentSubject(m.index, m[1]!);
    const c: DisclosureComparison = {
      against: "budget",
      word: m[0],
      percent: { text: `${m[2]}%`, percent: m[2]! },
      text: sentenceText(text, m.index),
      location: locate(passage, m.index, "narrative"),
    };
    const reason = reasonOf(text, m.index);
    if (reason) c.reason = reason;
    if (f) {
      c.item = f.item;
      c.current = f.amount;
    }
    comparisons.push(c);
  }
  // year-on-year changes (比上年增加…万元，增长…%)
  for (const ch of changes) {
    if (ch.direction !== "same" && !ch.amount && !ch.percent) continue;
    if (ch.reference && !ch.reference.relative) continue;
    const f = figureBefore(ch.start + 1, true);
    const c: DisclosureComparison = {
      against: "prior",
      word: ch.word,
      direction: ch.direction,
      text: sentenceText(text, ch.start),
      location: locate(passage, ch.start, "narrative"),
    };
    const reason = reasonOf(text, ch.start);
    if (reason) c.reason = reason;
    if (ch.amount?.fen !== undefined) {
      const u = ch.amount.unit === "元" ? "元" : "万元";
      c.amount = { text: ch.amount.text, unit: u, fen: ch.amount.fen.toString(), yuan: fenToYuanText(ch.amount.fen) };
    }
    if (ch.percent) c.percent = { text: ch.percent.text, percent: ch.percent.percent };
    if (f) {
      c.item = f.item;
      c.current = f.amount;
    }
    touch(c.location);
    comparisons.push(c);
  }
  // shares of a total: `其中：一般公共预算财政拨款收入2961.68万元，占98.72%`
  const shares: DisclosureShare[] = [];
  const all = findAmounts(text).filter((a) => a.fen !== undefined && !a.approximate);
  for (const a of all) {
    // an aside right after the amount (`500.12万元（其中：一般公共预算500.12万元…）`) is skipped: the share after it
    // is the amount's
    const rest = text.slice(a.end);
    const aside = /^\s*[（(]/.test(rest) && !/^\s*[（(]\s*(?:所)?占/.test(rest) ? closingOf(rest) : 0;
    const after = SHARE_AFTER.exec(text.slice(a.end + aside));
    if (!after) continue;
    const span = passage.spans[spanAt(a.start)];
    if (!span) continue;
    // the total: the figure the phrase names, else the paragraph's first total before the amount
    const said = after[1]?.replace(/[“”]/g, "");
    const named = said?.startsWith("三公") ? "三公" : said;
    // the nearest total before the amount in its paragraph (`收入总计…，其中本年收入合计…，其中：…，占98.72%` is of
    // the 本年收入合计; `…其中“三公”经费52.30万元…，公务接待费7.30万元，占13.96%` of the 三公 total)
    const base = figures.findLast((f, i) => {
      const at = offsets[i]!;
      if (at < span.start || at >= a.start || f.basis !== basis) return false;
      if (named) return NAMED_BASE[named]?.includes(f.item) ?? false;
      return SHARE_BASES.includes(f.item);
    });
    if (!base || base.amount.fen === undefined || base.amount.fen === "0") continue;
    const unit = a.unit === "元" ? "元" : "万元";
    if (a.unit !== "元" && a.unit !== "万元") continue;
    const location = locate(passage, a.start, "narrative");
    touch(location);
    shares.push({
      amount: { text: a.text, unit, fen: a.fen!.toString(), yuan: fenToYuanText(a.fen!) },
      percent: { text: `${after[2]}%`, percent: after[2]! },
      base: base.amount,
      baseLabel: base.label,
      text: text.slice(a.start, a.end + aside + after[0].length).replace(/\s*\n\s*/g, ""),
      location,
    });
  }
  return { figures, comparisons, shares };
}

/**
 * A share right after an amount: `，占98.72%`, `，占收入合计0.03%`, `，占本年支出合计的97.10%`, an aside `（占1.28%）`,
 * `（占比1.28%）`, `，占比为1.28%`, `，所占比重为…`, `，占“三公”经费的13.96%`. Groups: 1 the total it names, 2 the percent.
 */
const SHARE_AFTER =
  /^\s*[，,]?\s*[（(]?\s*(?:所)?占(?:本年度?|全年|全部|部门|单位|当年)?(“?三公”?经费(?:支出)?(?:合计|总额)?|一般公共预算财政拨款支出|财政拨款收入|财政拨款支出|基本支出|收入合计|支出合计|收入总计|支出总计|总收入|总支出|收入|支出)?(?:的)?(?:比[重例]?|份额)?\s*(?:为|是)?\s*(\d+(?:\.\d+)?)\s*[%％]/;

/** The length up to and with the bracket closing the one `rest` opens with (0 when it is not closed). */
function closingOf(rest: string): number {
  let depth = 0;
  for (let i = 0; i < rest.length && i < 200; i++) {
    const ch = rest[i]!;
    if (ch === "（" || ch === "(") depth++;
    else if (ch === "）" || ch === ")") {
      depth--;
      if (depth === 0) return i + 1;
    } else if (/[。；;\n]/.test(ch)) return 0;
  }
  return 0;
}

/** Totals a share may be of, when the phrase does not name one (`，占98.72%`). */
const SHARE_BASES: DisclosureFigureItem[] = [
  "income",
  "expenditure",
  "incomeGrandTotal",
  "expenditureGrandTotal",
  "fiscalIncome",
  "fiscalExpenditure",
  "fiscalIncomeGrandTotal",
  "fiscalExpenditureGrandTotal",
  "threePublicTotal",
];

const NAMED_BASE: Record<string, DisclosureFigureItem[]> = {
  收入合计: ["income", "fiscalIncome"],
  支出合计: ["expenditure", "fiscalExpenditure", "generalExpenditure"],
  收入总计: ["incomeGrandTotal", "fiscalIncomeGrandTotal"],
  支出总计: ["expenditureGrandTotal", "fiscalExpenditureGrandTotal"],
  总收入: ["income", "incomeGrandTotal"],
  总支出: ["expenditure", "expenditureGrandTotal"],
  收入: ["income", "fiscalIncome"],
  支出: ["expenditure", "fiscalExpenditure"],
  一般公共预算财政拨款支出: ["generalExpenditure"],
  财政拨款收入: ["fiscalIncome"],
  财政拨款支出: ["fiscalExpenditure"],
  基本支出: ["basicExpenditure", "generalBasicExpenditure"],
  三公: ["threePublicTotal"],
};

/** Where the sentence at `at` ends: at 。；; or a line break that ends it (not one a PDF wrapped the sentence at). */
function sentenceEnd(text: string, at: number): number {
  let e = at;
  while (e < text.length) {
    const ch = text[e]!;
    if (/[。；;]/.test(ch)) break;
    if (ch === "\n" && !wrapped(text, e)) break;
    e++;
  }
  return e;
}

/** A line break inside a sentence: the line before ends mid-clause and the next is no heading. */
function wrapped(text: string, nl: number): boolean {
  const before = text.slice(0, nl).trimEnd().slice(-1);
  if (before === "" || /[。；;：:！？!?]/.test(before)) return false;
  const next = text.slice(nl + 1, nl + 24);
  return !/^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d))/.test(
    next,
  );
}

function sentenceText(text: string, at: number): string {
  const s = sentenceStart(text, at);
  return text
    .slice(s, sentenceEnd(text, at))
    .replace(/\s*\n\s*/g, "")
    .trim();
}

const REASON_LEAD = /^\s*[（(]?(主要原因|原因|主要是|主要由于|由于|因)/;

/** The reason given for a change: in its sentence (`…，主要原因是…`) or the sentence right after it (`。主要原因是…`). */
function reasonOf(text: string, at: number): string | undefined {
  const end = sentenceEnd(text, at);
  const sentence = sentenceText(text, at);
  const inside = /(主要原因|原因|由于|因为|主要是|主要用于)/.exec(sentence);
  if (inside) return sentence.slice(inside.index).trim();
  const next = text.slice(end + 1, sentenceEnd(text, end + 1)).replace(/\s*\n\s*/g, "");
  return REASON_LEAD.test(next) ? next.trim() : undefined;
}

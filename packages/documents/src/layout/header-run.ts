/**
 * Headers in run-together text: column names of the vocabulary glued one after the other
 * (`一级指标二级指标三级指标分值年度指标值(A)全年实际值(B)得分`), and the framework names (一级 / 二级) that anchor
 * the rows after them.
 *
 * A header is the best cut of the text from a known name into items: a known name of a meaning not yet in the
 * header (+2), the same meaning again (−0.5: `得分得分计算方法` is 得分 + 得分计算方法, not 得分 twice), an
 * unknown piece of 2–10 characters (−1; an OCR-damaged name or a province's own, 调整指标值, 年成值全完值) or one
 * that ends like a header (是否核心指标, 得分计算方法: −0.2, and one such piece may end the header). The header ends where going on no longer pays; it
 * counts with at least three known meanings, at least two of them glued (no space between).
 */
import { INDICATOR_FRAMEWORK } from "@jixiao/core";
import { COLUMN_SYNONYMS, type ColumnField, columnField, FORM_LABELS, PLACE_NAME } from "../vocabulary/columns.ts";

export interface GluedColumn {
  header: string;
  field?: ColumnField;
  /** A row-label column (the funds rows' 年度资金总额) added before a funds header. */
  label?: boolean;
}

export interface GluedHeader {
  start: number;
  end: number;
  columns: GluedColumn[];
  /** Distinct known meanings. */
  known: number;
  /** What the cut is worth (known names +2, unknown pieces −1…): readings of one stretch compare by it. */
  score: number;
  /**
   * The header's spaces all fall inside its names (年度指标 值, 全年 完成值, 未完成原因和 改进措施), none between two:
   * the text keeps a cell's line breaks as spaces and glues its cells without any, so a space between two
   * characters in its rows is a wrapped cell's, not a cell's end.
   */
  wrapSpaces?: boolean;
  /**
   * The header's names are spaced and its rows glued end to start (`…实际完成 值 自评分资金使用合规性 合规 2.8 好
   * 2.8财务…`): a space ends a cell, and only a row's last cell is glued to what follows.
   */
  spacedCells?: boolean;
}

const POINTS = "(?:\\s*[(（]\\s*\\d+(?:\\.\\d+)?\\s*分\\s*[)）])?";
const LEVEL1 = ["产出指标", "效益指标", "满意度指标", "成本指标"];
const LEVEL2 = INDICATOR_FRAMEWORK.flatMap((l) => l.children.flatMap((c) => [c.name, ...(c.aliases ?? [])]));
/** Framework names as they are glued into rows (always with 指标, or a scheme's section with its points). */
/** A name as converted text may break it: a space where the cell wrapped (经济效益 指标, 服务对象 满意度指 标). */
/**
 * A scheme's part that holds several sections, with its points, glued before the first of them (苏州: 项目绩效实现情况
 * (80 分) over 投入目标(28 分) / 产出目标 / 结果目标): read with that section's name, it is no row of its own.
 */
const PARENT = "(?:[\\u4e00-\\u9fff]{2,10}情况\\s*[(（]\\s*\\d+\\s*分\\s*[)）])?";
export const spaced = (name: string) => [...name].join("[ \u3000]?");
const ANCHOR = new RegExp(
  `^(?:(${[...new Set([...LEVEL2, ...LEVEL1])]
    .sort((a, b) => b.length - a.length)
    .map(spaced)
    .join(
      "|",
    )})${POINTS}|${PARENT}(?:项目)?(决策|管理|过程|投入|产出|效益|结果)(?:指标|目标)?\\s*[(（]\\s*\\d+\\s*分\\s*[)）])`,
);

/**
 * A 一级 name with its points written bare after it (管理指标30预算编审管理…: a group's cell holding its name and its
 * weight, 江西's 整体支出 form), or read out of order (出标产指25: a name printed vertically, its characters read
 * column by column). Only with the points, which a name inside an indicator's words never has: the bare points are
 * one to three digits followed by a Han character that is no unit (30预算, not 30万元 or 2021年).
 */
const GROUP_NAMES = [...LEVEL1.filter((n) => n !== "成本指标"), "管理指标", "效果指标", "决策指标", "过程指标"];
const BARE_POINTS = /^\d{1,3}(?:\.\d)?(?![\d.])/;
/** A unit after a number (30万元, 2021年): the number is a value, not a group's points. */
const UNIT_AFTER = /^[万亿千百元年月日时个人次种项分件户天条家所名台辆套本册场期批处亩平米公里吨座例份周岁倍%％]/;
const sortedChars = (t: string) => [...t].sort().join("");
const GROUP_KEYS = new Map(GROUP_NAMES.map((n) => [sortedChars(n), n] as const));

/** A group's name with bare points at `i` (see GROUP_NAMES), its end, or undefined. */
function groupWithPoints(text: string, i: number): number | undefined {
  for (const len of new Set(GROUP_NAMES.map((n) => n.length))) {
    const name = text.slice(i, i + len);
    if (!GROUP_KEYS.has(sortedChars(name))) continue;
    const points = BARE_POINTS.exec(text.slice(i + len, i + len + 8));
    if (!points) continue;
    const end = i + len + points[0].length;
    // a Han character follows, no unit — or one that starts a framework name (2时效指标: 时 is no unit there)
    const next = text.slice(end, end + 30);
    if (/^[\u4e00-\u9fff]/.test(next) && (!UNIT_AFTER.test(next) || ANCHOR.test(next))) return end;
  }
  return undefined;
}

/** A cost 二级 of the 2021 framework (under the 一级 成本指标), spaces allowed as a wrapped cell leaves them. */
const COST_LEVEL2 = new RegExp(
  `^\\s*(?:${["经济成本指标", "社会成本指标", "生态环境成本指标"].map(spaced).join("|")})`,
);

export interface Anchor {
  end: number;
  level: 1 | 2;
}

/** The framework name (一级 or 二级) that starts at `i`, if one does. */
export function anchorAt(text: string, i: number): Anchor | undefined {
  const group = groupWithPoints(text, i);
  if (group !== undefined) return { end: group, level: 1 };
  const m = ANCHOR.exec(text.slice(i, i + 30));
  if (!m) return undefined;
  const name = m[1]?.replace(/[ \u3000]/g, "");
  // 产出指标 / 效益指标 / 满意度指标 and a scheme's sections are level 1; 成本指标 is more often a level 2 (产出 → 成本)
  // …but a 成本指标 with a cost 二级 right after it (经济成本指标, the 2021 framework) is that 二级's 一级
  const overCost = name === "成本指标" && COST_LEVEL2.test(text.slice(i + m[0].length, i + m[0].length + 12));
  const level: 1 | 2 = name === undefined || (LEVEL1.includes(name) && name !== "成本指标") || overCost ? 1 : 2;
  return { end: i + m[0].length, level };
}

export function isAnchorAt(text: string, i: number): boolean {
  return anchorAt(text, i) !== undefined;
}

/** Column names by their first character, longest first. Form labels (项目名称…) label values; they head no column. */
const NAMES = new Map<string, string[]>();
for (const s of COLUMN_SYNONYMS) {
  const f = columnField(s.text);
  if (f === undefined || FORM_LABELS.has(f) || [...s.text].length < 2 || s.cut) continue;
  const list = NAMES.get(s.text[0]!) ?? [];
  if (!list.includes(s.text)) list.push(s.text);
  NAMES.set(s.text[0]!, list);
}
for (const list of NAMES.values()) list.sort((a, b) => b.length - a.length);

const SUFFIX = /^\s*[(（][^()（）]{0,10}[)）]/;
/**
 * A bracketed formula whose closing bracket the conversion lost or misread (执行率(B/A1得分…: a 1 for the bracket):
 * letters and operators only, kept with the name when another known name follows at once.
 */
const UNCLOSED = /^\s*[(（][A-Za-z]\s*[/／÷×*]\s*[A-Za-z][1lI|]?/;
/** How a column name the vocabulary does not know ends (是否核心指标, 得分计算方法, 指标方向): one list for every reading. */
export const HEADER_END = /(指标|方法|措施|说明|分析|备注|方向|性质|类型|类别|依据|标准|方式|值|数|率)$/;
/** An unknown piece that reads as a header of its own (是否核心指标, 得分计算方法), not a name's tail (分析). */
const endsLikeHeader = (t: string) => [...t].length >= 4 && HEADER_END.test(t) && !/^[值数率分)）]/.test(t);
const PIECE_CHAR = /[^\s\d.,，。;；:：、"“”]/;

interface Item {
  end: number;
  header: string;
  field?: ColumnField;
  glued: boolean;
}

/**
 * Where `name` ends when it starts at `i`, or -1. A converted form keeps a cell's line breaks as spaces inside
 * a header (年度 指标值, 分 值, 偏差原因分析 及改进措施): up to two single spaces inside a name are allowed.
 */
function nameEnd(text: string, i: number, name: string): number {
  if (text.startsWith(name, i)) return i + name.length;
  let k = i;
  let spaces = 0;
  for (let c = 0; c < name.length; c++) {
    if (c > 0 && (text[k] === " " || text[k] === "\u3000") && spaces < 2) {
      k += 1;
      spaces += 1;
    }
    if (text[k] !== name[c]) return -1;
    k += 1;
  }
  return k;
}

/** Known names starting at `i` (each with its bracketed note, when one follows). */
function namesAt(text: string, i: number): Item[] {
  const out: Item[] = [];
  for (const n of NAMES.get(text[i] ?? "") ?? []) {
    let end = nameEnd(text, i, n);
    if (end < 0) continue;
    let s = SUFFIX.exec(text.slice(end, end + 14));
    const open = s ? undefined : UNCLOSED.exec(text.slice(end, end + 14));
    if (
      open &&
      (NAMES.get(text[end + open[0].length] ?? "") ?? []).some((m) => nameEnd(text, end + open[0].length, m) > 0)
    )
      s = open;
    let header = n;
    if (s) {
      // (an unclosed note is written closed: the header's name as the form meant it, 执行率(B/A))
      header += s === open ? `${s[0].trim().replace(/[1lI|]$/, "")})` : s[0].trim();
      end += s[0].length;
    }
    const field = columnField(header) ?? columnField(n);
    if (field !== undefined && !FORM_LABELS.has(field)) out.push({ end, header, field, glued: true });
  }
  return out;
}

/** Unknown pieces from `i`: 2–10 characters without digits, spaces, punctuation or a framework name. */
function piecesAt(text: string, i: number): Item[] {
  const out: Item[] = [];
  for (let k = i; k < Math.min(text.length, i + 10); k++) {
    if (!PIECE_CHAR.test(text[k]!) || (k > i && isAnchorAt(text, k)) || (k === i && isAnchorAt(text, k))) break;
    if (k - i + 1 >= 2) out.push({ end: k + 1, header: text.slice(i, k + 1), glued: true });
  }
  return out;
}

interface State {
  score: number;
  fields: Set<ColumnField>;
  items: Item[];
  glued: number;
  /** Runs of spaces between two items. */
  between: number;
}

/** The best header starting with a known name at `start`, if it has three known meanings. */
function headerFrom(text: string, start: number, spacedHeader = false): GluedHeader | undefined {
  const limit = Math.min(text.length, start + 240);
  // the best state at each position for each set of meanings met so far (they decide what the next items are worth)
  const best = new Map<number, Map<string, State>>();
  const keyOf = (f: Set<ColumnField>) => [...f].sort().join(",");
  const put0 = (at: number, next: State) => {
    let m = best.get(at);
    if (!m) {
      m = new Map();
      best.set(at, m);
    }
    const k = keyOf(next.fields);
    const old = m.get(k);
    if (!old || next.score > old.score || (next.score === old.score && next.glued > old.glued)) m.set(k, next);
  };
  put0(start, { score: 0, fields: new Set(), items: [], glued: 0, between: 0 });
  let top: { at: number; s: State } | undefined;
  for (let p = start; p <= limit; p++) {
    const states = best.get(p);
    if (!states) continue;
    for (const s of states.values()) {
      const counts = s.glued >= 2 || (spacedHeader && s.fields.size >= SPACED_HEADER_MEANINGS);
      if (s.fields.size >= 3 && counts && (!top || s.score >= top.s.score)) top = { at: p, s };
      if (p === limit) continue;
      // spaces between names
      if (/\s/.test(text[p]!)) {
        let q = p;
        while (q < limit && /\s/.test(text[q]!)) q++;
        put0(q, { ...s, glued: s.glued - 1, between: s.between + 1 });
        continue;
      }
      const put = (item: Item, gain: number) => {
        const fields = item.field ? new Set([...s.fields, item.field]) : s.fields;
        const glued = s.glued + (s.items.length > 0 ? 1 : 0);
        put0(item.end, { score: s.score + gain, fields, items: [...s.items, item], glued, between: s.between });
      };
      // the longest known name only: the vocabulary's 偏差原因分析及改进措施说明 is one column, not two
      const all = namesAt(text, p);
      const names = all.slice(0, 1);
      for (const n of names) put(n, gainOf(n, s.fields));
      // …or a shorter name that another follows at once (执行率 得分 read in 执行率得分), which pays only where the
      // longer name would not make sense (a rate's score with no rate column before it)
      const prefix = all.find((m) => m.end < names[0]!.end && namesAt(text, m.end).length > 0);
      if (prefix && prefix.field !== names[0]!.field) put(prefix, gainOf(prefix, s.fields) - 2.5);
      if (s.items.length === 0) continue;
      // where a known name starts, it is taken: an unknown piece may swallow it only when the piece reads as a
      // header of its own and the name follows it (得分计算方法 得分), or when its meaning is met already
      const fresh = names.find((n) => !s.fields.has(n.field!));
      for (const u of piecesAt(text, p)) {
        if (fresh && !(endsLikeHeader(u.header) && namesAt(text, u.end)[0]?.field === fresh.field)) continue;
        put(u, endsLikeHeader(u.header) ? -0.2 : -1);
      }
    }
  }
  if (!top) return undefined;
  // an unknown piece that ends like a header (是否核心指标) ends the header, though it does not pay
  const items = [...top.s.items];
  let end = top.at;
  // the shortest such piece: 是否核心指标, not 是否核心指标出警次数
  const last = piecesAt(text, end).find((u) => endsLikeHeader(u.header) && namesAt(text, u.end).length === 0);
  // (not in a spaced header: what is glued to its last name is the first row's name, 自评分|相关投诉处理率)
  // (a header with no spaces between its names is no spaced header, whatever numbers its text glues: 资金总额35其中)
  if (last && !(spacedHeader && top.s.between > 0)) {
    items.push(last);
    end = last.end;
  }
  // a goal grid with one value column per place after its known names (莆田: …指标方向 | 笏石街道办 | 埭头镇): each
  // place is a target column, when the header has none of its own
  if (!top.s.fields.has("target"))
    for (let place = placeAt(text, end); place !== undefined; place = placeAt(text, end)) {
      items.push({ end: place, header: text.slice(end, place), field: "target", glued: true });
      end = place;
    }
  const found: GluedHeader = {
    start,
    end,
    columns: items.map((i) => (i.field ? { header: i.header, field: i.field } : { header: i.header })),
    known: top.s.fields.size,
    score: top.s.score,
  };
  if (top.s.between === 0 && /[ \u3000]/.test(text.slice(start, end))) found.wrapSpaces = true;
  else if (spacedHeader && top.s.glued < 2) found.spacedCells = true;
  return found;
}

/**
 * A header that starts with a known name and goes on with an unknown piece (单位 新洲区文化和旅游局 … 年初预算数:
 * the 单位 of 实施单位 and its value before the funds header) starts at the next known name instead, when that
 * reading pays as much: the first name was the end of a label, not a column.
 */
function betterStart(text: string, h: GluedHeader): GluedHeader {
  let cur = h;
  for (let tries = 0; tries < 4; tries++) {
    const [first, second] = cur.columns;
    if (!first?.field || !second || second.field) return cur;
    let p = cur.start + 1;
    while (p < cur.end && namesAt(text, p).length === 0) p++;
    const later = p < cur.end ? headerFrom(text, p) : undefined;
    if (!later || later.score < cur.score) return cur;
    cur = later;
  }
  return cur;
}

/**
 * A header holding two unknown pieces in a row (not both ending like a header) before known names holds a
 * sentence, not columns (the head's last
 * words before the grid: 需要说明的其他问题 年度绩效目标 进一步提高 博物馆纪念馆运行效率 … 一级指标 二级指标 …, where 说明
 * and 绩效目标 are words of the head): it starts at the first known name after the last such run, when the header
 * from there still has three known meanings.
 */
function afterSentence(text: string, h: GluedHeader): GluedHeader {
  const cols = h.columns;
  let run = -1;
  // (two unknown names that both end like headers are columns: OCR-damaged 调整指标值 年成值全完值)
  const unknown = (c: { field?: ColumnField }) => c.field === undefined;
  for (let k = 1; k < cols.length; k++) {
    const [a, b] = [cols[k - 1]!, cols[k]!];
    if (unknown(a) && unknown(b) && !(endsLikeHeader(a.header) && endsLikeHeader(b.header))) run = k;
  }
  if (run < 0) return h;
  let k = run + 1;
  while (k < cols.length && !cols[k]!.field) k++;
  if (k >= cols.length) return h;
  // where that name starts: after the pieces before it (a wrapped header keeps spaces between them)
  let at = h.start;
  for (let c = 0; c < k; c++) {
    const found = text.indexOf(cols[c]!.header, at);
    if (found < 0) return h;
    at = found + cols[c]!.header.length;
  }
  while (at < h.end && namesAt(text, at).length === 0) at++;
  const later = at < h.end ? headerFrom(text, at) : undefined;
  return later && later.known >= 3 ? later : h;
}

/**
 * A place's name as a value column's header (a per-place target table, vocabulary's PLACE_NAME), followed by another
 * such name, a framework name, a space or the text's end. The end of the name, or undefined.
 */
function placeAt(text: string, i: number): number | undefined {
  // the shortest name first (月塘乡 | 埭头镇, not 月塘乡埭头镇), none ending inside a place word (笏石街道办, not 笏石街道)
  for (let k = i + 2; k <= Math.min(text.length, i + 10); k++) {
    const name = text.slice(i, k);
    if (!PLACE_NAME.test(name) || /^(办|处|事处)/.test(text.slice(k)) || namesAt(text, i).length > 0) continue;
    if (k === text.length || isAnchorAt(text, k) || /^\s/.test(text.slice(k)) || placeAt(text, k) !== undefined)
      return k;
  }
  return undefined;
}

/** The words that make a grid's caption of a 绩效指标 label (年度绩效指标, 长期绩效指标, 中期绩效指标). */
const CAPTION = /(年度|长期|中期|当年)$/;

/**
 * A header whose first column is the 绩效指标 label, with 年度 / 长期 / 中期 glued before it: the label is the grid's
 * caption (年度绩效指标) and the word is the header's, not the end of the row before it (…88100年 | 度…).
 */
function withCaption(text: string, h: GluedHeader): GluedHeader {
  const first = h.columns[0];
  const m = CAPTION.exec(text.slice(Math.max(0, h.start - 2), h.start));
  if (first?.field !== "indicator" || !m) return h;
  return {
    ...h,
    start: h.start - m[0].length,
    columns: [{ ...first, header: m[0] + first.header }, ...h.columns.slice(1)],
  };
}

/** What a known name adds to a header: a new meaning pays, the same again costs; a rate's score needs the rate. */
function gainOf(n: Item, fields: Set<ColumnField>): number {
  if (fields.has(n.field!)) return -0.5;
  return n.field === "rateScore" && !fields.has("rate") ? 1 : 2;
}

/** Whether two known names are glued end to start at least twice (a cheap test before the search). */
function gluedTwice(text: string): boolean {
  let n = 0;
  for (let p = 0; p < text.length; p++)
    for (const a of namesAt(text, p))
      if (namesAt(text, a.end).length > 0) {
        n += 1;
        if (n >= 2) return true;
        break;
      }
  return false;
}

/**
 * A docx preview that lost its rows' breaks but kept its cells' spaces (`资金使用合规性 合规 2.8 好 2.8财务制度健全性
 * 健全 2.8 好 2.8…`): its header is spaced (项目 类别 指标名称 目标值 权重 实际完成 值 自评分) and each row's last cell, a
 * score, is glued to the next row's name. Such a text's header needs no glued names, only more known meanings.
 */
const SPACED_HEADER_MEANINGS = 4;
const GLUED_ROW_ENDS = 3;
/** A points-shaped number (2.8, 4, 10) glued to the Han name after it — no unit of a value (4人, 757万, 2017年). */
const GLUED_ROW_END =
  /(?<![\d.])\d{1,2}(?:\.\d{1,2})?(?=[\u4e00-\u9fff])(?![万亿千百元年月日时个人次种项分件户天条家所名台辆套本册场期批处亩平米公里吨座例份周岁倍])/g;
export function gluedRowEnds(text: string): number {
  return [...text.matchAll(GLUED_ROW_END)].length;
}

/** The glued headers of a text, in order, not overlapping. */
export function findGluedHeaders(text: string): GluedHeader[] {
  const out: GluedHeader[] = [];
  const ends = gluedRowEnds(text);
  const spacedHeader = ends >= GLUED_ROW_ENDS;
  // a grid of three rows has two glued row ends; its header glued to the first row's name (or to a section's label
  // before it: 自评分投入目标(4 分)资金…) is the third junction
  const spacedIfGlued = !spacedHeader && ends === GLUED_ROW_ENDS - 1;
  if (!spacedHeader && !spacedIfGlued && !gluedTwice(text)) return out;
  for (let p = 0; p < text.length; p++) {
    if (namesAt(text, p).length === 0) continue;
    let found = headerFrom(text, p, spacedHeader);
    if (!found && spacedIfGlued) {
      const spacedOne = headerFrom(text, p, true);
      if (spacedOne?.spacedCells && /[\u4e00-\u9fff]/.test(text[spacedOne.end] ?? "")) found = spacedOne;
    }
    if (!found) continue;
    const h = withCaption(text, afterSentence(text, betterStart(text, found)));
    out.push(h);
    p = h.end - 1;
  }
  return out;
}

/**
 * `run-together`: text of a converted or scanned form whose cells are glued without any separator
 * (`项目名称禁毒经费主管部门市公安局…年初预算数全年执行数执行率310.2154.7450%…`), a document-sharing site's preview
 * with its page marks (`1、` `2、` at the start of each page's text, falling inside rows).
 *
 * The text of such a stretch is joined (page marks out, so a cell cut by a page comes back whole) and read in three
 * steps, all from the vocabulary and the shapes of values, nothing per document:
 * 1. **headers**: runs of column names glued together (`header-run.ts`), found by the best cut of the text into
 *    known names (each new meaning counts) and a few unknown ones (an OCR-damaged or provincial name that ends like a
 *    header: 是否核心指标, 得分计算方法);
 * 2. **labels**: a form's labels (项目名称, 主管部门, 实施单位) and head words (自评总分, 年度总体目标) with the text up
 *    to the next label or header as their value, one row each;
 * 3. **rows**: the text after a header is cut into rows of the header's columns by dynamic programming over its
 *    characters (`glued-rows.ts`): each cell must have its column's shape (a 一级 / 二级 name of the framework, a
 *    number, `≥90%`, a unit, ≥ / 定量, free text that holds no framework name and cuts no number), and a run of
 *    digits shared by several number columns is split where the row's own arithmetic holds (执行数 ÷ 预算数 =
 *    执行率, 得分 = 分值 × 执行率 or × 得分系数, 得分 ≤ 分值). A row cut off by the end of the text is left out
 *    with a note, not guessed.
 */

import { formLabel } from "../import/form-labels.ts";
import type { DocumentNote } from "../model/table.ts";
import { gluedRows } from "./glued-rows.ts";
import { anchorAt, findGluedHeaders, type GluedColumn, type GluedHeader, isAnchorAt, spaced } from "./header-run.ts";
import { clip, type Line } from "./lines.ts";
import { finish, type Proposal, type Row } from "./proposal.ts";

/** The start of a form's notes under its table: 注:1. / 注：/ 备注: / 填报说明. */
const NOTES = /(?<![\u4e00-\u9fff])注\s*[:：]|填报说明|填表说明/;

/** 指标1: / 指标 2： — a form's numbering of its indicator rows, often left without an indicator. */
const NUMBERING = /(?<![级])指标\s*\d{1,2}\s*[:：]/g;

/** Characters of data cut at once (the cut's work grows with the length). */
const CHUNK = 2000;

/** A page mark of a document-sharing preview: `1、` at the start of each page's text. */
const PAGE_MARK = /^\s*(\d{1,2})、/;

/**
 * Head words of a form that label the value glued after them (besides 项目名称 / 主管部门 / 实施单位, which come
 * from the form labels): totals, goals, the funds caption, contacts.
 */
const HEAD_LABELS = [
  "自评总分",
  "自评得分",
  "综合得分",
  "年度总体目标完成情况",
  "年度总体目标",
  "当年绩效目标",
  "年初绩效目标",
  "全年目标实际完成情况",
  "实际完成情况",
  "项目资金",
  // the 申报表's funds line (湖南: 年度资金总额及构成 总额…万元 财政拨款:…): never a funds table's row label
  "年度资金总额及构成",
  "资金情况",
  "项目负责人",
  "部门联系人",
  "联系人",
  "联系电话",
  "项目属性",
  "项目类别",
  "项目性质",
  "立项依据",
  "填报单位",
];
const LABEL_WORD = new RegExp(
  `(${[
    "项目支出名称",
    "项目名称",
    "专项资金名称",
    "主管部门及代码",
    "主管部门",
    "预算部门",
    "部门名称",
    "项目实施单位",
    "实施单位",
    "预算单位",
    ...HEAD_LABELS.map(spaced),
    // the form's total, glued to its figures (……总分100100): a label only where figures follow
    "(?<![\\u4e00-\\u9fff])总分(?=\\s*\\d)",
  ].join("|")})(\\s*[(（][^()（）]{0,6}[)）])?\\s*[:：]?`,
  "g",
);

interface Joined {
  text: string;
  /** Source line of each character. */
  lineAt: number[];
  first: number;
  last: number;
}

interface Labelled {
  start: number;
  end: number;
  text: string;
}

/** Lines with tabs or | are other layouts' (and their readers keep them). */
const separated = (t: string) => /[\t|｜]/.test(t);

/** The stretches of run-together lines: a line holding a glued header, and the pages that continue it. */
function stretches(lines: Line[]): Line[][] {
  const out: Line[][] = [];
  let free = 0;
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    if (l.gone || separated(l.text) || findGluedHeaders(withPagesAfter(lines, k)).length === 0) continue;
    const taken = [...pagesBefore(lines, k, free), l];
    let mark = Number(PAGE_MARK.exec(l.text)?.[1] ?? Number.NaN);
    let j = k + 1;
    for (; j < lines.length; j++) {
      const n = lines[j]!;
      if (n.gone) continue;
      if (n.text.trim() === "") continue;
      if (separated(n.text)) break;
      const m = PAGE_MARK.exec(n.text);
      const follows = m !== null && Number(m[1]) === mark + 1;
      const adjacent = lines[j - 1]!.text.trim() !== "" && !lines[j - 1]!.gone;
      if (!follows && !adjacent) break;
      if (follows) mark += 1;
      taken.push(n);
    }
    out.push(taken);
    k = j - 1;
    free = j;
  }
  return out;
}

/**
 * A line with the preview's pages after it (`2、…` then `3、…`, their marks out): what tells a header's text — its
 * rows glued end to start — may lie on the next page. A line without a page mark is itself.
 */
function withPagesAfter(lines: Line[], k: number): string {
  let mark = Number(PAGE_MARK.exec(lines[k]!.text)?.[1] ?? Number.NaN);
  let text = lines[k]!.text;
  for (let j = k + 1; j < lines.length && !Number.isNaN(mark); j++) {
    const n = lines[j]!;
    if (n.gone) continue;
    const m = PAGE_MARK.exec(n.text);
    if (!m || Number(m[1]) !== mark + 1 || separated(n.text)) break;
    text += n.text.replace(PAGE_MARK, "");
    mark += 1;
  }
  return text;
}

/**
 * The pages of a preview before the page where a header was found (`1、` … before `2、…项目 类别 指标名称…`): the
 * form's head (项目名称, the funds) on the pages before it is the same form, its text cut by the page only. Lines from
 * `free` on (not in an earlier stretch), each one page mark before the next, none blank between.
 */
function pagesBefore(lines: Line[], k: number, free: number): Line[] {
  let mark = Number(PAGE_MARK.exec(lines[k]!.text)?.[1] ?? Number.NaN);
  const out: Line[] = [];
  for (let p = k - 1; p >= free && mark > 1; p--) {
    const l = lines[p]!;
    if (l.gone) continue;
    const m = PAGE_MARK.exec(l.text);
    if (!m || Number(m[1]) !== mark - 1 || separated(l.text)) break;
    out.unshift(l);
    mark -= 1;
  }
  return out;
}

/**
 * The stretch's text: a page's text continues the page before it without a break (a cell cut by the page comes
 * back whole); other lines are joined with a line break, which the rows take as a likely end of a row.
 */
function join(lines: Line[]): Joined {
  let text = "";
  const lineAt: number[] = [];
  const marks = lines.filter((l) => PAGE_MARK.test(l.text)).length >= 2 || PAGE_MARK.exec(lines[0]!.text)?.[1] === "1";
  lines.forEach((l, k) => {
    const page = marks && PAGE_MARK.test(l.text);
    const t = page ? l.text.replace(PAGE_MARK, "") : l.text;
    if (k > 0 && !page) {
      text += "\n";
      lineAt.push(l.no);
    }
    text += t;
    for (let i = 0; i < t.length; i++) lineAt.push(l.no);
  });
  return { text, lineAt, first: lines[0]!.no, last: lines[lines.length - 1]!.no };
}

/** Label words in a stretch of the joined text (not inside a header). */
function labelsIn(text: string, from: number, to: number): Labelled[] {
  const out: Labelled[] = [];
  LABEL_WORD.lastIndex = from;
  for (let m = LABEL_WORD.exec(text); m && m.index < to; m = LABEL_WORD.exec(text)) {
    const word = m[1]!.replace(/[ \u3000]/g, "");
    if (!HEAD_LABELS.includes(word) && word !== "总分" && formLabel(word) === undefined) continue;
    // a label word inside a framework name or right after another label's word is text
    if (isAnchorAt(text, m.index)) continue;
    // 子项目名称 heads the list of a project's parts (子项目名称 实际金额): no label of the form's own name
    if (text[m.index - 1] === "子") continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0].replace(/[:：]\s*$/, "").trim() });
  }
  return out;
}

const trim = (s: string) => s.replace(/^[\s:：,，]+|[\s,，]+$/g, "");

/** Reads the glued text of the lines of a stretch into one table proposal. */
function readStretch(lines: Line[], file: string): Proposal | undefined {
  const j = join(lines);
  // the form's numbering of indicator rows (指标1:, 指标2: left empty) is no cell: blanked, keeping positions
  const text = j.text.replace(NUMBERING, (m) => " ".repeat(m.length));
  const headers = findGluedHeaders(text);
  if (headers.length === 0) return undefined;
  const rows: Row[] = [];
  const fits: number[] = [];
  const notes: DocumentNote[] = [];
  const lineOf = (i: number) => j.lineAt[Math.min(i, j.lineAt.length - 1)] ?? j.first;
  let headerIndex = -1;
  let known = 0;
  let before: string | undefined;
  let consumed = 0;
  let tail: number | undefined;
  /** Whether the text from `i` on starts on a line of its own (what follows stays paragraphs). */
  const startsLine = (i: number) => /^\s*$/.test(text.slice(text.lastIndexOf("\n", i - 1) + 1, i));

  const leftOver = (from: number, to: number, why: { zh: string; en: string }) => {
    const t = trim(text.slice(from, to));
    if (t === "") return;
    notes.push({
      text: {
        zh: `第 ${lineOf(from)} 行的「${clip(t, 16)}」${why.zh}`,
        en: `"${clip(t, 16)}" on line ${lineOf(from)} ${why.en}`,
      },
      location: { file, row: lineOf(from) },
    });
  };

  /** Labels and their values between two positions (the head of the form, the goals between two tables). */
  const head = (from: number, to: number, label?: GluedHeader) => {
    const found = labelsIn(text, from, to);
    // a label right before a header is the header's row label (项目资金(万元) 年初预算数 …)
    let caption: Labelled | undefined;
    const last = found[found.length - 1];
    if (label && last && text.slice(last.end, to).trim() === "") {
      caption = found.pop();
    }
    const lead = trim(text.slice(from, found[0]?.start ?? caption?.start ?? to));
    if (lead !== "") {
      if (rows.length === 0 && before === undefined) before = lead;
      else rows.push({ cells: [lead], line: lineOf(from) });
    }
    found.forEach((l, i) => {
      let end = found[i + 1]?.start ?? caption?.start ?? to;
      // the form's notes after a label's value (总分100100注:1.…) are a row of their own
      const notesAt = NOTES.exec(text.slice(l.end, end));
      const notesStart = notesAt ? l.end + notesAt.index : end;
      rows.push({
        cells: [l.text, trim(text.slice(l.end, notesStart))],
        line: lineOf(l.start),
        end: lineOf(notesStart - 1),
      });
      fits.push(0.5);
      if (notesStart < end) {
        rows.push({ cells: [trim(text.slice(notesStart, end))], line: lineOf(notesStart), end: lineOf(end - 1) });
        fits.push(0.5);
      }
      end = notesStart;
    });
    return caption?.text;
  };

  let pos = 0;
  headers.forEach((h, k) => {
    const caption = head(pos, h.start, h);
    const next = headers[k + 1]?.start ?? text.length;
    // the data runs to the next header, or to the first label word after its rows
    const labels = labelsIn(text, h.end, next);
    // …or to the form's notes (注:1.…, 填报说明), which are no rows
    const notesAt = NOTES.exec(text.slice(h.end, next));
    const stop = Math.min(labels[0]?.start ?? next, notesAt ? h.end + notesAt.index : next);
    const funds = h.columns.every((c) => c.field === undefined || FUND_FIELDS.has(c.field));
    const columns = funds
      ? [{ header: caption ?? "", label: true }, ...h.columns]
      : withLostLevel1(h.columns, text, h.end, stop, (why) => leftOver(h.start, h.end, why));
    if (!funds && caption) rows.push({ cells: [caption], line: lineOf(h.start) });
    const headerAt = rows.length;
    rows.push({ cells: columns.map((c) => c.header), line: lineOf(h.start), end: lineOf(h.end - 1) });
    fits.push(0);
    if (headerIndex < 0) headerIndex = headerAt;
    known = Math.max(known, h.known);
    // long data is cut in chunks (the cut's work grows with its length); a row cut by a chunk's end is read again
    let at = h.end;
    let end = at;
    while (at < stop) {
      const upto = Math.min(stop, at + CHUNK);
      const read = gluedRows(text, at, upto, columns, {
        wrapSpaces: h.wrapSpaces === true,
        spacedCells: h.spacedCells === true,
      });
      // a chunk that is not the last ends anywhere: its last row is read again with the next chunk
      if (upto < stop && read.rows.length >= 2) read.end = read.rows.pop()!.start;
      for (const r of read.rows) {
        rows.push({ cells: r.cells, line: lineOf(r.start), end: lineOf(r.end - 1) });
        fits.push(r.fit);
      }
      end = read.end;
      if (read.end === at || upto === stop) break;
      at = read.end;
    }
    consumed = end;
    const last = k === headers.length - 1;
    if (end < stop && !(last && startsLine(end)))
      leftOver(end, stop, {
        zh: "未能分入表格的单元格（文本可能在此截断），未读取",
        en: "could not be cut into the table's cells (the text may be cut off here) and was not read",
      });
    else if (end < stop) tail = end;
    pos = stop;
  });
  // after the last table: a form's labels are read; other text stays paragraphs on its own lines
  if (labelsIn(text, pos, text.length).length > 0) {
    head(pos, text.length);
    consumed = text.length;
  } else if (pos < text.length && !startsLine(tail ?? pos)) {
    leftOver(pos, text.length, { zh: "未能读取", en: "was not read" });
    consumed = text.length;
  }
  if (headerIndex < 0) return undefined;
  const last = consumed >= text.length ? j.last : lineOf(Math.max(0, consumed - 1));
  const p = finish("run-together", rows, headerIndex, known, fits, file, { first: j.first, last });
  p.first = j.first;
  p.last = last;
  p.notes.push(...notes);
  if (before !== undefined) p.before = before;
  return p;
}

/**
 * A grid whose header has a 二级 column but no 一级 one while its rows hold 一级 names (产出 指标数量指标…): the 一级
 * header was lost — a vertical label beside it (年度绩效目标) read into it out of order (度效标80> 年绩目1分级标 一指).
 * The column is put back before the 二级 one, with a note; without it no row could hold its 一级 name.
 */
function withLostLevel1(
  columns: GluedColumn[],
  text: string,
  from: number,
  to: number,
  note: (why: { zh: string; en: string }) => void,
): GluedColumn[] {
  const level2 = columns.findIndex((c) => c.field === "level2");
  if (level2 < 0 || columns.some((c) => c.field === "level1")) return columns;
  let level1 = false;
  for (let i = from; i < to && !level1; i++) {
    const a = anchorAt(text, i);
    if (a && a.level === 1 && a.end <= to) level1 = true;
    else if (a) i = a.end - 1;
  }
  if (!level1) return columns;
  note({
    zh: "的表头缺「一级指标」列而各行有一级指标名称：按一级指标列读取",
    en: "has no 一级指标 column while its rows hold 一级 names: read with one",
  });
  return [...columns.slice(0, level2), { header: "一级指标", field: "level1" }, ...columns.slice(level2)];
}

const FUND_FIELDS = new Set<string>([
  "initial",
  "adjustment",
  "budget",
  "executed",
  "rate",
  "weight",
  "score",
  "rateWeight",
  "rateScore",
  "annualBudget",
  "balance",
  "carriedOver",
  "recovered",
]);

/** The run-together candidate: one table a stretch of glued lines. */
export function runTogetherCandidate(lines: Line[], file: string): Proposal[] {
  const out: Proposal[] = [];
  for (const s of stretches(lines)) {
    const p = readStretch(s, file);
    if (p) out.push(p);
  }
  return out;
}

/**
 * The candidate readings of text without tabs. Each reads a stretch of lines and proposes tables (see
 * README.md):
 * - `pipe`: rows with `|` / `｜` between cells (markdown tables and their `|---|` rules), or one cell per line
 *   ending with `|`;
 * - `stream`: one cell per line or per paragraph, no separators: rows are the blank-line groups when the text has
 *   them (Word text without tabs), else cut from the stream by the header's width and the values' shapes;
 * - `spaced`: columns aligned by two or more spaces (pdftotext -layout, copied web pages): cells placed under the
 *   header by their display position (CJK counts double);
 * - `tokens`: rows of single-space-separated words, one row a line, or a whole table on one line.
 */

import { INDICATOR_FRAMEWORK } from "@jixiao/core";
import type { DocumentNote } from "../model/table.ts";
import { trimCell } from "../text/common.ts";
import { columnField, FORM_LABELS, matchHeader, normHeader } from "../vocabulary/columns.ts";
import { formLabel as formLabelOf } from "../vocabulary/form-labels.ts";
import { nonIndicatorRow } from "../vocabulary/row-labels.ts";
import { alignRow, segmentRows } from "./align.ts";
import { joinBrokenHeaders } from "./broken-header.ts";
import { fallenCellColumn } from "./fallen-cell.ts";
import { segmentLevelPoints } from "./level-points.ts";
import { clip, type Line } from "./lines.ts";
import { placeByParts, withPartColumns } from "./part-columns.ts";
import {
  composeHeaderRows,
  findHeaderRun,
  finish,
  type HeaderRun,
  type Proposal,
  pageBreaks,
  type Row,
  tableColumns,
} from "./proposal.ts";
import {
  type Column,
  charWidth,
  columnOf,
  emptyCost,
  fit,
  isDash,
  isLevel1Name,
  isLevel2Name,
  isNumber,
  isPlaceholder,
  withLevelsShifted,
} from "./shapes.ts";

interface Item {
  text: string;
  line: number;
  /** Blank-line group (stream) or line index (tokens). */
  group: number;
  /** A one-line table's words: the index of the (last) word the item holds. */
  word?: number;
}

const blank = (l: Line) => l.text.trim() === "";

function placeholderNote(file: string, it: Item): DocumentNote {
  return {
    text: {
      zh: `第 ${it.line} 行的「${clip(it.text, 12)}」是占位内容，不是指标，已略去`,
      en: `"${clip(it.text, 12)}" on line ${it.line} is a placeholder, not an indicator, and was left out`,
    },
    location: { file, row: it.line },
  };
}

/** A sentence, not a cell: 16 characters or more with a clause's punctuation, no framework name. */
function isRunningText(text: string): boolean {
  return [...text].length >= 16 && /[，,。；;：:、]/.test(text) && !isLevel1Name(text) && !isLevel2Name(text);
}

function runningTextNote(file: string, it: Item): DocumentNote {
  return {
    text: {
      zh: `第 ${it.line} 行「${clip(it.text, 12)}」是表格中单独成行的一段文字（如得分计算方法），不是指标行，已作为说明保留`,
      en: `"${clip(it.text, 12)}" on line ${it.line} is a passage of text set on its own line inside the table (such as a scoring method), not an indicator row; kept as a note`,
    },
    location: { file, row: it.line },
  };
}

/** Mean fit of a row's filled cells (in [-1, 1]) from an alignment score. */
function meanFit(score: number, cells: readonly string[]): number {
  const filled = cells.filter((c) => c !== "").length;
  return filled === 0 ? -1 : score / filled;
}

/**
 * A row that is no data row of the table above: it holds a known column name (项目名称, 预算数: the next
 * table's labels) or a table's title (…绩效目标表).
 */
function startsAnotherTable(cells: readonly string[], cols: readonly Column[] = []): boolean {
  // the table's own row label (绩效指标 before 一级指标, a merged cell) printed again on a row starts nothing
  const label = (c: string) => cols.some((col) => (col.bias ?? 0) < 0 && normHeader(col.header) === normHeader(c));
  return cells.some(
    (c) =>
      (c !== "" && columnField(c) !== undefined && !label(c)) ||
      (/表\s*([(（][^)）]*[)）])?$/.test(c) && [...c].length >= 6),
  );
}

/** Whether a row's filled columns all come before the next row's first filled column. */
function continuesRow(prev: readonly string[], next: readonly string[]): boolean {
  const lastPrev = prev.reduce((k, c, i) => (c !== "" ? i : k), -1);
  const firstNext = next.findIndex((c) => c !== "");
  return lastPrev >= 0 && firstNext > lastPrev;
}

/** Drops the label column when no data row fills it. */
function dropUnusedLabel(rows: Row[], header: number): void {
  if (rows.some((r, i) => i !== header && r.cells[0] !== "")) return;
  for (const r of rows) r.cells.shift();
}

/**
 * Builds tables from a stream of items (cells) holding headers: the items before a header are left to the
 * paragraphs; a table's data rows run to the next header or the end.
 */
function tablesFromItems(
  candidate: string,
  items: Item[],
  file: string,
  opts: {
    merge: boolean;
    groups: "auto" | "never" | "lines";
    breaks: (a: number, b: number) => boolean;
    lineShared?: boolean;
  },
): Proposal[] {
  const out: Proposal[] = [];
  const texts = items.map((i) => i.text);
  let pos = 0;
  while (pos < items.length) {
    const run = findHeaderRun(texts, 3, pos);
    if (!run) break;
    const next = findHeaderRun(texts, 3, run.end);
    let stop = next ? next.start : items.length;
    // Rows glued into one line (opts.lineShared): the next header may start inside a line whose first items are
    // this table's; the table ends on the line before it, so that the two tables do not claim the same line.
    if (next && opts.lineShared) {
      const headerLine = items[next.start]!.line;
      let k = stop;
      while (k > run.end && items[k - 1]!.line === headerLine) k--;
      if (k > run.end) stop = k;
    }
    // A label before the header, in its own group or line: 绩效指标, 项目资金(万元).
    const prev = items[run.start - 1];
    const labelled =
      prev !== undefined &&
      run.start - 1 >= pos &&
      prev.group === items[run.start]!.group &&
      [...prev.text].length <= 16 &&
      !isPlaceholder(prev.text) &&
      // a form's title (…自评表) is no row label
      !TITLE.test(prev.text);
    const notes: DocumentNote[] = [];
    const data = joinBrokenNames(items.slice(run.end, stop)).filter((it) => {
      if (!isPlaceholder(it.text)) return true;
      notes.push(placeholderNote(file, it));
      return false;
    });
    const cols: Column[] = withLevelsShifted(
      tableColumns(labelled ? prev.text : "", composeHeaderRows(run)),
      data.map((it) => it.text),
    );
    const headerLine = items[labelled ? run.start - 1 : run.start]!.line;
    const headerEnd = items[run.end - 1]!.line;
    const rows: Row[] = [{ cells: cols.map((c) => c.header), line: headerLine, end: headerEnd }];
    const fits: number[] = [0];
    // the last word of each row (one-line tables): the words after the kept rows are the line's rest
    const lastWords: (number | undefined)[] = [items[run.end - 1]!.word];
    let chunks: Item[][];
    // Notes after the grid (说明：…, 填表说明：…: row-labels.ts), each a group of its own, are paragraphs after the
    // table: they neither vote on whether the groups are the rows (two of them outvoted a one-row grid) nor join
    // its last row's cells.
    let tail = data.length;
    while (
      tail > 0 &&
      data[tail - 1]!.group !== data[tail - 2]?.group &&
      data[tail - 1]!.group !== data[tail]?.group &&
      nonIndicatorRow([data[tail - 1]!.text]) === "note"
    )
      tail--;
    const groupSizes = new Map<number, number>();
    for (const it of data.slice(0, tail)) groupSizes.set(it.group, (groupSizes.get(it.group) ?? 0) + 1);
    const multi = [...groupSizes.values()].filter((n) => n >= 2).length;
    const useGroups =
      opts.groups === "lines" || (opts.groups === "auto" && groupSizes.size >= 2 && multi * 2 >= groupSizes.size);
    if (useGroups) {
      chunks = [];
      for (const it of data) {
        const last = chunks[chunks.length - 1];
        if (last && last[0]!.group === it.group) last.push(it);
        else chunks.push([it]);
      }
    } else {
      chunks = tail > 0 ? [data.slice(0, tail)] : [];
      for (const it of data.slice(tail)) chunks.push([it]);
    }
    let ended = false;
    for (const chunk of chunks) {
      const texts = chunk.map((c) => c.text);
      // a grid with points at every level (一级 | 分值 | 二级 | 分值 | 三级 | 分值 | 得分) is cut by what follows each name
      const segs = segmentLevelPoints(texts, cols) ?? segmentRows(texts, cols, { merge: opts.merge });
      for (const s of segs) {
        if (startsAnotherTable(s.cells)) {
          ended = true;
          break;
        }
        // a row of empty cells only says nothing (two bare pipes in a row: a row's end and the next one's start)
        if (s.cells.every((c) => c === "")) continue;
        const row = { cells: s.cells, line: chunk[s.start]!.line, end: chunk[s.end - 1]!.line };
        const prev = rows.length > 1 ? rows[rows.length - 1]! : undefined;
        if (useGroups && prev && s.start === 0 && continuesRow(prev.cells, s.cells)) {
          // A row split by blank lines (an empty cell's line lost): its pieces fill complementary columns.
          const a = alignRow(
            [...prev.cells, ...s.cells].filter((c) => c !== ""),
            cols,
          );
          if (a) {
            prev.cells = a.cells;
            prev.end = row.end;
            fits[fits.length - 1] = a.score;
            lastWords[lastWords.length - 1] = chunk[s.end - 1]!.word;
            continue;
          }
        }
        rows.push(row);
        fits.push(s.score);
        lastWords.push(chunk[s.end - 1]!.word);
      }
      if (ended) break;
    }
    // Rows at the end that fit badly are not the table's (a paragraph after it).
    while (rows.length > 1 && meanFit(fits[fits.length - 1]!, rows[rows.length - 1]!.cells) < 0) {
      rows.pop();
      fits.pop();
      lastWords.pop();
    }
    dropUnusedLabel(rows, 0);
    const p = finish(candidate, rows, 0, run.known, fits, file, { breaks: opts.breaks });
    const lastWord = lastWords[lastWords.length - 1];
    if (lastWord !== undefined) p.lastWord = lastWord;
    p.notes.unshift(...notes.filter((n) => (n.location?.row ?? 0) <= p.last));
    out.push(p);
    pos = stop;
  }
  return out;
}

/**
 * A 一级 / 二级 name broken over two cells (`经济效益` / `指标`: a narrow cell wrapped) is joined back when
 * together they are a name and the second piece, short and without digits, is none.
 */
function joinBrokenNames(items: Item[]): Item[] {
  const out: Item[] = [];
  for (let k = 0; k < items.length; k++) {
    const a = items[k]!;
    const b = items[k + 1];
    if (b && [...a.text].length <= 12 && [...b.text].length <= 4 && !/\d/.test(b.text)) {
      const joined = a.text + b.text;
      const named = (t: string) => isLevel1Name(t) || isLevel2Name(t);
      if (named(joined) && !named(b.text)) {
        out.push({ ...a, text: joined, ...(b.word !== undefined ? { word: b.word } : {}) });
        k += 1;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}

/** One cell per line or per paragraph (blank lines between), no separators. */
export function streamCandidate(lines: Line[], file: string): Proposal[] {
  // Blank runs: where cells are a paragraph each and rows are set apart by longer runs (one blank line between
  // cells, ten between rows), only the long runs part the groups.
  const runs: number[] = [];
  let run = 0;
  for (const l of lines) {
    if (l.gone) continue;
    if (blank(l)) run += 1;
    else {
      if (run > 0) runs.push(run);
      run = 0;
    }
  }
  const rowGap = longGap(runs);
  const items: Item[] = [];
  let group = 0;
  let blanks = 0;
  let first = true;
  for (const l of lines) {
    if (l.gone) continue;
    if (blank(l)) {
      blanks += 1;
      continue;
    }
    if (!first && blanks > 0 && blanks >= rowGap) group += 1;
    blanks = 0;
    first = false;
    items.push({ text: trimCell(l.text), line: l.no, group });
  }
  return tablesFromItems("stream", joinHeaderNotes(items), file, {
    merge: false,
    groups: "auto",
    breaks: pageBreaks(lines),
  });
}

/**
 * The blank run that parts rows: 1 (any blank line) unless the runs fall in two kinds — most of them short, and
 * at least three long ones of three lines or more, each over twice the longest short one.
 */
function longGap(runs: readonly number[]): number {
  if (runs.length < 6) return 1;
  const sorted = [...runs].sort((a, b) => a - b);
  for (let k = 1; k < sorted.length; k++) {
    const short = sorted[k - 1]!;
    const long = sorted[k]!;
    if (long >= 3 && long > short * 2 && sorted.length - k >= 3 && k >= sorted.length / 3) return long;
  }
  return 1;
}

/**
 * A header's note printed as a cell of its own in brackets (得分 / (20分*执行率)): joined to the header before it,
 * in the same group. Only after a name the vocabulary knows, so that a value in brackets ((≥77台)) stays a cell.
 */
function joinHeaderNotes(items: Item[]): Item[] {
  const out: Item[] = [];
  for (const it of items) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.group === it.group &&
      /^[(（][^()（）]{1,20}[)）]$/.test(it.text) &&
      // a note holds no figure but points ((20分*执行率)); (≥77台) is a value
      (!/\d/.test(it.text) || /\d+(\.\d+)?分/.test(it.text)) &&
      columnField(prev.text) !== undefined
    ) {
      out[out.length - 1] = { ...prev, text: prev.text + it.text };
      continue;
    }
    out.push(it);
  }
  return out;
}

/** The first index from `from` where the words, joined, begin with `text` (-1 when none, or `text` is empty). */
function spelledAt(words: string[], from: number, text: string): number {
  if (text === "") return -1;
  for (let k = from; k < words.length; k++) {
    if (!text.startsWith(words[k]!)) continue;
    let joined = "";
    for (let j = k; j < words.length && joined.length < text.length; j++) joined += words[j];
    if (joined.startsWith(text)) return k;
  }
  return -1;
}

/** Rows of words separated by spaces: one row a line, or a whole table on one line. */
export function tokensCandidate(lines: Line[], file: string): Proposal[] {
  const out: Proposal[] = [];
  const breaks = pageBreaks(lines);
  const live = lines.filter((l) => !l.gone && !blank(l));
  // Tables on one line: a line holding a header and words after it.
  const oneLine = new Set<number>();
  for (const l of live) {
    const words = splitWords(l.text);
    const run = findHeaderRun(words, 3);
    if (!run || words.length - run.end < 2) continue;
    const items = words.map((w, word) => ({ text: w, line: l.no, group: 0, word }));
    const tables = tablesFromItems("tokens", items, file, { merge: true, groups: "never", breaks });
    if (tables.length > 0) {
      oneLine.add(l.no);
      // Several tables on one line are alternatives (one line, one reading): whichever is kept keeps every word
      // before it (the title, 项目名称, an earlier table…) as the paragraph before it — nothing on the line is lost.
      let from = 0;
      for (const t of tables) {
        const head = t.rows[0]?.cells.filter((c) => c !== "") ?? [];
        // where its header starts: the words from there spell the whole header (a header name may span words), so
        // that a word before the table that is also its first header word ('说明 说明 附件 说明 | 说明 …') is not
        // taken for the header's start; else its first cell followed by its second
        let at = spelledAt(words, from, head.join(""));
        for (let k = from; k < words.length && at < 0; k++) {
          if (head.length === 0 || words[k] !== head[0]) continue;
          if (
            head.length < 2 ||
            words
              .slice(k + 1, k + 4)
              .join("")
              .startsWith(head[1]!)
          )
            at = k;
        }
        if (at < 0) continue;
        if (at > 0) t.before = words.slice(0, at).join(" ");
        // and every word after its last row (a form drawn out of reading order goes on after the table's rows)
        if (t.lastWord !== undefined && t.lastWord + 1 < words.length) t.after = words.slice(t.lastWord + 1).join(" ");
        delete t.lastWord;
        from = at + 1;
      }
      out.push(...tables);
    }
  }
  // One row a line: the words of consecutive lines, each line a group.
  const rest = live.filter((l) => !oneLine.has(l.no));
  const items: Item[] = [];
  for (const l of rest) for (const w of splitWords(l.text)) items.push({ text: w, line: l.no, group: l.no });
  for (const p of tablesFromLines(items, file, breaks)) out.push(p);
  return out;
}

const isLevelName = (t: string) => isLevel1Name(t) || isLevel2Name(t);
const POINTS_NOTE = /^[(（]\s*\d+(\.\d+)?\s*分\s*[)）]$/;
const LEVEL_NAMES = INDICATOR_FRAMEWORK.flatMap((l) => [
  l.name,
  ...l.children.flatMap((c) => [c.name, ...(c.aliases ?? [])]),
]);
/**
 * A word of a label column's cell: a 一级 / 二级 name, its points, or the start of a name broken over lines
 * (经济效益 of 经济效益指标, 服务对象 of 服务对象满意度指标); the end of a broken name joins the word before it.
 */
function isLabelPiece(w: string): boolean {
  return isLevelName(w) || POINTS_NOTE.test(w) || ([...w].length >= 2 && LEVEL_NAMES.some((n) => n.startsWith(w)));
}

function splitWords(text: string): string[] {
  return text
    .trim()
    .split(/[ \t\u3000\u00a0]+/)
    .filter((w) => w !== "");
}

/** Tables of one row a line: rows run while lines align well with the header. */
function tablesFromLines(items: Item[], file: string, breaks: (a: number, b: number) => boolean): Proposal[] {
  const out: Proposal[] = [];
  const texts = items.map((i) => i.text);
  let pos = 0;
  while (pos < items.length) {
    let run = findHeaderRun(texts, 3, pos);
    if (!run) break;
    // A header ends with its line: a run that goes on into the next line's first words (绩效指标 on the row under
    // a header 绩效指标 一级指标 …: the label of a merged column) stops at the line's end.
    const lastLine = items[run.end - 1]!.line;
    if (run.end < items.length && items[run.end]!.line === lastLine && items[run.start]!.line !== lastLine) {
      let cut = run.end;
      while (cut > run.start && items[cut - 1]!.line === lastLine) cut -= 1;
      const shorter = findHeaderRun(texts.slice(0, cut), 3, run.start);
      if (shorter && shorter.end === cut) run = shorter;
    }
    const prev = items[run.start - 1];
    const labelled =
      prev !== undefined &&
      run.start - 1 >= pos &&
      prev.group === items[run.start]!.group &&
      [...prev.text].length <= 16;
    let cols: Column[] = withLevelsShifted(
      tableColumns(labelled ? prev.text : "", run),
      texts.slice(run.end, findHeaderRun(texts, 3, run.end)?.start ?? texts.length),
    );
    let headerEndLine = items[run.end - 1]!.line;
    // Words on a line are a row: a header of one word a line is the stream reading's, not this one's.
    const perLine = new Map<number, number>();
    for (let x = run.start; x < run.end; x++) perLine.set(items[x]!.line, (perLine.get(items[x]!.line) ?? 0) + 1);
    if (Math.max(...perLine.values()) < 3) {
      pos = run.end;
      continue;
    }
    // a second header line naming the parts of columns (符号 / 单位 under 预期指标值): part-columns.ts
    const parted = partsLine(items, run, cols);
    if (parted) {
      cols = parted.columns;
      headerEndLine = parted.line;
    }
    const rows: Row[] = [
      { cells: cols.map((c) => c.header), line: items[labelled ? run.start - 1 : run.start]!.line, end: headerEndLine },
    ];
    const fits: number[] = [0];
    const notes: DocumentNote[] = [];
    // Words after the header on its own last line start the data (a header wrapped mid-line is rare).
    let k = run.end;
    while (k < items.length && items[k]!.line <= headerEndLine) k += 1;
    let carried: { text: string; line: number }[] = [];
    while (k < items.length) {
      const line = items[k]!.line;
      let e = k;
      while (e < items.length && items[e]!.line === line) e += 1;
      const words = texts.slice(k, e);
      if (findHeaderRun(words, 3)) break;
      let kept = words.filter((w, i) => {
        if (!isPlaceholder(w)) return true;
        notes.push(placeholderNote(file, items[k + i]!));
        return false;
      });
      // 指标1:/ / /: the rest of a placeholder's line says "not applicable" — no row
      if (kept.length < words.length && kept.every(isDash)) kept = [];
      // a line of dashes only (`-`, `- -`): an empty row of the form, nothing to read
      if (kept.length > 0 && kept.every(isDash)) {
        k = e;
        continue;
      }
      // a sentence on a line of its own between rows (the text of a long cell — 得分计算方法 — printed apart):
      // kept as a note of the table, which goes on
      if (rows.length > 1 && kept.length === 1 && isRunningText(kept[0]!)) {
        notes.push(runningTextNote(file, items[k]!));
        k = e;
        continue;
      }
      if (kept.length === 0) {
        // the names carried for this row head a group the form left empty: no row to put them on
        if (words.length > 0) carried = [];
        k = e;
        continue;
      }
      // a row's last number alone on the next line (a 定性 row's 权重 under `… 定性 高中低`): the row above's cell
      if (carried.length === 0 && rows.length > 1 && kept.length === 1) {
        const last = rows[rows.length - 1]!;
        const into = fallenCellColumn(
          kept[0]!,
          last.cells,
          rows.slice(1, -1).map((r) => r.cells),
          cols,
        );
        if (into !== undefined) {
          last.cells[into] = kept[0]!;
          last.end = line;
          k = e;
          continue;
        }
      }
      // a 一级 name printed over two lines (项目完成 / 指标): its end joins the row above, or the words carried
      const above = rows.length > 1 && carried.length === 0 ? rows[rows.length - 1]! : undefined;
      const lastFilled = above ? above.cells.map((c) => c !== "").lastIndexOf(true) : -1;
      if (above && lastFilled >= 0 && kept.length > 0) {
        const joined = above.cells[lastFilled]! + kept[0]!;
        if ((isLevel1Name(joined) || isLevel2Name(joined)) && !isLevel1Name(kept[0]!) && !isLevel2Name(kept[0]!)) {
          above.cells[lastFilled] = joined;
          kept.shift();
          if (kept.length === 0) {
            k = e;
            continue;
          }
        }
      }
      if (carried.length > 0) {
        const last = carried[carried.length - 1]!;
        const joined = last.text + kept[0]!;
        // 可持续影 / 响指标, 服务对象 / 满意度指标, 满意度指标 / (10分): pieces of one name, not two names
        if ((isLevel1Name(joined) || isLevel2Name(joined)) && !(isLevelName(kept[0]!) && isLevelName(last.text))) {
          carried[carried.length - 1] = { text: joined, line: last.line };
          kept.shift();
          if (kept.length === 0) {
            k = e;
            continue;
          }
        }
      }
      // more lines of a label column printed vertically (经济效益 / 指标, 服务对象 / 满意度指标) go on the carried words
      if (carried.length > 0 && kept.length <= 2 && carried.length + kept.length <= 4 && kept.every(isLabelPiece)) {
        carried.push(...kept.map((text) => ({ text, line })));
        k = e;
        continue;
      }
      if (kept.length === 1 && carried.length > 0) break;
      // a line of label words only (产出 of 产出指标 printed vertically, 满意度指标, (30分)) starts the next row
      if (carried.length === 0 && kept.length <= 2 && e < items.length && kept.every(isLabelPiece)) {
        carried = kept.map((text) => ({ text, line }));
        k = e;
        continue;
      }
      if (startsAnotherTable(kept, cols)) break;
      const all = [...carried.map((c) => c.text), ...kept];
      const a = (parted && placeByParts(all, cols)) || alignRow(all, cols, true);
      const f = a ? meanFit(a.score, a.cells) : -1;
      if (!a || f < 0.15) {
        // A line of one or two words that fit no row alone (a 一级 name printed vertically, its points left):
        // the start of the next row.
        if (carried.length === 0 && kept.length <= 2 && e < items.length) {
          carried = kept.map((text) => ({ text, line }));
          k = e;
          continue;
        }
        break;
      }
      rows.push({ cells: a.cells, line: carried[0]?.line ?? line, end: line });
      fits.push(a.score);
      carried = [];
      k = e;
    }
    if (rows.length >= 2) {
      dropUnusedLabel(rows, 0);
      const p = finish("tokens", rows, 0, run.known, fits, file, { breaks });
      p.notes.unshift(...notes.filter((n) => (n.location?.row ?? 0) <= p.last));
      out.push(p);
    }
    pos = Math.max(k, run.end);
  }
  return out;
}

/**
 * A header's second line read as the parts of its first line's columns (withPartColumns), judged by the widest of
 * the next lines: the line the header run ended on when the run took both lines (the parts are known names too),
 * else the line after it. The columns and the parts line's number, or undefined.
 */
function partsLine(items: Item[], run: HeaderRun, cols: Column[]): { columns: Column[]; line: number } | undefined {
  const lastLine = items[run.end - 1]!.line;
  const lines = new Map<number, string[]>();
  for (const it of items.slice(run.end)) {
    if (it.line <= lastLine) continue;
    if (!lines.has(it.line) && lines.size === 7) break;
    lines.set(it.line, [...(lines.get(it.line) ?? []), it.text]);
  }
  const rows = [...lines.entries()];
  const widest = (from: number) => Math.max(0, ...rows.slice(from).map(([, words]) => words.length));
  // the run's last line, when each of its words is a column of its own at the header's end
  const lower = items.slice(run.start, run.end).filter((it) => it.line === lastLine);
  if (items[run.start]!.line !== lastLine && lower.length < cols.length) {
    const upper = cols.slice(0, cols.length - lower.length);
    const named = cols.slice(upper.length).every((c, i) => c.header === lower[i]!.text);
    const columns =
      named && rows.length > 0
        ? withPartColumns(
            upper,
            lower.map((it) => it.text),
            widest(0),
          )
        : undefined;
    if (columns) return { columns, line: lastLine };
  }
  if (rows.length < 2) return undefined;
  const columns = withPartColumns(cols, rows[0]![1], widest(1));
  return columns ? { columns, line: rows[0]![0] } : undefined;
}

const PIPE = /[|｜]/;
const RULE = /^[\s|｜:：\-—=+]*$/;

const TITLE = /表\s*([(（][^)）]*[)）])?$/;

/** Splits rows at title rows: a row of one filled cell naming a table (…绩效目标表, …自评表 (2019 年度)). */
function splitAtTitles(rows: Row[]): Row[][] {
  const out: Row[][] = [];
  let cur: Row[] = [];
  for (const r of rows) {
    const filled = r.cells.filter((c) => c !== "");
    if (filled.length === 1 && TITLE.test(filled[0]!) && [...filled[0]!].length >= 6 && cur.length > 0) {
      out.push(cur);
      cur = [];
    }
    cur.push(r);
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/**
 * The logical rows of pipe lines. When rows start with `|`, a line that does not (a cell whose text began on a new
 * line: `| 项目名称 |` then `2020年…自评表 |`) or that holds only pipes (the row's empty cells after it) goes on the
 * row above; a lone `|` opens a row whose first cell is on the next line.
 */
function rowLines(content: Line[]): { line: Line; end: number }[] {
  const opens = (t: string) => /^[|｜]/.test(t);
  const onlyPipes = (t: string) => /^[|｜\s]+$/.test(t) && t.replace(/\s/g, "").length >= 2;
  const leading = content.filter((l) => opens(l.text.trim())).length;
  if (leading * 3 < content.length || !opens(content[0]?.text.trim() ?? "")) {
    return content.map((line) => ({ line, end: line.no }));
  }
  const width = (t: string) =>
    t
      .trim()
      .replace(/^[|｜]/, "")
      .replace(/[|｜]$/, "")
      .split(/[|｜]/).length;
  const out: { line: Line; end: number }[] = [];
  let widest = 0;
  for (const l of content) {
    const t = l.text.trim();
    const last = out[out.length - 1];
    // bare pipes finish a row still short of the widest row so far; after a full row they open an empty-led one
    const short = last !== undefined && (widest === 0 || width(last.line.text) < widest);
    if (last && (!opens(t) || (onlyPipes(t) && short))) {
      out[out.length - 1] = { line: { ...last.line, text: `${last.line.text.trim()}${t}` }, end: l.no };
      continue;
    }
    if (last) widest = Math.max(widest, width(last.line.text));
    out.push({ line: l, end: l.no });
  }
  return out;
}

/** The tables of pipe rows (a row's cells known): the header is the row naming the most known columns. */
function pipeRowTables(allRows: Row[], file: string, breaks: (a: number, b: number) => boolean): Proposal[] {
  const out: Proposal[] = [];
  // Several tables in one run (one project after another): a title row (…表) starts the next.
  for (const rows of splitAtTitles(joinBrokenHeaders(allRows))) {
    if (rows.length < 2 || rows.filter((r) => r.cells.length >= 2).length < 2) continue;
    // The header: the row naming the most known columns. Rows shorter than it (merged cells left out) are
    // aligned to it; rows already as wide (padded with empty cells) are kept as they are.
    let header = -1;
    let known = 0;
    rows.forEach((r, k) => {
      const m = matchHeader(r.cells);
      if (m.known >= 2 && m.known > known) {
        header = k;
        known = m.known;
      }
    });
    const fits: number[] = rows.map(() => 0.5);
    if (header >= 0) {
      const head = rows[header]!.cells;
      const cols = head.map((h) => columnOf(h, columnField(h)));
      for (let r = header + 1; r < rows.length; r++) {
        const row = rows[r]!;
        // A row shorter than the header lost merged cells (at its start, mostly): aligned to the header. A row
        // padded to the header's width is kept as it stands: its padding says nothing of where cells were lost.
        if (row.cells.length < cols.length && matchHeader(row.cells).known < 2) {
          const a = alignRow(row.cells, cols);
          if (a) row.cells = a.cells;
        }
      }
    }
    out.push(finish("pipe", rows, header, known, fits, file, { explicit: true, breaks }));
  }
  return out;
}

/**
 * The width every row of one cell a line has when closed by its run of pipes: the width of the rows closed so far
 * when at least two of them are and all have it (a grid printed to its full width), else none.
 */
function fullWidth(rows: Row[]): number | undefined {
  if (rows.length < 2) return undefined;
  const w = rows[0]!.cells.length;
  return w >= 3 && rows.every((r) => r.cells.length === w) ? w : undefined;
}

/** Rows with `|` between cells; markdown tables; one cell per line ending with `|`. */
export function pipeCandidate(lines: Line[], file: string): Proposal[] {
  const out: Proposal[] = [];
  const breaks = pageBreaks(lines);
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.gone || !PIPE.test(lines[i]!.text)) {
      i += 1;
      continue;
    }
    const run: Line[] = [];
    let j = i;
    while (j < lines.length) {
      const l = lines[j]!;
      if (l.gone) {
        j += 1;
        continue;
      }
      if (PIPE.test(l.text)) {
        run.push(l);
        j += 1;
        continue;
      }
      // Blank lines inside the run, and (for one cell a line) cells whose `|` was lost.
      if (blank(l) && j + 1 < lines.length && PIPE.test(lines[j + 1]!.text)) {
        run.push(l);
        j += 1;
        continue;
      }
      // One cell a line, the text's last line without its `|`: the cell the text's end cut (`>=9` of `>=90% |`)
      const before = run[run.length - 1]?.text.trim() ?? "";
      if (
        /^[^|｜]*[|｜]$/.test(before) &&
        lines.slice(j + 1).every((x) => x.gone || blank(x)) &&
        [...l.text.trim()].length <= 40
      ) {
        run.push(l);
        j += 1;
        continue;
      }
      break;
    }
    i = j;
    const content = run.filter((l) => !blank(l));
    // A row's last cell may carry the pipes of the cells after it (`宝坻区人民政府 | ||||`, `1 | ||`), or a line of
    // pipes close the row (`||||`): each such line ends a row, whose cells are the lines since the last end (a
    // lone `|` an empty cell) — the page's row written one cell a line. Read that way too, as rows of pipes
    // (head rows, a header and its data rows, short rows aligned to the header); the better reading is kept.
    let cellRows = false;
    let evenRows = false;
    const closes = (t: string) => /[|｜]\s*[|｜]\s*$/.test(t.trim());
    const oneCell = (t: string) => /[|｜]\s*$/.test(t) && t.split(/[|｜]/).filter((c) => c.trim() !== "").length <= 1;
    if (
      content.filter((l) => oneCell(l.text)).length >= content.length * 0.7 &&
      content.filter((l) => closes(l.text) && !/^[|｜\s]*$/.test(l.text)).length >= 2
    ) {
      const rows: Row[] = [];
      let open: Line[] = [];
      const flush = () => {
        const t = open.map((l) => l.text.trim()).join(" ");
        const cells = t
          .replace(/^[|｜]/, "")
          .replace(/[|｜]$/, "")
          .split(/[|｜]/)
          .map(trimCell);
        if (cells.some((c) => c !== "")) {
          const first = open[0]!.no;
          const last = open[open.length - 1]!.no;
          rows.push({ cells, line: first, ...(last !== first ? { end: last } : {}) });
        }
        open = [];
      };
      for (const l of content) {
        open.push(l);
        // a full row has no empty cells after its last, so no pipes close it: it ends when it is as wide as the
        // rows closed before it (`≥95% |` then the next row's `能繁母猪稳定率 |`)
        if (closes(l.text) || (!/^[|｜\s]*$/.test(l.text) && open.length === fullWidth(rows))) flush();
      }
      if (open.length > 0) flush();
      out.push(...pipeRowTables(rows, file, breaks));
      cellRows = true;
      // every row as wide as the others: the grid printed to its full width, the rows are the pipes'
      evenRows = rows.length >= 3 && fullWidth(rows) !== undefined;
    }
    const cellLines = content.filter((l) => /^[^|｜]*[|｜]\s*$/.test(l.text.trim())).length;
    if (content.length > 0 && cellLines / content.length >= 0.7) {
      // One cell a line, each ending with `|`.
      const items: Item[] = [];
      let group = 0;
      let wasBlank = false;
      for (const l of run) {
        if (blank(l)) {
          if (!wasBlank) group += 1;
          wasBlank = true;
          continue;
        }
        wasBlank = false;
        // a cell's line ends with its `|` — and a row's last cell with the pipes of the cells merged after it
        // (`3500 | |`, `15000 | |||`): none of them is the cell's text
        const text = trimCell(l.text.replace(/[|｜]\s*$/, ""));
        const tail = /^(.*?[^|｜\s])(\s*[|｜])+\s*$/.exec(text);
        items.push({ text: tail ? trimCell(tail[1]!) : text, line: l.no, group });
      }
      // A line of pipes only (`||||`) ends a row: its pipes stand for the cells the row left out (merged or
      // empty). Where such lines occur, the rows are theirs; a cell of pipes is never read as a value.
      const padded = evenRows || items.some((it) => /^[|｜][|｜\s]*$/.test(it.text));
      if (!padded)
        for (const p of tablesFromItems("pipe-cells", items, file, { merge: false, groups: "auto", breaks }))
          out.push(p);
      // Some pages end every row with an empty cell, a bare `|`: read that way too (rows cut at the bare pipes);
      // the reading that fits the header better is kept.
      const rowEnd = (it: Item) => /^[|｜\s]*$/.test(it.text);
      const bare = items.filter(rowEnd).length;
      if (bare >= 2) {
        const rows: Item[] = [];
        let g = 0;
        for (const it of items) {
          if (rowEnd(it)) g += 1;
          else rows.push({ ...it, group: g });
        }
        for (const p of tablesFromItems("pipe-cells", rows, file, { merge: false, groups: "auto", breaks }))
          out.push(p);
      }
      continue;
    }
    // one cell a line: a row a line is no reading of it
    if (cellRows) continue;
    // The cells in order, whatever the rows: a page that ran several rows of the table into one `|` line (merged
    // cells left out, rows glued) is cut into rows by the header's width and the values' shapes, like a stream;
    // the reading that fits the header better is kept.
    const streamed: Item[] = [];
    for (const l of content) {
      const t = l.text.trim();
      if (RULE.test(t) && /[-—=]{2,}/.test(t)) continue;
      for (const c of t
        .replace(/^[|｜]/, "")
        .replace(/[|｜]$/, "")
        .split(/[|｜]/)) {
        const text = trimCell(c);
        // a line is a group: a label cell before a header attaches to it only on the header's own line
        if (text !== "") streamed.push({ text, line: l.no, group: l.no });
      }
    }
    // glued: a line holds more filled cells than the widest header has columns (a row a line never does)
    const perLine = new Map<number, number>();
    for (const x of streamed) perLine.set(x.line, (perLine.get(x.line) ?? 0) + 1);
    const streamedTexts = streamed.map((x) => x.text);
    let widest = 0;
    for (let run = findHeaderRun(streamedTexts, 3, 0); run; run = findHeaderRun(streamedTexts, 3, run.end)) {
      widest = Math.max(widest, run.columns.length);
    }
    if (widest > 0 && Math.max(...perLine.values()) > widest + 2) {
      // the form's head before the first header: each line holding a form label (项目名称, 主管部门…) is a row
      const first = findHeaderRun(streamedTexts, 3);
      const headLines = content.filter((l) => first === undefined || l.no < streamed[first.start]!.line);
      const labelRows: Row[] = [];
      const labels = new Set<string>();
      for (const l of headLines) {
        const cells = streamed.filter((x) => x.line === l.no).map((x) => x.text);
        const named = cells.filter((c) => formLabel(c));
        if (named.length === 0) continue;
        for (const c of named) labels.add(columnField(c)!);
        labelRows.push({ cells, line: l.no });
      }
      if (labelRows.length > 0) {
        const p = finish("pipe-stream", labelRows, -1, labels.size, [], file, { explicit: true });
        p.known = labels.size;
        out.push(p);
      }
      for (const p of tablesFromItems("pipe-stream", streamed, file, {
        merge: false,
        groups: "never",
        breaks,
        lineShared: true,
      }))
        out.push(p);
    }
    const allRows: Row[] = [];
    for (const { line: l, end } of rowLines(content)) {
      const t = l.text.trim();
      if (RULE.test(t) && /[-—=]{2,}/.test(t)) continue;
      const cells = t
        .replace(/^[|｜]/, "")
        .replace(/[|｜]$/, "")
        .split(/[|｜]/)
        .map(trimCell);
      allRows.push({ cells, line: l.no, ...(end !== l.no ? { end } : {}) });
    }
    out.push(...pipeRowTables(allRows, file, breaks));
  }
  return out;
}

interface Placed {
  text: string;
  start: number;
  end: number;
}

/** Cells separated by two or more spaces, with their display columns. */
export function placedCells(text: string): Placed[] {
  const out: Placed[] = [];
  let col = 0;
  let cur: Placed | undefined;
  let spaces = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const w = ch === "\t" ? 8 - (col % 8) : charWidth(cp);
    if (ch === " " || ch === "\u3000" || ch === "\t" || ch === "\u00a0") {
      spaces += ch === "\u3000" || ch === "\t" ? 2 : 1;
      col += w;
      continue;
    }
    if (cur && spaces < 2) {
      cur.text += `${" ".repeat(spaces)}${ch}`;
      cur.end = col + w;
    } else {
      if (cur) out.push(cur);
      cur = { text: ch, start: col, end: col + w };
    }
    spaces = 0;
    col += w;
  }
  if (cur) out.push(cur);
  return out;
}

/** Columns aligned by spaces (pdftotext -layout): cells go under the header by position. */
export function spacedCandidate(lines: Line[], file: string): Proposal[] {
  const out: Proposal[] = [];
  const live = lines.filter((l) => !l.gone);
  const placed = live.map((l) => placedCells(l.text));
  let i = 0;
  while (i < live.length) {
    const cells = placed[i]!;
    if (cells.length < 3) {
      i += 1;
      continue;
    }
    let head = headerOf(cells);
    let headerEnd = i;
    // A wrapped header: the next line's pieces sit under the header's cells (一级 / 指标).
    const below = placed[i + 1];
    if (below && below.length > 0 && below.every((b) => !isNumber(b.text))) {
      const merged = mergeWrapped(cells, below);
      const h2 = merged ? headerOf(merged) : undefined;
      if (h2 && h2.known > (head?.known ?? 0)) {
        head = h2;
        headerEnd = i + 1;
      }
    }
    if (!head) {
      i += 1;
      continue;
    }
    const cols = head.columns;
    const spans = head.cells;
    const zones = spans.map((s, k) => ({
      from: k === 0 ? Number.NEGATIVE_INFINITY : (spans[k - 1]!.end + s.start) / 2,
      to: k === spans.length - 1 ? Number.POSITIVE_INFINITY : (s.end + spans[k + 1]!.start) / 2,
      width: Math.max(4, s.end - s.start),
    }));
    const tableWidth = spans[spans.length - 1]!.end - spans[0]!.start;
    const rows: Row[] = [{ cells: cols.map((c) => c.header), line: live[i]!.no, end: live[headerEnd]!.no }];
    const fits: number[] = [0];
    const notes: DocumentNote[] = [];
    let k = headerEnd + 1;
    let blanks = 0;
    let lastLine = live[headerEnd]!.no;
    while (k < live.length) {
      const l = live[k]!;
      const pc = placed[k]!;
      if (pc.length === 0) {
        blanks += 1;
        if (blanks > 2) break;
        k += 1;
        continue;
      }
      if (pc.length >= 3 && headerOf(pc)) break;
      const only = pc.length === 1 ? pc[0]! : undefined;
      if (only && only.end - only.start > Math.max(24, tableWidth * 0.6)) break;
      // A line of one cell after a blank line is a paragraph after the table.
      if (only && blanks > 0) break;
      blanks = 0;
      if (pc.every((c) => isPlaceholder(c.text))) {
        notes.push(placeholderNote(file, { text: pc.map((c) => c.text).join(" "), line: l.no, group: 0 }));
        k += 1;
        lastLine = l.no;
        continue;
      }
      const a = placeRow(pc, cols, zones);
      if (!a || a.fit < 0) break;
      const prev = rows.length > 1 ? rows[rows.length - 1]! : undefined;
      if (prev && isWrapLine(a.cells, cols, prev.cells)) {
        a.cells.forEach((c, x) => {
          if (c !== "") prev.cells[x] = joinWrapped(prev.cells[x]!, c);
        });
        prev.end = l.no;
      } else {
        rows.push({ cells: a.cells, line: l.no });
        fits.push(a.score);
      }
      lastLine = l.no;
      k += 1;
    }
    if (rows.length >= 2) {
      const p = finish("spaced", rows, 0, head.known, fits, file, { last: lastLine, breaks: pageBreaks(lines) });
      p.notes.unshift(...notes);
      out.push(p);
    }
    i = Math.max(k, i + 1);
  }
  return out;
}

function headerOf(cells: Placed[]): { cells: Placed[]; columns: Column[]; known: number } | undefined {
  const run = findHeaderRun(
    cells.map((c) => c.text),
    3,
  );
  if (!run) return undefined;
  // Header cells outside the run (a label such as 绩效指标 before it) are columns the vocabulary does not name.
  const columns: Column[] = cells.map((c, k) =>
    k >= run.start && k < run.end && run.end - run.start === run.columns.length
      ? run.columns[k - run.start]!
      : { header: c.text, shape: "text" },
  );
  if (run.end - run.start !== run.columns.length) return undefined;
  return { cells, columns, known: run.known };
}

function mergeWrapped(head: Placed[], below: Placed[]): Placed[] | undefined {
  const out = head.map((c) => ({ ...c }));
  for (const b of below) {
    const center = (b.start + b.end) / 2;
    const k = out.findIndex((c) => center >= c.start - 2 && center <= c.end + 2);
    if (k < 0) return undefined;
    out[k]!.text += b.text;
    out[k]!.end = Math.max(out[k]!.end, b.end);
    out[k]!.start = Math.min(out[k]!.start, b.start);
  }
  return out;
}

/** Places a line's cells under the columns: monotone, by position first and shape second. */
function placeRow(
  pc: Placed[],
  cols: Column[],
  zones: { from: number; to: number; width: number }[],
): { cells: string[]; fit: number; score: number } | undefined {
  const C = cols.length;
  // Cells whose centres fall in the same zone, side by side, are one cell (a single-space gap pdftotext widened).
  const merged: Placed[] = [];
  const zoneOf = (p: Placed) => {
    const c = (p.start + p.end) / 2;
    return zones.findIndex((z) => c >= z.from && c < z.to);
  };
  for (const p of pc) {
    const last = merged[merged.length - 1];
    if (last && merged.length + (pc.length - pc.indexOf(p)) > C && zoneOf(last) === zoneOf(p)) {
      last.text += ` ${p.text}`;
      last.end = p.end;
    } else merged.push({ ...p });
  }
  const n = merged.length;
  if (n > C) return undefined;
  const score = (i: number, j: number) => {
    const p = merged[i]!;
    const z = zones[j]!;
    const c = (p.start + p.end) / 2;
    const d = c < z.from ? z.from - c : c >= z.to ? c - z.to : 0;
    const pos = d === 0 ? 1 : Math.max(-2, 1 - (2 * d) / z.width);
    return pos + 0.5 * fit(p.text, cols[j]!.shape);
  };
  const NEG = Number.NEGATIVE_INFINITY;
  const dp: number[][] = Array.from({ length: C + 1 }, () => new Array(n + 1).fill(NEG));
  const took: boolean[][] = Array.from({ length: C + 1 }, () => new Array(n + 1).fill(false));
  dp[0]![0] = 0;
  for (let j = 1; j <= C; j++) {
    for (let i = 0; i <= n; i++) {
      let best = dp[j - 1]![i]! === NEG ? NEG : dp[j - 1]![i]! + emptyCost(cols[j - 1]!) * 0.25;
      let t = false;
      if (i > 0 && dp[j - 1]![i - 1]! !== NEG) {
        const s = dp[j - 1]![i - 1]! + score(i - 1, j - 1);
        if (s > best) {
          best = s;
          t = true;
        }
      }
      dp[j]![i] = best;
      took[j]![i] = t;
    }
  }
  if (dp[C]![n] === NEG) return undefined;
  const cells = new Array<string>(C).fill("");
  let i = n;
  for (let j = C; j >= 1; j--) {
    if (took[j]![i]) {
      cells[j - 1] = trimCell(merged[i - 1]!.text);
      i -= 1;
    }
  }
  return { cells, fit: dp[C]![n]! / (1.5 * Math.max(1, n)), score: dp[C]![n]! / 1.5 };
}

/**
 * A line holding only the rest of texts of the row above (a wrapped cell): in text columns, or the end of a 一级 /
 * 二级 name (服务对象满意 / 度指标) that makes the cell above a framework name.
 */
function isWrapLine(cells: string[], cols: Column[], above: readonly string[]): boolean {
  const filled = cells.map((c, i) => [c, i] as const).filter(([c]) => c !== "");
  if (filled.length === 0 || filled.length > 2) return false;
  return filled.every(([c, i]) => {
    const shape = cols[i]!.shape;
    if (shape === "level1" || shape === "level2") {
      const joined = joinWrapped(above[i] ?? "", c);
      return (above[i] ?? "") !== "" && (isLevel1Name(joined) || isLevel2Name(joined));
    }
    return shape === "text" && i > 0 && fit(c, "text") > 0 && (above[i] ?? "") !== "";
  });
}

function joinWrapped(a: string, b: string): string {
  if (a === "") return b;
  const cjk = (ch: string | undefined) => ch !== undefined && charWidth(ch.codePointAt(0)!) === 2;
  return cjk([...a].pop()) || cjk([...b][0]) ? `${a}${b}` : `${a} ${b}`;
}

const LABEL_COLON = /^([^:：\s]{2,10})[:：]\s*(.+)$/;

/** A form's code label (部门预算编码, 单位代码, 项目编号), which a name is not. */
const CODE_LABEL = /^[\u4e00-\u9fa5]{0,6}(编码|代码|编号)[:：]?$/;

/** A form's head labels as they are glued to their values (项目主管部门青山区教育局项目执行单位化工区学校). */
const GLUED_LABEL =
  /(项目支出名称|专项资金名称|项目名称|(?:项目)?主管部门(?:及代码)?|预算部门|部门名称|(?:项目|资金)?(?:实施|执行|使用)单位|预算单位)/g;

/**
 * A word that starts with a form label glued to its value, cut into label and value (and any further label the
 * value runs into); other words as they are.
 */
function splitGluedLabels(word: string): string[] {
  GLUED_LABEL.lastIndex = 0;
  const first = GLUED_LABEL.exec(word);
  if (first?.index !== 0 || first[0].length === word.length) return [word];
  // 部门名称：… is a label with its colon (read as such, or a heading line): not glued
  if (/^[:：]/.test(word.slice(first[0].length))) return [word];
  const out: string[] = [];
  let at = 0;
  for (let m: RegExpExecArray | null = first; m; m = GLUED_LABEL.exec(word)) {
    if (m.index > at) out.push(word.slice(at, m.index));
    out.push(m[0]);
    at = m.index + m[0].length;
    if (/^[:：]/.test(word.slice(at))) at += 1;
  }
  if (at < word.length) out.push(word.slice(at));
  // a label with no value after it (…单位 at the end) keeps the word whole: it was a name, not a head
  return out.length >= 2 && formLabel(out[out.length - 1]!) ? [word] : out;
}

function formLabel(text: string): boolean {
  const f = columnField(text);
  return (f !== undefined && FORM_LABELS.has(f)) || formLabelOf(text) !== undefined;
}

/**
 * A form's label / value lines (项目名称 禁毒经费; 主管部门 宣城市公安局 实施单位 禁毒支队; 项目名称：…; a label on its
 * own line and its value on the next): each line a row of labels and values, consecutive lines one table.
 */
export function pairsCandidate(lines: Line[], file: string): Proposal[] {
  const out: Proposal[] = [];
  const live = lines.filter((l) => !l.gone && !blank(l));
  let rows: Row[] = [];
  let labels = new Set<string>();
  let colonOnly = true;
  const close = () => {
    // One line of one label, a colon and its value (部门名称：…) is a heading line, not a table.
    if (rows.length >= 2 || labels.size >= 2 || !colonOnly) {
      const p = finish("pairs", rows, -1, labels.size, [], file, { explicit: true });
      p.known = labels.size;
      out.push(p);
    }
    rows = [];
    labels = new Set();
    colonOnly = true;
  };
  const clean = (t: string) => t.trim().replace(/\s*[|｜]+$/, "");
  for (let k = 0; k < live.length; k++) {
    const l = live[k]!;
    const text = clean(l.text);
    if ([...text].length > 120) {
      close();
      continue;
    }
    // A label alone on its line, its value on the next.
    if (formLabel(text)) {
      const next = live[k + 1];
      if (next && !formLabel(clean(next.text)) && [...clean(next.text)].length <= 80) {
        rows.push({ cells: [trimCell(text), trimCell(clean(next.text))], line: l.no, end: next.no });
        colonOnly = false;
        labels.add(columnField(text)!);
        k += 1;
        continue;
      }
      close();
      continue;
    }
    const words = splitWords(text).flatMap(splitGluedLabels);
    const first = words[0] ?? "";
    const colon = LABEL_COLON.exec(first);
    if (!formLabel(first) && !(colon && formLabel(colon[1]!))) {
      close();
      continue;
    }
    const cells: string[] = [];
    for (const w of words) {
      const c = LABEL_COLON.exec(w);
      if (formLabel(w)) {
        cells.push(w.replace(/[:：]$/, ""));
        cells.push("");
        labels.add(columnField(w)!);
        colonOnly = false;
      } else if (c && formLabel(c[1]!)) {
        cells.push(c[1]!, c[2]!);
        labels.add(columnField(c[1]!)!);
      } else if (cells.length > 0 && cells[cells.length - 1] !== "" && CODE_LABEL.test(w)) {
        // a code label after a value (… 部门预算编码 901001033): a label of its own, its number its value
        cells.push(w.replace(/[:：]$/, ""), "");
      } else if (cells.length === 0) {
        cells.push("", w);
      } else {
        cells[cells.length - 1] = cells[cells.length - 1] === "" ? w : `${cells[cells.length - 1]} ${w}`;
      }
    }
    rows.push({ cells, line: l.no });
  }
  close();
  return out;
}

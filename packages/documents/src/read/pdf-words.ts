/**
 * A PDF's tables rebuilt from its words' positions (`pdftotext -bbox-layout`), for tables printed in columns so
 * narrow that `pdftotext -layout` keeps a single space between cells (or wraps a cell's text across the row):
 *
 * - rows: the page's text lines grouped by their vertical extent — a cell wrapped over two or three lines (a block
 *   of lines on that many levels, each just under the one before) is one item, and items whose extents overlap are one row (the
 *   amount printed beside the middle of a wrapped label belongs to that label's row);
 * - tables: runs of rows of cells side by side (two items, or words on a line far apart; a title or a paragraph line
 *   ends a run);
 * - columns: in each run, the x ranges no word of any row covers (a column's text never crosses into the next
 *   one, since a cell wraps instead) split the width into columns; a gap only one row bridges (a merged header
 *   cell) still splits, when the run has four rows or more; two neighbouring ranges that no row holds words in both
 *   of are one column (its cells placed differently across it: indented, aligned left in one row and right in
 *   another, a long label bridging the gap);
 * - cells: each word goes to the column its left edge falls in; words of one cell are joined (a space between words
 *   on one line, nothing across a wrapped Chinese line).
 *
 * The result is an alternative reading of the whole document (`SourceDocument.positioned`): readers that could not
 * read a table from the layout text may read it from here (import/final-account.ts).
 */
import { execFile } from "node:child_process";
import type { Block, Cell } from "../model/table.ts";

export interface PdfWord {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  text: string;
}
export interface PdfLine {
  words: PdfWord[];
  x0: number;
  y0: number;
  y1: number;
}
/** A page's text blocks (pdftotext's), each a list of lines. */
export interface PdfPage {
  blocks: PdfLine[][];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decodeEntities = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e[0] === "#"
      ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : ENTITIES[e.toLowerCase()]!,
  );
const num = (attrs: string, name: string) => Number(new RegExp(`${name}="([-\\d.]+)"`).exec(attrs)?.[1] ?? "0");

/** Parses `pdftotext -bbox-layout` output into pages of blocks of lines of words. */
export function parseBboxLayout(xhtml: string): PdfPage[] {
  const pages: PdfPage[] = [];
  for (const page of xhtml.split(/<page\b/).slice(1)) {
    const blocks: PdfLine[][] = [];
    for (const block of page.split(/<block\b/).slice(1)) {
      const lines: PdfLine[] = [];
      for (const line of block.split(/<line\b/).slice(1)) {
        const words: PdfWord[] = [];
        for (const m of line.matchAll(/<word\b([^>]*)>([^<]*)<\/word>/g)) {
          const a = m[1]!;
          words.push({
            x0: num(a, "xMin"),
            x1: num(a, "xMax"),
            y0: num(a, "yMin"),
            y1: num(a, "yMax"),
            text: decodeEntities(m[2]!),
          });
        }
        if (words.length === 0) continue;
        lines.push({
          words,
          x0: Math.min(...words.map((w) => w.x0)),
          y0: Math.min(...words.map((w) => w.y0)),
          y1: Math.max(...words.map((w) => w.y1)),
        });
      }
      if (lines.length > 0) blocks.push(lines);
    }
    pages.push({ blocks });
  }
  return pages;
}

/** Runs `pdftotext -bbox-layout`; undefined when it fails (the layout text is then all there is). */
export async function pdfWordPages(
  buf: Uint8Array,
  opts: { command?: string; timeoutMs?: number; maxOutputBytes?: number } = {},
): Promise<PdfPage[] | undefined> {
  return await new Promise((resolve) => {
    const child = execFile(
      opts.command ?? "pdftotext",
      ["-bbox-layout", "-enc", "UTF-8", "-q", "-", "-"],
      {
        timeout: opts.timeoutMs ?? 30_000,
        maxBuffer: (opts.maxOutputBytes ?? 64 * 1024 * 1024) * 4,
        encoding: "buffer",
        killSignal: "SIGKILL",
      },
      (err, stdout) => {
        if (err) return resolve(undefined);
        resolve(parseBboxLayout(new TextDecoder("utf-8").decode(stdout as unknown as Uint8Array)));
      },
    );
    child.stdin?.on("error", () => {});
    child.stdin?.end(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength));
  });
}

interface Item {
  words: { word: PdfWord; line: number }[];
  y0: number;
  y1: number;
}
interface Row {
  items: Item[];
  y0: number;
  y1: number;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * Items of a page: a block whose lines sit on up to three levels, each just under the one before (a wrapped cell, or
 * cells side by side wrapped together: `部门：…交通警察 单位：万` over `支队` and `元`), is one item; else its lines are.
 */
function itemsOf(page: PdfPage): Item[] {
  const items: Item[] = [];
  for (const block of page.blocks) {
    const levels: PdfLine[][] = [];
    for (const l of block) {
      const level = levels.find((v) => Math.abs(v[0]!.y0 - l.y0) < 1);
      if (level) level.push(l);
      else levels.push([l]);
    }
    const wrapped =
      levels.length > 1 &&
      levels.length <= 3 &&
      levels.every((v, i) => i === 0 || v[0]!.y0 - levels[i - 1]![0]!.y1 < (v[0]!.y1 - v[0]!.y0) * 0.25);
    const groups = wrapped ? [block] : block.map((l) => [l]);
    for (const g of groups)
      items.push({
        words: g.flatMap((l) => l.words.map((word) => ({ word, line: levels.findIndex((v) => v.includes(l)) }))),
        y0: Math.min(...g.map((l) => l.y0)),
        y1: Math.max(...g.map((l) => l.y1)),
      });
  }
  return items;
}

/**
 * Whether a row is cells side by side: two items, or two words beside each other (their heights overlap) further apart
 * than a space (more than a third of a line's height).
 */
function cellsSideBySide(r: Row): boolean {
  if (r.items.length >= 2) return true;
  const ws = r.items[0]!.words.map((w) => w.word);
  return ws.some((w) => {
    // the next word to its right at its height
    const beside = ws.filter((v) => v !== w && v.x0 >= w.x1 - 0.5 && v.y0 < w.y1 && w.y0 < v.y1);
    if (beside.length === 0) return false;
    const gap = Math.min(...beside.map((v) => v.x0)) - w.x1;
    return gap > (w.y1 - w.y0) / 3;
  });
}

/** Items grouped into rows: an item whose vertical extent overlaps a row's (by more than a third of a line) joins it. */
function rowsOf(items: Item[]): Row[] {
  const sorted = [...items].sort((a, b) => a.y0 - b.y0 || a.words[0]!.word.x0 - b.words[0]!.word.x0);
  const rows: Row[] = [];
  for (const it of sorted) {
    const last = rows.at(-1);
    const h = Math.min(...it.words.map((w) => w.word.y1 - w.word.y0));
    if (last && it.y0 < last.y1 - h / 3) {
      last.items.push(it);
      last.y1 = Math.max(last.y1, it.y1);
    } else rows.push({ items: [it], y0: it.y0, y1: it.y1 });
  }
  return rows;
}

const wordsOf = (r: Row) => r.items.flatMap((i) => i.words.map((w) => w.word));

/**
 * The column a word is in: the one its left edge falls in; a word starting in a gap (a cell only one row has there,
 * left out of the ranges by the merged-header allowance) goes to the column it overlaps most, else the nearest.
 */
function columnOf(cols: [number, number][], w: PdfWord): number {
  const inside = cols.findIndex(([a, b]) => w.x0 >= a - 0.25 && w.x0 <= b + 0.25);
  if (inside >= 0) return inside;
  let best = 0;
  let score = Number.NEGATIVE_INFINITY;
  cols.forEach(([a, b], i) => {
    const overlap = Math.min(b, w.x1) - Math.max(a, w.x0);
    if (overlap > score) {
      score = overlap;
      best = i;
    }
  });
  return best;
}

/**
 * The column of each word of an item: a line under another line of the same item that it overlaps across (a wrapped
 * cell's next line) is in that line's column, wherever it starts; else the column its left edge falls in, and a word
 * starting in a gap the column it overlaps most (columnOf).
 */
function itemColumns(it: Item, cols: [number, number][]): number[] {
  const order = it.words.map((_, i) => i).sort((a, b) => it.words[a]!.line - it.words[b]!.line);
  const out = new Array<number>(it.words.length).fill(-1);
  for (const i of order) {
    const w = it.words[i]!;
    let best = 0;
    for (const j of order) {
      const o = it.words[j]!;
      if (out[j]! < 0 || o.line >= w.line) continue;
      const overlap = Math.min(o.word.x1, w.word.x1) - Math.max(o.word.x0, w.word.x0);
      if (overlap > best) {
        best = overlap;
        out[i] = out[j]!;
      }
    }
    if (out[i]! < 0) out[i] = columnOf(cols, w.word);
  }
  return out;
}

/** Column ranges of a run of rows: the x ranges between gaps no word (or only one row, in a run of four or more) covers. */
function columnsOf(rows: Row[]): [number, number][] {
  const words = rows.map(wordsOf);
  const lo = Math.floor(Math.min(...words.flat().map((w) => w.x0)));
  const hi = Math.ceil(Math.max(...words.flat().map((w) => w.x1)));
  const step = 0.5;
  const n = Math.ceil((hi - lo) / step) + 1;
  const cover = new Array<number>(n).fill(0);
  for (const ws of words) {
    const mark = new Uint8Array(n);
    for (const w of ws)
      for (let i = Math.ceil((w.x0 - lo) / step); i <= Math.floor((w.x1 - lo) / step); i++) mark[i] = 1;
    for (let i = 0; i < n; i++) cover[i]! += mark[i]!;
  }
  const rangesAbove = (allowed: number) => {
    const out: [number, number][] = [];
    let start: number | undefined;
    for (let i = 0; i <= n; i++) {
      const filled = i < n && cover[i]! > allowed;
      if (filled && start === undefined) start = i;
      if (!filled && start !== undefined) {
        out.push([lo + start * step, lo + (i - 1) * step]);
        start = undefined;
      }
    }
    return out;
  };
  let columns = rangesAbove(rows.length >= 4 ? 1 : 0);
  if (columns.length === 0) return [[lo, hi]];
  // what only one row covers splits nothing unless it bridges two columns: a stretch the other rows leave empty (a
  // long label, a cell placed where no other row has one) belongs to the column it adjoins, or is one of its own
  if (rows.length >= 4) {
    const out: [number, number][] = [];
    for (const [a, b] of rangesAbove(0)) {
      const inside = columns.filter(([x, y]) => x >= a && y <= b);
      if (inside.length >= 2) out.push(...inside);
      else out.push([a, b]);
    }
    columns = out;
  }
  // two neighbouring ranges no row holds words in both of are one column whose cells sit at different places across
  // it (a label indented in one row, an amount left in one and right in another, a long label bridging the gap)
  const merged: [number, number][] = [columns[0]!];
  for (let k = 1; k < columns.length; k++) {
    const next = columns[k]!;
    const cols = [...merged, ...columns.slice(k)];
    const a = merged.length - 1;
    const both = rows.some((r) => {
      const held = new Set(r.items.flatMap((it) => itemColumns(it, cols)));
      return held.has(a) && held.has(a + 1);
    });
    if (both) merged.push(next);
    else merged[a] = [merged[a]![0], next[1]];
  }
  return merged;
}

/** Joins a cell's words: a space between words on one line (unless both sides are Chinese), none across a wrap. */
function joinWords(ws: { word: PdfWord; line: number; item: number }[]): string {
  let out = "";
  let prev: (typeof ws)[number] | undefined;
  for (const w of ws) {
    if (prev) {
      const sameLine = prev.item === w.item && prev.line === w.line;
      const a = out.at(-1) ?? "";
      const b = w.word.text[0] ?? "";
      const tight = CJK.test(a) || CJK.test(b) || (/[\d.,]/.test(a) && /[\d.,%]/.test(b));
      out += sameLine || !tight ? " " : "";
    }
    out += w.word.text;
    prev = w;
  }
  return out;
}

function rowCells(row: Row, columns: [number, number][]): Cell[] {
  const byCol: { word: PdfWord; line: number; item: number }[][] = columns.map(() => []);
  row.items.forEach((it, item) => {
    const cols = itemColumns(it, columns);
    it.words.forEach(({ word, line }, k) => {
      byCol[cols[k]!]!.push({ word, line, item });
    });
  });
  return byCol.map((ws) => {
    ws.sort((a, b) => a.word.y0 - b.word.y0 || a.word.x0 - b.word.x0);
    // words of one printed line first: an item's lines are in order, items side by side by x
    return { text: joinWords(ws) };
  });
}

/** The document as blocks rebuilt from its words' positions: runs of rows of two or more words are tables. */
export function positionedBlocks(pages: PdfPage[], file: string): Block[] {
  const blocks: Block[] = [];
  let tableCount = 0;
  let lastColumns: [number, number][] = [];
  let lastLine: { block: Block; cells: Cell[]; columns: [number, number][] } | undefined;
  pages.forEach((p, pi) => {
    const page = pi + 1;
    const rows = rowsOf(itemsOf(p));
    // a cell's text wrapped onto the next page (`部门：…支` | `队`, `社会保障和就业支` | `出`): the page's first rows of
    // one short word go to the cell (or the line) the previous page ended with
    // `部门：…交通警察 | 单位：万` | `支队 元`: a 单位 cell cut before its 元 takes the next page's first row of short words
    const cutUnit =
      lastLine && blocks.at(-1) === lastLine.block && lastLine.cells.some((c) => /单位[:：]\s*(万)?$/.test(c.text));
    if (cutUnit && rows.length > 0) {
      const ws = wordsOf(rows[0]!);
      if (ws.length <= lastLine!.cells.length && ws.every((w) => /^[\u3400-\u9fff）)]{1,6}$/.test(w.text))) {
        for (const w of ws) {
          const c = lastLine!.columns.findIndex(([, b]) => w.x0 <= b + 0.25);
          if (c >= 0) lastLine!.cells[c]!.text += w.text;
        }
        (lastLine!.block as { text: string }).text = lastLine!.cells
          .map((x) => x.text)
          .filter((t) => t !== "")
          .join("  ");
        rows.shift();
      }
    }
    while (rows.length > 0 && blocks.length > 0) {
      const ws = wordsOf(rows[0]!);
      if (ws.length !== 1 || !/^[\u3400-\u9fff）)]{1,3}$/.test(ws[0]!.text)) break;
      const last = blocks.at(-1)!;
      if (last.type === "paragraph") {
        // a line of cells side by side (`部门：…支  单位：万元`): the word goes to the cell above it
        const cells = lastLine?.block === last ? lastLine.cells : undefined;
        const c = cells ? lastLine!.columns.findIndex(([, b]) => ws[0]!.x0 <= b + 0.25) : -1;
        if (cells && c >= 0 && cells[c]!.text !== "") {
          cells[c]!.text += ws[0]!.text;
          last.text = cells
            .map((x) => x.text)
            .filter((t) => t !== "")
            .join("  ");
        } else last.text += ws[0]!.text;
      } else {
        const row = last.table.rows.at(-1)!;
        let c = lastColumns.findIndex(([, b]) => ws[0]!.x0 <= b + 0.25);
        if (c < 0 || row[c]!.text === "") c = row.findLastIndex((x) => x.text !== "" && !/\d/.test(x.text));
        if (c < 0) break;
        row[c]!.text += ws[0]!.text;
      }
      rows.shift();
    }
    const inRun = rows.map((r) => wordsOf(r).length >= 2 && cellsSideBySide(r));
    // a row beside a run whose words the text set close together (a label aligned right against an amount aligned
    // left) is the run's when its words start in two or more of the run's columns and none runs into the next one
    const fits = (r: Row, run: Row[]) => {
      const ws = wordsOf(r);
      // an amount starting in a gap goes to the nearest column the run holds amounts in
      const isNumber = (w: PdfWord) => /^-?[\d,]*\d\.\d+%?$/.test(w.text);
      // beside a single row, only a row holding an amount (a table of two rows, one of them set close)
      if (ws.length < 2 || run.length === 0 || (run.length < 2 && !ws.some(isNumber))) return false;
      const cols = columnsOf(run);
      // (and a label starting in a gap to the nearest column the run holds labels in)
      const colsOfKind = (amounts: boolean) =>
        new Set(
          run.flatMap((x) =>
            wordsOf(x)
              .filter((w) => isNumber(w) === amounts)
              .map((w) => columnOf(cols, w)),
          ),
        );
      const kinds = [colsOfKind(false), colsOfKind(true)];
      const at = ws.map((w) => {
        const inside = cols.findIndex(([a, b]) => w.x0 >= a - 0.25 && w.x0 <= b + 0.25);
        const same = kinds[isNumber(w) ? 1 : 0]!;
        if (inside >= 0 || same.size === 0) return inside >= 0 ? inside : columnOf(cols, w);
        const dist = (i: number) => Math.max(cols[i]![0] - w.x1, w.x0 - cols[i]![1], 0);
        return [...same].sort((p, q) => dist(p) - dist(q))[0]!;
      });
      if (new Set(at).size < 2) return false;
      return ws.every((w, k) => at[k]! + 1 >= cols.length || w.x1 <= cols[at[k]! + 1]![0] + 0.25);
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (let k = 0; k < rows.length; k++) {
        if (inRun[k]) continue;
        for (const dir of [-1, 1]) {
          const run: Row[] = [];
          for (let m = k + dir; m >= 0 && m < rows.length && inRun[m]; m += dir) run.push(rows[m]!);
          if (fits(rows[k]!, run)) {
            inRun[k] = true;
            changed = true;
            break;
          }
        }
      }
    }
    let i = 0;
    while (i < rows.length) {
      if (!inRun[i]) {
        const r = rows[i]!;
        const ws = r.items.flatMap((it, item) => it.words.map((w) => ({ ...w, item })));
        blocks.push({ type: "paragraph", text: joinWords(ws), location: { file, page, row: i + 1 } });
        i++;
        continue;
      }
      let j = i;
      while (j < rows.length && inRun[j]) j++;
      const run = rows.slice(i, j);
      if (run.length === 1) {
        const cols = columnsOf(run);
        const cells = rowCells(run[0]!, cols);
        const block: Block = {
          type: "paragraph",
          text: cells
            .map((c) => c.text)
            .filter((t) => t !== "")
            .join("  "),
          location: { file, page, row: i + 1 },
        };
        blocks.push(block);
        lastLine = { block, cells, columns: cols };
      } else {
        const cols = columnsOf(run);
        lastColumns = cols;
        blocks.push({
          type: "table",
          table: {
            rows: run.map((r) => rowCells(r, cols)),
            location: { file, page, table: ++tableCount },
            sourceRows: run.map((_, k) => i + k + 1),
          },
        });
      }
      i = j;
    }
  });
  return blocks;
}

/**
 * Tables whose cells come one a line: a web page's table copied as text (each `<td>` a paragraph, blank cells lost),
 * as the page store gives 湖北 南漳's 收入支出决算总表 (`收入` / `支出` / `项目` / `行次` / `金额` / … / `一、一般公共预算
 * 财政拨款收入` / `1` / `440.55` / `一、一般公共服务支出` / `29` / `423.20` …). The rows are put back from what each cell
 * is, not from a count of cells (a blank cell leaves no line):
 *
 * - the header: the cells before the first data row's label, without a `栏次 | 1 | 2` row; its amount columns are its
 *   cells that head neither labels (项目, 科目编码, 科目名称 …) nor line numbers (行次);
 * - a row: a label (a 科目编码 before it when the header has a code column), its line number when the header has a
 *   行次 column, then its amounts; the next label starts the next row;
 * - a table laid out in two sides (收入 | 支出: the 收支总表 kinds): each row's label says its side (…收入, …支出, 年末…),
 *   else the sides alternate; a side left blank is a blank half of the row;
 * - as many amount columns per side as a row holds amounts at most; the header's last cells name them (cells before
 *   them, one per side, head each side: `收入` / `支出`). A row holding fewer amounts than that (a blank cell lost, so
 *   which column each amount is under cannot be told) makes the table unread, with why.
 *
 * The table ends before the first cell that is no table cell (the caller stops at a sentence, a title, a part
 * heading) and before label cells after its last amount (a heading of the narrative after it).
 */
import { cellShape, isValueCell, LABEL_HEADER } from "./tables.ts";

const squash = (s: string) => s.replace(/[\s\u3000]+/g, "");
const LINE_HEADER = /^(行次|栏次|行号)$/;
const CODE_HEADER = /编码|^类$|^款$|^项$/;
const COLUMN_NUMBERS = /^(栏次|栏号)$/;

export interface CellLinesTable {
  /** Header rows (a side's heading row over the columns' own), laid out like the data rows. */
  header: string[][];
  /** Data rows: the cells, and for each the index of the input cell it came from (-1 for a blank cell). */
  rows: { cells: string[]; from: number[] }[];
  /** How many input cells the table takes (from the first). */
  used: number;
  /** Input cells taken but no row's (the `栏次` row, the header's cells). */
  headerFrom: number[];
  /** Why the rows cannot be read with confidence. */
  doubt?: { zh: string; en: string };
}

interface Segment {
  code?: { text: string; at: number };
  label?: { text: string; at: number };
  line?: { text: string; at: number };
  values: { text: string; at: number }[];
}

/** Which side of a 收支总表 a row's label puts it on, when it says. */
function sideOf(label: string): 0 | 1 | undefined {
  const t = squash(label);
  if (/支出|年末|结余分配|结转下年/.test(t)) return 1;
  if (/收入|年初|上年结转|事业基金弥补/.test(t)) return 0;
  return undefined;
}

/**
 * Reads a table from cells one a line (starting at its header's first cell), or undefined when they are not one: fewer
 * than two rows holding amounts, or no header.
 */
export function readCellLines(
  cells: string[],
  opts: { twoSided?: boolean; acrossItems?: boolean } = {},
): CellLinesTable | undefined {
  const twoSided = opts.twoSided === true;
  const texts = cells.map((c) => c.trim());
  // a `栏次 | 1 | 2 …` row numbers the columns: not data
  const skip = new Set<number>();
  for (let i = 0; i < texts.length; i++) {
    if (!COLUMN_NUMBERS.test(squash(texts[i]!))) continue;
    skip.add(i);
    for (let j = i + 1; j < texts.length && /^\d{1,2}$/.test(texts[j]!); j++) skip.add(j);
  }
  // a code column in the header (科目编码): a code before its name is no amount
  const rawFirst = texts.findIndex((t, i) => !skip.has(i) && isValueCell(t));
  if (rawFirst < 0) return undefined;
  const hasCode = texts.slice(0, rawFirst).some((t) => CODE_HEADER.test(squash(t)));
  const codeAt = (i: number) =>
    hasCode && /^\d{3,9}$/.test(texts[i]!) && texts[i + 1] !== undefined && cellShape(texts[i + 1]!, false) === "text";
  const firstValue = texts.findIndex((t, i) => !skip.has(i) && isValueCell(t) && !codeAt(i));
  if (firstValue < 0) return undefined;
  // the first row starts at the text (label) before its first amount: its line number and code before that
  let start = firstValue - 1;
  while (start >= 0 && !skip.has(start) && /^\d{1,3}$/.test(texts[start]!)) start--;
  if (start < 0 || skip.has(start) || cellShape(texts[start]!, false) !== "text") return undefined;
  const headerAt = texts.slice(0, start).flatMap((_, i) => (skip.has(i) ? [] : [i]));
  const header = headerAt.map((i) => squash(texts[i]!));
  const hasLine = header.some((h) => LINE_HEADER.test(h));
  if (hasCode && start > 0 && /^\d{3,9}$/.test(texts[start - 1]!) && !skip.has(start - 1)) {
    start--;
    headerAt.pop();
    header.pop();
  }
  if (header.length === 0) return undefined;

  const segments: Segment[] = [];
  let seg: Segment | undefined;
  let end = start;
  for (let i = start; i < texts.length; i++) {
    const t = texts[i]!;
    if (skip.has(i)) break;
    const shape = cellShape(t, false);
    const isCode = codeAt(i) && (!seg || seg.values.length > 0 || seg.label !== undefined);
    if (isCode) {
      seg = { code: { text: t, at: i }, values: [] };
      segments.push(seg);
    } else if (shape === "text") {
      if (seg?.code && !seg.label && seg.values.length === 0) seg.label = { text: t, at: i };
      else {
        seg = { label: { text: t, at: i }, values: [] };
        segments.push(seg);
      }
    } else if (hasLine && seg && !seg.line && seg.values.length === 0 && /^\d{1,3}$/.test(t)) {
      seg.line = { text: t, at: i };
    } else if (seg && isValueCell(t)) {
      seg.values.push({ text: t, at: i });
    } else break;
    end = i + 1;
  }
  // label cells after the last amount are the narrative's, not rows (a page cut inside a row leaves one too)
  while (segments.length > 0 && segments.at(-1)!.values.length === 0) segments.pop();
  // one row of amounts is a table when it holds two or more (a 合计 row alone under an empty table's header)
  const withValues = segments.filter((s) => s.values.length > 0);
  if (withValues.length === 0 || (withValues.length === 1 && withValues[0]!.values.length < 2)) return undefined;
  const last = segments.at(-1)!;
  end = last.values.at(-1)!.at + 1;
  // a table laid across (its header names the items, its one row is amounts alone): no label heading, one row whose
  // "label" is the header's last cell. A flattened header of merged cells has lost its columns' order: only a 三公
  // table, whose columns are standard, is read (buildTable lays them by that order); else the table is unread.
  const labelled = header.some((h) => LABEL_HEADER.test(h) && !LINE_HEADER.test(h));
  if (!labelled && withValues.length === 1 && segments.length === 1 && !last.code && !last.line) {
    const table: CellLinesTable = {
      header: [[...header, squash(last.label!.text)]],
      rows: [{ cells: last.values.map((v) => v.text), from: last.values.map((v) => v.at) }],
      used: end,
      headerFrom: [...skip].filter((i) => i < start).concat(headerAt, [last.label!.at]),
    };
    if (!opts.acrossItems)
      table.doubt = {
        zh: "表头的合并单元格逐格成行，各列的顺序无从确定",
        en: "the header's merged cells came one a line; the columns' order cannot be told",
      };
    return table;
  }

  // sides
  const sides: (0 | 1)[] = [];
  for (const s of segments) {
    const said = twoSided ? sideOf(s.label?.text ?? "") : 0;
    const prev = sides.at(-1);
    sides.push(said ?? (prev === undefined ? 0 : prev === 0 ? 1 : 0));
  }
  const nSides = twoSided && sides.includes(1) ? 2 : 1;
  const perSide = Math.max(...segments.map((s) => s.values.length));
  const short = segments.filter((s) => s.values.length > 0 && s.values.length < perSide);
  const amountHeads = header.filter((h) => !LABEL_HEADER.test(h) && !LINE_HEADER.test(h));
  const leaves = amountHeads.slice(Math.max(0, amountHeads.length - perSide * nSides));
  const groups = amountHeads.slice(0, amountHeads.length - leaves.length);
  const width = 1 + (hasLine ? 1 : 0) + perSide;

  const headRow: string[] = [];
  const groupRow: string[] = [];
  for (let s = 0; s < nSides; s++) {
    groupRow.push(groups.length === nSides ? groups[s]! : "", ...new Array<string>(width - 1).fill(""));
    headRow.push("项目");
    if (hasLine) headRow.push("行次");
    for (let v = 0; v < perSide; v++) headRow.push(leaves[s * perSide + v] ?? "");
  }
  const half = (s: Segment | undefined): { cells: string[]; from: number[] } => {
    if (!s) return { cells: new Array<string>(width).fill(""), from: new Array<number>(width).fill(-1) };
    const label = [s.code?.text, s.label?.text].filter((x) => x !== undefined).join(" ");
    const cells = [label];
    const from = [s.code?.at ?? s.label?.at ?? -1];
    if (hasLine) {
      cells.push(s.line?.text ?? "");
      from.push(s.line?.at ?? -1);
    }
    for (let v = 0; v < perSide; v++) {
      cells.push(s.values[v]?.text ?? "");
      from.push(s.values[v]?.at ?? -1);
    }
    return { cells, from };
  };
  const rows: { cells: string[]; from: number[] }[] = [];
  for (let i = 0; i < segments.length; i++) {
    if (nSides === 1) {
      rows.push(half(segments[i]));
      continue;
    }
    // a row: an income half and the expenditure half after it; a half on its own leaves the other blank
    const a = sides[i] === 0 ? segments[i] : undefined;
    const b = sides[i] === 1 ? segments[i] : sides[i + 1] === 1 ? segments[++i] : undefined;
    const left = half(a);
    const right = half(b);
    rows.push({ cells: [...left.cells, ...right.cells], from: [...left.from, ...right.from] });
  }
  const table: CellLinesTable = {
    header: groupRow.some((c) => c !== "") ? [groupRow, headRow] : [headRow],
    rows,
    used: end,
    headerFrom: [...skip].filter((i) => i < start).concat(headerAt),
  };
  if (perSide > 1 && short.length > 0)
    table.doubt = {
      zh: `有 ${short.length} 行的金额少于 ${perSide} 个（空单元格未留下位置，金额属于哪一列无从判断）`,
      en: `${short.length} row(s) hold fewer than ${perSide} amounts (blank cells left no place; which column each amount is under cannot be told)`,
    };
  return table;
}

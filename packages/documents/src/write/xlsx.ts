/**
 * xlsx renderer (exceljs): one worksheet per section, A4 in the section's orientation, fitted to the page width,
 * the repeated header rows set as print titles, thin borders, 宋体. Paragraphs before the first table become
 * title rows merged across the table's width; a section without a table is a one-column sheet of text rows.
 *
 * Amounts, scores, rates and quantities (cells with a `number`) are number cells with a number format (`#,##0.00`
 * for money), so that they can be added up in Excel or WPS; a total the form prints (`sumOf`) is `SUM(…)` over the
 * cells it adds up, its result cached (viewers that do not recalculate show it) — written only when those cells
 * add up exactly to the stated total; a rate the form computes (`quotientOf`, 执行率 = 执行数 ÷ 预算数) is
 * `numerator/denominator` with the exact quotient cached, written only when it shows as the stated rate.
 *
 * Money stays exact up to the cell: the layouts carry exact Ratios (fen / 100 for 元, fen / 1,000,000 for 万元) and
 * only the cell receives a JavaScript number, read once from the exact decimal text. Any decimal of at most 15
 * significant digits comes back from its nearest double as the same text — every 元 amount with 2 decimals and every
 * 万元 amount with up to 6 decimals below 10^13 元 (10 万亿元) — so the cell shows the exact figure, and Excel's sums
 * of such cells are exact to the decimals shown.
 *
 * Safety: every other cell value is a plain string (never a `{ formula }` object): `=HYPERLINK(…)`, `+1+1`,
 * `-2+3`, `@SUM(A1)` are stored as shared strings and shown as text. The only formulas are the totals' `SUM`s and
 * the rates' quotients, made of cell addresses alone — no text of the document ever reaches a formula.
 */
import { decimal } from "@jixiao/core";
import type ExcelJS from "exceljs";
import { withTitles, xmlSafe } from "./format.ts";
import type { CellNumber, WCell, WDocument, WSection, WTable } from "./model.ts";

const A4 = 9;
/** Usable width in Excel column units (≈ characters of '0' at 11pt) for A4 with 1.8 cm margins. */
const PAGE_UNITS = { portrait: 92, landscape: 140 };
const FONT = "宋体";

/** Display width of a text in half-width units (CJK and full-width count 2). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return w;
}

function lines(text: string, units: number): number {
  const perLine = Math.max(4, Math.floor(units * 1.05) - 1);
  return text.split("\n").reduce((n, seg) => n + Math.max(1, Math.ceil(displayWidth(seg) / perLine)), 0);
}

function sheetName(name: string, used: Set<string>): string {
  const base =
    name
      .replace(/[[\]:*?/\\]/g, "_")
      .replace(/^'+|'+$/g, "")
      .slice(0, 31) || "Sheet";
  let n = base;
  for (let k = 2; used.has(n.toLowerCase()); k++) n = `${base.slice(0, 31 - String(k).length - 1)}_${k}`;
  used.add(n.toLowerCase());
  return n;
}

/** exceljs is loaded on the first xlsx written, not with the server (a third of its start-up's module loading). */
let excel: Promise<typeof ExcelJS> | undefined;
const loadExcel = () => {
  excel ??= import("exceljs").then((m) => m.default);
  return excel;
};

export async function writeXlsx(page: WDocument): Promise<Uint8Array> {
  const doc = withTitles(page);
  const { Workbook } = await loadExcel();
  const wb = new Workbook();
  wb.creator = "Jixiao 绩效";
  wb.title = doc.title;
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const used = new Set<string>();
  for (const section of doc.sections) renderSection(wb.addWorksheet(sheetName(section.name, used)), section);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

function renderSection(ws: ExcelJS.Worksheet, section: WSection): void {
  const tables = section.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
  const width = tables[0]?.widths.length ?? 1;
  const rel = tables[0]?.widths ?? [1];
  const total = rel.reduce((a, b) => a + b, 0);
  const units = rel.map((w) => (w / total) * PAGE_UNITS[section.orientation]);
  units.forEach((u, i) => {
    ws.getColumn(i + 1).width = Math.max(4, Math.round(u * 10) / 10);
  });
  ws.pageSetup = {
    paperSize: A4,
    orientation: section.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  };
  ws.properties.defaultRowHeight = 15;
  const fullWidth = units.reduce((a, b) => a + b, 0);

  let r = 1;
  let printTitles: [number, number] | undefined;
  const placed: Placed = { at: new Map(), numbers: new Set() };
  for (const block of section.blocks) {
    if (block.type === "paragraph") {
      const cell = ws.getCell(r, 1);
      cell.value = xmlSafe(block.text);
      const title = block.style === "title";
      cell.font = {
        name: title ? "黑体" : FONT,
        size: title ? 16 : block.style === "heading" ? 12 : 11,
        bold: block.style === "heading" || block.style === "subtitle",
      };
      cell.alignment = {
        wrapText: true,
        vertical: "middle",
        horizontal: block.align ?? (title ? "center" : "left"),
      };
      if (width > 1) mergeCells(ws, r, 1, r, width);
      ws.getRow(r).height = Math.max(title ? 28 : 16, lines(block.text, fullWidth / (title ? 1.5 : 1)) * 15);
      r++;
      continue;
    }
    const t = block.table;
    if (t.repeat && !printTitles) printTitles = [r + t.repeat.start, r + t.repeat.start + t.repeat.count - 1];
    r = renderTable(ws, t, r, units, placed);
  }
  if (printTitles) ws.pageSetup.printTitlesRow = `${printTitles[0]}:${printTitles[1]}`;
  for (const [cell, at] of placed.at) {
    if (cell.sumOf && cell.number) writeTotal(ws, cell, cell.number, at, placed);
    else if (cell.quotientOf && cell.number) writeQuotient(ws, cell.quotientOf, cell.number, at, placed);
  }
}

/** The decimals a number format shows of the value (`0.00%` shows 4: 0.4520 as 45.20%). */
export function formatDecimals(format: string): number {
  const frac = /\.(0+)/.exec(format)?.[1]?.length ?? 0;
  return frac + (format.trimEnd().endsWith("%") ? 2 : 0);
}

/**
 * A computed rate as `numerator/denominator` with the exact quotient cached — when both cells are on the sheet with
 * numbers, the denominator is not zero and the quotient shows as the stated rate; otherwise the stated number stays.
 */
function writeQuotient(
  ws: ExcelJS.Worksheet,
  q: NonNullable<WCell["quotientOf"]>,
  stated: CellNumber,
  at: { row: number; col: number },
  placed: Placed,
): void {
  const num = placed.at.get(q.numerator);
  const den = placed.at.get(q.denominator);
  const n = q.numerator.number?.value;
  const d = q.denominator.number?.value;
  if (!num || !den || !n || !d || d.n === 0n) return;
  const exact = decimal.div(n, d);
  const shown = formatDecimals(stated.format);
  if (decimal.cmp(decimal.round(exact, shown), decimal.round(stated.value, shown)) !== 0) return;
  ws.getCell(at.row, at.col).value = {
    formula: `${address(num.row, num.col)}/${address(den.row, den.col)}`,
    result: cellNumber({ value: exact, format: stated.format }),
  };
}

/** Where each cell of a section went (1-based row and column), and which addresses hold numbers. */
interface Placed {
  at: Map<WCell, { row: number; col: number }>;
  numbers: Set<string>;
}

/** Excel accepts at most 255 arguments to a function. */
const MAX_SUM_ARGS = 255;

/**
 * A total as `SUM(…)` over the cells it adds up, with the stated total as the cached result — when those cells
 * are on the sheet and their numbers add up exactly to it (what Excel will compute is then what the form states);
 * otherwise the stated number stays as written by `writeCell`.
 */
function writeTotal(
  ws: ExcelJS.Worksheet,
  cell: WCell,
  total: CellNumber,
  at: { row: number; col: number },
  placed: Placed,
): void {
  const parts: { row: number; col: number }[] = [];
  const values: decimal.Ratio[] = [];
  for (const part of cell.sumOf ?? []) {
    const where = placed.at.get(part);
    if (!where) return;
    parts.push(where);
    if (part.number) values.push(part.number.value);
  }
  if (values.length === 0 || decimal.cmp(decimal.sum(values), total.value) !== 0) return;
  const refs = sumRanges(parts, placed.numbers);
  if (refs.length > MAX_SUM_ARGS) return;
  ws.getCell(at.row, at.col).value = { formula: `SUM(${refs.join(",")})`, result: cellNumber(total) };
}

const address = (row: number, col: number) => `${columnLetters(col)}${row}`;

export function columnLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The cells as few references as possible: the cells of a column joined into one range `B5:B20` where no other
 * number lies between them (blank, text and merged cells between are what SUM skips anyway), then single cells of a
 * row joined across columns the same way (`J5:M5`).
 */
export function sumRanges(cells: { row: number; col: number }[], numbers: Set<string>): string[] {
  type Range = { top: number; left: number; bottom: number; right: number };
  const key = (row: number, col: number) => `${row}:${col}`;
  /** No number in the rectangle other than the allowed ones. */
  const clear = (top: number, left: number, bottom: number, right: number, allowed: Set<string>) => {
    for (let r = top; r <= bottom; r++)
      for (let c = left; c <= right; c++) if (numbers.has(key(r, c)) && !allowed.has(key(r, c))) return false;
    return true;
  };
  const byCol = new Map<number, Set<number>>();
  for (const x of cells) byCol.set(x.col, (byCol.get(x.col) ?? new Set()).add(x.row));
  const vertical: Range[] = [];
  for (const [col, rowSet] of [...byCol].sort((a, b) => a[0] - b[0])) {
    const allowed = new Set([...rowSet].map((row) => key(row, col)));
    let cur: Range | undefined;
    for (const row of [...rowSet].sort((a, b) => a - b)) {
      if (cur && clear(cur.bottom, col, row, col, allowed)) cur.bottom = row;
      else {
        if (cur) vertical.push(cur);
        cur = { top: row, left: col, bottom: row, right: col };
      }
    }
    if (cur) vertical.push(cur);
  }
  // Single cells of one row, side by side.
  const singles = vertical.filter((v) => v.top === v.bottom).sort((a, b) => a.top - b.top || a.left - b.left);
  const allowed = new Set(singles.map((v) => key(v.top, v.left)));
  const out: Range[] = [];
  for (const v of singles) {
    const last = out[out.length - 1];
    if (last && last.top === v.top && clear(v.top, last.right, v.top, v.left, allowed)) last.right = v.left;
    else out.push({ ...v });
  }
  out.push(...vertical.filter((v) => v.top !== v.bottom));
  return out.map((v) =>
    v.top === v.bottom && v.left === v.right
      ? address(v.top, v.left)
      : `${address(v.top, v.left)}:${address(v.bottom, v.right)}`,
  );
}

/** The JavaScript number written for an exact value: its decimal text read once, at the cell. */
function cellNumber(n: CellNumber): number {
  return Number(decimal.toDecimalString(n.value, 12));
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

function renderTable(ws: ExcelJS.Worksheet, t: WTable, top: number, units: number[], placed: Placed): number {
  const heights = t.rows.map(() => 1);
  t.rows.forEach((row, i) => {
    const r = top + i;
    row.forEach((cell, j) => {
      const x = ws.getCell(r, j + 1);
      x.border = THIN;
      if (!cell) return;
      writeCell(x, cell);
      placed.at.set(cell, { row: r, col: j + 1 });
      if (cell.number) placed.numbers.add(`${r}:${j + 1}`);
      const span = cell.colSpan ?? 1;
      const rs = cell.rowSpan ?? 1;
      if (span > 1 || rs > 1) mergeCells(ws, r, j + 1, r + rs - 1, j + span);
      const w = units.slice(j, j + span).reduce((a, b) => a + b, 0);
      const need = lines(cell.text, w);
      // A merged cell's lines are shared among its rows.
      const per = Math.ceil(need / rs);
      for (let k = 0; k < rs; k++) heights[i + k] = Math.max(heights[i + k]!, per);
    });
  });
  heights.forEach((h, i) => {
    ws.getRow(top + i).height = Math.min(409, Math.max(18, h * 14 + 4));
  });
  return top + t.rows.length;
}

/** The cells of each sheet already inside a merge ("row:col"), for the overlap check exceljs would otherwise make. */
const merged = new WeakMap<ExcelJS.Worksheet, Set<string>>();

/**
 * `ws.mergeCells` without its quadratic cost: exceljs checks a new merge against every earlier one of the sheet
 * (a 6,000-indicator goal table took a minute, nearly all of it there). The same check is made here against the
 * merged cells themselves, in time proportional to the merge's size; exceljs then sees an empty merge list for the
 * call and gets its list back with the new merge added (exceljs 4.4's `_merges`, keyed by the master's address).
 */
export function mergeCells(ws: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number): void {
  let taken = merged.get(ws);
  if (!taken) {
    taken = new Set();
    merged.set(ws, taken);
  }
  const cells: string[] = [];
  for (let i = top; i <= bottom; i++) {
    for (let j = left; j <= right; j++) {
      const key = `${i}:${j}`;
      if (taken.has(key)) throw new Error(`Cannot merge already merged cells (row ${i}, column ${j})`);
      cells.push(key);
    }
  }
  const sheet = ws as unknown as { _merges?: Record<string, unknown> };
  const earlier = sheet._merges;
  if (!earlier) {
    ws.mergeCells(top, left, bottom, right);
  } else {
    sheet._merges = {};
    try {
      ws.mergeCells(top, left, bottom, right);
    } finally {
      sheet._merges = Object.assign(earlier, sheet._merges);
    }
  }
  for (const key of cells) taken.add(key);
}

function writeCell(x: ExcelJS.Cell, cell: WCell): void {
  x.font = { name: FONT, size: 10, bold: cell.bold ?? false };
  x.alignment = {
    wrapText: true,
    vertical: "middle",
    horizontal: cell.align ?? (cell.numeric || cell.number ? "right" : "left"),
  };
  if (cell.number) {
    // A number with the format that shows it as the form prints it (the value exact to the last digit stated).
    x.value = cellNumber(cell.number);
    x.numFmt = cell.number.format;
    return;
  }
  // Text: a plain string, never a formula (stated values stay as stated: `≥95%`, `004`).
  x.value = safeCellText(cell.text);
  x.numFmt = "@";
}

/**
 * The text of a cell as written. exceljs stores a JavaScript string as a string cell whatever it starts with
 * (`=`, `+`, `-`, `@`): it becomes a formula only when given as `{ formula }`, which this writer never does. The
 * text format `@` is set too, so that a user editing the cell in Excel does not turn it into a formula.
 */
export function safeCellText(text: string): string {
  return xmlSafe(text);
}

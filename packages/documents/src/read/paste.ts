/**
 * Tables pasted from Excel, Word or WPS.
 *
 * - Tab-separated text as Excel writes it to the clipboard: rows end with CRLF (or LF), cells are separated by
 *   tabs, and a cell holding a tab, a line break or a quote is wrapped in double quotes with inner quotes
 *   doubled. A quote that does not open a well-formed quoted cell is kept as text (Word does not quote).
 * - HTML clipboard (CF_HTML with its `Version:` header, or a bare fragment): every `<table>` with rowspan /
 *   colspan, lenient about unclosed `<td>`/`<tr>`, entities and `&nbsp;`; `<br>` and paragraphs inside a cell
 *   become line breaks. Text outside tables becomes paragraphs.
 */
import type { Location } from "@jixiao/core";
import type { Block, Cell, SourceDocument, Table } from "../model/table.ts";
import { decodeText } from "./encoding.ts";
import { invalid } from "./errors.ts";
import { numberText, percentText } from "./xlsx.ts";
import { parseXml } from "./xml.ts";

/** Most cells a pasted table may have after spans are laid out. */
const MAX_PASTE_CELLS = 2_000_000;
const MAX_SPAN_COLS = 1000;
const MAX_SPAN_ROWS = 65534;

function asText(input: string | Uint8Array): string {
  return typeof input === "string" ? input.replace(/^\ufeff/, "") : decodeText(input).text;
}

/** Split Excel clipboard text into rows of raw cell strings. */
export function splitTsv(src: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  const n = src.length;
  let i = 0;
  for (;;) {
    // One cell starting at i.
    let value: string | undefined;
    if (src.charCodeAt(i) === 34 /* " */) {
      // A quoted cell must close with a quote followed by a tab, a line end or the end of the text.
      let j = i + 1;
      let buf = "";
      for (;;) {
        const q = src.indexOf('"', j);
        if (q < 0) break;
        buf += src.slice(j, q);
        if (src.charCodeAt(q + 1) === 34) {
          buf += '"';
          j = q + 2;
          continue;
        }
        const next = src.charCodeAt(q + 1);
        if (q + 1 >= n || next === 9 || next === 10 || next === 13) {
          value = buf;
          i = q + 1;
        }
        break;
      }
    }
    if (value === undefined) {
      // Unquoted, or a quote that does not form a quoted cell: text up to the next tab or line end.
      let j = i;
      while (j < n) {
        const c = src.charCodeAt(j);
        if (c === 9 || c === 10 || c === 13) break;
        j++;
      }
      value = src.slice(i, j);
      i = j;
    }
    row.push(value);
    if (i >= n) {
      rows.push(row);
      break;
    }
    const c = src.charCodeAt(i);
    if (c === 9) {
      i++;
      continue;
    }
    // A line end: CRLF, LF or CR. The line end after the last row (Excel always writes one) ends the paste.
    i += c === 13 && src.charCodeAt(i + 1) === 10 ? 2 : 1;
    rows.push(row);
    row = [];
    if (i >= n) break;
  }
  return rows;
}

export function readPastedTsv(input: string | Uint8Array, file = "粘贴内容"): SourceDocument {
  const text = asText(input);
  if (text.trim() === "") throw invalid("粘贴的内容是空的", "the pasted content is empty", { file });
  const raw = splitTsv(text);
  return { file, format: "paste-tsv", blocks: [{ type: "table", table: toTable(raw, { file, table: 1 }) }] };
}

function toTable(raw: string[][], location: Location): Table {
  const width = raw.reduce((w, r) => Math.max(w, r.length), 0);
  if (raw.length * width > MAX_PASTE_CELLS)
    throw invalid(
      `粘贴的表格过大（超过 ${MAX_PASTE_CELLS} 个单元格）`,
      `the pasted table is too large (over ${MAX_PASTE_CELLS} cells)`,
      location,
    );
  const rows: Cell[][] = raw.map((r) => {
    const cells: Cell[] = r.map((t) => ({ text: normalizeCellText(t) }));
    while (cells.length < width) cells.push({ text: "" });
    return cells;
  });
  return { rows, location };
}

function normalizeCellText(t: string): string {
  return t.replace(/\r\n?/g, "\n").trim();
}

/** Whether clipboard text is an HTML table rather than tab-separated text. */
export function looksLikeHtmlTable(text: string): boolean {
  return /<table[\s>]/i.test(text.slice(0, 200_000));
}

interface OpenCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  /** Excel's `x:num` attribute: the stored number behind a displayed (possibly rounded) value. */
  num?: string;
}

interface TableBuild {
  rows: OpenCell[][];
  nested: Table[];
  row: OpenCell[] | undefined;
  cell: OpenCell | undefined;
  location: Location;
}

const BLOCK_TAGS = new Set([
  "p",
  "div",
  "li",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "tr",
  "ul",
  "ol",
  "blockquote",
  "pre",
  "section",
  "article",
  "caption",
  "dt",
  "dd",
]);

export function readPastedHtml(input: string | Uint8Array, file = "粘贴内容"): SourceDocument {
  let html = asText(input);
  // CF_HTML: a "Version:0.9 StartHTML:… " header before the markup.
  if (/^\s*Version:/i.test(html)) {
    const lt = html.indexOf("<");
    html = lt < 0 ? "" : html.slice(lt);
  }
  if (html.trim() === "") throw invalid("粘贴的内容是空的", "the pasted content is empty", { file });

  const blocks: Block[] = [];
  const stack: TableBuild[] = [];
  let tableCount = 0;
  let outside = "";
  let cells = 0;

  const flushOutside = () => {
    for (const line of collapse(outside).split("\n")) {
      const t = line.trim();
      if (t) blocks.push({ type: "paragraph", text: t, location: { file } });
    }
    outside = "";
  };
  const append = (s: string) => {
    const t = stack[stack.length - 1];
    if (t?.cell) t.cell.text += s;
    else if (!t) outside += s;
  };
  const closeCell = (t: TableBuild) => {
    t.cell = undefined;
  };
  const closeRow = (t: TableBuild) => {
    closeCell(t);
    if (t.row) t.rows.push(t.row);
    t.row = undefined;
  };
  const closeTable = () => {
    const t = stack.pop();
    if (!t) return;
    closeRow(t);
    const table = layout(t.rows, t.location);
    const parent = stack[stack.length - 1];
    if (parent?.cell) {
      // A nested table: its text goes into the outer cell, and the table is listed on its own.
      parent.cell.text += `\n${table.rows.map((r) => r.map((c) => c.text.replace(/\s*\n\s*/g, " ")).join("\t")).join("\n")}\n`;
    }
    if (parent) parent.nested.push(table, ...t.nested);
    else for (const x of [table, ...t.nested]) blocks.push({ type: "table", table: x });
  };

  parseXml(
    html,
    {
      open(name, attrs) {
        const t = stack[stack.length - 1];
        switch (name) {
          case "table":
            if (!t) flushOutside();
            stack.push({
              rows: [],
              nested: [],
              row: undefined,
              cell: undefined,
              location: { file, table: ++tableCount },
            });
            return;
          case "tr":
            if (!t) return;
            closeRow(t);
            t.row = [];
            return;
          case "td":
          case "th": {
            if (!t) return;
            closeCell(t);
            if (!t.row) t.row = [];
            const cs = clampInt(attrs.colspan, MAX_SPAN_COLS);
            const rs = clampInt(attrs.rowspan, MAX_SPAN_ROWS);
            t.cell = { text: "", rowSpan: rs, colSpan: cs };
            if (attrs["x:num"]) t.cell.num = attrs["x:num"];
            t.row.push(t.cell);
            cells += cs;
            if (cells > MAX_PASTE_CELLS)
              throw invalid(
                `粘贴的表格过大（超过 ${MAX_PASTE_CELLS} 个单元格）`,
                `the pasted table is too large (over ${MAX_PASTE_CELLS} cells)`,
                t.location,
              );
            return;
          }
          case "br":
            append("\n");
            return;
          default:
            if (BLOCK_TAGS.has(name)) append(SOFT_BREAK);
        }
      },
      close(name) {
        const t = stack[stack.length - 1];
        switch (name) {
          case "table":
            closeTable();
            return;
          case "tr":
            if (t) closeRow(t);
            return;
          case "td":
          case "th":
            if (t) closeCell(t);
            return;
          default:
            if (BLOCK_TAGS.has(name)) append(SOFT_BREAK);
        }
      },
      text(s) {
        append(s.replace(/[ \t\r\n\f]+/g, " ").replace(/\ue000/g, ""));
      },
    },
    { html: true, location: { file } },
  );
  while (stack.length) closeTable();
  flushOutside();
  if (!blocks.some((b) => b.type === "table"))
    throw invalid("网页（HTML）内容中没有表格", "the HTML content holds no table", { file });
  return { file, format: "paste-html", blocks };
}

function clampInt(v: string | undefined, max: number): number {
  const n = Number.parseInt(v ?? "", 10);
  if (!Number.isFinite(n) || n < 1) return 1;
  return Math.min(n, max);
}

/** Marks a block boundary (<p>, <div>…): a soft line break, merged with its neighbours. */
const SOFT_BREAK = "\ue000";

/**
 * A cell's collected text as a browser shows it: source whitespace is already one space; block boundaries
 * become one line break (however many there are); `<br>` breaks are kept, so empty lines survive; `&nbsp;` is
 * a space; spaces at line ends go (a browser drops collapsible ones; Word writes an empty paragraph as &nbsp;).
 */
function collapse(s: string): string {
  return s
    .replace(/ *\ue000[\ue000 ]*/g, SOFT_BREAK)
    .replace(/^\ue000+|\ue000+$/g, "")
    .split(/[\n\ue000]/)
    .map((l) => l.replace(/\u00a0/g, " ").trim())
    .join("\n")
    .trim();
}

/**
 * Excel's clipboard HTML shows the displayed value ("0.49", "88.3%", "4,850.00") and keeps the stored number in
 * `x:num`. When the displayed text is that number formatted, take the exact stored number (as a percentage
 * when it is shown as one); dates and other texts stay as displayed.
 */
function exactNumber(shown: string, num: string): string {
  const stored = numberText(num);
  if (!/^-?\d+(\.\d+)?$/.test(stored)) return shown;
  const bare = shown.replace(/[,\s¥￥$]/g, "").replace(/^\((.*)\)$/, "-$1");
  if (/^-?\d*\.?\d+%$/.test(bare)) return percentText(stored);
  if (/^-?\d*\.?\d+$/.test(bare)) return stored;
  return shown;
}

/** The HTML table algorithm: each cell takes the first free slot of its row, spans reserve slots below. */
function layout(src: OpenCell[][], location: Location): Table {
  const grid: (Cell | undefined)[][] = [];
  const ensure = (r: number) => {
    while (grid.length <= r) grid.push([]);
    return grid[r]!;
  };
  let cells = 0;
  for (let r = 0; r < src.length; r++) {
    const row = ensure(r);
    let c = 0;
    for (const oc of src[r]!) {
      while (row[c] !== undefined) c++;
      // A rowspan reaching past the last row is cut at the last row (as browsers do).
      const rs = Math.min(oc.rowSpan, src.length - r);
      const cs = oc.colSpan;
      const text = oc.num !== undefined ? exactNumber(collapse(oc.text), oc.num) : collapse(oc.text);
      const origin: Cell = { text };
      if (rs > 1) origin.rowSpan = rs;
      if (cs > 1) origin.colSpan = cs;
      cells += rs * cs;
      if (cells > MAX_PASTE_CELLS)
        throw invalid(
          `粘贴的表格过大（超过 ${MAX_PASTE_CELLS} 个单元格）`,
          `the pasted table is too large (over ${MAX_PASTE_CELLS} cells)`,
          location,
        );
      for (let dr = 0; dr < rs; dr++) {
        const target = ensure(r + dr);
        for (let dc = 0; dc < cs; dc++) {
          if (target[c + dc] !== undefined) continue; // overlapping spans: the earlier cell keeps the slot
          target[c + dc] = dr === 0 && dc === 0 ? origin : { text, mergedFrom: [r, c] };
        }
      }
      c += cs;
    }
  }
  const width = grid.reduce((w, r) => Math.max(w, r.length), 0);
  const rows: Cell[][] = grid.map((r) => {
    const out: Cell[] = [];
    for (let c = 0; c < width; c++) out.push(r[c] ?? { text: "" });
    return out;
  });
  return { rows, location };
}

/** A paste: HTML when it holds a table, tab-separated text otherwise. */
export function readPaste(input: { text?: string; html?: string }, file = "粘贴内容"): SourceDocument {
  if (input.html && looksLikeHtmlTable(input.html)) return readPastedHtml(input.html, file);
  if (input.text !== undefined) return readPastedTsv(input.text, file);
  throw invalid("粘贴的内容是空的", "the pasted content is empty", { file });
}

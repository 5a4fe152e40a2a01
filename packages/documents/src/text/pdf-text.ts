/**
 * Text extracted from PDF (e.g. pdftotext with table detection): a table row per line, cells separated by tabs;
 * paragraphs are lines without tabs. Form feeds mark pages: when the text has them, tables and paragraphs get
 * the page they start on. Blank lines inside a table are page or layout breaks and do not end it;
 * a line without tabs does.
 *
 * A row broken across lines (seed 002's 「服务辖区经济」 row: the rest of one cell on the next line, all other
 * cells empty) is joined back: a line is a continuation of the row before when its first cell is empty, it has
 * at most two non-empty cells, all of them in columns where the row before has a long text (at least
 * MIN_WRAPPED characters: short labels such as seed 003's 「其他资金」 / 「上年结转」 did not wrap) that does not
 * end a sentence, and none of them is a bare number.
 */
import type { Block, DocumentNote, SourceDocument } from "../model/table.ts";
import { buildTable, paragraph, splitLines, stripBookmarks, trimCell } from "./common.ts";

interface Row {
  cells: string[];
  line: number;
}

const SENTENCE_END = /[。！？!?；;]$/;
const MIN_WRAPPED = 8;
const BARE_NUMBER = /^[-+]?[\d,]+(\.\d+)?%?$/;

export function isContinuation(prev: string[], next: string[]): boolean {
  if ((next[0] ?? "") !== "") return false;
  const filled = next.map((c, i) => [c, i] as const).filter(([c]) => c !== "");
  if (filled.length === 0 || filled.length > 2) return false;
  const prevFilled = prev.filter((c) => c !== "").length;
  if (filled.length >= prevFilled) return false;
  for (const [c, i] of filled) {
    const above = prev[i] ?? "";
    if ([...above].length < MIN_WRAPPED || SENTENCE_END.test(above)) return false;
    if (BARE_NUMBER.test(c)) return false;
  }
  return true;
}

export function readPdfText(text: string, file: string): SourceDocument {
  const lines = splitLines(text);
  const sawFormFeed = text.includes("\f");
  const blocks: Block[] = [];
  const notes: DocumentNote[] = [];
  let rows: Row[] | null = null;
  let tableCount = 0;

  const closeTable = () => {
    if (!rows) return;
    tableCount += 1;
    const table = buildTable(file, tableCount, rows);
    if (sawFormFeed) table.location.page = tablePage;
    blocks.push({ type: "table", table });
    rows = null;
  };

  let page = 1;
  let tablePage = 1;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    const lineNo = i + 1;
    if (line.includes("\f")) {
      // pdftotext marks a new page with a form feed.
      page += (line.match(/\f/g) ?? []).length;
      line = line.replace(/\f/g, "");
    }
    if (line.includes("\t")) {
      const cells = line.split("\t").map(trimCell);
      if (!rows) {
        rows = [];
        tablePage = page;
      }
      const prev = rows[rows.length - 1];
      if (prev && isContinuation(prev.cells, cells)) {
        notes.push({
          text: {
            zh: `第 ${lineNo} 行是第 ${prev.line} 行单元格的续行，已并入该行`,
            en: `Line ${lineNo} continues the cells of line ${prev.line} and was joined to it`,
          },
          location: { file, table: tableCount + 1, row: lineNo },
        });
        cells.forEach((c, k) => {
          if (c !== "") prev.cells[k] = `${prev.cells[k]}\n${c}`;
        });
      } else {
        rows.push({ cells, line: lineNo });
      }
      continue;
    }
    if (line.trim() === "") continue;
    closeTable();
    const para = paragraph(file, stripBookmarks(line).trim(), lineNo);
    if (sawFormFeed && para.type === "paragraph") para.location.page = page;
    blocks.push(para);
  }
  closeTable();
  const doc: SourceDocument = { file, format: "pdf-text", blocks };
  if (notes.length > 0) doc.notes = notes;
  return doc;
}

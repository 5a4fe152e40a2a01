/**
 * Shared by the readers of extracted text: line splitting, cell trimming, bookmark markers.
 *
 * Cell text: outer ASCII whitespace is trimmed, trailing whitespace of any kind too, but leading full-width
 * spaces (U+3000, `　　道路交通秩序管理`) are kept: in the duty → activity tables they are the only sign
 * that a row is an activity under the duty above it. A cell holding nothing but whitespace is empty.
 */
import type { Block, Cell, SourceDocument, Table } from "../model/table.ts";

const BOOKMARK = /\[bookmark:[^\]]*\]/g;

export function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\r\n|\r|\n/);
}

export function stripBookmarks(s: string): string {
  return s.replace(BOOKMARK, "");
}

/** Trims a cell: see the module comment. */
export function trimCell(s: string): string {
  const noMarks = stripBookmarks(s);
  if (/^\s*$/.test(noMarks)) return "";
  return noMarks.replace(/^[ \t\n\r\f\v\u00a0]+/, "").replace(/\s+$/, "");
}

/** Pads rows to the widest row and builds the model's table. */
export function buildTable(file: string, index: number, rows: { cells: string[]; line: number }[]): Table {
  const width = rows.reduce((w, r) => Math.max(w, r.cells.length), 0);
  const grid: Cell[][] = rows.map((r) => {
    const cells: Cell[] = r.cells.map((text) => ({ text }));
    while (cells.length < width) cells.push({ text: "" });
    return cells;
  });
  return { rows: grid, location: { file, table: index }, sourceRows: rows.map((r) => r.line) };
}

export function paragraph(file: string, text: string, line: number): Block {
  return { type: "paragraph", text, location: { file, row: line } };
}

export function emptyDocument(file: string, format: SourceDocument["format"]): SourceDocument {
  return { file, format, blocks: [] };
}

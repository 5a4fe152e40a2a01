/**
 * The neutral page model every writer renders: a layout (one per official form, in `layouts/`) turns the
 * normalised document into sections of paragraphs and tables; the xlsx, docx and PDF renderers draw it. The
 * layouts own what goes where (so that each format holds the same cells); the renderers own how it looks.
 */
import type { Ratio } from "@jixiao/core";

export type Align = "left" | "center" | "right";

/** A cell's number for spreadsheets: the exact value and the Excel number format that shows it as the form prints it. */
export interface CellNumber {
  value: Ratio;
  /** `#,##0.00` for money, `0.0%` for a rate, `0` / `0.00` for a score or quantity (as many decimals as stated). */
  format: string;
}

export interface WCell {
  /** The cell's text exactly as it is to be written (lines separated by `\n`). Never interpreted. */
  text: string;
  colSpan?: number;
  rowSpan?: number;
  align?: Align;
  bold?: boolean;
  /** Amounts and scores: right-aligned. */
  numeric?: boolean;
  /**
   * The number behind `text` (amounts, scores, rates, quantities): xlsx writes a number cell with its format; docx
   * and PDF print `text`. Absent for text (targets, words, `**`): written as text, whatever it looks like.
   */
  number?: CellNumber;
  /**
   * A total the form prints (合计, 小计, 总分): the cells of the same section it adds up. xlsx writes `SUM(…)` over
   * them with this cell's number as the cached result — only when their numbers add up exactly to it (a stated total
   * that does not is written as the number stated, so that a recalculation never changes a figure).
   */
  sumOf?: WCell[];
  /**
   * A rate the form computes from two cells of the same section (执行率 = 执行数 ÷ 预算数): xlsx writes
   * `numerator/denominator` with the exact quotient as the cached result — only when the denominator is not zero and
   * the quotient, rounded to the decimals this cell's format shows, is this cell's number (otherwise the number as
   * stated is written, so that a recalculation never changes a figure).
   */
  quotientOf?: { numerator: WCell; denominator: WCell };
}

/** A table: rows of the same width; `null` marks a slot covered by a merge (its origin is up or left). */
export interface WTable {
  /** Relative column widths (any unit; the renderers scale them to the page). */
  widths: number[];
  /**
   * Rows repeated at the top of each printed page: docx/PDF repeat them when they start the table (Word repeats
   * only a table's leading rows), xlsx sets them as print titles wherever they are.
   */
  repeat?: { start: number; count: number };
  rows: (WCell | null)[][];
}

export type ParagraphStyle = "title" | "subtitle" | "heading" | "body" | "note";

export interface WParagraph {
  type: "paragraph";
  text: string;
  style: ParagraphStyle;
  align?: Align;
}

export interface WTableBlock {
  type: "table";
  table: WTable;
}

export type WBlock = WParagraph | WTableBlock;

/**
 * A part of the document on its own pages: a docx section (new page, its own orientation) and an xlsx
 * worksheet. In xlsx the paragraphs before the section's first table become merged title rows above it, tables of a
 * section are stacked on one sheet (they have the same number of columns), and a section without a table
 * becomes a sheet of text rows.
 */
export interface WSection {
  /** Worksheet name (made unique and at most 31 characters by the xlsx writer). */
  name: string;
  orientation: "portrait" | "landscape";
  blocks: WBlock[];
}

export interface WDocument {
  /** The document's title (docx/PDF metadata, the file name). */
  title: string;
  /** 宋体 for forms, 仿宋 for report text (with their fallbacks). */
  bodyFont?: "song" | "fangsong";
  sections: WSection[];
}

export const p = (text: string, style: ParagraphStyle = "body", align?: Align): WParagraph =>
  align ? { type: "paragraph", text, style, align } : { type: "paragraph", text, style };

export const c = (text: string | undefined, opts: Omit<WCell, "text"> = {}): WCell => ({ text: text ?? "", ...opts });

/** Checks that every row covers exactly the table's width (spans included) — a layout bug otherwise. */
export function checkTable(t: WTable): void {
  const width = t.widths.length;
  const covered: boolean[][] = t.rows.map(() => Array<boolean>(width).fill(false));
  t.rows.forEach((row, r) => {
    if (row.length !== width) throw new Error(`layout: row ${r} has ${row.length} slots, the table ${width}`);
    row.forEach((cell, col) => {
      if (!cell) return;
      if (covered[r]![col]) throw new Error(`layout: cell ${r},${col} lies under a merge`);
      const rs = cell.rowSpan ?? 1;
      const cs = cell.colSpan ?? 1;
      for (let i = 0; i < rs; i++)
        for (let j = 0; j < cs; j++) {
          if (i === 0 && j === 0) continue;
          const rr = r + i;
          const cc = col + j;
          if (rr >= t.rows.length || cc >= width) throw new Error(`layout: merge at ${r},${col} leaves the table`);
          if (t.rows[rr]![cc] !== null) throw new Error(`layout: slot ${rr},${cc} under a merge is not null`);
          covered[rr]![cc] = true;
        }
    });
  });
  t.rows.forEach((row, r) => {
    row.forEach((cell, col) => {
      if (cell === null && !covered[r]![col]) throw new Error(`layout: slot ${r},${col} is null but not merged`);
    });
  });
}

/** A row builder: cells with spans; the covered slots of column spans are filled with `null`. */
export function row(...cells: (WCell | null)[]): (WCell | null)[] {
  const out: (WCell | null)[] = [];
  for (const cell of cells) {
    out.push(cell);
    if (cell) for (let j = 1; j < (cell.colSpan ?? 1); j++) out.push(null);
  }
  return out;
}

/**
 * The stored score of a self-evaluation as the forms print it (issue 12): core's result, as the server stored it,
 * laid out per group with the total, the grade, the stated figures beside them and how points were fitted to the
 * scheme. The server puts it on the document (`ScoredDocument`); the self-evaluation layouts print it.
 */
export interface ScoreSheet {
  scheme: string;
  executionPoints: string;
  executionRate?: string | undefined;
  executionScore?: string | undefined;
  groups: { name: string; points: string; score: string }[];
  /** Σ of the points: execution + groups (100 under every scheme). */
  points: string;
  total: string;
  grade?: string | undefined;
  statedTotal?: string | undefined;
  statedGrade?: string | undefined;
  /** How points that did not match the scheme were fitted: `按方案折算：产出 60→50`. */
  notes: string[];
}

/** An imported or stored document with the stored score to print. */
export type ScoredDocument<D> = D & { scoreSheet?: ScoreSheet | undefined };

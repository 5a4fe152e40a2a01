/**
 * The neutral shape every reader produces, whatever the source (docx, xlsx, text from Word or PDF, a paste):
 * a document is a sequence of paragraphs and tables; a table is a rectangular grid of cells.
 * Importers recognise the kind of document from this shape and never look at the file format again.
 */
import type { LocalizedText, Location } from "@jixiao/core";

export interface Cell {
  /** The cell's text as written, lines joined with `\n`, outer whitespace trimmed. */
  text: string;
  /**
   * For a cell covered by a merge (gridSpan / vMerge / xlsx merge), the [row, column] (0-based) of the cell
   * that holds the merged text; the covered cell's own `text` repeats that text so that readers by column
   * see the value. Absent for ordinary cells and for the merge's origin.
   */
  mergedFrom?: [number, number];
  /** For a merge's origin: how many rows and columns it spans (absent or 1 when not merged). */
  rowSpan?: number;
  colSpan?: number;
}

export interface Table {
  /** Rows of equal length (readers pad short rows with empty cells). */
  rows: Cell[][];
  /** Where the table is in its source: file, sheet (xlsx), table number (docx, 1-based), page (pdf). */
  location: Location;
  /** Row numbers in the source (1-based) for each row, when they differ from index + 1 (xlsx, text lines). */
  sourceRows?: number[];
}

export type Block = { type: "paragraph"; text: string; location: Location } | { type: "table"; table: Table };

export interface SourceDocument {
  /** The file name as given (no directories), used in every problem's location. */
  file: string;
  format: "docx" | "xlsx" | "word-text" | "pdf-text" | "pdf" | "paste-tsv" | "paste-html";
  blocks: Block[];
  /**
   * What a reader noticed and the reader of the result should know (a lying file extension, a nested table
   * flattened, a hidden sheet…). Never an error: the content is still there.
   */
  notes?: DocumentNote[];
  /**
   * A PDF's blocks rebuilt from its words' positions (read/pdf-words.ts): the tables printed in columns too narrow
   * for the layout text to keep their cells apart. Readers that could not read a table from `blocks` may read it
   * from here; everything else is read from `blocks`.
   */
  positioned?: Block[];
  /**
   * A text whose end cut its last table's last cell (one cell a line, the last line without the `|` every cell
   * before it ends with): that line (1-based). The row holding it is incomplete, whatever it seems to hold.
   */
  cutCell?: number;
}

export interface DocumentNote {
  text: LocalizedText;
  location?: Location;
}

/**
 * The import wizard's own view of the server's import: the preview's `units[]` (each unit of the document and the
 * organisation it goes into, with the reason it cannot, when it cannot) and the commit with `unitOrgs`.
 */

import { api } from "../../api/client.ts";
import { type ImportPreview, importEndpoints } from "../../api/endpoints.ts";

export type Sections = Record<"income" | "spending" | "threePublic" | "procurement" | "assets", number>;

/** A unit of the document and its organisation, as the server's preview (or commit) says. */
export interface ImportUnit {
  unit: string;
  code?: string;
  aliases?: string[];
  /** department: the chosen organisation; mapped: named in unitOrgs; matched: an existing one; create: a new child. */
  action: "department" | "mapped" | "matched" | "create";
  orgId?: string;
  orgName?: string;
  orgCode?: string;
  /** Why the commit cannot do it as planned (a new child under an organisation at the deepest level). */
  problem?: { message: string; messageEn: string };
}

export type ImportView = Omit<ImportPreview, "units"> & { units?: ImportUnit[] };

export interface CommitResult {
  unchanged: boolean;
  message: string;
  messageEn: string;
  import: ImportView;
}

export const importApi = {
  upload: (file: File, orgId: string, year: number) => importEndpoints.upload(file, orgId, year) as Promise<ImportView>,
  get: (id: string) => importEndpoints.get(id) as Promise<ImportView>,
  /** Commits; `unitOrgs` (unit name or code → organisation id) overrides where units go (omitted when empty). */
  commit: (id: string, unitOrgs: Record<string, string>) =>
    api.post<CommitResult>(`/imports/${id}/commit`, Object.keys(unitOrgs).length ? { unitOrgs } : undefined),
};

/**
 * A table pasted into the wizard (「粘贴表格」): Excel, Word and WPS put the table on the clipboard as HTML (merged
 * cells as colspan / rowspan) and as tab-separated text. The HTML is taken when it holds a table, else the text.
 * It is uploaded as a file the server reads by its content: `.html` (the HTML table reader) or `.txt` (the reader
 * of extracted text: a row per line, cells separated by tabs), UTF-8 with a BOM so no other encoding is guessed.
 */
export interface Paste {
  format: "html" | "text";
  content: string;
}

/** Why a paste cannot be a table: nothing in it, or only files / a picture (a screenshot of a table). */
export type PasteProblem = "empty" | "files";

export const PASTE_FILE_NAME = "粘贴的表格";

/** What to upload from the clipboard's `text/html`, `text/plain` and the number of files it holds. */
export function choosePaste(clip: { html?: string; text?: string; files?: number }): Paste | { problem: PasteProblem } {
  if (clip.html && /<table[\s>]/i.test(clip.html)) return { format: "html", content: clip.html };
  if (clip.text && clip.text.trim() !== "") return { format: "text", content: clip.text };
  return { problem: (clip.files ?? 0) > 0 ? "files" : "empty" };
}

/** The paste as the file to upload. */
export function pasteFile(paste: Paste): File {
  const html = paste.format === "html";
  return new File(["\ufeff", paste.content], `${PASTE_FILE_NAME}.${html ? "html" : "txt"}`, {
    type: `${html ? "text/html" : "text/plain"};charset=utf-8`,
  });
}

export interface TableSize {
  rows: number;
  columns: number;
}

/**
 * Rows × columns of an HTML table from its rows' cells and their spans (the HTML table algorithm: each cell takes
 * the first free slot of its row; a rowspan reserves the slots below, 0 to the table's end, cut at the last row).
 */
export function gridSize(rows: { rowSpan: number; colSpan: number }[][]): TableSize {
  /** Per column, the first row index no longer reserved by a rowspan from above. */
  const reservedUntil: number[] = [];
  let columns = 0;
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while ((reservedUntil[c] ?? 0) > r) c++;
      const span = Math.max(1, cell.colSpan);
      const until = cell.rowSpan === 0 ? rows.length : r + Math.max(1, cell.rowSpan);
      for (let k = c; k < c + span; k++) reservedUntil[k] = Math.max(reservedUntil[k] ?? 0, until);
      c += span;
    }
    columns = Math.max(columns, c, reservedUntil.findLastIndex((u) => u > r) + 1);
  });
  return { rows: rows.length, columns };
}

/**
 * Rows × columns of tab-separated text as the server's text reader takes it: a row per line (the line end after
 * the last row ends the text), cells separated by tabs; blank lines (without a tab) are not rows.
 */
export function tsvSize(text: string): TableSize {
  const lines = text
    .replace(/^\ufeff/, "")
    .split(/\r\n|\r|\n/)
    .filter((l) => l.includes("\t") || l.trim() !== "");
  return { rows: lines.length, columns: lines.reduce((w, l) => Math.max(w, l.split("\t").length), 0) };
}

/**
 * Rows × columns of the tables of pasted HTML as the browser parses them (outermost tables; several are counted
 * one below the other: the rows added, the widest width). In the browser only (DOMParser).
 */
export function htmlTableSize(html: string): TableSize & { tables: number } {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const tables = [...doc.querySelectorAll("table")].filter((t) => !t.parentElement?.closest("table"));
  const sizes = tables.map((t) =>
    gridSize([...t.rows].map((tr) => [...tr.cells].map((td) => ({ rowSpan: td.rowSpan, colSpan: td.colSpan })))),
  );
  return {
    tables: tables.length,
    rows: sizes.reduce((n, s) => n + s.rows, 0),
    columns: sizes.reduce((w, s) => Math.max(w, s.columns), 0),
  };
}

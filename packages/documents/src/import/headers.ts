/**
 * Header synonyms: the names one column goes by in different regions' forms. The names are data, in
 * vocabulary/columns.ts (one table of column meanings with their names per template); this module gives the
 * recognisers their view of it. Headers are compared after `norm` (no whitespace, no bracketed notes such as
 * `(A)`, `(万元)`, `（调增为“+”…）`).
 */
import type { Table } from "../model/table.ts";
import { type ColumnField, columnField, synonymsByField } from "../vocabulary/columns.ts";
import { norm } from "./context.ts";

export type HeaderField = ColumnField;

/** Each field's names, derived from the vocabulary (first meaning of a name wins). */
export const HEADER_SYNONYMS: Readonly<Record<HeaderField, readonly string[]>> = synonymsByField();

export { headerScore, matchHeader } from "../vocabulary/columns.ts";

/** The field a header names, if any. */
export function headerField(text: string): HeaderField | undefined {
  return columnField(text);
}

/** Maps the columns of a header row to fields (first column wins for each field). */
export function mapColumns(headers: string[]): Map<HeaderField, number> {
  const map = new Map<HeaderField, number>();
  headers.forEach((h, i) => {
    const f = headerField(h);
    if (f && !map.has(f)) map.set(f, i);
  });
  return map;
}

/** The first row (from `from`) holding all the given fields as headers, with its column map. */
export function findHeaderRow(
  table: Table,
  required: HeaderField[],
  from = 0,
): { row: number; columns: Map<HeaderField, number> } | undefined {
  for (let r = from; r < table.rows.length; r++) {
    const columns = mapColumns(table.rows[r]!.map((c) => c.text));
    if (required.every((f) => columns.has(f))) return { row: r, columns };
  }
  return undefined;
}

/** Whether any cell of the table, normalised, equals one of the texts. */
export function tableHas(table: Table, ...texts: string[]): boolean {
  const wanted = new Set(texts.map(norm));
  return table.rows.some((row) => row.some((c) => wanted.has(norm(c.text))));
}

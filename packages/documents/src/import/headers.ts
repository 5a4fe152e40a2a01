/**
 * Header synonyms: the names one column goes by in different regions' forms. The names are data, in
 * vocabulary/columns.ts (one table of column meanings with their names per template); this module gives the
 * recognisers their view of it. Headers are compared after `norm` (no whitespace, no bracketed notes such as
 * `(A)`, `(万元)`, `（调增为“+”…）`).
 */
import { level1Of, level2Of } from "@jixiao/core";
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
    let columns = mapColumns(table.rows[r]!.map((c) => c.text));
    if (required.some((f) => !columns.has(f)) && columns.has("name") && columns.has("target"))
      columns = levelsFromRows(table, r, columns);
    if (required.every((f) => columns.has(f))) return { row: r, columns };
  }
  return undefined;
}

/**
 * A grid whose header does not name its 一级 / 二级 columns (指标类型 | 指标名称 | 指标值 | 指标描述) is known by
 * its rows: a column left of the names whose first cell is a framework 一级 is the 一级; a names column that holds
 * framework 二级 names in most rows is the 二级 — and the indicator's name too, the form having no 三级.
 */
function levelsFromRows(table: Table, headerRow: number, columns: Map<HeaderField, number>): Map<HeaderField, number> {
  const out = new Map(columns);
  const nameCol = columns.get("name")!;
  const rows = table.rows.slice(headerRow + 1, headerRow + 31).map((row) => row.map((c) => norm(c.text)));
  const data = rows.filter((cells) => cells.filter((t) => t !== "").length >= 2);
  if (data.length < 2) return columns;
  if (!out.has("level2")) {
    // the 二级 stands in the names column, or first in a row whose merged 一级 was left out
    const level2Rows = data.filter((cells) => {
      const first = cells.find((t) => t !== "" && level1Of(t) === undefined) ?? "";
      return level2Of(cells[nameCol] ?? "") !== undefined || level2Of(first) !== undefined;
    }).length;
    if (level2Rows * 10 < data.length * 6) return columns;
    out.set("level2", nameCol);
  }
  if (!out.has("level1")) {
    const mapped = new Set(out.values());
    for (let c = 0; c < nameCol; c++) {
      if (mapped.has(c)) continue;
      const first = data.map((cells) => cells[c] ?? "").find((t) => t !== "");
      if (first !== undefined && level1Of(first) !== undefined) {
        out.set("level1", c);
        break;
      }
    }
  }
  return out;
}

/** Whether any cell of the table, normalised, equals one of the texts. */
export function tableHas(table: Table, ...texts: string[]): boolean {
  const wanted = new Set(texts.map(norm));
  return table.rows.some((row) => row.some((c) => wanted.has(norm(c.text))));
}

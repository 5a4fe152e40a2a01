/**
 * Header synonyms: the names one column goes by in different regions' forms. The names are data, in
 * vocabulary/columns.ts (one table of column meanings with their names per template); this module gives the
 * recognisers their view of it. Headers are compared after `norm` (no whitespace, no bracketed notes such as
 * `(A)`, `(万元)`, `（调增为“+”…）`).
 */
import { level1Of, level2Of } from "@jixiao/core";
import type { Table } from "../model/table.ts";
import { type ColumnField, columnField, PLACE_NAME, synonymsByField } from "../vocabulary/columns.ts";
import { norm } from "./context.ts";

export type HeaderField = ColumnField;

/** Each field's names, derived from the vocabulary (first meaning of a name wins). */
export const HEADER_SYNONYMS: Readonly<Record<HeaderField, readonly string[]>> = synonymsByField();

export { headerScore, matchHeader } from "../vocabulary/columns.ts";

/** The field a header names, if any. */
export function headerField(text: string): HeaderField | undefined {
  return columnField(text);
}

/**
 * Maps the columns of a header row to fields (first column wins for each field). A grid with no target column of its
 * own whose names column is followed by columns named by places (笏石街道办 | 埭头镇: one value column per place)
 * reads the first place's column as its target.
 */
export function mapColumns(headers: string[]): Map<HeaderField, number> {
  const map = new Map<HeaderField, number>();
  headers.forEach((h, i) => {
    const f = headerField(h);
    if (f && !map.has(f)) map.set(f, i);
  });
  const name = map.get("name");
  if (!map.has("target") && name !== undefined) {
    const place = headers.findIndex((h, i) => i > name && headerField(h) === undefined && PLACE_NAME.test(h.trim()));
    if (place >= 0) map.set("target", place);
  }
  return map;
}

/**
 * The first row (from `from`) holding all the given fields as headers, with its column map. A grid whose levels
 * are known by its rows (`levelsFromRows`) may lack the 一级 column: its form prints none (数量指标 first).
 */
export function findHeaderRow(
  table: Table,
  required: HeaderField[],
  from = 0,
): { row: number; columns: Map<HeaderField, number> } | undefined {
  for (let r = from; r < table.rows.length; r++) {
    let columns = mapColumns(table.rows[r]!.map((c) => c.text));
    let byRows = false;
    const levelled = columns.has("name") || columns.has("level2") || columns.has("level1");
    if (required.some((f) => !columns.has(f)) && levelled && columns.has("target")) {
      const read = levelsFromRows(table, r, columns);
      if (read) {
        columns = read;
        byRows = true;
      }
    }
    if (required.every((f) => columns.has(f) || (f === "level1" && byRows && columns.has("level2"))))
      return { row: r, columns };
  }
  return undefined;
}

/**
 * A grid whose header does not say which column holds what is known by its rows:
 * - with no names column (no 三级指标: 一级指标 | 二级指标 | 绩效标准 | 指标值), the indicators' names stand in the
 *   last level column (二级, or 一级 when the header has only that one);
 * - with no 一级 / 二级 header (指标类型 | 指标名称 | 指标值 | 指标描述), a names column holding framework 二级 names in
 *   most rows is the 二级 — and the indicator's name too, the form having no 三级 — else the column left of the
 *   names whose cells are 二级 names in most rows is the 二级 (a level header over 数量指标), and a column left of
 *   that whose first cell is a framework 一级 is the 一级.
 * Undefined when the rows do not bear this out.
 */
function levelsFromRows(
  table: Table,
  headerRow: number,
  columns: Map<HeaderField, number>,
): Map<HeaderField, number> | undefined {
  const out = new Map(columns);
  const rows = table.rows.slice(headerRow + 1, headerRow + 31).map((row) => row.map((c) => norm(c.text)));
  const data = rows.filter((cells) => cells.filter((t) => t !== "").length >= 2);
  if (data.length < 2) return undefined;
  const most = (n: number) => n * 10 >= data.length * 6;
  let nameCol = columns.get("name");
  if (nameCol === undefined) {
    nameCol = columns.get("level2") ?? columns.get("level1")!;
    out.set("name", nameCol);
    for (const f of ["level1", "level2"] as const) if (out.get(f) === nameCol) out.delete(f);
  }
  const names = nameCol;
  if (!out.has("level2")) {
    // the 二级 stands in the names column (the form has no 三级)…
    const inNames = data.filter((cells) => {
      const first = cells.find((t) => t !== "" && level1Of(t) === undefined) ?? "";
      return level2Of(cells[names] ?? "") !== undefined || level2Of(first) !== undefined;
    }).length;
    // …or in a column left of the names, over free-text names (its merged cells left empty below)
    const left = Array.from({ length: names }, (_, c) => c).filter((c) => {
      const filled = data.filter((cells) => (cells[c] ?? "") !== "");
      return filled.length > 0 && filled.every((cells) => level2Of(cells[c]!) !== undefined);
    });
    const freeNames = data.filter((cells) => (cells[names] ?? "") !== "" && level2Of(cells[names]!) === undefined);
    if (left.length > 0 && most(freeNames.length)) {
      const level2 = left[left.length - 1]!;
      out.set("level2", level2);
      // a 一级指标 header over 二级 names: the form prints no 一级
      if (out.get("level1") === level2) out.delete("level1");
    } else if (most(inNames)) out.set("level2", names);
    else return undefined;
  }
  if (!out.has("level1")) {
    const mapped = new Set(out.values());
    const before = out.get("level2")! < names ? out.get("level2")! : names;
    for (let c = 0; c < before; c++) {
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

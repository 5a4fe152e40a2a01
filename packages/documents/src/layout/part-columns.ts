/**
 * A header over two lines whose lower line names the parts of some of its columns, in a text of words a line
 * (河北's 2020 预算项目绩效自评表: `… 预期指标值 单项指标实际完成值 单项指标完成情况 自评得分` over `符号 单位(文字描述)
 * 单项指标得分 权重占比(%) 单项指标折算得分`). The lower line's words stand under nothing — the text keeps no
 * position — so each part goes under the first column, from the previous part's on, it may be a part of
 * (vocabulary/column-parts.ts: a sign and a unit are parts of a target, a weight part of a score); a parent that
 * no part names stays as the value between its parts (符号 | 预期指标值 | 单位), one whose meaning a part has is
 * replaced by its parts. The reading holds only when the composed header is exactly as wide as the widest row
 * under it (a row a line: 12 words under 8 names here).
 */
import { COLUMN_PARTS, PARTS_BEFORE_VALUE } from "../vocabulary/column-parts.ts";
import { columnField } from "../vocabulary/columns.ts";
import { type Column, columnOf, fit } from "./shapes.ts";

/**
 * The columns with the parts line's names put in, or undefined when the line is no line of parts of these columns
 * or the rows below (`width`: the most words of a row) are not as wide as the composed header's own columns (a
 * spanning label column before 一级指标, marked by its negative bias, is no row's).
 */
export function withPartColumns(
  cols: readonly Column[],
  parts: readonly string[],
  width: number,
): Column[] | undefined {
  if (parts.length < 2) return undefined;
  const fields = parts.map((p) => columnField(p));
  const parentOf: number[] = [];
  let from = 0;
  for (const f of fields) {
    const allowed = f === undefined ? undefined : COLUMN_PARTS.get(f);
    if (!allowed) return undefined;
    let j = from;
    while (j < cols.length && !(cols[j]!.field !== undefined && allowed.includes(cols[j]!.field!))) j += 1;
    if (j === cols.length) return undefined;
    parentOf.push(j);
    from = j;
  }
  const out: Column[] = [];
  cols.forEach((c, j) => {
    const mine = parts.flatMap((p, i) => (parentOf[i] === j ? [columnOf(p, fields[i])] : []));
    if (mine.length === 0) out.push(c);
    else if (mine.some((m) => m.field === c.field)) out.push(...mine);
    else {
      const after = mine.findIndex((m) => !PARTS_BEFORE_VALUE.has(m.field!));
      const at = after < 0 ? mine.length : after;
      out.push(...mine.slice(0, at), c, ...mine.slice(at));
    }
  });
  const own = out.filter((c) => (c.bias ?? 0) >= 0).length;
  return own === width ? out : undefined;
}

/**
 * A row under a header composed of parts: its words a column each, as the header's width was judged by them. A
 * row of fewer words lacks its first level cells (一级, 二级 merged over the rows below their first): its words
 * fill the columns from the right, and only level columns are left empty. Undefined for any other row. The score
 * is the sum of the cells' fits (a cell under a column of another shape fits less; the table's score says so).
 */
export function placeByParts(
  words: readonly string[],
  cols: readonly Column[],
): { cells: string[]; score: number } | undefined {
  const own = cols.flatMap((c, j) => ((c.bias ?? 0) >= 0 ? [j] : []));
  const missing = own.length - words.length;
  if (missing < 0) return undefined;
  const skipped = own.slice(0, missing);
  if (!skipped.every((j) => cols[j]!.field === "level1" || cols[j]!.field === "level2")) return undefined;
  const cells: string[] = new Array(cols.length).fill("");
  let score = 0;
  own.slice(missing).forEach((j, i) => {
    cells[j] = words[i]!;
    score += fit(words[i]!, cols[j]!.shape);
  });
  return { cells, score };
}

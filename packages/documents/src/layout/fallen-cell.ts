/**
 * A row's last number that fell to a line of its own. An xlsx preview or a copied page writes a row whose text
 * cells are long (a 定性 row's `… 定性 高中低`) on one line and its 权重 / 分值 below it, alone (`10`). Read as a line,
 * the number starts the next row (a lone word is taken for a vertical 一级's piece). It belongs to the row above
 * when that row left a number column empty after its last filled cell, and the rows above (if any) fill that
 * column: the number goes there. Only one such column may be open, so that the number's place is not a guess.
 */
import { type Column, isNumber } from "./shapes.ts";

/**
 * The column of `above` (the last row read) that the lone word `word` fills, or undefined. `earlier`: the table's
 * data rows before `above`; `cols`: the table's columns.
 */
export function fallenCellColumn(
  word: string,
  above: readonly string[],
  earlier: readonly (readonly string[])[],
  cols: readonly Column[],
): number | undefined {
  if (!isNumber(word)) return undefined;
  const last = above.map((c) => c.trim() !== "").lastIndexOf(true);
  if (last < 0) return undefined;
  const open: number[] = [];
  for (let j = last + 1; j < cols.length; j++) {
    if (cols[j]!.shape !== "number") continue;
    if ((above[j] ?? "").trim() !== "") continue;
    // a column the table's rows fill (not a 得分 a goal table leaves blank throughout), or the table's first row
    if (earlier.length > 0 && !earlier.some((row) => isNumber((row[j] ?? "").trim()))) continue;
    open.push(j);
  }
  return open.length === 1 ? open[0] : undefined;
}

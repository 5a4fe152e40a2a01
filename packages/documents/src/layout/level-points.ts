/**
 * A grid with points at every level (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分: the 决策 / 管理 / 绩效
 * evaluation framework's form) given as a stream of cells, one a line or a paragraph, its merged cells left out. Each
 * level's name comes with its points; what tells a level from an indicator is what follows: a name with one number
 * and then another name heads a group (一级 or 二级), a name with two numbers is an indicator with its points and score.
 * Two group heads in a row are the 一级 and the 二级; one alone is the next 二级 of the same 一级. Rows come back with the group's names and points on the group's first row only, as
 * the merged cells stood.
 */
import type { Segment } from "./align.ts";
import type { Column } from "./shapes.ts";

const NUMBER = /^\d+(\.\d+)?$/;

/** The column positions of such a grid: each level column followed by a 分值 column, then 得分; undefined if not. */
export function levelPointsColumns(
  cols: readonly Column[],
): { l1: number; w1: number; l2: number; w2: number; name: number; weight: number; score: number } | undefined {
  const at = (f: string, from = 0) => cols.findIndex((c, i) => i >= from && c.field === f);
  const l1 = at("level1");
  const l2 = at("level2");
  const name = at("name");
  if (l1 < 0 || l2 < 0 || name < 0) return undefined;
  const w1 = l1 + 1;
  const w2 = l2 + 1;
  const weight = name + 1;
  const score = name + 2;
  const is = (i: number, f: string) => cols[i]?.field === f;
  if (!(is(w1, "weight") && w1 < l2 && is(w2, "weight") && w2 < name && is(weight, "weight") && is(score, "score")))
    return undefined;
  // nothing after the score (a text there could not be told from the next row's name)
  if (cols.slice(score + 1).some((c) => c.field !== undefined)) return undefined;
  return { l1, w1, l2, w2, name, weight, score };
}

/**
 * The rows of the stream, or undefined when it does not read as such a grid (three group heads in a row, a number
 * where a name should be). A last indicator the text's end cut (a name with fewer than two numbers) is a row of what
 * there is.
 */
export function segmentLevelPoints(items: readonly string[], cols: readonly Column[]): Segment[] | undefined {
  const at = levelPointsColumns(cols);
  if (!at) return undefined;
  const out: Segment[] = [];
  const isNum = (k: number) => k < items.length && NUMBER.test(items[k]!.trim());
  const isName = (k: number) => k < items.length && !NUMBER.test(items[k]!.trim()) && items[k]!.trim() !== "";
  let heads: { name: string; points: string }[] = [];
  let start = 0;
  let k = 0;
  while (k < items.length) {
    if (!isName(k)) return undefined;
    if (isNum(k + 1) && isName(k + 2)) {
      heads.push({ name: items[k]!.trim(), points: items[k + 1]!.trim() });
      if (heads.length > 2) return undefined;
      k += 2;
      continue;
    }
    const cells = cols.map(() => "");
    if (heads.length === 2) {
      cells[at.l1] = heads[0]!.name;
      cells[at.w1] = heads[0]!.points;
    }
    const two = heads[heads.length - 1];
    if (two) {
      cells[at.l2] = two.name;
      cells[at.w2] = two.points;
    }
    cells[at.name] = items[k]!.trim();
    let end = k + 1;
    if (isNum(end)) cells[at.weight] = items[end++]!.trim();
    if (isNum(end)) cells[at.score] = items[end++]!.trim();
    out.push({ start, end, cells, score: 1 });
    heads = [];
    start = end;
    k = end;
  }
  return out.length > 0 ? out : undefined;
}

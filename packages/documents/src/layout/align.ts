/**
 * Aligning cells to a header when the reading does not say which column each cell is in.
 *
 * `alignRow`: a row's items, in order, go to the header's columns, in order; a column gets none (an empty or
 * merged cell left out), one item, or — when `merge` is on (space-separated words) — several words of one
 * text. The alignment maximises the sum of the shape fits (shapes.ts) less the cost of the empty columns: a row
 * short by k cells at its start gets k empty leading cells when its first items fit the later columns, and
 * numbers land under numeric columns.
 *
 * `segmentRows`: a stream of items with no row ends (one cell per paragraph, a whole table on one line) is cut
 * into rows by the same score, by dynamic programming over the stream: for each start, one pass aligns all the
 * row lengths from it, so the work is linear in the stream's length (times the header's width squared).
 */
import { type Column, emptyCost, fit } from "./shapes.ts";

const MERGE_COST = 0.35;
const NEG = Number.NEGATIVE_INFINITY;

export interface Aligned {
  cells: string[];
  score: number;
}

function overPoints(text: string): boolean {
  const t = text.trim();
  return /^\d[\d,，]*(\.\d+)?$/.test(t) && Number(t.replace(/[,，]/g, "")) > 100;
}

function mergeable(col: Column): boolean {
  return col.shape === "text" || col.shape === "value";
}

/** The scores of aligning items[start..start+k) to all the columns, for every k ≤ maxItems; with back pointers. */
function alignFrom(
  items: readonly string[],
  start: number,
  maxItems: number,
  cols: readonly Column[],
  maxMerge: number,
): { dp: Float64Array[]; back: Int8Array[] } {
  const C = cols.length;
  const n = Math.min(maxItems, items.length - start);
  // dp[j][i]: best score with the first j columns holding the first i items.
  const dp: Float64Array[] = [];
  const back: Int8Array[] = [];
  for (let j = 0; j <= C; j++) {
    dp.push(new Float64Array(n + 1).fill(NEG));
    back.push(new Int8Array(n + 1).fill(-1));
  }
  dp[0]![0] = 0;
  const fits: Map<string, number>[] = cols.map(() => new Map());
  for (let j = 1; j <= C; j++) {
    const col = cols[j - 1]!;
    const cur = dp[j]!;
    const prev = dp[j - 1]!;
    const b = back[j]!;
    const limit = mergeable(col) ? maxMerge : 1;
    const empty = emptyCost(col);
    for (let i = 0; i <= n; i++) {
      let best = prev[i]! === NEG ? NEG : prev[i]! + empty;
      let how = best === NEG ? -1 : 0;
      for (let m = 1; m <= limit && m <= i; m++) {
        const p = prev[i - m]!;
        if (p === NEG) continue;
        const text = m === 1 ? items[start + i - 1]! : items.slice(start + i - m, start + i).join(" ");
        let f = fits[j - 1]!.get(text);
        if (f === undefined) {
          f = fit(text, col.shape);
          // Words joined into one cell fit no better than their worst word (a 二级 name is not part of a reason).
          for (let k = 1; k < m; k++) f = Math.min(f, fit(items[start + i - m + k]!, col.shape) + 0.3);
          if (m > 1) f = Math.min(f, fit(items[start + i - m]!, col.shape) + 0.3);
          // points and scores are at most 100: a bigger number (a date serial 44,561, an amount) is something else
          if ((col.field === "weight" || col.field === "score") && m === 1 && overPoints(text)) f = -0.6;
          f += col.bias ?? 0;
          fits[j - 1]!.set(text, f);
        }
        const s = p + f - MERGE_COST * (m - 1);
        if (s > best) {
          best = s;
          how = m;
        }
      }
      cur[i] = best;
      b[i] = how;
    }
  }
  return { dp, back };
}

function cellsOf(
  items: readonly string[],
  start: number,
  count: number,
  cols: readonly Column[],
  back: Int8Array[],
): string[] {
  const cells: string[] = new Array(cols.length).fill("");
  let i = count;
  for (let j = cols.length; j >= 1; j--) {
    const m = back[j]![i]!;
    if (m > 0) {
      cells[j - 1] = items.slice(start + i - m, start + i).join(" ");
      i -= m;
    }
  }
  return cells;
}

/** Aligns one row's items to the columns; undefined when they cannot all be placed. */
export function alignRow(items: readonly string[], cols: readonly Column[], merge = false): Aligned | undefined {
  if (cols.length === 0) return undefined;
  const maxMerge = merge ? 12 : 1;
  if (items.length > cols.length * maxMerge) return undefined;
  const { dp, back } = alignFrom(items, 0, items.length, cols, maxMerge);
  const score = dp[cols.length]![items.length]!;
  if (score === NEG) return undefined;
  return { cells: cellsOf(items, 0, items.length, cols, back), score };
}

export interface Segment {
  start: number;
  end: number;
  cells: string[];
  score: number;
}

/**
 * Cuts a stream of items into rows aligned to the columns, maximising the total score. `rowCost` is what each
 * row costs (so that a row is not split in two without reason).
 */
export function segmentRows(
  items: readonly string[],
  cols: readonly Column[],
  opts: { merge?: boolean; rowCost?: number } = {},
): Segment[] {
  const C = cols.length;
  if (C === 0 || items.length === 0) return [];
  const maxMerge = opts.merge ? 4 : 1;
  const maxLen = C * (opts.merge ? 2 : 1);
  const rowCost = opts.rowCost ?? 0.3;
  const n = items.length;
  const best = new Float64Array(n + 1).fill(NEG);
  const from = new Int32Array(n + 1).fill(-1);
  best[0] = 0;
  for (let s = 0; s < n; s++) {
    if (best[s] === NEG) continue;
    const { dp } = alignFrom(items, s, maxLen, cols, maxMerge);
    const last = dp[C]!;
    for (let k = 1; k < last.length; k++) {
      if (last[k] === NEG) continue;
      const v = best[s]! + last[k]! - rowCost;
      if (v > best[s + k]!) {
        best[s + k] = v;
        from[s + k] = s;
      }
    }
  }
  if (best[n] === NEG) return [];
  const cuts: [number, number][] = [];
  for (let e = n; e > 0; e = from[e]!) cuts.push([from[e]!, e]);
  cuts.reverse();
  return cuts.map(([s, e]) => {
    const { dp, back } = alignFrom(items, s, e - s, cols, maxMerge);
    return { start: s, end: e, cells: cellsOf(items, s, e - s, cols, back), score: dp[C]![e - s]! };
  });
}

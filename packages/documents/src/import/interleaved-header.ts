/**
 * Header cells wrapped over two lines, read line by line.
 *
 * A sheet's header row often wraps its cells (`年度` over `指标值`, `实际` over `完成值`). Text that reads the row
 * line by line across the cells — a sharing site's rendering of a merged-cell xlsx — gives the first line of every
 * wrapped cell, then the second: `年度 实际 指标值 完成值` is 年度指标值 | 实际完成值. A cell on one line only (or
 * whose first line went elsewhere) gives its one piece among the second lines: `实际 指标值 完成值` is 指标值 |
 * 实际完成值.
 *
 * `interleavedHeaderAt` reads such a run: k ≥ 2 cells, the first-line pieces (at least one, each no header by
 * itself) in column order, then the second-line pieces (one a cell) in column order; a cell with a first-line piece
 * is the two pieces joined and must be a header, one without is its second-line piece and must be a header by
 * itself; the cells name k distinct fields. The longest such run starting at `i` is taken (ties: fewer first-line
 * pieces missing).
 */
import { isCutName } from "../vocabulary/columns.ts";

export interface InterleavedHeader {
  /** The cells' texts, in column order. */
  cells: string[];
  /** For each cell, the index (into the words) of its first piece. */
  starts: number[];
  /** How many words the run takes. */
  length: number;
}

const MAX_CELLS = 4;

/** The header run of wrapped cells read line by line starting at word `i`, if any (see the file's comment). */
export function interleavedHeaderAt(
  words: readonly string[],
  i: number,
  field: (text: string) => string | undefined,
): InterleavedHeader | undefined {
  for (let k = MAX_CELLS; k >= 2; k--) {
    // tops: how many first-line pieces, from k (all cells wrapped) down to 1
    for (let tops = k; tops >= 1; tops--) {
      const n = k + tops;
      if (i + n > words.length) continue;
      const top = words.slice(i, i + tops);
      const bottom = words.slice(i + tops, i + n);
      // a first-line piece is no header by itself — unless it is a header's cut first line (一级 of 一级指标), which
      // the vocabulary knows as a whole cell for that very reason
      if (top.some((t) => field(t) !== undefined && !isCutName(t))) continue;
      // which cells have a first-line piece: every choice of `tops` columns of k, in order
      for (const chosen of choices(k, tops)) {
        const cells: string[] = [];
        const starts: number[] = [];
        let t = 0;
        let ok = true;
        const seen = new Set<string>();
        for (let c = 0; c < k && ok; c++) {
          const wrapped = chosen.includes(c);
          const text = wrapped ? top[t]! + bottom[c]! : bottom[c]!;
          const f = field(text);
          if (f === undefined || seen.has(f)) ok = false;
          else {
            seen.add(f);
            cells.push(text);
            starts.push(wrapped ? i + t : i + tops + c);
          }
          if (wrapped) t++;
        }
        if (ok) return { cells, starts, length: n };
      }
    }
  }
  return undefined;
}

/** The ways of choosing `m` of `k` columns, each in increasing order. */
function choices(k: number, m: number): number[][] {
  if (m === 0) return [[]];
  if (k < m) return [];
  const out: number[][] = [];
  // the last column chosen or not
  for (const c of choices(k - 1, m - 1)) out.push([...c, k - 1]);
  out.push(...choices(k - 1, m));
  return out;
}

/**
 * A web table copied one cell a line with each cell's `|` on a line of its own (安徽 亳州's form, 四川 大英's 决算 page):
 *
 *     项目名称
 *     |
 *     亳州市人工增雨飞机作业项目
 *     |
 *     |
 *
 * A cell may take several lines: a label printed vertically one character a line (总 / 体 / 目 / 标), a header or
 * caption wrapped (一级 / 指标, 项目资金 / (万元)), a long text in paragraphs (目标1:… / 目标2:…). Such a stretch is
 * given to the readings as the pipe-cells form they know: each cell on its first line, its pieces joined (short
 * pieces glued, long ones with a space), with its `|` (`项目名称 |`); the lines it took and its own `|` line are
 * absent to the readings (like page furniture); a further lone `|` (a row's end, an empty cell) stays as it is.
 */
import type { Line } from "./lines.ts";

const PIPE = /^\s*[|｜]\s*$/;
/** A line of several pipes alone: a row closed by the pipes of its merged cells (保山: `||||||||`). */
const PIPE_RUN = /^\s*[|｜]{2,}\s*$/;
/** A piece that is a line of the text before a table rather than part of its first cell (a title, `单位名称:…`). */
const HEAD_PIECE = /[:：]|^附件|表$/;
/** A cell's pieces over this many lines are no cell (prose, a paragraph run on). */
const MAX_PIECES = 8;
/** A stretch is read so when it holds at least this many cells. */
const MIN_CELLS = 6;

const live = (l: Line) => !l.gone && l.text.trim() !== "";

/** Pieces of one cell joined: a piece of up to four characters glues on (总体目标, 一级指标, 项目资金(万元)). */
export function joinPieces(pieces: string[]): string {
  let out = pieces[0] ?? "";
  for (let k = 1; k < pieces.length; k++) {
    const [before, p] = [pieces[k - 1]!, pieces[k]!];
    const short = [...before].length <= 4 || [...p].length <= 4 || /^[(（]/.test(p);
    out += short ? p : ` ${p}`;
  }
  return out;
}

/** The lines with each stretch of cells-then-`|`-lines gathered into `cell |` lines (the others as given). */
export function gatherPipeLines(lines: Line[]): Line[] {
  const out = lines.map((l) => ({ ...l }));
  let i = 0;
  while (i < out.length) {
    // a stretch: groups of 1..MAX_PIECES text lines, each followed by a lone `|` line
    const cells: { pieces: number[]; pipe: number }[] = [];
    let j = i;
    for (;;) {
      const pieces: number[] = [];
      let k = j;
      // a piece holds no `|` (a line with its own `|` is a cell of the pipe-cells form already)
      while (k < out.length && pieces.length <= MAX_PIECES && live(out[k]!) && !/[|｜]/.test(out[k]!.text)) {
        pieces.push(k);
        k += 1;
      }
      // lone pipes before the first cell or between rows: kept as they are
      if (pieces.length === 0 && k < out.length && out[k]!.gone) {
        j = k + 1;
        continue;
      }
      if (pieces.length === 0 && k < out.length && cells.length > 0) {
        // a row's end: a second lone `|`, or a line of pipes closing the row (保山's `||||||||`)
        if (PIPE.test(out[k]!.text) || PIPE_RUN.test(out[k]!.text)) {
          j = k + 1;
          continue;
        }
      }
      if (pieces.length === 0 || pieces.length > MAX_PIECES || k >= out.length || !PIPE.test(out[k]!.text)) break;
      // the stretch's first cell: the lines before it that read as the text's head (附件1, a title, 单位名称:…) are not
      // its pieces
      if (cells.length === 0) {
        let from = 0;
        pieces.forEach((n, q) => {
          if (q < pieces.length - 1 && HEAD_PIECE.test(out[n]!.text.trim())) from = q + 1;
        });
        pieces.splice(0, from);
      }
      cells.push({ pieces, pipe: k });
      j = k + 1;
    }
    if (cells.length >= MIN_CELLS) {
      for (const c of cells) {
        const first = out[c.pieces[0]!]!;
        first.text = `${joinPieces(c.pieces.map((n) => out[n]!.text.trim()))} |`;
        for (const n of [...c.pieces.slice(1), c.pipe]) out[n] = { ...out[n]!, text: "", gone: true };
      }
      i = cells[cells.length - 1]!.pipe + 1;
    } else i = Math.max(i + 1, cells.length > 0 ? cells[0]!.pipe + 1 : i + 1);
  }
  return out;
}

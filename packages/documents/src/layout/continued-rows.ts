/**
 * An indicator grid continued from the page before: a page's text that starts inside the table, its header (and the
 * form's head) left on the previous page — one cell a line with its `|` (四川 大英's 决算 page: `项目完成指标 |`,
 * `质量指标 |`, `做好…服务费。 |`, …). No header names the columns, but the rows say what they are: each starts with
 * a 一级 name followed by a 二级 one (项目完成指标 / 质量指标, 满意度指标 / 满意度指标), and all are as wide. The
 * header is supplied from the form whose rows these are, with a note:
 *
 * - four cells a row: a goal table's 一级指标 | 二级指标 | 三级指标 | 指标值;
 * - five cells a row under the older Sichuan 一级 (项目完成指标 / 项目效益指标): its 项目绩效目标完成情况表's
 *   一级指标 | 二级指标 | 三级指标 | 预期指标值 | 实际完成指标值.
 *
 * Any other width, or a run that holds a header name of its own, is left to the other readings.
 */
import type { DocumentNote } from "../model/table.ts";
import { columnField } from "../vocabulary/columns.ts";
import type { Line } from "./lines.ts";
import { finish, type Proposal, type Row } from "./proposal.ts";
import { isLevel1Name, isLevel2Name } from "./shapes.ts";

const CELL = /^([^|｜]+?)\s*[|｜]\s*$/;
/** A 二级 name, or a region's 二级 ending in 指标 (满意度指标 under 满意度指标). */
const isLevel2Like = (t: string | undefined) =>
  t !== undefined && (isLevel2Name(t) || (/指标$/.test(t) && [...t].length <= 12));
/** The older Sichuan 一级 names of its 项目绩效目标完成情况表 (产出 as 项目完成). */
const SICHUAN_LEVEL1 = /^项目(完成|效益)(指标)?$/;

const GOAL_HEADER = ["一级指标", "二级指标", "三级指标", "指标值"];
const COMPLETION_HEADER = ["一级指标", "二级指标", "三级指标", "预期指标值", "实际完成指标值"];

/** The header of rows `width` cells wide under these 一级 names, if a form's rows are so. */
export function continuedHeader(width: number, level1s: readonly string[]): string[] | undefined {
  if (width === 4) return GOAL_HEADER;
  if (width === 5 && level1s.some((l) => SICHUAN_LEVEL1.test(l))) return COMPLETION_HEADER;
  return undefined;
}

/** Rows of a headless run of cells: a row starts at a 一级 name followed by a 二级 name. */
export function continuedRows(cells: readonly string[]): number[] {
  const starts: number[] = [];
  for (let k = 0; k + 1 < cells.length; k++)
    if (isLevel1Name(cells[k]!) && isLevel2Like(cells[k + 1])) {
      starts.push(k);
      k += 1;
    }
  return starts;
}

export function continuedRowsCandidate(lines: Line[], file: string): Proposal[] {
  const out: Proposal[] = [];
  let i = 0;
  while (i < lines.length) {
    const run: { text: string; no: number }[] = [];
    let j = i;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      if (l.gone || l.text.trim() === "") continue;
      const m = CELL.exec(l.text.trim());
      if (!m) break;
      run.push({ text: m[1]!.trim(), no: l.no });
    }
    i = j + 1;
    if (run.length < 8 || run.some((c) => columnField(c.text) !== undefined)) continue;
    const cells = run.map((c) => c.text);
    const starts = continuedRows(cells);
    // the run is the rows: it starts with one, and every row is as wide
    if (starts.length < 2 || starts[0] !== 0) continue;
    const bounds = [...starts, cells.length];
    const widths = new Set(starts.map((s, k) => bounds[k + 1]! - s));
    if (widths.size !== 1) continue;
    const width = [...widths][0]!;
    const header = continuedHeader(
      width,
      starts.map((s) => cells[s]!),
    );
    if (!header) continue;
    const rows: Row[] = starts.map((s, k) => ({
      cells: cells.slice(s, bounds[k + 1]),
      line: run[s]!.no,
      end: run[bounds[k + 1]! - 1]!.no,
    }));
    const first = rows[0]!.line;
    const note: DocumentNote = {
      text: {
        zh: `第 ${first} 行起的指标行没有表头（表头在上一页）：按其行（每行 ${width} 格，以一级、二级指标开头）补上表头 ${header.join(" | ")}`,
        en: `The indicator rows from line ${first} have no header (it is on the page before): the header ${header.join(" | ")} is supplied from their shape (${width} cells a row, opening with a 一级 and a 二级 name)`,
      },
      location: { file, row: first },
    };
    const p = finish("pipe-cells", [{ cells: header, line: first }, ...rows], 0, header.length, [], file, {
      explicit: true,
    });
    p.notes.push(note);
    out.push(p);
  }
  return out;
}

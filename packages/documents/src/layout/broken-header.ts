/**
 * A header row broken over lines in pipe rows. A web page's table copied as text ends a row at each line whose last
 * cell ends with `|`, so a header cell that wraps (`年度 指标值 |`, `实际 完成值 |`) ends a "row" of its own:
 *
 *     一级指标 | 二级指标 | 三级指标 | 年度 指标值 |
 *     实际 完成值 |
 *     分值 | 得分 | 偏差原因分析及改进措施 | |||||
 *
 * Consecutive rows holding only column names are one header when no column meaning repeats among them (a header of
 * two real rows — 绩效指标 | 年度指标值 | … over 一级 | 二级 | 三级 | 指标值 — names a field twice, and is left to
 * `composeHeaderRows`). Rows of one to three column names are joined whatever they name (a web table's spanning
 * header cells, each written as its own row).
 *
 * A header's row-label cell may break off the same way (`预算资金 (万元) |` on a line of its own, then `年初预算数 |
 * 全年预算数 | …`): a lone label over a header of amount columns whose next row starts with a label and then
 * numbers heads that header's label column.
 */
import { columnField, columnMeaning } from "../vocabulary/columns.ts";
import type { Row } from "./proposal.ts";
import { isNumber } from "./shapes.ts";

const filledOf = (r: Row) => r.cells.filter((c) => c !== "");
const fieldsOf = (r: Row) => filledOf(r).map((c) => columnField(c));
const namesOnly = (r: Row) => {
  const filled = filledOf(r);
  return filled.length >= 1 && filled.every((c) => columnField(c) !== undefined);
};

function repeats(run: readonly Row[]): boolean {
  const fields = run.flatMap(fieldsOf);
  return new Set(fields).size < fields.length;
}

/** Joins the rows of a header broken over lines (see the file's comment). */
export function joinBrokenHeaders(rows: Row[]): Row[] {
  return joinLabelCells(joinHeaderRuns(rows));
}

function joinHeaderRuns(rows: Row[]): Row[] {
  const out: Row[] = [];
  let run: Row[] = [];
  const short = (r: Row) => filledOf(r).length <= 3;
  const flush = () => {
    if (run.length >= 2 && (run.every(short) || !repeats(run))) {
      out.push({
        cells: run.flatMap(filledOf),
        line: run[0]!.line,
        end: run[run.length - 1]!.end ?? run[run.length - 1]!.line,
      });
    } else out.push(...run);
    run = [];
  };
  for (const r of rows) {
    if (!namesOnly(r)) {
      flush();
      out.push(r);
      continue;
    }
    // a row of more than three names that repeats a meaning of the run starts a header of its own
    if (run.length > 0 && repeats([...run, r]) && !(short(r) && run.every(short))) flush();
    run.push(r);
  }
  flush();
  return out;
}

const shapeOf = (c: string) => {
  const f = columnField(c);
  return f === undefined ? undefined : columnMeaning(f).shape;
};

function joinLabelCells(rows: Row[]): Row[] {
  const out: Row[] = [];
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    const head = rows[k + 1];
    const data = rows[k + 2];
    const lone = filledOf(r);
    if (head && data && lone.length === 1 && isLabel(lone[0]!) && r.cells[0] === lone[0]) {
      const names = filledOf(head);
      const values = filledOf(data);
      if (
        names.length >= 3 &&
        namesOnly(head) &&
        head.cells[0] === names[0] &&
        shapeOf(names[0]!) === "number" &&
        values.length >= 2 &&
        data.cells[0] === values[0] &&
        !isNumber(values[0]!) &&
        isNumber(values[1]!.replace(/[%％]$/, ""))
      ) {
        out.push({ cells: [lone[0]!, ...head.cells], line: r.line, end: head.end ?? head.line });
        k += 1;
        continue;
      }
    }
    out.push(r);
  }
  return out;
}

/** A row label's header: short words, no number, no column name of its own. */
function isLabel(text: string): boolean {
  return [...text].length <= 16 && !/\d/.test(text) && columnField(text) === undefined;
}

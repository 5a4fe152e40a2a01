/**
 * Several projects' goal forms in one table: a page (a web page's table, a sheet) that prints one project's form
 * after another — its head (the unit line `207101天津市河北区人民法院 | 单位:万元`, a form title), 项目名称, the funds
 * and the goal, then its indicator grid — with no break between them. A 项目名称 row after a grid header starts the
 * next project; the head lines right above it (a unit line, a form title, a year line) go with it. Each project is
 * cut out as a table of its own, so that its grid ends where the next project's head begins.
 */
import type { Table } from "../model/table.ts";
import { tidy } from "./context.ts";
import { formLabel } from "./form-labels.ts";
import { findHeaderRow } from "./headers.ts";

const filledOf = (table: Table, r: number) => (table.rows[r] ?? []).map((c) => tidy(c.text)).filter((t) => t !== "");

/** A row naming the project: its first filled cell is a name label (项目名称, 项目支出名称…) with a value after it. */
function isNameRow(table: Table, r: number): boolean {
  const filled = filledOf(table, r);
  return filled.length >= 2 && formLabel(filled[0]!) === "name";
}

/** A line of a form's head above its 项目名称: the unit line (单位:万元), the form's title, its year. */
function isHeadLine(table: Table, r: number): boolean {
  const filled = filledOf(table, r);
  if (filled.length === 0) return false;
  if (filled.some((t) => /^(金额)?单位\s*[:：]/.test(t))) return true;
  if (filled.length !== 1) return false;
  return /绩效目标(申报|批复|审核)?表/.test(filled[0]!) || /^[(（]?\s*\d{4}\s*年度?\s*[)）]?$/.test(filled[0]!);
}

const GRID = ["level1", "level2", "name", "target"] as const;

/** The rows (0-based) where each project after the first starts, in order. */
export function projectStarts(table: Table): number[] {
  const starts: number[] = [];
  let from = 0;
  for (let r = 0; r < table.rows.length; r++) {
    if (!isNameRow(table, r)) continue;
    // a grid between the project above's start and this name: the project above is complete
    const grid = findHeaderRow(table, [...GRID], from);
    if (grid === undefined || grid.row >= r) continue;
    let start = r;
    while (start - 1 > grid.row && isHeadLine(table, start - 1)) start -= 1;
    starts.push(start);
    from = start;
  }
  return starts;
}

/** Rows `from`..`to` (exclusive) of a table as a table: source rows kept, merges within it rebased. */
export function sliceTable(table: Table, from: number, to: number): Table {
  const rows = table.rows.slice(from, to).map((row) =>
    row.map((c) => {
      if (!c.mergedFrom) return c;
      const [mr, mc] = c.mergedFrom;
      if (mr >= from) return { ...c, mergedFrom: [mr - from, mc] as [number, number] };
      const { mergedFrom: _, ...own } = c;
      return own;
    }),
  );
  const sourceRows = table.rows.slice(from, to).map((_, i) => table.sourceRows?.[from + i] ?? from + i + 1);
  return { ...table, rows, sourceRows };
}

/** The table cut at each next project's head; the table itself when it holds one project. */
export function splitAtProjectHeads(table: Table): Table[] {
  const starts = projectStarts(table);
  if (starts.length === 0) return [table];
  const bounds = [0, ...starts, table.rows.length];
  return bounds.slice(0, -1).map((from, i) => sliceTable(table, from, bounds[i + 1]!));
}

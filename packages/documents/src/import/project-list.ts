/**
 * Several projects in one grid (部门预算项目绩效目标申报表 of a whole department, as Sichuan and others publish it):
 *
 *   单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 权重
 *
 * A project's first row carries its name, budget and goal beside its first indicator; its further rows hold only
 * indicators. Copied from a web page, the merged project cells are left out, so a further row starts with its
 * 一级 (or 二级) name and a project row may lack its unit: cells are placed by what they are, not where they are.
 * The row's project part is what comes before its first framework name (产出指标…); in it the amount anchors the
 * 预算数 column and the other cells take the columns around it in the header's order. The indicator part is read
 * by the shared grid reader, placed back under the header's indicator columns. A row with a project part and no
 * indicator (a department's total line) names no project.
 */
import { level1Of, level2Of } from "@jixiao/core";
import type { Project } from "@jixiao/core/model";
import type { Cell, Table } from "../model/table.ts";
import { type ImportContext, isEmptyRow, splitCodeName, tidy, unitIn } from "./context.ts";
import { type HeaderField, mapColumns } from "./headers.ts";
import { readIndicatorGrid } from "./indicators.ts";

const AMOUNT = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$|^[+-]?\d+(\.\d+)?$/;

/** The grid's header: a 项目名称 column before the indicator columns. */
export function projectListHeader(table: Table): { row: number; columns: Map<HeaderField, number> } | undefined {
  for (let r = 0; r < Math.min(table.rows.length, 12); r++) {
    const columns = mapColumns(table.rows[r]!.map((c) => c.text));
    const project = columns.get("project");
    const level1 = columns.get("level1");
    if (project === undefined || level1 === undefined || project > level1) continue;
    if (columns.has("name") && columns.has("target")) return { row: r, columns };
  }
  return undefined;
}

const squash = (s: string) => s.replace(/[\s\u3000]+/g, "");
const isFramework = (t: string) => level1Of(squash(t)) !== undefined || level2Of(squash(t)) !== undefined;

/** Cells without the trailing empty ones (pipe rows padded to the header's width). */
function filledPrefix(row: Cell[]): string[] {
  const texts = row.map((c) => c.text);
  let end = texts.length;
  while (end > 0 && squash(texts[end - 1]!) === "") end--;
  return texts.slice(0, end);
}

interface ListRow {
  r: number;
  /** The project part placed under the header's columns before 一级 (undefined when the row has none). */
  head?: Map<HeaderField, { text: string; column: number }>;
  /** The indicator part, placed so that its first framework name stands under 一级 (or 二级). */
  cells: string[];
}

/** Places the row's project part (cells before its first framework name) under the columns before 一级. */
function placeHead(part: string[], columns: Map<HeaderField, number>): ListRow["head"] {
  const level1 = columns.get("level1")!;
  const before = [...columns.entries()].filter(([, c]) => c < level1).sort((a, b) => a[1] - b[1]);
  const filled = part.map((text, i) => ({ text: tidy(text), i })).filter((x) => x.text !== "");
  if (filled.length === 0) return undefined;
  const out = new Map<HeaderField, { text: string; column: number }>();
  const budgetAt = before.findIndex(([f]) => f === "budget");
  const amountAt = filled.findIndex((x) => AMOUNT.test(squash(x.text)));
  if (budgetAt >= 0 && amountAt >= 0) {
    // the amount anchors 预算数; the cells before it take the columns before, nearest first; those after, after
    out.set("budget", { text: filled[amountAt]!.text, column: before[budgetAt]![1] });
    for (let k = amountAt - 1, j = budgetAt - 1; k >= 0 && j >= 0; k--, j--) {
      out.set(before[j]![0], { text: filled[k]!.text, column: before[j]![1] });
    }
    for (let k = amountAt + 1, j = budgetAt + 1; k < filled.length && j < before.length; k++, j++) {
      out.set(before[j]![0], { text: filled[k]!.text, column: before[j]![1] });
    }
    return out;
  }
  // no amount: by position when the part is as wide as the columns, else the name column first
  if (filled.length === before.length) {
    filled.forEach((x, k) => {
      out.set(before[k]![0], { text: x.text, column: before[k]![1] });
    });
    return out;
  }
  const project = columns.get("project")!;
  out.set("project", { text: filled[0]!.text, column: project });
  return out;
}

function listRows(table: Table, header: number, columns: Map<HeaderField, number>): ListRow[] {
  const level1 = columns.get("level1")!;
  const out: ListRow[] = [];
  for (let r = header + 1; r < table.rows.length; r++) {
    if (isEmptyRow(table, r)) continue;
    const texts = filledPrefix(table.rows[r]!);
    const k = texts.findIndex(isFramework);
    if (k < 0) {
      out.push({ r, cells: texts.map(() => ""), head: placeHead(texts, columns) });
      continue;
    }
    const head = placeHead(texts.slice(0, k), columns);
    // the part stands under 一级 when it starts with a 一级 name (满意度指标 is both: a 一级 when a 二级 follows),
    // else under 二级 (its 一级 merged above and left out)
    const first = squash(texts[k]!);
    const isLevel1 = level1Of(first) !== undefined;
    const isLevel2 = level2Of(first) !== undefined;
    const underLevel1 = isLevel1 && (!isLevel2 || level2Of(squash(texts[k + 1] ?? "")) !== undefined);
    const at = underLevel1 ? level1 : (columns.get("level2") ?? level1);
    const cells = [...new Array<string>(at).fill(""), ...texts.slice(k)];
    out.push({ r, cells, ...(head ? { head } : {}) });
  }
  return out;
}

/** Reads every project of a list grid. */
export function readProjectList(
  ctx: ImportContext,
  table: Table,
  header: { row: number; columns: Map<HeaderField, number> },
  unitText: string,
): Project[] {
  const { columns } = header;
  const unit = unitIn(unitText) ?? unitIn(table.rows[header.row]!.map((c) => c.text).join(" ")) ?? "万元";
  const rows = listRows(table, header.row, columns);
  const width = table.rows[header.row]!.length;
  const projects: { project: Project; rows: ListRow[] }[] = [];
  for (const row of rows) {
    const name = row.head?.get("project")?.text;
    const hasIndicator = row.cells.some((c) => squash(c) !== "");
    if (name && hasIndicator) {
      const project: Project = { name, indicators: [], location: ctx.at(table, row.r, columns.get("project")) };
      const budget = row.head?.get("budget");
      if (budget) project.budget = ctx.amount(budget.text, unit, ctx.at(table, row.r, budget.column, "budget"));
      const goal = row.head?.get("goal")?.text;
      if (goal) project.goal = goal;
      const organisation = row.head?.get("implementer")?.text ?? row.head?.get("department")?.text;
      if (organisation) project.organisation = splitCodeName(organisation);
      ctx.touch(ctx.at(table, row.r));
      projects.push({ project, rows: [row] });
      continue;
    }
    const current = projects[projects.length - 1];
    if (hasIndicator && current) current.rows.push(row);
    else ctx.unmappedRow(table, row.r);
  }
  for (const { project, rows: own } of projects) {
    // the project's indicator parts as a grid of their own, each row under the header's columns
    const grid: Table = {
      rows: [
        table.rows[header.row]!,
        ...own.map((x) => {
          const cells = x.cells.map((text) => ({ text }));
          while (cells.length < width) cells.push({ text: "" });
          return cells;
        }),
      ],
      location: table.location,
      sourceRows: [
        table.sourceRows?.[header.row] ?? header.row + 1,
        ...own.map((x) => table.sourceRows?.[x.r] ?? x.r + 1),
      ],
    };
    const { indicators } = readIndicatorGrid(ctx, grid, { start: 1, columns: new Map(columns) });
    project.indicators.push(...indicators);
  }
  return projects.map((x) => x.project);
}

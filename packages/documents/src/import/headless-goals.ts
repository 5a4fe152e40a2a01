/**
 * A goal table with no project table before its grid: the form's head is label lines (`单位信息: 324001-… 项目名称:`,
 * `主管部门: 324-…`, `预算执行率权重(%):`) that left the 项目名称 empty, or the text starts at the grid. Under a title
 * that names a 绩效目标表 the grid is still one project's goals: it is read as a project with the name, organisation
 * and budget the head states (each may be missing, and each missing one is reported), never with a guessed one.
 */
import type { Project } from "@jixiao/core/model";
import type { Block, Table } from "../model/table.ts";
import { type ImportContext, splitCodeName, tidy } from "./context.ts";

/** The title of a goal form: 绩效目标表, 项目绩效目标申报表, 绩效目标批复表… */
export const GOAL_TITLE = /绩效目标(申报|批复|审核)?表/;

/** Whether the blocks name a goal form in a paragraph or in the first rows of a table. */
export function titledGoalForm(blocks: readonly Block[]): boolean {
  return blocks.some((b) =>
    b.type === "paragraph"
      ? GOAL_TITLE.test(b.text.replace(/[\s\u3000]+/g, ""))
      : b.table.rows.slice(0, 3).some((row) => row.some((c) => GOAL_TITLE.test(c.text.replace(/[\s\u3000]+/g, "")))),
  );
}

/** Labels of the head whose value is the organisation, most specific first. */
const ORGANISATION_LABELS = ["单位信息", "单位名称", "预算单位", "实施单位", "部门名称", "主管部门", "预算部门"];
/** A label of the head followed by its value, up to the next label (`项目名称:`) or the line's end. */
const LABELLED = /([\u4e00-\u9fa5()（）%]{2,12})\s*[:：]\s*([^:：]*?)(?=\s+[\u4e00-\u9fa5()（）%]{2,12}\s*[:：]|$)/g;

/** The label / value pairs of the head's lines (paragraphs and cells before the grid), in order. */
function headPairs(blocks: readonly Block[], grid: Table): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const texts: string[] = [];
  for (const b of blocks) {
    if (b.type === "table" && b.table === grid) break;
    if (b.type === "paragraph") texts.push(b.text);
    else {
      for (const row of b.table.rows) {
        // a pairs table's label cell and its value: the same as `label: value`
        const cells = row.map((c) => tidy(c.text)).filter((t) => t !== "");
        texts.push(cells.length === 2 && !/[:：]/.test(cells[0]!) ? `${cells[0]}:${cells[1]}` : cells.join(" "));
      }
    }
  }
  for (const text of texts)
    for (const line of text.split("\n"))
      for (const m of line.matchAll(LABELLED)) out.push({ label: m[1]!, value: tidy(m[2]!) });
  return out;
}

/**
 * The project of a goal grid that has no project table: the head's 项目名称 (often empty), its organisation (the
 * first filled of 单位信息 / 单位名称 / 预算单位 / … / 主管部门), each without its code; reported as such.
 */
export function headlessProject(ctx: ImportContext, blocks: readonly Block[], grid: Table, gridRow: number): Project {
  const pairs = headPairs(blocks, grid);
  const project: Project = { name: "", indicators: [], location: ctx.at(grid, gridRow) };
  const name = pairs.find((p) => /^(项目|项目支出)名称$/.test(p.label));
  if (name && name.value !== "") project.name = name.value;
  for (const label of ORGANISATION_LABELS) {
    const found = pairs.find((p) => p.label === label && p.value !== "");
    if (found) {
      // the value up to its first space: a label without its colon may follow it on the line
      project.organisation = splitCodeName(found.value.split(/\s+/)[0]!);
      break;
    }
  }
  ctx.report(
    "info",
    "goal_grid_without_project_table",
    "绩效目标表的指标表之前没有项目表：按一个项目读取，项目名称、预算数与年度以表头所写为准（未写的不推测）",
    "The goal table's indicator grid has no project table before it: read as one project, with the name, budget and year only as the form's head states them (none guessed)",
    ctx.at(grid, gridRow),
  );
  return project;
}

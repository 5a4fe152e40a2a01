/**
 * 项目支出绩效目标表 (seed 004) and the national 项目支出绩效目标申报表: per project a heading, a table of
 * label/value pairs (项目名称, 主管部门, 预算数 / 年度资金总额 with its split, 资金用途, 绩效目标 / 年度目标…)
 * and the indicator grid 一级 | 二级 | 三级 | (描述) | 指标值, in the same table or the next one.
 */

import type { Amount, Project } from "@jixiao/core/model";
import type { Block, Table } from "../model/table.ts";
import { PLACE_NAME } from "../vocabulary/columns.ts";
import { fundsPart } from "../vocabulary/funds-labels.ts";
import { type ImportContext, isEmptyRow, norm, splitCodeName, tidy, unitIn, yearIn } from "./context.ts";
import { formBudget, isBudgetLabelText } from "./form-budget.ts";
import { formLabel } from "./form-labels.ts";
import { hasGoalOutline, readGoalOutline } from "./goal-outline.ts";
import { findHeaderRow, type HeaderField, headerField } from "./headers.ts";
import { headlessProject, titledGoalForm } from "./headless-goals.ts";
import { readIndicatorGrid } from "./indicators.ts";
import { splitAtProjectHeads } from "./project-heads.ts";
import { projectListHeader, readProjectList } from "./project-list.ts";
import { fenOf, fenToWanYuanText } from "./values.ts";

type Funding = "budget" | "fiscal" | "carryOver" | "other";

/** The funds labels of the form's head (年度资金总额, 其中:财政拨款, 上年结转…): data, in ../vocabulary/funds-labels.ts. */
const amountLabel = (key: string): Funding | undefined => fundsPart(key);

const TEXT_LABELS: Record<string, "purpose" | "goal"> = {
  资金用途: "purpose",
  预算规模及资金用途: "purpose",
  绩效目标: "goal",
  年度目标: "goal",
  年度绩效目标: "goal",
  总体目标: "goal",
};

/** A total written first in a funds cell, with its unit, before its parts: `总额10606.7522万元财政拨款:6923.3552万元…`. */
const LEADING_TOTAL = /^(?:总额|合计|总计|共计)\s*[:：]?\s*([\d,]+(?:\.\d+)?)\s*(万元|元)/;

function labelKey(text: string): string {
  return norm(text).replace(/[：:]/g, "");
}

/**
 * The row naming the project: 项目名称, 项目支出名称, 专项资金名称… (a name label of any province's form). `gridBelow`: a
 * later table of the text is a goal grid (the form's head and its grid read as two tables).
 */
function nameRowOf(table: Table, gridBelow = false): number {
  const named = table.rows.findIndex((row) => formLabel(labelKey(row[0]?.text ?? "")) === "name");
  if (named >= 0) return named;
  // a department-wide goal table (部门整体绩效目标表) names its department where a project's names the project: with
  // a goal grid below and no name label, the 部门名称 row is the name row, wherever the label stands in it
  return departmentNameRow(table, gridBelow);
}

/** A `部门名称` / `*部门名称:` label cell (a required field's star and the colon ignored). */
const isDepartmentNameLabel = (text: string) => labelKey(text).replace(/^[*＊]+/, "") === "部门名称";

/** The 部门名称 row of a department-wide goal form whose grid is in this table or, `gridBelow`, in a later one. */
function departmentNameRow(table: Table, gridBelow = false): number {
  const r = table.rows.findIndex((row) => row.some((c) => isDepartmentNameLabel(c.text)));
  return r >= 0 && (gridBelow || hasIndicatorGrid(table)) ? r : -1;
}

/** A project's head table; `gridBelow`: a later table of the text is a goal grid. */
export function isProjectInfoTable(table: Table, gridBelow = false): boolean {
  return nameRowOf(table, gridBelow) >= 0;
}

/** Whether a table after the `i`th of `tables` is a goal grid. */
export function gridAfter(tables: readonly Table[], i: number): boolean {
  return tables.slice(i + 1).some(hasIndicatorGrid);
}

/** A goal grid: 一级 | 二级 | 三级 | 指标值 — and no 实际完成值 or 得分 column, which make it a self-evaluation's. */
export function hasIndicatorGrid(table: Table): boolean {
  const found = findHeaderRow(table, ["level1", "level2", "name", "target"]);
  return found !== undefined && !found.columns.has("actual") && !found.columns.has("score");
}

/**
 * A project goal form: a table with a 项目名称 row and an indicator grid — or, when the text stops before the grid
 * (a page cut short), a 项目名称 row under a title that names a 绩效目标(申报)表.
 */
export function isProjectGoalForm(blocks: Block[], tables: Table[]): boolean {
  if (tables.some((t) => projectListHeader(t) !== undefined)) return true;
  const info =
    tables.some((t, i) => isProjectInfoTable(t, gridAfter(tables, i))) ||
    tables.some((t) => hasIndicatorGrid(t) && headBefore(blocks, t) !== undefined);
  if (!info && !tables.some(hasIndicatorGrid) && hasGoalOutline(blocks)) return true;
  // a goal grid under a goal form's title with no project table (the head as label lines, 项目名称 left empty)
  if (!info) return tables.some(hasIndicatorGrid) && titledGoalForm(blocks);
  if (tables.some(hasIndicatorGrid)) return true;
  return titledGoalForm(blocks);
}

/**
 * Reads every project of the document (a project starts at a table with a 项目名称 row; a table holding several
 * projects' forms one after another is read as one table each).
 */
export function readProjectGoals(ctx: ImportContext, given: Block[]): Project[] {
  const blocks = given.flatMap((b): Block[] =>
    b.type === "table" ? splitAtProjectHeads(b.table).map((table) => ({ type: "table", table })) : [b],
  );
  const projects: Project[] = [];
  let heading: string | undefined;
  let current: Project | undefined;
  // the previous block was a table whose grid `current` read: a table opening with the same header continues it
  let gridBefore: string | undefined;
  const tables = blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
  const midTerm = speaksOfMidTerm(blocks);
  for (const block of blocks) {
    if (block.type === "paragraph") {
      if (/绩效目标(申报)?表/.test(block.text)) heading = tidy(block.text);
      gridBefore = undefined;
      continue;
    }
    const table = block.table;
    const headerKey = (row: number) => table.rows[row]!.map((c) => norm(c.text)).join("|");
    const seenGrid = gridBefore;
    gridBefore = undefined;
    const list = projectListHeader(table);
    if (list) {
      const unitLine = table.rows
        .slice(0, list.row)
        .flat()
        .map((c) => c.text)
        .find((t) => /单位[：:]/.test(t));
      const read = readProjectList(ctx, table, list, unitLine ?? "");
      for (const p of read) {
        if (heading) p.title = heading;
        checkInfo(ctx, p);
        checkGrid(ctx, p);
      }
      heading = undefined;
      projects.push(...read);
      current = read[read.length - 1];
      continue;
    }
    const gridBelow = gridAfter(tables, tables.indexOf(table));
    if (isProjectInfoTable(table, gridBelow)) {
      const nameRow = nameRowOf(table, gridBelow);
      const grid = findHeaderRow(table, ["level1", "level2", "name", "target"]);
      current = readInfo(ctx, table, nameRow, grid?.row ?? table.rows.length, heading);
      heading = undefined;
      projects.push(current);
      // a budget stated outside the project's table (a label and its amount as paragraphs or cells of their own),
      // before the checks, which would otherwise say it has none
      if (!current.budget) current.budget = formBudget(ctx, blocks, current.name);
      checkInfo(ctx, current);
      if (grid) {
        readGrid(ctx, table, grid.row, grid.columns, current, midTerm);
        checkGrid(ctx, current);
        gridBefore = headerKey(grid.row);
      }
      continue;
    }
    const grid = findHeaderRow(table, ["level1", "level2", "name", "target"]);
    // the grid's header repeated at the top of the next table (a page's break): the same grid goes on
    const continued = grid !== undefined && grid.row === 0 && seenGrid === headerKey(0);
    const head = grid && !current ? headBefore(blocks, table) : undefined;
    if (grid && head) {
      // the form's head as words on the grid's line (one line of words): its project
      current = { name: head.name, indicators: [], location: ctx.line(head.row) };
      if (head.organisation) current.organisation = splitCodeName(head.organisation);
      if (heading) current.title = heading;
      heading = undefined;
      projects.push(current);
      current.budget = formBudget(ctx, blocks, current.name);
      checkInfo(ctx, current);
      readGrid(ctx, table, grid.row, grid.columns, current, midTerm);
      checkGrid(ctx, current);
      gridBefore = headerKey(grid.row);
    } else if (grid && current && (current.indicators.length === 0 || continued)) {
      readGrid(ctx, table, grid.row, grid.columns, current, midTerm);
      checkGrid(ctx, current);
      gridBefore = headerKey(grid.row);
    } else if (grid && !current && hasIndicatorGrid(table) && titledGoalForm(blocks)) {
      // a goal form whose head names no project in a table of its own: the grid is one project's
      current = headlessProject(ctx, blocks, table, grid.row);
      if (heading) current.title = heading;
      heading = undefined;
      projects.push(current);
      current.budget = formBudget(ctx, blocks, current.name);
      checkInfo(ctx, current);
      if (current.name === "")
        ctx.report("error", "missing_name", "项目名称为空", "The project has no name", current.location);
      readGrid(ctx, table, grid.row, grid.columns, current, midTerm);
      checkGrid(ctx, current);
      gridBefore = headerKey(grid.row);
    } else if (grid) {
      ctx.report(
        "warning",
        "orphan_indicators",
        "指标表之前没有项目名称表，指标未归入任何项目",
        "An indicator table with no project table before it; its indicators belong to no project",
        ctx.at(table),
      );
      for (let r = 0; r < table.rows.length; r++) ctx.unmappedRow(table, r);
    }
  }
  // no table: the indicator tree written as an outline of paragraphs
  if (projects.length === 0) return readGoalOutline(ctx, blocks);
  // a budget stated outside the project's table (a label and its amount as paragraphs or cells of their own)
  for (const p of projects) if (!p.budget) p.budget = formBudget(ctx, blocks, p.name);
  return projects;
}

/**
 * The form's head written as words of the paragraph right before a grid on the same line (a whole form on one
 * line of words): the word after the name label is the project's name, the word after a department label its
 * organisation — a label followed by another label has no value.
 */
function headBefore(blocks: Block[], table: Table): { name: string; organisation?: string; row: number } | undefined {
  const at = blocks.findIndex((b) => b.type === "table" && b.table === table);
  const prev = blocks[at - 1];
  const line = table.sourceRows?.[0];
  if (prev?.type !== "paragraph" || line === undefined || prev.location.row !== line) return undefined;
  const words = prev.text.split(/[ \u3000\t]+/).filter((w) => w !== "");
  const valueAfter = (k: number) => {
    const v = words[k + 1];
    return v !== undefined && !formLabel(labelKey(v)) && !amountLabel(labelKey(v)) ? tidy(v) : undefined;
  };
  const n = words.findIndex((w) => formLabel(labelKey(w)) === "name");
  const name = n >= 0 ? valueAfter(n) : undefined;
  if (!name) return undefined;
  const d = words.findIndex((w) => formLabel(labelKey(w)) === "department");
  const organisation = d >= 0 ? valueAfter(d) : undefined;
  return organisation ? { name, organisation, row: line } : { name, row: line };
}

/** The text of a form with 中期 (multi-year) goals or funds beside the year's: 中期目标, 中期资金总额, 中期绩效指标. */
const MID_TERM = /中期(目标|资金|绩效|指标)/;
const speaksOfMidTerm = (blocks: Block[]) =>
  blocks.some((b) =>
    b.type === "paragraph" ? MID_TERM.test(b.text) : b.table.rows.some((r) => r.some((c) => MID_TERM.test(c.text))),
  );

/**
 * A header with the 中期 and the 年度 indicator blocks side by side (一级 | 二级 | 三级 | 指标值 | 二级 | 三级 | 指标值):
 * the second block's 二级 / 三级 / 指标值 columns — the year's, which the form prints after the multi-year ones.
 */
export function annualBlock(header: string[]): Map<HeaderField, number> {
  const out = new Map<HeaderField, number>();
  const fields = header.map((h) => headerField(h));
  const firstTarget = fields.indexOf("target");
  if (firstTarget < 0) return out;
  const again = (f: HeaderField) => fields.findIndex((x, i) => i > firstTarget && x === f);
  const block = (["level2", "name", "target"] as const).map((f) => [f, again(f)] as const);
  if (block.some(([, c]) => c < 0)) return out;
  for (const [f, c] of block) out.set(f, c);
  return out;
}

function readGrid(
  ctx: ImportContext,
  table: Table,
  headerRow: number,
  columns: Map<import("./headers.ts").HeaderField, number>,
  project: Project,
  midTerm = false,
): void {
  // 中期/年度 target columns: prefer the annual one.
  const header = table.rows[headerRow]!.map((c) => c.text);
  const annual = header.findIndex((h) => /年度/.test(h) && /指标值|目标值/.test(h));
  if (annual >= 0) columns.set("target", annual);
  // the 中期 block beside the year's: its columns are passed over (the same indicators for the whole period)
  const midTermColumns = new Set<number>(); // (and the other places' value columns below)
  if (annual < 0 && midTerm) {
    const block = annualBlock(header);
    for (const [f, c] of block) {
      const first = columns.get(f);
      if (first !== undefined && first !== c) midTermColumns.add(first);
      columns.set(f, c);
    }
  }
  // one value column per place (笏石街道办 | 埭头镇, the first the target: headers.ts mapColumns): the other places'
  // columns are values of the same indicators, no cells out of place
  // …and its 指标方向 column's sign goes before the target (≤ | 100% is ≤100%; 是/否 says no more than the value)
  const target = columns.get("target");
  let signColumn: number | undefined;
  if (
    target !== undefined &&
    headerField(header[target] ?? "") === undefined &&
    PLACE_NAME.test(header[target]!.trim())
  ) {
    header.forEach((h, i) => {
      if (i > target && headerField(h) === undefined && PLACE_NAME.test(h.trim())) midTermColumns.add(i);
    });
    const sign = header.findIndex((h, i) => i < target && headerField(h) === undefined && /方向$/.test(norm(h)));
    if (sign >= 0) signColumn = sign;
  }
  const year = yearIn(project.title ?? "") ?? yearIn(project.name);
  const { indicators } = readIndicatorGrid(ctx, table, {
    start: headerRow + 1,
    columns,
    ...(midTermColumns.size > 0 ? { ignoreColumns: midTermColumns } : {}),
    ...(signColumn !== undefined ? { signColumn } : {}),
    ...(year !== undefined ? { year } : {}),
  });
  project.indicators.push(...indicators);
}

function readInfo(ctx: ImportContext, table: Table, nameRow: number, end: number, heading?: string): Project {
  const project: Project = { name: "", indicators: [], location: ctx.at(table, nameRow) };
  if (heading) project.title = heading;
  const unit =
    unitIn(
      table.rows
        .flat()
        .map((c) => c.text)
        .find((t) => /单位[：:]/.test(t)) ?? "",
    ) ?? "万元";
  const fields: Record<string, string> = {};
  let lastLabel: string | undefined;
  let labelRow = -1;
  for (let r = 0; r < end; r++) {
    if (isEmptyRow(table, r)) continue;
    const texts = table.rows[r]!.map((c) => c.text);
    if (r < nameRow) {
      // The unit line above: `374101天津市…处` and `单位：万元`.
      for (const t of texts) {
        if (tidy(t) === "" || /^单位[：:]/.test(tidy(t))) continue;
        // The form's title inside the table (a range copied from Excel starts with it): the heading, not the unit.
        if (/绩效目标(申报|批复|审核)?表/.test(t)) {
          project.title ??= tidy(t);
          continue;
        }
        // 预算单位:东莞市交通运输局 — the unit after its label; a year line (( 2019 年度)) is no unit
        const labelled = /^(预算单位|主管部门|单位名称|部门名称)\s*[:：]\s*(.+)$/.exec(tidy(t));
        if (labelled) project.organisation = splitCodeName(labelled[2]!);
        else if (!project.organisation && !/^[(（]?\s*\d{4}\s*年度?\s*[)）]?$/.test(tidy(t)))
          project.organisation = splitCodeName(t);
      }
      continue;
    }
    let used = false;
    for (let i = 0; i < texts.length; i++) {
      const key = labelKey(texts[i]!);
      if (key === "") continue;
      if (formLabel(key) === "name") {
        // the label alone on its row (项目 名称 over a merged cell): the name is the next row's first cell
        const below =
          nextValue(texts, i) === undefined && r + 1 < end ? table.rows[r + 1]!.map((c) => tidy(c.text)) : [];
        project.name = tidy(nextValue(texts, i) ?? below.find((t) => t !== "") ?? "");
        used = true;
        continue;
      }
      // 预算部门 / 主管部门 beside the name: the organisation, when the lines above did not give it
      if ((formLabel(key) === "department" || formLabel(key) === "implementer") && i + 1 < texts.length) {
        const value = tidy(nextValue(texts, i) ?? "");
        // (the pair is still kept with the form's other fields when nothing else on its row is read)
        if (value !== "" && !formLabel(value)) project.organisation ??= splitCodeName(value);
      }
      const funding = amountLabel(key) ?? (isBudgetLabelText(key) ? "budget" : undefined);
      if (funding) {
        const value = nextValue(texts, i);
        used = true;
        if (value !== undefined && tidy(value) !== "") {
          // the total under a word of its own with its unit, its parts after it (总额10606.7522万元财政拨款:…)
          const lead = LEADING_TOTAL.exec(tidy(value));
          const amount = ctx.amount(
            lead ? lead[1]! : tidy(value),
            (lead?.[2] as "元" | "万元" | undefined) ?? unitIn(texts[i]!) ?? unit,
            ctx.at(table, r, texts.indexOf(value, i + 1)),
          );
          setFunding(project, funding, amount);
        }
        continue;
      }
      const textField = TEXT_LABELS[key];
      if (textField && i === 0) {
        lastLabel = textField;
        labelRow = r;
        const value = texts
          .slice(1)
          .map(tidy)
          .filter((t) => t !== "" && !amountLabel(labelKey(t)));
        if (textField === "goal" && value.length > 0) {
          project.goal = value.join("\n");
          used = true;
        } else if (textField === "purpose") {
          used = true;
        }
      }
    }
    if (!used) {
      // the use alone on the row right under 预算规模及资金用途, in its first cell (用于维修审判楼玻璃幕墙等 | |||||)
      const filled = texts.map(tidy).filter((t) => t !== "");
      const useLine = lastLabel === "purpose" && r === labelRow + 1 && filled.length === 1 && tidy(texts[0]!) !== "";
      if ((tidy(texts[0] ?? "") === "" || useLine) && lastLabel === "purpose") {
        // The row under 预算规模及资金用途: the use of the funds.
        const value = texts.map(tidy).filter((t) => t !== "");
        project.purpose = value.join("\n");
        continue;
      }
      // Other label/value pairs (项目属性, 实施单位, 计划开始日期…).
      const pairs = texts.map(tidy);
      let stored = false;
      for (let i = 0; i + 1 < pairs.length; i += 2) {
        if (pairs[i] !== "" && pairs[i + 1] !== "") {
          fields[norm(pairs[i]!)] = pairs[i + 1]!;
          stored = true;
        }
      }
      if (!stored) ctx.unmappedRow(table, r);
    }
  }
  if (Object.keys(fields).length > 0) project.fields = fields;
  if (project.name === "" && departmentNameRow(table, true) === nameRow) {
    // a department-wide goal table: the department is what the table is about, and the organisation
    const texts = table.rows[nameRow]!.map((c) => c.text);
    const at = texts.findIndex(isDepartmentNameLabel);
    const value = tidy(nextValue(texts, at) ?? "");
    if (value !== "" && !formLabel(labelKey(value))) {
      project.name = value;
      project.organisation = splitCodeName(value);
    }
  }
  if (project.name === "") {
    ctx.report("error", "missing_name", "项目名称为空", "The project has no name", ctx.at(table, nameRow, 1, "name"));
  }
  return project;
}

function nextValue(texts: string[], i: number): string | undefined {
  for (let k = i + 1; k < texts.length; k++) {
    const t = texts[k]!;
    if (tidy(t) === "") {
      continue;
    }
    if (amountLabel(labelKey(t)) || labelKey(t) === "项目名称") return undefined;
    return t;
  }
  return undefined;
}

function setFunding(project: Project, funding: Funding, amount: Amount): void {
  if (funding === "budget") {
    if (!project.budget) project.budget = amount;
    return;
  }
  project.funding ??= {};
  if (!project.funding[funding]) project.funding[funding] = amount;
}

function checkInfo(ctx: ImportContext, p: Project): void {
  {
    const total = fenOf(p.budget);
    const parts = [p.funding?.fiscal, p.funding?.carryOver, p.funding?.other].map(fenOf);
    if (total !== undefined && parts.some((x) => x !== undefined)) {
      const sum = parts.reduce<bigint>((a, b) => a + (b ?? 0n), 0n);
      if (sum !== total) {
        ctx.report(
          "warning",
          "total_mismatch",
          `项目「${p.name}」预算数 ${fenToWanYuanText(total)} 万元，资金来源合计 ${fenToWanYuanText(sum)} 万元，不一致`,
          `Project "${p.name}" budget ${fenToWanYuanText(total)} 万元 differs from its funding sum ${fenToWanYuanText(sum)} 万元`,
          p.location,
        );
      }
    }
    if (!p.budget) {
      ctx.report(
        "warning",
        "missing_budget",
        `项目「${p.name}」没有预算数`,
        `Project "${p.name}" has no budget`,
        p.location,
      );
    }
  }
}

function checkGrid(ctx: ImportContext, p: Project): void {
  if (p.indicators.length === 0) {
    ctx.report(
      "warning",
      "no_indicators",
      `项目「${p.name}」没有绩效指标`,
      `Project "${p.name}" has no indicators`,
      p.location,
    );
  }
  // A cost indicator (成本指标) above the project's budget.
  const budget = fenOf(p.budget);
  if (budget === undefined) return;
  for (const ind of p.indicators) {
    const t = ind.target?.parsed;
    if (!ind.level2?.includes("成本") || !t || t.kind !== "numeric" || t.value === undefined) continue;
    if (t.unit !== "元") continue;
    const targetFen = BigInt(Math.round(t.value * 100));
    if (targetFen > budget) {
      ctx.report(
        "warning",
        "cost_above_budget",
        `成本指标「${ind.name}」${ind.target!.text} 超过项目预算数 ${fenToWanYuanText(budget)} 万元`,
        `Cost indicator "${ind.name}" ${ind.target!.text} exceeds the project budget ${fenToWanYuanText(budget)} 万元`,
        ind.location,
      );
    }
  }
}

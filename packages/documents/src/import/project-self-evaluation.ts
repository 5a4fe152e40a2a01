/**
 * 项目支出绩效自评表 (national 财预〔2020〕10号 and the provinces' variants): 项目名称, 主管部门, 实施单位; the funds
 * (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分, or 预算数: … 执行数: … written as pairs); 年度总体目标
 * (预期目标 / 实际完成情况); the indicator grid (一级 | 二级 | 三级 | 指标值 | 实际完成值 | 分值 | 得分 | 偏差原因);
 * 总分.
 *
 * The form is read as a stream of rows over every table of the document, in order, so that one form split over
 * several tables (a page break, a layout reader that cut it) and several forms in one table (大英: two projects
 * one after the other) read the same way: a 项目名称 row starts a project; a funds header, a goal row, a grid
 * header and a 总分 row switch what the rows after them are. Header names come from the column vocabulary, and a
 * grid header whose 一级 was merged into the row above (萧县) is joined with it.
 */

import { decimal } from "@jixiao/core";
import type { FundLine, ProjectSelfEvaluation } from "@jixiao/core/model";
import type { Block, Table } from "../model/table.ts";
import { type ImportContext, isEmptyRow, norm, tidy, unitIn } from "./context.ts";
import { type FormLabel, formLabel } from "./form-labels.ts";
import { type HeaderField, headerField, mapColumns } from "./headers.ts";
import { readIndicatorGrid } from "./indicators.ts";
import { hasLabelledBudget, labelledFunds } from "./labelled-funds.ts";
import { cellKind } from "./row-fields.ts";
import { hasSectionFunds, sectionFunds } from "./section-funds.ts";
import { adjustedIsBudget, SELF_EVALUATION_TITLE, scoresFunds } from "./self-evaluation-funds.ts";
import { joinSplitFunds, rateFromIndicator } from "./split-funds.ts";
import { readNumber, readPercent } from "./values.ts";
import { weightColumnByRows } from "./weight-column.ts";

const FUND_FIELDS = ["initial", "adjustment", "budget", "executed", "weight", "rate", "score"] as const;
type FundField = (typeof FUND_FIELDS)[number];
const AMOUNT_FIELDS = new Set<FundField>(["initial", "adjustment", "budget", "executed"]);

const NUMERIC = /^[+-]?[\d,]+(\.\d+)?\s*(万元|万|元)?$/;
const PERCENT = /^[+-]?\d+(\.\d+)?\s*[%％]$/;
const DASH = /^[—\-–/／*＊]+$/;
const TOTAL = /^(总分|合计|总计|自评得分|综合得分|得分合计)$/;
const GOALS = /总体目标|目标完成情况/;
const GOAL_WORDS =
  /^(年度总体目标|总体目标|预期目标|实际完成情况|实际完成目标|年初设定目标|年度总体目标完成情况综述|年度目标完成情况)$/;

interface RowRef {
  table: Table;
  r: number;
  cells: string[];
}

function labelOf(text: string): FormLabel | undefined {
  return formLabel(text);
}

/** The fund fields a row names as column headers, with their columns (a header: no values beside them). */
function fundHeader(cells: string[]): Map<FundField, number> | undefined {
  const cols = mapColumns(cells);
  const found = new Map<FundField, number>();
  for (const f of FUND_FIELDS) {
    const c = cols.get(f);
    if (c !== undefined) found.set(f, c);
  }
  adjustedIsBudget(cells, found);
  const amounts = [...found.keys()].filter((f) => AMOUNT_FIELDS.has(f));
  if (amounts.length < 2 && !(found.has("executed") && found.has("rate"))) return undefined;
  if (cols.has("name") || cols.has("target")) return undefined;
  // `预算数: | 312 | 执行数: | 312`: the names have their values beside them — pairs, not a header
  if (
    cells.some(
      (c, i) => found.has(mapColumns([c]).keys().next().value as FundField) && NUMERIC.test(tidy(cells[i + 1] ?? "")),
    )
  )
    return undefined;
  return found;
}

/** `预算数: | 312 | 执行数: | 312`: fund names each followed by its value. */
function fundPairs(cells: string[]): Map<FundField, { text: string; column: number }> | undefined {
  const out = new Map<FundField, { text: string; column: number }>();
  cells.forEach((c, i) => {
    const f = mapColumns([c]).keys().next().value as HeaderField | undefined;
    if (!f || !(FUND_FIELDS as readonly string[]).includes(f)) return;
    const v = tidy(cells[i + 1] ?? "");
    if (NUMERIC.test(v) || PERCENT.test(v)) out.set(f as FundField, { text: v, column: i + 1 });
  });
  return out.size > 0 ? out : undefined;
}

/** A grid header: 三级指标 with 指标值 (and 实际完成值), in this row or this row joined with the row above. */
function gridHeader(cells: string[], above: string[] | undefined): Map<HeaderField, number> | undefined {
  const cols = mapColumns(cells);
  if (!(cols.has("name") && (cols.has("target") || isScoringGrid(cells, cols)))) return undefined;
  // points at every level (一级 | 分值 | 二级 | 分值 | 三级 | 分值 | 得分): the indicator's are the 分值 after its name
  const own = cells.findIndex((c, i) => i > cols.get("name")! && headerField(c) === "weight");
  if (own >= 0) cols.set("weight", own);
  if (!cols.has("level1") && above) {
    // 一级 merged vertically: `绩效指标 | 一级 指标` above `二级指标 | 三级指标 | …`
    const up = mapColumns(above);
    const c = up.get("level1");
    if (c !== undefined && !cols.has("level2")) cols.set("level1", -1);
    else if (c !== undefined && c < (cols.get("level2") ?? 0) && ![...cols.values()].includes(c)) cols.set("level1", c);
  }
  if (cols.get("level1") === -1) cols.delete("level1");
  if (above) spanFromAbove(cols, mapColumns(above));
  return cols;
}

/**
 * An evaluation's scoring grid (the 决策 / 管理 / 绩效 framework's 评分表): 一级 | 分值 | 二级 | 分值 | 三级 | 分值 | 得分,
 * the indicators scored with no target or actual column — points at every level, the last 分值 the indicator's.
 */
function isScoringGrid(cells: string[], cols: Map<HeaderField, number>): boolean {
  const weights = cells.filter((c) => headerField(c) === "weight").length;
  return cols.has("level1") && cols.has("level2") && cols.has("score") && weights >= 2;
}

/**
 * A header on two rows whose upper row names a parent column over the lower row's parts: `绩效指标 | 年度指标值 |
 * 实际完成值 | 分值 | 得分 | 偏差…` above `一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位` (年度指标值 spans
 * 性质, 值 and 单位; the columns on its right stand only in the upper row). When the rows share exactly one field,
 * the upper row's fields right of it come after the lower row's last column, in their order.
 */
function spanFromAbove(cols: Map<HeaderField, number>, up: Map<HeaderField, number>): void {
  const shared = [...up.keys()].filter((f) => cols.has(f));
  if (shared.length !== 1) return;
  const from = up.get(shared[0]!)!;
  const last = Math.max(...cols.values());
  for (const [f, c] of up) if (c > from && !cols.has(f)) cols.set(f, last + (c - from));
}

/** The grid's rows from `start`: up to a 总分 row, a new 项目名称 or funds, the end of the table. */
function readGridFrom(ctx: ImportContext, table: Table, start: number, columns: Map<HeaderField, number>) {
  let end = start;
  while (end < table.rows.length) {
    const t = table.rows[end]!.map((c) => c.text);
    if (
      isTotalRow(t) ||
      t.some((c) => labelOf(c) === "name") ||
      (fundPairs(t) && !gridRow(t, columns)) ||
      fundHeader(t)
    )
      break;
    end++;
  }
  // the groups' own points in a grid scored at every level are no indicator's
  const header = start > 0 ? table.rows[start - 1]!.map((c) => c.text) : [];
  // of two points columns, the one holding points (weight-column.ts)
  const byRows = weightColumnByRows(table, header, { start, end }, columns);
  const read = byRows.columns;
  const ignoreColumns = new Set([
    ...header.flatMap((h, i) => (headerField(h) === "weight" && i !== read.get("weight") ? [i] : [])),
    ...byRows.ignore,
  ]);
  return readIndicatorGrid(ctx, table, { start, end, columns: read, stopAt: ["总分", "合计"], ignoreColumns });
}

/**
 * A row of the grid whose name is a funds word (预算执行率 | 95% | 2.8 | =98% | 2.8: the indicator of a scheme that
 * scores the execution among its 投入 indicators): its name under the names column, its points under the grid's.
 */
function gridRow(cells: string[], columns: Map<HeaderField, number>): boolean {
  const at = (f: HeaderField) => tidy(cells[columns.get(f) ?? -1] ?? "");
  const points = (f: HeaderField) => columns.has(f) && NUMERIC.test(at(f));
  return at("name") !== "" && at("target") !== "" && points("weight") && (points("score") || !columns.has("score"));
}

/** A row that starts with a 一级 or 二级 name of the framework (in its first two cells): an indicator row. */
function startsIndicatorRow(texts: string[]): boolean {
  return texts
    .filter((t) => t !== "")
    .slice(0, 2)
    .some((t) => ["level1", "level2", "level12"].includes(cellKind(t)));
}

/**
 * A total row: its first cell says 总分 (合计…), or — the national form's last row, `其他需要说明事项 | 无 | 总分 | 100 |
 * 96 | 优` — a cell says 总分 after a 其他需要说明事项 cell.
 */
function isTotalRow(cells: string[]): boolean {
  const texts = cells.map(norm).filter((t) => t !== "");
  if (texts[0] !== undefined && TOTAL.test(texts[0])) return true;
  return OTHER_MATTERS.test(texts[0] ?? "") && texts.some((t) => t === "总分");
}

const OTHER_MATTERS = /^其他需(要)?说明(的)?事项$/;

/**
 * A total glued to the points it is out of (run-together text: 总分100100 is 100 | 100, 总分9086.5 is 90 | 86.5):
 * a figure above 100 points is cut where its first part is the form's points — the indicators' and the funds'
 * 分值 summed, else 100 — and the rest is a score no higher. Any other figure is kept as written.
 */
function unglueTotal(text: string, p: ProjectSelfEvaluation): string {
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) <= 100) return text;
  let points = 0;
  for (const ind of p.indicators) points += Number(ind.weight?.text ?? 0);
  for (const f of p.funds) points += Number(f.weight?.text ?? 0);
  const wanted = [String(Math.round(points * 100) / 100), "100"];
  for (const w of wanted) {
    const rest = text.slice(w.length);
    if (text.startsWith(w) && /^(0|[1-9]\d*)(\.\d+)?$/.test(rest) && Number(rest) <= Number(w)) return rest;
  }
  return text;
}

/** Rows of every table, in document order. */
function rowsOf(blocks: Block[]): RowRef[] {
  const rows: RowRef[] = [];
  for (const b of blocks) {
    if (b.type !== "table") continue;
    b.table.rows.forEach((row, r) => {
      rows.push({ table: b.table, r, cells: row.map((c) => c.text) });
    });
  }
  return rows;
}

/**
 * The tables that hold a project self-evaluation: the form's parts, wherever they are — a 项目名称, funds (a header
 * or 预算数:/执行数: pairs) and an indicator grid with 实际完成值 or 得分, in any tables of the document.
 */
export function projectSelfEvaluationTables(blocks: Block[]): Table[] {
  let name = false;
  let funds = false;
  let grid = false;
  let scored = false;
  const tables = new Set<Table>();
  let prev: string[] | undefined;
  for (const row of rowsOf(blocks)) {
    if (row.cells.some((c) => labelOf(c) === "name")) {
      name = true;
      tables.add(row.table);
    }
    const fh = fundHeader(row.cells);
    if (fh || fundPairs(row.cells)?.has("budget")) {
      funds = true;
      if (fh && scoresFunds(fh)) scored = true;
      tables.add(row.table);
    }
    const g = gridHeader(row.cells, prev);
    if (g && (g.has("actual") || g.has("score"))) {
      grid = true;
      tables.add(row.table);
    }
    prev = row.cells;
  }
  if (grid && !funds && (hasLabelledBudget(blocks) || hasSectionFunds(blocks))) funds = true;
  if (!name && funds && grid && titleName(blocks) !== undefined) {
    // a form that names its project only in its title: its head labels' tables (主管部门, 实施单位) are the form's too
    for (const row of rowsOf(blocks)) if (row.cells.some((c) => labelOf(c) !== undefined)) tables.add(row.table);
    name = true;
  }
  // a form cut short before its grid: its scored funds under a self-evaluation's title (self-evaluation-funds.ts)
  if (name && funds && !grid && scored && titled(blocks)) grid = true;
  // a text that opens inside the grid (its head, and perhaps its header, on the page before): the grid alone
  if (!name && !funds && grid && opensWithGrid(blocks))
    return [...tables].sort((a, b) => order(blocks, a) - order(blocks, b));
  return name && funds && grid ? [...tables].sort((a, b) => order(blocks, a) - order(blocks, b)) : [];
}

/** The text's first block is a table whose first row is a completion grid's header (一级 … 实际完成值). */
export function opensWithGrid(blocks: Block[]): boolean {
  const first = blocks.find((b) => b.type === "table" || b.text.trim() !== "");
  if (first?.type !== "table") return false;
  const g = gridHeader(first.table.rows[0]?.map((c) => c.text) ?? [], undefined);
  return (g?.has("actual") ?? false) && g!.has("level1") && g!.has("name");
}

const titled = (blocks: Block[]) =>
  blocks.some((b) => b.type === "paragraph" && SELF_EVALUATION_TITLE.test(norm(b.text)));

const order = (blocks: Block[], t: Table) => blocks.findIndex((b) => b.type === "table" && b.table === t);

/**
 * The project a form's title names when no 项目名称 row does (服务贸易项目绩效自评表 → 服务贸易项目): a title
 * paragraph that is a 绩效自评表's name, not the bare form name (项目支出绩效自评表), a department-wide form's (…整体绩效
 * 自评表) nor a file name (….docx).
 */
export function titleName(blocks: Block[]): string | undefined {
  for (const b of blocks) {
    if (b.type !== "paragraph") continue;
    const m = /^(.{2,40}?)(支出)?绩效自评表$/.exec(tidy(b.text));
    // a department-wide form (…整体绩效自评表) names a department, not a project
    if (m && !/^(\d{4}年度?)?(项目|部门|单位|专项资金|财政)?$/.test(m[1]!) && !/整体|部门/.test(m[1]!)) return m[1]!;
  }
  return undefined;
}

/** One table that holds all of a form (for callers that look at one table). */
export function isProjectSelfEvaluationTable(table: Table): boolean {
  return projectSelfEvaluationTables([{ type: "table", table }]).length > 0;
}

/**
 * Every project self-evaluation of the document, from the first table of a form on; `used` receives the tables
 * rows were read from.
 */
export function readProjectSelfEvaluations(
  ctx: ImportContext,
  blocks: Block[],
  used?: Set<Table>,
): ProjectSelfEvaluation[] {
  const first = projectSelfEvaluationTables(blocks)[0];
  if (!first) return [];
  const all = rowsOf(blocks);
  const rows = all.slice(all.findIndex((x) => x.table === first));
  const out: ProjectSelfEvaluation[] = [];
  let p: ProjectSelfEvaluation | undefined;
  let mode: "head" | "funds" | "goals" | "grid" | "after" = "head";
  let fundCols: Map<FundField, number> | undefined;
  let unit: "元" | "万元" = "万元";
  let goalWaiting = false;
  let gridScoreCol: number | undefined;
  const consumed = new Set<Table>();
  let lastGrid: Map<HeaderField, number> | undefined;
  let pairCols: Map<FundField, number> | undefined;

  const start = (row: RowRef): ProjectSelfEvaluation => {
    const np: ProjectSelfEvaluation = { name: "", funds: [], indicators: [], location: ctx.at(row.table, row.r) };
    out.push(np);
    mode = "head";
    fundCols = undefined;
    pairCols = undefined;
    return np;
  };

  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    const { table, r, cells } = row;
    if (isEmptyRow(table, r)) continue;
    const texts = cells.map(tidy);
    consumed.add(table);
    // the funds' unit in a caption cell of the form's head (项目资金 (元)), wherever the row puts it
    const caption = texts.find((t) => /资金.{0,4}[(（]\s*(万元|元)\s*[)）]$/.test(t));
    if (caption && mode === "head") unit = unitIn(caption) ?? unit;

    // labels: 项目名称 starts a project; 主管部门 / 实施单位 fill it
    const labelled = texts.some((t) => labelOf(t) !== undefined);
    if (labelled && !gridHeader(cells, undefined)) {
      let used = false;
      texts.forEach((t, i) => {
        const f = labelOf(t);
        if (!f) return;
        const v = texts.slice(i + 1).find((x) => x !== "" && labelOf(x) === undefined);
        if (v === undefined) return;
        // a second 项目名称 starts the next project (one already named or with indicators)
        const filled = p !== undefined && (p.name !== "" || p.indicators.length > 0);
        if (f === "name" && (p === undefined || filled)) p = start(row);
        p ??= start(row);
        p[f] = v;
        used = true;
      });
      if (used) {
        mode = "head";
        continue;
      }
    }
    p ??= start(row);

    const prevCells = k > 0 && rows[k - 1]!.table === table ? rows[k - 1]!.cells : undefined;
    const gh = gridHeader(cells, prevCells);
    if (gh) {
      gridScoreCol = gh.get("score");
      mode = "grid";
      lastGrid = gh;
      const read = readGridFrom(ctx, table, r + 1, gh);
      p.indicators.push(...read.indicators);
      // continue after the grid's rows
      while (k + 1 < rows.length && rows[k + 1]!.table === table && rows[k + 1]!.r < read.end) k++;
      continue;
    }

    if (isTotalRow(texts)) {
      const all = texts;
      const nums = all.filter((t) => /^\d+(\.\d+)?$/.test(t));
      const score =
        (gridScoreCol !== undefined && /^\d+(\.\d+)?$/.test(all[gridScoreCol] ?? "") && all[gridScoreCol]) ||
        nums.pop();
      if (score) {
        p.totalScore = readNumber(unglueTotal(score, p));
        ctx.touch(ctx.at(table, r));
      }
      mode = "after";
      continue;
    }

    const fh = fundHeader(cells);
    if (fh) {
      fundCols = fh;
      pairCols = undefined;
      const u = unitIn(cells.join(" "));
      if (u) unit = u;
      mode = "funds";
      continue;
    }
    const pairs = fundPairs(cells);
    if (pairs && (pairs.has("budget") || pairs.has("executed") || pairs.has("initial"))) {
      const u = unitIn(cells.join(" "));
      if (u) unit = u;
      const label = texts.find((t) => t !== "" && !mapColumns([t]).size) ?? "年度资金总额";
      const line: FundLine = { label: norm(label) === "" ? "年度资金总额" : label, location: ctx.at(table, r) };
      fillLine(ctx, line, table, r, pairs, unit);
      p.funds.push(line);
      pairCols = new Map([...pairs].map(([f, v]) => [f, v.column]));
      mode = "funds";
      continue;
    }
    // rows under a pairs row (`其中-财政拨款: | 312 | 其中-财政拨款: | 312`): values in the same columns
    if (mode === "funds" && !fundCols && pairCols) {
      const label = texts.find((t) => t !== "") ?? "";
      const values = new Map<FundField, { text: string; column: number }>();
      for (const [f, c] of pairCols) values.set(f, { text: texts[c] ?? "", column: c });
      if ([...values.values()].every((v) => v.text === "" || NUMERIC.test(v.text) || DASH.test(v.text))) {
        const line: FundLine = { label: label.replace(/[：:]$/, ""), location: ctx.at(table, r) };
        fillLine(ctx, line, table, r, values, unit);
        p.funds.push(line);
        continue;
      }
    }

    if (GOALS.test(texts.find((t) => t !== "") ?? "")) {
      const values = texts.filter((t) => t !== "" && !GOAL_WORDS.test(norm(t)));
      if (values.length >= 1) p.expectedGoal = values[0];
      if (values.length >= 2) p.actualOutcome = values[1];
      goalWaiting = values.length === 0;
      mode = "goals";
      continue;
    }
    if (mode === "goals" && goalWaiting) {
      const values = texts.filter((t) => t !== "" && !GOAL_WORDS.test(norm(t)));
      if (values.length >= 1) p.expectedGoal = values[0];
      if (values.length >= 2) p.actualOutcome = values[1];
      goalWaiting = false;
      continue;
    }

    // a second form whose grid header was not repeated (or was dropped as a repeated header): its 一级/二级 rows
    if (lastGrid && mode !== "grid" && startsIndicatorRow(texts)) {
      const read = readGridFrom(ctx, table, r, lastGrid);
      p.indicators.push(...read.indicators);
      mode = "grid";
      while (k + 1 < rows.length && rows[k + 1]!.table === table && rows[k + 1]!.r < read.end) k++;
      continue;
    }
    if (mode === "funds" && fundCols) {
      let line = fundLine(ctx, table, r, texts, fundCols, unit);
      // a label on a line of its own (`年度资金总额 |`), its values on the next with no label of their own
      // (`| 32.4 | 31.69 | 10 | 97.80% | 9 |`): one funds row
      const next = rows[k + 1];
      if (line && !hasFundValue(line) && next && next.table === table) {
        const nt = next.cells.map(tidy);
        const valuesOnly = nt.some((t) => t !== "") && nt.every((t) => t === "" || isFundValue(t));
        const joined = valuesOnly
          ? fundLine(
              ctx,
              table,
              next.r,
              nt[0] === "" ? [line.label, ...nt.slice(1)] : [line.label, ...nt],
              fundCols,
              unit,
            )
          : undefined;
        if (joined && hasFundValue(joined)) {
          line = joined;
          k++;
        }
      }
      if (line) {
        p.funds.push(line);
        continue;
      }
    }
    // a unit line (`单位：万元`) or a section caption (`资金情况 (万元)`) sets the unit and says nothing else
    if (texts.filter((t) => t !== "").length === 1 && unitIn(texts.find((t) => t !== "")!)) {
      unit = unitIn(texts.find((t) => t !== "")!)!;
      continue;
    }
    ctx.unmappedRow(table, r);
  }
  if (used) for (const row of rows) if (consumed.has(row.table)) used.add(row.table);

  // a form with no 项目名称 and no funds table: its title names it, its labels (计划投资额 570) state its funds
  if (out.length === 1) {
    const q = out[0]!;
    if (q.name === "") q.name = titleName(blocks) ?? "";
    if (q.funds.length === 0) {
      const f = labelledFunds(ctx, blocks, unit);
      if (f.budget || f.executed) q.funds.push({ label: "项目资金", location: q.location, ...f });
      // or section names over label / value pairs (section-funds.ts)
      const sections = f.budget || f.executed ? undefined : sectionFunds(ctx, blocks, unit);
      if (sections) q.funds.push(sections);
    }
  }
  for (const q of out) {
    if (q.name === "") ctx.report("warning", "missing_name", "项目名称为空", "The project has no name", q.location);
    joinSplitFunds(ctx, q);
    rateFromIndicator(ctx, q);
    checkTotal(ctx, q);
  }
  return out.filter((q) => q.name !== "" || q.funds.length > 0 || q.indicators.length > 0);
}

function fillLine(
  ctx: ImportContext,
  line: FundLine,
  table: Table,
  r: number,
  values: Map<FundField, { text: string; column: number }>,
  unit: "元" | "万元",
): void {
  for (const [f, { text, column }] of values) {
    if (text === "" || DASH.test(text)) continue;
    if (AMOUNT_FIELDS.has(f)) {
      if (f === "adjustment") continue;
      line[f as "initial" | "budget" | "executed"] = ctx.amount(text, unit, ctx.at(table, r, column, f));
    } else if (f === "weight") line.weight = readNumber(text);
    else if (f === "rate") line.rate = readPercent(text);
    else if (f === "score") line.score = readNumber(text);
  }
}

/**
 * A funds row: its label (the text cells before the values) and its values. Values stand under their headers when
 * the label is left of the first fund column and every fund column holds a value or nothing; otherwise (merged
 * cells left out) they are taken in the header's order from the first value.
 */
function fundLine(
  ctx: ImportContext,
  table: Table,
  r: number,
  texts: string[],
  cols: Map<FundField, number>,
  unit: "元" | "万元",
): FundLine | undefined {
  const isValue = (t: string) => NUMERIC.test(t) || PERCENT.test(t) || DASH.test(t);
  const firstValue = texts.findIndex((t, i) => i > 0 && t !== "" && isValue(t));
  const labelCells = texts
    .slice(0, firstValue < 0 ? texts.length : firstValue)
    .filter((t) => t !== "" && !/项目资金|资金情况/.test(t));
  if (labelCells.length === 0) return undefined;
  const line: FundLine = { label: labelCells.join(" "), location: ctx.at(table, r) };
  const order = [...cols.entries()].sort((a, b) => a[1] - b[1]);
  const minCol = order[0]![1];
  const fundColumns = new Set(cols.values());
  const positional =
    texts.slice(0, minCol).some((t) => t !== "") &&
    order.every(([, c]) => (texts[c] ?? "") === "" || isValue(texts[c]!)) &&
    // a percent anywhere but under 执行率 says the cells have moved
    order.every(([f, c]) => f === "rate" || !PERCENT.test(texts[c] ?? "")) &&
    texts.every((t, i) => i < minCol || fundColumns.has(i) || t === "");
  const values = new Map<FundField, { text: string; column: number }>();
  if (positional) {
    for (const [f, c] of order) values.set(f, { text: texts[c] ?? "", column: c });
  } else if (firstValue >= 0) {
    const cells = texts
      .map((text, column) => ({ text, column }))
      .filter((x) => x.column >= firstValue && x.text !== "");
    // the values, then perhaps a note (原因…) at the end; a text between values is no fund line
    const stop = cells.findIndex((x) => !isValue(x.text));
    const found = stop < 0 ? cells : cells.slice(0, stop);
    if (found.length === 0 || cells.slice(found.length).some((x) => isValue(x.text))) return undefined;
    // the rate anchors the line: amounts before it take the fields before 执行率 (nearest first), the points and
    // score after it the fields after (a header cell with no values of its own — 年度预算数(万元) over the amounts —
    // shifts nothing then)
    const pct = found.findIndex((x) => PERCENT.test(x.text));
    const rateAt = order.findIndex(([f]) => f === "rate");
    if (pct >= 0 && rateAt >= 0) {
      for (let i = pct, j = rateAt; i >= 0 && j >= 0; i--, j--) values.set(order[j]![0], found[i]!);
      for (let i = pct + 1, j = rateAt + 1; i < found.length && j < order.length; i++, j++)
        values.set(order[j]![0], found[i]!);
    } else {
      order.forEach(([f], i) => {
        const v = found[i];
        if (v) values.set(f, v);
      });
    }
  }
  fillLine(ctx, line, table, r, values, unit);
  // a form whose only budget column is 年初预算数 (the rate's denominator, 执行率(B/A)): that is the year's budget
  if (!cols.has("budget") && !cols.has("adjustment") && line.initial && line.budget === undefined)
    line.budget = line.initial;
  return line;
}

const isFundValue = (t: string) => NUMERIC.test(t) || PERCENT.test(t) || DASH.test(t);
const hasFundValue = (l: FundLine) =>
  [l.initial, l.budget, l.executed, l.rate, l.weight, l.score].some((v) => v !== undefined);

/** Stated total against Σ scores (the funds line and the indicators). */
function checkTotal(ctx: ImportContext, result: ProjectSelfEvaluation): void {
  const scores = [result.funds[0]?.score, ...result.indicators.map((i) => i.score)]
    .filter((s) => s !== undefined)
    .map((s) => (s?.value !== undefined ? decimal.parseDecimal(s.value) : undefined));
  if (result.totalScore?.value === undefined || scores.length === 0 || !scores.every((s) => s !== undefined)) return;
  const sum = decimal.sum(scores as decimal.Ratio[]);
  if (decimal.cmp(sum, decimal.parseDecimal(result.totalScore.value)!) !== 0) {
    ctx.report(
      "warning",
      "score_mismatch",
      `总分填报 ${result.totalScore.text}，各项得分合计 ${decimal.toDecimalString(sum)}`,
      `Total stated ${result.totalScore.text}; the scores add up to ${decimal.toDecimalString(sum)}`,
      result.location,
    );
  }
}

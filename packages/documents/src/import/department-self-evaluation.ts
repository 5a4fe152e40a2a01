/**
 * 部门整体绩效自评 (seed 002): the scored table (部门名称; 基本/项目支出总额; 预算执行情况 with 预算数(A),
 * 执行数(B), 执行率, 得分 (20分*执行率); 年度目标 (80分) and its score; the indicator grid with 年初目标值,
 * 实际完成值, 得分; 总分; 偏差原因; 改进措施) and the report around it, from which the projects' budgets,
 * executions and stated scores are read.
 */

import { decimal } from "@jixiao/core";
import type { DepartmentSelfEvaluation, FundLine, Project } from "@jixiao/core/model";
import type { Block, Table } from "../model/table.ts";
import { normHeader } from "../vocabulary/columns.ts";
import {
  cell,
  type ImportContext,
  isDepartmentLabel,
  joinTables,
  nextBlock,
  norm,
  pointsIn,
  tidy,
  unitIn,
  yearIn,
} from "./context.ts";
import { findHeaderRow, mapColumns } from "./headers.ts";
import { readIndicatorGrid } from "./indicators.ts";
import { fenOf, fenToWanYuanText, ratioOf, readNumber, readPercent } from "./values.ts";

/**
 * The department's label: 部门名称 (and its variants); in a form titled 部门整体…绩效自评表 also 主管部门 (重庆's
 * 部门整体绩效自评表 names the department there, where a project form names its supervisor).
 */
function isDeptLabel(text: string, titled: boolean): boolean {
  // 安徽's 部门整体支出绩效自评表 labels it 部门 alone
  return isDepartmentLabel(text) || (titled && /^(主管)?部门$/.test(norm(text)));
}

const DEPARTMENT_TITLE = /部门整体(支出)?绩效自评/;

/**
 * A document whose title names a department-wide self-evaluation form: a paragraph, or the first rows of a table
 * (a page's table that starts with its title row, `部门整体支出绩效自评表 | |||`).
 */
export function titledDepartmentForm(blocks: Block[]): boolean {
  return blocks.some((b) =>
    b.type === "paragraph"
      ? DEPARTMENT_TITLE.test(norm(b.text))
      : b.table.rows.slice(0, 2).some((row) => {
          const filled = row.filter((c) => c.text.trim() !== "");
          return filled.length === 1 && DEPARTMENT_TITLE.test(norm(filled[0]!.text));
        }),
  );
}

/**
 * A 指标性质 column holding only 定量 / 定性 (指标) tells the indicator's kind, not an operator code: such a grid is
 * no 部门整体支出绩效自评表 (whose 指标性质 holds codes or ≥ ≤ =), and may be this form's.
 */
function kindsOnly(table: Table, headerRow: number, column: number | undefined): boolean {
  if (column === undefined) return true;
  const values = table.rows
    .slice(headerRow + 1)
    .map((row) => norm(row[column]?.text ?? ""))
    .filter((t) => t !== "");
  return values.length > 0 && values.every((t) => /^定[量性](指标)?$/.test(t));
}

export function isDepartmentSelfEvaluationTable(table: Table, titled = false): boolean {
  const hasDept = table.rows.some((row) => isDeptLabel(row[0]?.text ?? "", titled));
  const grid = findHeaderRow(table, ["name", "target", "actual", "score"]);
  if (!hasDept || grid === undefined) return false;
  const code = mapColumns(table.rows[grid.row]!.map((c) => c.text)).get("operatorCode");
  return kindsOnly(table, grid.row, code);
}

/**
 * The table of the form: the first one recognised; or a table with 部门名称 and no grid followed by a table that
 * is the grid, with the same number of columns (a Word file that starts the grid on a new table so that its
 * header repeats on each page): the two are read as one.
 */
export function departmentSelfEvaluationTables(blocks: Block[]): Table[] {
  const titled = titledDepartmentForm(blocks);
  const whole = blocks.find((b) => b.type === "table" && isDepartmentSelfEvaluationTable(b.table, titled));
  if (whole?.type === "table") return [whole.table];
  const gridOf = (t: Table) => findHeaderRow(t, ["name", "target", "actual", "score"]);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type !== "table" || !b.table.rows.some((row) => isDeptLabel(row[0]?.text ?? "", titled)) || gridOf(b.table))
      continue;
    const next = nextBlock(blocks, i);
    if (next?.type !== "table") continue;
    const grid = gridOf(next.table);
    if (
      grid &&
      !mapColumns(next.table.rows[grid.row]!.map((c) => c.text)).has("operatorCode") &&
      next.table.rows[0]?.length === b.table.rows[0]?.length
    )
      return [b.table, next.table];
  }
  return [];
}

export function readDepartmentSelfEvaluation(
  ctx: ImportContext,
  blocks: Block[],
): DepartmentSelfEvaluation | undefined {
  const parts = departmentSelfEvaluationTables(blocks);
  if (parts.length === 0) return undefined;
  const table = parts.length === 1 ? parts[0]! : joinTables(parts[0]!, parts[1]!);
  const grid = findHeaderRow(table, ["name", "target", "actual", "score"])!;
  const result: DepartmentSelfEvaluation = {
    organisation: "",
    sections: [],
    indicators: [],
    projects: [],
    location: ctx.at(table),
  };
  let unit: "元" | "万元" = "万元";
  const titled = titledDepartmentForm(blocks);

  // Rows above the grid.
  for (let r = 0; r < grid.row; r++) {
    const texts = table.rows[r]!.map((c) => c.text);
    const key = norm(texts[0] ?? "");
    if (isDeptLabel(key, titled)) {
      if (result.organisation === "") result.organisation = tidy(texts.slice(1).find((t) => tidy(t) !== "") ?? "");
      continue;
    }
    // 自评总分 stated in the form's head (重庆), not in a row after the grid
    if (/^(自评)?总分$/.test(normHeader(key))) {
      const v = texts.slice(1).find((t) => tidy(t) !== "");
      const total = v === undefined ? undefined : readNumber(tidy(v));
      if (total?.value !== undefined) {
        result.totalScore = total;
        continue;
      }
    }
    if (key.startsWith("基本支出总额") || texts.some((t) => norm(t) === "项目支出总额")) {
      texts.forEach((t, i) => {
        const k = norm(t);
        const v = texts[i + 1];
        if (v === undefined || tidy(v) === "") return;
        if (k === "基本支出总额")
          result.basicSpending = ctx.amount(tidy(v), unitIn(v) ?? "万元", ctx.at(table, r, i + 1));
        if (k === "项目支出总额")
          result.projectSpending = ctx.amount(tidy(v), unitIn(v) ?? "万元", ctx.at(table, r, i + 1));
      });
      continue;
    }
    // The funds: a row labelled 预算执行情况 that heads the funds columns, or (重庆) the funds header itself, its
    // label lost in the row above — 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 执行率权重 | 执行率得分.
    const headsFunds = (() => {
      const cols = mapColumns(texts);
      return cols.has("rate") && (cols.has("budget") || cols.has("executed") || cols.has("initial"));
    })();
    if (key.startsWith("预算执行情况") || (headsFunds && !result.budget)) {
      unit = unitIn(texts.join("")) ?? "万元";
      const pts = /[(（]\s*(\d+)\s*分\s*[)）]/.exec(texts[0]!);
      if (pts) result.budgetPoints = { text: pts[0], value: pts[1]! };
      const cols = mapColumns(texts);
      const figures = (["initial", "budget", "executed", "rate", "score", "rateWeight", "rateScore"] as const).flatMap(
        (f) => (cols.has(f) ? [cols.get(f)!] : []),
      );
      // The budget line(s) below, until 年度目标 (or, under a header of its own, the first row with no figure).
      for (let k = r + 1; k < grid.row; k++) {
        const row = table.rows[k]!.map((c) => c.text);
        if (norm(row[0] ?? "").startsWith("年度目标")) break;
        if (!key.startsWith("预算执行情况") && figures.every((c) => tidy(row[c] ?? "") === "")) break;
        const label = tidy(
          row
            .slice(0, 2)
            .filter((t) => tidy(t) !== "")
            .join(" "),
        );
        const line: FundLine = { label, location: ctx.at(table, k) };
        const get = (
          f: "initial" | "budget" | "executed" | "rate" | "score" | "weight" | "rateWeight" | "rateScore",
        ) => {
          const c = cols.get(f);
          return c === undefined ? "" : tidy(row[c] ?? "");
        };
        if (get("initial") !== "")
          line.initial = ctx.amount(get("initial"), unit, ctx.at(table, k, cols.get("initial")));
        if (get("budget") !== "") line.budget = ctx.amount(get("budget"), unit, ctx.at(table, k, cols.get("budget")));
        if (get("executed") !== "")
          line.executed = ctx.amount(get("executed"), unit, ctx.at(table, k, cols.get("executed")));
        if (get("rate") !== "") line.rate = readPercent(get("rate"));
        if (get("score") !== "") line.score = readNumber(get("score"));
        else if (get("rateScore") !== "") line.score = readNumber(get("rateScore"));
        // the execution row's points: 执行率权重 (重庆) or a 分值 column of the funds header (安徽)
        const weight = readNumber(get("rateWeight") || get("weight"));
        if (weight.value !== undefined && !result.budgetPoints) result.budgetPoints = weight;
        if (!result.budget) result.budget = line;
        r = k;
      }
      continue;
    }
    if (key.startsWith("年度目标")) {
      const pts = /[(（]\s*(\d+)\s*分\s*[)）]/.exec(texts[0]!);
      if (pts) result.goalPoints = { text: pts[0], value: pts[1]! };
      const v = texts.slice(1).find((t) => tidy(t) !== "");
      if (v) result.goalScore = readNumber(tidy(v));
      continue;
    }
    ctx.unmappedRow(table, r);
  }

  // The grid; its header's first cell may carry the first section's points: `年度 绩效 指标 (40分)`.
  const headerPoints = pointsIn(cell(table, grid.row, 0));
  const dated = blocks.find((b) => b.type === "paragraph" && yearIn(b.text) !== undefined);
  const year = dated?.type === "paragraph" ? yearIn(dated.text) : undefined;
  const { indicators, end } = readIndicatorGrid(ctx, table, {
    ...(year !== undefined ? { year } : {}),
    start: grid.row + 1,
    columns: grid.columns,
    stopAt: ["总分"],
    onSection: (level1, points, text) => {
      let s = result.sections.find((x) => x.level1 === level1);
      if (!s) {
        s = { level1 };
        result.sections.push(s);
      }
      if (points !== undefined) s.points = { text: tidy(text), value: points };
    },
  });
  result.indicators = indicators;
  if (headerPoints !== undefined && result.sections[0] && !result.sections[0].points) {
    result.sections[0].points = { text: tidy(cell(table, grid.row, 0)), value: headerPoints };
  }

  // Rows after the grid: 总分, 偏差原因, 改进措施.
  for (let r = end; r < table.rows.length; r++) {
    const texts = table.rows[r]!.map((c) => c.text);
    const key = norm(texts[0] ?? "");
    const value = texts
      .slice(1)
      .map((t) => t.trim())
      .filter((t) => t !== "")
      .join("\n");
    if (key === "" && value === "") continue;
    if (key === "总分") result.totalScore = readNumber(tidy(value));
    else if (key.includes("原因")) result.deviation = value;
    else if (key.includes("改进措施")) result.improvement = value;
    else ctx.unmappedRow(table, r);
  }

  readReport(ctx, blocks, result);
  if (result.organisation === "") {
    ctx.report("warning", "missing_organisation", "未找到部门名称", "No 部门名称 found", ctx.at(table));
  }
  checkScores(ctx, result);
  return result;
}

/** The report text: headline figures, the year, and the projects' budgets, executions and scores. */
function readReport(ctx: ImportContext, blocks: Block[], result: DepartmentSelfEvaluation): void {
  const paragraphs = blocks.flatMap((b) => (b.type === "paragraph" ? [b] : []));
  if (paragraphs.length === 0) return;
  const text = paragraphs.map((p) => p.text).join("\n");
  const lineOf = (index: number) => {
    let acc = 0;
    for (const p of paragraphs) {
      acc += p.text.length + 1;
      if (acc > index) return p.location.row;
    }
    return undefined;
  };
  const title = paragraphs.find((p) => yearIn(p.text) !== undefined);
  if (title) result.year = yearIn(title.text);

  const report: NonNullable<DepartmentSelfEvaluation["report"]> = {};
  const head = /预算数\s*([\d.,]+)\s*万元[，,]\s*执行数\s*([\d.,]+)\s*万元[，,]\s*执行率\s*([\d.]+\s*[%％])/.exec(text);
  if (head) {
    const loc = ctx.line(lineOf(head.index));
    report.budget = ctx.amount(head[1]!, "万元", loc);
    report.executed = ctx.amount(head[2]!, "万元", loc);
    report.rate = readPercent(head[3]!);
  }
  const score = /自评得分\s*\n\s*(\d+(?:\.\d+)?)\s*\n/.exec(text);
  if (score) {
    report.statedScore = readNumber(score[1]!);
    ctx.touch(ctx.line(lineOf(score.index + score[0].indexOf(score[1]!))));
  }
  const count = /项目\s*(\d+)\s*个/.exec(text);
  if (count) {
    report.projectCount = Number(count[1]);
    ctx.touch(ctx.line(lineOf(count.index)));
  }
  if (Object.keys(report).length > 0) result.report = report;

  // Projects: `X预算资金 1920 万元，完成 1841.65 万元` and `分别为A 163.3 万元、B 42.5 万元` (fully executed).
  const projects = new Map<string, Project>();
  const key = (name: string) => name.replace(/交警/g, "交通").replace(/项目$/, "").replace(/经费$/, "");
  const add = (name: string, index: number): Project => {
    const k = key(name);
    let p = projects.get(k);
    if (!p) {
      p = { name, indicators: [], location: ctx.line(lineOf(index)) };
      projects.set(k, p);
    }
    return p;
  };
  const partial = /([^\s，,；;、。：:]+?)预算资金\s*([\d.,]+)\s*万元[，,]\s*完成\s*([\d.,]+)\s*万元/g;
  for (const m of text.matchAll(partial)) {
    const name = m[1]!.replace(/^其中/, "");
    const p = add(name, m.index);
    const loc = ctx.line(lineOf(m.index));
    p.budget = ctx.amount(m[2]!, "万元", loc);
    p.executed = ctx.amount(m[3]!, "万元", loc);
  }
  const full = /预算执行全面完成[^。；]*?分别为([^。；\n]+)/.exec(text);
  if (full) {
    const loc = ctx.line(lineOf(full.index));
    for (const m of full[1]!.matchAll(/([^、，,\s]+?)\s*([\d.,]+)\s*万元/g)) {
      const p = add(m[1]!, full.index);
      p.budget = ctx.amount(m[2]!, "万元", loc);
      p.executed = ctx.amount(m[2]!, "万元", loc);
    }
  }
  for (const m of text.matchAll(/([^\s，,；;、。：:]+?)自评\s*(\d+(?:\.\d+)?)\s*分/g)) {
    const name = m[1]!.replace(/^其中/, "");
    const p = projects.get(key(name));
    if (p) p.statedScore = readNumber(m[2]!);
    else {
      const q = add(name, m.index);
      q.statedScore = readNumber(m[2]!);
    }
  }
  result.projects = [...projects.values()];
  if (report.projectCount !== undefined && report.projectCount !== result.projects.length) {
    ctx.report(
      "warning",
      "project_count_mismatch",
      `报告称项目 ${report.projectCount} 个，读到 ${result.projects.length} 个项目的预算和执行数`,
      `The report names ${report.projectCount} projects; ${result.projects.length} were read with budget and execution`,
      ctx.line(),
    );
  }
}

function checkScores(ctx: ImportContext, d: DepartmentSelfEvaluation): void {
  // Σ indicator scores = 年度目标 score.
  const scores = d.indicators.map((i) => ratioOf(i.score));
  const goal = ratioOf(d.goalScore);
  if (goal && scores.every((s) => s !== undefined)) {
    const sum = decimal.sum(scores as decimal.Ratio[]);
    if (decimal.cmp(sum, goal) !== 0) {
      ctx.report(
        "warning",
        "score_mismatch",
        `指标得分合计 ${decimal.toDecimalString(sum)}，表中年度目标得分 ${d.goalScore!.text}`,
        `Indicator scores add up to ${decimal.toDecimalString(sum)}; the table states ${d.goalScore!.text} for the goals`,
        d.location,
      );
    }
  }
  // Stated total = budget score + goal score.
  const total = ratioOf(d.totalScore);
  const budgetScore = ratioOf(d.budget?.score);
  if (total && budgetScore && goal && decimal.cmp(decimal.add(budgetScore, goal), total) !== 0) {
    ctx.report(
      "warning",
      "score_mismatch",
      `总分 ${d.totalScore!.text} ≠ 预算执行得分 ${d.budget!.score!.text} + 年度目标得分 ${d.goalScore!.text}`,
      `Total ${d.totalScore!.text} ≠ budget score ${d.budget!.score!.text} + goal score ${d.goalScore!.text}`,
      d.location,
    );
  }
  // Budget score against points × rate: a stated score is kept; the formula's value is shown beside it.
  const points = ratioOf(d.budgetPoints);
  const b = fenOf(d.budget?.budget);
  const e = fenOf(d.budget?.executed);
  if (points && b && e !== undefined && b > 0n && budgetScore) {
    const rate = decimal.ratio(e, b);
    const capped = decimal.min(rate, decimal.ONE);
    const formula = decimal.mul(points, capped);
    if (decimal.cmp(formula, budgetScore) !== 0) {
      ctx.report(
        "info",
        "stated_score_differs",
        `预算执行得分填报为 ${d.budget!.score!.text}，按 ${d.budgetPoints!.value} × 执行率 ${decimal.toFixed(decimal.mul(rate, decimal.fromInt(100)), 2)}% 计算为 ${decimal.toFixed(formula, 2)}（保留填报值）`,
        `Budget score stated ${d.budget!.score!.text}; ${d.budgetPoints!.value} × rate ${decimal.toFixed(decimal.mul(rate, decimal.fromInt(100)), 2)}% gives ${decimal.toFixed(formula, 2)} (stated value kept)`,
        d.budget!.location,
      );
    }
  }
  // Projects' budgets and executions against the headline.
  const sumOf = (pick: (p: Project) => bigint | undefined) =>
    d.projects.reduce<bigint | undefined>((acc, p) => {
      const v = pick(p);
      return v === undefined || acc === undefined ? undefined : acc + v;
    }, 0n);
  const budgets = sumOf((p) => fenOf(p.budget));
  const executed = sumOf((p) => fenOf(p.executed));
  const head = fenOf(d.report?.budget) ?? b;
  const headExec = fenOf(d.report?.executed) ?? e;
  if (d.projects.length > 0 && budgets !== undefined && head !== undefined && budgets !== head) {
    ctx.report(
      "warning",
      "total_mismatch",
      `各项目预算合计 ${fenToWanYuanText(budgets)} 万元，与预算数 ${fenToWanYuanText(head)} 万元不一致`,
      `Projects' budgets add up to ${fenToWanYuanText(budgets)} 万元, not the stated ${fenToWanYuanText(head)} 万元`,
      d.location,
    );
  }
  if (d.projects.length > 0 && executed !== undefined && headExec !== undefined && executed !== headExec) {
    ctx.report(
      "warning",
      "total_mismatch",
      `各项目执行合计 ${fenToWanYuanText(executed)} 万元，与执行数 ${fenToWanYuanText(headExec)} 万元不一致`,
      `Projects' executions add up to ${fenToWanYuanText(executed)} 万元, not the stated ${fenToWanYuanText(headExec)} 万元`,
      d.location,
    );
  }
}

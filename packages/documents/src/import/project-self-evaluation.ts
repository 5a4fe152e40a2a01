/**
 * 项目支出绩效自评表 (national layout, 财预〔2020〕10号 附件):
 * 项目名称 | 主管部门 | 实施单位; 项目资金 rows (年度资金总额, 其中：当年财政拨款 / 上年结转资金 / 其他资金) under
 * 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分; 年度总体目标 (预期目标 | 实际完成情况); the grid
 * 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施; 总分.
 * One table per project; several tables give several projects.
 */

import { decimal } from "@jixiao/core";
import type { FundLine, ProjectSelfEvaluation } from "@jixiao/core/model";
import type { Block, Table } from "../model/table.ts";
import { type ImportContext, isEmptyRow, norm, tidy, unitIn } from "./context.ts";
import { findHeaderRow } from "./headers.ts";
import { readIndicatorGrid } from "./indicators.ts";
import { readNumber, readPercent } from "./values.ts";

export function isProjectSelfEvaluationTable(table: Table): boolean {
  const hasName = table.rows.some((row) => row.some((c) => norm(c.text) === "项目名称"));
  const funds = findHeaderRow(table, ["budget", "executed"]);
  // The indicator grid comes after the funds.
  const grid = funds ? findHeaderRow(table, ["name", "target", "actual"], funds.row + 1) : undefined;
  return hasName && funds !== undefined && grid !== undefined;
}

export function readProjectSelfEvaluations(ctx: ImportContext, blocks: Block[]): ProjectSelfEvaluation[] {
  return blocks
    .flatMap((b) => (b.type === "table" ? [b.table] : []))
    .filter(isProjectSelfEvaluationTable)
    .map((t) => readOne(ctx, t));
}

const LABELS: Record<string, "name" | "department" | "implementer"> = {
  项目名称: "name",
  主管部门: "department",
  实施单位: "implementer",
};

function readOne(ctx: ImportContext, table: Table): ProjectSelfEvaluation {
  const result: ProjectSelfEvaluation = { name: "", funds: [], indicators: [], location: ctx.at(table) };
  const funds = findHeaderRow(table, ["budget", "executed"])!;
  const grid = findHeaderRow(table, ["name", "target", "actual"], funds.row + 1)!;
  const unit = unitIn(table.rows[funds.row]!.map((c) => c.text).join(" ")) ?? "万元";
  let inGoals = false;
  for (let r = 0; r < grid.row; r++) {
    if (isEmptyRow(table, r) || r === funds.row) continue;
    const texts = table.rows[r]!.map((c) => c.text);
    if (r < funds.row) {
      let used = false;
      texts.forEach((t, i) => {
        const f = LABELS[norm(t)];
        const v = texts.slice(i + 1).find((x) => tidy(x) !== "" && !LABELS[norm(x)]);
        if (f && v !== undefined) {
          result[f] = tidy(v);
          used = true;
        }
      });
      if (!used) ctx.unmappedRow(table, r);
      continue;
    }
    const firstKey = norm(texts.find((t) => tidy(t) !== "") ?? "");
    const goalWords = /^(年度总体目标|总体目标|预期目标|实际完成情况)$/;
    if (/总体目标/.test(firstKey) || inGoals) {
      // 年度总体目标 | 预期目标 | 实际完成情况 (headers), with the values on this row or the next.
      const values = texts.map(tidy).filter((t) => t !== "" && !goalWords.test(norm(t)));
      if (values.length >= 1) result.expectedGoal = values[0];
      if (values.length >= 2) result.actualOutcome = values[1];
      inGoals = values.length === 0 && !inGoals;
      continue;
    }
    const cols = funds.columns;
    const labelCells = texts
      .slice(0, Math.min(...cols.values()))
      .map(tidy)
      .filter((t) => t !== "" && !/项目资金/.test(t));
    if (labelCells.length === 0) {
      ctx.unmappedRow(table, r);
      continue;
    }
    const line: FundLine = { label: labelCells.join(" "), location: ctx.at(table, r) };
    const get = (f: "initial" | "budget" | "executed" | "weight" | "rate" | "score") => {
      const c = cols.get(f);
      return c === undefined ? "" : tidy(texts[c] ?? "");
    };
    const isDash = (t: string) => /^[—\-–/]+$/.test(t);
    for (const f of ["initial", "budget", "executed"] as const) {
      const t = get(f);
      if (t !== "" && !isDash(t)) line[f] = ctx.amount(t, unit, ctx.at(table, r, cols.get(f), f));
    }
    if (get("weight") !== "" && !isDash(get("weight"))) line.weight = readNumber(get("weight"));
    if (get("rate") !== "" && !isDash(get("rate"))) line.rate = readPercent(get("rate"));
    if (get("score") !== "" && !isDash(get("score"))) line.score = readNumber(get("score"));
    result.funds.push(line);
  }
  const { indicators, end } = readIndicatorGrid(ctx, table, {
    start: grid.row + 1,
    columns: grid.columns,
    stopAt: ["总分"],
  });
  result.indicators = indicators;
  for (let r = end; r < table.rows.length; r++) {
    const all = table.rows[r]!.map((c) => tidy(c.text));
    const texts = all.filter((t) => t !== "");
    if (texts.length === 0) continue;
    if (norm(texts[0]!) === "总分") {
      // The stated total sits in the 得分 column (the 分值 column holds 100).
      const sc = grid.columns.get("score");
      const score = (sc !== undefined && all[sc]) || texts.filter((t) => /^\d+(\.\d+)?$/.test(t)).pop();
      if (score) result.totalScore = readNumber(score);
    } else ctx.unmappedRow(table, r);
  }
  if (result.name === "")
    ctx.report("warning", "missing_name", "项目名称为空", "The project has no name", ctx.at(table));
  // Stated total against Σ scores (budget line + indicators).
  const scores = [result.funds[0]?.score, ...result.indicators.map((i) => i.score)]
    .filter((s) => s !== undefined)
    .map((s) => (s?.value !== undefined ? decimal.parseDecimal(s.value) : undefined));
  if (result.totalScore?.value !== undefined && scores.every((s) => s !== undefined) && scores.length > 0) {
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
  return result;
}

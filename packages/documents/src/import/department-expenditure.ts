/**
 * 部门整体支出绩效自评表 (seed 003): 部门名称; 部门预算资金 rows (年度资金总额, 基本支出, 项目支出 and its
 * split) with 年初预算数, 预算调整数, 预算确定数, 执行数, 执行率, 情况说明; 部门年度目标; the indicator grid
 * with 指标性质 (operator code), 指标值, 度量单位, 实际完成值, 偏差原因分析及改进措施; notes.
 *
 * Amounts: the header says `(万元)` but the figures are 元 (170,294,599.63 万元 would be 1.7 trillion 元). When a
 * stated 万元 column holds figures of ten million or more, they are read as 元 and the mismatch is reported.
 */
import { decimal, type OperatorCodeTable } from "@jixiao/core";
import type { DepartmentExpenditureEvaluation } from "@jixiao/core/model";
import type { Block, Table } from "../model/table.ts";
import {
  type ImportContext,
  isDepartmentLabel,
  isEmptyRow,
  joinTables,
  nextBlock,
  norm,
  tidy,
  unitIn,
  yearIn,
} from "./context.ts";
import { findHeaderRow, type HeaderField, mapColumns } from "./headers.ts";
import { readIndicatorGrid } from "./indicators.ts";
import { fenOf, fenToYuanText, readPercent } from "./values.ts";

type BudgetRow = DepartmentExpenditureEvaluation["budgetRows"][number];

export function isDepartmentExpenditureTable(table: Table): boolean {
  const budget = findHeaderRow(table, ["initial", "adjustment", "budget", "executed"]);
  const grid = findHeaderRow(table, ["operatorCode", "target", "actual"]);
  return budget !== undefined || grid !== undefined;
}

/**
 * The table of the form: the first one recognised, and the table right after it when the first has the budget
 * but no indicator grid and the next one is that grid (a Word file that starts the grid on a new table so that
 * its header repeats on each page) with the same number of columns.
 */
export function departmentExpenditureTables(blocks: Block[]): Table[] {
  const at = blocks.findIndex((b) => b.type === "table" && isDepartmentExpenditureTable(b.table));
  if (at < 0) return [];
  const first = (blocks[at] as { table: Table }).table;
  const next = nextBlock(blocks, at);
  if (
    next?.type === "table" &&
    findHeaderRow(first, ["operatorCode", "target", "actual"]) === undefined &&
    findHeaderRow(first, ["initial", "budget", "executed"]) !== undefined &&
    findHeaderRow(next.table, ["initial", "budget", "executed"]) === undefined &&
    findHeaderRow(next.table, ["operatorCode", "target", "actual"]) !== undefined &&
    next.table.rows[0]?.length === first.rows[0]?.length
  )
    return [first, next.table];
  return [first];
}

export function readDepartmentExpenditure(
  ctx: ImportContext,
  blocks: Block[],
  /** 指标性质 code table; core's default (004 ≥, 003 ＝, 002 ≤, 001 unknown) when absent. */
  operatorCodes?: OperatorCodeTable,
): DepartmentExpenditureEvaluation | undefined {
  const parts = departmentExpenditureTables(blocks);
  if (parts.length === 0) return undefined;
  const table = parts.length === 1 ? parts[0]! : joinTables(parts[0]!, parts[1]!);
  const result: DepartmentExpenditureEvaluation = {
    organisation: "",
    amountUnit: "万元",
    budgetRows: [],
    indicators: [],
    notes: [],
    location: ctx.at(table),
  };
  const title = blocks.find((b) => b.type === "paragraph" && yearIn(b.text) !== undefined);
  if (title?.type === "paragraph") result.year = yearIn(title.text);

  const budgetHeader = findHeaderRow(table, ["initial", "budget", "executed"]);
  const gridHeader = findHeaderRow(table, ["operatorCode", "target", "actual"]);
  const gridStart = gridHeader?.row ?? table.rows.length;
  const done = new Set<number>();

  for (let r = 0; r < table.rows.length; r++) {
    const key = norm(table.rows[r]![0]?.text ?? "");
    if (isDepartmentLabel(key)) {
      result.organisation = tidy(table.rows[r]!.slice(1).find((c) => tidy(c.text) !== "")?.text ?? "");
      done.add(r);
      break;
    }
  }

  if (budgetHeader) {
    done.add(budgetHeader.row);
    const headerTexts = table.rows[budgetHeader.row]!.map((c) => c.text);
    const stated = headerTexts.map(unitIn).find((u) => u !== undefined);
    if (stated) result.statedUnit = stated;
    const cols = budgetHeader.columns;
    const rows: number[] = [];
    for (let r = budgetHeader.row + 1; r < gridStart; r++) {
      const first = norm(table.rows[r]![0]?.text ?? "");
      if (first !== "") break;
      rows.push(r);
    }
    // Unit: as stated, unless the figures are implausibly large for 万元.
    let unit: "元" | "万元" = stated ?? "元";
    if (unit === "万元") {
      const big = rows.some((r) =>
        (["initial", "budget", "executed"] as HeaderField[]).some((f) => {
          const t = tidy(table.rows[r]![cols.get(f)!]?.text ?? "").replace(/,/g, "");
          const v = decimal.parseDecimal(t);
          return v !== undefined && decimal.cmp(v, decimal.fromInt(10_000_000)) >= 0;
        }),
      );
      if (big) {
        unit = "元";
        ctx.report(
          "warning",
          "unit_mismatch",
          "表头注明单位为万元，但金额（如 1.7 亿以上、带千分位和两位小数）显然以元填报，按元读取",
          "The header says 万元 but the figures are plainly in 元 (grouped, two decimals, over ten million); read as 元",
          ctx.at(table, budgetHeader.row, 1),
        );
      }
    }
    result.amountUnit = unit;
    let group = "";
    for (const r of rows) {
      done.add(r);
      const texts = table.rows[r]!.map((c) => tidy(c.text));
      const labelCells = texts.slice(0, Math.min(...[...cols.values()]));
      const labels = labelCells.filter((t) => t !== "");
      if (labels.length === 0 && texts.every((t) => t === "")) continue;
      if (labels.length > 1 || (texts[1] ?? "") !== "") group = labels[0] ?? group;
      const label = labels.join(" / ");
      const line: BudgetRow = { label, category: categoryOf(labels, group), location: ctx.at(table, r) };
      const put = (f: "initial" | "adjustment" | "budget" | "executed") => {
        const c = cols.get(f);
        if (c === undefined || (texts[c] ?? "") === "") return;
        line[f] = ctx.amount(texts[c]!, unit, ctx.at(table, r, c, f));
      };
      put("initial");
      put("adjustment");
      put("budget");
      put("executed");
      const rc = cols.get("rate");
      if (rc !== undefined && (texts[rc] ?? "") !== "") line.rate = readPercent(texts[rc]!);
      const nc = cols.get("note");
      if (nc !== undefined && (texts[nc] ?? "") !== "") line.note = texts[nc]!;
      result.budgetRows.push(line);
    }
    checkBudget(ctx, result.budgetRows);
  } else {
    ctx.report(
      "warning",
      "missing_budget_table",
      "未找到预算资金表头（年初预算数、预算确定数、执行数）",
      "No budget header found (年初预算数, 预算确定数, 执行数)",
      ctx.at(table),
    );
  }

  if (gridHeader) {
    // Two header rows: 绩效指标 | | | 指标性质 | 指标值 | … over 一级指标 | 二级指标 | 三级指标.
    const columns = new Map(gridHeader.columns);
    let start = gridHeader.row + 1;
    done.add(gridHeader.row);
    const next = mapColumns((table.rows[start] ?? []).map((c) => c.text));
    if (next.has("level1") || next.has("name")) {
      for (const [f, c] of next) columns.set(f, c);
      done.add(start);
      start += 1;
    }
    for (let r = 0; r < gridHeader.row; r++) {
      if (done.has(r) || isEmptyRow(table, r)) continue;
      const key = norm(table.rows[r]![0]?.text ?? "");
      const value = table.rows[r]!.slice(1)
        .map((c) => c.text.trim())
        .filter((t) => t !== "")
        .join("\n");
      if (key.includes("年度目标")) result.goal = value;
      else if (key.includes("绩效指标") && value === "") {
        // The section heading 部门整体支出绩效指标.
      } else ctx.unmappedRow(table, r);
    }
    const { indicators, end } = readIndicatorGrid(ctx, table, {
      start,
      columns,
      stopAt: ["其他需说明事项"],
      operatorCodes: operatorCodes ?? true,
      ...(result.year !== undefined ? { year: result.year } : {}),
    });
    result.indicators = indicators;
    for (let r = end; r < table.rows.length; r++) {
      const texts = table.rows[r]!.map((c) => c.text.trim()).filter((t) => t !== "");
      if (texts.length === 0) continue;
      result.notes.push(texts.join(" "));
    }
  } else {
    ctx.report(
      "warning",
      "missing_indicator_table",
      "未找到指标表头（指标性质、指标值、实际完成值）",
      "No indicator header found (指标性质, 指标值, 实际完成值)",
      ctx.at(table),
    );
  }
  if (result.organisation === "") {
    ctx.report("warning", "missing_organisation", "未找到部门名称", "No 部门名称 found", ctx.at(table));
  }
  return result;
}

function categoryOf(labels: string[], group: string): BudgetRow["category"] {
  const l = labels.join("");
  if (/上年结转/.test(l)) return "carryOver";
  if (/其他资金/.test(l)) return "other";
  if (/财政拨款/.test(l)) return "fiscal";
  if (/基本支出/.test(l)) return "basic";
  if (/项目支出/.test(l)) return "project";
  if (/资金总额|合计|总额/.test(l)) return group === "" || /资金总额/.test(group) ? "total" : "unknown";
  return "unknown";
}

function checkBudget(ctx: ImportContext, rows: BudgetRow[]): void {
  for (const row of rows) {
    const i = fenOf(row.initial);
    const a = fenOf(row.adjustment);
    const b = fenOf(row.budget);
    const e = fenOf(row.executed);
    if (i !== undefined && a !== undefined) {
      const expected = i + a;
      if ((b ?? 0n) !== expected) {
        ctx.report(
          b === undefined ? "info" : "warning",
          "budget_arithmetic",
          `「${row.label}」年初预算数 + 预算调整数 = ${fenToYuanText(expected)} 元，预算确定数${b === undefined ? "未填" : `为 ${fenToYuanText(b)} 元`}`,
          `"${row.label}": initial + adjustment = ${fenToYuanText(expected)} yuan; the final budget is ${b === undefined ? "empty" : `${fenToYuanText(b)} yuan`}`,
          row.location,
        );
      }
    }
    if (b !== undefined && e !== undefined && b > 0n && row.rate?.percent !== undefined) {
      const pct = decimal.mul(decimal.ratio(e, b), decimal.fromInt(100));
      const stated = decimal.parseDecimal(row.rate.percent)!;
      const digits = (row.rate.percent.split(".")[1] ?? "").length;
      if (decimal.cmp(decimal.round(pct, digits), stated) !== 0) {
        ctx.report(
          "warning",
          "rate_mismatch",
          `「${row.label}」执行率填报 ${row.rate.text}%，按执行数 ÷ 预算确定数计算为 ${decimal.toFixed(pct, 2)}%`,
          `"${row.label}": stated rate ${row.rate.text}%, executed ÷ final budget gives ${decimal.toFixed(pct, 2)}%`,
          row.location,
        );
      }
    }
  }
  // total = basic + project; project = fiscal + other + carryOver.
  const one = (c: BudgetRow["category"]) => rows.find((r) => r.category === c);
  const total = one("total");
  const basic = one("basic");
  const project = one("project");
  for (const f of ["initial", "budget", "executed"] as const) {
    const t = fenOf(total?.[f]);
    const bb = fenOf(basic?.[f]);
    const p = fenOf(project?.[f]);
    if (t !== undefined && bb !== undefined && p !== undefined && bb + p !== t) {
      ctx.report(
        "warning",
        "total_mismatch",
        `基本支出 + 项目支出 = ${fenToYuanText(bb + p)} 元，与年度资金总额 ${fenToYuanText(t)} 元不一致（${f}）`,
        `basic + project = ${fenToYuanText(bb + p)} yuan, not the stated total ${fenToYuanText(t)} yuan (${f})`,
        total!.location,
      );
    }
    const parts = (["fiscal", "other", "carryOver"] as const).map((c) => fenOf(one(c)?.[f]));
    if (p !== undefined && parts.some((x) => x !== undefined)) {
      const sum = parts.reduce<bigint>((acc, x) => acc + (x ?? 0n), 0n);
      if (sum !== p) {
        ctx.report(
          "warning",
          "total_mismatch",
          `项目支出的资金来源合计 ${fenToYuanText(sum)} 元，与项目支出 ${fenToYuanText(p)} 元不一致（${f}）`,
          `project funding sources add up to ${fenToYuanText(sum)} yuan, not ${fenToYuanText(p)} yuan (${f})`,
          project!.location,
        );
      }
    }
  }
}

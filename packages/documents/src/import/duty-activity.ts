/**
 * 部门职责-工作活动绩效目标表 (seed 000; the goal tables inside seed 001): per unit, duties (职责) with annual
 * budget (万元), content and goal; under each duty its activities (工作活动) with the same fields; per activity
 * (or directly per duty, as in seed 001's unit 312007) indicators with four-tier standards 优/良/中/差.
 *
 * Duty or activity: an activity's name is indented with full-width spaces in the source. When no row of a table
 * is indented (a reader that trims them), a named row without indicators but with a goal is a duty and the named
 * rows under it are activities; a table without such rows has duties only, each with its own indicators. When
 * some named rows have their indicator and tier cells merged into one (Jixiao's exports), those rows are the duties.
 */

import type { Activity, Duty, DutyGoalTable, Indicator } from "@jixiao/core/model";
import type { Table } from "../model/table.ts";
import { cell, type ImportContext, isEmptyRow, isPlaceholder, norm, splitCodeName, tidy, unitIn } from "./context.ts";
import { findHeaderRow } from "./headers.ts";
import { fenOf, fenToWanYuanText, readTiers } from "./values.ts";

const TIER_WORDS = ["优", "良", "中", "差"] as const;

/** Whether the table is a duty → activity goal table. */
export function isDutyActivityTable(table: Table): boolean {
  return findHeaderRow(table, ["activity", "goal", "indicator"]) !== undefined;
}

export function readDutyActivityTable(ctx: ImportContext, table: Table): DutyGoalTable | undefined {
  const header = findHeaderRow(table, ["activity", "goal", "indicator"]);
  if (!header) return undefined;
  const cols = header.columns;
  const nameCol = cols.get("activity")!;
  const budgetCol = cols.get("annualBudget");
  const contentCol = cols.get("content");
  const goalCol = cols.get("goal")!;
  const indicatorCol = cols.get("indicator")!;

  // Title rows above the header: the unit (`451交警大队`, `312007 赵县交警大队`) and `单位：万元`.
  const result: DutyGoalTable = { duties: [], location: ctx.at(table) };
  for (let r = 0; r < header.row; r++) {
    for (const c of table.rows[r]!) {
      const t = tidy(c.text);
      if (t === "") continue;
      if (/^单位[：:]/.test(t)) result.unitNote = t;
      else if (!result.organisation) result.organisation = splitCodeName(c.text);
    }
  }
  const unit = unitIn(result.unitNote ?? "") ?? "万元";

  // The tier row (优 良 中 差) under the header; its positions are the tier columns.
  let tierCols: number[] = [];
  let first = header.row + 1;
  for (let r = header.row + 1; r < Math.min(table.rows.length, header.row + 3); r++) {
    const texts = table.rows[r]!.map((c) => tidy(c.text));
    const pos = TIER_WORDS.map((w) => texts.indexOf(w));
    if (pos.every((p) => p >= 0)) {
      tierCols = pos;
      first = r + 1;
      break;
    }
  }
  if (tierCols.length === 0) {
    const s = cols.get("standards") ?? indicatorCol + 1;
    tierCols = [s, s + 1, s + 2, s + 3];
    ctx.report(
      "warning",
      "missing_tier_header",
      "未找到评价标准的「优 良 中 差」表头行，按「评价标准」列起依次读取",
      "No 优/良/中/差 header row under the standards; tiers read from the 评价标准 column on",
      ctx.at(table, header.row),
    );
  }

  const indented = (text: string) => /^[\u3000 \u00a0]/.test(text);
  const hasIndent = table.rows.slice(first).some((row) => {
    const t = row[nameCol]?.text ?? "";
    return t.trim() !== "" && indented(t);
  });
  const rowHasIndicator = (r: number) =>
    tidy(cell(table, r, indicatorCol)) !== "" || tierCols.some((c) => tidy(cell(table, r, c)) !== "");
  const isHeaderLike = (r: number) => !rowHasIndicator(r) && tidy(cell(table, r, goalCol)) !== "";
  // A row whose indicator and tier cells are one merged cell is a duty's own row (Jixiao's exports merge them;
  // so do forms that leave a duty's indicator area blank): when such rows exist, they are the duties.
  const mergedArea = (r: number) =>
    tidy(cell(table, r, nameCol)) !== "" &&
    (table.rows[r]?.[indicatorCol]?.colSpan ?? 1) > 1 &&
    tierCols.every((c) => c > indicatorCol && c < indicatorCol + (table.rows[r]![indicatorCol]!.colSpan ?? 1));
  const anyMerged = table.rows.slice(first).some((_, k) => mergedArea(first + k));
  const anyHeaderLike = table.rows.slice(first).some((_, k) => {
    const r = first + k;
    return tidy(cell(table, r, nameCol)) !== "" && isHeaderLike(r);
  });

  let duty: Duty | undefined;
  let activity: Activity | undefined;
  for (let r = first; r < table.rows.length; r++) {
    if (isEmptyRow(table, r)) continue;
    const rawName = cell(table, r, nameCol);
    const name = tidy(rawName);
    const placeholders = table.rows[r]!.map((c, i) => (isPlaceholder(c.text) ? i : -1)).filter((i) => i >= 0);
    if (placeholders.length > 0) {
      ctx.report(
        "warning",
        "placeholder",
        `此行有 ${placeholders.length} 个单元格为占位符「**」，内容未填写`,
        `${placeholders.length} cell(s) of this row hold the placeholder "**": not filled in`,
        ctx.at(table, r, placeholders[0]),
      );
    }
    if (name !== "") {
      let isActivity: boolean;
      if (hasIndent) isActivity = indented(rawName);
      else if (anyMerged) isActivity = !mergedArea(r) && duty !== undefined;
      else if (anyHeaderLike) isActivity = !isHeaderLike(r) && duty !== undefined;
      else isActivity = false;
      const item: Activity = {
        name,
        text: rawName,
        indicators: [],
        location: ctx.at(table, r, nameCol),
      };
      const budgetText = cell(table, r, budgetCol);
      if (tidy(budgetText) !== "")
        item.budget = ctx.amount(tidy(budgetText), unit, ctx.at(table, r, budgetCol, "budget"));
      const content = tidy(cell(table, r, contentCol));
      if (content !== "") item.content = content;
      const goal = tidy(cell(table, r, goalCol));
      if (goal !== "") item.goal = goal;
      if (isActivity) {
        if (!duty) {
          ctx.report(
            "warning",
            "activity_without_duty",
            `工作活动「${name}」之前没有职责行`,
            `Activity "${name}" has no duty row above it`,
            item.location,
          );
          duty = { ...item, activities: [] };
          result.duties.push(duty);
          activity = undefined;
        } else {
          duty.activities.push(item);
          activity = item;
        }
      } else {
        duty = { ...item, activities: [] };
        result.duties.push(duty);
        activity = undefined;
      }
    } else if (!rowHasIndicator(r)) {
      ctx.unmappedRow(table, r, {
        zh: "既无职责活动名称也无指标",
        en: "neither a duty/activity name nor an indicator",
      });
      continue;
    }
    if (rowHasIndicator(r)) {
      const holder = activity ?? duty;
      if (!holder) {
        ctx.unmappedRow(table, r, { zh: "指标之前没有职责或活动", en: "indicator before any duty or activity" });
        continue;
      }
      holder.indicators.push(readIndicator(ctx, table, r, indicatorCol, tierCols));
    }
  }

  checkTable(ctx, result);
  return result;
}

function readIndicator(ctx: ImportContext, table: Table, r: number, col: number, tierCols: number[]): Indicator {
  const raw = cell(table, r, col);
  const name = tidy(raw);
  const cells = tierCols.map((c) => tidy(cell(table, r, c))) as [string, string, string, string];
  const read = readTiers(cells, name);
  const tiers = [read.tiers.excellent, read.tiers.good, read.tiers.fair, read.tiers.poor];
  const indicator: Indicator = { name, tiers: read.tiers, location: ctx.at(table, r, col) };
  for (const p of read.problems) {
    // Empty tiers and placeholders are reported below and per row; the others (overlap, inversion…) here.
    if (p.code === "tier_empty" || p.code === "tier_placeholder") continue;
    ctx.report(
      "warning",
      p.code,
      `指标「${name}」评价标准：${p.zh}`,
      `Indicator "${name}" tiers: ${p.en}`,
      ctx.at(table, r, p.tier !== undefined && p.tier >= 0 ? tierCols[p.tier] : col),
    );
  }
  if (raw !== name && raw.trim() !== name) indicator.nameText = raw;
  if (name === "") {
    ctx.report("warning", "missing_name", "指标名称为空", "Indicator has no name", ctx.at(table, r, col, "name"));
  }
  const missing = tiers.map((t, i) => (t.text === "" ? TIER_WORDS[i] : "")).filter((w) => w !== "");
  if (missing.length > 0 && missing.length < 4) {
    ctx.report(
      "warning",
      "missing_tier",
      `指标「${name}」缺少评价标准：${missing.join("、")}`,
      `Indicator "${name}" lacks tier standard(s) ${missing.join(", ")}`,
      ctx.at(table, r, tierCols[TIER_WORDS.indexOf(missing[0] as (typeof TIER_WORDS)[number])]),
    );
  } else if (missing.length === 4) {
    ctx.report(
      "warning",
      "missing_tier",
      `指标「${name}」没有填写评价标准`,
      `Indicator "${name}" has no tier standards`,
      ctx.at(table, r, col),
    );
  }
  return indicator;
}

function checkTable(ctx: ImportContext, t: DutyGoalTable): void {
  for (const duty of t.duties) {
    // A duty's budget against its activities' budgets, when both are written.
    const dutyFen = fenOf(duty.budget);
    const parts = duty.activities.map((a) => fenOf(a.budget)).filter((f): f is bigint => f !== undefined);
    if (dutyFen !== undefined && parts.length > 0) {
      const sum = parts.reduce((a, b) => a + b, 0n);
      if (sum !== dutyFen) {
        ctx.report(
          "warning",
          "total_mismatch",
          `职责「${duty.name}」年度预算数 ${fenToWanYuanText(dutyFen)} 万元，其工作活动合计 ${fenToWanYuanText(sum)} 万元，不一致`,
          `Duty "${duty.name}" budget ${fenToWanYuanText(dutyFen)} 万元 differs from its activities' sum ${fenToWanYuanText(sum)} 万元`,
          duty.location,
        );
      }
    }
    for (const holder of [duty, ...duty.activities]) {
      const seen = new Map<string, number>();
      for (const ind of holder.indicators) {
        const key = norm(ind.name).replace(/[。.]$/, "");
        if (key === "" || isPlaceholder(ind.name)) continue;
        if (seen.has(key)) {
          ctx.report(
            "warning",
            "duplicate_indicator",
            `「${holder.name}」下指标「${ind.name}」重复出现（第 ${seen.get(key)} 行已有）`,
            `Indicator "${ind.name}" appears twice under "${holder.name}" (first at row ${seen.get(key)})`,
            ind.location,
          );
        } else {
          seen.set(key, ind.location.row ?? 0);
        }
      }
    }
  }
}

/** All duty-activity tables of a document. */
export function readDutyActivityTables(ctx: ImportContext, tables: Table[]): DutyGoalTable[] {
  const out: DutyGoalTable[] = [];
  for (const t of tables) {
    const r = readDutyActivityTable(ctx, t);
    if (r) out.push(r);
  }
  return out;
}

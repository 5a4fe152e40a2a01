/**
 * The indicator grid shared by goal tables and self-evaluations: 一级 | 二级 | 三级 | (描述) | 指标值 | (单位) |
 * (实际完成值) | (分值) | (得分) | (偏差原因). Merged 一级/二级 cells come as empty cells (or repeated text):
 * the last one written carries down.
 */
import { asksForDate, isShareName, type OperatorCodeTable } from "@jixiao/core";
import type { Indicator } from "@jixiao/core/model";
import type { Table } from "../model/table.ts";
import { type NonIndicatorKind, nonIndicatorRow } from "../vocabulary/row-labels.ts";
import { type ImportContext, isEmptyRow, norm, pointsIn, tidy } from "./context.ts";
import { type HeaderField, mapColumns } from "./headers.ts";
import { fieldsOfRow, type RowField } from "./row-fields.ts";
import { isUnfilledRow, loneLevel1, withoutBand } from "./unfilled-rows.ts";
import { readNumber, readTarget, resolveCode, type TargetHints } from "./values.ts";

const NOT_INDICATOR_ZH: Record<NonIndicatorKind, string> = {
  total: "合计或小计",
  note: "说明或备注",
  goal: "目标文字",
  placeholder: "空白模板的占位行",
};

export interface GridOptions {
  /** Rows (0-based) of the grid: from the first data row up to (not including) `end`. */
  start: number;
  end?: number;
  columns: Map<HeaderField, number>;
  /** Stops at a row whose first non-empty cell normalises to one of these (`总分`, `其他需说明事项`). */
  stopAt?: string[];
  /** The 指标性质 column holds operator codes (resolved by core's table, or this one); unknown codes are reported. */
  operatorCodes?: boolean | OperatorCodeTable;
  /** The document's year, for deadlines written without one (`年内`, `年底前`). */
  year?: number;
  /** Columns of no indicator field, read as empty: a group's own points (一级 | 分值 | 二级 | 分值 | 三级 | 分值). */
  ignoreColumns?: ReadonlySet<number>;
  /** A column of the form's own giving each row's sign (指标方向: ≤ | 100%): the sign goes before the target (≤100%). */
  signColumn?: number;
  /** Called for a row that names a 一级 with points, e.g. `满意度 指标 (10分)`. */
  onSection?: (level1: string, points: string | undefined, pointsText: string) => void;
}

export interface GridResult {
  indicators: Indicator[];
  /** Index of the row that stopped the grid (or the table's length). */
  end: number;
}

const SIGN = /^(≥|≤|=|>|<|＞|＜|≧|≦|＝)$/;
const SIGN_START = /^[≥≤=<>＞＜≧≦＝]/;

/** A row naming the grid's level columns and its names or values column: a header, not an indicator row. */
function repeatsHeader(cells: string[]): boolean {
  const m = mapColumns(cells);
  return m.has("level1") && m.has("level2") && (m.has("name") || m.has("target"));
}

export function readIndicatorGrid(ctx: ImportContext, table: Table, opts: GridOptions): GridResult {
  const c = opts.columns;
  const col = (f: HeaderField) => c.get(f);
  const indicators: Indicator[] = [];
  let level1 = "";
  let level2 = "";
  const stop = new Set((opts.stopAt ?? []).map(norm));
  const end = opts.end ?? table.rows.length;
  let r = opts.start;
  for (; r < end; r++) {
    if (isEmptyRow(table, r)) continue;
    const filled = table.rows[r]!.map((x) => norm(x.text)).filter((t) => t !== "");
    const firstText = filled[0] ?? "";
    if (stop.has(firstText)) break;
    // the title of the next form inside the same table (`项目绩效目标完成情况表 (2019 年度)`) ends the grid
    if (filled.length === 1 && /(绩效|自评|目标).{0,12}表$/.test(firstText)) break;
    // the grid's header again, perhaps under another caption (长期绩效指标 then 年度绩效指标: two grids of one form):
    // no indicator; the groups start afresh below it
    if (repeatsHeader(table.rows[r]!.map((x) => x.text))) {
      level1 = "";
      level2 = "";
      ctx.touch(ctx.at(table, r));
      continue;
    }

    // a row the vocabulary knows is no indicator (合计, 小计, 备注：…, 年度目标 …, 指标1:, ……): skipped, with a note
    const notIndicator = nonIndicatorRow(table.rows[r]!.map((x) => x.text));
    if (notIndicator) {
      ctx.report(
        "info",
        "not_an_indicator",
        `「${firstText.slice(0, 30)}」行不是指标（${NOT_INDICATOR_ZH[notIndicator]}），未作为指标读取`,
        `The row "${firstText.slice(0, 30)}" is no indicator (${notIndicator}): not read as one`,
        ctx.at(table, r),
      );
      ctx.touch(ctx.at(table, r));
      continue;
    }

    // a 一级 alone on its row away from the 一级 column (its merged cell lost, the rest of the row empty): the group
    // of the rows below, whatever its band of points (产出指标 (40-50)分 under 三级)
    const lone = loneLevel1(table.rows[r]!.map((x) => x.text));
    if (lone && tidy(table.rows[r]![col("level1") ?? -1]?.text ?? "") === "") {
      level1 = lone.level1;
      level2 = "";
      opts.onSection?.(level1, lone.points, lone.text);
      ctx.touch(ctx.at(table, r));
      continue;
    }

    // Read by position, or — when the row's cells have moved (merged cells left out) — by the kind of each cell.
    const cells = table.rows[r]!.map((x, i) => (opts.ignoreColumns?.has(i) ? "" : x.text));
    if (opts.signColumn !== undefined) {
      const sign = tidy(cells[opts.signColumn] ?? "");
      cells[opts.signColumn] = "";
      const t = col("target");
      if (t !== undefined && SIGN.test(sign) && tidy(cells[t] ?? "") !== "" && !SIGN_START.test(tidy(cells[t]!)))
        cells[t] = `${sign}${tidy(cells[t]!)}`;
    }
    const row = fieldsOfRow(cells, c);
    const at = (f: HeaderField) => row.fields.get(f)?.text ?? "";
    const colOf = (f: HeaderField) => row.fields.get(f)?.column ?? col(f);
    if (row.aligned)
      ctx.report(
        "info",
        "row_realigned",
        `本行单元格与表头错位（合并单元格未保留），已按各单元格的内容对齐到表头`,
        `The row's cells do not stand under their headers (merged cells were left out); aligned to the header by what each cell holds`,
        ctx.at(table, r),
      );
    for (const d of row.dropped)
      ctx.report(
        "warning",
        "cell_not_placed",
        `单元格「${d.text.slice(0, 30)}」对不上任何表头列，未读取`,
        `The cell "${d.text.slice(0, 30)}" fits no header column and was not read`,
        ctx.at(table, r, d.column),
      );
    const l1Raw = at("level1");
    // a form with no 三级 column names each indicator by its 二级 (the two share a column: headers.ts)
    const namedByLevel2 = col("name") !== undefined && col("name") === col("level2");
    const l2Raw = namedByLevel2 ? at("level2") || at("name") : at("level2");
    const nameRaw = namedByLevel2 ? l2Raw : at("name");
    const l1 = tidy(l1Raw);
    if (l1 !== "") {
      // a band of points (成本指标(0-20分)) states no points of its own
      const points = pointsIn(withoutBand(l1Raw));
      const words = norm(withoutBand(l1Raw));
      if (words === "" && points !== undefined) {
        // `(30分)` alone: the rest of the merged 一级 cell above.
        opts.onSection?.(level1, points, l1Raw);
      } else {
        level1 = words;
        level2 = "";
        opts.onSection?.(level1, points, l1Raw);
      }
    }
    const l2 = norm(l2Raw);
    if (l2 !== "") level2 = l2;
    const name = tidy(nameRaw);
    if (name === "") {
      // A group row (一级 or 二级 only, perhaps with the 二级 repeated in another column) is fine.
      const others = table.rows[r]!.map((x, i) => ({ t: norm(x.text), i })).filter(
        ({ t, i }) =>
          t !== "" &&
          i !== colOf("level1") &&
          i !== colOf("level2") &&
          t !== level2 &&
          !level2.startsWith(t) &&
          !t.startsWith(level2),
      );
      if (others.length > 0)
        ctx.unmappedRow(table, r, { zh: "指标行没有三级指标名称", en: "indicator row without a name" });
      else if (l1 === "" && l2 === "") ctx.unmappedRow(table, r);
      else {
        // A 二级 group row may repeat a longer form of the 二级 name elsewhere (`服务对象满意度指` / `…指标`).
        const longer = table.rows[r]!.map((x) => norm(x.text)).find(
          (t) => t.length > level2.length && t.startsWith(level2),
        );
        if (longer && l2 !== "") level2 = longer;
      }
      continue;
    }
    // a sentence where an indicator's name goes, with no value of any kind, under a 二级: the form's words for a
    // category left without indicators (an optional 经济效益指标 (选填) filled with `增加就业机会,提高农民收入。`)
    const cellOf = (f: HeaderField) => (col(f) === undefined ? "" : tidy(at(f)));
    if (
      /[。；;]$/.test(name) &&
      [...name].length >= 8 &&
      level2 !== "" &&
      ["target", "actual", "weight", "score"].every((f) => cellOf(f as HeaderField) === "")
    ) {
      ctx.report(
        "info",
        "category_sentence",
        `二级指标「${level2}」下只有一句说明「${name.slice(0, 30)}」，没有指标值，未作为指标读取`,
        `Under the level 2 "${level2}" there is only a sentence ("${name.slice(0, 30)}") and no value: not read as an indicator`,
        ctx.at(table, r, colOf("name")),
      );
      ctx.touch(ctx.at(table, r));
      continue;
    }
    // `其中…` rows without points under an indicator with points break it down: its details, not indicators
    const prev = indicators[indicators.length - 1];
    if (
      /^其中/.test(name) &&
      prev?.weight !== undefined &&
      tidy(at("weight")) === "" &&
      tidy(at("score")) === "" &&
      (col("weight") !== undefined || col("score") !== undefined)
    ) {
      const detail = [name, tidy(at("target")), tidy(at("actual"))].filter((x) => x !== "").join(" ");
      prev.description = prev.description ? `${prev.description}\n${detail}` : detail;
      ctx.touch(ctx.at(table, r));
      continue;
    }
    // a template row nobody filled: a zero where the name goes and zeros for its values (成本 rows of 0 / 0.00% / 0)
    if (
      isUnfilledRow(
        name,
        (["target", "actual", "weight", "score"] as const).map((f) => at(f)),
      )
    ) {
      ctx.report(
        "info",
        "not_an_indicator",
        `「${name}」行未填写（名称与数值均为 0 或空），不是指标，未作为指标读取`,
        `The row "${name}" was left unfilled (a zero or nothing for its name and values): not read as an indicator`,
        ctx.at(table, r),
      );
      ctx.touch(ctx.at(table, r));
      continue;
    }
    movedQualitativeTarget(row.fields);
    const ind: Indicator = { name, location: ctx.at(table, r, colOf("name")) };
    if (nameRaw !== name) ind.nameText = nameRaw;
    if (level1 !== "") ind.level1 = level1;
    if (level2 !== "") ind.level2 = level2;
    const text = (f: HeaderField) => tidy(at(f));
    /** Free text and values as the cell holds them (PDF line breaks kept). */
    const raw = (f: HeaderField) => at(f).trim();
    const desc = raw("description");
    if (desc !== "") ind.description = desc;
    const unit = text("unit");
    if (unit !== "") ind.unit = unit;
    let op: string | undefined;
    const code = text("operatorCode");
    if (code !== "") {
      ind.operatorCode = code;
      if (opts.operatorCodes) {
        const resolved = resolveCode(code, opts.operatorCodes === true ? undefined : opts.operatorCodes);
        op = resolved.op;
        if (op) ind.operator = op;
        else
          ctx.report(
            "warning",
            "unknown_operator_code",
            `${resolved.note}，目标值按无运算符读取`,
            `Operator code "${code}" has no known meaning; the target is read without an operator`,
            ctx.at(table, r, colOf("operatorCode"), "operatorCode"),
          );
      } else if (/^[≥≤><=＝＞＜]+$/.test(code)) {
        op = code;
        ind.operator = code;
      }
    }
    const hints: TargetHints = {};
    if (opts.year !== undefined) hints.year = opts.year;
    const dated = asksForDate(level2, name, unit);
    // a unit cell that repeats the value or names a date (日期, 年月日) is no measure
    const measure = unit !== "" && !dated.unitIsDate && unit !== text("target") ? unit : "";
    if (measure !== "") hints.unit = measure;
    if (dated.date) hints.dateSerial = true;
    if (op) hints.op = op as NonNullable<TargetHints["op"]>;
    if (isShareName(name)) hints.share = true;
    const hint = Object.keys(hints).length > 0 ? hints : undefined;
    if (col("target") !== undefined) {
      ind.target = readTarget(raw("target"), hint, text("target"));
      if (text("target") === "")
        ctx.report(
          "warning",
          "missing_target",
          `指标「${name}」没有指标值`,
          `Indicator "${name}" has no target value`,
          ctx.at(table, r, colOf("target"), "target"),
        );
    }
    if (col("actual") !== undefined) {
      const actualHints: TargetHints = {};
      if (measure !== "") actualHints.unit = measure;
      if (dated.date) actualHints.dateSerial = true;
      if (opts.year !== undefined) actualHints.year = opts.year;
      ind.actual = readTarget(raw("actual"), actualHints, text("actual"));
      if (text("actual") === "")
        ctx.report(
          "warning",
          "missing_actual",
          `指标「${name}」没有实际完成值`,
          `Indicator "${name}" has no actual value`,
          ctx.at(table, r, colOf("actual"), "actual"),
        );
    }
    if (col("weight") !== undefined && text("weight") !== "") ind.weight = readNumber(text("weight"));
    if (col("score") !== undefined && text("score") !== "") ind.score = readNumber(text("score"));
    const dev = raw("deviation");
    if (dev !== "") ind.deviation = dev;
    indicators.push(ind);
  }
  return { indicators, end: r };
}

/**
 * A 定性 (qualitative) indicator measures in no unit: a text under 度量单位 with its 指标值 empty is the target that
 * a reading without the row's empty cells (space-separated rows, a 指标值 left out) put one column too far
 * (四川 `… 定性 高中低 10` under 指标性质 | 指标值 | 度量单位 | 权重). Changes `fields` in place.
 */
export function movedQualitativeTarget(fields: Map<HeaderField, RowField>): void {
  const code = tidy(fields.get("operatorCode")?.text ?? "");
  const unit = fields.get("unit");
  const target = fields.get("target");
  if (!/^定性/.test(code) || !unit || !target || tidy(target.text) !== "" || tidy(unit.text) === "") return;
  fields.set("target", { text: unit.text, column: unit.column });
  fields.set("unit", { text: "", column: unit.column });
}

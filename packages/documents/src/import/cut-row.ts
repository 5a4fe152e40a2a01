/**
 * A text that stops inside a row. Pages are copied or stored cut short: the last row of the last table then holds
 * what came before the cut (`质量指标 | 医疗救助合规率 | 100`, `经费支出合规性 | 严格执行… | 严格执行相关财经法`). Read as an
 * indicator it would be scored as if its actual value or score were missing — a half row taken for a whole one.
 *
 * So, for text (not for Word or Excel files, whose last row is as written): when the document's last block is a
 * table and its last row was read as an indicator that lacks a value the document's other indicator rows hold (a
 * target, an actual value, points, a score), the indicator is taken back out, and a warning says where the text stops.
 */
import type { ImportedDocument, Indicator } from "@jixiao/core/model";
import type { SourceDocument } from "../model/table.ts";
import type { ImportContext } from "./context.ts";

const TEXT_FORMATS = new Set<SourceDocument["format"]>(["word-text", "pdf-text"]);

/** Where the text stops: the last table row's location (table number and source row), if the text ends in a table. */
function lastRow(source: SourceDocument): { table: number | undefined; row: number } | undefined {
  const last = [...source.blocks].reverse().find((b) => b.type !== "paragraph" || b.text.trim() !== "");
  if (last?.type !== "table") return undefined;
  const t = last.table;
  let r = t.rows.length - 1;
  while (r >= 0 && t.rows[r]!.every((c) => c.text.trim() === "")) r--;
  if (r < 0) return undefined;
  return { table: t.location.table, row: t.sourceRows?.[r] ?? r + 1 };
}

const filled = (v: { text?: string } | undefined) => v !== undefined && (v.text ?? "").trim() !== "";

/**
 * Drops the indicator cut by the end of the text from `indicators` (in place); `has` says which values the
 * document's other indicator rows hold.
 */
function dropCutRow(
  ctx: ImportContext,
  indicators: Indicator[],
  has: { target: boolean; actual: boolean; weight: boolean; score: boolean },
): void {
  if (!TEXT_FORMATS.has(ctx.source.format)) return;
  const end = lastRow(ctx.source);
  const ind = indicators[indicators.length - 1];
  if (!end || !ind || ind.location.row !== end.row || ind.location.table !== end.table) return;
  const lacks = [
    has.target && !filled(ind.target) ? { zh: "指标值", en: "target" } : undefined,
    has.actual && !filled(ind.actual) ? { zh: "实际完成值", en: "actual value" } : undefined,
    has.weight && !filled(ind.weight) ? { zh: "分值", en: "points" } : undefined,
    has.score && !filled(ind.score) ? { zh: "得分", en: "score" } : undefined,
  ].filter((x) => x !== undefined);
  // the row holds the cell the text's end cut (its `|` missing): incomplete, whatever it seems to hold
  const cut = ctx.source.cutCell !== undefined && ctx.source.cutCell >= end.row;
  if (cut) lacks.push({ zh: "完整的最后一格", en: "its last cell whole" });
  if (lacks.length === 0) return;
  indicators.pop();
  ctx.report(
    "warning",
    "text_cut",
    `文本在第 ${end.row} 行中断：指标「${ind.name}」的行不完整（没有${lacks.map((x) => x.zh).join("、")}），未作为指标读取`,
    `The text stops inside row ${end.row}: the row of indicator "${ind.name}" is incomplete (no ${lacks.map((x) => x.en).join(", ")}) and was not read as an indicator`,
    ind.location,
  );
}

/** The indicator lists of the document, each with the values its grid holds, checked for a row cut by the text's end. */
export function dropCutRows(ctx: ImportContext, doc: ImportedDocument): void {
  const lists = [
    ...doc.projectSelfEvaluations.map((p) => p.indicators),
    ...doc.projects.map((p) => p.indicators),
    ...(doc.departmentSelfEvaluation ? [doc.departmentSelfEvaluation.indicators] : []),
  ];
  // only a text is cut, and only the list whose last row is the text's last row can hold the cut row: the others
  // need not be looked at (checking each against every other row made this quadratic in a large workbook)
  if (!TEXT_FORMATS.has(ctx.source.format)) return;
  const end = lastRow(ctx.source);
  if (!end) return;
  for (const list of lists) {
    const ind = list[list.length - 1];
    if (!ind || ind.location.row !== end.row || ind.location.table !== end.table) continue;
    // what the document's other indicator rows hold
    const others = lists.flat().filter((i) => i !== list[list.length - 1]);
    const has = {
      target: others.some((i) => filled(i.target)),
      actual: others.some((i) => filled(i.actual)),
      weight: others.some((i) => filled(i.weight)),
      score: others.some((i) => filled(i.score)),
    };
    dropCutRow(ctx, list, has);
  }
}

/**
 * Rows of an indicator grid that are no indicators, as data: totals (合计, 小计), notes (备注:…, 填表说明:…), a goal
 * written where the grid's rows are (年度目标 …) and the blank template's placeholders (指标1:, ……, `1.`). Each row
 * says how it is recognised from the row's first non-empty cell and the templates it was seen in
 * (docs/corpus-templates.md). The grid reader (import/indicators.ts) skips such a row, with a note.
 */
import type { TemplateId } from "./columns.ts";

export type NonIndicatorKind = "total" | "note" | "goal" | "placeholder";

export interface NonIndicatorRow {
  kind: NonIndicatorKind;
  /** The first non-empty cell, compared after `rowLabelKey` (whole cell), or a pattern over that key. */
  text: string | RegExp;
  /** A label that must be followed by text (in the cell after a colon, or in the row's next cell). */
  withText?: boolean;
  templates: readonly TemplateId[];
}

const t = (kind: NonIndicatorKind, templates: TemplateId[], ...texts: string[]): NonIndicatorRow[] =>
  texts.map((text) => ({ kind, text, templates }));
const n = (kind: NonIndicatorKind, templates: TemplateId[], ...texts: string[]): NonIndicatorRow[] =>
  texts.map((text) => ({ kind, text, templates, withText: true }));

export const NON_INDICATOR_ROWS: readonly NonIndicatorRow[] = [
  // totals of the points: 四川 青神 自评表 (合计 | 100), the national 自评表 (总分), subtotals of a group
  ...t("total", ["sichuan", "national", "common"], "合计", "小计", "总计", "分值合计", "得分合计", "权重合计"),
  // notes under or inside the grid (填表说明 of the 申报表, 备注 / 说明 / 注 of many provinces' forms)
  ...n("note", ["national", "shaanxi", "common"], "填表说明", "备注", "说明", "注", "附注", "其他说明的问题"),
  // a goal where indicator rows stand (长期目标 / 年度目标 rows between a 申报表's two grids: 陕西 佳县, 湖南 宁乡)
  ...n("goal", ["shaanxi", "hunan", "national"], "年度目标", "年度总体目标", "总体目标", "长期目标", "绩效目标"),
  // placeholders of a blank template: 指标1:, 目标1:, ……, 1. (陕西 佳县 申报表), ★ marks alone
  { kind: "placeholder", text: /^(指标|目标)[0-9一二三四五六七八九十]+[:：]?$/, templates: ["national", "common"] },
  { kind: "placeholder", text: /^[…⋯.。·\-—]+$/, templates: ["national", "common"] },
  { kind: "placeholder", text: /^[0-9]{1,2}[.、．]$/, templates: ["shaanxi"] },
];

/** A cell as compared: no whitespace, no bracketed note. */
export function rowLabelKey(text: string): string {
  return text.replace(/[\s\u3000]+/g, "").replace(/[（(][^（）()]*[)）]/g, "");
}

/**
 * What a grid row is when it is no indicator (`cells`: its non-empty cells, in order), or undefined. A total or a
 * placeholder is its whole first cell; a note or a goal is its label followed by text (`备注：…`, `年度目标 | 完成…`).
 */
export function nonIndicatorRow(cells: readonly string[]): NonIndicatorKind | undefined {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== "");
  if (filled.length === 0) return undefined;
  const first = rowLabelKey(filled[0]!);
  for (const row of NON_INDICATOR_ROWS) {
    if (row.text instanceof RegExp) {
      if (row.text.test(first) && filled.slice(1).every((c) => /^[…⋯.。·\-—%]*$/.test(rowLabelKey(c)))) return row.kind;
      continue;
    }
    if (!row.withText) {
      if (first.replace(/[：:]$/, "") === row.text) return row.kind;
      continue;
    }
    // `备注：…` in one cell, or `备注` / `备注：` with the text in the next cell
    const m = /^(.{1,8}?)[：:](.*)$/.exec(first);
    if (m && m[1] === row.text && (m[2] !== "" || filled.length > 1)) return row.kind;
    if (first === row.text && filled.length > 1 && [...filled[1]!].length >= 6) return row.kind;
  }
  return undefined;
}

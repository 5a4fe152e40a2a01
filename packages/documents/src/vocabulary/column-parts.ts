/**
 * Which columns a header may split into parts on a second line, as data: a part's meaning and the meanings of the
 * upper columns it may stand under. 河北's 2020 预算项目绩效自评表 prints 预期指标值 over 符号 | 单位(文字描述) (the
 * value itself, between them, named by no part) and 自评得分 over 单项指标得分 | 权重占比(%) | 单项指标折算得分; the
 * national form's 年度指标值 over 指标性质 | 指标值 | 度量单位 is the same shape. The layout stage reads a header's
 * second line of parts with this (layout/part-columns.ts).
 */
import type { ColumnField } from "./columns.ts";

export const COLUMN_PARTS: ReadonlyMap<ColumnField, readonly ColumnField[]> = new Map<ColumnField, ColumnField[]>([
  // a value's sign and unit: under the target (预期指标值) or the actual (实际完成值)
  ["operatorCode", ["target", "actual"]],
  ["unit", ["target", "actual"]],
  ["target", ["target"]],
  ["actual", ["actual"]],
  // a score split into the indicator's score, its weight and the weighted score
  ["score", ["score"]],
  ["weight", ["score", "weight"]],
  ["coefficient", ["score"]],
]);

/** Parts printed before the parent's own value when no part names it (符号 before the value, 单位 after). */
export const PARTS_BEFORE_VALUE: ReadonlySet<ColumnField> = new Set<ColumnField>(["operatorCode"]);

/**
 * Rows of a goal grid that a form's template printed and nobody filled, and 一级 rows standing where the reading
 * put them (重庆's 审批表: `成本指标(0-20)分 | 经济成本指标 | 0 | 0.00% | 0 | 反映…` three times, the 三级 left as
 * `0`; `产出指标 (40-50)分` alone on its row, under the 三级 column once the merged cells were lost).
 *
 * - An **unfilled row**: where the indicator's name goes a zero or a dash (`0`, `0.00`, `-`, `/`), and every value
 *   of the row (指标值, 实际完成值, 分值, 得分) zero, a dash or empty. The template's own words (指标解释) may stay.
 * - A **lone 一级**: a row whose only cell is a framework 一级 name (产出指标, 效益指标, 满意度指标), perhaps with its
 *   points (`(30分)`) or the band of points it may take (`(40-50)分`, `(0-20分)`): the group of the rows below.
 */
import { level1Of, level2Of } from "@jixiao/core";
import { norm, pointsIn, tidy } from "./context.ts";

const ZERO_OR_DASH = /^([0０]+([.．][0０]+)?\s*[%％]?|[-—–/／]{1,2})$/;

/** Whether a row whose name cell holds `name` and whose value cells hold `values` is a template row left unfilled. */
export function isUnfilledRow(name: string, values: readonly string[]): boolean {
  if (!ZERO_OR_DASH.test(tidy(name))) return false;
  return values.every((v) => tidy(v) === "" || ZERO_OR_DASH.test(tidy(v)));
}

/** A band of points a group may take: `(40-50)分`, `（0-20分）`, `(0~20)`. */
const BAND = /\s*[(（]\s*\d+(?:\.\d+)?\s*[-—–~～至]\s*\d+(?:\.\d+)?\s*分?\s*[)）]\s*分?\s*$/;

/** A 一级 name without the band of points after it (`成本指标(0-20)分` → `成本指标`). */
export function withoutBand(text: string): string {
  return text.replace(BAND, "");
}

/**
 * The 一级 a row names when its only filled cell is a framework 一级 name (not also a 二级 one, as 成本指标 is in
 * the older framework), with its points when it states them (a band states none), or undefined.
 */
export function loneLevel1(cells: readonly string[]): { level1: string; points?: string; text: string } | undefined {
  const filled = cells.filter((c) => tidy(c) !== "");
  if (filled.length !== 1) return undefined;
  const text = filled[0]!;
  const bare = withoutBand(tidy(text));
  if (level1Of(bare) === undefined || level2Of(norm(bare)) !== undefined) return undefined;
  const level1 = norm(bare);
  if (level1 === "") return undefined;
  const points = bare === tidy(text) ? pointsIn(text) : undefined;
  return points === undefined ? { level1, text } : { level1, points, text };
}

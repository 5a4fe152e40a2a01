/** Whether an indicator's 全年预计完成值 meets its 年度指标值: the targets module's own comparison (no second one). */
import { sameWords, TARGETS } from "../scoring/indicator.ts";

/** true met, false behind, undefined when it cannot be told (a blank value, qualitative words that differ). */
export function forecastMeetsTarget(
  target: string | null | undefined,
  forecast: string | null | undefined,
  hints?: { unit?: string },
): boolean | undefined {
  if (!target?.trim() || !forecast?.trim()) return undefined;
  const t = TARGETS.parse(target, hints);
  const f = TARGETS.parse(forecast, hints);
  const c = TARGETS.compare(t, f);
  if (c.met === undefined && sameWords(target, forecast)) return true;
  return c.met;
}

/** The same words, ignoring spaces and punctuation (a qualitative forecast copying its target). */
export const sameTargetWords = sameWords;

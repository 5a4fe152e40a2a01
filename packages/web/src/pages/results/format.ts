import { type Fen, formatWanYuan, parseYuan } from "@jixiao/core";
import { RESULT_ACTION_LABELS, type ResultAction } from "@jixiao/core/results";

/** 元 (decimal text) as 万元 with thousands separators and 2 decimals; "—" when absent. */
export function wan(yuan: string | null | undefined): string {
  if (yuan === null || yuan === undefined || yuan === "") return "—";
  try {
    return formatWanYuan(parseYuan(yuan) as Fen);
  } catch {
    return yuan;
  }
}

/** An action's words (core's RESULT_ACTION_LABELS), the English capitalised for a tag or a column. */
export function actionLabel(action: ResultAction, zh: boolean): string {
  const l = RESULT_ACTION_LABELS[action];
  return zh ? l.zh : l.en.charAt(0).toUpperCase() + l.en.slice(1);
}

/** The colour of an action's tag, mildest green to strictest magenta (presentation only). */
export const ACTION_COLOR: Record<ResultAction, string> = {
  prioritise: "green",
  maintain: "blue",
  adjust: "cyan",
  rectify_or_cut: "orange",
  cut: "red",
  cancel: "magenta",
};

/**
 * A target value (指标值) as understood: `≥100人`, `≤500元/人/天`, `2024年12月30日前`, `符合相关规定`.
 * The original text is always kept; the structure is what Jixiao understood of it.
 */
export type Op = ">=" | ">" | "=" | "<" | "<=";

export type TargetKind =
  /** a number with an operator: `≥100人`, `<0.1%`, `100%`, `1个` */
  | "numeric"
  /** a closed range: `50%-70%`, `2—3个` */
  | "range"
  /** a date or deadline: `2024年12月30日前`, `2024年年底`, `年内` */
  | "deadline"
  /** a count per period: `每月一次`, `每年4次` */
  | "frequency"
  /** words: `符合相关规定`, `达标`, `明显提高`, and anything not understood */
  | "qualitative";

export interface TargetValue {
  kind: TargetKind;
  /** The text exactly as written. */
  text: string;
  /** numeric: the comparison; frequency: `>=` / `=` when written (`至少每月一次`). Absent otherwise. */
  op?: Op;
  /** numeric / frequency: the number, with `万` folded in (`333万` → 3330000; `≤0.82万元` → 8200 with unit 元). */
  value?: number;
  /** range: the bounds, inclusive. */
  min?: number;
  max?: number;
  /** Canonical unit: `%`, `‰`, `人`, `元`, `元/人/天`, `次/年`, `工作日`, `小时`… (`百分比`/`％` → `%`). Absent when none. */
  unit?: string;
  /** deadline: ISO date `YYYY-MM-DD` (end of the named period: `2024年年底` → `2024-12-31`). */
  date?: string;
  /** deadline: whether the date itself is allowed (`前` before: false; `之前`, `底前`… as written). */
  inclusive?: boolean;
  /** frequency: the period of the count. */
  period?: "day" | "week" | "month" | "quarter" | "year";
  /** qualitative: the words' polarity when recognised (`无行政复议`, `全年0事故` → `none`). */
  quality?: "meets" | "improves" | "satisfied" | "none" | "other";
  /** Why the value was read the way it was, or what could not be read (Chinese). */
  note?: string;
  /**
   * The words naming the measure when the text names it next to the number: `专版 2 篇` → `专版`,
   * `注册量4500辆以上` → `注册量`, `降低60％` → `降低`. Informative only.
   */
  label?: string;
  /**
   * A compound statement of several measures in one cell (`注册量4500辆以上，年检36000辆以上`): one value per
   * measure, in the order written. The whole is kind `qualitative` (no single number stands for it).
   */
  parts?: TargetValue[];
}

/** The outcome of comparing an actual value with a target. */
export interface Comparison {
  /** true / false when it can be decided; undefined when it cannot (qualitative vs number, units differ…). */
  met: boolean | undefined;
  /**
   * Completion ratio, direction-aware: for ≥/>/= actual ÷ target, for ≤/< target ÷ actual (1 = exactly on target),
   * capped at nothing (1.3 means 130%). Undefined when not numeric or not computable.
   */
  ratio: number | undefined;
  /** Plain Chinese explanation, e.g. `实际 260 名 < 目标 302 名`. */
  note: string;
}

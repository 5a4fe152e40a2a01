/**
 * Four-tier standards (评价标准 优/良/中/差) of duty-activity goal tables: one cell per tier, e.g.
 * `95%以上` / `90%以上` / `85%以上` / `85%以下`.
 */
import type { TargetValue } from "../targets/types.ts";

export type TierName = "优" | "良" | "中" | "差";
export const TIER_NAMES: readonly TierName[] = ["优", "良", "中", "差"];

export type TierCells = Record<TierName, string>;

export interface Bound {
  value: number;
  inclusive: boolean;
}

/**
 * How a cell was read:
 * - `numeric`: a number, a range or a frequency, with an interval (`lower`/`upper`);
 * - `words`: understood words with no interval (`无行政复议`, `全部达到…`): matched with compareActual;
 * - `compound`: several measures in one cell (`注册量4500辆以上，年检36000辆以上`), see `Tiers.measures`;
 * - `empty`, `placeholder` (`**`), `unreadable` (`全年`).
 */
export type TierStatus = "numeric" | "words" | "compound" | "empty" | "placeholder" | "unreadable";

export interface TierThreshold {
  tier: TierName;
  /** The cell as written. */
  text: string;
  /** The cell as parseTarget reads it. */
  target: TargetValue;
  status: TierStatus;
  /**
   * numeric: the values that reach this tier as written, in the row's unit. A bare number is a threshold
   * in the row's direction (`80%` under 良 in a higher-is-better row: ≥80%); a bare number in the last tier
   * means "this or worse" (`70%` under 差: ≤70%). Absent bound = unbounded on that side.
   */
  lower?: Bound;
  upper?: Bound;
  /** numeric: the unit after reconciliation (fractions read as %, frequencies as 次/年). */
  unit?: string;
  note?: string;
}

export interface Tiers {
  cells: TierCells;
  /** higher: larger values are better (rates, counts); lower: smaller is better (废品率 0.3‰/0.4‰/0.5‰). */
  direction?: "higher" | "lower";
  /** The common unit of the numeric tiers, when they have one. */
  unit?: string;
  /** In order 优, 良, 中, 差. */
  thresholds: TierThreshold[];
  /** Problems found while reading (fractions read as %, units adopted or not matching); checkTiers reports them. */
  readingProblems: TierProblem[];
  /** A row whose cells hold several measures: one set of tiers per measure, in the order written. */
  measures?: { label?: string; tiers: Tiers }[];
  /** Bare fractions (`0.8`) were read as percentages (80%). */
  fractionsAsPercent?: boolean;
}

export type TierProblemCode =
  | "placeholder"
  | "empty"
  | "unreadable"
  | "mixed_units"
  | "fraction_as_percent"
  | "identical"
  | "inverted"
  | "overlap"
  | "boundary_shared"
  | "gap";

export interface TierProblem {
  code: TierProblemCode;
  severity: "error" | "warning";
  /** The tiers concerned. */
  tiers: TierName[];
  zh: string;
  en: string;
  /** For compound rows: the measure's label (`注册量`). */
  measure?: string;
  /** gap / overlap: the values concerned (absent `to` = unbounded above). */
  from?: Bound;
  to?: Bound;
}

export interface TierResult {
  tier: TierName | undefined;
  note: string;
}

/**
 * The indicator library's vocabulary: a usage (one third-level indicator of one approved goal), an entry (every
 * usage of one normalised name, with its usual 一级/二级, target forms, units and typical values) and a suggestion.
 */

/**
 * One third-level indicator as used in an approved project or department goal, a duty's activity (counted with its
 * unit's approved department goal of the year) or a read document.
 */
export interface IndicatorUsage {
  /** The name as written. */
  name: string;
  level1?: string | null | undefined;
  level2?: string | null | undefined;
  /** 指标值 as written. */
  targetText?: string | null | undefined;
  /** 计量单位 column, when separate from the target text. */
  unit?: string | null | undefined;
  year: number;
  /** Where it was used: the record (project, department goal, duty, imported document) and its organisation. */
  source: { kind: UsageSourceKind; id: string; name: string; orgId?: string; orgName?: string };
}

/** What a usage was read from: a project, a department goal, a duty's activity (部门职责), an imported document. */
export type UsageSourceKind = "project" | "goal" | "duty" | "document";

/** A value with how often it was seen, most frequent first. */
export interface Counted {
  value: string;
  count: number;
}

/**
 * The target form (`≥`, `≤`, `=`, a range, a deadline, a frequency, words), as a short label: `≥`, `≤`, `>`, `<`,
 * `=`, `区间`, `时限`, `频次`, `定性`.
 */
export type TargetForm = "≥" | "≤" | ">" | "<" | "=" | "区间" | "时限" | "频次" | "定性";

/** Typical values of the numeric targets of one unit: exact decimal text (never a float). */
export interface TypicalValues {
  /** Canonical unit (`%`, `人`, `元`…); `""` when the targets have none. */
  unit: string;
  /** How many numeric targets in this unit. */
  count: number;
  median: string;
  min: string;
  max: string;
}

export interface LibraryEntry {
  /** The normalised key (normaliseIndicatorName). */
  key: string;
  /** The name written most often (ties: the shortest, then the first in code order). */
  name: string;
  /** Every written form with its count. */
  names: Counted[];
  /** Number of usages. */
  uses: number;
  level1: Counted[];
  level2: Counted[];
  forms: Counted[];
  /** Canonical units of the targets (or the unit column), most frequent first. */
  units: Counted[];
  /** Per unit, most frequent unit first. */
  typical: TypicalValues[];
  /**
   * A target in the usual form, unit and typical (median) value, e.g. `≥95%`, `≥120人`; the most frequent target
   * text when the usual form is not a number (`2025年12月31日前`, `符合相关规定`). Absent when no target was written.
   */
  typicalTarget?: string;
  /** First and last year of use. */
  years: { first: number; last: number };
  /** Where it was used, newest year first. */
  usages: IndicatorUsage[];
}

/** The bureau's mark on an entry. */
export type LibraryMark = "recommended" | "not_allowed";

export interface Suggestion {
  key: string;
  name: string;
  level1?: string;
  level2?: string;
  unit?: string;
  typicalTarget?: string;
  uses: number;
  mark?: LibraryMark;
  /** How the typed text matched: the whole key, its start, inside it, or its characters in order. */
  match: "exact" | "prefix" | "contains" | "subsequence";
}

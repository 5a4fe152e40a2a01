/**
 * Experts' scores against a form: each score checked (a number from 0 to the item's maximum, at most 2 decimals),
 * the total of one expert, and several experts side by side — per item their scores, the exact average, the spread
 * (highest − lowest) and whether they diverge: a spread above the threshold, a percentage of the item's maximum.
 */
import { DomainError } from "../errors/domain-error.ts";
import {
  add,
  cmp,
  div,
  fromInt,
  max,
  min,
  mul,
  parseDecimal,
  type Ratio,
  sub,
  toDecimalString,
  toFixed,
  ZERO,
} from "../numbers/decimal.ts";
import { type ScoredItem, type ScoringForm, scoredItems } from "./form.ts";

/** Scores by item key, each decimal text; an item left out (or empty) is not scored yet. */
export type ScoreSheet = Record<string, string | null | undefined>;

export interface SheetProblem {
  key: string;
  zh: string;
  en: string;
}

export interface SheetCheck {
  /** Every item scored and every score valid. */
  complete: boolean;
  problems: SheetProblem[];
  /** The sum of the valid scores given so far, 2 decimals. */
  total: string;
  /** Full marks of the form. */
  fullMarks: string;
}

const SCORE = /^\d{1,4}(\.\d{1,2})?$/;

/** Read one score against its item: the value, or the problem. */
function readScore(item: ScoredItem, text: string): Ratio | SheetProblem {
  const r = SCORE.test(text.trim()) ? parseDecimal(text) : undefined;
  if (!r) {
    return {
      key: item.key,
      zh: `「${item.name}」的得分「${text}」不是数字（最多两位小数）`,
      en: `The score "${text}" of "${item.name}" is not a number (at most 2 decimals)`,
    };
  }
  if (cmp(r, item.maxPoints) > 0) {
    return {
      key: item.key,
      zh: `「${item.name}」的得分 ${text} 超过满分 ${item.maxText}`,
      en: `The score ${text} of "${item.name}" is above its maximum ${item.maxText}`,
    };
  }
  return r;
}

const blank = (v: string | null | undefined): v is null | undefined => v === null || v === undefined || v.trim() === "";

/** Check one expert's sheet against the form (unknown keys are problems too). */
export function checkSheet(form: ScoringForm, sheet: ScoreSheet): SheetCheck {
  const items = scoredItems(form);
  const known = new Set(items.map((i) => i.key));
  const problems: SheetProblem[] = [];
  let total: Ratio = ZERO;
  let full: Ratio = ZERO;
  for (const item of items) {
    full = add(full, item.maxPoints);
    const text = sheet[item.key];
    if (blank(text)) {
      problems.push({ key: item.key, zh: `「${item.name}」尚未评分`, en: `"${item.name}" is not scored yet` });
      continue;
    }
    const v = readScore(item, text);
    if ("key" in v) problems.push(v);
    else total = add(total, v);
  }
  for (const key of Object.keys(sheet)) {
    if (!known.has(key)) problems.push({ key, zh: `评分表中没有「${key}」`, en: `The form has no item "${key}"` });
  }
  return { complete: problems.length === 0, problems, total: toFixed(total, 2), fullMarks: toFixed(full, 2) };
}

/**
 * Refuse a sheet with an invalid score (`invalid_input` at the item); with `complete`, refuse one with an item not
 * scored too. Returns the sheet's check.
 */
export function assertSheet(form: ScoringForm, sheet: ScoreSheet, opts: { complete: boolean }): SheetCheck {
  const check = checkSheet(form, sheet);
  const known = new Set(scoredItems(form).map((i) => i.key));
  const blocking = check.problems.filter((p) => opts.complete || !known.has(p.key) || !blank(sheet[p.key]));
  const first = blocking[0];
  if (first) throw new DomainError("invalid_input", { zh: first.zh, en: first.en }, { field: first.key });
  return check;
}

export interface ExpertSheet {
  /** Who scored (an account id, or any label). */
  expert: string;
  scores: ScoreSheet;
}

export interface ComparedItem {
  key: string;
  name: string;
  sectionKey: string;
  sectionName: string;
  maxPoints: string;
  /** Each expert's score in the order of the sheets (null: not scored). */
  scores: (string | null)[];
  /** Average of the scores given, 2 decimals; null when nobody scored it. */
  average: string | null;
  /** Highest − lowest, 2 decimals; null with fewer than two scores. */
  spread: string | null;
  /** The spread is above the threshold share of the maximum. */
  diverges: boolean;
}

export interface ExpertComparison {
  experts: string[];
  items: ComparedItem[];
  /** Each expert's total (null while their sheet is incomplete). */
  totals: (string | null)[];
  /** Average of the complete sheets' totals, 2 decimals. */
  averageTotal: string | null;
  totalSpread: string | null;
  totalDiverges: boolean;
  fullMarks: string;
  /** The threshold used, percent of an item's maximum. */
  thresholdPercent: string;
  /** Keys of the items that diverge. */
  diverging: string[];
}

/** Average, spread and divergence of values against a maximum. */
function spreadOf(values: Ratio[], maxPoints: Ratio, threshold: Ratio) {
  if (values.length === 0) return { average: null, spread: null, diverges: false };
  const average = div(
    values.reduce<Ratio>((t, v) => add(t, v), ZERO),
    fromInt(values.length),
  );
  if (values.length < 2) return { average: toFixed(average, 2), spread: null, diverges: false };
  const hi = values.reduce(max);
  const lo = values.reduce(min);
  const spread = sub(hi, lo);
  const limit = div(mul(maxPoints, threshold), fromInt(100));
  return { average: toFixed(average, 2), spread: toFixed(spread, 2), diverges: cmp(spread, limit) > 0 };
}

export const DEFAULT_DIVERGENCE_PERCENT = "20";

/**
 * The experts' sheets side by side. `thresholdPercent` (default 20): items whose scores spread more than that
 * share of the item's maximum are flagged; the totals likewise against full marks. Invalid scores count as not
 * scored (they cannot be stored: the server checks each sheet when it is saved).
 */
export function compareSheets(
  form: ScoringForm,
  sheets: ExpertSheet[],
  thresholdPercent: string = DEFAULT_DIVERGENCE_PERCENT,
): ExpertComparison {
  const threshold = parseDecimal(thresholdPercent);
  if (!threshold || cmp(threshold, ZERO) < 0 || cmp(threshold, fromInt(100)) > 0) {
    throw new DomainError(
      "invalid_input",
      { zh: "分歧阈值须为 0 到 100 之间的百分数", en: "The divergence threshold must be a percentage from 0 to 100" },
      { field: "thresholdPercent" },
    );
  }
  const items = scoredItems(form);
  const fullMarks = items.reduce<Ratio>((t, i) => add(t, i.maxPoints), ZERO);
  const values = sheets.map((s) =>
    items.map((item) => {
      const text = s.scores[item.key];
      if (blank(text)) return null;
      const v = readScore(item, text);
      return "key" in v ? null : v;
    }),
  );
  const compared: ComparedItem[] = items.map((item, i) => {
    const given = values.map((row) => row[i] ?? null);
    const s = spreadOf(
      given.filter((v): v is Ratio => v !== null),
      item.maxPoints,
      threshold,
    );
    return {
      key: item.key,
      name: item.name,
      sectionKey: item.sectionKey,
      sectionName: item.sectionName,
      maxPoints: item.maxText,
      scores: given.map((v) => (v === null ? null : toDecimalString(v, 2))),
      ...s,
    };
  });
  const totals = values.map((row) =>
    row.every((v) => v !== null) ? row.reduce<Ratio>((t, v) => add(t, v as Ratio), ZERO) : null,
  );
  const t = spreadOf(
    totals.filter((v): v is Ratio => v !== null),
    fullMarks,
    threshold,
  );
  return {
    experts: sheets.map((s) => s.expert),
    items: compared,
    totals: totals.map((v) => (v === null ? null : toFixed(v, 2))),
    averageTotal: t.average,
    totalSpread: t.spread,
    totalDiverges: t.diverges,
    fullMarks: toFixed(fullMarks, 2),
    thresholdPercent,
    diverging: compared.filter((c) => c.diverges).map((c) => c.key),
  };
}

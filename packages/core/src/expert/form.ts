/**
 * Expert scoring forms (专家评审 / 第三方评价 评分表) as data: sections, each scored as a whole or through its
 * indicators, every scored item with its maximum points. A form is checked once when the bureau defines it; the
 * scores an expert enters are checked against it (scores.ts).
 */
import { DomainError } from "../errors/domain-error.ts";
import { add, cmp, parseDecimal, type Ratio, toDecimalString, toFixed, ZERO } from "../numbers/decimal.ts";

export interface FormIndicator {
  /** Stable key within the form (the scores are stored by it). */
  key: string;
  name: string;
  /** Maximum points, decimal text (at most 2 decimals). */
  maxPoints: string;
  /** 评分标准 as the experts read it. */
  guidance?: string | undefined;
}

export interface FormSection {
  key: string;
  name: string;
  /** The section's maximum: the sum of its indicators' when it has some. */
  maxPoints: string;
  /** When present the experts score each indicator; otherwise the section as a whole. */
  indicators?: FormIndicator[] | undefined;
  guidance?: string | undefined;
}

export interface ScoringForm {
  name: string;
  sections: FormSection[];
}

/** One scored line of a form: an indicator, or a section scored as a whole. */
export interface ScoredItem {
  key: string;
  name: string;
  sectionKey: string;
  sectionName: string;
  maxPoints: Ratio;
  maxText: string;
}

const POINTS = /^\d{1,4}(\.\d{1,2})?$/;
const KEY = /^[A-Za-z0-9_-]{1,40}$/;

function invalid(zh: string, en: string, path: string): DomainError {
  return new DomainError("invalid_scheme", { zh, en }, { path });
}

function points(text: string, path: string, label: string): Ratio {
  const r = POINTS.test(text) ? parseDecimal(text) : undefined;
  if (!r || cmp(r, ZERO) <= 0) {
    throw invalid(
      `「${label}」的分值须为正数，最多两位小数（现为 ${text}）`,
      `The points of "${label}" must be a positive number with at most 2 decimals (got ${text})`,
      path,
    );
  }
  return r;
}

/** The form's scored items in order; throws `invalid_scheme` (at its path) when the form is not well made. */
export function scoredItems(form: ScoringForm): ScoredItem[] {
  if (!form.name?.trim()) throw invalid("评分表须有名称", "The form needs a name", "name");
  if (!Array.isArray(form.sections) || form.sections.length === 0)
    throw invalid("评分表至少要有一个部分", "The form needs at least one section", "sections");
  const keys = new Set<string>();
  const items: ScoredItem[] = [];
  const useKey = (key: string, path: string) => {
    if (!KEY.test(key)) throw invalid(`键「${key}」无效（字母、数字、_ 或 -）`, `Invalid key "${key}"`, path);
    if (keys.has(key)) throw invalid(`键「${key}」重复`, `Duplicate key "${key}"`, path);
    keys.add(key);
  };
  form.sections.forEach((s, i) => {
    const path = `sections[${i}]`;
    useKey(s.key, `${path}.key`);
    if (!s.name?.trim()) throw invalid("每个部分须有名称", "Every section needs a name", `${path}.name`);
    const max = points(s.maxPoints, `${path}.maxPoints`, s.name);
    if (!s.indicators || s.indicators.length === 0) {
      items.push({
        key: s.key,
        name: s.name,
        sectionKey: s.key,
        sectionName: s.name,
        maxPoints: max,
        maxText: s.maxPoints,
      });
      return;
    }
    let total: Ratio = ZERO;
    s.indicators.forEach((ind, j) => {
      const ipath = `${path}.indicators[${j}]`;
      useKey(ind.key, `${ipath}.key`);
      if (!ind.name?.trim()) throw invalid("每个指标须有名称", "Every indicator needs a name", `${ipath}.name`);
      const m = points(ind.maxPoints, `${ipath}.maxPoints`, ind.name);
      total = add(total, m);
      items.push({
        key: ind.key,
        name: ind.name,
        sectionKey: s.key,
        sectionName: s.name,
        maxPoints: m,
        maxText: ind.maxPoints,
      });
    });
    if (cmp(total, max) !== 0) {
      throw invalid(
        `「${s.name}」的分值 ${s.maxPoints} 与其指标分值之和 ${toDecimalString(total)} 不一致`,
        `"${s.name}" is worth ${s.maxPoints} but its indicators add up to ${toDecimalString(total)}`,
        `${path}.maxPoints`,
      );
    }
  });
  return items;
}

/** The form's full marks (the sum of its sections' maxima). */
export function formTotal(form: ScoringForm): Ratio {
  return scoredItems(form).reduce<Ratio>((t, i) => add(t, i.maxPoints), ZERO);
}

/** Check a form: its items and full marks, or the first problem (as a DomainError). */
export function checkForm(form: ScoringForm): { items: ScoredItem[]; total: string } {
  const items = scoredItems(form);
  return {
    items,
    total: toFixed(
      items.reduce<Ratio>((t, i) => add(t, i.maxPoints), ZERO),
      2,
    ),
  };
}

/**
 * Recommendations for next year's budget (结果应用): each project of next year is linked to this year's project it
 * continues — by the carry-forward link (结转上年), else the same project code in the same unit, else the same name
 * once the year in it is set aside (`2024年度警用车辆维护` ↔ `2025年度警用车辆维护`) — and that project's
 * self-evaluation is read through the bureau's rules: the grade's rule and every execution-rate threshold crossed
 * apply, the strictest action wins, the largest cut is the cut, and each rule that applied is a reason with its
 * figures. Pure: amounts are 元 as decimal text in and out, exact (fen), never floats.
 */
import { executionRate } from "../money/budget.ts";
import { type Fen, formatYuan, parseYuan } from "../money/money.ts";
import { cmp, fromInt, parseDecimal, type Ratio, ratio, sub, toDecimalString } from "../numbers/decimal.ts";
import { gradeOf } from "../scoring/scheme.ts";
import { STANDARD_GRADES } from "../scoring/schemes/builtin.ts";
import {
  type ExecutionRule,
  type GradeRule,
  RESULT_ACTION_LABELS,
  type ResultAction,
  type ResultRules,
  severity,
} from "./rules.ts";

/** This year's self-evaluation of a project, as stored (the one stored score). */
export interface EvaluationFacts {
  id: string;
  /** The stored total (decimal text) and grade; the grade is taken from the standard bands when missing. */
  total: string | null;
  grade: string | null;
  /** 全年预算数 (A) and 全年执行数 (B) in 元. */
  budget: string | null;
  executed: string | null;
  /** Approved by the reviewer (an evaluation not yet approved still gives a recommendation, marked so). */
  approved: boolean;
}

/** A project of this year (the evaluated year), with its self-evaluation when it has one. */
export interface PreviousProject {
  id: string;
  orgId: string;
  code: string | null;
  name: string;
  /** 年度资金 in 元: the baseline when the evaluation has no 全年预算数. */
  annualFunds: string | null;
  evaluation: EvaluationFacts | null;
}

/** A project of next year (the budget year). */
export interface NextProject {
  id: string;
  orgId: string;
  code: string | null;
  name: string;
  /** 年度资金申请 in 元, when filled. */
  requested: string | null;
}

/** A carry-forward link: next year's project `targetId` was carried from this year's `sourceId`. */
export interface CarryLink {
  sourceId: string;
  targetId: string;
}

export type LinkedBy = "carry_forward" | "code" | "name";
export type RecommendationStatus = "recommended" | "new" | "not_evaluated";

export interface RecommendationReason {
  rule: "grade" | "execution" | "new" | "not_evaluated" | "no_rule" | "not_approved";
  zh: string;
  en: string;
}

export interface Recommendation {
  projectId: string;
  status: RecommendationStatus;
  previous: { projectId: string; name: string; linkedBy: LinkedBy } | null;
  evaluation: {
    id: string;
    total: string | null;
    grade: string | null;
    /** 执行率 in percent, two decimals (`88.35`); null without a budget. */
    executionRate: string | null;
    approved: boolean;
  } | null;
  action: ResultAction | null;
  rectificationRequired: boolean;
  /** The least share of this year's budget to cut, percent, at most 2 decimals; null when nothing is cut. */
  cutPercent: string | null;
  /** This year's 全年预算数 (else its 年度资金), 元. */
  baseline: string | null;
  /** baseline × (1 − cut), rounded down to the fen: the most next year's project should get. */
  ceiling: string | null;
  requested: string | null;
  /** How much the request exceeds the ceiling (0 when within it), 元. */
  reduction: string | null;
  reasons: RecommendationReason[];
}

export interface RecommendOptions {
  projects: readonly NextProject[];
  previous: readonly PreviousProject[];
  links?: readonly CarryLink[];
  rules: ResultRules;
}

/** A project's name with the year in it and spaces set aside: what stays the same from year to year. */
export function continuingKey(name: string): string {
  return name
    .replace(/(?:19|20)\d{2}\s*(?:年度|年)?/g, "")
    .replace(/[\s\u3000]+/g, "")
    .toLowerCase();
}

const yuan = (text: string | null): Fen | null => {
  if (text === null || text.trim() === "") return null;
  try {
    return parseYuan(text);
  } catch {
    return null;
  }
};
const plain = (f: Fen) => formatYuan(f, { grouping: false });
const pct = (r: Ratio) => toDecimalString(r, 2);
const HUNDRED = fromInt(100);

/** What linking needs of a project of either year. */
export type LinkableProject = Pick<NextProject, "id" | "orgId" | "code" | "name">;

/**
 * Links every next-year project to the project of this year it continues (延续项目), if any: by the carry-forward
 * link, else the same code in the same unit, else the same name once the year in it is set aside. A project of next
 * year that links to none is a new project (新增项目: 事前绩效评估 applies).
 */
export function linkContinuing<P extends LinkableProject>(o: {
  projects: readonly LinkableProject[];
  previous: readonly P[];
  links?: readonly CarryLink[] | undefined;
}): Map<string, { prev: P; by: LinkedBy }> {
  const byId = new Map(o.previous.map((p) => [p.id, p]));
  const byCode = new Map<string, P>();
  const byName = new Map<string, P>();
  for (const p of o.previous) {
    if (p.code?.trim()) byCode.set(`${p.orgId}|${p.code.trim()}`, p);
    byName.set(`${p.orgId}|${continuingKey(p.name)}`, p);
  }
  const carried = new Map((o.links ?? []).map((l) => [l.targetId, l.sourceId]));
  const out = new Map<string, { prev: P; by: LinkedBy }>();
  for (const n of o.projects) {
    const source = carried.get(n.id);
    const viaCarry = source ? byId.get(source) : undefined;
    if (viaCarry) {
      out.set(n.id, { prev: viaCarry, by: "carry_forward" });
      continue;
    }
    const viaCode = n.code?.trim() ? byCode.get(`${n.orgId}|${n.code.trim()}`) : undefined;
    if (viaCode) {
      out.set(n.id, { prev: viaCode, by: "code" });
      continue;
    }
    const viaName = byName.get(`${n.orgId}|${continuingKey(n.name)}`);
    if (viaName) out.set(n.id, { prev: viaName, by: "name" });
  }
  return out;
}

interface Applied {
  action: ResultAction;
  cut: Ratio | null;
  rectification: boolean;
  reason: RecommendationReason;
}

function gradeApplied(rule: GradeRule, grade: string, total: string | null): Applied {
  const label = RESULT_ACTION_LABELS[rule.action];
  const cut = rule.cutPercent === null ? null : (parseDecimal(rule.cutPercent) ?? null);
  const score = total === null ? "" : `${total}分，`;
  const scoreEn = total === null ? "" : `${total} points, `;
  const cutZh = cut ? `，压减不少于${pct(cut)}%` : "";
  const cutEn = cut ? `, cut at least ${pct(cut)}%` : "";
  const rectZh = rule.rectification ? "，须整改" : "";
  const rectEn = rule.rectification ? ", rectification required" : "";
  return {
    action: rule.action,
    cut,
    rectification: rule.rectification,
    reason: {
      rule: "grade",
      zh: `上年自评${score}等级「${grade}」：${label.zh}${cutZh}${rectZh}`,
      en: `last year's self-evaluation ${scoreEn}grade ${grade}: ${label.en}${cutEn}${rectEn}`,
    },
  };
}

function executionApplied(rule: ExecutionRule, rate: Ratio, rateText: string): Applied {
  const label = RESULT_ACTION_LABELS[rule.action];
  const fixed = rule.cutPercent === null ? null : (parseDecimal(rule.cutPercent) ?? null);
  const unspent = rule.cutUnspent && cmp(rate, HUNDRED) < 0 ? sub(HUNDRED, rate) : null;
  const cut = fixed && unspent ? (cmp(fixed, unspent) >= 0 ? fixed : unspent) : (fixed ?? unspent);
  const cutZh = cut ? `，压减不少于${pct(cut)}%${unspent && cut === unspent ? "（未执行比例）" : ""}` : "";
  const cutEn = cut ? `, cut at least ${pct(cut)}%${unspent && cut === unspent ? " (the unspent share)" : ""}` : "";
  return {
    action: rule.action,
    cut,
    rectification: false,
    reason: {
      rule: "execution",
      zh: `上年预算执行率${rateText}%，低于${rule.below}%：${label.zh}${cutZh}`,
      en: `last year's execution rate ${rateText}% is below ${rule.below}%: ${label.en}${cutEn}`,
    },
  };
}

/** One recommendation per next-year project, in the order given. */
export function recommendBudgets(o: RecommendOptions): Recommendation[] {
  const links = linkContinuing(o);
  return o.projects.map((n) => {
    const found = links.get(n.id);
    const requestedFen = yuan(n.requested);
    const base: Recommendation = {
      projectId: n.id,
      status: "new",
      previous: found ? { projectId: found.prev.id, name: found.prev.name, linkedBy: found.by } : null,
      evaluation: null,
      action: null,
      rectificationRequired: false,
      cutPercent: null,
      baseline: null,
      ceiling: null,
      requested: requestedFen === null ? null : plain(requestedFen),
      reduction: null,
      reasons: [],
    };
    if (!found) {
      base.reasons.push({
        rule: "new",
        zh: "新增项目，无上年评价结果（须经事前绩效评估）",
        en: "a new project: no evaluation of last year (ex-ante assessment applies)",
      });
      return base;
    }
    const e = found.prev.evaluation;
    if (!e || (e.total === null && e.grade === null)) {
      base.status = "not_evaluated";
      base.reasons.push({
        rule: "not_evaluated",
        zh: `延续项目，上年「${found.prev.name}」尚无自评得分`,
        en: `a continuing project: last year's "${found.prev.name}" has no self-evaluation score`,
      });
      return base;
    }
    base.status = "recommended";
    const budget = yuan(e.budget);
    const executed = yuan(e.executed);
    const rate = budget !== null && budget > 0n && executed !== null ? executionRate(executed, budget) : null;
    const totalRatio = e.total === null ? undefined : parseDecimal(e.total);
    const grade = e.grade ?? (totalRatio ? (gradeOf(totalRatio, STANDARD_GRADES) ?? null) : null);
    base.evaluation = {
      id: e.id,
      total: e.total,
      grade,
      executionRate: rate ? rate.text : null,
      approved: e.approved,
    };
    const applied: Applied[] = [];
    const gradeRule = grade === null ? undefined : o.rules.grades.find((g) => g.grade.trim() === grade);
    if (gradeRule) applied.push(gradeApplied(gradeRule, grade!, e.total));
    else {
      base.reasons.push({
        rule: "no_rule",
        zh: `等级「${grade ?? "—"}」没有设置结果应用规则`,
        en: `no rule is set for the grade ${grade ?? "—"}`,
      });
    }
    if (rate) {
      for (const rule of o.rules.execution) {
        const below = parseDecimal(rule.below);
        if (below && cmp(rate.percent, below) < 0) applied.push(executionApplied(rule, rate.percent, rate.text));
      }
    }
    for (const a of applied) base.reasons.push(a.reason);
    if (!e.approved) {
      base.reasons.push({
        rule: "not_approved",
        zh: "上年自评尚未审核通过，建议待审核后确认",
        en: "last year's self-evaluation is not approved yet: confirm once it is",
      });
    }
    const strictest = applied.reduce<Applied | undefined>(
      (m, a) => (!m || severity(a.action) > severity(m.action) ? a : m),
      undefined,
    );
    base.action = strictest?.action ?? null;
    base.rectificationRequired = applied.some((a) => a.rectification);
    const cut = applied.reduce<Ratio | null>((m, a) => (a.cut && (!m || cmp(a.cut, m) > 0) ? a.cut : m), null);
    const baseline = budget ?? yuan(found.prev.annualFunds);
    if (baseline !== null) base.baseline = plain(baseline);
    if (cut && cmp(cut, fromInt(0)) > 0) {
      base.cutPercent = pct(cut);
      if (baseline !== null && baseline > 0n) {
        // baseline × (100 − cut) ÷ 100, rounded down to the fen: the cut is at least the percentage
        const keep = sub(HUNDRED, cut);
        const scaled = ratio(baseline * keep.n, keep.d * 100n);
        const ceiling = (scaled.n / scaled.d) as Fen;
        base.ceiling = plain(ceiling);
        if (requestedFen !== null) {
          base.reduction = plain((requestedFen > ceiling ? requestedFen - ceiling : 0n) as Fen);
        }
      }
    }
    return base;
  });
}

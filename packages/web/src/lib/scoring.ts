/**
 * The self-evaluation workspace's one door to the scoring rules of @jixiao/core. It turns the draft (text as
 * typed) into core's input, calls core's `computeScores`, and turns the exact result into what the page shows.
 * No rule lives here: suggested scores, group sums, execution score, total, grade, "deviation reason
 * required", "far over target" all come from core.
 */
import type { Lang } from "../i18n.tsx";
import type { SeDraft } from "../pages/selfEvaluation/model.ts";
import {
  BUILTIN_SCHEMES,
  computeScores,
  DomainError,
  decimal,
  type EvaluationInput,
  type Fen,
  parseTarget,
  parseWanYuan,
  renderTarget,
  type ScoringScheme,
  type TierKey,
} from "./rules.ts";

export interface IndicatorView {
  /** The target as core understood it (renderTarget of parseTarget), when it differs from the text. */
  understood?: string;
  /** Kind of target as understood: numeric, range, deadline, frequency, qualitative. */
  kind?: string;
  /** Suggested score (two decimals). */
  suggested?: string;
  met?: boolean;
  /** How the score was reached / why met or not, in the interface language. */
  note?: string;
  /** A deviation reason is required (target missed) and missing. */
  needsDeviation: boolean;
  /** Far over target and not explained. */
  overTarget: boolean;
  /** An override without a reason. */
  needsOverrideReason: boolean;
  /** What could not be read (an override that is not a number…). */
  problem?: string;
}

export interface EvaluationView {
  /** False while core has no scoring function: the page says so and shows no scores. */
  ready: boolean;
  rateText?: string;
  executionPoints?: string;
  executionScore?: string;
  executionProblem?: string;
  groups: { name: string; points: string; score: string }[];
  indicators: Record<string, IndicatorView>;
  total?: string;
  grade?: string;
  /** Every problem to fix before submitting, in the interface language. */
  problems: string[];
  /** Stated (overridden) vs suggested, as core words them. */
  differences: string[];
  /** The scheme's qualitative tiers, for the evaluator to choose from. */
  tiers: { key: TierKey; label: string }[];
}

export const SCHEMES: { id: string; zh: string; en: string }[] = [
  { id: "national-project", zh: "项目支出（执行率10、产出50、效益30、满意度10）", en: "Project (10/50/30/10)" },
  { id: "department-2080", zh: "部门整体（20×执行率 + 40/30/10）", en: "Department overall (20 × rate + 40/30/10)" },
];

const fmt = (r: decimal.Ratio | undefined) => (r === undefined ? undefined : decimal.toFixed(r, 2));

function amount(text: string): { fen?: Fen; error?: DomainError } {
  try {
    return { fen: parseWanYuan(text.trim() === "" ? "0" : text) };
  } catch (e) {
    if (e instanceof DomainError) return { error: e };
    throw e;
  }
}

/**
 * The live figures while typing, with core's one scoring function. `inForce`: the scheme the server scores this
 * record with when it is not a built-in one (a finance bureau's own, from the stored result), so that what is shown
 * while typing is what will be stored.
 */
export function evaluate(draft: SeDraft, lang: Lang, inForce?: ScoringScheme): EvaluationView {
  const pick = (t: { zh: string; en: string }) => (lang === "en" ? t.en : t.zh);
  const scheme = inForce ?? BUILTIN_SCHEMES[draft.schemeId];
  const indicators: Record<string, IndicatorView> = {};
  const problems: string[] = [];

  // What the page checks itself is only the form: an override must be a number and carry a reason.
  const overrides = draft.indicators.map((i) => {
    const text = i.override.trim();
    if (text === "") return undefined;
    return decimal.parseDecimal(text) ?? null;
  });
  draft.indicators.forEach((i, k) => {
    const o = overrides[k];
    indicators[i.id] = {
      needsDeviation: false,
      overTarget: false,
      needsOverrideReason: o !== undefined && i.overrideReason.trim() === "",
      problem: o === null ? (lang === "en" ? "the override is not a number" : "调整得分应为数字") : undefined,
    };
    if (indicators[i.id]!.needsOverrideReason) {
      problems.push(lang === "en" ? `"${i.name}": an override needs a reason` : `「${i.name}」调整得分须说明理由`);
    }
  });

  if (!scheme) return { ready: false, groups: [], indicators, problems, differences: [], tiers: [] };

  const budget = amount(draft.annualBudget);
  const executed = amount(draft.executed);
  const moneyError = budget.error ?? executed.error;

  const input: EvaluationInput = {
    title: draft.projectName,
    scheme,
    unit: "万元",
    budget: { budget: budget.fen ?? (0n as Fen), executed: executed.fen ?? (0n as Fen) },
    indicators: draft.indicators.map((i, k) => {
      const o = overrides[k];
      return {
        level1: i.level1,
        level2: i.level2,
        name: i.name,
        target: parseTarget(i.target, { year: draft.year }),
        actual: parseTarget(i.actual, { year: draft.year }),
        points: decimal.parseDecimal(i.points) ?? decimal.ZERO,
        statedScore: o ?? undefined,
        tier: i.tier,
        overrideReason: i.overrideReason || undefined,
        deviationReason: i.deviationReason || undefined,
      };
    }),
  };
  const x = computeScores(input);

  for (const s of x.indicators) {
    const i = draft.indicators[s.index]!;
    const v = indicators[i.id]!;
    const rendered = renderTarget(s.target);
    if (s.target.kind === "qualitative") v.understood = kindLabel("qualitative", lang);
    else if (s.target.kind !== "numeric" || rendered !== i.target.trim()) {
      v.understood = `${rendered}${kindLabel(s.target.kind, lang)}`;
    }
    v.kind = s.target.kind;
    v.suggested = s.basis === "none" || s.basis === "stated" ? undefined : fmt(s.computed);
    // A qualitative tier chosen by the evaluator decides; the icon then shows the comparison as unknown.
    v.met = s.basis === "tier" ? undefined : s.comparison.met;
    v.note = `${s.comparison.note}${s.comparison.note ? "；" : ""}${pick(s.formula)}`;
  }

  for (const p of x.problems) {
    const m = /^indicators\[(\d+)\]/.exec(p.path);
    const id = m ? draft.indicators[Number(m[1])]?.id : undefined;
    if (id && p.code === "deviation_reason_missing") indicators[id]!.needsDeviation = true;
    if (id && p.code === "far_over_target") indicators[id]!.overTarget = true;
    // The zero budget that an empty field gives is shown by the funds row, not as a problem of the form.
    if (moneyError && (p.code === "zero_budget" || p.code === "invalid_budget")) continue;
    problems.push(pick(p));
  }

  return {
    ready: true,
    rateText: x.rate?.text,
    executionPoints: fmt(x.executionPoints),
    executionScore: fmt(x.executionScore),
    executionProblem: moneyError ? moneyError.describe(lang) : undefined,
    groups: x.groups.map((g) => ({ name: pick(g.name), points: fmt(g.points)!, score: fmt(g.score)! })),
    indicators,
    total: fmt(x.total),
    grade: x.grade,
    problems,
    differences: x.differences.filter((d) => d.kind === "indicator").map((d) => pick(d)),
    tiers: scheme.qualitative.map((q) => ({ key: q.key, label: `${pick(q.label)}（${q.min}–${q.max}%）` })),
  };
}

function kindLabel(kind: string, lang: Lang): string {
  const zh: Record<string, string> = {
    range: "（区间）",
    deadline: "（期限）",
    frequency: "（频次）",
    qualitative: "定性",
  };
  const en: Record<string, string> = {
    range: " (range)",
    deadline: " (deadline)",
    frequency: " (frequency)",
    qualitative: "qualitative",
  };
  return (lang === "en" ? en : zh)[kind] ?? "";
}

/**
 * The self-evaluation workspace's one door to the scoring rules of @jixiao/core. It turns the draft (text as
 * typed) into core's input, calls core, and turns the result into what the page shows. No rule lives here.
 */
import type { Lang } from "../i18n.tsx";
import type { SeDraft } from "../pages/selfEvaluation/model.ts";

export interface IndicatorView {
  /** The target as core understood it (renderTarget of parseTarget), when it differs from the text. */
  understood?: string;
  /** Kind of target as understood: numeric, range, deadline, frequency, qualitative. */
  kind?: string;
  /** Suggested score, shown with the scheme's rounding. */
  suggested?: string;
  /** The score that counts (override when given, else suggested). */
  score?: string;
  met?: boolean;
  /** Why met / not met, in the interface language. */
  note?: string;
  /** A deviation reason is required (target missed) and missing. */
  needsDeviation: boolean;
  /** Far over target: an explanation is expected. */
  overTarget: boolean;
  /** An override without a reason. */
  needsOverrideReason: boolean;
  /** What core could not read (an actual value it does not understand…). */
  problem?: string;
}

export interface EvaluationView {
  /** False while core has no scoring function: the page says so and shows no scores. */
  ready: boolean;
  rateText?: string;
  executionPoints?: string;
  executionScore?: string;
  /** Below 90%: an explanation is expected. */
  lowRate: boolean;
  executionProblem?: string;
  groups: { name: string; points: string; score: string }[];
  indicators: Record<string, IndicatorView>;
  total?: string;
  grade?: string;
  /** Every problem to fix before submitting, in the interface language. */
  problems: string[];
}

export const SCHEMES: { id: string; zh: string; en: string }[] = [
  { id: "national-project", zh: "项目支出（执行率10、产出50、效益30、满意度10）", en: "Project (10/50/30/10)" },
  { id: "department-2080", zh: "部门整体（20×执行率 + 40/30/10）", en: "Department overall (20 × rate + 40/30/10)" },
];

export function evaluate(draft: SeDraft, _lang: Lang): EvaluationView {
  const indicators: Record<string, IndicatorView> = {};
  for (const i of draft.indicators) {
    indicators[i.id] = {
      needsDeviation: false,
      overTarget: false,
      needsOverrideReason: i.override.trim() !== "" && i.overrideReason.trim() === "",
    };
  }
  return { ready: false, lowRate: false, groups: [], indicators, problems: [] };
}

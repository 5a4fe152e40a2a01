/**
 * 事前绩效评估 (ex-ante performance assessment) of a new project: five dimensions scored against configurable
 * points (20 each by default, 100 in all), and a conclusion derived from the share of full marks — 予以支持 from
 * 80 %, 部分支持 from 60 %, 不予支持 below (thresholds configurable) — which the assessor may override with a reason.
 */
import { DomainError } from "../errors/domain-error.ts";
import type { ScoringForm } from "../expert/form.ts";
import { checkSheet, type ScoreSheet } from "../expert/scores.ts";
import { cmp, div, fromInt, mul, parseDecimal, toFixed } from "../numbers/decimal.ts";

export const EXANTE_DIMENSIONS = [
  {
    key: "necessity",
    name: "立项必要性",
    en: "Need for the project",
    guidance: "与部门职责、政策和规划相符，需求真实",
  },
  { key: "economy", name: "投入经济性", en: "Economy of the inputs", guidance: "投入与产出相称，成本测算依据充分" },
  {
    key: "goals",
    name: "绩效目标合理性",
    en: "Soundness of the goals",
    guidance: "目标明确、指标细化量化、指标值合理",
  },
  {
    key: "feasibility",
    name: "实施方案可行性",
    en: "Feasibility of the plan",
    guidance: "实施方案、组织保障、进度安排可行",
  },
  {
    key: "compliance",
    name: "筹资合规性",
    en: "Compliance of the funding",
    guidance: "资金来源合规、筹资方式和财政支持方式恰当",
  },
] as const;
export type ExanteDimension = (typeof EXANTE_DIMENSIONS)[number]["key"];

export const EXANTE_CONCLUSIONS = ["予以支持", "部分支持", "不予支持"] as const;
export type ExanteConclusion = (typeof EXANTE_CONCLUSIONS)[number];

export type ExantePoints = Record<ExanteDimension, string>;

export const DEFAULT_EXANTE_POINTS: ExantePoints = {
  necessity: "20",
  economy: "20",
  goals: "20",
  feasibility: "20",
  compliance: "20",
};

/** Percent of full marks from which the conclusion is 予以支持 (support) and 部分支持 (partial). */
export interface ExanteThresholds {
  support: string;
  partial: string;
}
export const DEFAULT_EXANTE_THRESHOLDS: ExanteThresholds = { support: "80", partial: "60" };

/** The ex-ante form with the given points per dimension (the defaults for the ones not given). */
export function exanteForm(points: Partial<ExantePoints> = {}): ScoringForm {
  return {
    name: "事前绩效评估评分表",
    sections: EXANTE_DIMENSIONS.map((d) => ({
      key: d.key,
      name: d.name,
      maxPoints: points[d.key] ?? DEFAULT_EXANTE_POINTS[d.key],
      guidance: d.guidance,
    })),
  };
}

function percentOf(text: string, field: string) {
  const r = parseDecimal(text);
  if (!r || cmp(r, fromInt(0)) < 0 || cmp(r, fromInt(100)) > 0) {
    throw new DomainError(
      "invalid_input",
      { zh: "阈值须为 0 到 100 之间的百分数", en: "A threshold must be a percentage from 0 to 100" },
      { field },
    );
  }
  return r;
}

/** The conclusion a total earns: its share of full marks against the thresholds. */
export function exanteConclusion(
  total: string,
  fullMarks: string,
  thresholds: ExanteThresholds = DEFAULT_EXANTE_THRESHOLDS,
): ExanteConclusion {
  const support = percentOf(thresholds.support, "support");
  const partial = percentOf(thresholds.partial, "partial");
  if (cmp(partial, support) > 0) {
    throw new DomainError(
      "invalid_input",
      { zh: "「部分支持」的阈值不能高于「予以支持」的", en: "The partial threshold cannot be above the support one" },
      { field: "partial" },
    );
  }
  const t = parseDecimal(total);
  const f = parseDecimal(fullMarks);
  if (!t || !f || cmp(f, fromInt(0)) <= 0) throw new RangeError("exanteConclusion: bad total or full marks");
  const pct = div(mul(t, fromInt(100)), f);
  if (cmp(pct, support) >= 0) return "予以支持";
  if (cmp(pct, partial) >= 0) return "部分支持";
  return "不予支持";
}

export interface ExanteInput {
  points?: Partial<ExantePoints> | undefined;
  scores: ScoreSheet;
  thresholds?: ExanteThresholds | undefined;
  /** A conclusion other than the derived one, with its reason. */
  override?: { conclusion: ExanteConclusion; reason: string } | null | undefined;
}

export interface ExanteAssessment {
  points: ExantePoints;
  scores: Record<ExanteDimension, string>;
  total: string;
  fullMarks: string;
  /** total ÷ full marks, percent, 2 decimals. */
  percent: string;
  thresholds: ExanteThresholds;
  derived: ExanteConclusion;
  conclusion: ExanteConclusion;
  overridden: boolean;
  overrideReason: string | null;
}

/** Score an ex-ante assessment: every dimension scored, the conclusion derived, or overridden with a reason. */
export function assessExante(input: ExanteInput): ExanteAssessment {
  const points: ExantePoints = { ...DEFAULT_EXANTE_POINTS, ...(input.points ?? {}) };
  const form = exanteForm(points);
  const check = checkSheet(form, input.scores);
  const first = check.problems[0];
  if (first) throw new DomainError("invalid_input", { zh: first.zh, en: first.en }, { field: first.key });
  const thresholds = input.thresholds ?? DEFAULT_EXANTE_THRESHOLDS;
  const derived = exanteConclusion(check.total, check.fullMarks, thresholds);
  const o = input.override ?? null;
  if (o && o.conclusion !== derived && !o.reason.trim()) {
    throw new DomainError(
      "invalid_input",
      { zh: "改变评估结论须说明理由", en: "A reason is needed to change the conclusion" },
      { field: "overrideReason" },
    );
  }
  const overridden = !!o && o.conclusion !== derived;
  const pct = div(mul(parseDecimal(check.total)!, fromInt(100)), parseDecimal(check.fullMarks)!);
  const scores = Object.fromEntries(
    EXANTE_DIMENSIONS.map((d) => [d.key, toFixed(parseDecimal(String(input.scores[d.key]))!, 2)]),
  ) as Record<ExanteDimension, string>;
  return {
    points,
    scores,
    total: check.total,
    fullMarks: check.fullMarks,
    percent: toFixed(pct, 2),
    thresholds,
    derived,
    conclusion: overridden ? o.conclusion : derived,
    overridden,
    overrideReason: overridden ? o.reason.trim() : null,
  };
}

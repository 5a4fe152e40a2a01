/**
 * From an imported self-evaluation (the normalised document of `@jixiao/core/model`) to the input of
 * `scoreEvaluation`: the JSON a person would otherwise write by hand (docs/score-input.md).
 *
 * Real documents often state the points of each 一级指标 but not the weight of each indicator (seed 002), or no
 * weights at all (seed 003). Weights are then inferred and the inference is said in `note`:
 * - group points known, stated scores known: an indicator that met its target and has a stated score weighs that
 *   score (it got full marks); the rest of the group's points are shared equally by the others;
 * - nothing stated: the scheme's group points are shared equally by the group's indicators.
 */
import type {
  DepartmentExpenditureEvaluation,
  DepartmentSelfEvaluation,
  FundLine,
  ImportedDocument,
  Indicator,
  ProjectSelfEvaluation,
  Target,
} from "../model/document.ts";
import {
  div,
  fromInt,
  fromNumber,
  mul,
  parseDecimal,
  type Ratio,
  ratio,
  roundToUnits,
  sub,
  sum,
  toDecimalString,
  ZERO,
} from "../numbers/decimal.ts";
import { compareActual } from "../targets/compare.ts";
import { parseTarget } from "../targets/parse.ts";
import type { TargetValue } from "../targets/types.ts";
import type { EvaluationJson } from "./input.ts";
import { recogniseScheme, type SchemeEvidence, selfEvaluationParts } from "./recognise.ts";
import {
  countedGroup,
  DEPARTMENT_2080_SCHEME,
  effectiveGroupPoints,
  type Level1,
  level1Of,
  NATIONAL_PROJECT_SCHEME,
  type ScoringScheme,
  schemeById,
} from "./scheme.ts";

export interface EvaluationFromDocument {
  /** What part of the document this evaluation is (`部门整体绩效自评`, a project's name). */
  title: string;
  evaluation: EvaluationJson;
  /** How weights or other missing parts were filled in (Chinese, English). */
  assumptions: { zh: string; en: string }[];
  /** The scheme used and why (`recogniseScheme`), unless the caller chose it. */
  recognition?: { schemeId: string; confidence: number; reasons: { zh: string; en: string }[] } | undefined;
}

export interface FromDocumentOptions {
  /** Header and label texts of the source tables (for recognising the scheme: 权重, 得分系数, 执行率权重…). */
  evidence?: SchemeEvidence;
  /** Score with this scheme (or built-in id / alias) instead of recognising one (a record's stored scheme). */
  scheme?: ScoringScheme | string;
  /** The candidates for recognition (default: the built-ins; a bureau may add its own). */
  schemes?: readonly ScoringScheme[];
}

/**
 * Every self-evaluation the document holds, ready for `parseEvaluationInput` + `scoreEvaluation`, each scored with
 * the scheme its form follows (`recogniseScheme`) unless `options.scheme` says which.
 */
export function evaluationsFromDocument(
  doc: ImportedDocument,
  options: FromDocumentOptions = {},
): EvaluationFromDocument[] {
  const out: EvaluationFromDocument[] = [];
  const parts = selfEvaluationParts(doc);
  let k = 0;
  const chosen = typeof options.scheme === "string" ? schemeById(options.scheme) : options.scheme;
  const pick = (fallback: ScoringScheme) => {
    const part = parts[k++];
    if (chosen) return { scheme: chosen, recognition: undefined };
    if (!part) return { scheme: fallback, recognition: undefined };
    const r = recogniseScheme(doc, options.evidence, {
      part,
      ...(options.schemes ? { schemes: options.schemes } : {}),
    });
    return {
      scheme: r.scheme,
      recognition: { schemeId: r.scheme.id, confidence: r.confidence, reasons: r.reasons },
    };
  };
  if (doc.departmentSelfEvaluation) {
    const { scheme, recognition } = pick(DEPARTMENT_2080_SCHEME);
    out.push({ ...fromDepartment(doc.departmentSelfEvaluation, scheme), recognition });
  }
  if (doc.departmentExpenditureEvaluation) {
    const { scheme, recognition } = pick(NATIONAL_PROJECT_SCHEME);
    const e = fromExpenditure(doc.departmentExpenditureEvaluation, scheme);
    if (e) out.push({ ...e, recognition });
  }
  for (const p of doc.projectSelfEvaluations) {
    const { scheme, recognition } = pick(NATIONAL_PROJECT_SCHEME);
    const e = fromProject(p, scheme);
    if (e) out.push({ ...e, recognition });
  }
  return out;
}

/** The scheme as the score input names it: a built-in by its id, any other whole. */
function schemeJson(scheme: ScoringScheme): EvaluationJson["scheme"] {
  if (schemeById(scheme.id) === scheme) return scheme.id;
  const { aliases: _a, recognition: _r, ...rest } = scheme;
  return rest as EvaluationJson["scheme"];
}

/** The points of each group the document's indicators count in (a missing group's moved as the scheme says). */
function groupPointsOf(scheme: ScoringScheme, indicators: Indicator[]): Map<Level1, Ratio> {
  const present = new Set<Level1>();
  for (const i of indicators) {
    const g = countedGroup(scheme, i.level1 ? level1Of(i.level1) : undefined);
    if (g) present.add(g);
  }
  const out = new Map<Level1, Ratio>();
  for (const [g, p] of effectiveGroupPoints(scheme, present)) if (present.has(g)) out.set(g, p);
  return out;
}

function targetText(t: Target | undefined): string {
  return t?.text ?? "";
}

function toValue(t: Target | undefined, unit: string | undefined): TargetValue | string {
  if (!t) return "";
  return (t.parsed as TargetValue | undefined) ?? parseTarget(t.text, unit ? { unit } : undefined);
}

function num(text: string | undefined): Ratio | undefined {
  return text === undefined ? undefined : parseDecimal(text);
}

interface Row {
  ind: Indicator;
  group: Level1 | undefined;
  weight: Ratio | undefined;
}

/** Infers missing weights group by group (see the file comment). Returns the weights and what was assumed. */
export function inferWeights(
  indicators: Indicator[],
  groupPoints: Map<Level1, Ratio>,
  /** The group an indicator counts in (default: its level 1 as written; a scheme may fold one into another). */
  groupOf: (level1: string) => Level1 | undefined = level1Of,
): { weights: (Ratio | undefined)[]; assumptions: { zh: string; en: string }[] } {
  const rows: Row[] = indicators.map((ind) => ({
    ind,
    group: ind.level1 ? groupOf(ind.level1) : undefined,
    weight: num(ind.weight?.value),
  }));
  const assumptions: { zh: string; en: string }[] = [];
  for (const [group, points] of groupPoints) {
    const inGroup = rows.filter((r) => r.group === group);
    const missing = inGroup.filter((r) => r.weight === undefined);
    if (missing.length === 0 || inGroup.length === 0) continue;
    const allScored = missing.every((r) => num(r.ind.score?.value) !== undefined);
    const stated = inGroup.filter((r) => r.weight !== undefined).map((r) => r.weight!);
    let remaining = sub(points, sum(stated));
    let rest = missing;
    if (allScored) {
      const full: Row[] = [];
      for (const r of missing) {
        const target = toValue(r.ind.target, r.ind.unit);
        const actual = toValue(r.ind.actual, r.ind.unit);
        const met =
          typeof target !== "string" && typeof actual !== "string" ? compareActual(target, actual).met : undefined;
        if (met === true) full.push(r);
      }
      for (const r of full) r.weight = num(r.ind.score!.value);
      remaining = sub(remaining, sum(full.map((r) => r.weight!)));
      rest = missing.filter((r) => !full.includes(r));
    }
    if (rest.length > 0) {
      // Shares in hundredths of a point, the last one taking the remainder, so that the weights sum exactly.
      const pool = remaining.n < 0n ? ZERO : remaining;
      const share = ratio(roundToUnits(div(pool, fromInt(rest.length)), 2), 100n);
      rest.forEach((r, i) => {
        r.weight = i < rest.length - 1 ? share : sub(pool, mul(share, fromInt(rest.length - 1)));
      });
    }
    if (rest.length === 0 && allScored) {
      const name = indicators.find((i) => i.level1 && groupOf(i.level1) === group)?.level1 ?? group;
      assumptions.push({
        zh: `「${name}」未列各指标分值：各指标均已达成，以其得分为分值`,
        en: `"${name}" states no weight per indicator: every indicator met its target and weighs its stated score`,
      });
      continue;
    }
    const name = indicators.find((i) => i.level1 && groupOf(i.level1) === group)?.level1 ?? group;
    assumptions.push(
      allScored
        ? {
            zh: `「${name}」未列各指标分值：达成目标的指标以其得分为分值，其余 ${rest.length} 项平分剩余 ${toDecimalString(remaining.n < 0n ? ZERO : remaining)} 分`,
            en: `"${name}" states no weight per indicator: an indicator that met its target weighs its stated score; the other ${rest.length} share the remaining ${toDecimalString(remaining.n < 0n ? ZERO : remaining)} points`,
          }
        : {
            zh: `「${name}」未列各指标分值：${missing.length} 项平分 ${toDecimalString(remaining)} 分`,
            en: `"${name}" states no weight per indicator: ${missing.length} indicators share ${toDecimalString(remaining)} points equally`,
          },
    );
  }
  return { weights: rows.map((r) => r.weight), assumptions };
}

function indicatorJson(ind: Indicator, weight: Ratio | undefined): EvaluationJson["indicators"][number] {
  const op = ind.operator && [">=", ">", "=", "<", "<="].includes(ind.operator) ? ind.operator : undefined;
  return {
    level1: ind.level1 ?? "",
    ...(ind.level2 ? { level2: ind.level2 } : {}),
    name: ind.name,
    target: targetText(ind.target),
    actual: targetText(ind.actual),
    ...(ind.unit ? { unit: ind.unit } : {}),
    ...(op ? { op: op as ">=" } : {}),
    points: weight === undefined ? "0" : toDecimalString(weight, 6),
    ...(ind.score?.value !== undefined ? { statedScore: ind.score.value } : {}),
    ...(ind.deviation ? { deviationReason: ind.deviation } : {}),
  };
}

function fromDepartment(d: DepartmentSelfEvaluation, scheme: ScoringScheme): EvaluationFromDocument {
  const groupPoints = new Map<Level1, Ratio>();
  for (const g of scheme.groups) groupPoints.set(g.level1, fromNumber(g.points));
  for (const s of d.sections) {
    const group = level1Of(s.level1);
    const pts = num(s.points?.value);
    if (group && pts) groupPoints.set(group, pts);
  }
  const executionPoints = num(d.budgetPoints?.value);
  const customised =
    (executionPoints !== undefined && toDecimalString(executionPoints) !== String(scheme.execution.points)) ||
    [...groupPoints].some(([g, p]) => toDecimalString(p) !== String(scheme.groups.find((x) => x.level1 === g)?.points));
  const { weights, assumptions } = inferWeights(d.indicators, groupPoints, (n) => countedGroup(scheme, level1Of(n)));
  const budget: Partial<FundLine> = d.budget ?? {};
  const evaluation: EvaluationJson = {
    title: `${d.year ? `${d.year} 年度` : ""}${d.organisation}部门整体绩效自评`,
    scheme: customised
      ? {
          ...(schemeById(scheme.id) === scheme ? { extends: scheme.id } : (schemeJson(scheme) as object)),
          execution: { points: Number(toDecimalString(executionPoints ?? fromNumber(scheme.execution.points))) },
          groups: [...groupPoints].map(([level1, p]) => ({ level1, points: Number(toDecimalString(p)) })),
        }
      : schemeJson(scheme),
    unit: budget.budget?.unit ?? "万元",
    budget: {
      budget: budget.budget?.text ?? "0",
      executed: budget.executed?.text ?? "0",
      ...(budget.rate ? { statedRate: budget.rate.text } : {}),
      ...(budget.score?.value !== undefined ? { statedScore: budget.score.value } : {}),
    },
    indicators: d.indicators.map((ind, i) => indicatorJson(ind, weights[i])),
    ...(d.goalScore?.value !== undefined ? { statedIndicatorTotal: d.goalScore.value } : {}),
    ...(d.totalScore?.value !== undefined ? { statedTotal: d.totalScore.value } : {}),
  };
  return { title: evaluation.title!, evaluation, assumptions };
}

function fromExpenditure(
  d: DepartmentExpenditureEvaluation,
  scheme: ScoringScheme,
): EvaluationFromDocument | undefined {
  const total = d.budgetRows.find((r) => r.category === "total") ?? d.budgetRows[0];
  if (!total || d.indicators.length === 0) return undefined;
  // A missing group's points move as the scheme says (no 满意度 → 产出/效益).
  const groupPoints = groupPointsOf(scheme, d.indicators);
  const { weights, assumptions } = inferWeights(d.indicators, groupPoints, (n) => countedGroup(scheme, level1Of(n)));
  const evaluation: EvaluationJson = {
    title: `${d.year ? `${d.year} 年度` : ""}${d.organisation}部门整体支出绩效自评`,
    scheme: schemeJson(scheme),
    unit: d.amountUnit,
    budget: {
      budget: total.budget?.text || "0",
      executed: total.executed?.text || "0",
      ...(total.initial?.text ? { initial: total.initial.text } : {}),
      ...(total.adjustment?.text ? { adjustment: total.adjustment.text } : {}),
      ...(total.rate ? { statedRate: total.rate.text } : {}),
    },
    indicators: d.indicators.map((ind, i) => indicatorJson(ind, weights[i])),
  };
  assumptions.unshift({
    zh: `该表未列分值与得分：按「${scheme.name.zh}」给出建议得分`,
    en: `The table states no points or scores: suggested scores follow "${scheme.name.en}"`,
  });
  return { title: evaluation.title!, evaluation, assumptions };
}

function fromProject(p: ProjectSelfEvaluation, scheme: ScoringScheme): EvaluationFromDocument | undefined {
  const total = p.funds[0];
  if (!total || p.indicators.length === 0) return undefined;
  const groupPoints = new Map<Level1, Ratio>(scheme.groups.map((g) => [g.level1, fromNumber(g.points)]));
  const { weights, assumptions } = inferWeights(p.indicators, groupPoints, (n) => countedGroup(scheme, level1Of(n)));
  const evaluation: EvaluationJson = {
    title: `${p.name} 项目支出绩效自评`,
    scheme: schemeJson(scheme),
    unit: total.budget?.unit ?? "万元",
    budget: {
      budget: total.budget?.text || "0",
      executed: total.executed?.text || "0",
      ...(total.initial?.text ? { initial: total.initial.text } : {}),
      ...(total.rate ? { statedRate: total.rate.text } : {}),
      ...(total.score?.value !== undefined ? { statedScore: total.score.value } : {}),
    },
    indicators: p.indicators.map((ind, i) => indicatorJson(ind, weights[i])),
    ...(p.totalScore?.value !== undefined ? { statedTotal: p.totalScore.value } : {}),
  };
  return { title: evaluation.title!, evaluation, assumptions };
}

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
  add,
  div,
  fromInt,
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
import { BUILTIN_SCHEMES, type Level1, level1Of } from "./scheme.ts";

export interface EvaluationFromDocument {
  /** What part of the document this evaluation is (`部门整体绩效自评`, a project's name). */
  title: string;
  evaluation: EvaluationJson;
  /** How weights or other missing parts were filled in (Chinese, English). */
  assumptions: { zh: string; en: string }[];
}

/** Every self-evaluation the document holds, ready for `parseEvaluationInput` + `scoreEvaluation`. */
export function evaluationsFromDocument(doc: ImportedDocument): EvaluationFromDocument[] {
  const out: EvaluationFromDocument[] = [];
  if (doc.departmentSelfEvaluation) out.push(fromDepartment(doc.departmentSelfEvaluation));
  if (doc.departmentExpenditureEvaluation) {
    const e = fromExpenditure(doc.departmentExpenditureEvaluation);
    if (e) out.push(e);
  }
  for (const p of doc.projectSelfEvaluations) {
    const e = fromProject(p);
    if (e) out.push(e);
  }
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
): { weights: (Ratio | undefined)[]; assumptions: { zh: string; en: string }[] } {
  const rows: Row[] = indicators.map((ind) => ({
    ind,
    group: ind.level1 ? level1Of(ind.level1) : undefined,
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
      const name = indicators.find((i) => i.level1 && level1Of(i.level1) === group)?.level1 ?? group;
      assumptions.push({
        zh: `「${name}」未列各指标分值：各指标均已达成，以其得分为分值`,
        en: `"${name}" states no weight per indicator: every indicator met its target and weighs its stated score`,
      });
      continue;
    }
    const name = indicators.find((i) => i.level1 && level1Of(i.level1) === group)?.level1 ?? group;
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

function fromDepartment(d: DepartmentSelfEvaluation): EvaluationFromDocument {
  const scheme = BUILTIN_SCHEMES["department-2080"]!;
  const groupPoints = new Map<Level1, Ratio>();
  for (const g of scheme.groups) groupPoints.set(g.level1, fromInt(g.points));
  for (const s of d.sections) {
    const group = level1Of(s.level1);
    const pts = num(s.points?.value);
    if (group && pts) groupPoints.set(group, pts);
  }
  const executionPoints = num(d.budgetPoints?.value);
  const customised =
    (executionPoints !== undefined && toDecimalString(executionPoints) !== String(scheme.execution.points)) ||
    [...groupPoints].some(([g, p]) => toDecimalString(p) !== String(scheme.groups.find((x) => x.level1 === g)?.points));
  const { weights, assumptions } = inferWeights(d.indicators, groupPoints);
  const budget: Partial<FundLine> = d.budget ?? {};
  const evaluation: EvaluationJson = {
    title: `${d.year ? `${d.year} 年度` : ""}${d.organisation}部门整体绩效自评`,
    scheme: customised
      ? {
          extends: "department-2080",
          execution: { points: Number(toDecimalString(executionPoints ?? fromInt(scheme.execution.points))) },
          groups: [...groupPoints].map(([level1, p]) => ({ level1, points: Number(toDecimalString(p)) })),
        }
      : "department-2080",
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

function fromExpenditure(d: DepartmentExpenditureEvaluation): EvaluationFromDocument | undefined {
  const total = d.budgetRows.find((r) => r.category === "total") ?? d.budgetRows[0];
  if (!total || d.indicators.length === 0) return undefined;
  const scheme = BUILTIN_SCHEMES["national-project"]!;
  const present = new Set(d.indicators.map((i) => (i.level1 ? level1Of(i.level1) : undefined)));
  const groupPoints = new Map<Level1, Ratio>();
  for (const g of scheme.groups) if (present.has(g.level1)) groupPoints.set(g.level1, fromInt(g.points));
  // A missing group's points move as the scheme says (no 满意度 → 产出/效益).
  for (const [missing, moves] of Object.entries(scheme.whenMissing ?? {})) {
    if (present.has(missing as Level1)) continue;
    for (const [to, pts] of Object.entries(moves)) {
      const cur = groupPoints.get(to as Level1);
      if (cur) groupPoints.set(to as Level1, add(cur, fromInt(pts)));
    }
  }
  const { weights, assumptions } = inferWeights(d.indicators, groupPoints);
  const evaluation: EvaluationJson = {
    title: `${d.year ? `${d.year} 年度` : ""}${d.organisation}部门整体支出绩效自评`,
    scheme: "national-project",
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
    zh: "该表未列分值与得分：按全国通用项目自评方案（执行率10、产出50、效益30、满意度10）给出建议得分",
    en: "The table states no points or scores: suggested scores follow the national project scheme (10/50/30/10)",
  });
  return { title: evaluation.title!, evaluation, assumptions };
}

function fromProject(p: ProjectSelfEvaluation): EvaluationFromDocument | undefined {
  const total = p.funds[0];
  if (!total || p.indicators.length === 0) return undefined;
  const scheme = BUILTIN_SCHEMES["national-project"]!;
  const groupPoints = new Map<Level1, Ratio>(scheme.groups.map((g) => [g.level1, fromInt(g.points)]));
  const { weights, assumptions } = inferWeights(p.indicators, groupPoints);
  const evaluation: EvaluationJson = {
    title: `${p.name} 项目支出绩效自评`,
    scheme: "national-project",
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

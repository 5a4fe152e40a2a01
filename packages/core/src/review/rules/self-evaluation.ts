/**
 * Self-evaluations: missing actual values, a missed target without a deviation reason, an actual far above target
 * without an explanation, execution below the threshold without an explanation, stated scores that differ from
 * the scheme's (core's computeScores), stated totals that are not the sum of the stated scores.
 *
 * An explanation is the indicator's own 偏差原因, or a passage of the document's deviation analysis or report that
 * names the item (shares a four-character run with its name or target) and gives a reason.
 */
import type { Location } from "../../errors/domain-error.ts";
import type { ImportedDocument } from "../../model/document.ts";
import { executionRate } from "../../money/budget.ts";
import type { Fen } from "../../money/money.ts";
import { cmp, parseDecimal, toDecimalString } from "../../numbers/decimal.ts";
import { evaluationsFromDocument } from "../../scoring/from-document.ts";
import { parseEvaluationInput } from "../../scoring/input.ts";
import { computeScores, type ExactDifference } from "../../scoring/score.ts";
import { compareActual } from "../../targets/compare.ts";
import type { Comparison } from "../../targets/types.ts";
import {
  actualOf,
  explainedInText,
  fenOf,
  indicatorLocation,
  indicatorScopes,
  isBlank,
  loc,
  locateText,
  type Scope,
  targetOf,
} from "../context.ts";
import type { Rule, RuleFinding } from "../types.ts";

const COMPARISONS = new WeakMap<object, Comparison | null>();

function comparisonOf(s: Scope, i: number): Comparison | undefined {
  const ind = s.indicators[i]!;
  const cached = COMPARISONS.get(ind);
  if (cached !== undefined) return cached ?? undefined;
  const t = targetOf(ind);
  const a = actualOf(ind);
  const c = t && a ? compareActual(t, a) : undefined;
  COMPARISONS.set(ind, c ?? null);
  return c;
}

export const missingActual: Rule = {
  id: "selfeval.missing-actual",
  category: "完整性",
  severity: "warning",
  title: { zh: "自评缺少实际完成值", en: "A self-evaluation without an actual value" },
  check(doc) {
    const out: RuleFinding[] = [];
    for (const s of indicatorScopes(doc)) {
      if (!s.selfEvaluation) continue;
      s.indicators.forEach((ind, i) => {
        if (!isBlank(ind.actual?.text)) return;
        out.push({
          message: `指标「${ind.name}」没有实际完成值`,
          messageEn: `indicator "${ind.name}" has no actual value`,
          location: indicatorLocation(s, i, "actual"),
        });
      });
    }
    return out;
  },
};

export const missedWithoutReason: Rule = {
  id: "selfeval.missed-without-reason",
  category: "完整性",
  severity: "warning",
  title: { zh: "未完成目标却没有偏差原因", en: "A missed target without a deviation reason" },
  check(doc) {
    const out: RuleFinding[] = [];
    for (const s of indicatorScopes(doc)) {
      if (!s.selfEvaluation) continue;
      s.indicators.forEach((ind, i) => {
        const c = comparisonOf(s, i);
        if (c?.met !== false) return;
        if (!isBlank(ind.deviation)) return;
        if (explainedInText(doc, ind.name, ind.target?.text)) return;
        out.push({
          message: `指标「${ind.name}」未完成目标（${c.note}），没有说明偏差原因`,
          messageEn: `indicator "${ind.name}" missed its target (${c.note}) and gives no deviation reason`,
          location: indicatorLocation(s, i, "deviation"),
        });
      });
    }
    return out;
  },
};

export const farOverWithoutExplanation: Rule = {
  id: "selfeval.far-over-without-explanation",
  category: "适当性",
  severity: "warning",
  title: { zh: "完成值远超目标（≥130%）却没有说明", en: "Far above target (≥130%) without an explanation" },
  config: ["farOverRatio"],
  check(doc, config) {
    const limit = parseDecimal(config.farOverRatio);
    if (!limit) return [];
    const out: RuleFinding[] = [];
    for (const s of indicatorScopes(doc)) {
      if (!s.selfEvaluation) continue;
      s.indicators.forEach((ind, i) => {
        const c = comparisonOf(s, i);
        if (c?.ratio === undefined || !c.met) return;
        const r = parseDecimal(String(c.ratio));
        if (!r || cmp(r, limit) < 0) return;
        if (!isBlank(ind.deviation) || explainedInText(doc, ind.name)) return;
        const pct = toDecimalString({ n: r.n * 100n, d: r.d }, 1);
        out.push({
          message: `指标「${ind.name}」完成值为目标的 ${pct}%（${c.note}），未说明原因（目标是否定得过低）`,
          messageEn: `indicator "${ind.name}" reached ${pct}% of its target (${c.note}) with no explanation (was the target set too low?)`,
          location: indicatorLocation(s, i, "actual"),
          details: { computed: `${pct}%` },
        });
      });
    }
    return out;
  },
};

export interface Spending {
  name: string;
  budget?: Fen | undefined;
  executed?: Fen | undefined;
  note?: string;
  location: Location;
}

/** Budget and execution lines of the document's self-evaluations (the monitoring rules read them too). */
export function spendings(doc: ImportedDocument): Spending[] {
  const out: Spending[] = [];
  const ds = doc.departmentSelfEvaluation;
  if (ds?.budget) {
    out.push({
      name: ds.budget.label,
      budget: fenOf(ds.budget.budget),
      executed: fenOf(ds.budget.executed),
      note: ds.deviation,
      location: loc(ds.budget.location, { path: "departmentSelfEvaluation.budget" }),
    });
  }
  ds?.projects.forEach((p, i) => {
    out.push({
      name: p.name,
      budget: fenOf(p.budget),
      executed: fenOf(p.executed),
      location: locateText(doc, p.name, loc(p.location, { path: `departmentSelfEvaluation.projects[${i}]` })),
    });
  });
  const de = doc.departmentExpenditureEvaluation;
  de?.budgetRows.forEach((r, i) => {
    if (r.category !== "total" && r.category !== "basic" && r.category !== "project") return;
    out.push({
      name: r.label,
      budget: fenOf(r.budget),
      executed: fenOf(r.executed),
      note: r.note,
      location: loc(r.location, { path: `departmentExpenditureEvaluation.budgetRows[${i}]` }),
    });
  });
  doc.projectSelfEvaluations.forEach((p, i) => {
    const f = p.funds[0];
    if (!f) return;
    out.push({
      name: p.name,
      budget: fenOf(f.budget),
      executed: fenOf(f.executed),
      note: f.note,
      location: loc(f.location, { path: `projectSelfEvaluations[${i}].funds[0]` }),
    });
  });
  return out;
}

export const lowExecution: Rule = {
  id: "selfeval.low-execution",
  category: "完整性",
  severity: "warning",
  title: { zh: "预算执行率低于 90% 却没有说明", en: "Execution below 90% without an explanation" },
  config: ["executionRateMin"],
  check(doc, config) {
    const min = parseDecimal(config.executionRateMin);
    if (!min) return [];
    const out: RuleFinding[] = [];
    for (const sp of spendings(doc)) {
      if (sp.budget === undefined || sp.executed === undefined || sp.budget <= 0n) continue;
      const rate = executionRate(sp.executed, sp.budget);
      if (cmp(rate.percent, min) >= 0) continue;
      if (!isBlank(sp.note) || explainedInText(doc, sp.name)) continue;
      out.push({
        message: `「${sp.name}」预算执行率 ${rate.text}%，低于 ${config.executionRateMin}%，未说明原因`,
        messageEn: `"${sp.name}": execution rate ${rate.text}% is below ${config.executionRateMin}% with no explanation`,
        location: sp.location,
        details: { computed: `${rate.text}%` },
      });
    }
    return out;
  },
};

/** core's scoring of every self-evaluation the document holds, with the scope each maps to. */
function scored(doc: ImportedDocument): { scope: Scope; differences: ExactDifference[] }[] {
  const cached = SCORED.get(doc);
  if (cached) return cached;
  const scopes = indicatorScopes(doc).filter((s) => s.selfEvaluation);
  const out: { scope: Scope; differences: ExactDifference[] }[] = [];
  // Without a stated score there is nothing to compare: the scorer is not run.
  const stated =
    scopes.some((s) => s.indicators.some((i) => i.score !== undefined)) ||
    doc.departmentSelfEvaluation?.budget?.score !== undefined ||
    doc.projectSelfEvaluations.some((p) => p.totalScore !== undefined || p.funds.some((f) => f.score !== undefined));
  for (const e of stated ? evaluationsFromDocument(doc) : []) {
    const names = e.evaluation.indicators.map((i) => i.name).join("|");
    const scope = scopes.find((s) => s.indicators.map((i) => i.name).join("|") === names);
    if (!scope) continue;
    const input = parseEvaluationInput(e.evaluation);
    if (!input.ok) continue;
    try {
      out.push({ scope, differences: computeScores(input.value).differences });
    } catch {
      // an unusable scheme is a configuration matter, not the document's
    }
  }
  SCORED.set(doc, out);
  return out;
}

const SCORED = new WeakMap<ImportedDocument, { scope: Scope; differences: ExactDifference[] }[]>();

function budgetLocation(doc: ImportedDocument, scope: Scope): Location {
  if (scope.kind === "department-self-evaluation" && doc.departmentSelfEvaluation?.budget) {
    return loc(doc.departmentSelfEvaluation.budget.location, { path: "departmentSelfEvaluation.budget.score" });
  }
  if (scope.kind === "project-self-evaluation") {
    const p = doc.projectSelfEvaluations.find((x) => x.name === scope.name);
    if (p?.funds[0]) return loc(p.funds[0].location, { path: `${scope.path}.funds[0].score` });
  }
  return scope.location;
}

export const scoreDiffers: Rule = {
  id: "selfeval.score-differs",
  category: "评分",
  severity: "info",
  title: { zh: "自评得分与评分规则计算的得分不同", en: "A stated score differs from the scheme's score" },
  check(doc) {
    const out: RuleFinding[] = [];
    for (const { scope, differences } of scored(doc)) {
      for (const d of differences) {
        if (d.kind !== "indicator" && d.kind !== "execution-score") continue;
        const m = /^indicators\[(\d+)\]/.exec(d.path);
        const location = m ? indicatorLocation(scope, Number(m[1]), "score") : budgetLocation(doc, scope);
        out.push({
          message: d.zh,
          messageEn: d.en,
          location,
          details: {
            stated: toDecimalString(d.stated, 4),
            computed: toDecimalString(d.computed, 4),
            difference: toDecimalString(d.difference, 4),
          },
        });
      }
    }
    return out;
  },
};

export const statedTotal: Rule = {
  id: "selfeval.stated-total",
  category: "评分",
  severity: "error",
  title: { zh: "填报的合计分不等于各项自评得分之和", en: "A stated total that is not the sum of the stated scores" },
  check(doc) {
    const out: RuleFinding[] = [];
    for (const { scope, differences } of scored(doc)) {
      for (const d of differences) {
        if (d.kind !== "stated-sum") continue;
        out.push({
          message: d.zh,
          messageEn: d.en,
          location: { ...scope.location, field: d.path, path: `${scope.path}.${d.path}` },
          details: {
            stated: toDecimalString(d.stated, 4),
            computed: toDecimalString(d.computed, 4),
            difference: toDecimalString(d.difference, 4),
          },
        });
      }
    }
    // The report's headline score against the table's total.
    const ds = doc.departmentSelfEvaluation;
    const a = ds?.report?.statedScore?.value;
    const b = ds?.totalScore?.value;
    if (a !== undefined && b !== undefined && parseDecimal(a) && parseDecimal(b)) {
      if (cmp(parseDecimal(a)!, parseDecimal(b)!) !== 0) {
        out.push({
          message: `报告所述自评得分 ${a} 与自评表总分 ${b} 不一致`,
          messageEn: `the report states a score of ${a}; the table's total is ${b}`,
          location: locateText(doc, `${a}`, loc(ds!.location, { path: "departmentSelfEvaluation.report.statedScore" })),
          details: { stated: a, computed: b },
        });
      }
    }
    return out;
  },
};

export const SELF_EVALUATION_RULES: Rule[] = [
  missingActual,
  missedWithoutReason,
  farOverWithoutExplanation,
  lowExecution,
  scoreDiffers,
  statedTotal,
];

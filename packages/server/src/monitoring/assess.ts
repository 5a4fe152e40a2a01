/**
 * A monitoring record judged by core: execution to the cut-off from the project's cumulative monthly rows, the
 * traffic light with the round's thresholds, each indicator's forecast against its target, the validation problems,
 * and the year-end forecast (core's `forecastScore`, i.e. `scoreEvaluation`, under the scheme the self-evaluation
 * would be scored by). Nothing is stored: every view computes it from the rows, so it follows the latest figures.
 */
import {
  type ExecutionFigure,
  executionAtCutoff,
  type Fen,
  forecastMeetsTarget,
  forecastScore,
  formatYuan,
  type Likelihood,
  type MonitoringProblem,
  needsCorrection,
  parseEvaluationInput,
  parseThresholds,
  parseYuan,
  projectExecution,
  validateMonitoring,
  warningOf,
} from "@jixiao/core";
import type { Db } from "../db/open.ts";
import { schemeFor } from "../evaluations/scores.ts";
import type { ExecutionRow, RecordWithOrg } from "./repository.ts";
import type { MonitoringIndicatorRow } from "./schema.ts";

const yuan = (v: string | null | undefined): Fen | undefined => (v == null ? undefined : parseYuan(v));
const show = (f: Fen | undefined) => (f === undefined ? null : formatYuan(f, { grouping: false }));

export function figuresOf(rows: readonly ExecutionRow[]): ExecutionFigure[] {
  return rows.map((r) => ({
    id: r.id,
    month: r.month,
    determinedBudget: yuan(r.determinedBudget),
    initialBudget: yuan(r.initialBudget),
    adjustment: yuan(r.adjustment),
    executed: yuan(r.executed),
  }));
}

export function assessRecord(
  record: RecordWithOrg,
  rows: readonly MonitoringIndicatorRow[],
  execution: readonly ExecutionRow[],
) {
  const month = record.cutoffMonth;
  const at = executionAtCutoff(figuresOf(execution), month, yuan(record.annualFunds));
  const typed = yuan(record.projectedExecuted);
  const projected = typed ?? (at.executed === undefined ? undefined : projectExecution(at.executed, month));
  const thresholds = parseThresholds(record.yellowBehind, record.redBehind);
  const met = rows.map((r) => forecastMeetsTarget(r.targetText, r.forecast, r.unit ? { unit: r.unit } : undefined));
  const warning = warningOf({
    month,
    executionPercent: at.percent,
    thresholds,
    indicators: rows.map((r, i) => ({
      name: r.name,
      path: `indicators[${i}]`,
      likelihood: (r.likelihood ?? undefined) as Likelihood | undefined,
      forecastMet: met[i],
    })),
  });
  const fill = {
    indicators: rows.map((r, i) => ({ ...r, target: r.targetText, forecastMet: met[i] })),
    executionBehind: warning.executionLight !== undefined && warning.executionLight !== "green",
    executionReason: record.executionReason,
    executionMeasures: record.executionMeasures,
  };
  return {
    time: { month, percent: warning.time.text },
    execution: {
      month: at.month ?? null,
      sourceId: at.sourceId ?? null,
      budget: show(at.budget),
      executed: show(at.executed),
      rate: at.text ?? null,
      projected: show(projected),
      projectedBasis: typed !== undefined ? ("unit" as const) : projected !== undefined ? ("pace" as const) : null,
    },
    light: warning.light,
    executionLight: warning.executionLight ?? null,
    behind: warning.behindText ?? null,
    reasons: warning.reasons,
    indicators: rows.map((r, i) => ({
      id: r.id,
      forecastMet: met[i] ?? null,
      needsCorrection: needsCorrection(fill.indicators[i]!),
    })),
    problems: (mode: "save" | "submit"): MonitoringProblem[] => validateMonitoring(fill, mode),
    budget: at.budget,
    projectedFen: projected,
  };
}

export type Assessment = ReturnType<typeof assessRecord>;

/** The year-end forecast of a record: core's forecastScore under the scheme in force for its organisation and year. */
export async function forecastOf(
  db: Db,
  record: RecordWithOrg,
  rows: readonly MonitoringIndicatorRow[],
  a: Assessment,
) {
  const scheme = await schemeFor(db, {
    orgPath: record.orgPath,
    year: record.year,
    scheme: null,
    kind: record.kind === "department" ? "department" : "project",
  });
  const problems: { message: string; messageEn: string; path?: string }[] = [];
  if (a.budget === undefined || a.budget <= 0n) {
    problems.push({
      message: "没有全年预算数，无法预测执行率得分",
      messageEn: "No full-year budget: the execution score cannot be forecast",
      path: "execution.budget",
    });
  }
  if (a.projectedFen === undefined) {
    problems.push({
      message: "没有执行数，无法预测全年执行数",
      messageEn: "No execution figure: the full-year execution cannot be projected",
      path: "execution.executed",
    });
  }
  if (rows.length === 0) {
    problems.push({
      message: record.kind === "department" ? "部门整体绩效目标没有三级指标" : "项目没有三级指标",
      messageEn:
        record.kind === "department"
          ? "The department goal has no level-3 indicators"
          : "The project has no level-3 indicators",
      path: "indicators",
    });
  }
  // The scheme (a bureau's object or a built-in id) is read the way the self-evaluation's input is read.
  const parsed = parseEvaluationInput({
    scheme: scheme.json,
    budget: { budget: "1", executed: "0" },
    indicators: [{ level1: "产出指标", name: "-", target: "1", actual: "1", points: 1 }],
  });
  if (!parsed.ok) {
    problems.push(...parsed.problems.map((p) => ({ message: p.zh, messageEn: p.en, path: `scheme.${p.path}` })));
  }
  if (problems.length > 0 || !parsed.ok) {
    return { computable: false, scheme: { id: scheme.id, version: scheme.version }, problems, forecast: null };
  }
  const f = forecastScore({
    title: `${record.projectName} 全年预计`,
    scheme: parsed.value.scheme,
    budget: a.budget!,
    projectedExecuted: a.projectedFen!,
    indicators: rows.map((r) => ({
      level1: r.level1 ?? "",
      ...(r.level2 ? { level2: r.level2 } : {}),
      name: r.name,
      target: r.targetText ?? "",
      forecast: r.forecast,
      points: r.points,
      ...(r.unit ? { hints: { unit: r.unit } } : {}),
    })),
  });
  return {
    computable: true,
    scheme: { id: scheme.id, version: scheme.version },
    problems,
    forecast: {
      total: f.total,
      grade: f.grade ?? null,
      executionRate: f.result.executionRate ?? null,
      executionScore: f.result.executionScore ?? null,
      reasons: f.reasons.map((r) => ({
        ...r,
        index: r.index ?? null,
        indicatorId: r.index === undefined ? null : (rows[r.index]?.id ?? null),
      })),
      assumptions: f.assumptions.map((x) => ({ ...x, indicatorId: rows[x.index]?.id ?? null })),
      result: f.result,
    },
  };
}

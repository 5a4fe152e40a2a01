/**
 * A stored self-evaluation as the document the exports and publications write: the record's rows and narratives
 * (review/documents.ts) with the STORED score put in (issue 12) — per indicator its 分值 and computed 得分, the
 * execution rate and its score, the group scores, the total and grade, the stated total beside them, and how
 * points were fitted to the scheme. Nothing is scored here: what is printed is what was stored.
 */
import type { ScoreResult } from "@jixiao/core";
import type { ImportedDocument } from "@jixiao/core/model";
import type { ScoredDocument, ScoreSheet } from "@jixiao/documents";
import type { Db } from "../db/open.ts";
import { evaluationDocument } from "../review/documents.ts";
import type { EvaluationWithOrg } from "./repository.ts";
import { storedScores } from "./scores.ts";

/** A score as the forms print it: two decimals, trailing zeros kept off (`93.1`, `17.67`, `10`). */
export function scoreText(n: number | undefined | null): string {
  if (n === undefined || n === null || !Number.isFinite(n)) return "";
  return n.toFixed(2).replace(/\.?0+$/, "");
}

const num = (n: number | undefined | null) => {
  const t = scoreText(n);
  return t === "" ? undefined : { text: t, value: t };
};

/**
 * How points were fitted to the scheme, from the result: core's own lines when it gives them
 * (`normalisation.lines`), else each group whose indicator points differ from the scheme's (`产出 60→50`).
 */
export function normalisationLines(result: ScoreResult): { zh: string; en: string }[] {
  const r = result as ScoreResult & { normalisation?: { lines?: { zh: string; en: string }[] } };
  if (Array.isArray(r.normalisation?.lines)) return r.normalisation.lines;
  return result.groups
    .filter((g) => Math.abs(g.weightSum - g.points) > 1e-9)
    .map((g) => ({
      zh: `按方案折算：${g.name.replace(/指标$/, "")} ${scoreText(g.weightSum)}→${scoreText(g.points)}`,
      en: `scaled to the scheme: ${g.nameEn} ${scoreText(g.weightSum)}→${scoreText(g.points)}`,
    }));
}

/** The stored result as the forms' score rows. */
export function scoreSheetOf(result: ScoreResult, statedGrade?: string | null): ScoreSheet {
  const points = result.executionPoints + result.groups.reduce((a, g) => a + g.points, 0);
  return {
    scheme: result.scheme.name.zh,
    executionPoints: scoreText(result.executionPoints),
    executionRate: result.executionRate === undefined ? undefined : `${result.executionRate}%`,
    executionScore: scoreText(result.executionScore) || undefined,
    groups: result.groups.map((g) => ({ name: g.name, points: scoreText(g.points), score: scoreText(g.score) })),
    points: scoreText(points),
    total: scoreText(result.total),
    grade: result.grade,
    statedTotal: result.statedTotal === undefined ? undefined : scoreText(result.statedTotal),
    statedGrade: result.statedGrade ?? statedGrade ?? undefined,
    notes: normalisationLines(result).map((l) => l.zh),
  };
}

/** The record's document with its stored score in it (the exports' and publications' source). */
export async function scoredEvaluationDocument(db: Db, e: EvaluationWithOrg): Promise<ImportedDocument> {
  const { document } = await evaluationDocument(db, e);
  const { result } = await storedScores(db, e);
  if (!result) return document;
  const doc = structuredClone(document) as ScoredDocument<ImportedDocument>;
  const rate =
    result.executionRate === undefined
      ? undefined
      : { text: `${result.executionRate}%`, percent: result.executionRate };
  const overlay = (inds: ImportedDocument["projectSelfEvaluations"][number]["indicators"]) =>
    inds.map((ind, i) => {
      const r = result.indicators.find((x) => x.index === i);
      if (!r) return ind;
      const weight = num(r.points);
      const score = num(r.score);
      return { ...ind, ...(weight ? { weight } : {}), ...(score ? { score } : {}) };
    });
  const points = num(result.executionPoints);
  const execScore = num(result.executionScore);
  const total = num(result.total);
  const p = doc.projectSelfEvaluations[0];
  if (p) {
    p.indicators = overlay(p.indicators);
    p.funds = p.funds.map((f, i) =>
      i === 0
        ? {
            ...f,
            ...(points ? { weight: points } : {}),
            ...(rate ? { rate } : {}),
            ...(execScore ? { score: execScore } : {}),
          }
        : f,
    );
    if (total) p.totalScore = total;
  }
  const d = doc.departmentSelfEvaluation;
  if (d) {
    d.indicators = overlay(d.indicators);
    if (d.budget) d.budget = { ...d.budget, ...(rate ? { rate } : {}), ...(execScore ? { score: execScore } : {}) };
    if (points) d.budgetPoints = points;
    const goalPoints = num(result.groups.reduce((a, g) => a + g.points, 0));
    const goalScore = num(result.groups.reduce((a, g) => a + g.score, 0));
    if (goalPoints) d.goalPoints = { text: `${goalPoints.text}分`, value: goalPoints.value };
    if (goalScore) d.goalScore = goalScore;
    if (total) d.totalScore = total;
  }
  doc.scoreSheet = scoreSheetOf(result, e.statedGrade);
  return doc;
}

/**
 * A self-evaluation scored by core (`evaluationsFromDocument` → `parseEvaluationInput` → `scoreEvaluation`):
 * the suggested score of each item, the group sums, the total and the grade, beside the stated ones. Computed
 * when the items are saved (kept in `computed_score` / `computed_total`) and again on every read of the scores.
 */
import {
  DomainError,
  evaluationsFromDocument,
  parseEvaluationInput,
  type ScoreResult,
  scoreEvaluation,
} from "@jixiao/core";
import { eq } from "drizzle-orm";
import type { Db } from "../db/open.ts";
import { evaluationDocument } from "../review/documents.ts";
import type { EvaluationWithOrg } from "./repository.ts";
import { evaluationItems, selfEvaluations } from "./schema.ts";

export interface Scores {
  /** false when core cannot score it yet (no budget, no items…): `problems` say why. */
  computable: boolean;
  result: ScoreResult | null;
  assumptions: { zh: string; en: string }[];
  problems: { message: string; messageEn: string; path?: string }[];
  /** The stored item ids in the order of `result.indicators`. */
  itemIds: string[];
}

export async function scoresOf(db: Db, e: EvaluationWithOrg): Promise<Scores> {
  const { document, rowRecords } = await evaluationDocument(db, e);
  const itemIds = [...rowRecords.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r.id);
  const found = evaluationsFromDocument(document)[0];
  if (!found) {
    return {
      computable: false,
      result: null,
      assumptions: [],
      problems: [{ message: "没有可评分的内容", messageEn: "Nothing to score" }],
      itemIds,
    };
  }
  const input = parseEvaluationInput(found.evaluation);
  if (!input.ok) {
    return {
      computable: false,
      result: null,
      assumptions: found.assumptions,
      problems: input.problems.map((p) => ({ message: p.zh, messageEn: p.en, ...(p.path ? { path: p.path } : {}) })),
      itemIds,
    };
  }
  try {
    return {
      computable: true,
      result: scoreEvaluation(input.value),
      assumptions: found.assumptions,
      problems: [],
      itemIds,
    };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return {
      computable: false,
      result: null,
      assumptions: found.assumptions,
      problems: [{ message: err.text.zh, messageEn: err.text.en }],
      itemIds,
    };
  }
}

const fixed = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? null : n.toFixed(4));

/** Store the suggested scores and total beside the stated ones (inside the caller's transaction). */
export async function storeComputedScores(db: Db, e: EvaluationWithOrg): Promise<Scores> {
  const s = await scoresOf(db, e);
  const byIndex = new Map(s.result?.indicators.map((r) => [r.index, r.score]) ?? []);
  for (const [i, id] of s.itemIds.entries()) {
    await db
      .update(evaluationItems)
      .set({ computedScore: fixed(byIndex.get(i)) })
      .where(eq(evaluationItems.id, id));
  }
  await db
    .update(selfEvaluations)
    .set({ computedTotal: s.result ? fixed(s.result.total) : null })
    .where(eq(selfEvaluations.id, e.id));
  return s;
}

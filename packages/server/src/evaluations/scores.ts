/**
 * One scoring truth (issue 12). A self-evaluation is scored by core's `scoreEvaluation` — the function the CLI
 * (`jixiao score`) calls — on an input built from the stored record: its indicator rows as typed, its budget, its
 * stated figures, and the scheme in force for its organisation and year (a finance bureau's own scheme for the
 * subtree, else the record's built-in scheme). The result is stored exactly as core returned it, beside that input
 * and the scheme's id and version, every time the record is saved or submitted. Every other view (the score API,
 * the dashboard, roll-ups, exports, publications) reads that stored result and never scores again.
 */
import {
  BUILTIN_SCHEMES,
  DomainError,
  decimal,
  type EvaluationJson,
  inferWeights,
  type Level1,
  level1Of,
  parseEvaluationInput,
  type Ratio,
  type ScoreResult,
  scoreEvaluation,
} from "@jixiao/core";
import type { Indicator } from "@jixiao/core/model";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/open.ts";
import { organisations } from "../orgs/schema.ts";
import { type EvaluationItemRow, type EvaluationWithOrg, itemsOf } from "./repository.ts";
import { evaluationItems, scoringSchemes, selfEvaluations } from "./schema.ts";

export interface Scores {
  /** false when core cannot score it yet (no budget, no items…): `problems` say why. */
  computable: boolean;
  /** core's `ScoreResult`, exactly as `scoreEvaluation` returned it (JSON). */
  result: ScoreResult | null;
  assumptions: { zh: string; en: string }[];
  problems: { message: string; messageEn: string; path?: string }[];
  /** The stored item ids in the order of `result.indicators`. */
  itemIds: string[];
  /** The scheme used: its id, and its version (0 for a scheme built into core). */
  scheme: { id: string; version: number; orgId: string | null } | null;
  /** The input given to `scoreEvaluation` (the JSON of docs/score-input.md): the CLI scores it the same. */
  input: EvaluationJson | null;
  /** When the stored result was computed; null when it was computed now and not stored (an old record). */
  scoredAt: string | null;
}

/** The scheme in force: a scheme object (a finance bureau's) or a built-in id, with its version. */
export interface SchemeChoice {
  json: EvaluationJson["scheme"];
  id: string;
  version: number;
  /** The organisation that defined it (null: built into core). */
  orgId: string | null;
}

/** The nearest scheme defined above (or at) the organisation for the year, newest version; else the built-in one. */
export async function schemeFor(
  db: Db,
  e: Pick<EvaluationWithOrg, "orgPath" | "year" | "scheme" | "kind">,
): Promise<SchemeChoice> {
  const rows = await db
    .select({ s: scoringSchemes, path: organisations.path })
    .from(scoringSchemes)
    .innerJoin(organisations, eq(organisations.id, scoringSchemes.orgId))
    .where(and(eq(scoringSchemes.year, e.year), sql`starts_with(${e.orgPath}, ${organisations.path})`))
    .orderBy(desc(sql`length(${organisations.path})`), desc(scoringSchemes.version))
    .limit(1);
  const found = rows[0];
  if (found) {
    return {
      json: found.s.definition as EvaluationJson["scheme"],
      id: found.s.schemeId,
      version: found.s.version,
      orgId: found.s.orgId,
    };
  }
  const id =
    e.scheme && BUILTIN_SCHEMES[e.scheme] ? e.scheme : e.kind === "department" ? "department-2080" : "national-project";
  return { json: id as "national-project", id, version: 0, orgId: null };
}

/** "10.0000" → "10" (numeric columns come back with their scale). */
const trim = (v: string | null | undefined): string | undefined =>
  v === null || v === undefined ? undefined : v.includes(".") ? v.replace(/0+$/, "").replace(/\.$/, "") : v;

/** 元 text (2 decimals) as 万元 text, exact (at most 6 decimals). */
export function yuanToWan(yuan: string): string {
  const neg = yuan.trim().startsWith("-");
  const [w, f = ""] = yuan.trim().replace("-", "").split(".") as [string, string?];
  const fen = BigInt(w || "0") * 100n + BigInt(`${f}00`.slice(0, 2));
  const whole = fen / 1_000_000n;
  const frac = (fen % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return `${neg && fen !== 0n ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`;
}

/** The group points the scheme gives (for inferring missing per-indicator weights). */
function groupPointsOf(scheme: SchemeChoice): Map<Level1, Ratio> {
  const s =
    typeof scheme.json === "string"
      ? BUILTIN_SCHEMES[scheme.json]
      : { ...BUILTIN_SCHEMES[scheme.json.extends ?? "national-project"], ...scheme.json };
  const out = new Map<Level1, Ratio>();
  for (const g of (s?.groups ?? []) as { level1: string; points: number }[]) {
    const l = level1Of(g.level1) ?? (g.level1 as Level1);
    out.set(l, decimal.fromNumber(g.points));
  }
  return out;
}

/** The input core scores: the record's rows and figures as stored, under the scheme in force. */
export function inputOf(
  e: EvaluationWithOrg,
  items: EvaluationItemRow[],
  scheme: SchemeChoice,
): { input: EvaluationJson; assumptions: { zh: string; en: string }[] } {
  let assumptions: { zh: string; en: string }[] = [];
  let weights: (string | undefined)[] = items.map((it) => trim(it.points));
  if (weights.some((w) => w === undefined)) {
    // Rows without 分值 (an imported record): core infers them as it does for a document (from-document.ts).
    const inds: Indicator[] = items.map((it, i) => ({
      name: it.name,
      location: { file: `evaluation/${e.id}`, table: 1, row: i + 1 },
      ...(it.level1 ? { level1: it.level1 } : {}),
      ...(it.targetText !== null ? { target: { text: it.targetText } } : {}),
      ...(it.actualText !== null ? { actual: { text: it.actualText } } : {}),
      ...(trim(it.points) ? { weight: { text: trim(it.points)!, value: trim(it.points)! } } : {}),
      ...(trim(it.statedScore) ? { score: { text: trim(it.statedScore)!, value: trim(it.statedScore)! } } : {}),
    }));
    const inferred = inferWeights(inds, groupPointsOf(scheme));
    assumptions = inferred.assumptions;
    weights = inferred.weights.map((w, i) => (w === undefined ? weights[i] : decimal.toDecimalString(w, 4)));
  }
  const title =
    e.kind === "project" ? `${e.projectName ?? "项目"} 项目支出绩效自评` : `${e.year} 年度${e.orgName}部门整体绩效自评`;
  const input: EvaluationJson = {
    title,
    scheme: scheme.json,
    unit: "万元",
    budget: {
      budget: e.fullYearBudget === null ? "0" : yuanToWan(e.fullYearBudget),
      executed: e.executed === null ? "0" : yuanToWan(e.executed),
      ...(e.initialBudget !== null ? { initial: yuanToWan(e.initialBudget) } : {}),
    },
    indicators: items.map((it, i) => ({
      level1: it.level1 ?? "",
      ...(it.level2 ? { level2: it.level2 } : {}),
      name: it.name,
      target: it.targetText ?? "",
      actual: it.actualText ?? "",
      points: weights[i] ?? "0",
      ...(trim(it.statedScore) !== undefined ? { statedScore: trim(it.statedScore)! } : {}),
      ...(it.overrideReason ? { overrideReason: it.overrideReason } : {}),
      ...(it.deviationReason ? { deviationReason: it.deviationReason } : {}),
    })),
    ...(trim(e.statedTotal) !== undefined ? { statedTotal: trim(e.statedTotal)! } : {}),
  };
  return { input, assumptions };
}

/** JSON as stored (undefined dropped): what is stored is what every reader gets back. */
const asJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Score the record now with core (nothing stored). */
export async function computeScores(db: Db, e: EvaluationWithOrg): Promise<Scores> {
  const items = await itemsOf(db, e.id);
  const itemIds = items.map((i) => i.id);
  const scheme = await schemeFor(db, e);
  const base = { itemIds, scheme: { id: scheme.id, version: scheme.version, orgId: scheme.orgId }, scoredAt: null };
  if (items.length === 0) {
    return {
      ...base,
      computable: false,
      result: null,
      assumptions: [],
      problems: [{ message: "没有可评分的指标行", messageEn: "No indicator rows to score", path: "items" }],
      input: null,
    };
  }
  // Nothing entered yet (no actual value, no score): scoring the empty rows would give 0 and 差, which is no result
  // — the record stays 未评分 (its list row, the roll-ups and the page alike) until something is entered.
  if (!items.some((it) => (it.actualText ?? "").trim() !== "" || trim(it.statedScore) !== undefined)) {
    return {
      ...base,
      computable: false,
      result: null,
      assumptions: [],
      problems: [
        {
          message: "尚未填报实际完成值或得分，未评分",
          messageEn: "No actual value or score entered yet: not scored",
          path: "items",
        },
      ],
      input: null,
    };
  }
  const { input, assumptions } = inputOf(e, items, scheme);
  const parsed = parseEvaluationInput(input);
  if (!parsed.ok) {
    return {
      ...base,
      computable: false,
      result: null,
      assumptions,
      problems: parsed.problems.map((p) => ({ message: p.zh, messageEn: p.en, ...(p.path ? { path: p.path } : {}) })),
      input,
    };
  }
  try {
    return {
      ...base,
      computable: true,
      result: asJson(scoreEvaluation(parsed.value)),
      assumptions,
      problems: [],
      input,
    };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return {
      ...base,
      computable: false,
      result: null,
      assumptions,
      problems: [
        { message: err.text.zh, messageEn: err.text.en, ...(err.location?.path ? { path: err.location.path } : {}) },
      ],
      input,
    };
  }
}

const fixed = (n: number | undefined | null) =>
  n === undefined || n === null || !Number.isFinite(n) ? null : n.toFixed(4);

/** What is kept beside the result (the score API shows it again). */
interface StoredExtras {
  computable: boolean;
  assumptions: Scores["assumptions"];
  problems: Scores["problems"];
  itemIds: string[];
  schemeOrgId: string | null;
}

/**
 * Score the record with core and store exactly the result, its input and the scheme (inside the caller's
 * transaction): the item scores and the total columns too, so that SQL roll-ups read the same figures.
 */
export async function storeComputedScores(db: Db, e: EvaluationWithOrg, now: Date = new Date()): Promise<Scores> {
  const s = await computeScores(db, e);
  const byIndex = new Map(s.result?.indicators.map((r) => [r.index, r.score]) ?? []);
  for (const [i, id] of s.itemIds.entries()) {
    await db
      .update(evaluationItems)
      .set({ computedScore: fixed(byIndex.get(i)) })
      .where(eq(evaluationItems.id, id));
  }
  const extras: StoredExtras = {
    computable: s.computable,
    assumptions: s.assumptions,
    problems: s.problems,
    itemIds: s.itemIds,
    schemeOrgId: s.scheme?.orgId ?? null,
  };
  await db
    .update(selfEvaluations)
    .set({
      computedTotal: s.result ? fixed(s.result.total) : null,
      scoreResult: s.result,
      scoreNotes: extras,
      scoreInput: s.input,
      scoreSchemeId: s.scheme?.id ?? null,
      scoreSchemeVersion: s.scheme?.version ?? null,
      scoredAt: now,
    })
    .where(eq(selfEvaluations.id, e.id));
  return { ...s, scoredAt: now.toISOString() };
}

/** The stored result of a record (what every view shows); computed now, not stored, for a record never scored. */
export async function storedScores(db: Db, e: EvaluationWithOrg): Promise<Scores> {
  if (!e.scoredAt) return computeScores(db, e);
  const result = (e.scoreResult as ScoreResult | null) ?? null;
  const extras: StoredExtras = (e.scoreNotes as StoredExtras | null) ?? {
    computable: result !== null,
    assumptions: [],
    problems: [],
    itemIds: (await itemsOf(db, e.id)).map((i) => i.id),
    schemeOrgId: null,
  };
  return {
    computable: extras.computable && result !== null,
    result,
    assumptions: extras.assumptions,
    problems: extras.problems,
    itemIds: extras.itemIds,
    scheme: e.scoreSchemeId
      ? { id: e.scoreSchemeId, version: e.scoreSchemeVersion ?? 0, orgId: extras.schemeOrgId }
      : null,
    input: (e.scoreInput as EvaluationJson | null) ?? null,
    scoredAt: e.scoredAt.toISOString(),
  };
}

/** The score figures every summary shows (the dashboard, roll-ups, the public list), from a stored result. */
export function headline(result: unknown): { total: number; grade: string | null } | null {
  if (!result || typeof result !== "object" || !("total" in result)) return null;
  const r = result as { total: unknown; grade?: unknown };
  if (typeof r.total !== "number") return null;
  return { total: r.total, grade: typeof r.grade === "string" ? r.grade : null };
}

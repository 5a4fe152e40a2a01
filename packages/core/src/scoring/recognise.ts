/**
 * Which scoring scheme a self-evaluation document follows, with the reasons and a confidence — so that
 * `jixiao score <document>` scores a Sichuan, Chongqing or Ningxia document with its own scheme.
 *
 * The signals, each weighed for every candidate scheme (built-ins, or the caller's own list):
 * - the document's kind against the kinds the scheme scores (`recognition.kinds`): +1, else −2;
 * - the level-1 groups: a group the scheme neither scores nor folds −3 (决策 under the national scheme); the
 *   scheme's own unusual groups present (决策, 管理（过程）) +3;
 * - column headers and labels (`recognition.headers`: 权重, 得分系数, 执行率权重…), found among the headers the
 *   caller read from the source tables or in the document's unread rows: +2 each;
 * - the 预算执行率 points as stated (20 × 执行率, 执行率分值 10): +2 when they are the scheme's, −1 when not;
 * - the indicator points: Σ = the scheme's indicator total (90 vs 100) +1; each group's sum its points +2 (or the
 *   department table's stated section points, 产出 40 / 效益 30 / 满意度 10).
 *
 * Confidence: 0.5 + 0.1 per point of the best score (at most 0.95), at most 0.5 when another scheme scores as
 * well, 0.3 when nothing speaks for the best (score ≤ 0). Ties go to the earlier scheme in the list.
 */
import type { LocalizedText } from "../errors/domain-error.ts";
import type { FundLine, ImportedDocument, Indicator } from "../model/document.ts";
import { add, cmp, div, fromNumber, min, parseDecimal, type Ratio, toDecimalString, ZERO } from "../numbers/decimal.ts";
import {
  BUILTIN_SCHEMES,
  countedGroup,
  indicatorTotalOf,
  LEVEL1_NAMES,
  type Level1,
  level1Of,
  level1Short,
  NATIONAL_PROJECT_SCHEME,
  type ScoringScheme,
} from "./scheme.ts";

/** The part of a document a scheme is recognised for. */
export type SelfEvaluationPart =
  | {
      kind: "department-self-evaluation";
      indicators: Indicator[];
      executionPoints?: Ratio;
      sectionPoints?: Map<Level1, Ratio>;
    }
  | { kind: "department-expenditure-self-evaluation"; indicators: Indicator[]; executionPoints?: Ratio }
  | { kind: "project-self-evaluation"; indicators: Indicator[]; executionPoints?: Ratio };

export interface SchemeEvidence {
  /** Header and label texts read from the source tables (the CLI passes every short cell text). */
  headers?: readonly string[];
}

export interface SchemeRecognition {
  scheme: ScoringScheme;
  /** 0–1. */
  confidence: number;
  /** Why, in zh and en (the best scheme's signals). */
  reasons: LocalizedText[];
  /** Every candidate's score, best first. */
  candidates: { id: string; score: number }[];
}

const norm = (s: string) =>
  s
    .normalize("NFKC")
    .replace(/[\s\u3000]+/g, "")
    .replace(/[(（][^)）]*[)）]/g, "");

function num(v: { value?: string } | undefined): Ratio | undefined {
  return v?.value === undefined ? undefined : parseDecimal(v.value);
}

/**
 * The points a funds line gives the execution rate: its 分值 / 权重, else — a form with a 得分 column only — its
 * stated score over the rate (capped at 100 %), when that is a whole number (20 at 100 %, 18 at 90 % → 20).
 */
function executionPointsOf(line: FundLine | undefined): Ratio | undefined {
  const weight = num(line?.weight);
  if (weight || !line) return weight;
  const score = num(line.score);
  const percent = line.rate?.percent === undefined ? undefined : parseDecimal(line.rate.percent);
  if (!score || !percent || cmp(percent, ZERO) <= 0) return undefined;
  const points = div(score, min(div(percent, fromNumber(100)), fromNumber(1)));
  return points.d === 1n && cmp(points, ZERO) > 0 && cmp(points, fromNumber(100)) <= 0 ? points : undefined;
}

/** The self-evaluation parts of a document, in the order `evaluationsFromDocument` scores them. */
export function selfEvaluationParts(doc: ImportedDocument): SelfEvaluationPart[] {
  const out: SelfEvaluationPart[] = [];
  const d = doc.departmentSelfEvaluation;
  if (d) {
    const sectionPoints = new Map<Level1, Ratio>();
    for (const s of d.sections) {
      const g = level1Of(s.level1);
      const p = num(s.points);
      if (g && p) sectionPoints.set(g, p);
    }
    const executionPoints = num(d.budgetPoints) ?? num(d.budget?.weight);
    out.push({
      kind: "department-self-evaluation",
      indicators: d.indicators,
      ...(executionPoints ? { executionPoints } : {}),
      ...(sectionPoints.size ? { sectionPoints } : {}),
    });
  }
  const x = doc.departmentExpenditureEvaluation;
  if (x) {
    const total = x.budgetRows.find((r) => r.category === "total") ?? x.budgetRows[0];
    const executionPoints = num(total?.weight);
    out.push({
      kind: "department-expenditure-self-evaluation",
      indicators: x.indicators,
      ...(executionPoints ? { executionPoints } : {}),
    });
  }
  for (const p of doc.projectSelfEvaluations) {
    const executionPoints = executionPointsOf(p.funds[0]);
    out.push({
      kind: "project-self-evaluation",
      indicators: p.indicators,
      ...(executionPoints ? { executionPoints } : {}),
    });
  }
  return out;
}

const KIND_ZH: Record<SelfEvaluationPart["kind"], string> = {
  "department-self-evaluation": "部门整体绩效自评表",
  "department-expenditure-self-evaluation": "部门整体支出绩效自评表",
  "project-self-evaluation": "项目支出绩效自评表",
};

const d = (r: Ratio) => toDecimalString(r, 4);

function weigh(
  scheme: ScoringScheme,
  part: SelfEvaluationPart,
  headers: ReadonlySet<string>,
): { score: number; reasons: LocalizedText[] } {
  let score = 0;
  const reasons: LocalizedText[] = [];
  const say = (points: number, zh: string, en: string) => {
    score += points;
    if (points > 0) reasons.push({ zh, en });
  };
  const kinds = scheme.recognition?.kinds;
  if (kinds?.includes(part.kind)) say(1, `${KIND_ZH[part.kind]}`, `a ${part.kind.replace(/-/g, " ")}`);
  else if (kinds) say(-2, "", "");

  const groups = new Set<Level1>();
  for (const ind of part.indicators) {
    const g = ind.level1 ? level1Of(ind.level1) : undefined;
    if (g) groups.add(g);
  }
  for (const g of groups) {
    if (countedGroup(scheme, g) === undefined) say(-3, "", "");
  }
  const unusual = [...groups].filter(
    (g) => (g === "decision" || g === "process") && scheme.groups.some((x) => x.level1 === g),
  );
  if (unusual.length > 0) {
    const names = unusual.map((g) => level1Short(g));
    say(
      3,
      `一级指标有 ${names.map((n) => n.zh).join("、")}`,
      `level-1 groups include ${names.map((n) => n.en).join(", ")}`,
    );
  }

  for (const h of scheme.recognition?.headers ?? []) {
    if (headers.has(norm(h))) say(2, `有「${h}」列`, `a "${h}" column`);
  }

  const execution = fromNumber(scheme.execution.points);
  if (part.executionPoints) {
    if (cmp(part.executionPoints, execution) === 0) {
      say(
        2,
        `预算执行率 ${d(execution)} 分（${d(execution)} × 执行率）`,
        `the execution rate weighs ${d(execution)} (${d(execution)} × rate)`,
      );
    } else say(-1, "", "");
  }

  const weights = part.indicators.map((i) => num(i.weight));
  if (part.indicators.length > 0 && weights.every((w) => w !== undefined)) {
    const total = weights.reduce<Ratio>((a, w) => add(a, w!), ZERO);
    const target = indicatorTotalOf(scheme);
    if (cmp(total, target) === 0) say(1, `指标分值合计 ${d(total)}`, `the indicator points add up to ${d(total)}`);
    const sums = new Map<Level1, Ratio>();
    part.indicators.forEach((ind, i) => {
      const g = countedGroup(scheme, ind.level1 ? level1Of(ind.level1) : undefined);
      if (g) sums.set(g, add(sums.get(g) ?? ZERO, weights[i]!));
    });
    const fixedGroups = scheme.pointsRule !== "scale-to-total";
    if (
      fixedGroups &&
      scheme.groups.every((g) => sums.get(g.level1) && cmp(sums.get(g.level1)!, fromNumber(g.points)) === 0)
    ) {
      say(2, `各一级指标分值为 ${groupText(scheme, "zh")}`, `the level-1 points are ${groupText(scheme, "en")}`);
    }
  } else if (part.kind === "department-self-evaluation" && part.sectionPoints) {
    // The points the table states per 一级指标 (seed 002 states 产出 40 and 满意度 10, not 效益).
    const stated = [...part.sectionPoints].filter(([g]) => countedGroup(scheme, g) !== undefined || g !== "cost");
    const same = stated.filter(([g, p]) => {
      const x = scheme.groups.find((y) => y.level1 === g);
      return x !== undefined && cmp(p, fromNumber(x.points)) === 0;
    });
    if (same.length > 0 && same.length === stated.length) {
      const text = (lang: "zh" | "en") =>
        same
          .map(([g, p]) => `${lang === "zh" ? level1Short(g).zh : LEVEL1_NAMES[g].en} ${d(p)}`)
          .join(lang === "zh" ? "、" : ", ");
      say(2, `表中一级指标分值 ${text("zh")} 与方案相同`, `the table's level-1 points ${text("en")} are the scheme's`);
    } else if (stated.length > 0) say(-1, "", "");
  }
  return { score, reasons };
}

function groupText(s: ScoringScheme, lang: "zh" | "en"): string {
  return s.groups
    .map((g) => `${lang === "zh" ? level1Short(g.level1).zh : LEVEL1_NAMES[g.level1].en} ${g.points}`)
    .join(lang === "zh" ? "、" : ", ");
}

/** Headers the document itself still holds (rows no recogniser took, paragraphs), normalised. */
function documentHeaders(doc: ImportedDocument, evidence: SchemeEvidence | undefined): Set<string> {
  const out = new Set<string>();
  for (const h of evidence?.headers ?? []) out.add(norm(h));
  for (const u of doc.unmapped) for (const cell of u.text.split(/[\t|]+|\s{2,}/)) out.add(norm(cell));
  return out;
}

/**
 * The scheme a self-evaluation part follows (the first part of the document by default), with reasons and a
 * confidence. `schemes` defaults to the built-ins; a caller may pass a bureau's own schemes as well.
 */
export function recogniseScheme(
  doc: ImportedDocument,
  evidence?: SchemeEvidence,
  options: { part?: SelfEvaluationPart; schemes?: readonly ScoringScheme[] } = {},
): SchemeRecognition {
  const part = options.part ?? selfEvaluationParts(doc)[0];
  const schemes = options.schemes ?? Object.values(BUILTIN_SCHEMES);
  if (!part || schemes.length === 0) {
    return {
      scheme: schemes[0] ?? NATIONAL_PROJECT_SCHEME,
      confidence: 0,
      reasons: [{ zh: "文档中没有自评表", en: "the document holds no self-evaluation" }],
      candidates: [],
    };
  }
  const headers = documentHeaders(doc, evidence);
  const weighed = schemes.map((s, i) => ({ s, i, ...weigh(s, part, headers) }));
  const ranked = [...weighed].sort((a, b) => b.score - a.score || a.i - b.i);
  const best = ranked[0]!;
  const second = ranked[1];
  let confidence = best.score <= 0 ? 0.3 : Math.min(0.95, 0.5 + 0.1 * best.score);
  if (second && second.score === best.score) confidence = Math.min(confidence, 0.5);
  const reasons = best.reasons.length
    ? best.reasons
    : [{ zh: "没有更具体的线索，按默认方案", en: "nothing more specific: the default scheme" }];
  return {
    scheme: best.s,
    confidence: Math.round(confidence * 100) / 100,
    reasons,
    candidates: ranked.map((r) => ({ id: r.s.id, score: r.score })),
  };
}

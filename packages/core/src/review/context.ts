/**
 * What every rule needs from a document, computed once per document: the places indicators live ("scopes": a
 * duty, an activity, a project, a self-evaluation) with their budget, narrative and path; amounts as fen; the
 * review year; the texts that may explain a deviation; and the comparison of two amounts with a rounding tolerance.
 */
import type { Location } from "../errors/domain-error.ts";
import type { Amount, ImportedDocument, ImportLocation, Indicator } from "../model/document.ts";
import { type Fen, formatAmount, type MoneyUnit } from "../money/money.ts";
import { parseDecimal, type Ratio } from "../numbers/decimal.ts";
import { parseTarget } from "../targets/parse.ts";
import type { TargetValue } from "../targets/types.ts";
import type { FindingDetails, ReviewConfig, Severity } from "./types.ts";

export type ScopeKind =
  | "duty"
  | "activity"
  | "project"
  | "project-self-evaluation"
  | "department-self-evaluation"
  | "department-expenditure-self-evaluation";

export interface Narrative {
  text: string;
  field: string;
  location: Location;
}

/** A set of indicators with what they belong to. */
export interface Scope {
  kind: ScopeKind;
  name: string;
  /** Path into the document (`projects[2]`). */
  path: string;
  location: Location;
  indicators: Indicator[];
  /** The budget the indicators are funded by, when stated. */
  budget?: { fen: Fen; unit: MoneyUnit; text: string };
  /** Goal / purpose texts. */
  narratives: Narrative[];
  /** Indicators carry actual values (a self-evaluation). */
  selfEvaluation: boolean;
  /** The layout has 一级指标 (goal tables and self-evaluations; duty tables have none). */
  hasLevel1: boolean;
  /** The group duplicates are looked for in (a duty with its activities, a project, an evaluation). */
  duplicateGroup: string;
}

export function loc(l: ImportLocation | Location | undefined, extra: Partial<Location> = {}): Location {
  const out: Location = {};
  if (l) {
    for (const [k, v] of Object.entries(l)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

export function fenOf(a: Amount | undefined): Fen | undefined {
  return a?.fen === undefined ? undefined : (BigInt(a.fen) as Fen);
}

export function budgetOf(a: Amount | undefined): Scope["budget"] {
  const f = fenOf(a);
  return f === undefined || !a ? undefined : { fen: f, unit: a.unit, text: a.text };
}

export function indicatorScopes(doc: ImportedDocument): Scope[] {
  const cached = SCOPES.get(doc);
  if (cached) return cached;
  const out: Scope[] = [];
  doc.dutyGoals.forEach((t, ti) => {
    t.duties.forEach((d, di) => {
      const path = `dutyGoals[${ti}].duties[${di}]`;
      const narr = (goal: string | undefined, l: ImportLocation): Narrative[] =>
        goal ? [{ text: goal, field: "goal", location: loc(l, { field: "goal" }) }] : [];
      out.push({
        kind: "duty",
        name: d.name,
        path,
        location: loc(d.location, { path }),
        indicators: d.indicators,
        budget: budgetOf(d.budget),
        narratives: narr(d.goal, d.location),
        selfEvaluation: false,
        hasLevel1: false,
        duplicateGroup: path,
      });
      d.activities.forEach((a, ai) => {
        const ap = `${path}.activities[${ai}]`;
        out.push({
          kind: "activity",
          name: a.name,
          path: ap,
          location: loc(a.location, { path: ap }),
          indicators: a.indicators,
          budget: budgetOf(a.budget),
          narratives: narr(a.goal, a.location),
          selfEvaluation: false,
          hasLevel1: false,
          duplicateGroup: path,
        });
      });
    });
  });
  doc.projects.forEach((p, pi) => {
    const path = `projects[${pi}]`;
    const narratives: Narrative[] = [];
    if (p.goal) narratives.push({ text: p.goal, field: "goal", location: loc(p.location, { field: "goal", path }) });
    if (p.purpose && p.purpose !== p.goal)
      narratives.push({ text: p.purpose, field: "purpose", location: loc(p.location, { field: "purpose", path }) });
    out.push({
      kind: "project",
      name: p.name,
      path,
      location: loc(p.location, { path }),
      indicators: p.indicators,
      budget: budgetOf(p.budget),
      narratives,
      selfEvaluation: false,
      hasLevel1: p.indicators.some((i) => i.level1 !== undefined),
      duplicateGroup: path,
    });
  });
  doc.projectSelfEvaluations.forEach((p, pi) => {
    const path = `projectSelfEvaluations[${pi}]`;
    const total = p.funds[0];
    out.push({
      kind: "project-self-evaluation",
      name: p.name,
      path,
      location: loc(p.location, { path }),
      indicators: p.indicators,
      budget: budgetOf(total?.budget),
      narratives: p.expectedGoal
        ? [{ text: p.expectedGoal, field: "expectedGoal", location: loc(p.location, { path }) }]
        : [],
      selfEvaluation: true,
      hasLevel1: p.indicators.some((i) => i.level1 !== undefined),
      duplicateGroup: path,
    });
  });
  const ds = doc.departmentSelfEvaluation;
  if (ds) {
    const path = "departmentSelfEvaluation";
    out.push({
      kind: "department-self-evaluation",
      name: ds.organisation,
      path,
      location: loc(ds.location, { path }),
      indicators: ds.indicators,
      budget: budgetOf(ds.budget?.budget),
      narratives: [],
      selfEvaluation: true,
      hasLevel1: ds.indicators.some((i) => i.level1 !== undefined),
      duplicateGroup: path,
    });
  }
  const de = doc.departmentExpenditureEvaluation;
  if (de) {
    const path = "departmentExpenditureEvaluation";
    const total = de.budgetRows.find((r) => r.category === "total");
    out.push({
      kind: "department-expenditure-self-evaluation",
      name: de.organisation,
      path,
      location: loc(de.location, { path }),
      indicators: de.indicators,
      budget: budgetOf(total?.budget),
      narratives: de.goal
        ? [{ text: de.goal, field: "goal", location: loc(de.location, { field: "goal", path }) }]
        : [],
      selfEvaluation: true,
      hasLevel1: de.indicators.some((i) => i.level1 !== undefined),
      duplicateGroup: path,
    });
  }
  SCOPES.set(doc, out);
  return out;
}

const SCOPES = new WeakMap<ImportedDocument, Scope[]>();

/** The location of an indicator with its path and, optionally, the field concerned. */
export function indicatorLocation(scope: Scope, index: number, field?: string): Location {
  const ind = scope.indicators[index];
  const at = loc(ind?.location, { path: `${scope.path}.indicators[${index}]${field ? `.${field}` : ""}`, field });
  // The indicator's column is its name's; another field's column is not known, so only the field is named.
  if (field && field !== "name") delete at.column;
  return at;
}

/** The indicator's target as core reads it (the importer's reading when present). */
export function targetOf(ind: Indicator): TargetValue | undefined {
  if (!ind.target || ind.target.text.trim() === "") return undefined;
  return (ind.target.parsed as TargetValue | undefined) ?? parseTarget(ind.target.text, hints(ind));
}

export function actualOf(ind: Indicator): TargetValue | undefined {
  if (!ind.actual || ind.actual.text.trim() === "") return undefined;
  return (ind.actual.parsed as TargetValue | undefined) ?? parseTarget(ind.actual.text, hints(ind));
}

function hints(ind: Indicator): { unit?: string } {
  return ind.unit ? { unit: ind.unit } : {};
}

export function isBlank(s: string | undefined): boolean {
  return s === undefined || s.replace(/[\s\u3000]+/g, "") === "";
}

/** The year under review: the config's, else the document's own (stated year, or the year its titles name). */
export function reviewYear(doc: ImportedDocument, config: ReviewConfig): number | undefined {
  if (config.year !== undefined) return config.year;
  const stated =
    doc.disclosure?.year ?? doc.departmentSelfEvaluation?.year ?? doc.departmentExpenditureEvaluation?.year;
  if (stated !== undefined) return stated;
  const texts = [doc.title ?? "", ...doc.projects.flatMap((p) => [p.title ?? "", p.name])];
  for (const t of texts) {
    const m = /(20\d{2})\s*年度?/.exec(t);
    if (m) return Number(m[1]);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Explanations

const PUNCT = /[\s\u3000，,。.、；;：:“”"'‘’（）()《》<>/\\\-—]+/g;

export function squash(s: string): string {
  return s.replace(/<[^>]+>/g, "").replace(PUNCT, "");
}

/** Runs of four Chinese characters (or more) from a name: what a text must repeat to be about it. */
export function keyGrams(...names: (string | undefined)[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    for (const run of squash(name).match(/[\u4e00-\u9fff]{4,}/g) ?? []) {
      for (let i = 0; i + 4 <= run.length; i++) out.add(run.slice(i, i + 4));
    }
  }
  return [...out];
}

const REASON = /原因|由于|因为|受.{0,12}影响|未达|未完成|未开展|未实施|未招录|不足|偏差|偏离|超额|超量|改进/;

/** Texts of the document that may explain something: deviation analyses, notes, the report's paragraphs. */
export function explanationTexts(doc: ImportedDocument): string[] {
  const cached = EXPLANATIONS.get(doc);
  if (cached) return cached;
  const texts: string[] = [];
  const ds = doc.departmentSelfEvaluation;
  if (ds?.deviation) texts.push(ds.deviation);
  if (ds?.improvement) texts.push(ds.improvement);
  for (const n of doc.departmentExpenditureEvaluation?.notes ?? []) texts.push(n);
  for (const p of doc.paragraphs) texts.push(p.text);
  const out = texts.map(squash).filter((t) => REASON.test(t));
  EXPLANATIONS.set(doc, out);
  return out;
}

const EXPLANATIONS = new WeakMap<ImportedDocument, string[]>();

/** Whether some explanatory text of the document is about the item (shares a four-character run with its names). */
export function explainedInText(doc: ImportedDocument, ...names: (string | undefined)[]): boolean {
  const grams = keyGrams(...names);
  if (grams.length === 0) return false;
  return explanationTexts(doc).some((t) => grams.some((g) => t.includes(g)));
}

// ---------------------------------------------------------------------------------------------------------------
// Amounts

const UNIT_FEN: Record<MoneyUnit, bigint> = { 元: 100n, 万元: 1_000_000n };

/** The unit as the schema allows it (a hand-built document may hold anything): 万元, else 元. */
function moneyUnit(unit: string): MoneyUnit {
  return unit === "万元" ? "万元" : "元";
}

/** The tolerance of a unit in fen. */
export function toleranceFen(unitIn: MoneyUnit, config: ReviewConfig): bigint {
  const unit = moneyUnit(unitIn);
  const r = parseDecimal(config.roundingTolerance[unit] ?? "0") ?? { n: 0n, d: 1n };
  return (r.n * UNIT_FEN[unit]) / r.d;
}

export interface AmountComparison {
  severity: Severity;
  details: FindingDetails;
  /** `5,909.00 万元`, for messages (thousands separators); `details` holds the plain figures (`5909.00`). */
  stated: string;
  computed: string;
  difference: string;
}

/**
 * stated vs computed in fen: undefined when equal; otherwise the finding's severity (warning within the rounding
 * tolerance of the unit, error beyond it) and the numbers in the unit as written.
 */
export function compareAmounts(
  stated: Fen,
  computed: Fen | Ratio,
  unitIn: MoneyUnit,
  config: ReviewConfig,
): AmountComparison | undefined {
  const unit = moneyUnit(unitIn);
  const c = typeof computed === "bigint" ? { n: computed, d: 1n } : computed;
  // stated − computed in fen, exact
  const diffN = stated * c.d - c.n;
  if (diffN === 0n) return undefined;
  const absDiffN = diffN < 0n ? -diffN : diffN;
  const within = absDiffN <= toleranceFen(unit, config) * c.d;
  const decimals = unit === "元" ? 2 : 6;
  const show = (n: bigint, d: bigint): string => trim(fenText(n, d, unit, decimals));
  const statedText = show(stated, 1n);
  const computedText = show(c.n, c.d);
  const differenceText = show(diffN, c.d);
  return {
    severity: within ? "warning" : "error",
    stated: `${grouped(statedText)} ${unit}`,
    computed: `${grouped(computedText)} ${unit}`,
    difference: `${grouped(differenceText)} ${unit}`,
    details: { stated: statedText, computed: computedText, difference: differenceText, unit, withinRounding: within },
  };
}

function fenText(n: bigint, d: bigint, unit: MoneyUnit, decimals: number): string {
  // n/d fen → unit with `decimals` decimals, rounded half away from zero
  const scale = 10n ** BigInt(decimals);
  const num = n * scale;
  const den = d * UNIT_FEN[unit];
  const neg = num < 0n;
  const abs = neg ? -num : num;
  let q = abs / den;
  if ((abs % den) * 2n >= den) q += 1n;
  const s = q.toString().padStart(decimals + 1, "0");
  return `${neg && q !== 0n ? "-" : ""}${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}

function trim(s: string): string {
  const [w, f = ""] = s.split(".") as [string, string | undefined];
  const t = f.replace(/0+$/, "");
  return `${w}.${t.padEnd(2, "0")}`;
}

/** Thousands separators in the whole part, as every amount a person reads is printed (`600,000.00`). */
function grouped(s: string): string {
  const [w, f] = s.split(".") as [string, string | undefined];
  const whole = w.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return f === undefined ? whole : `${whole}.${f}`;
}

/** An amount in the unit it was written in, for messages: `600,000.00 元`, `1,350.50 万元` (`0.485 万元` exact). */
export function showAmount(f: Fen, unitIn: MoneyUnit): string {
  const unit = moneyUnit(unitIn);
  return `${unit === "元" ? formatAmount(f, unit) : grouped(trim(fenText(f, 1n, unit, 6)))} ${unit}`;
}

/** The paragraph holding a snippet (for text-only parts with no location of their own). */
export function locateText(doc: ImportedDocument, snippet: string, fallback: Location): Location {
  const s = snippet.trim();
  if (s !== "") {
    const p = doc.paragraphs.find((x) => x.text.includes(s));
    if (p) return loc(p.location, { path: fallback.path });
  }
  return fallback;
}

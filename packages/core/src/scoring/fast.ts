/**
 * The presented result of an evaluation on integer fixed point: every point, score and sum held as an integer of
 * 10^-K units (K ≤ 4, the most decimals the points and the scheme's rounding take) in a JS number, far below 2^53,
 * with no Ratio, no bigint and no intermediate records per indicator. It answers exactly what the exact path
 * (`scoreEvaluationExact`: computeScores on bigint Ratios, then presented) answers — test/scoring/fast-scoring.test.ts
 * checks the two on generated evaluations — or undefined for what it leaves to that path: a scheme that is not
 * built in, scale-to-total, coefficients, a stated indicator total, a stated score carried where nothing could be
 * computed, points or stated scores with more than four decimals, group points off the rounding grid, and any
 * product that would pass 2^52 (`mulDivUnits` declines it). Stated scores, the stated total and their
 * differences are worked out here as in computeScores.
 *
 * The comparisons and the numeric judgement are the targets module's and indicator.ts's own (numericJudgement
 * works on doubles where it can); the words are scoring/texts.ts's, shared with the exact path.
 */
import type { LocalizedText } from "../errors/domain-error.ts";
import {
  cmp,
  div,
  fromNumber,
  mul,
  numberText,
  parseDecimal,
  type Ratio,
  ratio,
  roundToUnits,
} from "../numbers/decimal.ts";
import {
  floorQuotient,
  mulDivRound,
  mulDivUnits,
  numberUnits,
  ratioUnits,
  UNITS,
  unitsText,
} from "../numbers/fixed.ts";
import { compareActual, compareActualInto, compareQuietInto, comparisonNote } from "../targets/compare.ts";
import type { Comparison, TargetValue } from "../targets/types.ts";
import { FastIndicatorResult } from "./fast-result.ts";
import {
  type Basis,
  JUDGED,
  numbersShareInto,
  numericShareInto,
  PROPORTIONAL,
  type Share,
  sameWords,
  type TargetFunctions,
} from "./indicator.ts";
import {
  countedGroup,
  effectiveGroupPoints,
  type GradeBand,
  LEVEL1_NAMES,
  type Level1,
  level1Of,
  level1Short,
  roundingDigits,
  type ScoringScheme,
  type TierKey,
} from "./scheme.ts";
import type { Difference, EvaluationInput, GroupResult, IndicatorResult, ScoreProblem } from "./score.ts";
import * as T from "./texts.ts";

const FAR_OVER = parseDecimal("1.3")!;

/**
 * Whether a completion ratio (a JS number) is at least 130%: `fromNumber(x) ≥ 1.3` exactly. For a finite x that
 * is `x >= 1.3` on doubles: fromNumber gives the shortest decimal of x, which grows with x, and is exactly 1.3 for
 * the double 1.3. Non-finite numbers go through fromNumber (which refuses them).
 */
export function farOver(x: number): boolean {
  return Number.isFinite(x) ? x >= 1.3 : cmp(fromNumber(x), FAR_OVER) >= 0;
}

/** `indicators[3]`, made once per index (every evaluation has an indicators[0]). */
const INDICATOR_PATHS: string[] = [];
export function indicatorPath(i: number): string {
  if (i >= 4096) return `indicators[${i}]`;
  let p = INDICATOR_PATHS[i];
  if (p === undefined) {
    p = `indicators[${i}]`;
    INDICATOR_PATHS[i] = p;
  }
  return p;
}

/**
 * Whether numericShareInto leaves the pair unjudged for certain (numbersShare and numericJudgementExact answer
 * undefined): an actual that is not a number or a count, or a target that is a deadline or words, or a count per
 * period against anything but a count per the same period. Such an indicator is judged by tier.
 */
function notNumbers(target: TargetValue, actual: TargetValue): boolean {
  if (actual.value === undefined || (actual.kind !== "numeric" && actual.kind !== "frequency")) return true;
  if (target.kind === "deadline" || target.kind === "qualitative") return true;
  return target.kind === "frequency" && (actual.kind !== "frequency" || actual.period !== target.period);
}

/** The last comparison (compareActualInto, compareQuietInto): read before the next indicator's, never kept. */
const COMPARED: Comparison = { met: undefined, ratio: undefined, note: "" };

/** What the fast path works out; score.ts presents it as it presents the exact evaluation. */
export interface FastParts {
  applied: boolean;
  lines: LocalizedText[];
  indicators: IndicatorResult[];
  groups: GroupResult[];
  total: number;
  grade: string | undefined;
  statedTotal: number | undefined;
  statedGrade: string | undefined;
}

/** `+0.5`, `-1`, `0`: a difference as the texts sign it (units of 10^-k). */
function signedText(u: number, k: number): string {
  const t = unitsText(u, k);
  return u > 0 ? `+${t}` : t;
}

/** The most decimals points and scores take on this path (so that `unitsText` prints what toDecimalString(·, 4) does). */
const MAX_K = 4;
const POW = [1, 10, 100, 1000, 10000];
/** Points and sums stay below this many units: every product of the path then stays far below 2^52. */
const UNITS_LIMIT = 2 ** 40;

/**
 * Whether the evaluation's scheme and stated totals are of the kind this path scores (checked before anything is
 * worked out; stated indicator scores, points and overflows are found on the way by `scoreFast`).
 */
export function fastEligible(input: EvaluationInput): boolean {
  const s = input.scheme;
  if (s.pointsRule === "scale-to-total" || s.indicatorScore === "coefficient") return false;
  if (input.statedIndicatorTotal !== undefined) return false;
  const d = roundingDigits(s.rounding.indicator);
  const e = roundingDigits(s.rounding.execution);
  const t = roundingDigits(s.rounding.total);
  if (d === undefined || e === undefined || t === undefined || d > MAX_K || e > MAX_K || t > MAX_K) return false;
  return true;
}

// Per-evaluation scratch, reused (grown as needed) so that the indicators' numbers allocate nothing.
let L1: (Level1 | undefined)[] = [];
let GROUP: (Level1 | undefined)[] = [];
let INPUT: number[] = [];
let POINTS: number[] = [];
let SCORE: number[] = [];
let REST: number[] = [];
/** The indicators of each group in turn, in input order (gStart[g] … gStart[g] + gMembers[g]). */
let MEMBERS: number[] = [];
/** Per group of the scheme (at most one per Level1): points, positive input, weights, members, first member. */
const G_TARGET: number[] = [0, 0, 0, 0, 0, 0];
const G_INPUT: number[] = [0, 0, 0, 0, 0, 0];
const G_WEIGHTS: number[] = [0, 0, 0, 0, 0, 0];
const G_MEMBERS: number[] = [0, 0, 0, 0, 0, 0];
const G_START: number[] = [0, 0, 0, 0, 0, 0];
/** Stated scores: units (then at K), and their decimals (-1: none stated). */
let STATED: number[] = [];
let STATED_K: number[] = [];

/** The effective group points of a scheme for each set of present groups (a bit per Level1), made once. */
const LEVEL1_BIT: Record<Level1, number> = {
  output: 1,
  effect: 2,
  satisfaction: 4,
  cost: 8,
  decision: 16,
  process: 32,
};
const EFFECTIVE = new WeakMap<ScoringScheme, Map<number, { level1: Level1; points: Ratio }[]>>();
function effectiveOf(s: ScoringScheme, mask: number): { level1: Level1; points: Ratio }[] {
  let byMask = EFFECTIVE.get(s);
  if (!byMask) {
    byMask = new Map();
    EFFECTIVE.set(s, byMask);
  }
  let e = byMask.get(mask);
  if (!e) {
    const present = new Set<Level1>();
    for (const k of Object.keys(LEVEL1_BIT) as Level1[]) if (mask & LEVEL1_BIT[k]) present.add(k);
    const eff = effectiveGroupPoints(s, present);
    e = [];
    for (const g of s.groups) {
      const p = eff.get(g.level1);
      if (p !== undefined) e.push({ level1: g.level1, points: p });
    }
    byMask.set(mask, e);
  }
  return e;
}

/** Of a scheme, once: the first tier of each key, and the group each level-1 group counts in (countedGroup). */
interface Facts {
  tiers: Partial<Record<TierKey, ScoringScheme["qualitative"][number]>>;
  counted: Record<Level1, Level1 | undefined>;
}
const FACTS = new WeakMap<ScoringScheme, Facts>();
function schemeFacts(s: ScoringScheme): Facts {
  let f = FACTS.get(s);
  if (!f) {
    const tiers: Facts["tiers"] = {};
    for (const q of s.qualitative) tiers[q.key] ??= q;
    const counted = {} as Facts["counted"];
    for (const g of Object.keys(LEVEL1_BIT) as Level1[]) counted[g] = countedGroup(s, g);
    f = { tiers, counted };
    FACTS.set(s, f);
  }
  return f;
}

const SHORT = new Map<Level1, LocalizedText>();
function shortOf(g: Level1): LocalizedText {
  let s = SHORT.get(g);
  if (!s) {
    s = level1Short(g);
    SHORT.set(g, s);
  }
  return s;
}

/** A Ratio or a double as units of 10^-k: into UNITS; false when it has more than MAX_K decimals. */
function pointsUnits(v: Ratio | number | string): boolean {
  if (typeof v === "number") return numberUnits(v, MAX_K);
  if (typeof v === "string") {
    const r = parseDecimal(v);
    return r !== undefined && ratioUnits(r, MAX_K);
  }
  return ratioUnits(v, MAX_K);
}

/** u (units of 10^-k) rounded half away from zero to `digits` decimals, still in units of 10^-k. */
function roundAt(u: number, k: number, digits: number): number {
  if (digits >= k) return u;
  const f = POW[k - digits]!;
  const abs = u < 0 ? -u : u;
  const q = Math.floor(abs / f);
  const r = abs - q * f;
  const rounded = (r * 2 >= f ? q + 1 : q) * f;
  return rounded === 0 ? 0 : u < 0 ? -rounded : rounded;
}

/** units of 10^-k of a decimal Ratio known to have at most k decimals; NaN when it does not. */
function unitsAt(r: Ratio, k: number): number {
  if (!ratioUnits(r, k)) return Number.NaN;
  return UNITS.m * POW[k - UNITS.k]!;
}

/** The grade bands of a scheme, highest first, each threshold in units of 10^-k for k = 0…MAX_K (exact). */
const GRADES = new WeakMap<GradeBand[], { grade: string; min: number[] | undefined; ratio: Ratio }[]>();
function gradeUnits(total: number, k: number, grades: GradeBand[]): string | undefined {
  let bands = GRADES.get(grades);
  if (!bands) {
    bands = [...grades]
      .sort((a, b) => b.min - a.min)
      .map((g) => ({
        grade: g.grade,
        min: numberUnits(g.min, 0) && Math.abs(UNITS.m) < UNITS_LIMIT ? POW.map((p) => UNITS.m * p) : undefined,
        ratio: fromNumber(g.min),
      }));
    GRADES.set(grades, bands);
  }
  let totalRatio: Ratio | undefined;
  for (const b of bands) {
    if (b.min !== undefined) {
      if (total >= b.min[k]!) return b.grade;
    } else {
      totalRatio ??= ratio(BigInt(total), BigInt(POW[k]!));
      if (cmp(totalRatio, b.ratio) >= 0) return b.grade;
    }
  }
  return undefined;
}

/** points (units of 10^-k, > 0) × the share, rounded to `digits`, in units of 10^-k; NaN when it cannot. */
function shareUnits(pu: number, k: number, share: Share, digits: number): number {
  const scale = POW[k - digits]!;
  const s = share.share;
  if (s !== undefined) {
    if (s.n === 0n) return 0;
    if (s.n === s.d) return roundAt(pu, k, digits);
    const r = mul(ratio(BigInt(pu), BigInt(POW[k]!)), s);
    return Number(roundToUnits(r, digits)) * scale;
  }
  if (share.x !== undefined && share.y !== undefined) {
    const u = mulDivUnits(pu, POW[k]!, share.x, share.y, digits);
    if (!Number.isNaN(u)) return u * scale;
    const r = mul(ratio(BigInt(pu), BigInt(POW[k]!)), div(fromNumber(share.x), fromNumber(share.y)));
    return Number(roundToUnits(r, digits)) * scale;
  }
  const p = ratio(BigInt(pu), BigInt(POW[k]!));
  const fast = mulDivRound(p, share.part!, share.whole!, digits);
  const r = fast ?? mul(p, div(share.part!, share.whole!));
  return Number(roundToUnits(r, digits)) * scale;
}

/**
 * Texts made once per number and reused: the points' text, the note of scaled points, the met and tier formulas
 * (a group's points repeat, 3.33 and 3.34 alternating). Bounded: emptied when full. The note and formula objects
 * are shared by every result that shows them, frozen so that a caller's change to one result cannot show in another
 * (decision 0008): a change throws instead.
 */
const TEXTS_MAX = 4096;
const POINTS_TEXT = new Map<number, string>();
/** units of 10^-k as a key (k ≤ 4, |units| < 2^40: the key stays an exact integer). */
const key = (u: number, k: number) => u * 8 + k;
function pointsText(u: number, k: number): string {
  const id = key(u, k);
  let t = POINTS_TEXT.get(id);
  if (t === undefined) {
    if (POINTS_TEXT.size >= TEXTS_MAX) POINTS_TEXT.clear();
    t = unitsText(u, k);
    POINTS_TEXT.set(id, t);
  }
  return t;
}
const NOTES = new Map<number, Map<string, LocalizedText>>();
function pointsNote(from: number, k: number, to: string): LocalizedText {
  const id = key(from, k);
  let byTo = NOTES.get(id);
  if (!byTo) {
    if (NOTES.size >= TEXTS_MAX) NOTES.clear();
    byTo = new Map();
    NOTES.set(id, byTo);
  }
  let note = byTo.get(to);
  if (!note) {
    note = Object.freeze(T.pointsNoteText(unitsText(from, k), to));
    byTo.set(to, note);
  }
  return note;
}
const MET = new Map<string, LocalizedText>();
function metFormula(p: string): LocalizedText {
  let f = MET.get(p);
  if (!f) {
    if (MET.size >= TEXTS_MAX) MET.clear();
    f = Object.freeze(T.metFormula(p));
    MET.set(p, f);
  }
  return f;
}
type Tier = ScoringScheme["qualitative"][number];
const TIER = new Map<Tier, Map<string, LocalizedText>>();
function tierFormula(t: Tier, p: string, chosen: boolean): LocalizedText {
  if (chosen) return T.tierFormula(t, p, true);
  let byP = TIER.get(t);
  if (!byP) {
    byP = new Map();
    TIER.set(t, byP);
  }
  let f = byP.get(p);
  if (!f) {
    if (byP.size >= TEXTS_MAX) byP.clear();
    f = Object.freeze(T.tierFormula(t, p, false));
    byP.set(p, f);
  }
  return f;
}

/** `indicators[3].level1` and the like, made once per index and suffix. */
const SUFFIXED = new Map<string, string[]>();
function pathWith(i: number, suffix: string): string {
  if (i >= 4096) return `indicators[${i}]${suffix}`;
  let paths = SUFFIXED.get(suffix);
  if (!paths) {
    paths = [];
    SUFFIXED.set(suffix, paths);
  }
  let p = paths[i];
  if (p === undefined) {
    p = `${indicatorPath(i)}${suffix}`;
    paths[i] = p;
  }
  return p;
}

/**
 * A group's texts, made once per group, scheme points, scale and weights (the same in evaluation after evaluation):
 * its normalisation line when its points changed, the scale factor (`50/60`) when scaled, and the `weights_sum`
 * problem's text when the weights do not add up to the scheme's points. Bounded: one entry per group and points,
 * replaced when the weights differ; emptied when full.
 */
interface GroupTexts {
  level1: Level1;
  target: number;
  k: number;
  inputPos: number;
  weightSum: number;
  members: number;
  changed: boolean;
  explanation: LocalizedText | undefined;
  factor: string | undefined;
  weightsSum: LocalizedText | undefined;
}
const GROUP_TEXTS = new Map<number, GroupTexts>();
function groupTexts(
  level1: Level1,
  target: number,
  k: number,
  inputPos: number,
  weightSum: number,
  members: number,
  changed: boolean,
): GroupTexts {
  // target ≥ 0 below 2^40 and k ≤ 4: the key stays an exact integer below 2^50
  const id = key(target, k) * 64 + LEVEL1_BIT[level1];
  let t = GROUP_TEXTS.get(id);
  if (
    t !== undefined &&
    t.level1 === level1 &&
    t.target === target &&
    t.k === k &&
    t.inputPos === inputPos &&
    t.weightSum === weightSum &&
    t.members === members &&
    t.changed === changed
  ) {
    return t;
  }
  const equal = inputPos === 0;
  let explanation: LocalizedText | undefined;
  let factor: string | undefined;
  if (changed) {
    const short = shortOf(level1);
    explanation = equal
      ? T.sharedExplanation(short, unitsText(target, k), members)
      : inputPos !== target
        ? T.scaledExplanation(short, unitsText(inputPos, k), unitsText(target, k))
        : T.precisionExplanation(short, unitsText(target, k));
    if (!equal && inputPos !== target) factor = `${unitsText(target, k)}/${unitsText(inputPos, k)}`;
  }
  const weightsSum =
    members > 0 && weightSum !== target
      ? T.weightsSumText(LEVEL1_NAMES[level1], unitsText(weightSum, k), unitsText(target, k), factor, explanation)
      : undefined;
  t = { level1, target, k, inputPos, weightSum, members, changed, explanation, factor, weightsSum };
  if (target >= 0 && target < UNITS_LIMIT) {
    if (GROUP_TEXTS.size >= TEXTS_MAX) GROUP_TEXTS.clear();
    GROUP_TEXTS.set(id, t);
  }
  return t;
}

function problem(code: ScoreProblem["code"], path: string, text: LocalizedText): ScoreProblem {
  return { code, path, zh: text.zh, en: text.en };
}

/**
 * The indicators, groups, normalisation lines, total and grade of an eligible evaluation (`fastEligible`), its
 * problems pushed after the execution's; undefined when a number leaves the path (then the exact path scores it).
 */
export function scoreFast(
  input: EvaluationInput,
  targets: TargetFunctions,
  executionScore: Ratio | undefined,
  problems: ScoreProblem[],
  /** The execution's stated score (its differences are the caller's); the stated parts sum with it. */
  statedExecution?: Ratio,
  /** Presented differences of the indicators, groups and total, pushed in computeScores's order. */
  differences: Difference[] = [],
): FastParts | undefined {
  // the scratch arrays are this module's: a target function that scores an evaluation itself gets the exact path
  if (busy) return undefined;
  busy = true;
  try {
    return scoreFastInner(input, targets, executionScore, problems, statedExecution, differences);
  } finally {
    busy = false;
  }
}
let busy = false;

function scoreFastInner(
  input: EvaluationInput,
  targets: TargetFunctions,
  executionScore: Ratio | undefined,
  problems: ScoreProblem[],
  statedExecution: Ratio | undefined,
  differences: Difference[],
): FastParts | undefined {
  const scheme = input.scheme;
  const digits = roundingDigits(scheme.rounding.indicator)!;
  const execDigits = roundingDigits(scheme.rounding.execution)!;
  const totalDigits = roundingDigits(scheme.rounding.total)!;
  const list = input.indicators;
  const n = list.length;
  const facts = schemeFacts(scheme);
  if (INPUT.length < n) {
    L1 = new Array(n);
    GROUP = new Array(n);
    INPUT = new Array(n).fill(0);
    POINTS = new Array(n).fill(0);
    SCORE = new Array(n).fill(0);
    REST = new Array(n).fill(0);
    MEMBERS = new Array(n).fill(0);
    STATED = new Array(n).fill(0);
    STATED_K = new Array(n).fill(0);
  }

  // The points as given, and the scale K every number is held at.
  let k = Math.max(2, digits, execDigits);
  let mask = 0;
  for (let i = 0; i < n; i++) {
    const ind = list[i]!;
    if (ind.statedScore === undefined) {
      if (ind.statedCoefficient !== undefined) return undefined;
      STATED_K[i] = -1;
    } else {
      if (!pointsUnits(ind.statedScore)) return undefined;
      STATED[i] = UNITS.m;
      STATED_K[i] = UNITS.k;
      if (UNITS.k > k) k = UNITS.k;
    }
    if (!pointsUnits(ind.points)) return undefined;
    INPUT[i] = UNITS.m;
    POINTS[i] = UNITS.k; // the decimals for now
    if (UNITS.k > k) k = UNITS.k;
    const l1 = level1Of(ind.level1);
    const g = l1 === undefined ? undefined : facts.counted[l1];
    L1[i] = l1;
    GROUP[i] = g;
    if (g !== undefined) mask |= LEVEL1_BIT[g];
  }
  let givenTotal = Number.NaN;
  if (input.statedTotal !== undefined) {
    if (!pointsUnits(input.statedTotal)) return undefined;
    givenTotal = UNITS.m;
    if (UNITS.k > k) k = UNITS.k;
  }
  const givenTotalK = UNITS.k;
  let statedExec = Number.NaN;
  if (statedExecution !== undefined) {
    if (!ratioUnits(statedExecution, MAX_K)) return undefined;
    if (UNITS.k > k) k = UNITS.k;
    statedExec = unitsAt(statedExecution, k);
  }
  const pk = POW[k]!;
  if (input.statedTotal !== undefined) givenTotal *= POW[k - givenTotalK]!;
  for (let i = 0; i < n; i++) {
    const u = INPUT[i]! * POW[k - POINTS[i]!]!;
    if (!(u < UNITS_LIMIT && u > -UNITS_LIMIT)) return undefined;
    INPUT[i] = u;
    POINTS[i] = u; // an indicator the scheme does not count keeps its points
    if (STATED_K[i]! >= 0) {
      const s = STATED[i]! * POW[k - STATED_K[i]!]!;
      if (!(s < UNITS_LIMIT && s > -UNITS_LIMIT)) return undefined;
      STATED[i] = s;
    }
  }

  // The points fitted to the scheme's groups (normalise.ts, scale-to-groups): the largest remainder on integers.
  const effective = effectiveOf(scheme, mask);
  const groupCount = effective.length;
  // the groups' numbers in this module's scratch (at most one group per Level1)
  const gTarget = G_TARGET;
  const gInput = G_INPUT;
  const gWeights = G_WEIGHTS;
  const gMembers = G_MEMBERS;
  const gStart = G_START;
  let filled = 0;
  const gExplanation = new Array<LocalizedText | undefined>(groupCount);
  const gTexts = new Array<GroupTexts | undefined>(groupCount);
  const lines: LocalizedText[] = [];
  for (let gi = 0; gi < groupCount; gi++) {
    const eg = effective[gi]!;
    const level1 = eg.level1;
    const target = unitsAt(eg.points, k);
    if (Number.isNaN(target)) return undefined;
    let inputPos = 0;
    let weightSum = 0;
    const start = filled;
    for (let i = 0; i < n; i++) {
      if (GROUP[i] !== level1) continue;
      MEMBERS[filled++] = i;
      const u = INPUT[i]!;
      weightSum += u;
      if (u > 0) inputPos += u;
    }
    const end = filled;
    const members = end - start;
    gStart[gi] = start;
    gTarget[gi] = target;
    gInput[gi] = inputPos;
    gWeights[gi] = weightSum;
    gMembers[gi] = members;
    gExplanation[gi] = undefined;
    gTexts[gi] = undefined;
    if (members === 0) continue;
    const equal = inputPos === 0;
    // the grid: the indicator rounding's, else 0.01 (distribute in normalise.ts)
    let grid = -1;
    if (target % POW[k - digits]! === 0) grid = digits;
    else if (digits !== 2 && target % POW[k - 2]! === 0) grid = 2;
    if (grid < 0) return undefined;
    const t = target / POW[k - grid]!;
    const w = equal ? members : inputPos;
    let remaining = t;
    let changed = false;
    for (let m = start; m < end; m++) {
      const i = MEMBERS[m]!;
      const wi = equal ? 1 : INPUT[i]! > 0 ? INPUT[i]! : 0;
      const prod = wi * t;
      if (!(prod < 2 ** 52)) return undefined;
      const u = floorQuotient(prod, w);
      const r = prod - u * w;
      POINTS[i] = u;
      REST[i] = r;
      remaining -= u;
    }
    // the largest remainders take one unit more each, ties to the earlier indicator
    while (remaining > 0) {
      let best = -1;
      for (let m = start; m < end; m++) {
        const i = MEMBERS[m]!;
        if (REST[i]! < 0) continue;
        if (best < 0 || REST[i]! > REST[best]!) best = i;
      }
      if (best < 0) return undefined;
      POINTS[best]! += 1;
      REST[best] = -1;
      remaining--;
    }
    if (remaining !== 0) return undefined;
    const back = POW[k - grid]!;
    for (let m = start; m < end; m++) {
      const i = MEMBERS[m]!;
      const u = POINTS[i]! * back;
      POINTS[i] = u;
      if (u !== (INPUT[i]! > 0 ? INPUT[i]! : 0)) changed = true;
    }
    const texts = groupTexts(level1, target, k, inputPos, weightSum, members, changed);
    gTexts[gi] = texts;
    if (texts.explanation) {
      // this result's own object, the texts shared (one object for its line and its group, as normalise.ts gives)
      const e = { zh: texts.explanation.zh, en: texts.explanation.en };
      gExplanation[gi] = e;
      lines.push(e);
    }
  }

  // Each indicator scored out of its points (indicator.ts scoreIndicatorKnown), presented (score.ts).
  const indicators = new Array<IndicatorResult>(n);
  for (let i = 0; i < n; i++) {
    const ind = list[i]!;
    const pu = POINTS[i]!;
    const inU = INPUT[i]!;
    const target: TargetValue = typeof ind.target === "string" ? targets.parse(ind.target, ind.hints) : ind.target;
    const unit = target.unit ?? ind.hints?.unit;
    const actual: TargetValue =
      typeof ind.actual === "string" ? targets.parse(ind.actual, unit ? { unit } : undefined) : ind.actual;
    const p = pointsText(pu, k);
    let computed: number;
    let basis: Basis;
    let tier: TierKey | undefined;
    let met: boolean | undefined;
    let completion: number | undefined;
    let note: string;
    // met and ratio without words (compareQuietInto), judged on doubles or by tier: the note is compareActual's
    // as it was, so written when read (FastIndicatorResult)
    let lazy = false;
    let formula: LocalizedText;
    let sh: Share | undefined;
    let external: Comparison;
    if (targets.compare === compareActual && compareQuietInto(target, actual, COMPARED)) {
      external = COMPARED;
      sh = COMPARED.met === undefined ? undefined : numbersShareInto(target, actual, scheme, COMPARED);
      if (sh) lazy = true;
      else if (COMPARED.met !== undefined && notNumbers(target, actual))
        lazy = true; // judged by tier below
      else {
        // left to the exact judgement, or not judged: the note is read now, so written now
        COMPARED.note = comparisonNote(target, actual);
        sh = numericShareInto(target, actual, scheme, COMPARED);
      }
    } else {
      external =
        targets.compare === compareActual
          ? compareActualInto(target, actual, COMPARED)
          : targets.compare(target, actual);
      sh = numericShareInto(target, actual, scheme, external);
    }
    if (sh) {
      // the judgement's comparison, read from JUDGED (no record made per indicator)
      met = JUDGED.met;
      completion = JUDGED.ratio;
      note = JUDGED.note; // "" when lazy
      computed = pu > 0 ? shareUnits(pu, k, sh, digits) : 0;
      if (Number.isNaN(computed)) return undefined;
      basis = sh.met ? "met" : "formula";
      if (sh.met) formula = metFormula(p);
      else if (sh === PROPORTIONAL) {
        // shareFormula(p, `× x ÷ y`) without the expression's own text
        const t = `${p} × ${numberText(sh.x!, 4)} ÷ ${numberText(sh.y!, 4)}`;
        formula = { zh: t, en: t };
      } else formula = sh.expr ? T.shareFormula(p, sh.expr) : T.zeroFormula(sh.zeroWhy);
    } else {
      let comparison: Comparison = external;
      if (comparison.met === undefined && sameWords(target.text, actual.text)) {
        comparison = T.sameWordsComparison(comparison);
      }
      met = comparison.met;
      completion = comparison.ratio;
      note = comparison.note;
      tier = ind.tier ?? (met === true ? "achieved" : met === false ? "not-achieved" : undefined);
      const tierOf = tier === undefined ? undefined : facts.tiers[tier];
      if (tierOf) {
        let u = mulDivUnits(pu, pk, tierOf.suggest, 100, digits);
        if (Number.isNaN(u)) {
          const r = mul(ratio(BigInt(pu), BigInt(pk)), div(fromNumber(tierOf.suggest), fromNumber(100)));
          u = Number(roundToUnits(r, digits));
        }
        computed = u * POW[k - digits]!;
        basis = "tier";
        formula = tierFormula(tierOf, p, ind.tier !== undefined);
      } else {
        if (lazy) {
          // the formula quotes the note: written now
          note = comparisonNote(target, actual);
          lazy = false;
        }
        computed = Number.NaN; // none
        basis = "none";
        formula = T.unjudgedFormula(note, false);
      }
    }
    const stated = STATED_K[i]! >= 0;
    const su = STATED[i]!;
    // a stated score carried where nothing is computed is scaled with the points: the exact path's
    if (basis === "none" && stated) return undefined;
    const hasScore = basis !== "none";
    if (hasScore) {
      const cap = pu > 0 ? pu : 0;
      if (computed > cap) computed = cap;
      if (!(computed > 0)) computed = 0;
    }
    SCORE[i] = hasScore ? computed : 0;
    const group = GROUP[i];
    // the result's comparison note written when read where it is a plain number's (decision 0008)
    const base = new FastIndicatorResult(
      i,
      ind.level1,
      group ?? null,
      ind.level2,
      ind.name,
      target,
      actual,
      pu / pk,
      inU / pk,
      pu === inU ? undefined : pointsNote(inU, k, p),
      hasScore ? computed / pk : undefined,
      stated ? su / pk : undefined,
      stated && hasScore ? (su - computed) / pk : undefined,
      basis,
      met,
      lazy ? undefined : note,
      formula,
    );
    indicators[i] = base;

    // the indicator's problems, in computeScores's order
    const path = indicatorPath(i);
    const l1 = L1[i];
    if (l1 === undefined) {
      problems.push(problem("unknown_level1", pathWith(i, ".level1"), T.unknownLevel1Text(ind.name, ind.level1)));
    } else if (group === undefined) {
      const text = T.notInSchemeText(ind.name, LEVEL1_NAMES[l1], scheme.id);
      problems.push(problem("level1_not_in_scheme", pathWith(i, ".level1"), text));
    }
    if (inU <= 0) {
      const text = T.weightNotPositiveText(ind.name, unitsText(inU, k));
      problems.push(problem("weight_not_positive", pathWith(i, ".points"), text));
    }
    if (stated && (su < 0 || su > inU)) {
      const text = T.statedOutOfRangeText(ind.name, unitsText(su, k), unitsText(inU, k));
      problems.push(problem("stated_score_out_of_range", pathWith(i, ".statedScore"), text));
    }
    if (basis === "none") problems.push(problem("unjudged", path, T.unjudgedText(ind.name, formula)));
    const unmet = met === false || (tier !== undefined && tier !== "achieved");
    if (unmet && !ind.deviationReason?.trim()) {
      problems.push(
        new T.NoteProblem("deviation_reason_missing", pathWith(i, ".deviationReason"), ind.name, lazy ? base : note),
      );
    }
    const over = completion !== undefined && basis === "met" ? farOver(completion) : false;
    if (over && !ind.deviationReason?.trim() && !ind.overrideReason?.trim()) {
      problems.push(new T.NoteProblem("far_over_target", path, ind.name, lazy ? base : note));
    }
    if (stated && hasScore && su !== computed) {
      const d = su - computed;
      const text = T.indicatorDifferenceText(
        ind.name,
        unitsText(su, k),
        formula,
        unitsText(computed, k),
        signedText(d, k),
        target.text,
        actual.text,
        base.pointsNote,
      );
      differences.push({
        kind: "indicator",
        path: pathWith(i, ".statedScore"),
        name: ind.name,
        stated: su / pk,
        computed: computed / pk,
        difference: d / pk,
        zh: text.zh,
        en: text.en,
        reason: ind.overrideReason,
      });
    }
  }

  // Groups, their problems, the total and the grade.
  const groups = new Array<GroupResult>(groupCount);
  let indicatorTotal = 0;
  for (let gi = 0; gi < groupCount; gi++) {
    const level1 = effective[gi]!.level1;
    const name = LEVEL1_NAMES[level1];
    let score = 0;
    let statedSum = 0;
    let allStated = gMembers[gi]! > 0;
    const start = gStart[gi]!;
    const end = start + gMembers[gi]!;
    for (let m = start; m < end; m++) {
      const i = MEMBERS[m]!;
      score += SCORE[i]!;
      if (STATED_K[i]! >= 0) statedSum += STATED[i]!;
      else allStated = false;
    }
    indicatorTotal += score;
    const target = gTarget[gi]!;
    const inputPos = gInput[gi]!;
    const weightSum = gWeights[gi]!;
    const explanation = gExplanation[gi];
    const out = {
      level1,
      name: name.zh,
      nameEn: name.en,
      points: target / pk,
      weightSum: weightSum / pk,
      inputPoints: inputPos / pk,
    } as GroupResult;
    const texts = gTexts[gi];
    const factor = texts?.factor;
    if (factor) out.factor = factor;
    if (explanation) out.explanation = explanation;
    out.score = score / pk;
    out.statedScore = allStated ? statedSum / pk : undefined;
    groups[gi] = out;
    if (gMembers[gi] === 0) {
      problems.push(
        problem("group_without_indicators", "indicators", T.groupWithoutIndicatorsText(name, unitsText(target, k))),
      );
    } else if (weightSum !== target) {
      const text =
        texts?.weightsSum ?? T.weightsSumText(name, unitsText(weightSum, k), unitsText(target, k), factor, explanation);
      problems.push(problem("weights_sum", "indicators", text));
    }
    if (allStated && statedSum !== score) {
      const d = statedSum - score;
      const text = T.groupDifferenceText(
        name,
        unitsText(target, k),
        unitsText(statedSum, k),
        unitsText(score, k),
        signedText(d, k),
      );
      differences.push({
        kind: "group",
        path: `groups.${level1}`,
        name: name.zh,
        stated: statedSum / pk,
        computed: score / pk,
        difference: d / pk,
        zh: text.zh,
        en: text.en,
        reason: undefined,
      });
    }
  }
  const execution = executionScore === undefined ? 0 : unitsAt(executionScore, k);
  if (Number.isNaN(execution)) return undefined;
  const total = roundAt(execution + indicatorTotal, k, totalDigits);

  // The stated parts: every counted indicator stated, and the execution, add up to the stated sum.
  let counted = 0;
  let allCountedStated = true;
  let statedIndicators = 0;
  for (let i = 0; i < n; i++) {
    if (GROUP[i] === undefined) continue;
    counted++;
    if (STATED_K[i]! >= 0) statedIndicators += STATED[i]!;
    else allCountedStated = false;
  }
  const hasIndicatorSum = counted > 0 && allCountedStated;
  const statedSum = hasIndicatorSum && !Number.isNaN(statedExec) ? statedExec + statedIndicators : Number.NaN;
  const statedTotal = !Number.isNaN(givenTotal) ? givenTotal : statedSum;
  if (!Number.isNaN(givenTotal) && !Number.isNaN(statedSum) && givenTotal !== statedSum) {
    const d = givenTotal - statedSum;
    const text = T.statedTotalSumText(
      unitsText(givenTotal, k),
      unitsText(statedSum, k),
      unitsText(statedExec, k),
      unitsText(statedIndicators, k),
      signedText(d, k),
    );
    differences.push({
      kind: "stated-sum",
      path: "statedTotal",
      name: "总分",
      stated: givenTotal / pk,
      computed: statedSum / pk,
      difference: d / pk,
      zh: text.zh,
      en: text.en,
      reason: undefined,
    });
  }
  if (!Number.isNaN(statedTotal) && statedTotal !== total) {
    const d = statedTotal - total;
    const text = T.totalDifferenceText(unitsText(statedTotal, k), unitsText(total, k), signedText(d, k), 0);
    differences.push({
      kind: "total",
      path: "statedTotal",
      name: "总分",
      stated: statedTotal / pk,
      computed: total / pk,
      difference: d / pk,
      zh: text.zh,
      en: text.en,
      reason: undefined,
    });
  }
  return {
    applied: lines.length > 0,
    lines,
    indicators,
    groups,
    total: total / pk,
    grade: gradeUnits(total, k, scheme.grades),
    statedTotal: Number.isNaN(statedTotal) ? undefined : statedTotal / pk,
    statedGrade: Number.isNaN(statedTotal) ? undefined : gradeUnits(statedTotal, k, scheme.grades),
  };
}

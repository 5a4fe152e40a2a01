/**
 * Points that do not match the scheme (docs/scoring.md § Points that do not match, docs/decisions/0004):
 *
 * - `scale-to-groups` (default): each level-1 group's indicator points are scaled into the scheme's points for
 *   that group: 产出 60 → 50 makes every 产出 indicator's points × 50/60. A group whose points are all 0 (or
 *   missing) shares the group's points equally. The level-1 weights are the scheme's.
 * - `scale-to-total`: the level-1 weights as the evaluation sets them are kept; every indicator's points are
 *   scaled together to the scheme's indicator total (Σ 100 → 90: × 90/100), so 产出 60 becomes 54.
 *
 * The scaling is exact (rationals); the points are then put on the scheme's indicator precision (0.01 by default)
 * by the largest-remainder method, so that a group's points still add up exactly to the group's points and every
 * score (rounded at the same precision) stays within its points. Negative points count as 0.
 */
import type { LocalizedText } from "../errors/domain-error.ts";
import {
  add,
  cmp,
  div,
  fromInt,
  isZero,
  max,
  mul,
  type Ratio,
  ratio,
  sum,
  toDecimalString,
  ZERO,
} from "../numbers/decimal.ts";
import { distributeWeights } from "../numbers/fixed.ts";
import {
  effectiveGroupPoints,
  indicatorTotalOf,
  type Level1,
  level1Short,
  type PointsRule,
  roundingDigits,
  type ScoringScheme,
} from "./scheme.ts";
import { precisionExplanation, scaledExplanation, sharedExplanation } from "./texts.ts";

export interface NormalisedGroup {
  level1: Level1;
  /** Σ of the group's indicator points as given (negative ones as 0). */
  inputPoints: Ratio;
  /** The points the group is scored out of. */
  points: Ratio;
  /** points ÷ inputPoints, when the points were scaled. */
  factor: Ratio | undefined;
  /** Indices (into the evaluation's indicators) of the group's members. */
  indicators: number[];
  /** How the group's points were set, when they differ from the input: `按方案折算：产出 60→50`. */
  explanation: LocalizedText | undefined;
}

export interface Normalisation {
  rule: PointsRule;
  /** Whether any indicator's points differ from the input. */
  applied: boolean;
  /** Per indicator of the input: the points it is scored out of; undefined when the scheme does not count it. */
  points: (Ratio | undefined)[];
  /** The scheme's groups that take part (a missing group whose points moved elsewhere is left out). */
  groups: NormalisedGroup[];
  /** `scale-to-total` only: Σ of every counted indicator's points as given and the scheme's indicator total. */
  total: { inputPoints: Ratio; points: Ratio; factor: Ratio | undefined } | undefined;
  /** Every explanation, in order (the total's first), for the page and the CLI. */
  lines: LocalizedText[];
}

const pts = (r: Ratio) => toDecimalString(r, 4);

/**
 * Distributes `exact` (non-negative, adding up to `total`) onto the grid of `digits` decimals by the largest
 * remainder, ties to the earlier indicator, so that the result adds up to `total` exactly. Exact values are
 * returned as they are when `digits` is undefined or `total` is not on the grid (nor on the 0.01 grid).
 */
export function distribute(exact: Ratio[], total: Ratio, digits: number | undefined): Ratio[] {
  if (digits === undefined || exact.length === 0) return exact;
  for (const d of digits === 2 ? [2] : [digits, 2]) {
    const scale = 10n ** BigInt(d);
    const t = mul(total, ratio(scale));
    if (t.d !== 1n) continue;
    const units = exact.map((e) => (e.n * scale) / e.d);
    const rest = exact.map((e, i) => ratio(e.n * scale - units[i]! * e.d, e.d));
    let remaining = t.n - units.reduce((a, b) => a + b, 0n);
    const order = exact.map((_, i) => i).sort((a, b) => cmp(rest[b]!, rest[a]!) || a - b);
    for (const i of order) {
      if (remaining <= 0n) break;
      units[i]! += 1n;
      remaining -= 1n;
    }
    if (remaining !== 0n) return exact; // Σ exact ≠ total: leave the exact values
    return units.map((u) => ratio(u, scale));
  }
  return exact;
}

/**
 * `distribute` of the exact shares total × p_i ÷ Σ p (p_i the points, negative ones as 0; all equal when `points` is
 * undefined) on the fixed-point path, when the points share one denominator and stay small; undefined otherwise.
 */
function fastDistribute(
  points: readonly Ratio[] | undefined,
  total: Ratio,
  digits: number | undefined,
  count = 0,
): Ratio[] | undefined {
  if (digits === undefined) return undefined;
  if (points === undefined)
    return count > 0 ? distributeWeights(new Array<number>(count).fill(1), total, digits) : undefined;
  if (points.length === 0) return undefined;
  const d = points[0]!.d;
  const weights = new Array<number>(points.length);
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (p.n <= 0n) {
      weights[i] = 0;
      continue;
    }
    if (p.d !== d || p.n >= SMALL) return undefined;
    weights[i] = Number(p.n);
  }
  return distributeWeights(weights, total, digits);
}
const SMALL = 4503599627370496n;

function positive(r: Ratio): Ratio {
  return max(r, ZERO);
}

function sameAll(a: (Ratio | undefined)[], b: Ratio[]): boolean {
  return a.every((x, i) => x !== undefined && cmp(x, b[i]!) === 0);
}

/**
 * The points each indicator is scored out of under the scheme. `rows[i].group` is the scheme group indicator i
 * counts in (after folds), undefined when the scheme does not count it.
 */
export function normalisePoints(
  scheme: ScoringScheme,
  rows: readonly { group: Level1 | undefined; points: Ratio }[],
): Normalisation {
  const rule: PointsRule = scheme.pointsRule ?? "scale-to-groups";
  const digits = roundingDigits(scheme.rounding.indicator);
  const members = new Map<Level1, number[]>();
  rows.forEach((r, i) => {
    if (r.group === undefined) return;
    const m = members.get(r.group);
    if (m) m.push(i);
    else members.set(r.group, [i]);
  });
  const points: (Ratio | undefined)[] = rows.map(() => undefined);
  const countedTotal = sum(rows.filter((r) => r.group !== undefined).map((r) => positive(r.points)));

  if (rule === "scale-to-total" && cmp(countedTotal, ZERO) > 0) {
    const target = indicatorTotalOf(scheme);
    const counted = rows.map((_, i) => i).filter((i) => rows[i]!.group !== undefined);
    const scaled =
      fastDistribute(
        counted.map((i) => rows[i]!.points),
        target,
        digits,
      ) ??
      distribute(
        counted.map((i) => div(mul(positive(rows[i]!.points), target), countedTotal)),
        target,
        digits,
      );
    counted.forEach((i, k) => {
      points[i] = scaled[k]!;
    });
    const factor = cmp(countedTotal, target) === 0 ? undefined : div(target, countedTotal);
    const groups: NormalisedGroup[] = [];
    for (const g of scheme.groups) {
      const idx = members.get(g.level1);
      if (!idx) continue;
      const inputPoints = sum(idx.map((i) => positive(rows[i]!.points)));
      const got = sum(idx.map((i) => points[i]!));
      const changed = !sameAll(
        idx.map((i) => positive(rows[i]!.points)),
        idx.map((i) => points[i]!),
      );
      const short = level1Short(g.level1);
      groups.push({
        level1: g.level1,
        inputPoints,
        points: got,
        factor: changed && !isZero(inputPoints) ? div(got, inputPoints) : undefined,
        indicators: idx,
        explanation: changed
          ? {
              zh: `按方案折算：${short.zh} ${pts(inputPoints)}→${pts(got)}（指标分值合计 ${pts(countedTotal)}→${pts(target)}）`,
              en: `scaled to the scheme: ${short.en} ${pts(inputPoints)}→${pts(got)} (indicator points ${pts(countedTotal)}→${pts(target)})`,
            }
          : undefined,
      });
    }
    const applied = groups.some((g) => g.explanation !== undefined);
    const lines: LocalizedText[] = [];
    if (applied) {
      const parts = groups.filter((g) => g.explanation);
      lines.push({
        zh: `按方案折算：指标分值合计 ${pts(countedTotal)}→${pts(target)}${factor ? `（各指标分值 × ${pts(target)}/${pts(countedTotal)}，一级指标权重按填报）` : "（分值取至方案精度）"}：${parts.map((g) => `${level1Short(g.level1).zh} ${pts(g.inputPoints)}→${pts(g.points)}`).join("，")}`,
        en: `scaled to the scheme: indicator points ${pts(countedTotal)}→${pts(target)}${factor ? ` (each indicator's points × ${pts(target)}/${pts(countedTotal)}; the level-1 weights as set)` : " (points put on the scheme's precision)"}: ${parts.map((g) => `${level1Short(g.level1).en} ${pts(g.inputPoints)}→${pts(g.points)}`).join(", ")}`,
      });
    }
    return {
      rule,
      applied,
      points,
      groups,
      total: { inputPoints: countedTotal, points: target, factor },
      lines,
    };
  }

  // scale-to-groups (and scale-to-total with nothing to scale)
  const effective = effectiveGroupPoints(scheme, new Set(members.keys()));
  const groups: NormalisedGroup[] = [];
  for (const g of scheme.groups) {
    const target = effective.get(g.level1);
    if (target === undefined) continue; // its points moved to other groups
    const idx = members.get(g.level1) ?? [];
    const inputPoints = sum(idx.map((i) => positive(rows[i]!.points)));
    if (idx.length === 0) {
      groups.push({
        level1: g.level1,
        inputPoints,
        points: target,
        factor: undefined,
        indicators: [],
        explanation: undefined,
      });
      continue;
    }
    const equal = isZero(inputPoints);
    const scaled =
      fastDistribute(equal ? undefined : idx.map((i) => rows[i]!.points), target, digits, idx.length) ??
      distribute(
        idx.map((i) =>
          equal ? div(target, fromInt(idx.length)) : div(mul(positive(rows[i]!.points), target), inputPoints),
        ),
        target,
        digits,
      );
    idx.forEach((i, k) => {
      points[i] = scaled[k]!;
    });
    const changed = !sameAll(
      idx.map((i) => positive(rows[i]!.points)),
      scaled,
    );
    const short = level1Short(g.level1);
    let explanation: LocalizedText | undefined;
    if (changed) {
      explanation = equal
        ? sharedExplanation(short, pts(target), idx.length)
        : cmp(inputPoints, target) !== 0
          ? scaledExplanation(short, pts(inputPoints), pts(target))
          : precisionExplanation(short, pts(target));
    }
    groups.push({
      level1: g.level1,
      inputPoints,
      points: target,
      factor: changed && !equal && cmp(inputPoints, target) !== 0 ? div(target, inputPoints) : undefined,
      indicators: idx,
      explanation,
    });
  }
  const lines = groups.flatMap((g) => (g.explanation ? [g.explanation] : []));
  return { rule, applied: lines.length > 0, points, groups, total: undefined, lines };
}

/** `a/b` as the normalisation lines write it (`50/60`), for a factor kept with the result. */
export function factorText(inputPoints: Ratio, points: Ratio): string {
  return `${pts(points)}/${pts(inputPoints)}`;
}

/** Σ a group's scaled points (for tests and callers that hold only the per-indicator points). */
export function sumPoints(points: (Ratio | undefined)[], indices: number[]): Ratio {
  return indices.reduce((acc, i) => add(acc, points[i] ?? ZERO), ZERO);
}

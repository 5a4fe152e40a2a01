/**
 * Checking a row of four-tier standards: placeholders, empty or unreadable tiers, mixed units, identical tiers,
 * inverted order, overlaps, shared boundaries and gaps. Real documents have all of these; the row is kept as
 * written and the problems are reported, never fixed silently.
 */
import { COUNT_UNITS } from "../targets/lexicon.ts";
import type { TargetValue } from "../targets/types.ts";
import type { Bound, TierName, TierProblem, Tiers, TierThreshold } from "./types.ts";

const fmtBound = (b: Bound | undefined, unit: string | undefined, side: "from" | "to"): string =>
  b === undefined ? (side === "from" ? "-∞" : "+∞") : `${b.value}${unit ?? ""}`;

function rangeText(from: Bound | undefined, to: Bound | undefined, unit: string | undefined): string {
  const l = from === undefined ? "(" : from.inclusive ? "[" : "(";
  const r = to === undefined ? ")" : to.inclusive ? "]" : ")";
  return `${l}${fmtBound(from, unit, "from")}, ${fmtBound(to, unit, "to")}${r}`;
}

function sameStructure(a: TargetValue, b: TargetValue): boolean {
  const key = (v: TargetValue): string =>
    JSON.stringify([
      v.kind,
      v.op,
      v.value,
      v.min,
      v.max,
      v.unit,
      v.date,
      v.inclusive,
      v.period,
      v.quality,
      v.kind === "qualitative" && !v.parts ? v.text.normalize("NFKC").replace(/\s+/g, "") : "",
      v.parts?.map(key),
    ]);
  return key(a) === key(b);
}

/** Lower end of an interval as a comparable tuple; undefined bound = -∞. */
function lowerBeats(a: Bound | undefined, b: Bound | undefined): boolean {
  // true when a starts strictly after b
  if (a === undefined) return false;
  if (b === undefined) return true;
  return a.value > b.value || (a.value === b.value && !a.inclusive && b.inclusive);
}

function intersect(
  a: TierThreshold,
  b: TierThreshold,
): { from: Bound | undefined; to: Bound | undefined; point: boolean } | undefined {
  const from = lowerBeats(a.lower, b.lower) ? a.lower : b.lower;
  const aTo = a.upper;
  const bTo = b.upper;
  let to: Bound | undefined;
  if (aTo === undefined) to = bTo;
  else if (bTo === undefined) to = aTo;
  else to = aTo.value < bTo.value || (aTo.value === bTo.value && !aTo.inclusive) ? aTo : bTo;
  if (from && to) {
    if (from.value > to.value) return undefined;
    if (from.value === to.value) {
      if (!from.inclusive || !to.inclusive) return undefined;
      return { from, to, point: true };
    }
  }
  return { from, to, point: false };
}

function hasInteger(from: Bound | undefined, to: Bound | undefined): boolean {
  if (from === undefined || to === undefined) return true;
  let n = Math.ceil(from.value);
  if (n === from.value && !from.inclusive) n += 1;
  return n < to.value || (n === to.value && to.inclusive);
}

/** Uncovered parts of the value line: from the lowest bound (or 0) up; % rows up to 100, others to +∞. */
function gaps(ts: TierThreshold[], unit: string | undefined): { from?: Bound; to?: Bound }[] {
  const finite = ts.flatMap((t) => [t.lower?.value, t.upper?.value]).filter((v): v is number => v !== undefined);
  if (finite.length === 0) return [];
  const lo = Math.min(0, ...finite);
  const hi = unit === "%" ? Math.max(100, ...finite) : Number.POSITIVE_INFINITY;
  const sorted = [...ts].sort((a, b) => (lowerBeats(a.lower, b.lower) ? 1 : lowerBeats(b.lower, a.lower) ? -1 : 0));
  const out: { from?: Bound; to?: Bound }[] = [];
  let pos = lo;
  let posCovered = false;
  for (const t of sorted) {
    const a = t.lower;
    if (a !== undefined) {
      const startsAfter = a.value > pos || (a.value === pos && !a.inclusive && !posCovered);
      if (startsAfter && pos < hi) {
        const gapTo = Math.min(a.value, hi);
        out.push({
          from: { value: pos, inclusive: !posCovered },
          to: { value: gapTo, inclusive: gapTo < a.value || !a.inclusive },
        });
      }
    }
    const b = t.upper;
    if (b === undefined) return out;
    if (b.value > pos || (b.value === pos && b.inclusive)) {
      if (b.value > pos) posCovered = b.inclusive;
      else posCovered = posCovered || b.inclusive;
      pos = b.value;
    }
  }
  if (pos < hi || (pos === hi && !posCovered && Number.isFinite(hi))) {
    out.push(
      Number.isFinite(hi)
        ? { from: { value: pos, inclusive: !posCovered }, to: { value: hi, inclusive: true } }
        : { from: { value: pos, inclusive: !posCovered } },
    );
  }
  return out;
}

function prefix(p: TierProblem, measure: string | undefined): TierProblem {
  if (!measure) return p;
  return { ...p, measure, zh: `「${measure}」${p.zh}`, en: `"${measure}": ${p.en}` };
}

export function checkTiers(tiers: Tiers): TierProblem[] {
  const problems: TierProblem[] = [];
  const ts = tiers.thresholds;

  const all = (s: TierThreshold["status"]): TierThreshold[] => ts.filter((t) => t.status === s);
  const empties = all("empty");
  if (empties.length === ts.length) {
    return [
      {
        code: "empty",
        severity: "error",
        tiers: empties.map((t) => t.tier),
        zh: "四个等级均未填写",
        en: "none of the four tiers is filled in",
      },
    ];
  }
  for (const t of all("placeholder")) {
    problems.push({
      code: "placeholder",
      severity: "error",
      tiers: [t.tier],
      zh: `${t.tier}为占位符“${t.text.trim()}”，未填写标准`,
      en: `${t.tier} is a placeholder "${t.text.trim()}", not a standard`,
    });
  }
  for (const t of empties) {
    problems.push({
      code: "empty",
      severity: "warning",
      tiers: [t.tier],
      zh: `${t.tier}未填写`,
      en: `${t.tier} is empty`,
    });
  }
  for (const t of all("unreadable")) {
    problems.push({
      code: "unreadable",
      severity: "error",
      tiers: [t.tier],
      zh: `${t.tier}“${t.text.trim()}”无法读成数值或已知用语`,
      en: `${t.tier} "${t.text.trim()}" cannot be read as a number or known words`,
    });
  }

  if (tiers.measures && tiers.measures.length > 0) {
    for (const m of tiers.measures) for (const p of checkTiers(m.tiers)) problems.push(prefix(p, m.label));
    return problems;
  }
  problems.push(...tiers.readingProblems);

  // identical tiers (any kind), compared on what was understood
  const filled = ts.filter((t) => t.status === "numeric" || t.status === "words");
  const identicalPairs = new Set<string>();
  for (let i = 0; i < filled.length; i++) {
    for (let j = i + 1; j < filled.length; j++) {
      const a = filled[i] as TierThreshold;
      const b = filled[j] as TierThreshold;
      const same =
        a.status === "numeric" && b.status === "numeric"
          ? a.lower?.value === b.lower?.value &&
            a.lower?.inclusive === b.lower?.inclusive &&
            a.upper?.value === b.upper?.value &&
            a.upper?.inclusive === b.upper?.inclusive
          : false;
      if (same || sameStructure(a.target, b.target)) {
        identicalPairs.add(`${a.tier}${b.tier}`);
        problems.push({
          code: "identical",
          severity: "error",
          tiers: [a.tier, b.tier],
          zh: `${a.tier}“${a.text.trim()}”与${b.tier}“${b.text.trim()}”相同，无法区分等级`,
          en: `${a.tier} "${a.text.trim()}" and ${b.tier} "${b.text.trim()}" are the same standard`,
        });
      }
    }
  }

  const numeric = ts.filter((t) => t.status === "numeric" && (t.lower || t.upper));
  const unitsOk = !tiers.readingProblems.some((p) => p.code === "mixed_units" && p.severity === "error");
  if (!unitsOk || numeric.length < 2 || !tiers.direction) return problems;
  const higher = tiers.direction === "higher";
  const unit = tiers.unit;

  // inverted: a worse tier's threshold asks more than a better one's (thresholds on the same side only; a
  // worse tier bounded on the other side is an overlap, not an inversion)
  for (let i = 0; i + 1 < numeric.length; i++) {
    const a = numeric[i] as TierThreshold;
    const b = numeric[i + 1] as TierThreshold;
    if (identicalPairs.has(`${a.tier}${b.tier}`)) continue;
    const inverted = higher
      ? a.lower !== undefined && b.lower !== undefined && lowerBeats(b.lower, a.lower)
      : a.upper !== undefined &&
        b.upper !== undefined &&
        (b.upper.value < a.upper.value || (b.upper.value === a.upper.value && !b.upper.inclusive && a.upper.inclusive));
    if (inverted) {
      problems.push({
        code: "inverted",
        severity: "error",
        tiers: [a.tier, b.tier],
        zh: `等级顺序颠倒：${b.tier}“${b.text.trim()}”的要求比${a.tier}“${a.text.trim()}”更高`,
        en: `tiers in the wrong order: ${b.tier} "${b.text.trim()}" asks more than ${a.tier} "${a.text.trim()}"`,
      });
    }
  }

  // overlaps: a worse tier that is bounded on the better side and still reaches into a better tier
  for (let i = 0; i < numeric.length; i++) {
    for (let j = i + 1; j < numeric.length; j++) {
      const a = numeric[i] as TierThreshold;
      const b = numeric[j] as TierThreshold;
      if (identicalPairs.has(`${a.tier}${b.tier}`)) continue;
      const ladder = higher ? b.upper === undefined : b.lower === undefined;
      if (ladder) continue;
      const x = intersect(a, b);
      if (!x) continue;
      if (x.point) {
        problems.push({
          code: "boundary_shared",
          severity: "warning",
          tiers: [a.tier, b.tier],
          zh: `${a.tier}“${a.text.trim()}”与${b.tier}“${b.text.trim()}”都包含 ${x.from?.value}${unit ?? ""}（“以上/以下”、范围的两端都含本数），该值按较高等级计`,
          en: `${a.tier} "${a.text.trim()}" and ${b.tier} "${b.text.trim()}" both include ${x.from?.value}${unit ?? ""}; that value counts in the better tier`,
          ...(x.from ? { from: x.from } : {}),
          ...(x.to ? { to: x.to } : {}),
        });
      } else if (!(unit && COUNT_UNITS.has(unit)) || hasInteger(x.from, x.to)) {
        problems.push({
          code: "overlap",
          severity: "error",
          tiers: [a.tier, b.tier],
          zh: `${a.tier}“${a.text.trim()}”与${b.tier}“${b.text.trim()}”重叠：${rangeText(x.from, x.to, unit)}`,
          en: `${a.tier} "${a.text.trim()}" and ${b.tier} "${b.text.trim()}" overlap on ${rangeText(x.from, x.to, unit)}`,
          ...(x.from ? { from: x.from } : {}),
          ...(x.to ? { to: x.to } : {}),
        });
      }
    }
  }

  // gaps: values that reach no tier
  for (const g of gaps(numeric, unit)) {
    if (unit && COUNT_UNITS.has(unit) && !hasInteger(g.from, g.to)) continue;
    const around = numeric
      .filter(
        (t) =>
          (g.from && (t.upper?.value === g.from.value || t.lower?.value === g.from.value)) ||
          (g.to && (t.lower?.value === g.to.value || t.upper?.value === g.to.value)),
      )
      .map((t) => t.tier);
    const tiersInvolved: TierName[] = around.length > 0 ? [...new Set(around)] : numeric.map((t) => t.tier);
    problems.push({
      code: "gap",
      severity: "error",
      tiers: tiersInvolved,
      zh: `${rangeText(g.from, g.to, unit)} 不属于任何等级`,
      en: `values in ${rangeText(g.from, g.to, unit)} reach no tier`,
      ...(g.from ? { from: g.from } : {}),
      ...(g.to ? { to: g.to } : {}),
    });
  }
  return problems;
}

/**
 * 建议分值: a goal table often states no weights (seed 004 states none), yet the self-evaluation needs each level-3
 * indicator's points. "Weights below level 1 are set by the unit", so this is only a proposal the unit may change:
 * each level-1 group's points under the scheme (a missing group's points moved as the scheme says) shared equally
 * among the group's indicators in hundredths, the odd hundredths to the first ones, so that every group adds up
 * exactly. An indicator whose level 1 the scheme does not score gets none.
 */
import { roundToUnits } from "../numbers/decimal.ts";
import { countedGroup, effectiveGroupPoints, type Level1, level1Of, type ScoringScheme } from "./scheme.ts";

export function suggestPoints(
  scheme: ScoringScheme,
  level1s: readonly (string | null | undefined)[],
): (string | null)[] {
  // The group each row counts in under the scheme (Ningxia counts 满意度 in 效益); none when it does not score it.
  const groups = level1s.map((name) => countedGroup(scheme, name ? level1Of(name) : undefined));
  const members = new Map<Level1, number[]>();
  groups.forEach((g, i) => {
    if (g) members.set(g, [...(members.get(g) ?? []), i]);
  });
  const points = effectiveGroupPoints(scheme, new Set(members.keys()));
  const out: (string | null)[] = level1s.map(() => null);
  for (const [group, rows] of members) {
    const total = points.get(group);
    if (!total) continue;
    const hundredths = roundToUnits(total, 2);
    const n = BigInt(rows.length);
    const base = hundredths / n;
    const odd = Number(hundredths % n);
    rows.forEach((row, k) => {
      out[row] = hundredthsText(base + (k < odd ? 1n : 0n));
    });
  }
  return out;
}

/** 1250n → "12.5", 1000n → "10", 333n → "3.33". */
function hundredthsText(h: bigint): string {
  const whole = h / 100n;
  const cents = (h % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  return cents ? `${whole}.${cents}` : `${whole}`;
}

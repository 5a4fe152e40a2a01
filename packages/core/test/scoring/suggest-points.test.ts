import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { add, cmp, fromInt, parseDecimal, type Ratio, sub, ZERO } from "../../src/numbers/decimal.ts";
import {
  BUILTIN_SCHEMES,
  level1Of,
  NATIONAL_PROJECT_SCHEME,
  NINGXIA_DEPARTMENT_SCHEME,
} from "../../src/scoring/scheme.ts";
import { suggestPoints } from "../../src/scoring/suggest-points.ts";

const NAMES = ["产出指标", "效益指标", "满意度指标", "服务对象满意度", "成本指标", "产出", "其他", null];

const dec = (s: string): Ratio => {
  const r = parseDecimal(s);
  if (!r) throw new Error(`not a decimal: ${s}`);
  return r;
};

describe("suggestPoints", () => {
  it("shares 产出 50 / 效益 30 / 满意度 10 equally in hundredths, the odd hundredths first", () => {
    const got = suggestPoints(NATIONAL_PROJECT_SCHEME, ["产出指标", "产出指标", "产出指标", "效益指标", "满意度指标"]);
    // 50 ÷ 3 = 16.666…: 5000 hundredths = 1666 × 3 + 2, so the first two get 16.67 and the third 16.66.
    expect(got).toEqual(["16.67", "16.67", "16.66", "30", "10"]);
  });

  it("moves 满意度's 10 points to 产出 and 效益 (5 + 5) when the project has no 满意度 indicator", () => {
    expect(suggestPoints(NATIONAL_PROJECT_SCHEME, ["产出指标", "效益指标", "效益指标"])).toEqual([
      "55",
      "17.5",
      "17.5",
    ]);
  });

  it("gives nothing to an indicator whose level 1 the scheme does not score, or that has none", () => {
    expect(suggestPoints(NATIONAL_PROJECT_SCHEME, ["成本指标", null, "其他", "产出指标"])).toEqual([
      null,
      null,
      null,
      "50",
    ]);
  });

  it("for any rows and built-in scheme: each group adds up to its points exactly, shares differ by at most 0.01", () => {
    const schemes = Object.values(BUILTIN_SCHEMES);
    fc.assert(
      fc.property(
        fc.constantFrom(...schemes),
        fc.array(fc.constantFrom(...NAMES), { maxLength: 60 }),
        (scheme, names) => {
          const got = suggestPoints(scheme, names);
          expect(got).toHaveLength(names.length);
          const byGroup = new Map<string, Ratio[]>();
          names.forEach((n, i) => {
            const written = n ? level1Of(n) : undefined;
            // the scheme's group it counts in: itself, or where the scheme folds it (Ningxia: 满意度 → 效益)
            const g = written && (scheme.groups.some((x) => x.level1 === written) ? written : scheme.folds?.[written]);
            if (!g) {
              expect(got[i]).toBeNull();
              return;
            }
            expect(got[i]).not.toBeNull();
            byGroup.set(g, [...(byGroup.get(g) ?? []), dec(got[i]!)]);
          });
          // The expected points of each present group, worked out here from the scheme's data.
          for (const [group, shares] of byGroup) {
            let expected = fromInt(scheme.groups.find((x) => x.level1 === group)!.points);
            for (const [missing, moves] of Object.entries(scheme.whenMissing ?? {})) {
              const targets = Object.keys(moves ?? {});
              const allPresent = targets.every((t) => byGroup.has(t));
              if (!byGroup.has(missing) && allPresent && moves?.[group as keyof typeof moves] !== undefined)
                expected = add(expected, fromInt(moves[group as keyof typeof moves]!));
            }
            const total = shares.reduce(add, ZERO);
            expect(cmp(total, expected)).toBe(0);
            const sorted = [...shares].sort(cmp);
            expect(cmp(sub(sorted.at(-1)!, sorted[0]!), dec("0.01"))).toBeLessThanOrEqual(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("suggestPoints under a scheme that folds a group (issue 12)", () => {
  it("Ningxia: 满意度 rows share 效益's 30 points with the 效益 rows; 决策 20, 管理 10", () => {
    expect(
      suggestPoints(NINGXIA_DEPARTMENT_SCHEME, ["决策指标", "管理指标", "产出指标", "效益指标", "满意度指标"]),
    ).toEqual(["20", "10", "30", "15", "15"]);
  });
});

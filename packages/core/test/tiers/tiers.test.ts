import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkTiers } from "../../src/tiers/check.ts";
import { parseTiers, tierOf } from "../../src/tiers/parse.ts";
import { TIER_NAMES, type TierCells, type TierName, type TierProblemCode } from "../../src/tiers/types.ts";

const row = (优: string, 良: string, 中: string, 差: string): TierCells => ({ 优, 良, 中, 差 });
const codes = (cells: TierCells, name?: string): TierProblemCode[] =>
  [...new Set(checkTiers(parseTiers(cells, name ? { name } : {})).map((p) => p.code))].sort();

describe("parseTiers: thresholds", () => {
  it("reads the seed 000 ladder: 95%以上 / 90%以上 / 85%以上 / 85%以下", () => {
    const t = parseTiers(row("95%以上", "90%以上", "85%以上", "85%以下"));
    expect(t.direction).toBe("higher");
    expect(t.unit).toBe("%");
    expect(t.thresholds.map((x) => [x.tier, x.lower, x.upper])).toEqual([
      ["优", { value: 95, inclusive: true }, undefined],
      ["良", { value: 90, inclusive: true }, undefined],
      ["中", { value: 85, inclusive: true }, undefined],
      ["差", undefined, { value: 85, inclusive: true }],
    ]);
  });

  it("reads bare values as thresholds and the last bare value as 'this or worse'", () => {
    const t = parseTiers(row("100%", "90%", "80%", "70%"));
    expect(t.thresholds.map((x) => [x.lower?.value, x.upper?.value])).toEqual([
      [100, undefined],
      [90, undefined],
      [80, undefined],
      [undefined, 70],
    ]);
  });

  it("reads a lower-is-better row (废品率 0.3‰ / 0.4‰ / 0.5‰ / 0.5‰以上)", () => {
    const t = parseTiers(row("0.3‰", "0.4‰", "0.5‰", "0.5‰以上"));
    expect(t.direction).toBe("lower");
    expect(t.thresholds.map((x) => [x.lower?.value, x.upper?.value])).toEqual([
      [undefined, 0.3],
      [undefined, 0.4],
      [undefined, 0.5],
      [0.5, undefined],
    ]);
  });

  it("reads fractions in a percent row as percentages, exactly, and says so", () => {
    const t = parseTiers(row("0.2", "0.15", "0.1", "不足10%"));
    expect(t.fractionsAsPercent).toBe(true);
    expect(t.thresholds.map((x) => x.lower?.value ?? x.upper?.value)).toEqual([20, 15, 10, 10]);
    expect(t.readingProblems.map((p) => p.code)).toEqual(["fraction_as_percent"]);
  });

  it("leaves bare fractions alone when nothing says they are percentages", () => {
    const t = parseTiers(row("1", "0.8", "0.6", "0.4"));
    expect(t.fractionsAsPercent).toBeUndefined();
    expect(t.thresholds[0]?.lower?.value).toBe(1);
    expect(parseTiers(row("1", "0.8", "0.6", "0.4"), { name: "资助率" }).thresholds[0]?.lower?.value).toBe(100);
  });

  it("reads frequencies as counts per year", () => {
    const t = parseTiers(row("每月一次", "每季度一次", "每半年一次", "每年一次"));
    expect(t.unit).toBe("次/年");
    expect(t.thresholds.map((x) => x.lower?.value ?? x.upper?.value)).toEqual([12, 4, 2, 1]);
  });

  it("reads a compound row as one set of tiers per measure", () => {
    const t = parseTiers(
      row(
        "注册量4500辆以上，年检36000辆以上",
        "注册量4000辆以上，年检30000辆以上",
        "注册量3500辆以上，年检25000辆以上",
        "注册量3500辆以上，年检25000辆以下",
      ),
    );
    expect(t.measures?.map((m) => m.label)).toEqual(["注册量", "年检"]);
    expect(t.measures?.[1]?.tiers.thresholds.map((x) => x.lower?.value ?? x.upper?.value)).toEqual([
      36000, 30000, 25000, 25000,
    ]);
    expect(t.thresholds.every((x) => x.status === "compound")).toBe(true);
  });

  it("marks placeholders, empty and unreadable cells", () => {
    const t = parseTiers(row("**", "", "全年", "无行政复议"));
    expect(t.thresholds.map((x) => x.status)).toEqual(["placeholder", "empty", "unreadable", "words"]);
  });

  it("never throws on any cells", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        (a, b, c, d) => {
          const t = parseTiers(row(a, b, c, d));
          checkTiers(t);
          tierOf(t, a);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

/** One minimal failing and one minimal passing row per problem. */
const PROBLEMS: ReadonlyArray<readonly [TierProblemCode, TierCells, TierCells]> = [
  ["placeholder", row("**", "90%以上", "85%以上", "低于85%"), row("95%以上", "90%以上", "85%以上", "低于85%")],
  ["empty", row("95%以上", "", "85%以上", "低于85%"), row("95%以上", "90%以上", "85%以上", "低于85%")],
  ["unreadable", row("全年", "90%以上", "85%以上", "低于85%"), row("95%以上", "90%以上", "85%以上", "低于85%")],
  ["mixed_units", row("95人以上", "90%以上", "85%以上", "低于85%"), row("95%以上", "90%以上", "85%以上", "低于85%")],
  ["fraction_as_percent", row("0.95", "0.9", "0.85", "低于85%"), row("95%", "90%", "85%", "低于85%")],
  ["identical", row("95%以上", "95%以上", "85%以上", "低于85%"), row("95%以上", "90%以上", "85%以上", "低于85%")],
  ["inverted", row("90%以上", "95%以上", "85%以上", "低于85%"), row("95%以上", "90%以上", "85%以上", "低于85%")],
  ["overlap", row("95%以上", "80%-96%", "75%以上", "低于75%"), row("95%以上", "80%-95%", "75%以上", "低于75%")],
  ["boundary_shared", row("95%以上", "90%以上", "85%以上", "85%以下"), row("95%以上", "90%以上", "85%以上", "低于85%")],
  ["gap", row("95%以上", "90%以上", "85%以上", "低于80%"), row("95%以上", "90%以上", "85%以上", "低于85%")],
];

describe("checkTiers: one problem at a time", () => {
  it.each(PROBLEMS)("%s: reported on the failing row, absent from the passing one", (code, failing, passing) => {
    expect(codes(failing)).toEqual([code]);
    expect(codes(passing)).not.toContain(code);
  });

  it("overlap: the passing row of the overlap case only shares its boundary", () => {
    expect(codes(row("95%以上", "80%-95%", "75%以上", "低于75%"))).toEqual(["boundary_shared"]);
    // (94%, 95%) is no gap: under the ladder 中 “75%以上” means 75% or more, so 94.5% reads as 中
    expect(codes(row("95%以上", "80%-94%", "75%以上", "低于75%"))).toEqual([]);
  });

  it("every problem has a code, a severity, the tiers concerned, Chinese and English text", () => {
    for (const [, failing] of PROBLEMS) {
      for (const p of checkTiers(parseTiers(failing))) {
        expect(p.tiers.length).toBeGreaterThan(0);
        expect(["error", "warning"]).toContain(p.severity);
        expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(p.en).toMatch(/[a-z]/);
      }
    }
  });

  it("gap: reports where the gap is", () => {
    const gap = checkTiers(parseTiers(row("85%", "75%", "65%", "55%以下"))).find((p) => p.code === "gap");
    expect(gap).toMatchObject({ from: { value: 55, inclusive: false }, to: { value: 65, inclusive: false } });
    expect(gap?.zh).toContain("不属于任何等级");
  });

  it("gap: whole counts skip gaps that hold no whole number", () => {
    expect(codes(row("4次以上", "3次以上", "2次以上", "1次以下"))).toEqual([]);
    expect(codes(row("4%以上", "3%以上", "2%以上", "1%以下"))).toEqual(["gap"]);
  });

  it("mixed units: convertible units are converted, words among numbers are reported", () => {
    expect(codes(row("0.5%以下", "6‰以下", "7‰以下", "7‰以上"))).toEqual(["boundary_shared"]);
    expect(codes(row("无行政复议", "90%以上", "80%以上", "低于80%"))).toEqual(["mixed_units"]);
    const mixed = checkTiers(parseTiers(row("95人以上", "90%以上", "85%以上", "低于85%")));
    expect(mixed.find((p) => p.code === "mixed_units")?.severity).toBe("error");
  });

  it("all four empty is one error", () => {
    expect(checkTiers(parseTiers(row("", "", "", "")))).toMatchObject([{ code: "empty", severity: "error" }]);
  });

  it("problems of a compound row name their measure", () => {
    const ps = checkTiers(
      parseTiers(
        row(
          "注册量4500辆以上，年检36000辆以上",
          "注册量4000辆以上，年检30000辆以上",
          "注册量3500辆以上，年检25000辆以上",
          "注册量3500辆以上，年检25000辆以下",
        ),
      ),
    );
    expect(ps.find((p) => p.code === "identical")?.measure).toBe("注册量");
    expect(ps.find((p) => p.code === "boundary_shared")?.measure).toBe("年检");
    expect(ps.find((p) => p.code === "identical")?.zh).toContain("注册量");
  });
});

describe("tierOf", () => {
  const std = parseTiers(row("95%以上", "90%以上", "85%以上", "85%以下"));

  it.each([
    ["100%", "优"],
    ["95%", "优"],
    ["94.99%", "良"],
    ["90%", "良"],
    ["85%", "中"],
    ["84%", "差"],
    ["0", "差"],
  ] as const)("%s → %s on the seed 000 ladder", (actual, tier) => {
    expect(tierOf(std, actual).tier).toBe(tier);
  });

  it("is undecided, not a crash, on NaN", () => {
    expect(tierOf(std, Number.NaN).tier).toBeUndefined();
  });

  it("takes numbers and parsed values too", () => {
    expect(tierOf(std, 92).tier).toBe("良");
    expect(tierOf(std, { kind: "numeric", text: "", op: "=", value: 9.6, unit: "‰" }).tier).toBe("差");
    expect(tierOf(std, { kind: "numeric", text: "", op: "=", value: 960, unit: "‰" }).tier).toBe("优");
  });

  it("falls in no tier inside a gap, and says so", () => {
    const t = parseTiers(row("85%", "75%", "65%", "55%以下"));
    const r = tierOf(t, "60%");
    expect(r.tier).toBeUndefined();
    expect(r.note).toContain("不在任何等级");
  });

  it("reads actual fractions as % in a fraction row", () => {
    const t = parseTiers(row("0.2", "0.15", "0.1", "不足10%"));
    expect(tierOf(t, "0.16").tier).toBe("良");
    expect(tierOf(t, "16%").tier).toBe("良");
    expect(tierOf(t, "9%").tier).toBe("差");
  });

  it("lower is better", () => {
    const t = parseTiers(row("0.3‰", "0.4‰", "0.5‰", "0.5‰以上"));
    expect(tierOf(t, "0.2‰").tier).toBe("优");
    expect(tierOf(t, "0.45‰").tier).toBe("中");
    expect(tierOf(t, "0.8‰").tier).toBe("差");
  });

  it("matches words tiers with compareActual", () => {
    const t = parseTiers(row("无行政复议", "70%-80%", "50%-70%", "不足60%"));
    expect(tierOf(t, "无行政复议").tier).toBe("优");
    expect(tierOf(t, "75%").tier).toBe("良");
    expect(tierOf(t, "55%").tier).toBe("中");
    expect(tierOf(t, "40%").tier).toBe("差");
  });

  it("frequencies", () => {
    const t = parseTiers(row("每月一次", "每季度一次", "每半年一次", "每年一次"));
    expect(tierOf(t, "每月一次").tier).toBe("优");
    expect(tierOf(t, "每季度一次").tier).toBe("良");
    expect(tierOf(t, "6次").tier).toBe("良");
    expect(tierOf(t, "1次").tier).toBe("差");
  });

  it("compound rows: the worst tier over the measures", () => {
    const t = parseTiers(
      row(
        "注册量4500辆以上，年检36000辆以上",
        "注册量4000辆以上，年检30000辆以上",
        "注册量3500辆以上，年检25000辆以上",
        "注册量3500辆以上，年检25000辆以下",
      ),
    );
    expect(tierOf(t, "注册量4600辆，年检37000辆").tier).toBe("优");
    expect(tierOf(t, "注册量4600辆，年检31000辆").tier).toBe("良");
    expect(tierOf(t, "4600辆").tier).toBeUndefined();
  });

  it("property: on a well-formed higher-is-better ladder a higher actual never reaches a worse tier", () => {
    const ladder = fc
      .uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 3, maxLength: 3 })
      .map((xs) => xs.sort((a, b) => b - a));
    fc.assert(
      fc.property(ladder, fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), ([a, b, c], x, y) => {
        const t = parseTiers(row(`${a}%以上`, `${b}%以上`, `${c}%以上`, `低于${c}%`));
        expect(checkTiers(t)).toEqual([]);
        const [lo, hi] = x <= y ? [x / 10, y / 10] : [y / 10, x / 10];
        const rank = (v: number): number => TIER_NAMES.indexOf(tierOf(t, v).tier as TierName);
        expect(rank(lo)).toBeGreaterThanOrEqual(0);
        expect(rank(hi)).toBeLessThanOrEqual(rank(lo));
      }),
      { numRuns: 500 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/errors/domain-error.ts";
import {
  assessExante,
  DEFAULT_EXANTE_POINTS,
  EXANTE_DIMENSIONS,
  exanteConclusion,
  exanteForm,
} from "../../src/exante/index.ts";
import { checkForm, type ScoringForm, scoredItems } from "../../src/expert/form.ts";
import { BUILTIN_FORMS } from "../../src/expert/forms.ts";
import { assertSheet, checkSheet, compareSheets } from "../../src/expert/scores.ts";
import { add, div, fromInt, parseDecimal, sub, toFixed, ZERO } from "../../src/numbers/decimal.ts";

const FORM: ScoringForm = {
  name: "测试评分表",
  sections: [
    {
      key: "a",
      name: "决策",
      maxPoints: "20",
      indicators: [
        { key: "a1", name: "立项依据", maxPoints: "12.5" },
        { key: "a2", name: "目标", maxPoints: "7.5" },
      ],
    },
    { key: "b", name: "产出", maxPoints: "30" },
  ],
};

function problem(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("no error");
}

describe("scoring forms", () => {
  it("lists the scored items: a section's indicators, or the section itself", () => {
    expect(scoredItems(FORM).map((i) => [i.key, i.sectionName, i.maxText])).toEqual([
      ["a1", "决策", "12.5"],
      ["a2", "决策", "7.5"],
      ["b", "产出", "30"],
    ]);
    expect(checkForm(FORM).total).toBe("50.00");
  });

  it("refuses a section whose indicators do not add up to it, duplicate keys, bad points, at their path", () => {
    const off = structuredClone(FORM);
    off.sections[0]!.maxPoints = "21";
    const e = problem(() => checkForm(off));
    expect(e.code).toBe("invalid_scheme");
    expect(e.location?.path).toBe("sections[0].maxPoints");
    expect(e.text.zh).toContain("不一致");
    const dup = structuredClone(FORM);
    dup.sections[1]!.key = "a1";
    expect(problem(() => checkForm(dup)).text.zh).toContain("重复");
    const neg = structuredClone(FORM);
    neg.sections[1]!.maxPoints = "0";
    expect(problem(() => checkForm(neg)).location?.path).toBe("sections[1].maxPoints");
    expect(problem(() => checkForm({ name: "空", sections: [] })).location?.path).toBe("sections");
  });

  it("ships built-in forms that pass the same check (the project evaluation form is worth 100)", () => {
    for (const b of BUILTIN_FORMS) expect(() => checkForm(b.form)).not.toThrow();
    expect(checkForm(BUILTIN_FORMS.find((b) => b.id === "builtin:project-evaluation")!.form).total).toBe("100.00");
  });
});

describe("one expert's sheet", () => {
  it("totals the valid scores and lists what is missing or wrong", () => {
    const c = checkSheet(FORM, { a1: "10", a2: "8", x: "1" });
    expect(c.complete).toBe(false);
    expect(c.total).toBe("10.00");
    expect(c.fullMarks).toBe("50.00");
    expect(c.problems.map((p) => p.key)).toEqual(["a2", "b", "x"]);
    expect(c.problems[0]!.zh).toContain("超过满分 7.5");
    expect(checkSheet(FORM, { a1: "12.5", a2: "7.5", b: "30" })).toMatchObject({ complete: true, total: "50.00" });
  });

  it("lets a draft leave items blank but never store a wrong score; a submission needs every item", () => {
    expect(() => assertSheet(FORM, { a1: "3" }, { complete: false })).not.toThrow();
    expect(problem(() => assertSheet(FORM, { a1: "abc" }, { complete: false })).location?.field).toBe("a1");
    expect(problem(() => assertSheet(FORM, { a1: "3" }, { complete: true })).location?.field).toBe("a2");
  });

  it("accepts every score from 0 to the maximum with up to 2 decimals, and refuses any above (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1250 }), fc.integer({ min: 1, max: 5000 }), (ok, over) => {
        const okText = toFixed(div(fromInt(ok), fromInt(100)), 2);
        const overText = toFixed(add(parseDecimal("12.5")!, div(fromInt(over), fromInt(100))), 2);
        return (
          !checkSheet(FORM, { a1: okText }).problems.some((p) => p.key === "a1") &&
          checkSheet(FORM, { a1: overText }).problems.some((p) => p.key === "a1")
        );
      }),
    );
  });
});

describe("experts side by side", () => {
  const sheets = [
    { expert: "张", scores: { a1: "12", a2: "6", b: "25" } },
    { expert: "李", scores: { a1: "10", a2: "6.5", b: "15" } },
    { expert: "王", scores: { a1: "11", a2: "7" } },
  ];

  it("averages each item over the experts who scored it, totals the complete sheets, flags spreads over the threshold", () => {
    const c = compareSheets(FORM, sheets, "20");
    const a1 = c.items.find((i) => i.key === "a1")!;
    expect(a1.scores).toEqual(["12", "10", "11"]);
    expect(a1.average).toBe("11.00");
    expect(a1.spread).toBe("2.00");
    // 20 % of 12.5 is 2.5: a spread of 2 is within it
    expect(a1.diverges).toBe(false);
    const b = c.items.find((i) => i.key === "b")!;
    expect(b.scores).toEqual(["25", "15", null]);
    expect(b.average).toBe("20.00");
    // 20 % of 30 is 6: a spread of 10 diverges
    expect(b.diverges).toBe(true);
    expect(c.diverging).toEqual(["b"]);
    expect(c.totals).toEqual(["43.00", "31.50", null]);
    expect(c.averageTotal).toBe("37.25");
    expect(c.totalSpread).toBe("11.50");
    // 20 % of 50 is 10
    expect(c.totalDiverges).toBe(true);
  });

  it("keeps the average exact until shown (a third is rounded once)", () => {
    const c = compareSheets(FORM, [
      { expert: "1", scores: { b: "10" } },
      { expert: "2", scores: { b: "10" } },
      { expert: "3", scores: { b: "11" } },
    ]);
    expect(c.items.find((i) => i.key === "b")!.average).toBe("10.33");
  });

  it("flags a spread exactly at the threshold as not diverging, one just above as diverging (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 3000 }), (pct, hundredths) => {
        const spread = div(fromInt(hundredths), fromInt(100));
        const c = compareSheets(
          FORM,
          [
            { expert: "1", scores: { b: "0" } },
            { expert: "2", scores: { b: toFixed(spread, 2) } },
          ],
          String(pct),
        );
        const limit = div(fromInt(30 * pct), fromInt(100));
        const above = sub(spread, limit).n > 0n;
        return c.items.find((i) => i.key === "b")!.diverges === above;
      }),
    );
  });

  it("refuses a threshold outside 0–100", () => {
    expect(problem(() => compareSheets(FORM, sheets, "120")).location?.field).toBe("thresholdPercent");
  });
});

describe("事前绩效评估", () => {
  it("has the five dimensions worth 20 each by default, 100 in all", () => {
    expect(EXANTE_DIMENSIONS.map((d) => d.name)).toEqual([
      "立项必要性",
      "投入经济性",
      "绩效目标合理性",
      "实施方案可行性",
      "筹资合规性",
    ]);
    const sum = Object.values(DEFAULT_EXANTE_POINTS).reduce((t, p) => add(t, parseDecimal(p)!), ZERO);
    expect(toFixed(sum, 0)).toBe("100");
    expect(checkForm(exanteForm()).total).toBe("100.00");
  });

  it("derives the conclusion from the share of full marks: ≥80 % 予以支持, ≥60 % 部分支持, below 不予支持", () => {
    expect(exanteConclusion("80", "100")).toBe("予以支持");
    expect(exanteConclusion("79.99", "100")).toBe("部分支持");
    expect(exanteConclusion("60", "100")).toBe("部分支持");
    expect(exanteConclusion("59.99", "100")).toBe("不予支持");
    // other points: 96 of 120 is 80 %
    expect(exanteConclusion("96", "120")).toBe("予以支持");
    expect(exanteConclusion("70", "100", { support: "90", partial: "70" })).toBe("部分支持");
    expect(problem(() => exanteConclusion("70", "100", { support: "50", partial: "70" })).location?.field).toBe(
      "partial",
    );
  });

  it("scores every dimension against configurable points and keeps an override only with a reason", () => {
    const scores = { necessity: "18", economy: "15", goals: "12", feasibility: "16", compliance: "10" };
    const a = assessExante({ scores });
    expect(a).toMatchObject({ total: "71.00", fullMarks: "100.00", percent: "71.00", derived: "部分支持" });
    expect(a.conclusion).toBe("部分支持");
    expect(a.overridden).toBe(false);
    const o = assessExante({ scores, override: { conclusion: "予以支持", reason: "列入市委重点任务" } });
    expect(o).toMatchObject({ conclusion: "予以支持", derived: "部分支持", overridden: true });
    expect(
      problem(() => assessExante({ scores, override: { conclusion: "不予支持", reason: " " } })).location?.field,
    ).toBe("overrideReason");
    expect(problem(() => assessExante({ scores: { ...scores, compliance: "25" } })).location?.field).toBe("compliance");
    const heavier = assessExante({ points: { necessity: "40" }, scores: { ...scores, necessity: "38" } });
    expect(heavier.fullMarks).toBe("120.00");
    expect(heavier.total).toBe("91.00");
  });
});

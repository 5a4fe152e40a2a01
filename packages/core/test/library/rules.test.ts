import { describe, expect, it } from "vitest";
import { buildLibrary, libraryRules } from "../../src/library/index.ts";
import type { IndicatorUsage } from "../../src/library/types.ts";
import { reviewFindings } from "../../src/review/engine.ts";
import { buildDocument, buildProject, buildProjectSelfEvaluation, ind } from "../review/factory.ts";
import { run } from "../review/helpers.ts";

const history = (name: string, targets: string[], unit?: string): IndicatorUsage[] =>
  targets.map((targetText, i) => ({
    name,
    targetText,
    ...(unit ? { unit } : {}),
    year: 2022 + (i % 3),
    source: { kind: "project", id: `h${name}${i}`, name: "往年项目" },
  }));

const entries = buildLibrary([
  ...history("培训人数", ["≥100人", "≥120人", "≥110人"]),
  ...history("群众满意度", ["≥90%", "≥95%", "≥92%", "≥95%"]),
  ...history("人均培训费用", ["≤500元", "≤450元", "≤520元"]),
  ...history("办案时长", ["≤2小时", "≤3小时", "≤2小时"]),
  ...history("宣传次数", ["≥10次", "≥12次"]),
]);

const projectWith = (...indicators: ReturnType<typeof ind>[]) =>
  buildDocument({ projects: [buildProject({ indicators })] });

describe("library.target-below-history", () => {
  const [belowHistory] = libraryRules({ entries });

  it("flags a higher-is-better target below 0.8 × the historical median, with the numbers", () => {
    // median of 100, 110, 120 = 110; 0.8 × 110 = 88
    const found = run(belowHistory!, projectWith(ind("培训人数（人）", "≥80人"), ind("培训人数", "≥88人")));
    expect(found).toHaveLength(1);
    expect(found[0]!.details).toMatchObject({ stated: "80", computed: "110", unit: "人", share: "0.8", uses: 3 });
    expect(found[0]!.location.path).toBe("projects[0].indicators[0].target");
    expect(found[0]!.message).toContain("中位数 110人");
  });

  it("flags a lower-is-better target looser than median ÷ 0.8, and compares through unit conversion", () => {
    // median 500 元; 500 ÷ 0.8 = 625
    const cost = run(belowHistory!, projectWith(ind("人均培训费用", "≤630元"), ind("人均培训费用", "≤625元")));
    expect(cost.map((f) => f.details?.stated)).toEqual(["630"]);
    // median 2 小时 = 120 分钟; 120 ÷ 0.8 = 150
    const time = run(belowHistory!, projectWith(ind("办案时长", "≤160分钟"), ind("办案时长", "≤150分钟")));
    expect(time.map((f) => [f.details?.stated, f.details?.computed])).toEqual([["160", "120"]]);
  });

  it("takes the share as a parameter and needs minHistory targets for a median", () => {
    const [strict] = libraryRules({ entries }, { wellBelowShare: "0.95" });
    // 0.95 × 93.5 (median of 90, 92, 95, 95) = 88.825
    expect(run(strict!, projectWith(ind("群众满意度", "≥88%"))).map((f) => f.details?.stated)).toEqual(["88"]);
    expect(run(belowHistory!, projectWith(ind("群众满意度", "≥88%")))).toEqual([]);
    // 宣传次数 has only two targets: no norm with the default, one with minHistory 2
    expect(run(belowHistory!, projectWith(ind("宣传次数", "≥1次")))).toEqual([]);
    const [loose] = libraryRules({ entries }, { minHistory: 2 });
    expect(run(loose!, projectWith(ind("宣传次数", "≥1次")))).toHaveLength(1);
    expect(() => libraryRules({ entries }, { wellBelowShare: "1.5" })).toThrow(RangeError);
  });

  it("says nothing on words, unknown indicators, a ceiling compared with floors, or self-evaluations", () => {
    const doc = buildDocument({
      projects: [
        buildProject({
          indicators: [
            ind("培训人数", "明显提高"),
            ind("新指标", "≥1人"),
            ind("培训人数", "≤50人"),
            ind("培训人数", "≥50件"),
          ],
        }),
      ],
      projectSelfEvaluations: [
        buildProjectSelfEvaluation({ indicators: [ind("培训人数", "≥10人", { actual: { text: "12人" } })] }),
      ],
    });
    expect(run(belowHistory!, doc)).toEqual([]);
  });

  it("runs through the review engine with the engine's rule id, category and severity", () => {
    const found = reviewFindings(projectWith(ind("培训人数", "≥50人")), {}, libraryRules({ entries }));
    expect(found.map((f) => [f.rule, f.category, f.severity])).toEqual([
      ["library.target-below-history", "适当性", "warning"],
    ]);
  });
});

describe("library.target-below-last-actual", () => {
  const rules = (previous: Record<string, { name: string; actualText: string; unit?: string }[]>) =>
    libraryRules({ entries: [], previousActuals: previous })[1]!;

  it("flags a target below what the same project reached last year, by name as normalised", () => {
    const rule = rules({
      "projects[0]": [
        { name: "培训人数（人）", actualText: "130人" },
        { name: "群众满意度", actualText: "96", unit: "%" },
        { name: "人均培训费用", actualText: "420元" },
      ],
    });
    const found = run(
      rule,
      projectWith(
        ind("培训人数", "≥120人"),
        ind("群众满意度", "≥96%"),
        ind("人均培训费用", "≤450元"),
        ind("人均培训费用", "≤400元"),
      ),
    );
    expect(found.map((f) => [f.location.path, f.details?.stated, f.details?.computed])).toEqual([
      ["projects[0].indicators[0].target", "120", "130"],
      ["projects[0].indicators[2].target", "450", "420"],
    ]);
    expect(found[0]!.message).toBe(
      "指标「培训人数」的指标值 ≥120人 低于本项目上年实际完成值 130人，请说明理由或提高目标",
    );
  });

  it("reads an actual without a unit in the target's unit, and skips words or other scopes", () => {
    const rule = rules({
      "projects[0]": [
        { name: "培训人数", actualText: "130" },
        { name: "完成情况", actualText: "完成" },
      ],
    });
    expect(
      run(rule, projectWith(ind("培训人数", "≥100人"), ind("完成情况", "≥1次"))).map((f) => f.details?.computed),
    ).toEqual(["130"]);
    expect(
      run(rules({ "projects[1]": [{ name: "培训人数", actualText: "130人" }] }), projectWith(ind("培训人数", "≥1人"))),
    ).toEqual([]);
  });
});

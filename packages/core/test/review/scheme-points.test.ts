import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Indicator } from "../../src/model/document.ts";
import { parseReviewConfig } from "../../src/review/config-schema.ts";
import { reviewDocument } from "../../src/review/engine.ts";
import { pointsMatchScheme } from "../../src/review/rules/scheme-points.ts";
import type { ReviewConfigInput } from "../../src/review/types.ts";
import { buildDocument, buildProject, buildProjectSelfEvaluation, ind } from "./factory.ts";
import { run } from "./helpers.ts";

const w = (v: string) => ({ text: v, value: v });
const row = (level1: string, name: string, points: string): Indicator =>
  ind(name, "≥90%", { level1, weight: w(points) });

/** The demo project: 产出 30 + 30, 效益 20, 满意度 20. */
const demo = () => [
  row("产出指标", "整治行动次数", "30"),
  row("产出指标", "违法查处率", "30"),
  row("效益指标", "事故下降率", "20"),
  row("满意度指标", "群众满意度", "20"),
];
const goal = (indicators: Indicator[]) => buildDocument({ projects: [buildProject({ indicators })] });
const NINETY: ReviewConfigInput = { weightTotals: { project: "90" } };

describe("scoring.points-match-scheme at goal time", () => {
  it("60 / 20 / 20 against the national 50 / 30 / 10 (goal tables at the scheme's 90): an error with the fix", () => {
    const [f, ...rest] = run(pointsMatchScheme, goal(demo()), NINETY);
    expect(rest).toEqual([]);
    expect(f!.message).toContain("产出 60（应为 50）、效益 20（应为 30）、满意度 20（应为 10）");
    expect(f!.message).toContain("评价时将按方案折算");
    expect(f!.messageEn).toContain("output 60 (expected 50), effect 20 (expected 30), satisfaction 20 (expected 10)");
    // each group scaled into its points: 30 × 50/60 = 25, 20 × 30/20 = 30, 20 × 10/20 = 10
    expect(f!.fix).toMatchObject({ kind: "set-points", scheme: "national-project", path: "projects[0]" });
    expect(f!.fix!.points).toEqual(["25", "25", "30", "10"]);
    expect(f!.fix!.changes.map((c) => [c.name, c.from, c.to, c.location.path])).toEqual([
      ["整治行动次数", "30", "25", "projects[0].indicators[0].weight"],
      ["违法查处率", "30", "25", "projects[0].indicators[1].weight"],
      ["事故下降率", "20", "30", "projects[0].indicators[2].weight"],
      ["群众满意度", "20", "10", "projects[0].indicators[3].weight"],
    ]);
  });

  it("a table at the scheme's points passes, whatever the configured total", () => {
    const ok = [
      row("产出指标", "a", "25"),
      row("产出指标", "b", "25"),
      row("效益指标", "c", "30"),
      row("满意度指标", "d", "10"),
    ];
    expect(run(pointsMatchScheme, goal(ok))).toEqual([]);
    expect(run(pointsMatchScheme, goal(ok), NINETY)).toEqual([]);
  });

  it("at the default goal total of 100 it asks for the scheme's proportions at 100 (55.56 / 33.33 / 11.11), so that indicator.weights-sum agrees", () => {
    const [f] = run(pointsMatchScheme, goal(demo()));
    expect(f!.message).toContain(
      "产出 60（应为 55.56）、效益 20（应为 33.33）、满意度 20（应为 11.11）（按分值合计 100 折合）",
    );
    // 55.56 shared 30 : 30 → 27.78 + 27.78
    expect(f!.fix!.points).toEqual(["27.78", "27.78", "33.33", "11.11"]);
    const fixed = demo().map((i, k) => ({ ...i, weight: w(f!.fix!.points[k]!) }));
    const after = reviewDocument(goal(fixed)).findings.map((x) => x.rule);
    expect(after).not.toContain("scoring.points-match-scheme");
    expect(after).not.toContain("indicator.weights-sum");
  });

  it("no 满意度 group: its points move to 产出 and 效益 as the scheme says (55 / 35 at 90)", () => {
    const [f] = run(pointsMatchScheme, goal([row("产出指标", "a", "40"), row("效益指标", "b", "40")]), NINETY);
    expect(f!.fix!.points).toEqual(["55", "35"]);
  });

  it("says nothing without points, for a scheme that honours the unit's weights, or for an unknown scheme", () => {
    expect(run(pointsMatchScheme, goal([ind("a", "≥1次", { level1: "产出指标" })]))).toEqual([]);
    expect(run(pointsMatchScheme, goal(demo()), { scoringScheme: "sichuan-project" })).toEqual([]);
    expect(run(pointsMatchScheme, goal(demo()), { scoringScheme: "no-such-scheme" })).toEqual([]);
  });

  it("uses the configured scheme: department-20-80 (the demo's id) expects 40 / 30 / 10", () => {
    const [f] = run(pointsMatchScheme, goal(demo()), {
      scoringScheme: "department-20-80",
      weightTotals: { project: "80" },
    });
    expect(f!.fix!.scheme).toBe("department-2080");
    expect(f!.fix!.points).toEqual(["20", "20", "30", "10"]);
  });

  it("checks a self-evaluation's points too (at its 90)", () => {
    const se = buildProjectSelfEvaluation();
    se.indicators = se.indicators.map((i, k) => ({ ...i, weight: w(["60", "20", "10"][k]!) }));
    const [f] = run(pointsMatchScheme, buildDocument({ projectSelfEvaluations: [se] }));
    expect(f!.fix!.points).toEqual(["50", "30", null]); // 满意度 is already 10
  });

  it("is registered: reviewDocument gives it as an error of 评分 with its fix; the config names the scheme", () => {
    const r = reviewDocument(goal(demo()), NINETY);
    const f = r.findings.find((x) => x.rule === "scoring.points-match-scheme")!;
    expect(f).toMatchObject({ category: "评分", severity: "error" });
    expect(f.fix!.points).toEqual(["25", "25", "30", "10"]);
    expect(parseReviewConfig({ scoringScheme: "department-20-80" }).ok).toBe(true);
    const bad = parseReviewConfig({ scoringScheme: "provincial" });
    expect(bad.ok).toBe(false);
  });

  it("for any points, the fix makes the rule silent (every group then adds up to its points)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            level1: fc.constantFrom("产出指标", "效益指标", "满意度指标", "决策指标", "管理指标"),
            points: fc.integer({ min: 0, max: 5000 }),
          }),
          { minLength: 1, maxLength: 10 },
        ),
        fc.constantFrom<ReviewConfigInput>({}, NINETY),
        fc.constantFrom("national-project", "department-2080", "chongqing-project", "ningxia-department"),
        (rows, base, scoringScheme) => {
          const config = { ...base, scoringScheme };
          const inds = rows.map((r, k) => row(r.level1, `i${k}`, String(r.points / 100)));
          const [f] = run(pointsMatchScheme, goal(inds), config);
          if (!f) return;
          const fixed = inds.map((i, k) => ({ ...i, weight: w(f.fix!.points[k] ?? i.weight!.value!) }));
          expect(run(pointsMatchScheme, goal(fixed), config)).toEqual([]);
        },
      ),
    );
  });
});

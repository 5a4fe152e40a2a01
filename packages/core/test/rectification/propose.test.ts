import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { proposeFromEvaluation } from "../../src/rectification/propose.ts";
import { parseEvaluationInput } from "../../src/scoring/input.ts";
import { scoreEvaluation } from "../../src/scoring/score.ts";

const ind = (index: number, met: boolean | undefined, name = `指标${index}`) => ({
  index,
  name,
  level1: "产出指标",
  level2: "数量指标",
  target: "≥100人",
  actual: "80人",
  met,
  score: 4,
});

describe("rectification items proposed from a self-evaluation's shortfalls", () => {
  it("proposes one item per missed target, for a grade of 中 or 差 and for execution below 90%", () => {
    const p = proposeFromEvaluation({
      title: "道路交通秩序整治",
      grade: "中",
      total: 72.456,
      executionRate: "85.50",
      indicators: [ind(0, true), ind(1, false, "培训人数"), ind(2, undefined), ind(3, false)],
    });
    expect(p.map((x) => x.key)).toEqual(["grade", "execution", "indicator:1", "indicator:3"]);
    expect(p[0]!.problem).toBe("道路交通秩序整治绩效自评等级为「中」（总分 72.46）");
    expect(p[1]!.problem).toBe("道路交通秩序整治预算执行率 85.50%，低于 90%");
    expect(p[2]).toMatchObject({ shortfall: "missed_target", indicator: "培训人数" });
    expect(p[2]!.problem).toBe(
      "道路交通秩序整治「培训人数」（产出指标/数量指标）未达到年度指标值：目标 ≥100人，实际 80人，得分 4",
    );
  });

  it("proposes nothing for a good evaluation: grade 良 or 优, execution of exactly 90%, every target met", () => {
    for (const grade of ["优", "良", undefined]) {
      expect(proposeFromEvaluation({ title: "x", grade, executionRate: "90.00", indicators: [ind(0, true)] })).toEqual(
        [],
      );
    }
    expect(proposeFromEvaluation({ title: "x", grade: "差", indicators: [] })[0]!.requiredMeasures).toContain("压减");
    expect(proposeFromEvaluation({ title: "x", grade: "不合格", indicators: [] })).toHaveLength(1);
  });

  it("reads core's ScoreResult as it is: seed 002's self-evaluation", () => {
    const json = JSON.parse(
      readFileSync(join(import.meta.dirname, "../../../../fixtures/evaluations/seed-002.json"), "utf8"),
    );
    const parsed = parseEvaluationInput(json);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const result = scoreEvaluation(parsed.value);
    const proposals = proposeFromEvaluation({ ...result, title: result.title ?? "seed 002" });
    const missed = result.indicators.filter((i) => i.met === false);
    expect(proposals.filter((p) => p.shortfall === "missed_target")).toHaveLength(missed.length);
    expect(proposals.some((p) => p.shortfall === "execution")).toBe(
      result.executionRate !== undefined && Number.parseFloat(result.executionRate) < 90,
    );
  });
});

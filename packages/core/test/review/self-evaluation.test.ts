import { describe, expect, it } from "vitest";
import type { Indicator, ProjectSelfEvaluation } from "../../src/model/document.ts";
import {
  farOverWithoutExplanation,
  lowExecution,
  missedWithoutReason,
  missingActual,
  scoreDiffers,
  statedTotal,
} from "../../src/review/rules/self-evaluation.ts";
import { amount, buildDepartmentSelfEvaluation, buildDocument, buildProjectSelfEvaluation, ind } from "./factory.ts";
import { run } from "./helpers.ts";

/** A project self-evaluation whose first indicator (培训人数, ≥100人, 50 points) is changed. */
function withFirst(over: Partial<Indicator>, target = "≥100人", rest: Partial<ProjectSelfEvaluation> = {}) {
  const p = buildProjectSelfEvaluation(rest);
  const first = p.indicators[0]!;
  p.indicators[0] = ind(first.name, target, {
    level1: first.level1,
    weight: first.weight,
    score: first.score,
    ...over,
  });
  return buildDocument({ projectSelfEvaluations: [p] });
}

describe("selfeval.missing-actual", () => {
  it("fails for an indicator without an actual value (seed 003 rows 90, 91)", () => {
    const f = run(missingActual, withFirst({ actual: { text: "" } }));
    expect(f).toHaveLength(1);
    expect(f[0]!.location.field).toBe("actual");
  });
  it("passes when every actual is filled in", () => {
    expect(run(missingActual, buildDocument({ projectSelfEvaluations: [buildProjectSelfEvaluation()] }))).toEqual([]);
  });
});

describe("selfeval.missed-without-reason", () => {
  it("fails for a missed target with no deviation reason", () => {
    const f = run(missedWithoutReason, withFirst({ actual: { text: "80人" }, score: { text: "40", value: "40" } }));
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain("未完成目标");
  });
  it("passes with a reason on the row, or a passage of the report naming the indicator", () => {
    expect(run(missedWithoutReason, withFirst({ actual: { text: "80人" }, deviation: "疫情影响" }))).toEqual([]);
    const doc = withFirst({ actual: { text: "80人" } });
    doc.paragraphs.push({ text: "培训人数未达目标，原因是疫情期间停训。", location: { file: "t", row: 150 } });
    expect(run(missedWithoutReason, doc)).toEqual([]);
  });
});

describe("selfeval.far-over-without-explanation", () => {
  it("fails at 130% of the target without an explanation", () => {
    const f = run(farOverWithoutExplanation, withFirst({ actual: { text: "130人" } }));
    expect(f[0]!.details).toMatchObject({ computed: "130%" });
  });
  it("passes below the threshold, or with an explanation; the threshold is a setting", () => {
    expect(run(farOverWithoutExplanation, withFirst({ actual: { text: "129人" } }))).toEqual([]);
    expect(run(farOverWithoutExplanation, withFirst({ actual: { text: "300人" }, deviation: "超量完成" }))).toEqual([]);
    expect(
      run(farOverWithoutExplanation, withFirst({ actual: { text: "129人" } }), { farOverRatio: "1.2" }),
    ).toHaveLength(1);
  });
});

describe("selfeval.low-execution", () => {
  const dept = (executed: string, deviation?: string) =>
    buildDocument({
      departmentSelfEvaluation: buildDepartmentSelfEvaluation({
        budget: {
          label: "部门整体支出总额",
          budget: amount("100"),
          executed: amount(executed),
          location: { file: "t", row: 52 },
        },
        ...(deviation ? { deviation } : {}),
      }),
    });
  it("fails below 90% without an explanation", () => {
    expect(run(lowExecution, dept("88"))[0]!.details).toMatchObject({ computed: "88.00%" });
  });
  it("passes at 90%, or with the deviation analysis filled in", () => {
    expect(run(lowExecution, dept("90"))).toEqual([]);
    expect(run(lowExecution, dept("50", "受疫情影响，项目未开展"))).toEqual([]);
  });
});

describe("selfeval.score-differs (core's computeScores)", () => {
  it("notes a stated score that is not the formula's", () => {
    const doc = withFirst({ actual: { text: "80人" }, score: { text: "45", value: "45" }, deviation: "疫情" });
    const [f] = run(scoreDiffers, doc);
    expect(f!.details).toMatchObject({ stated: "45", computed: "40", difference: "5" });
    expect(f!.location.path).toBe("projectSelfEvaluations[0].indicators[0].score");
  });
  it("nothing stated (seed 003's layout): nothing to compare", () => {
    const p = buildProjectSelfEvaluation({ totalScore: undefined });
    p.funds[0]!.score = undefined;
    for (const i of p.indicators) i.score = undefined;
    p.indicators[0]!.actual = { text: "10人" };
    expect(run(scoreDiffers, buildDocument({ projectSelfEvaluations: [p] }))).toEqual([]);
  });
  it("passes when every stated score is the formula's", () => {
    expect(run(scoreDiffers, buildDocument({ projectSelfEvaluations: [buildProjectSelfEvaluation()] }))).toEqual([]);
  });
});

describe("selfeval.stated-total", () => {
  it("fails when the stated total is not the sum of the stated scores", () => {
    const p = buildProjectSelfEvaluation({ totalScore: { text: "98", value: "98" } });
    const [f] = run(statedTotal, buildDocument({ projectSelfEvaluations: [p] }));
    expect(f!.details).toMatchObject({ stated: "98", computed: "99.5" });
  });
  it("passes when it is", () => {
    expect(run(statedTotal, buildDocument({ projectSelfEvaluations: [buildProjectSelfEvaluation()] }))).toEqual([]);
  });
});

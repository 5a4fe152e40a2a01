import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseEvaluationInput } from "../../src/scoring/input.ts";
import { scoreEvaluation } from "../../src/scoring/score.ts";

/** Seed 002 end to end: the hand-built JSON, parsed, with targets read by parseTarget / compareActual. */
describe("seed 002 from fixtures/evaluations/seed-002.json", () => {
  const json = JSON.parse(
    readFileSync(new URL("../../../../fixtures/evaluations/seed-002.json", import.meta.url), "utf8"),
  );
  const parsed = parseEvaluationInput(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems, null, 2));
  const r = scoreEvaluation(parsed.value);

  it("执行率 88.35%, 20 × 执行率 = 17.67 against 18", () => {
    expect(r.executionRate).toBe("88.35");
    expect(r.executionScore).toBe(17.67);
    expect(r.statedExecutionScore).toBe(18);
  });

  it("stated: 35 + 30 + 9 = 74, total 92 (优)", () => {
    expect(r.groups.map((g) => [g.name, g.points, g.statedScore])).toEqual([
      ["产出指标", 40, 35],
      ["效益指标", 30, 30],
      ["满意度指标", 10, 9],
    ]);
    expect(r.statedTotal).toBe(92);
    expect(r.statedGrade).toBe("优");
  });

  it("聘用辅警数量 302 → 260 at 2 points suggests 1.72 (stated 1); 双评议满意率 大于 95% → 92.22% suggests 9.71 (stated 9)", () => {
    const by = (n: string) => r.indicators.find((i) => i.name === n)!;
    expect(by("聘用辅警数量")).toMatchObject({ score: 1.72, statedScore: 1, difference: -0.72, met: false });
    expect(by("双评议满意率")).toMatchObject({ score: 9.71, statedScore: 9, difference: -0.71, met: false });
    expect(by("新增汉警快骑人员")).toMatchObject({ score: 0, statedScore: 0 });
    expect(by("化工大道交通设施建设")).toMatchObject({ score: 0, statedScore: 0, met: false });
  });

  it("every other indicator reaches its target and gets its full points, as stated", () => {
    const rest = r.indicators.filter(
      (i) => !["聘用辅警数量", "双评议满意率", "新增汉警快骑人员", "化工大道交通设施建设"].includes(i.name),
    );
    expect(rest).toHaveLength(20);
    for (const i of rest) expect([i.name, i.score, i.met]).toEqual([i.name, i.points, true]);
  });

  it("suggests 17.67 + 35.72 + 30 + 9.71 = 93.1 and lists the differences", () => {
    expect(r.groups.map((g) => g.score)).toEqual([35.72, 30, 9.71]);
    expect(r.total).toBe(93.1);
    expect(r.grade).toBe("优");
    expect(r.differences.map((d) => [d.kind, d.name, d.stated, d.computed])).toEqual([
      ["execution-score", "预算执行率得分", 18, 17.67],
      ["indicator", "聘用辅警数量", 1, 1.72],
      ["indicator", "双评议满意率", 9, 9.71],
      ["group", "产出指标", 35, 35.72],
      ["group", "满意度指标", 9, 9.71],
      ["indicator-total", "指标得分合计", 74, 75.43],
      ["total", "总分", 92, 93.1],
    ]);
    expect(r.problems).toEqual([]);
  });
});

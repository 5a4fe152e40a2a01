import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseWanYuan, parseYuan } from "../../src/money/money.ts";
import { toDecimalString } from "../../src/numbers/decimal.ts";
import { type InputProblem, parseEvaluationInput, problemsToDomainError } from "../../src/scoring/input.ts";
import { DEPARTMENT_2080_SCHEME } from "../../src/scoring/scheme.ts";
import { scoreEvaluation, toRatio } from "../../src/scoring/score.ts";

const SEED_002 = JSON.parse(
  readFileSync(new URL("../../../../fixtures/evaluations/seed-002.json", import.meta.url), "utf8"),
);

function minimal(): Record<string, unknown> {
  return {
    scheme: "national-project",
    budget: { budget: "100", executed: "90" },
    indicators: [{ level1: "产出指标", name: "a", target: "≥10人", actual: "10人", points: 50 }],
  };
}

function problems(json: unknown): InputProblem[] {
  const r = parseEvaluationInput(json);
  if (r.ok) throw new Error("expected problems");
  return r.problems;
}

describe("the seed-002 file", () => {
  it("parses: 24 indicators, 40 + 30 + 10 points, amounts in 万元", () => {
    const r = parseEvaluationInput(SEED_002);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const v = r.value;
    expect(v.scheme).toBe(DEPARTMENT_2080_SCHEME);
    expect(v.indicators).toHaveLength(24);
    expect(v.budget.budget).toBe(parseWanYuan("2953.33"));
    expect(v.budget.executed).toBe(2_609_140_000n);
    const pts = (l1: string) =>
      v.indicators.filter((i) => i.level1 === l1).reduce((s, i) => s + Number(toDecimalString(toRatio(i.points))), 0);
    expect([pts("产出指标"), pts("效益指标"), pts("满意度指标")]).toEqual([40, 30, 10]);
    expect(v.indicators.filter((i) => i.level1 === "产出指标")).toHaveLength(19);
    expect(toDecimalString(toRatio(v.statedTotal!))).toBe("92");
  });
});

describe("input conversion", () => {
  it("accepts numbers for amounts and scores, converted exactly through their decimal text", () => {
    const j = minimal();
    j.budget = { budget: 2953.33, executed: 2609.14, statedScore: "18", statedRate: 88.3 };
    const r = parseEvaluationInput(j);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.budget.budget).toBe(parseWanYuan("2953.33"));
    expect(toDecimalString(toRatio(r.value.budget.statedScore!))).toBe("18");
    expect(r.value.budget.statedRate).toBe("88.3");
  });

  it("reads amounts in 元 when told", () => {
    const j = minimal();
    j.unit = "元";
    j.budget = {
      budget: "166,933,259.08",
      executed: "165,794,459.08",
      initial: "170,294,599.63",
      adjustment: "-3,361,340.55",
    };
    const r = parseEvaluationInput(j);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.budget.budget).toBe(parseYuan("166,933,259.08"));
    expect(r.value.budget.adjustment).toBe(-336_134_055n);
  });

  it("keeps structured targets, tiers in Chinese, and separate unit / operator columns", () => {
    const j = minimal();
    j.indicators = [
      {
        level1: "产出",
        name: "a",
        target: { text: "共 302 名", value: 302, op: "≥", unit: "名" },
        actual: 260,
        points: 50,
        unit: "人次",
        op: "≥",
      },
      { level1: "效益", name: "b", target: "明显提高", actual: "有所提高", points: 30, tier: "部分达成" },
    ];
    const r = parseEvaluationInput(j);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.indicators[0]!.target).toEqual({
      text: "共 302 名",
      value: 302,
      op: ">=",
      unit: "名",
      kind: "numeric",
    });
    expect(r.value.indicators[0]!.actual).toBe("260");
    expect(r.value.indicators[0]!.hints).toEqual({ unit: "人次", op: ">=" });
    expect(r.value.indicators[1]!.tier).toBe("partial");
  });

  it("builds a custom scheme on a built-in one", () => {
    const j = minimal();
    j.scheme = { extends: "department-2080", id: "wuhan-2021", grades: "pass-fail", rounding: { total: 1 } };
    const r = parseEvaluationInput(j);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.scheme.id).toBe("wuhan-2021");
    expect(r.value.scheme.execution.points).toBe(20);
    expect(r.value.scheme.rounding).toEqual({ indicator: "0.01", execution: "0.01", total: "1" });
    expect(r.value.scheme.grades.map((g) => g.grade)).toEqual(["优", "良", "合格", "不合格"]);
  });
});

describe("input problems, each with its JSON path and a Chinese and English message", () => {
  it("a missing field", () => {
    const j = minimal();
    j.budget = { budget: "100" };
    expect(problems(j)).toEqual([
      { path: "budget.executed", code: "invalid_input", zh: "缺少必填字段", en: "a required field is missing" },
    ]);
  });

  it("a wrong type, with what was expected", () => {
    const j = minimal();
    (j.indicators as Record<string, unknown>[])[0]!.name = 5;
    const [p] = problems(j);
    expect(p).toMatchObject({ path: "indicators[0].name" });
    expect(p!.zh).toBe("应为文本，实际为数字");
    expect(p!.en).toBe("expected text, got a number");
  });

  it("an unknown field, with a guess", () => {
    const j = minimal();
    (j.indicators as Record<string, unknown>[])[0]!.statedscore = 3;
    const [p] = problems(j);
    expect(p).toMatchObject({ path: "indicators[0].statedscore" });
    expect(p!.zh).toContain("「statedScore」");
    expect(p!.en).toContain('did you mean "statedScore"');
  });

  it("points that are not a number", () => {
    const j = minimal();
    (j.indicators as Record<string, unknown>[])[0]!.points = "两分";
    const [p] = problems(j);
    expect(p).toMatchObject({ path: "indicators[0].points", code: "invalid_input" });
    expect(p!.zh).toContain("「两分」不是数字");
    expect(p!.en).toContain('"两分" is not a number');
  });

  it("points given as null", () => {
    const j = minimal();
    (j.indicators as Record<string, unknown>[])[0]!.points = null;
    const [p] = problems(j);
    expect(p!.path).toBe("indicators[0].points");
    expect(p!.zh).toContain("数字");
    expect(p!.zh).toContain("文本");
  });

  it("an amount that is not one", () => {
    const j = minimal();
    j.budget = { budget: "12,34", executed: "0.1234567" };
    const ps = problems(j);
    expect(ps.map((p) => [p.path, p.code])).toEqual([
      ["budget.budget", "invalid_amount"],
      ["budget.executed", "invalid_amount"],
    ]);
    expect(ps[0]!.zh).toContain("「12,34」");
    expect(ps[1]!.en).toContain("fen");
  });

  it("an unknown scheme name", () => {
    const j = minimal();
    j.scheme = "provincial";
    const [p] = problems(j);
    expect(p!.path).toBe("scheme");
    expect(p!.zh).toContain('"department-2080"');
    expect(p!.en).toContain('"national-project"');
  });

  it("a custom scheme with wrong fields and with points that do not add up", () => {
    const j = minimal();
    j.scheme = { groups: [{ level1: "产出", points: "50" }] };
    expect(problems(j).map((p) => p.path)).toEqual(["scheme.groups[0].points"]);
    j.scheme = {
      groups: [
        { level1: "产出", points: 50 },
        { level1: "效益", points: 30 },
      ],
    };
    const ps = problems(j);
    expect(ps.map((p) => [p.path, p.code])).toEqual([["scheme.groups", "invalid_scheme"]]);
    j.scheme = { groups: [{ level1: "其他", points: 90 }] };
    expect(problems(j).map((p) => p.path)).toEqual(["scheme.groups[0].level1"]);
  });

  it("a level-1 name that is not one", () => {
    const j = minimal();
    (j.indicators as Record<string, unknown>[])[0]!.level1 = "其他指标";
    const [p] = problems(j);
    expect(p!.path).toBe("indicators[0].level1");
    expect(p!.en).toContain("not recognised");
  });

  it("an empty indicator list, a bad tier, a structured target with a wrong field", () => {
    const j = minimal();
    j.indicators = [];
    expect(problems(j)[0]).toMatchObject({ path: "indicators", zh: "至少需要 1 项" });
    const k = minimal();
    (k.indicators as Record<string, unknown>[])[0]!.tier = "excellent";
    expect(problems(k)[0]!.path).toBe("indicators[0].tier");
    const m = minimal();
    (m.indicators as Record<string, unknown>[])[0]!.target = { text: "≥10", value: "10" };
    expect(problems(m)[0]).toMatchObject({ path: "indicators[0].target.value", zh: "应为数字，实际为文本" });
  });

  it("not an object at all", () => {
    for (const j of [null, 5, "x", []]) expect(problems(j)[0]).toMatchObject({ path: "", code: "invalid_input" });
  });

  it("as one DomainError when a caller wants to throw", () => {
    const j = minimal();
    j.budget = { budget: "x", executed: "y" };
    const e = problemsToDomainError(problems(j))!;
    expect(e.code).toBe("invalid_amount");
    expect(e.text.zh.split("\n")).toHaveLength(2);
    expect(e.text.en).toContain("budget.executed:");
  });
});

describe("schemes by id, alias and extension (issue 12)", () => {
  it("department-20-80 (the demo's stored id) is department-2080, and scores the same", () => {
    const a = parseEvaluationInput({ ...SEED_002, scheme: "department-20-80" });
    if (!a.ok) throw new Error(JSON.stringify(a.problems));
    expect(a.value.scheme).toBe(DEPARTMENT_2080_SCHEME);
    expect(scoreEvaluation(a.value).scheme.id).toBe("department-2080");
  });

  it("every built-in id is accepted, and a custom scheme may extend one and keep its rule", () => {
    for (const id of ["national-project", "sichuan-project", "chongqing-project", "ningxia-department"]) {
      const r = parseEvaluationInput({ ...SEED_002, scheme: id });
      expect([id, r.ok]).toEqual([id, true]);
    }
    const r = parseEvaluationInput({ ...SEED_002, scheme: { extends: "sichuan-project", id: "x", version: "2025" } });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.scheme).toMatchObject({ id: "x", version: "2025", pointsRule: "scale-to-total" });
  });

  it("statedCoefficient (得分系数) is a stated score of coefficient × points", () => {
    const j = structuredClone(SEED_002);
    j.indicators[0] = { ...j.indicators[0], statedScore: undefined, statedCoefficient: "0.5" };
    const r = parseEvaluationInput(j);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const first = scoreEvaluation(r.value).indicators[0]!;
    expect(first.statedScore).toBe(first.inputPoints / 2);
  });
});

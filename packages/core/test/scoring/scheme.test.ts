import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/errors/domain-error.ts";
import { fromNumber, parseDecimal, toDecimalString } from "../../src/numbers/decimal.ts";
import {
  BUILTIN_SCHEMES,
  canonicalSchemeId,
  DEPARTMENT_2080_SCHEME,
  effectiveGroupPoints,
  gradeOf,
  level1Of,
  NATIONAL_PROJECT_SCHEME,
  PASS_FAIL_GRADES,
  type ScoringScheme,
  STANDARD_GRADES,
  schemeById,
  schemeProblems,
  validateScheme,
} from "../../src/scoring/scheme.ts";
import { checkSchemeJson } from "../../src/scoring/scheme-json.ts";

describe("level-1 names", () => {
  it.each([
    ["产出指标", "output"],
    ["产出", "output"],
    ["产出 指标", "output"],
    ["效益指标", "effect"],
    ["效益", "effect"],
    ["效益指标(30分)", "effect"],
    ["满意度指标", "satisfaction"],
    ["满意度 指标 (10分)", "satisfaction"],
    ["满意度", "satisfaction"],
    ["服务对象满意度", "satisfaction"],
    ["服务对象满意度指标", "satisfaction"],
    ["成本指标", "cost"],
    ["成本", "cost"],
    ["一、产出指标", "output"],
    // the older Sichuan goal table
    ["项目完成指标", "output"],
    ["项目产出指标", "output"],
    ["项目效益指标", "effect"],
    // a band of points the group may take (重庆 审批表)
    ["产出指标 (40-50)分", "output"],
    ["成本指标(0-20)分", "cost"],
  ] as const)("%s → %s", (name, key) => {
    expect(level1Of(name)).toBe(key);
  });

  it("does not guess", () => {
    expect(level1Of("数量指标")).toBeUndefined();
    expect(level1Of("")).toBeUndefined();
  });
});

describe("built-in schemes", () => {
  it("are valid", () => {
    expect(schemeProblems(NATIONAL_PROJECT_SCHEME)).toEqual([]);
    expect(schemeProblems(DEPARTMENT_2080_SCHEME)).toEqual([]);
    expect(validateScheme(NATIONAL_PROJECT_SCHEME)).toBe(NATIONAL_PROJECT_SCHEME);
  });

  it("national: 10 / 50 / 30 / 10; without 满意度 its 10 points go 5 + 5 to 产出 and 效益", () => {
    const all = effectiveGroupPoints(NATIONAL_PROJECT_SCHEME, new Set(["output", "effect", "satisfaction"]));
    expect([...all].map(([k, v]) => [k, toDecimalString(v)])).toEqual([
      ["output", "50"],
      ["effect", "30"],
      ["satisfaction", "10"],
    ]);
    const moved = effectiveGroupPoints(NATIONAL_PROJECT_SCHEME, new Set(["output", "effect"]));
    expect([...moved].map(([k, v]) => [k, toDecimalString(v)])).toEqual([
      ["output", "55"],
      ["effect", "35"],
    ]);
  });

  it("department 2080 keeps a missing group's points (no rule to move them)", () => {
    const m = effectiveGroupPoints(DEPARTMENT_2080_SCHEME, new Set(["output", "effect"]));
    expect(toDecimalString(m.get("satisfaction")!)).toBe("10");
  });
});

describe("grades", () => {
  const g = (t: string) => gradeOf(parseDecimal(t)!, STANDARD_GRADES);
  it("优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60", () => {
    expect(g("100")).toBe("优");
    expect(g("92")).toBe("优");
    expect(g("90")).toBe("优");
    expect(g("89.99")).toBe("良");
    expect(g("80")).toBe("良");
    expect(g("79.99")).toBe("中");
    expect(g("60")).toBe("中");
    expect(g("59.99")).toBe("差");
    expect(g("0")).toBe("差");
  });
  it("合格/不合格 variant", () => {
    expect(gradeOf(fromNumber(65), PASS_FAIL_GRADES)).toBe("合格");
    expect(gradeOf(fromNumber(59.5), PASS_FAIL_GRADES)).toBe("不合格");
    expect(gradeOf(fromNumber(85), PASS_FAIL_GRADES)).toBe("良");
  });
});

describe("scheme validation", () => {
  const bad = (patch: Partial<ScoringScheme>) => schemeProblems({ ...NATIONAL_PROJECT_SCHEME, ...patch });

  it("weights must be > 0 and add up to 100 with the execution points", () => {
    expect(bad({ execution: { points: 0, capAt100: true } }).map((p) => p.path)).toContain("execution.points");
    const neg = bad({
      groups: [
        { level1: "output", points: -50 },
        { level1: "effect", points: 30 },
        { level1: "satisfaction", points: 10 },
      ],
    });
    expect(neg.map((p) => p.path)).toContain("groups[0].points");
    const sum = bad({
      groups: [
        { level1: "output", points: 40 },
        { level1: "effect", points: 30 },
        { level1: "satisfaction", points: 10 },
      ],
    });
    expect(sum.map((p) => p.path)).toContain("groups");
    expect(sum.find((p) => p.path === "groups")!.zh).toContain("10 + 40 + 30 + 10");
  });

  it("no duplicate groups; moved points go to existing groups and add up", () => {
    const dup = bad({
      groups: [
        { level1: "output", points: 50 },
        { level1: "output", points: 30 },
        { level1: "satisfaction", points: 10 },
      ],
    });
    expect(dup.map((p) => p.path)).toContain("groups[1].level1");
    expect(bad({ whenMissing: { satisfaction: { output: 4, effect: 5 } } }).map((p) => p.path)).toContain(
      "whenMissing.satisfaction",
    );
    expect(bad({ whenMissing: { satisfaction: { cost: 10 } } }).map((p) => p.path)).toContain(
      "whenMissing.satisfaction.cost",
    );
    expect(bad({ whenMissing: { cost: { output: 10 } } }).map((p) => p.path)).toContain("whenMissing.cost");
  });

  it("grade bands cover 0–100", () => {
    expect(
      bad({
        grades: [
          { grade: "优", min: 90 },
          { grade: "良", min: 80 },
        ],
      }).map((p) => p.path),
    ).toContain("grades");
    expect(bad({ grades: [] }).map((p) => p.path)).toContain("grades");
    expect(
      bad({
        grades: [
          { grade: "优", min: 120 },
          { grade: "差", min: 0 },
        ],
      }).map((p) => p.path),
    ).toContain("grades[0].min");
    expect(
      bad({
        grades: [
          { grade: "优", min: 0 },
          { grade: "优", min: 50 },
        ],
      }).map((p) => p.path),
    ).toContain("grades[1].grade");
  });

  it("qualitative tiers cover 0–100 and suggest inside themselves", () => {
    const t = NATIONAL_PROJECT_SCHEME.qualitative;
    expect(bad({ qualitative: [t[0]!, t[1]!] }).map((p) => p.path)).toContain("qualitative");
    expect(bad({ qualitative: [{ ...t[0]!, suggest: 50 }, t[1]!, t[2]!] }).map((p) => p.path)).toContain(
      "qualitative[0].suggest",
    );
    expect(bad({ qualitative: [{ ...t[0]!, min: 85 }, t[1]!, t[2]!] }).map((p) => p.path)).toContain("qualitative");
  });

  it("rules and rounding are known values", () => {
    expect(bad({ lowerIsBetter: "x" as never }).map((p) => p.path)).toContain("lowerIsBetter");
    expect(bad({ equalsZero: "x" as never }).map((p) => p.path)).toContain("equalsZero");
    expect(
      bad({ rounding: { indicator: "0.5" as never, execution: "0.01", total: "1" } }).map((p) => p.path),
    ).toContain("rounding.indicator");
  });

  it("validateScheme throws an invalid_scheme DomainError listing the problems", () => {
    try {
      validateScheme({ ...NATIONAL_PROJECT_SCHEME, id: "x", execution: { points: -1, capAt100: true } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe("invalid_scheme");
      expect((e as DomainError).text.zh).toContain("execution.points");
      expect((e as DomainError).text.en).toContain("must be > 0");
    }
  });
});

describe("schemes as data (issue 12)", () => {
  it("every built-in scheme is valid and adds up to 100", () => {
    for (const s of Object.values(BUILTIN_SCHEMES)) {
      expect([s.id, schemeProblems(s)]).toEqual([s.id, []]);
      const total = s.execution.points + s.groups.reduce((a, g) => a + g.points, 0);
      expect([s.id, total]).toEqual([s.id, 100]);
    }
  });

  it("department-20-80 (the demo's id) is department-2080", () => {
    expect(schemeById("department-20-80")).toBe(DEPARTMENT_2080_SCHEME);
    expect(schemeById("department-2080")).toBe(DEPARTMENT_2080_SCHEME);
    expect(canonicalSchemeId("department-20-80")).toBe("department-2080");
    expect(schemeById("provincial")).toBeUndefined();
  });

  it("reads 决策 and 管理（过程） as level-1 groups (Ningxia)", () => {
    expect(level1Of("决策指标")).toBe("decision");
    expect(level1Of("决策(20分)")).toBe("decision");
    expect(level1Of("管理（过程）")).toBe("process");
    expect(level1Of("过程指标")).toBe("process");
    expect(level1Of("项目管理(25分)")).toBe("process");
    expect(level1Of("项目决策")).toBe("decision");
    // bare 管理 / 过程 are ordinary words in other cells
    expect(level1Of("管理")).toBeUndefined();
    expect(level1Of("过程")).toBeUndefined();
  });

  it("grade bands highest first; capAt100 required; points with at most two decimals; known rules", () => {
    const bad = (patch: Partial<ScoringScheme>) => schemeProblems({ ...NATIONAL_PROJECT_SCHEME, ...patch });
    const upside = bad({ grades: [...STANDARD_GRADES].reverse() });
    expect(upside.map((p) => p.path)).toContain("grades[1].min");
    expect(upside.find((p) => p.path === "grades[1].min")!.zh).toContain("从高到低");
    expect(bad({ execution: { points: 10, capAt100: false } }).map((p) => p.path)).toEqual(["execution.capAt100"]);
    expect(bad({ pointsRule: "x" as never }).map((p) => p.path)).toEqual(["pointsRule"]);
    expect(
      bad({
        groups: [
          { level1: "output", points: 49.995 },
          { level1: "effect", points: 30.005 },
          { level1: "satisfaction", points: 10 },
        ],
      }).map((p) => p.path),
    ).toEqual(["groups[0].points", "groups[1].points"]);
    expect(bad({ folds: { output: "effect" } }).map((p) => p.path)).toEqual(["folds.output"]);
    expect(bad({ executionWithin: "process" }).map((p) => p.path)).toEqual(["executionWithin"]);
  });
});

describe("checkSchemeJson: a finance bureau's own scheme", () => {
  const own = () => JSON.parse(JSON.stringify(NATIONAL_PROJECT_SCHEME)) as Record<string, unknown>;

  it("accepts a built-in scheme's JSON and a changed one that adds up", () => {
    expect(checkSchemeJson(own())).toEqual({ ok: true, scheme: NATIONAL_PROJECT_SCHEME });
    for (const s of Object.values(BUILTIN_SCHEMES)) {
      expect(checkSchemeJson(JSON.parse(JSON.stringify(s)))).toEqual({ ok: true, scheme: s });
    }
    const j = own();
    j.id = "qingshan-2025";
    j.groups = [
      { level1: "output", points: 40 },
      { level1: "effect", points: 40 },
      { level1: "satisfaction", points: 10 },
    ];
    j.whenMissing = undefined;
    const r = checkSchemeJson(JSON.parse(JSON.stringify(j)));
    expect(r.ok).toBe(true);
  });

  it("names every problem at its field, in Chinese and English", () => {
    const j = own();
    j.groups = [
      { level1: "output", points: 50 },
      { level1: "effect", points: 20 },
      { level1: "satisfaction", points: 10 },
    ];
    const r = checkSchemeJson(j);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path)).toEqual(["groups"]);
    expect(r.problems[0]!.zh).toContain("10 + 50 + 20 + 10");
    const shape = checkSchemeJson({ ...own(), groups: [{ level1: "产出", points: "50" }], extra: 1 });
    expect(shape.ok).toBe(false);
    if (shape.ok) return;
    expect(shape.problems.map((p) => p.path).sort()).toEqual(["extra", "groups[0].level1", "groups[0].points"]);
    for (const p of shape.problems) {
      expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.en).toMatch(/[a-z]/);
    }
    expect(checkSchemeJson([1, 2])).toMatchObject({ ok: false, problems: [{ path: "" }] });
  });
});

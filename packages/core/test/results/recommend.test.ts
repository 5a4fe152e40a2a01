import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkResultRules,
  DEFAULT_RESULT_RULES,
  linkContinuing,
  type NextProject,
  type PreviousProject,
  RESULT_ACTIONS,
  type ResultRules,
  recommendBudgets,
  severity,
} from "../../src/results/index.ts";

const prev = (
  over: Partial<PreviousProject> & { evaluation?: PreviousProject["evaluation"] } = {},
): PreviousProject => ({
  id: "p2024",
  orgId: "u",
  code: null,
  name: "2024年度警用车辆维护",
  annualFunds: "450000.00",
  evaluation: {
    id: "e1",
    total: "85",
    grade: "良",
    budget: "450000.00",
    executed: "441000.00",
    approved: true,
  },
  ...over,
});
const next = (over: Partial<NextProject> = {}): NextProject => ({
  id: "n2025",
  orgId: "u",
  code: null,
  name: "2025年度警用车辆维护",
  requested: "500000.00",
  ...over,
});
const one = (p: PreviousProject, n: NextProject = next(), rules: ResultRules = DEFAULT_RESULT_RULES) =>
  recommendBudgets({ projects: [n], previous: [p], rules })[0]!;

describe("recommendBudgets: linking next year's project to this year's", () => {
  it("links by the carry-forward link first, then the code, then the name without its year", () => {
    const a = prev({ id: "a", name: "甲项目" });
    const b = prev({ id: "b", code: "C-1", name: "乙项目" });
    const c = prev({ id: "c", name: "2024年 丙项目" });
    const r = recommendBudgets({
      projects: [
        next({ id: "x", name: "完全改名的项目" }),
        next({ id: "y", code: "C-1", name: "另一个名字" }),
        next({ id: "z", name: "2025年丙项目" }),
        next({ id: "w", name: "新项目" }),
      ],
      previous: [a, b, c],
      links: [{ sourceId: "a", targetId: "x" }],
      rules: DEFAULT_RESULT_RULES,
    });
    expect(r.map((x) => [x.previous?.projectId ?? null, x.previous?.linkedBy ?? null, x.status])).toEqual([
      ["a", "carry_forward", "recommended"],
      ["b", "code", "recommended"],
      ["c", "name", "recommended"],
      [null, null, "new"],
    ]);
  });

  it("does not link projects of different units", () => {
    expect(one(prev({ orgId: "other" })).status).toBe("new");
  });

  it("says a continuing project was not evaluated when last year's has no score", () => {
    const r = one(prev({ evaluation: null }));
    expect(r).toMatchObject({ status: "not_evaluated", action: null });
    expect(r.reasons[0]!.zh).toContain("尚无自评得分");
  });
});

describe("linkContinuing: what tells a new project (事前绩效评估) from a continuing one", () => {
  const last = [
    { id: "a", orgId: "u", code: "ZX-07", name: "执法记录仪运维" },
    { id: "b", orgId: "u", code: null, name: "2024年度 道路交通安全宣传" },
    { id: "c", orgId: "other", code: null, name: "智能信号灯新建" },
  ];
  const next = [
    { id: "x", orgId: "u", code: "ZX-07", name: "执法记录仪运维（扩容）" },
    { id: "y", orgId: "u", code: null, name: "2025年度道路交通安全宣传" },
    { id: "z", orgId: "u", code: null, name: "智能信号灯新建" },
    { id: "w", orgId: "u", code: null, name: "警用无人机购置" },
  ];
  it("links by code and by name without the year, in the same unit only; the rest are new", () => {
    const links = linkContinuing({ projects: next, previous: last });
    expect([...links].map(([id, l]) => [id, l.prev.id, l.by])).toEqual([
      ["x", "a", "code"],
      ["y", "b", "name"],
    ]);
    expect(next.filter((n) => !links.has(n.id)).map((n) => n.id)).toEqual(["z", "w"]);
  });
  it("prefers the carry-forward link, and gives the same links recommendBudgets reports", () => {
    const links = linkContinuing({ projects: next, previous: last, links: [{ sourceId: "b", targetId: "w" }] });
    expect(links.get("w")).toMatchObject({ prev: { id: "b" }, by: "carry_forward" });
    const recs = recommendBudgets({
      projects: next.map((n) => ({ ...n, requested: null })),
      previous: last.map((p) => ({ ...p, annualFunds: null, evaluation: null })),
      links: [{ sourceId: "b", targetId: "w" }],
      rules: DEFAULT_RESULT_RULES,
    });
    expect(recs.map((r) => [r.projectId, r.previous?.projectId ?? null, r.status])).toEqual([
      ["x", "a", "not_evaluated"],
      ["y", "b", "not_evaluated"],
      ["z", null, "new"],
      ["w", "b", "not_evaluated"],
    ]);
  });
});

describe("recommendBudgets: the bureau's rules", () => {
  it("良 with execution 98% → 维持, no cut", () => {
    const r = one(prev());
    expect(r).toMatchObject({ action: "maintain", cutPercent: null, ceiling: null, rectificationRequired: false });
    expect(r.evaluation).toMatchObject({ grade: "良", executionRate: "98.00" });
    expect(r.reasons.map((x) => x.zh)).toEqual(["上年自评85分，等级「良」：维持"]);
  });

  it("差 → 压减 at least 30% of this year's budget, with the ceiling and the reduction of the request", () => {
    const r = one(prev({ evaluation: { ...prev().evaluation!, total: "55", grade: "差" } }));
    expect(r).toMatchObject({
      action: "cut",
      cutPercent: "30",
      baseline: "450000.00",
      ceiling: "315000.00",
      requested: "500000.00",
      reduction: "185000.00",
      rectificationRequired: true,
    });
  });

  it("中 with execution below 60% → 压减 the unspent share (the stricter rule wins, both are reasons)", () => {
    const r = one(prev({ evaluation: { ...prev().evaluation!, total: "72", grade: "中", executed: "225000.00" } }));
    expect(r.action).toBe("cut");
    expect(r.cutPercent).toBe("50");
    expect(r.ceiling).toBe("225000.00");
    expect(r.rectificationRequired).toBe(true);
    expect(r.reasons.map((x) => x.rule)).toEqual(["grade", "execution", "execution"]);
    expect(r.reasons[1]!.zh).toBe("上年预算执行率50.00%，低于60%：压减，压减不少于50%（未执行比例）");
  });

  it("takes the grade from the standard bands when the stored one is missing, and says when it is not approved", () => {
    const r = one(prev({ evaluation: { ...prev().evaluation!, total: "93.5", grade: null, approved: false } }));
    expect(r).toMatchObject({ action: "prioritise", evaluation: { grade: "优", approved: false } });
    expect(r.reasons.at(-1)!.rule).toBe("not_approved");
  });

  it("a grade without a rule gives no action and says so", () => {
    const r = one(prev({ evaluation: { ...prev().evaluation!, grade: "合格" } }));
    expect(r.action).toBeNull();
    expect(r.reasons[0]).toMatchObject({ rule: "no_rule" });
  });

  it("uses last year's 年度资金 as the baseline when the evaluation has no 全年预算数", () => {
    const r = one(
      prev({
        annualFunds: "100000.00",
        evaluation: { ...prev().evaluation!, grade: "差", budget: null, executed: null },
      }),
    );
    expect(r).toMatchObject({ baseline: "100000.00", ceiling: "70000.00", evaluation: { executionRate: null } });
  });
});

describe("checkResultRules", () => {
  it("accepts the defaults", () => {
    expect(checkResultRules(DEFAULT_RESULT_RULES)).toBe(DEFAULT_RESULT_RULES);
  });
  it.each([
    [
      { grades: [{ grade: "差", action: "cut", cutPercent: "130", rectification: false }], execution: [] },
      "grades[0].cutPercent",
    ],
    [
      { grades: [{ grade: "差", action: "cut", cutPercent: null, rectification: false }], execution: [] },
      "grades[0].cutPercent",
    ],
    [
      {
        grades: [
          { grade: "优", action: "prioritise", cutPercent: null, rectification: false },
          { grade: " 优", action: "maintain", cutPercent: null, rectification: false },
        ],
        execution: [],
      },
      "grades[1].grade",
    ],
    [
      { grades: [], execution: [{ below: "abc", action: "adjust", cutPercent: null, cutUnspent: false }] },
      "execution[0].below",
    ],
    [
      { grades: [], execution: [{ below: "60", action: "cut", cutPercent: null, cutUnspent: false }] },
      "execution[0].cutPercent",
    ],
  ] as [ResultRules, string][])("refuses a wrong rule set at its field (%#)", (rules, field) => {
    expect(() => checkResultRules(rules)).toThrow(
      expect.objectContaining({ code: "invalid_input", location: { field } }),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties

const fen = fc.bigInt({ min: 1n, max: 10_000_000_000n });
const yuan = (f: bigint) => `${f / 100n}.${String(f % 100n).padStart(2, "0")}`;
const percentText = fc.integer({ min: 0, max: 10000 }).map((n) => (n / 100).toFixed(2));
const action = fc.constantFrom(...RESULT_ACTIONS);
const rulesArb: fc.Arbitrary<ResultRules> = fc.record({
  grades: fc
    .tuple(action, action, action, action, percentText, percentText, percentText, percentText)
    .map(([a, b, c, d, pa, pb, pc, pd]) =>
      (["优", "良", "中", "差"] as const).map((grade, i) => ({
        grade,
        action: [a, b, c, d][i]!,
        cutPercent: [pa, pb, pc, pd][i]!,
        rectification: i >= 2,
      })),
    ),
  execution: fc.array(
    fc.record({
      below: percentText,
      action,
      cutPercent: fc.option(percentText, { nil: null }),
      cutUnspent: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
});
const evaluationArb = fc.record({
  total: fc.integer({ min: 0, max: 1000 }).map((n) => String(n / 10)),
  budget: fen,
  executedShare: fc.integer({ min: 0, max: 120 }),
  requested: fc.option(fen, { nil: null }),
});

describe("recommendBudgets: properties", () => {
  it("the action is at least as strict as the grade's, the ceiling keeps at least the cut, the reduction is what the request exceeds", () => {
    fc.assert(
      fc.property(rulesArb, evaluationArb, (rules, e) => {
        const executed = (e.budget * BigInt(e.executedShare)) / 100n;
        const r = one(
          prev({
            evaluation: {
              id: "e",
              total: e.total,
              grade: null,
              budget: yuan(e.budget),
              executed: yuan(executed),
              approved: true,
            },
          }),
          next({ requested: e.requested === null ? null : yuan(e.requested) }),
          rules,
        );
        expect(r.status).toBe("recommended");
        const gradeRule = rules.grades.find((g) => g.grade === r.evaluation!.grade)!;
        expect(severity(r.action!)).toBeGreaterThanOrEqual(severity(gradeRule.action));
        if (r.ceiling !== null) {
          const ceiling = BigInt(r.ceiling.replace(".", ""));
          expect(ceiling).toBeLessThanOrEqual(e.budget);
          // the cut is at least the percentage: (budget − ceiling) ÷ budget ≥ cut%, the shown percentage being
          // rounded to 0.01 (so within half a basis point of the exact one)
          const cutBp = BigInt(
            r.cutPercent!.includes(".")
              ? r.cutPercent!.replace(/\.(\d)$/, ".$10").replace(".", "")
              : `${r.cutPercent}00`,
          );
          expect((e.budget - ceiling) * 20000n).toBeGreaterThanOrEqual(e.budget * (2n * cutBp - 1n));
          if (e.requested !== null) {
            const reduction = BigInt(r.reduction!.replace(".", ""));
            expect(reduction).toBe(e.requested > ceiling ? e.requested - ceiling : 0n);
          }
        }
      }),
    );
  });

  it("with the default rules a lower score or a lower execution never gives a milder action", () => {
    fc.assert(
      fc.property(evaluationArb, evaluationArb, (a, b) => {
        const at = (total: string, share: number) =>
          one(
            prev({
              evaluation: {
                id: "e",
                total,
                grade: null,
                budget: "1000000.00",
                executed: yuan((100_000_000n * BigInt(share)) / 100n),
                approved: true,
              },
            }),
          ).action!;
        const [lowT, highT] = Number(a.total) <= Number(b.total) ? [a.total, b.total] : [b.total, a.total];
        const [lowS, highS] = [Math.min(a.executedShare, b.executedShare), Math.max(a.executedShare, b.executedShare)];
        expect(severity(at(lowT, lowS))).toBeGreaterThanOrEqual(severity(at(highT, highS)));
      }),
    );
  });
});

import { describe, expect, it } from "vitest";
import {
  level1Groups,
  noIndicators,
  placeholder,
  requiredFields,
  targetMissing,
} from "../../src/review/rules/completeness.ts";
import { buildDocument, buildDuty, buildDutyTable, buildProject, ind, threeGroups } from "./factory.ts";
import { run } from "./helpers.ts";

describe("completeness.level1-groups", () => {
  it("fails when a project lacks 满意度指标", () => {
    const doc = buildDocument({ projects: [buildProject({ indicators: threeGroups().slice(0, 2) })] });
    const [f, ...rest] = run(level1Groups, doc);
    expect(rest).toHaveLength(0);
    expect(f!.message).toContain("满意度指标");
    expect(f!.location.path).toBe("projects[0]");
  });
  it("passes with 产出/效益/满意度, and with the 成本 framework's set", () => {
    expect(run(level1Groups, buildDocument({ projects: [buildProject()] }))).toEqual([]);
    const cost = [...threeGroups(), ind("培训费", "≤500元/人/天", { level1: "成本指标" })];
    expect(run(level1Groups, buildDocument({ projects: [buildProject({ indicators: cost })] }))).toEqual([]);
  });
  it("a region can require 成本 as well", () => {
    const doc = buildDocument({ projects: [buildProject()] });
    expect(run(level1Groups, doc, { level1Sets: [["output", "cost", "effect", "satisfaction"]] })).toHaveLength(1);
  });
});

describe("completeness.no-indicators", () => {
  it("fails for an activity without indicators", () => {
    const table = buildDutyTable({
      duties: [
        buildDuty({
          activities: [{ name: "经济犯罪", text: "　　经济犯罪", indicators: [], location: { file: "t", row: 122 } }],
        }),
      ],
    });
    const f = run(noIndicators, buildDocument({ dutyGoals: [table] }));
    expect(f.map((x) => x.location.row)).toEqual([122]);
  });
  it("passes for a duty whose activities carry the indicators", () => {
    expect(run(noIndicators, buildDocument({ dutyGoals: [buildDutyTable()] }))).toEqual([]);
  });
});

describe("completeness.target-missing", () => {
  it("fails for an indicator with an empty target", () => {
    const p = buildProject({ indicators: [...threeGroups(), ind("培训次数", "", { level1: "产出指标" })] });
    const f = run(targetMissing, buildDocument({ projects: [p] }));
    expect(f).toHaveLength(1);
    expect(f[0]!.location.path).toBe("projects[0].indicators[3].target");
  });
  it("passes when every indicator has a target", () => {
    expect(run(targetMissing, buildDocument({ projects: [buildProject()] }))).toEqual([]);
  });
});

describe("completeness.required-fields", () => {
  it("fails for a project without budget or goal", () => {
    const p = buildProject({ budget: undefined, goal: undefined });
    const f = run(requiredFields, buildDocument({ projects: [p] }));
    expect(f.map((x) => x.location.field)).toEqual(["budget", "goal"]);
  });
  it("passes for a complete project; a region can drop a field", () => {
    expect(run(requiredFields, buildDocument({ projects: [buildProject()] }))).toEqual([]);
    const p = buildProject({ goal: undefined });
    expect(run(requiredFields, buildDocument({ projects: [p] }), { requiredFields: { project: ["name"] } })).toEqual(
      [],
    );
  });
});

describe("completeness.placeholder", () => {
  it("fails once per row for `**` cells", () => {
    const i = ind("**", "**", { location: { file: "t", table: 2, row: 102, column: 5 } });
    const p = buildProject({ indicators: [...threeGroups(), i] });
    const f = run(placeholder, buildDocument({ projects: [p] }));
    expect(f).toHaveLength(1);
    expect(f[0]!.location).toMatchObject({ table: 2, row: 102 });
    expect(f[0]!.details?.count).toBe(2);
  });
  it("passes when nothing is a placeholder (a `*` inside text is not one)", () => {
    const p = buildProject({ goal: "完成*项任务" });
    expect(run(placeholder, buildDocument({ projects: [p] }))).toEqual([]);
  });
});

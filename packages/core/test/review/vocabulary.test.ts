import { describe, expect, it } from "vitest";
import { costAtLeast } from "../../src/review/rules/indicators.ts";
import { LEVEL1_NAMES } from "../../src/scoring/scheme.ts";
import {
  INDICATOR_FRAMEWORK,
  isCostIndicator,
  level2NamesOf,
  level2Of,
} from "../../src/vocabulary/indicator-framework.ts";
import { buildDocument, buildProject, ind } from "./factory.ts";
import { run } from "./helpers.ts";

describe("the indicator framework vocabulary", () => {
  it("takes its level-1 names from scoring's LEVEL1_NAMES (one source)", () => {
    expect(INDICATOR_FRAMEWORK.map((l) => l.name)).toEqual(
      (["output", "effect", "satisfaction", "cost"] as const).map((k) => LEVEL1_NAMES[k].zh),
    );
  });
  it("gives the level-2 names under a level 1 as written, with or without 指标 or a points note", () => {
    expect(level2NamesOf("产出指标")).toEqual(["数量指标", "质量指标", "时效指标", "成本指标"]);
    expect(level2NamesOf("产出 (50分)")).toEqual(level2NamesOf("产出指标"));
    expect(level2NamesOf("满意度")).toEqual(["服务对象满意度指标"]);
    expect(level2NamesOf("其他")).toEqual([]);
  });
  it("reads a level-2 name to its kind", () => {
    expect(level2Of("时效")).toBe("timeliness");
    expect(level2Of("社会效益 指标")).toBe("social");
    expect(level2Of("成本指标", "产出指标")).toBe("output-cost");
    // the older forms' name of the satisfaction level 2
    expect(level2Of("社会公众或服务对象满意度指标")).toBe("service-satisfaction");
    // and of the ecological one (环境效益)
    expect(level2Of("环境效益")).toBe("ecological");
    // a region's wording of a category, by how it ends — not an indicator's own name
    expect(level2Of("可持续性发展影响指标")).toBe("sustainability");
    expect(level2Of("服务对象或受益者满意度指标")).toBe("service-satisfaction");
    expect(level2Of("群众满意度")).toBeUndefined();
    expect(level2Of("专项指标")).toBeUndefined();
  });
  it("reads a level-2 name with a form's worded note after 指标 (必填, 选填硬性指标), for every level 2", () => {
    for (const l1 of INDICATOR_FRAMEWORK)
      for (const c of l1.children)
        for (const note of ["(必填)", "（选填）", "(必填硬性指标)", " (选填)"]) {
          expect(level2Of(`${c.name}${note}`, l1.name)).toBe(c.key);
        }
    // a note with a figure or a placeholder is an indicator's own (满意度(≥**%)), not a category's
    expect(level2Of("受助对象满意度(≥**%)")).toBeUndefined();
    expect(level2Of("数量指标(3项)")).toBeUndefined();
  });
  it("knows a cost indicator by level 1 or level 2, as the review rule does", () => {
    expect(isCostIndicator("成本指标", "经济成本指标")).toBe(true);
    expect(isCostIndicator("产出指标", "成本")).toBe(true);
    expect(isCostIndicator("产出指标", "成本控制指标")).toBe(true);
    expect(isCostIndicator("产出指标", "数量指标")).toBe(false);
    const doc = (level2: string) =>
      buildDocument({
        projects: [buildProject({ indicators: [ind("培训费", "≥500元/人/天", { level1: "产出指标", level2 })] })],
      });
    expect(run(costAtLeast, doc("成本"))).toHaveLength(1);
    expect(run(costAtLeast, doc("数量指标"))).toEqual([]);
  });
});

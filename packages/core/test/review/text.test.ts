import { describe, expect, it } from "vitest";
import { changeWithoutReason, quantityDiffers, quantityUnmeasured } from "../../src/review/rules/text.ts";
import { amount, buildDisclosure, buildDocument, buildProject, ind, threeGroups } from "./factory.ts";
import { run } from "./helpers.ts";

const project = (goal: string, ...targets: [string, string][]) =>
  buildDocument({
    projects: [
      buildProject({
        goal,
        indicators: [...threeGroups(), ...targets.map(([n, t]) => ind(n, t, { level1: "产出指标" }))],
      }),
    ],
  });

describe("text.quantity-differs", () => {
  it("seed 004 project 3: the goal's 5475件 against the indicator's ≥1200件", () => {
    const [f] = run(quantityDiffers, project("为各基层单位购置5475件警用装备。", ["购置警用装备数量", "≥1200件"]));
    expect(f!.details).toMatchObject({ stated: "5475", computed: "1200", unit: "件" });
    expect(f!.location.field).toBe("goal");
  });
  it("passes when an indicator has the figure, or consecutive ones add up to it (266343人次)", () => {
    expect(run(quantityDiffers, project("租赁警用电动自行车1000辆。", ["电动自行车", "1000辆"]))).toEqual([]);
    const doc = project(
      "预计完成266343人次考试业务，处理交通违法不低于20万次。",
      ["科目三小车", "122833"],
      ["科目三大车", "15310"],
      ["科目二小车", "115000"],
      ["科目二大车", "13200"],
      ["处理违法", "≥200000次"],
    );
    for (const i of doc.projects[0]!.indicators.slice(3, 7))
      i.target = {
        text: i.target!.text,
        parsed: { kind: "numeric", text: i.target!.text, op: ">=", value: Number(i.target!.text), unit: "人次" },
      };
    expect(run(quantityDiffers, doc)).toEqual([]);
  });
});

describe("text.quantity-unmeasured", () => {
  it("notes a quantity no indicator is measured in", () => {
    const [f] = run(quantityUnmeasured, project("开展宣传活动12场。", ["宣传品", "≥100份"]));
    expect(f!.details).toMatchObject({ stated: "12", unit: "场" });
  });
  it("passes when the unit is measured (even with another value: that is quantity-differs)", () => {
    expect(run(quantityUnmeasured, project("开展宣传活动12场。", ["宣传活动", "≥10场"]))).toEqual([]);
  });
});

describe("text.change-without-reason", () => {
  const doc = (reason?: string) =>
    buildDocument({
      disclosure: buildDisclosure({
        threePublic: {
          text: "四、三公经费\n公务接待费1.31万元，比去年减少0.09万元",
          changes: [{ item: "公务接待费", direction: "减少", amount: amount("0.09"), ...(reason ? { reason } : {}) }],
        },
      }),
    });
  it("fails for a change with no reason", () => {
    expect(run(changeWithoutReason, doc())[0]!.message).toContain("未说明原因");
  });
  it("passes when the reason is given (seed 001: 节省开支)", () => {
    expect(run(changeWithoutReason, doc("节省开支"))).toEqual([]);
  });
});

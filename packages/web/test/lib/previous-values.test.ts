import { describe, expect, it } from "vitest";
import type { CarriedRecord } from "../../src/pages/library/api.ts";
import { previousValuesOf } from "../../src/pages/library/usePreviousValues.ts";

const duty: CarriedRecord = {
  kind: "duty",
  sourceId: "s",
  targetId: "t",
  name: "道路交通安全管理",
  indicators: [
    {
      key: "宣传场次",
      name: "宣传场次",
      level1: null,
      level2: null,
      activity: "交通安全宣传",
      previousTarget: "≥20场",
      previousActual: "26场",
    },
    {
      key: "宣传场次",
      name: "宣传场次（场）",
      level1: null,
      level2: null,
      activity: "进校园",
      previousTarget: "≥10场",
      previousActual: "12场",
    },
    {
      key: "覆盖率",
      name: "覆盖率%",
      level1: null,
      level2: null,
      activity: "进校园",
      previousTarget: "≥90%",
      previousActual: "93%",
    },
  ],
};

describe("previousValuesOf (last year's values beside a carried record's targets)", () => {
  it("keys by the normalised name, the named activity's indicator winning over another's", () => {
    const school = previousValuesOf(duty, "进校园")!;
    expect(school.get("宣传场次")).toEqual({ target: "≥10场", actual: "12场" });
    expect(school.get("覆盖率")).toEqual({ target: "≥90%", actual: "93%" });
    const publicity = previousValuesOf(duty, "交通安全宣传")!;
    expect(publicity.get("宣传场次")).toEqual({ target: "≥20场", actual: "26场" });
    // an activity renamed since: any activity's indicator of that name
    expect(previousValuesOf(duty, "改名后的活动")!.get("覆盖率")).toEqual({ target: "≥90%", actual: "93%" });
    expect(previousValuesOf(undefined)).toBeUndefined();
  });
});

describe("the audit trail says the library's and the carry-forward's actions in words", () => {
  it("names each action and the mark's record type", async () => {
    const { auditActionText, entityTypeText } = await import("../../src/lib/auditText.ts");
    const said = [
      "library.mark",
      "library.unmark",
      "carry_forward.run",
      "project.carry_forward",
      "duty.carry_forward",
    ].map((a) => auditActionText(a, "zh"));
    // none falls back to showing its code
    for (const [i, a] of said.entries()) expect(a, String(i)).not.toMatch(/[a-z_]+\.[a-z_]+/);
    expect(new Set(said).size).toBe(5);
    expect(entityTypeText("library_mark", "en")).toBe("Library mark");
  });
});
